package test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/input"
)

// exampleFiles lists the files conftest can read in an example set: everything the
// harness checks except source files (.py, .sh), a harness-only kind.
func exampleFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".tf", ".tfvars", ".json", ".yaml", ".yml":
			files = append(files, p)
		}
		return nil
	}))
	sort.Strings(files)
	require.NotEmpty(t, files)
	return files
}

type conftestResult struct {
	Filename string `json:"filename"`
	Failures []struct {
		Msg      string `json:"msg"`
		Metadata struct {
			Details map[string]any `json:"details"`
		} `json:"metadata"`
	} `json:"failures"`
}

func violationKey(id, resource, msg string) string {
	return fmt.Sprintf("%s | %s | %s", id, resource, msg)
}

// runConftest runs the pinned real conftest on files with --combine and returns one key
// per violation.
func runConftest(t *testing.T, files []string) []string {
	t.Helper()
	args := append([]string{"tool", "conftest", "test", "--all-namespaces", "--combine", "--no-color", "-p", policyDir, "-o", "json"}, files...)
	cmd := exec.Command("go", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, stderr.String())
		require.Equal(t, 1, exit.ExitCode(), "conftest failed to run: %s", stderr.String())
	}
	var results []conftestResult
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &results), stdout.String())
	keys := []string{}
	for _, r := range results {
		for _, f := range r.Failures {
			d := f.Metadata.Details
			id, _ := d["id"].(string)
			res, _ := d["resource"].(string)
			keys = append(keys, violationKey(id, res, f.Msg))
		}
	}
	sort.Strings(keys)
	return keys
}

func runEngine(t *testing.T, engine *bundle.Engine, files []string) []string {
	t.Helper()
	loaded := input.Load(files, input.Options{})
	require.Empty(t, loaded.Errors)
	findings, errs := engine.Evaluate(context.Background(), loaded.Documents)
	require.Empty(t, errs)
	keys := make([]string, 0, len(findings))
	for _, f := range findings {
		keys = append(keys, violationKey(f.ID, f.Resource, f.Message))
	}
	sort.Strings(keys)
	return keys
}

// TestConftestParity: the real conftest (--combine, the policy/ directory unchanged)
// reports exactly the violations the embedded engine reports, on every example set.
func TestConftestParity(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real conftest")
	}
	engine, err := bundle.New(context.Background())
	require.NoError(t, err)
	for _, set := range []string{"baseline", "hardened"} {
		t.Run(set, func(t *testing.T) {
			files := exampleFiles(t, filepath.Join("..", "examples", set))
			want := runEngine(t, engine, files)
			got := runConftest(t, files)
			if set == "baseline" {
				require.NotEmpty(t, want)
			}
			assert.Equal(t, want, got)
		})
	}
}
