package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

func TestGatekeeperExport(t *testing.T) {
	dir := t.TempDir()
	r := runCLI(t, "", "gatekeeper", "export", "--out", dir, "--enforcement", "warn")
	require.Equal(t, exitClean, r.code, r.stderr)
	assert.Contains(t, r.stdout, "template(s)")
	for _, p := range []string{"kustomization.yaml", "constraints/kustomization.yaml", "sync-config.yaml", "gatekeeper-values.yaml", "templates/stridegated1.yaml", "constraints/d-1.yaml"} {
		assert.FileExists(t, filepath.Join(dir, p))
	}
	b, err := os.ReadFile(filepath.Join(dir, "constraints", "d-1.yaml"))
	require.NoError(t, err)
	var c struct {
		Spec struct {
			EnforcementAction string `json:"enforcementAction"`
		} `json:"spec"`
	}
	require.NoError(t, yaml.Unmarshal(b, &c))
	assert.Equal(t, "warn", c.Spec.EnforcementAction)
}

func TestGatekeeperExportUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no out", []string{"gatekeeper", "export"}, "--out is required"},
		{"bad enforcement", []string{"gatekeeper", "export", "--out", "x", "--enforcement", "block"}, `enforcement "block"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "bad enforcement" {
				tc.args[3] = t.TempDir()
			}
			r := runCLI(t, "", tc.args...)
			assert.Equal(t, exitError, r.code)
			assert.Contains(t, r.stderr, tc.want)
		})
	}
}
