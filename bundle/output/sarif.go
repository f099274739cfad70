package output

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/exceptions"
)

// Tool identity written into SARIF logs.
const (
	ToolName = "stridegate"
	ToolURI  = "https://github.com/stridegate/stridegate"
)

// securitySeverity is GitHub code scanning's `security-severity` (a CVSS-like score) per
// severity: critical >= 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9.
var securitySeverity = map[string]string{"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}

// sarifLevel maps a severity to a SARIF result level.
func sarifLevel(severity string) string {
	switch strings.ToLower(severity) {
	case "critical", "high":
		return "error"
	case "medium":
		return "warning"
	}
	return "note"
}

// SARIF writes a SARIF 2.1.0 log for code scanning: one rule per control (ruleId = control
// id, help with the remediation, `security-severity`), one result per finding with its
// file and line and the resource as a logical location; accepted findings carry an
// external, accepted suppression with the exception's rationale.
type SARIF struct{}

// Write implements Writer.
func (SARIF) Write(w io.Writer, r Report) error {
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	run := sarif.NewRunWithInformationURI(ToolName, ToolURI)
	controls := r.Controls
	if len(controls) == 0 {
		controls = controlsOf(r.Findings)
	}
	index := map[string]int{}
	for _, c := range controls {
		if _, dup := index[c.ID]; dup {
			continue
		}
		index[c.ID] = len(index)
		addRule(run, c)
	}
	for _, f := range r.Findings {
		if _, ok := index[f.ID]; !ok {
			index[f.ID] = len(index)
			addRule(run, controlOf(f))
		}
		run.AddResult(sarifResult(f, index[f.ID]))
	}
	if run.Results == nil {
		run.Results = []*sarif.Result{}
	}
	inv := run.AddInvocation(len(r.Errors) == 0)
	for _, e := range r.Errors {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, &sarif.Notification{
			Level:   "error",
			Message: sarif.NewTextMessage(e.Error()),
		})
	}
	log.AddRun(run)
	if err := log.PrettyWrite(w); err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	_, err = fmt.Fprintln(w)
	return err
}

func addRule(run *sarif.Run, c bundle.Control) {
	rule := run.AddRule(c.ID).
		WithName(ruleName(c)).
		WithShortDescription(sarif.NewMultiformatMessageString(c.Title)).
		WithFullDescription(sarif.NewMultiformatMessageString(firstNonEmpty(c.Description, c.Title))).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(c.Severity)))
	text, markdown := ruleHelp(c)
	rule.WithHelp(sarif.NewMultiformatMessageString(text).WithMarkdown(markdown))
	if len(c.References) > 0 {
		rule.WithHelpURI(c.References[0])
	}
	tags := []string{"security"}
	if c.Stride != "" {
		tags = append(tags, c.Stride)
	}
	tags = append(tags, c.Threats...)
	props := sarif.Properties{
		"tags":      tags,
		"precision": "high",
		"severity":  c.Severity,
	}
	if s, ok := securitySeverity[strings.ToLower(c.Severity)]; ok {
		props["security-severity"] = s
	}
	if len(c.Threats) > 0 {
		props["threats"] = c.Threats
	}
	rule.WithProperties(props)
}

// ruleName is a PascalCase name from the title ("Terraform state without a remote
// backend" -> "TerraformStateWithoutARemoteBackend"), as SARIF suggests.
func ruleName(c bundle.Control) string {
	var b strings.Builder
	for _, word := range strings.FieldsFunc(c.Title, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		b.WriteString(strings.ToUpper(word[:1]) + word[1:])
	}
	if b.Len() == 0 {
		return c.ID
	}
	return b.String()
}

func ruleHelp(c bundle.Control) (text, markdown string) {
	var t, m strings.Builder
	fmt.Fprintf(&t, "%s: %s\n", c.ID, c.Title)
	fmt.Fprintf(&m, "**%s: %s**\n\n", c.ID, c.Title)
	if c.Description != "" {
		fmt.Fprintf(&t, "\n%s\n", c.Description)
		fmt.Fprintf(&m, "%s\n\n", c.Description)
	}
	fmt.Fprintf(&t, "\nSeverity: %s. STRIDE: %s.", c.Severity, firstNonEmpty(c.Stride, "-"))
	fmt.Fprintf(&m, "Severity: **%s**. STRIDE: %s.", c.Severity, firstNonEmpty(c.Stride, "-"))
	if len(c.Threats) > 0 {
		fmt.Fprintf(&t, " Threats: %s.", strings.Join(c.Threats, ", "))
		fmt.Fprintf(&m, " Threats: %s.", strings.Join(c.Threats, ", "))
	}
	t.WriteString("\n")
	m.WriteString("\n")
	if c.Remediation != "" {
		fmt.Fprintf(&t, "\nRemediation: %s\n", c.Remediation)
		fmt.Fprintf(&m, "\n### Remediation\n\n%s\n", c.Remediation)
	}
	if len(c.References) > 0 {
		t.WriteString("\nReferences:\n")
		m.WriteString("\n### References\n\n")
		for _, ref := range c.References {
			fmt.Fprintf(&t, "- %s\n", ref)
			fmt.Fprintf(&m, "- <%s>\n", ref)
		}
	}
	return t.String(), m.String()
}

func sarifResult(f bundle.Finding, ruleIndex int) *sarif.Result {
	res := sarif.NewRuleResult(f.ID).
		WithRuleIndex(ruleIndex).
		WithLevel(sarifLevel(f.Severity)).
		WithMessage(sarif.NewTextMessage(firstNonEmpty(f.Message, f.Title, f.ID)))
	loc := sarif.NewLocation()
	if f.File != "" && f.File != "-" {
		phys := sarif.NewPhysicalLocation().WithArtifactLocation(artifact(f.File))
		if f.Line > 0 {
			phys.WithRegion(sarif.NewRegion().WithStartLine(f.Line))
		}
		loc.WithPhysicalLocation(phys)
	}
	if f.Resource != "" {
		loc.AddLogicalLocations(sarif.NewLogicalLocation().WithName(f.Resource).WithFullyQualifiedName(f.Resource).WithKind("resource"))
	}
	if loc.PhysicalLocation != nil || len(loc.LogicalLocations) > 0 {
		res.AddLocation(loc)
	}
	sum := sha256.Sum256([]byte(f.ID + "\x00" + f.File + "\x00" + f.Resource + "\x00" + f.Message))
	res.WithPartialFingerPrints(map[string]any{"stridegateFinding/v1": hex.EncodeToString(sum[:16])})
	props := sarif.Properties{"severity": f.Severity, "status": f.Status}
	if f.Resource != "" {
		props["resource"] = f.Resource
	}
	if f.Stride != "" {
		props["stride"] = f.Stride
	}
	if len(f.Threats) > 0 {
		props["threats"] = f.Threats
	}
	if a, ok := exceptions.Of(f); ok {
		props["exception"] = a
		if !a.Expired && f.Status == "accepted" {
			res.AddSuppression(suppression(a, loc, sum))
		}
	}
	res.Properties = props
	return res
}

// suppression records an accepted finding. go-sarif writes every suppression field, so
// all are set (a null location or guid would not validate).
func suppression(a exceptions.Applied, loc *sarif.Location, sum [32]byte) *sarif.Suppression {
	just := fmt.Sprintf("%s (owner %s, until %s", a.Rationale, a.Owner, a.Expires)
	if a.Ticket != "" {
		just += ", " + a.Ticket
	}
	just += "; " + a.Source + ")"
	s := sarif.NewSuppression("external").
		WithStatus("accepted").
		WithJustifcation(just).
		WithGuid(guid(sum)).
		WithLocation(loc)
	s.Properties = sarif.Properties{"owner": a.Owner, "expires": a.Expires, "source": a.Source}
	if a.Ticket != "" {
		s.Properties["ticket"] = a.Ticket
	}
	return s
}

// guid formats 16 bytes of sum as an RFC 4122 (version 5 style) GUID.
func guid(sum [32]byte) string {
	b := sum[:16]
	b[6] = (b[6] & 0x0f) | 0x50
	b[8] = (b[8] & 0x3f) | 0x80
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// artifact is a file as a SARIF artifact location: a relative URI (slash-separated,
// percent-encoded) for relative paths, a file:// URI for absolute ones.
func artifact(path string) *sarif.ArtifactLocation {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		return sarif.NewSimpleArtifactLocation((&url.URL{Scheme: "file", Path: p}).String())
	}
	p = strings.TrimPrefix(p, "./")
	return sarif.NewSimpleArtifactLocation((&url.URL{Path: p}).String())
}

// controlsOf builds the rules from the findings alone (no catalog given).
func controlsOf(findings []bundle.Finding) []bundle.Control {
	var out []bundle.Control
	seen := map[string]bool{}
	for _, f := range findings {
		if !seen[f.ID] {
			seen[f.ID] = true
			out = append(out, controlOf(f))
		}
	}
	return out
}

func controlOf(f bundle.Finding) bundle.Control {
	return bundle.Control{ID: f.ID, Title: firstNonEmpty(f.Title, f.ID), Threats: f.Threats, Severity: f.Severity, Stride: f.Stride, Remediation: f.Remediation}
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
