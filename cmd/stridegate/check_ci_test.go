package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type exceptionReport struct {
	Findings []struct {
		ID      string         `json:"id"`
		Status  string         `json:"status"`
		Details map[string]any `json:"details"`
	} `json:"findings"`
	Summary struct {
		Accepted   int `json:"accepted"`
		Open       int `json:"open"`
		Exceptions *struct {
			File     string `json:"file"`
			Accepted int    `json:"accepted"`
			Expired  int    `json:"expired"`
			Unused   []struct {
				ID     string `json:"id"`
				Source string `json:"source"`
			} `json:"unused"`
		} `json:"exceptions"`
	} `json:"summary"`
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	return p
}

const helmValues = "baseline/helm/osmo-control-plane-values.yaml"

// acceptAll writes an exceptions file accepting every control id of the helm values
// findings, expiring on expires, plus one entry that matches nothing.
func acceptAll(t *testing.T, expires string) string {
	t.Helper()
	r := runCLI(t, "", "check", "-f", "json", filepath.Join(examples, helmValues))
	var rep exceptionReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	require.NotEmpty(t, rep.Findings)
	ids := map[string]bool{}
	var b strings.Builder
	b.WriteString("stridegate_exceptions:\n")
	for _, f := range rep.Findings {
		if !ids[f.ID] {
			ids[f.ID] = true
			fmt.Fprintf(&b, "  - id: %s\n    file: \"*/helm/*\"\n    rationale: test\n    owner: me\n    expires: %s\n", f.ID, expires)
		}
	}
	b.WriteString("  - id: NOPE-1\n    resource: \"*\"\n    rationale: typo\n    owner: me\n    expires: 2099-01-01\n")
	return writeFile(t, "exceptions.yaml", b.String())
}

func TestCheckExceptionsAcceptAndPass(t *testing.T) {
	ex := acceptAll(t, "2099-12-31")
	r := runCLI(t, "", "check", "-f", "json", "--exceptions", ex, filepath.Join(examples, helmValues))
	assert.Equal(t, exitClean, r.code, "only accepted findings: clean exit; %s", r.stderr)
	var rep exceptionReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	for _, f := range rep.Findings {
		assert.Equal(t, "accepted", f.Status, f.ID)
		exc, _ := f.Details["exception"].(map[string]any)
		assert.Equal(t, "test", exc["rationale"])
		assert.Equal(t, "me", exc["owner"])
		assert.Equal(t, "2099-12-31", exc["expires"])
	}
	assert.Equal(t, len(rep.Findings), rep.Summary.Accepted)
	require.NotNil(t, rep.Summary.Exceptions)
	require.Len(t, rep.Summary.Exceptions.Unused, 1)
	assert.Equal(t, "NOPE-1", rep.Summary.Exceptions.Unused[0].ID)
	assert.Contains(t, r.stderr, "warning: "+ex+":")
	assert.Contains(t, r.stderr, "exception NOPE-1 matches no finding")
}

func TestCheckExpiredExceptionIsOpenAgain(t *testing.T) {
	ex := acceptAll(t, "2020-01-31")
	r := runCLI(t, "", "check", "--exceptions", ex, filepath.Join(examples, helmValues))
	assert.Equal(t, exitFindings, r.code)
	assert.Contains(t, r.stdout, "open (exception expired 2020-01-31)")
	assert.NotContains(t, r.stdout, "accepted")
	assert.Contains(t, r.stderr, "expired 2020-01-31: the finding is open again")
}

func TestCheckBadExceptionsFile(t *testing.T) {
	good := "stridegate_exceptions:\n  - id: S-1\n    resource: \"*\"\n    rationale: r\n    owner: o\n    expires: 2099-01-01\n"
	for _, tc := range []struct{ name, content, want string }{
		{"bad date", good + "  - id: D-4\n    resource: \"*\"\n    rationale: r\n    owner: o\n    expires: 2099-13-01\n", `entry 1: D-4: bad expiry date "2099-13-01"`},
		{"missing owner", good + "  - id: D-4\n    resource: \"*\"\n    rationale: r\n    expires: 2099-01-01\n", `entry 1: missing "owner"`},
		{"not yaml", "stridegate_exceptions: [", "parse"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex := writeFile(t, "bad.yaml", tc.content)
			r := runCLI(t, "", "check", "--exceptions", ex, filepath.Join(examples, helmValues))
			assert.Equal(t, exitError, r.code)
			assert.Contains(t, r.stderr, ex)
			assert.Contains(t, r.stderr, tc.want)
			assert.Empty(t, r.stdout)
		})
	}
	r := runCLI(t, "", "check", "--exceptions", filepath.Join(t.TempDir(), "missing.yaml"), filepath.Join(examples, helmValues))
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "missing.yaml")
}

func TestCheckOutputFileAndQuiet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "stridegate.sarif")
	r := runCLI(t, "", "check", "--format", "sarif", "--output", out, filepath.Join(examples, helmValues))
	assert.Equal(t, exitFindings, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 1, "one summary line on stdout")
	assert.Contains(t, lines[0], "finding(s)")
	assert.Contains(t, lines[0], "sarif report written to "+out)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal(b, &log))
	assert.Equal(t, "2.1.0", log.Version)
	assert.NotEmpty(t, log.Runs[0].Results)

	r = runCLI(t, "", "check", "--quiet", "--format", "junit", "--output", out, filepath.Join(examples, helmValues))
	assert.Equal(t, exitFindings, r.code)
	assert.Empty(t, r.stdout)
	b, err = os.ReadFile(out)
	require.NoError(t, err)
	var suites struct {
		Suites []struct{} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal(b, &suites))
	assert.NotEmpty(t, suites.Suites)

	r = runCLI(t, "", "check", "-q", filepath.Join(examples, helmValues))
	assert.Equal(t, exitFindings, r.code)
	assert.Empty(t, r.stdout, "--quiet drops the table")
	assert.NotContains(t, runCLI(t, "", "check", filepath.Join(examples, helmValues)).stdout, "\x1b[", "no colour off a terminal")
}

func TestCheckGitHubFormat(t *testing.T) {
	r := runCLI(t, "", "check", "-f", "github", filepath.Join(examples, helmValues))
	assert.Equal(t, exitFindings, r.code)
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		assert.Regexp(t, `^::(error|warning|notice) file=[^:]+,title=[^:]+::\S`, l)
	}
}

func TestCheckHelpDocumentsCIFlags(t *testing.T) {
	r := runCLI(t, "", "check", "--help")
	for _, want := range []string{"--exceptions", "--output", "--quiet", "sarif", "junit", "github"} {
		assert.Contains(t, r.stdout, want)
	}
}

// TestCIWorkflowIsClean: the example CI workflow passes stridegate's own workflow controls.
func TestCIWorkflowIsClean(t *testing.T) {
	r := runCLI(t, "", "check", "--kind", "workflow", "-f", "json", filepath.Join(examples, "ci", "stridegate.yml"))
	assert.Equal(t, exitClean, r.code, r.stdout+r.stderr)
	rep := decode(t, r.stdout)
	assert.Empty(t, rep.Findings)
	assert.Empty(t, rep.Errors)
}
