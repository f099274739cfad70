package exceptions_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/exceptions"
	"github.com/stridegate/stridegate/bundle/input"
)

const (
	examplesDir   = "../../examples"
	policyDir     = "../../policy"
	exampleExcept = examplesDir + "/exceptions.yaml"
)

// acceptedThreats are the threat model's threats with Status Accepted.
var acceptedThreats = map[string]bool{"S-2": true, "T-3": true, "I-1": true, "I-3": true, "I-4": true, "D-2": true, "E-4": true}

var threatID = regexp.MustCompile(`^[STRIDE]-\d+`)

// threatOf is the threat a control stands for (I-1-K8S -> I-1); "" for guide controls.
func threatOf(id string) string { return threatID.FindString(id) }

// baseline evaluates examples/baseline: every file, or (conftestOnly) the files conftest
// reads (source files are a harness-only kind).
func baseline(t *testing.T, conftestOnly bool) (*bundle.Engine, []bundle.Finding, []string) {
	t.Helper()
	engine, err := bundle.New(context.Background())
	require.NoError(t, err)
	var files []string
	require.NoError(t, filepath.WalkDir(filepath.Join(examplesDir, "baseline"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".tf", ".tfvars", ".json", ".yaml", ".yml":
			files = append(files, p)
		default:
			if !conftestOnly {
				files = append(files, p)
			}
		}
		return nil
	}))
	sort.Strings(files)
	loaded := input.Load(files, input.Options{})
	require.Empty(t, loaded.Errors)
	findings, errs := engine.Evaluate(context.Background(), loaded.Documents)
	require.Empty(t, errs)
	require.NotEmpty(t, findings)
	return engine, findings, files
}

// TestExampleExceptionsAcceptExactlyTheAcceptedThreats: on examples/baseline, the shipped
// exceptions accept every finding of the Accepted threats' controls and nothing else.
func TestExampleExceptionsAcceptExactlyTheAcceptedThreats(t *testing.T) {
	engine, findings, _ := baseline(t, false)
	set, err := exceptions.Load(exampleExcept)
	require.NoError(t, err)

	ids := map[string]bool{}
	for _, e := range set.Exceptions {
		ids[e.ID] = true
		assert.True(t, acceptedThreats[threatOf(e.ID)], "%s is not a control of an Accepted threat", e.ID)
		assert.True(t, e.End.After(time.Now()), "%s expired", e.ID)
	}
	for _, c := range engine.Controls() {
		if acceptedThreats[threatOf(c.ID)] {
			assert.True(t, ids[c.ID], "control %s of an Accepted threat has no exception in %s", c.ID, exampleExcept)
		}
	}

	sum := set.Apply(findings, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	accepted := map[string]int{}
	for _, f := range findings {
		want := acceptedThreats[threatOf(f.ID)]
		if want {
			accepted[threatOf(f.ID)]++
		}
		assert.Equal(t, want, f.Status == "accepted", "%s %s %s: status %s", f.ID, f.File, f.Resource, f.Status)
		if f.Status == "accepted" {
			a, ok := exceptions.Of(f)
			require.True(t, ok)
			assert.NotEmpty(t, a.Rationale)
			assert.NotEmpty(t, a.Owner)
		}
	}
	assert.Equal(t, 0, sum.Expired)
	for _, u := range sum.Unused {
		assert.Zero(t, accepted[threatOf(u.ID)], "exception %s unused though its threat has findings", u.Source)
	}
	t.Logf("accepted per threat: %v; unused: %v", accepted, sum.Unused)
}

type conftestResult struct {
	Failures []struct {
		Msg      string `json:"msg"`
		Metadata struct {
			Details map[string]any `json:"details"`
		} `json:"metadata"`
	} `json:"failures"`
	Warnings []struct {
		Msg string `json:"msg"`
	} `json:"warnings"`
}

// TestConftestDataGivesSameResult: the same exceptions file under the real conftest
// (--data, namespace stridegate.exceptions) fails on exactly the findings the harness
// leaves open and warns about the accepted and unused ones. Findings are keyed by id,
// resource and file (message parity is test/parity_test.go's job).
func TestConftestDataGivesSameResult(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real conftest")
	}
	_, findings, files := baseline(t, true)
	set, err := exceptions.Load(exampleExcept)
	require.NoError(t, err)
	sum := set.Apply(findings, time.Now())
	var want []string
	for _, f := range findings {
		if f.Status == "open" {
			want = append(want, fmt.Sprintf("%s | %s | %s", f.ID, f.Resource, f.File))
		}
	}
	sort.Strings(want)

	args := append([]string{"tool", "conftest", "test", "--combine", "--no-color", "-o", "json",
		"-p", policyDir, "--data", exampleExcept, "--namespace", "stridegate.exceptions"}, files...)
	cmd := exec.Command("go", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, stderr.String())
		require.Equal(t, 1, exit.ExitCode(), "conftest failed to run: %s", stderr.String())
	}
	var results []conftestResult
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &results), stdout.String())
	var got []string
	acceptedWarnings, unusedWarnings := 0, 0
	for _, r := range results {
		for _, f := range r.Failures {
			d := f.Metadata.Details
			got = append(got, fmt.Sprintf("%v | %v | %v", d["id"], d["resource"], d["file"]))
		}
		for _, w := range r.Warnings {
			switch {
			case strings.HasPrefix(w.Msg, "accepted risk "):
				acceptedWarnings++
			case strings.HasPrefix(w.Msg, "unused exception "):
				unusedWarnings++
			}
		}
	}
	sort.Strings(got)
	assert.Equal(t, want, got)
	assert.Equal(t, sum.Accepted, acceptedWarnings)
	assert.Equal(t, len(sum.Unused), unusedWarnings)
}
