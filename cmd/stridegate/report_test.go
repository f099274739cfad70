package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type registerJSON struct {
	Inputs  []string `json:"inputs"`
	Threats []struct {
		ID          string           `json:"id"`
		Rating      string           `json:"rating"`
		Claimed     string           `json:"claimed_status"`
		Status      string           `json:"status"`
		Reason      string           `json:"reason"`
		Findings    []map[string]any `json:"findings"`
		Acceptances []struct {
			Owner   string `json:"owner"`
			Expires string `json:"expires"`
		} `json:"acceptances"`
	} `json:"threats"`
	Measured struct {
		Threats          int  `json:"threats"`
		Open             int  `json:"open"`
		Accepted         int  `json:"accepted"`
		Mitigated        int  `json:"mitigated"`
		NotAssessed      int  `json:"not_assessed"`
		SHAPinnedPercent *int `json:"sha_pinned_percent"`
	} `json:"measured"`
	Comparison []map[string]string `json:"comparison"`
}

var registerStatuses = map[string]bool{"Open": true, "Accepted": true, "Mitigated": true, "Not assessed": true}

func decodeRegister(t *testing.T, s string) registerJSON {
	t.Helper()
	var r registerJSON
	require.NoError(t, json.Unmarshal([]byte(s), &r), s)
	require.Len(t, r.Threats, 19)
	for _, th := range r.Threats {
		assert.True(t, registerStatuses[th.Status], "%s: status %q", th.ID, th.Status)
		assert.NotEmpty(t, th.Reason, th.ID)
	}
	return r
}

// TestReportBaseline: on the baseline with the model's accepted risks, the register
// derived from evidence agrees with the threat model: 12 Open, 7 Accepted, 1 critical and
// 6 high threats open, 95% of actions SHA-pinned.
func TestReportBaseline(t *testing.T) {
	r := runCLI(t, "", "report", "--format", "json", "--exceptions", filepath.Join(examples, "exceptions.yaml"), filepath.Join(examples, "baseline"))
	require.Equal(t, exitClean, r.code, r.stderr)
	reg := decodeRegister(t, r.stdout)
	byID := map[string]string{}
	accepted := 0
	for _, th := range reg.Threats {
		byID[th.ID] = th.Status
		switch th.Status {
		case "Open":
			assert.NotEmpty(t, th.Findings, th.ID)
		case "Accepted":
			accepted++
			require.NotEmpty(t, th.Acceptances, th.ID)
			for _, a := range th.Acceptances {
				assert.NotEmpty(t, a.Owner, th.ID)
				assert.NotEmpty(t, a.Expires, th.ID)
			}
		}
	}
	for _, id := range []string{"T-2", "S-1", "D-1"} {
		assert.Equal(t, "Open", byID[id], id)
	}
	for _, th := range reg.Threats {
		assert.Equal(t, th.Claimed, th.Status, "%s: %s", th.ID, th.Reason)
	}
	assert.Equal(t, 7, accepted)
	assert.Equal(t, 12, reg.Measured.Open)
	assert.Equal(t, 19, reg.Measured.Open+reg.Measured.Accepted+reg.Measured.Mitigated+reg.Measured.NotAssessed)
	require.NotNil(t, reg.Measured.SHAPinnedPercent, "baseline has workflows")
	assert.Equal(t, 95, *reg.Measured.SHAPinnedPercent)
	assert.Len(t, reg.Comparison, 7)
}

func TestReportHardenedHasNothingOpen(t *testing.T) {
	r := runCLI(t, "", "report", "-f", "json", filepath.Join(examples, "hardened"))
	require.Equal(t, exitClean, r.code, r.stderr)
	for _, th := range decodeRegister(t, r.stdout).Threats {
		assert.Equal(t, "Mitigated", th.Status, "%s: %s", th.ID, th.Reason)
	}
}

func TestReportWithoutWorkflowsPinningIsNA(t *testing.T) {
	r := runCLI(t, "", "report", "-f", "json", filepath.Join(examples, "baseline", "manifests"))
	require.Equal(t, exitClean, r.code, r.stderr)
	reg := decodeRegister(t, r.stdout)
	assert.Nil(t, reg.Measured.SHAPinnedPercent)
	assert.Positive(t, reg.Measured.NotAssessed, "no Terraform input: its threats are not assessed")
	for _, c := range reg.Comparison {
		if c["metric"] == "SHA-pinned actions" {
			assert.Equal(t, "n/a", c["measured"])
		}
	}
}

func TestReportMarkdownAndHTMLOutput(t *testing.T) {
	r := runCLI(t, "", "report", filepath.Join(examples, "baseline"))
	require.Equal(t, exitClean, r.code, r.stderr)
	assert.Contains(t, r.stdout, "# Threat register")
	assert.Contains(t, r.stdout, "| T-2 | Terraform State Local Storage |")
	assert.Contains(t, r.stdout, "| STRIDE threats mitigated | 7/19 (37%) |")

	out := filepath.Join(t.TempDir(), "register.html")
	r = runCLI(t, "", "report", "--format", "html", "--output", out, filepath.Join(examples, "baseline"))
	require.Equal(t, exitClean, r.code, r.stderr)
	assert.Contains(t, r.stdout, "wrote "+out+": 19 threats:")
	page, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(page), "<!DOCTYPE html>"))
	assert.Contains(t, string(page), "<svg")
}

func TestReportErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "exceptions.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("stridegate_exceptions:\n  - id: S-2\n    resource: x\n    expires: not-a-date\n"), 0o600))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown format", []string{"report", "-f", "pdf", filepath.Join(examples, "hardened")}, "unknown format"},
		{"bad exceptions file", []string{"report", "--exceptions", bad, filepath.Join(examples, "hardened")}, bad},
		{"missing exceptions file", []string{"report", "--exceptions", "nope.yaml", filepath.Join(examples, "hardened")}, "nope.yaml"},
		{"no path", []string{"report"}, "requires at least 1 arg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			assert.Equal(t, exitError, r.code)
			assert.Contains(t, r.stderr, tt.want)
		})
	}
}
