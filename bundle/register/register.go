// Package register builds the threat register from evidence: for each threat of the
// threat model (threats.yaml, embedded) it derives a status from what the controls found
// on the inputs given — Open, Accepted, Mitigated or Not assessed — keeps the findings
// behind it, and measures the metrics the model tracks next to the values the model
// claims. Writers render the register as Markdown, JSON or one self-contained HTML file.
package register

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/exceptions"
	"github.com/stridegate/stridegate/bundle/input"
)

// Statuses a threat can have in the register.
const (
	StatusOpen        = "Open"
	StatusAccepted    = "Accepted"
	StatusMitigated   = "Mitigated"
	StatusNotAssessed = "Not assessed"
)

// Statuses lists every register status, most urgent first.
var Statuses = []string{StatusOpen, StatusAccepted, StatusMitigated, StatusNotAssessed}

// Ratings lists the model's risk ratings, highest first.
var Ratings = []string{"Critical", "High", "Medium", "Low"}

//go:embed threats.yaml
var threatsYAML []byte

// Threat is one threat as the model states it.
type Threat struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Category   string `json:"category"`
	Likelihood string `json:"likelihood"`
	Impact     string `json:"impact"`
	Rating     string `json:"rating"`
	// Status is the status the model claims (Open or Accepted).
	Status string `json:"status"`
}

// ClaimedMetrics is the model's metrics table ("Current" column).
type ClaimedMetrics struct {
	Mitigated        int `json:"mitigated"`
	CriticalOpen     int `json:"critical_open"`
	HighOpen         int `json:"high_open"`
	SHAPinnedPercent int `json:"sha_pinned_percent"`
}

// Model is the threat model's data: its threats and its claimed metrics.
type Model struct {
	Source  string         `json:"source"`
	Threats []Threat       `json:"threats"`
	Metrics ClaimedMetrics `json:"metrics"`
}

// LoadModel returns the embedded threat model.
func LoadModel() (Model, error) {
	var m Model
	if err := yaml.UnmarshalStrict(threatsYAML, &m); err != nil {
		return Model{}, fmt.Errorf("threat model: %w", err)
	}
	seen := map[string]bool{}
	for _, t := range m.Threats {
		if t.ID == "" || seen[t.ID] {
			return Model{}, fmt.Errorf("threat model: missing or duplicate id %q", t.ID)
		}
		seen[t.ID] = true
		if !slices.Contains(Ratings, t.Rating) {
			return Model{}, fmt.Errorf("threat model: %s: rating %q is not one of %v", t.ID, t.Rating, Ratings)
		}
	}
	return m, nil
}

// Pinning is the SHA-pinned share of the remote `uses:` references of the workflows
// given (data.lib.workflow.pinning).
type Pinning struct {
	Pinned int `json:"pinned"`
	Total  int `json:"total"`
}

// Percent is the pinned share in percent, rounded; ok is false when nothing was counted.
func (p *Pinning) Percent() (pct int, ok bool) {
	if p == nil || p.Total == 0 {
		return 0, false
	}
	return percent(p.Pinned, p.Total), true
}

// percent is n/of in percent, rounded half up.
func percent(n, of int) int { return (n*200 + of) / (2 * of) }

// Evidence is what one run measured: the catalog, the input kinds present, the findings
// (with exceptions applied, so accepted findings say so) and the workflow pinning share
// (nil when no workflow was given).
type Evidence struct {
	Controls []bundle.Control
	Kinds    map[input.Kind]bool
	Findings []bundle.Finding
	Pinning  *Pinning
}

// Acceptance is the accepted-risk record behind an accepted finding.
type Acceptance struct {
	Control   string `json:"control"`
	Resource  string `json:"resource"`
	Owner     string `json:"owner,omitempty"`
	Expires   string `json:"expires,omitempty"`
	Rationale string `json:"rationale,omitempty"`
	Ticket    string `json:"ticket,omitempty"`
	// Source is file:line of the exception entry.
	Source string `json:"source,omitempty"`
}

// ControlRun says whether a control covering a threat was evaluated in this run.
type ControlRun struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Inputs []string `json:"inputs"`
	Ran    bool     `json:"ran"`
	// Own is true for the threat's own control (id X or X-*), which decides its status.
	Own bool `json:"own"`
}

// Entry is one row of the register.
type Entry struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Category   string `json:"category"`
	Likelihood string `json:"likelihood"`
	Impact     string `json:"impact"`
	Rating     string `json:"rating"`
	// Claimed is the model's status; Status the one derived from evidence.
	Claimed string `json:"claimed_status"`
	Status  string `json:"status"`
	// Reason says in one sentence why Status was derived.
	Reason      string           `json:"reason"`
	Controls    []ControlRun     `json:"controls"`
	Findings    []bundle.Finding `json:"findings"`
	Acceptances []Acceptance     `json:"acceptances,omitempty"`
	// SupportingOpen counts open findings of supporting guide controls.
	SupportingOpen int `json:"supporting_open"`
}

// isOwn tells whether control id is threat t's own control: t itself or t-SUFFIX.
func isOwn(id, t string) bool { return id == t || strings.HasPrefix(id, t+"-") }

// Agrees tells whether the evidence matches what the model claims.
func (e Entry) Agrees() bool { return e.Status == e.Claimed }

// Metrics are the model's tracked metrics, measured.
type Metrics struct {
	Threats      int      `json:"threats"`
	Open         int      `json:"open"`
	Accepted     int      `json:"accepted"`
	Mitigated    int      `json:"mitigated"`
	NotAssessed  int      `json:"not_assessed"`
	CriticalOpen int      `json:"critical_open"`
	HighOpen     int      `json:"high_open"`
	SHAPinned    *Pinning `json:"sha_pinned"`
	// SHAPinnedPercent is nil when no workflow (or no remote action) was given.
	SHAPinnedPercent *int `json:"sha_pinned_percent"`
}

// Comparison is one metric as the model claims it and as measured.
type Comparison struct {
	Metric   string `json:"metric"`
	Claimed  string `json:"claimed"`
	Measured string `json:"measured"`
}

// Register is the threat register of one run.
type Register struct {
	Source     string       `json:"source"`
	Inputs     []string     `json:"inputs"`
	Threats    []Entry      `json:"threats"`
	Measured   Metrics      `json:"measured"`
	Claimed    Metrics      `json:"claimed"`
	Comparison []Comparison `json:"comparison"`
}

// Build derives the register from the model and the evidence of one run.
//
// A threat is Open when a finding of its own controls (id X or X-*, e.g. I-1, I-1-K8S and
// I-1-SRC for I-1) is not accepted; Accepted when its own controls' findings are all
// accepted — open findings of supporting guide controls (SG-* controls listing the threat)
// are then called out in the reason but do not overturn the acceptance of the threat
// itself; Open when only supporting controls have open findings; Mitigated when a control
// listing it ran (its input kinds were present) and nothing is open; Not assessed
// otherwise. A threat without own controls is decided by every control listing it.
func Build(m Model, ev Evidence) Register {
	r := Register{Source: m.Source, Inputs: kindNames(ev.Kinds)}
	for _, t := range m.Threats {
		e := Entry{
			ID: t.ID, Title: t.Title, Category: t.Category, Likelihood: t.Likelihood,
			Impact: t.Impact, Rating: t.Rating, Claimed: t.Status,
			Controls: []ControlRun{}, Findings: []bundle.Finding{},
		}
		own := map[string]bool{}
		for _, c := range ev.Controls {
			if slices.Contains(c.Threats, t.ID) || isOwn(c.ID, t.ID) {
				e.Controls = append(e.Controls, ControlRun{ID: c.ID, Title: c.Title, Inputs: c.Inputs, Ran: c.Applies(ev.Kinds), Own: isOwn(c.ID, t.ID)})
				if isOwn(c.ID, t.ID) {
					own[c.ID] = true
				}
			}
		}
		decides := func(id string) bool { return len(own) == 0 || own[id] }
		open, decisive, supportingOpen := 0, 0, map[string]int{}
		for _, f := range ev.Findings {
			if !slices.Contains(f.Threats, t.ID) && !isOwn(f.ID, t.ID) {
				continue
			}
			e.Findings = append(e.Findings, f)
			if f.Status == "accepted" {
				e.Acceptances = append(e.Acceptances, acceptanceOf(f))
			}
			switch {
			case !decides(f.ID):
				if f.Status != "accepted" {
					supportingOpen[f.ID]++
				}
			case f.Status == "accepted":
				decisive++
			default:
				decisive++
				open++
			}
		}
		ran := 0
		for _, c := range e.Controls {
			if c.Ran {
				ran++
			}
		}
		supporting := 0
		for _, n := range supportingOpen {
			supporting += n
		}
		switch {
		case open > 0:
			e.Status = StatusOpen
			e.Reason = fmt.Sprintf("%d open finding(s)", open)
			if n := decisive - open; n > 0 {
				e.Reason += fmt.Sprintf(", %d accepted", n)
			}
		case decisive > 0:
			e.Status = StatusAccepted
			e.Reason = fmt.Sprintf("%d finding(s), all accepted", decisive)
		case supporting > 0:
			e.Status = StatusOpen
			e.Reason = fmt.Sprintf("%d open finding(s) of supporting controls", supporting)
		case ran > 0:
			e.Status = StatusMitigated
			e.Reason = fmt.Sprintf("%d control(s) ran on relevant input and found nothing", ran)
		case len(e.Controls) == 0:
			e.Status = StatusNotAssessed
			e.Reason = "no control covers this threat"
		default:
			e.Status = StatusNotAssessed
			e.Reason = "no relevant input given (needs " + strings.Join(neededInputs(e.Controls), " or ") + ")"
		}
		if supporting > 0 {
			ids := make([]string, 0, len(supportingOpen))
			for id := range supportingOpen {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			e.SupportingOpen = supporting
			if e.Status == StatusOpen && open == 0 {
				e.Reason += " (" + strings.Join(ids, ", ") + ")"
			} else {
				e.Reason += fmt.Sprintf("; supporting controls have %d open finding(s) (%s)", supporting, strings.Join(ids, ", "))
			}
		}
		r.Threats = append(r.Threats, e)
	}
	r.Measured = measure(r.Threats, func(e Entry) string { return e.Status })
	r.Measured.SHAPinned = ev.Pinning
	if pct, ok := ev.Pinning.Percent(); ok {
		r.Measured.SHAPinnedPercent = &pct
	}
	r.Claimed = measure(r.Threats, func(e Entry) string { return e.Claimed })
	// The model's metrics table counts its Accepted threats as mitigated.
	r.Claimed.Mitigated = m.Metrics.Mitigated
	r.Claimed.CriticalOpen = m.Metrics.CriticalOpen
	r.Claimed.HighOpen = m.Metrics.HighOpen
	pct := m.Metrics.SHAPinnedPercent
	r.Claimed.SHAPinnedPercent = &pct
	r.Comparison = compare(r.Claimed, r.Measured)
	return r
}

func measure(entries []Entry, status func(Entry) string) Metrics {
	m := Metrics{Threats: len(entries)}
	for _, e := range entries {
		switch status(e) {
		case StatusOpen:
			m.Open++
			switch e.Rating {
			case "Critical":
				m.CriticalOpen++
			case "High":
				m.HighOpen++
			}
		case StatusAccepted:
			m.Accepted++
		case StatusMitigated:
			m.Mitigated++
		default:
			m.NotAssessed++
		}
	}
	return m
}

func compare(claimed, measured Metrics) []Comparison {
	share := func(n, of int) string {
		if of == 0 {
			return fmt.Sprintf("%d/0", n)
		}
		return fmt.Sprintf("%d/%d (%d%%)", n, of, percent(n, of))
	}
	pinned := func(m Metrics) string {
		if m.SHAPinnedPercent == nil {
			return "n/a"
		}
		if m.SHAPinned != nil {
			return fmt.Sprintf("%d%% (%d/%d)", *m.SHAPinnedPercent, m.SHAPinned.Pinned, m.SHAPinned.Total)
		}
		return fmt.Sprintf("%d%%", *m.SHAPinnedPercent)
	}
	return []Comparison{
		{"STRIDE threats mitigated", share(claimed.Mitigated, claimed.Threats), share(measured.Mitigated, measured.Threats)},
		{"Threats accepted", fmt.Sprint(claimed.Accepted), fmt.Sprint(measured.Accepted)},
		{"Threats open", fmt.Sprint(claimed.Open), fmt.Sprint(measured.Open)},
		{"Threats not assessed", fmt.Sprint(claimed.NotAssessed), fmt.Sprint(measured.NotAssessed)},
		{"Critical threats open", fmt.Sprint(claimed.CriticalOpen), fmt.Sprint(measured.CriticalOpen)},
		{"High threats open", fmt.Sprint(claimed.HighOpen), fmt.Sprint(measured.HighOpen)},
		{"SHA-pinned actions", pinned(claimed), pinned(measured)},
	}
}

// acceptanceOf reads the accepted-risk record exceptions.Apply left on a finding.
func acceptanceOf(f bundle.Finding) Acceptance {
	a := Acceptance{Control: f.ID, Resource: f.Resource}
	if ex, ok := exceptions.Of(f); ok {
		a.Owner, a.Expires, a.Rationale, a.Ticket, a.Source = ex.Owner, ex.Expires, ex.Rationale, ex.Ticket, ex.Source
	}
	return a
}

func neededInputs(controls []ControlRun) []string {
	set := map[string]bool{}
	for _, c := range controls {
		for _, in := range c.Inputs {
			set[in] = true
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func kindNames(kinds map[input.Kind]bool) []string {
	out := []string{}
	for _, k := range input.Kinds {
		if kinds[k] {
			out = append(out, string(k))
		}
	}
	return out
}

// PinningFrom converts the value of data.lib.workflow.pinning ({"pinned": n, "total": m})
// into a Pinning; nil when the value is absent or malformed.
func PinningFrom(v any) *Pinning {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	n, ok1 := toInt(m["pinned"])
	t, ok2 := toInt(m["total"])
	if !ok1 || !ok2 {
		return nil
	}
	return &Pinning{Pinned: n, Total: t}
}

func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case float64:
		return int(n), true
	case interface{ Int64() (int64, error) }:
		i, err := n.Int64()
		return int(i), err == nil
	}
	return 0, false
}
