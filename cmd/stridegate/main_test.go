package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type result struct {
	code           int
	stdout, stderr string
}

func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

type jsonReport struct {
	Findings []struct {
		ID          string   `json:"id"`
		Threats     []string `json:"threats"`
		Severity    string   `json:"severity"`
		Stride      string   `json:"stride"`
		Status      string   `json:"status"`
		File        string   `json:"file"`
		Resource    string   `json:"resource"`
		Message     string   `json:"message"`
		Remediation string   `json:"remediation"`
	} `json:"findings"`
	Summary map[string]any `json:"summary"`
	Errors  []struct {
		File  string `json:"file"`
		Error string `json:"error"`
	} `json:"errors"`
}

func decode(t *testing.T, s string) jsonReport {
	t.Helper()
	var r jsonReport
	require.NoError(t, json.Unmarshal([]byte(s), &r), s)
	return r
}

const examples = "../../examples"

func TestBaselineFiresFoundationControls(t *testing.T) {
	r := runCLI(t, "", "check", filepath.Join(examples, "baseline"))
	assert.Equal(t, exitFindings, r.code, r.stderr)
	for _, want := range []string{"T-2", "SG-NET-1", "S-1", "D-1"} {
		assert.Contains(t, r.stdout, want)
	}
	assert.Contains(t, r.stdout, "versions.tf:")
	assert.Contains(t, r.stdout, "azurerm_kubernetes_cluster.main")
	assert.Contains(t, r.stdout, "Namespace/osmo")
}

func TestHardenedIsClean(t *testing.T) {
	r := runCLI(t, "", "check", "--format", "json", filepath.Join(examples, "hardened"))
	rep := decode(t, r.stdout)
	assert.Empty(t, rep.Findings)
	assert.Empty(t, rep.Errors, r.stderr)
	assert.Equal(t, exitClean, r.code, r.stdout)
}

func TestJSONShape(t *testing.T) {
	r := runCLI(t, "", "check", "-f", "json", filepath.Join(examples, "baseline"))
	require.Equal(t, exitFindings, r.code, r.stderr)
	rep := decode(t, r.stdout)
	require.NotEmpty(t, rep.Findings)
	for _, f := range rep.Findings {
		assert.NotEmpty(t, f.ID)
		assert.NotEmpty(t, f.Severity)
		assert.NotEmpty(t, f.Stride, f.ID)
		assert.Equal(t, "open", f.Status)
		assert.NotEmpty(t, f.Resource, f.ID)
		assert.NotEmpty(t, f.Message)
		assert.NotEmpty(t, f.Remediation, f.ID)
		assert.NotNil(t, f.Threats)
	}
	assert.Contains(t, r.stdout, `"errors": []`)
	for _, key := range []string{"files", "documents", "findings", "by_severity", "not_checked"} {
		assert.Contains(t, rep.Summary, key)
	}
}

func TestFailOn(t *testing.T) {
	r := runCLI(t, "", "check", "--fail-on", "critical", filepath.Join(examples, "baseline", "helm"))
	assert.Equal(t, exitClean, r.code, "S-1 is high, below critical")
	r = runCLI(t, "", "check", "--fail-on", "high", filepath.Join(examples, "baseline", "helm"))
	assert.Equal(t, exitFindings, r.code)
	r = runCLI(t, "", "check", "--fail-on", "severe", filepath.Join(examples, "baseline"))
	assert.Equal(t, exitError, r.code)
}

func TestBadInputsExitTwoAndStillReportTheRest(t *testing.T) {
	dir := t.TempDir()
	trunc := filepath.Join(dir, "truncated.json")
	require.NoError(t, os.WriteFile(trunc, []byte(`{"format_version": "1.2", "terraform_`), 0o600))
	empty := filepath.Join(dir, "empty.yaml")
	require.NoError(t, os.WriteFile(empty, nil, 0o600))
	missing := filepath.Join(dir, "nope.tf")
	good := filepath.Join(examples, "baseline", "plan", "tfplan.json")
	for _, bad := range []string{trunc, empty, missing} {
		r := runCLI(t, "", "check", "-f", "json", bad, good)
		assert.Equal(t, exitError, r.code, bad)
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		require.Len(t, lines, 1, r.stderr)
		assert.Contains(t, lines[0], bad)
		rep := decode(t, r.stdout)
		require.Len(t, rep.Errors, 1)
		assert.Equal(t, bad, rep.Errors[0].File)
		assert.NotEmpty(t, rep.Findings, "the valid plan is still checked")
	}
}

func TestUnsupportedPlanVersion(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "plan.json")
	require.NoError(t, os.WriteFile(p, []byte(`{"format_version":"9.0","terraform_version":"9.0.0","resource_changes":[]}`), 0o600))
	r := runCLI(t, "", "check", p)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, p)
}

func TestStdinGivesSameFindingsAsFiles(t *testing.T) {
	var stream strings.Builder
	dir := filepath.Join(examples, "baseline", "manifests")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		stream.WriteString("---\n# Source: chart/templates/" + e.Name() + "\n")
		stream.Write(b)
		stream.WriteString("\n")
	}
	fromStdin := decode(t, runCLI(t, stream.String(), "check", "-f", "json", "-").stdout)
	fromFiles := decode(t, runCLI(t, "", "check", "-f", "json", dir).stdout)
	key := func(r jsonReport) []string {
		var out []string
		for _, f := range r.Findings {
			out = append(out, f.ID+" "+f.Resource+" "+f.Message)
		}
		return out
	}
	require.NotEmpty(t, key(fromFiles))
	assert.ElementsMatch(t, key(fromFiles), key(fromStdin))
}

func TestUnknownKindNamedIsAnError(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.json")
	require.NoError(t, os.WriteFile(p, []byte(`42`), 0o600))
	r := runCLI(t, "", "check", p)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, p)
}

func TestUnknownKindInWalkIsNotCheckedWarning(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "random.yaml"), []byte("a: 1\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "ns.yaml"), []byte("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n"), 0o600))
	r := runCLI(t, "", "check", dir)
	assert.Equal(t, exitFindings, r.code, r.stderr)
	assert.Contains(t, r.stdout, "not checked (unknown kind): "+filepath.Join(dir, "random.yaml"))

	only := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(only, "random.yaml"), []byte("a: 1\n"), 0o600))
	r = runCLI(t, "", "check", only)
	assert.Equal(t, exitError, r.code, "a walk that finds nothing checkable is an error")
}

func TestHelmChartTemplatesAreNotCheckedInAWalk(t *testing.T) {
	dir := t.TempDir()
	chart := filepath.Join(dir, "charts", "agent")
	require.NoError(t, os.MkdirAll(filepath.Join(chart, "templates"), 0o755))
	tmpl := filepath.Join(chart, "templates", "daemonset.yaml")
	require.NoError(t, os.WriteFile(filepath.Join(chart, "Chart.yaml"), []byte("apiVersion: v2\nname: agent\nversion: 0.1.0\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(chart, "values.yaml"), []byte("image:\n  tag: \"1.0\"\n"), 0o600))
	require.NoError(t, os.WriteFile(tmpl, []byte("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  labels:\n    {{- include \"x.labels\" . | nindent 4 }}\n"), 0o600))

	r := runCLI(t, "", "check", dir)
	assert.Equal(t, exitClean, r.code, r.stderr)
	assert.Contains(t, r.stdout, "not checked (Helm chart template: check the output of `helm template` instead): "+tmpl)
	assert.Contains(t, r.stdout, "not checked (Helm chart metadata): "+filepath.Join(chart, "Chart.yaml"))

	// named on the command line it is read, and the error says what it is
	r = runCLI(t, "", "check", tmpl)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "malformed YAML")
	assert.Contains(t, r.stderr, "render it first, e.g. `helm template`")

	// a template that is not YAML until rendered (an OSMO workflow spec) is not checked in
	// a walk, and an error when named
	wf := filepath.Join(dir, "workflows", "train.yaml")
	require.NoError(t, os.MkdirAll(filepath.Dir(wf), 0o755))
	require.NoError(t, os.WriteFile(wf, []byte("workflow:\n  resources:\n    default:\n      {{gpu}}: 1\n"), 0o600))
	r = runCLI(t, "", "check", dir)
	assert.Equal(t, exitClean, r.code, r.stderr)
	assert.Contains(t, r.stdout, "not checked (a template ({{ }}) that is not valid YAML or JSON until rendered: check the rendered output): "+wf)
	r = runCLI(t, "", "check", wf)
	assert.Equal(t, exitError, r.code)

	// a malformed file without template expressions is still an error in a walk
	bad := filepath.Join(dir, "workflows", "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("a: [1, 2\n"), 0o600))
	r = runCLI(t, "", "check", dir)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, bad)
	require.NoError(t, os.Remove(bad))

	// a templates/ directory outside a chart is walked as usual
	plain := filepath.Join(dir, "templates")
	require.NoError(t, os.MkdirAll(plain, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(plain, "ns.yaml"), []byte("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n"), 0o600))
	r = runCLI(t, "", "check", "-f", "json", plain)
	assert.Contains(t, r.stdout, "Namespace/app")
}

func TestControlsListsCatalog(t *testing.T) {
	r := runCLI(t, "", "controls")
	require.Equal(t, exitClean, r.code, r.stderr)
	for _, id := range []string{"T-2", "SG-NET-1", "S-1", "D-1"} {
		assert.Contains(t, r.stdout, id)
	}
	r = runCLI(t, "", "controls", "-f", "json")
	var cs []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &cs))
	assert.NotEmpty(t, cs)
}

func TestUsageErrors(t *testing.T) {
	assert.Equal(t, exitError, runCLI(t, "", "check").code)
	assert.Equal(t, exitError, runCLI(t, "", "check", "--format", "xml", examples).code)
	assert.Equal(t, exitError, runCLI(t, "", "check", "--kind", "nope", examples).code)
	assert.Equal(t, exitError, runCLI(t, "", "bogus").code)
}
