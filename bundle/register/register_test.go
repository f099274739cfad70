package register_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/exceptions"
	"github.com/stridegate/stridegate/bundle/input"
	"github.com/stridegate/stridegate/bundle/register"
)

func TestModel(t *testing.T) {
	m, err := register.LoadModel()
	require.NoError(t, err)
	require.Len(t, m.Threats, 19)
	ratings := map[string]int{}
	claimed := map[string]int{}
	for _, th := range m.Threats {
		ratings[th.Rating]++
		claimed[th.Status]++
		assert.NotEmpty(t, th.Title, th.ID)
		assert.NotEmpty(t, th.Category, th.ID)
	}
	// "19 threats identified — 1 Critical, 6 High, 7 Medium, 5 Low"; "7 Accepted, 12 Open".
	assert.Equal(t, map[string]int{"Critical": 1, "High": 6, "Medium": 7, "Low": 5}, ratings)
	assert.Equal(t, map[string]int{"Open": 12, "Accepted": 7}, claimed)
	assert.Equal(t, register.ClaimedMetrics{Mitigated: 7, CriticalOpen: 1, HighOpen: 6, SHAPinnedPercent: 95}, m.Metrics)
}

// model is a small synthetic threat model.
func model() register.Model {
	return register.Model{
		Source: "test model",
		Threats: []register.Threat{
			{ID: "T-2", Title: "state", Category: "Tampering", Rating: "Critical", Status: "Open"},
			{ID: "S-1", Title: "auth", Category: "Spoofing", Rating: "High", Status: "Open"},
			{ID: "S-2", Title: "pg", Category: "Spoofing", Rating: "Medium", Status: "Accepted"},
			{ID: "D-1", Title: "netpol", Category: "Denial of Service", Rating: "High", Status: "Open"},
			{ID: "E-4", Title: "token", Category: "Elevation of Privilege", Rating: "Low", Status: "Accepted"},
			{ID: "I-4", Title: "mlflow", Category: "Information Disclosure", Rating: "Low", Status: "Accepted"},
		},
		Metrics: register.ClaimedMetrics{Mitigated: 2, CriticalOpen: 1, HighOpen: 2, SHAPinnedPercent: 95},
	}
}

var controls = []bundle.Control{
	{ID: "T-2", Title: "backend", Threats: []string{"T-2", "I-2"}, Severity: "critical", Inputs: []string{"hcl"}},
	{ID: "S-1", Title: "osmo auth", Threats: []string{"S-1"}, Severity: "high", Inputs: []string{"k8s", "helm-values"}},
	{ID: "S-2", Title: "pg password", Threats: []string{"S-2"}, Severity: "medium", Inputs: []string{"tfplan", "hcl"}},
	{ID: "D-1", Title: "default deny", Threats: []string{"D-1"}, Severity: "high", Inputs: []string{"k8s"}},
	{ID: "SG-NET-4", Title: "network policy engine", Threats: []string{"D-1"}, Severity: "high", Inputs: []string{"tfplan", "hcl"}},
	{ID: "E-4", Title: "token perms", Threats: []string{"E-4"}, Severity: "low", Inputs: []string{"workflow"}},
	{ID: "SG-K8S-1", Title: "unrelated", Severity: "high", Inputs: []string{"k8s"}},
}

func finding(c bundle.Control, resource string) bundle.Finding {
	return bundle.Finding{ID: c.ID, Title: c.Title, Threats: c.Threats, Severity: c.Severity, Status: "open", File: "main.tf", Line: 3, Resource: resource, Message: c.Title + " on " + resource}
}

func accepted(f bundle.Finding, owner, expires string) bundle.Finding {
	f.Status = "accepted"
	f.Details = map[string]any{exceptions.DetailKey: exceptions.Applied{ID: f.ID, Owner: owner, Expires: expires, Rationale: "network isolation", Source: "exceptions.yaml:3"}}
	return f
}

func kinds(ks ...input.Kind) map[input.Kind]bool {
	out := map[input.Kind]bool{}
	for _, k := range ks {
		out[k] = true
	}
	return out
}

func byID(r register.Register) map[string]register.Entry {
	out := map[string]register.Entry{}
	for _, e := range r.Threats {
		out[e.ID] = e
	}
	return out
}

func TestStatusFromEvidence(t *testing.T) {
	pg := finding(controls[2], "azurerm_postgresql_flexible_server.osmo")
	tests := []struct {
		name     string
		kinds    map[input.Kind]bool
		findings []bundle.Finding
		want     map[string]string
	}{
		{
			name:  "no input: nothing assessed",
			kinds: kinds(),
			want:  map[string]string{"T-2": "Not assessed", "S-1": "Not assessed", "S-2": "Not assessed", "D-1": "Not assessed", "E-4": "Not assessed", "I-4": "Not assessed"},
		},
		{
			name:  "controls ran and found nothing: mitigated where a control covers the input",
			kinds: kinds(input.KindHCL, input.KindK8s),
			want:  map[string]string{"T-2": "Mitigated", "S-1": "Mitigated", "S-2": "Mitigated", "D-1": "Mitigated", "E-4": "Not assessed", "I-4": "Not assessed"},
		},
		{
			name:  "one of several controls ran: mitigated",
			kinds: kinds(input.KindPlan),
			want:  map[string]string{"T-2": "Not assessed", "S-1": "Not assessed", "S-2": "Mitigated", "D-1": "Mitigated", "E-4": "Not assessed", "I-4": "Not assessed"},
		},
		{
			name:     "open finding: open; accepted only: accepted",
			kinds:    kinds(input.KindHCL, input.KindK8s, input.KindWorkflow),
			findings: []bundle.Finding{finding(controls[0], "terraform"), accepted(pg, "dba-team", "2027-06-30"), finding(controls[4], "azurerm_kubernetes_cluster.main")},
			want:     map[string]string{"T-2": "Open", "S-1": "Mitigated", "S-2": "Accepted", "D-1": "Open", "E-4": "Mitigated", "I-4": "Not assessed"},
		},
		{
			name:     "open beside accepted: open",
			kinds:    kinds(input.KindHCL),
			findings: []bundle.Finding{accepted(pg, "dba-team", "2027-06-30"), finding(controls[2], "azurerm_postgresql_flexible_server.other")},
			want:     map[string]string{"T-2": "Mitigated", "S-1": "Not assessed", "S-2": "Open", "D-1": "Mitigated", "E-4": "Not assessed", "I-4": "Not assessed"},
		},
		{
			name:     "a finding of a control that did not list the threat does not count",
			kinds:    kinds(input.KindK8s),
			findings: []bundle.Finding{finding(controls[6], "Pod/osmo/x")},
			want:     map[string]string{"T-2": "Not assessed", "S-1": "Mitigated", "S-2": "Not assessed", "D-1": "Mitigated", "E-4": "Not assessed", "I-4": "Not assessed"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := register.Build(model(), register.Evidence{Controls: controls, Kinds: tt.kinds, Findings: tt.findings})
			got := map[string]string{}
			for _, e := range r.Threats {
				got[e.ID] = e.Status
				assert.NotEmpty(t, e.Reason, e.ID)
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, []string{"T-2", "S-1", "S-2", "D-1", "E-4", "I-4"}, ids(r), "model order kept")
		})
	}
}

// An accepted threat stays Accepted when only a supporting guide control has open
// findings; the reason says so. A supporting control alone still opens a threat.
func TestSupportingControlsDoNotOverturnAcceptance(t *testing.T) {
	pgControl := controls[2]
	publicPG := bundle.Control{ID: "SG-NET-5", Title: "public access", Threats: []string{"S-2"}, Severity: "medium", Inputs: []string{"hcl"}}
	cs := append(append([]bundle.Control(nil), controls...), publicPG)
	findings := []bundle.Finding{
		accepted(finding(pgControl, "azurerm_postgresql_flexible_server.osmo"), "dba-team", "2027-06-30"),
		finding(publicPG, "azurerm_postgresql_flexible_server.osmo"),
		finding(controls[4], "azurerm_kubernetes_cluster.main"),
	}
	r := register.Build(model(), register.Evidence{Controls: cs, Kinds: kinds(input.KindHCL), Findings: findings})
	e := byID(r)
	assert.Equal(t, "Accepted", e["S-2"].Status)
	assert.Equal(t, 1, e["S-2"].SupportingOpen)
	assert.Contains(t, e["S-2"].Reason, "supporting controls have 1 open finding(s) (SG-NET-5)")
	assert.Len(t, e["S-2"].Findings, 2)
	assert.Equal(t, "Open", e["D-1"].Status, "SG-NET-4 alone opens D-1")
	assert.Contains(t, e["D-1"].Reason, "SG-NET-4")
}

func ids(r register.Register) []string {
	var out []string
	for _, e := range r.Threats {
		out = append(out, e.ID)
	}
	return out
}

func TestEntryDetails(t *testing.T) {
	pg := accepted(finding(controls[2], "azurerm_postgresql_flexible_server.osmo"), "dba-team", "2027-06-30")
	r := register.Build(model(), register.Evidence{Controls: controls, Kinds: kinds(input.KindHCL), Findings: []bundle.Finding{pg, finding(controls[0], "terraform")}})
	e := byID(r)
	s2 := e["S-2"]
	require.Len(t, s2.Findings, 1)
	require.Len(t, s2.Acceptances, 1)
	assert.Equal(t, register.Acceptance{Control: "S-2", Resource: "azurerm_postgresql_flexible_server.osmo", Owner: "dba-team", Expires: "2027-06-30", Rationale: "network isolation", Source: "exceptions.yaml:3"}, s2.Acceptances[0])
	assert.True(t, s2.Agrees())
	assert.Equal(t, []register.ControlRun{{ID: "S-2", Title: "pg password", Inputs: []string{"tfplan", "hcl"}, Ran: true, Own: true}}, s2.Controls)

	d1 := e["D-1"]
	assert.Equal(t, "Mitigated", d1.Status)
	assert.False(t, d1.Agrees())
	assert.Len(t, d1.Controls, 2)

	s1 := e["S-1"]
	assert.Equal(t, "no relevant input given (needs helm-values or k8s)", s1.Reason)
	assert.Equal(t, "no control covers this threat", e["I-4"].Reason)
	assert.Empty(t, e["I-4"].Controls)
	assert.Equal(t, []string{"hcl"}, r.Inputs)
}

func TestMetrics(t *testing.T) {
	findings := []bundle.Finding{finding(controls[0], "terraform"), finding(controls[1], "Deployment/osmo/osmo")}
	r := register.Build(model(), register.Evidence{Controls: controls, Kinds: kinds(input.KindHCL, input.KindK8s), Findings: findings})
	assert.Equal(t, register.Metrics{Threats: 6, Open: 2, Mitigated: 2, NotAssessed: 2, CriticalOpen: 1, HighOpen: 1}, r.Measured)
	cmp := map[string][2]string{}
	for _, c := range r.Comparison {
		cmp[c.Metric] = [2]string{c.Claimed, c.Measured}
	}
	assert.Equal(t, [2]string{"2/6 (33%)", "2/6 (33%)"}, cmp["STRIDE threats mitigated"])
	assert.Equal(t, [2]string{"1", "1"}, cmp["Critical threats open"])
	assert.Equal(t, [2]string{"2", "1"}, cmp["High threats open"])
	assert.Equal(t, [2]string{"3", "2"}, cmp["Threats open"])
	assert.Equal(t, [2]string{"3", "0"}, cmp["Threats accepted"])
	assert.Equal(t, [2]string{"95%", "n/a"}, cmp["SHA-pinned actions"], "no workflow given")

	r = register.Build(model(), register.Evidence{Controls: controls, Kinds: kinds(input.KindWorkflow), Pinning: register.PinningFrom(map[string]any{"pinned": json.Number("19"), "total": json.Number("20")})})
	require.NotNil(t, r.Measured.SHAPinnedPercent)
	assert.Equal(t, 95, *r.Measured.SHAPinnedPercent)
	for _, c := range r.Comparison {
		if c.Metric == "SHA-pinned actions" {
			assert.Equal(t, "95% (19/20)", c.Measured)
		}
	}
	r = register.Build(model(), register.Evidence{Controls: controls, Kinds: kinds(input.KindWorkflow), Pinning: &register.Pinning{}})
	assert.Nil(t, r.Measured.SHAPinnedPercent, "no remote action: n/a")
	assert.Nil(t, register.PinningFrom(nil))
	assert.Nil(t, register.PinningFrom(map[string]any{"pinned": "x"}))
}

func TestModelMetricsComparison(t *testing.T) {
	m, err := register.LoadModel()
	require.NoError(t, err)
	r := register.Build(m, register.Evidence{})
	cmp := map[string]string{}
	for _, c := range r.Comparison {
		cmp[c.Metric] = c.Claimed
	}
	assert.Equal(t, map[string]string{
		"STRIDE threats mitigated": "7/19 (37%)",
		"Threats accepted":         "7",
		"Threats open":             "12",
		"Threats not assessed":     "0",
		"Critical threats open":    "1",
		"High threats open":        "6",
		"SHA-pinned actions":       "95%",
	}, cmp)
}

func sample(t *testing.T) register.Register {
	t.Helper()
	m, err := register.LoadModel()
	require.NoError(t, err)
	cs := append([]bundle.Control(nil), controls...)
	findings := []bundle.Finding{
		finding(cs[0], "terraform (infra)"),
		accepted(finding(cs[2], "azurerm_postgresql_flexible_server.osmo"), "dba-team", "2027-06-30"),
		finding(cs[1], "Deployment/osmo/<script>alert(1)</script>|pipe"),
	}
	return register.Build(m, register.Evidence{Controls: cs, Kinds: kinds(input.KindHCL, input.KindK8s, input.KindWorkflow), Findings: findings, Pinning: &register.Pinning{Pinned: 19, Total: 20}})
}

func TestWriteMarkdown(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, register.Write(&buf, "markdown", sample(t)))
	out := buf.String()
	assert.Contains(t, out, "# Threat register")
	assert.Contains(t, out, "| T-2 | Terraform State Local Storage | Tampering | High | High | Critical | Open | **Open** | 1 |")
	assert.Contains(t, out, "| S-2 | PostgreSQL Shared Admin Identity | Spoofing | Medium | Medium | Medium | Accepted | **Accepted** | 1 |")
	assert.Contains(t, out, "| STRIDE threats mitigated | 7/19 (37%) |")
	assert.Contains(t, out, "| SHA-pinned actions | 95% | 95% (19/20) |")
	assert.Contains(t, out, "owner dba-team, expires 2027-06-30")
	assert.Contains(t, out, `<script>alert(1)</script>\|pipe`, "pipes escaped in cells")
	rows := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "| ") && strings.Count(line, "|") == 10 && !strings.HasPrefix(line, "| ID ") {
			rows++
		}
	}
	assert.Equal(t, 19, rows)
}

func TestWriteJSON(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, register.Write(&buf, "json", sample(t)))
	var got struct {
		Threats []struct {
			ID, Status, Rating string
			Claimed            string `json:"claimed_status"`
			Findings           []map[string]any
		}
		Measured   map[string]any
		Comparison []map[string]string
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &got))
	require.Len(t, got.Threats, 19)
	assert.Equal(t, "T-2", got.Threats[3].ID)
	assert.Equal(t, "Open", got.Threats[3].Status)
	assert.Equal(t, "Critical", got.Threats[3].Rating)
	assert.Len(t, got.Threats[3].Findings, 1)
	assert.EqualValues(t, 95, got.Measured["sha_pinned_percent"])
	assert.Len(t, got.Comparison, 7)
}

func TestWriteHTML(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, register.Write(&buf, "html", sample(t)))
	out := buf.String()
	doc, err := html.Parse(strings.NewReader(out))
	require.NoError(t, err)

	var (
		rows, svgs, rects, styles int
		walk                      func(*html.Node)
	)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				t.Errorf("script element in the report")
			case "link", "img", "iframe", "object", "embed":
				t.Errorf("<%s> loads an external resource", n.Data)
			case "style":
				styles++
			case "svg":
				svgs++
			case "rect":
				rects++
			case "tr":
				rows++
			}
			for _, a := range n.Attr {
				if a.Key == "src" || (a.Key == "href" && !strings.HasPrefix(a.Val, "#")) || strings.Contains(a.Val, "url(") {
					t.Errorf("<%s %s=%q> points outside the file", n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	assert.Equal(t, 1, styles, "inline CSS")
	assert.Equal(t, 1, svgs, "inline SVG chart")
	assert.Greater(t, rects, 4)
	assert.Equal(t, 1+19+1+7, rows, "threat table header+19, metrics header+7")
	assert.NotContains(t, out, "<script>alert(1)</script>", "finding text is escaped")
	assert.Contains(t, out, "&lt;script&gt;alert(1)&lt;/script&gt;")
	assert.NotContains(t, out, "@import")
	assert.Contains(t, out, "95% (19/20)")
}

func TestWriteUnknownFormat(t *testing.T) {
	err := register.Write(&bytes.Buffer{}, "pdf", register.Register{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "markdown, json, html")
}
