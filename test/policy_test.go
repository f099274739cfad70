package test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stridegate/stridegate/bundle"
)

const policyDir = "../policy"

func regoFiles(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	require.NoError(t, filepath.WalkDir(policyDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".rego" {
			return err
		}
		b, err := os.ReadFile(p)
		out[p] = b
		return err
	}))
	require.NotEmpty(t, out)
	return out
}

// TestRegoUnitTests runs every *_test.rego through OPA's tester (as `opa test policy`).
func TestRegoUnitTests(t *testing.T) {
	results, err := tester.Run(context.Background(), policyDir)
	require.NoError(t, err)
	require.NotEmpty(t, results)
	passed := 0
	for _, r := range results {
		if r.Fail || r.Error != nil || r.Skip {
			t.Errorf("%s.%s: fail=%v skip=%v error=%v", r.Package, r.Name, r.Fail, r.Skip, r.Error)
			continue
		}
		passed++
	}
	t.Logf("%d Rego tests passed", passed)
}

// TestRegoFormatted is `opa fmt -l policy` printing nothing.
func TestRegoFormatted(t *testing.T) {
	for p, src := range regoFiles(t) {
		want, err := format.SourceWithOpts(p, src, format.Opts{RegoVersion: ast.RegoV1})
		require.NoError(t, err, p)
		assert.Equal(t, string(want), string(src), "%s is not `opa fmt` clean: run go tool opa fmt -w %s", p, p)
	}
}

// TestRegoStrict is `opa check --strict policy`.
func TestRegoStrict(t *testing.T) {
	modules := map[string]*ast.Module{}
	for p, src := range regoFiles(t) {
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		require.NoError(t, err, p)
		modules[p] = m
	}
	c := ast.NewCompiler().WithStrict(true).WithDefaultRegoVersion(ast.RegoV1)
	c.Compile(modules)
	require.False(t, c.Failed(), "%v", c.Errors)
}

// TestControlMetadata checks every control file: METADATA with the required fields, a
// test file beside it, one control per file, and a catalog the engine accepts.
func TestControlMetadata(t *testing.T) {
	engine, err := bundle.New(context.Background())
	require.NoError(t, err)
	byFile := map[string]bundle.Control{}
	for _, c := range engine.Controls() {
		byFile[c.File] = c
		assert.NotEmpty(t, c.Title, c.ID)
		assert.NotEmpty(t, c.Description, c.ID)
		assert.NotEmpty(t, c.Stride, c.ID)
		assert.Contains(t, []string{"Spoofing", "Tampering", "Repudiation", "Information Disclosure", "Denial of Service", "Elevation of Privilege"}, c.Stride, c.ID)
		assert.NotEmpty(t, c.Inputs, c.ID)
		assert.NotEmpty(t, c.Remediation, c.ID)
		assert.NotEmpty(t, c.References, c.ID)
		assert.Contains(t, c.Custom, "threats", c.ID)
		for _, in := range c.Inputs {
			assert.Contains(t, []string{"tfplan", "hcl", "k8s", "helm-values", "azure-rbac", "workflow", "source"}, in, c.ID)
		}
		assert.True(t, strings.HasPrefix(c.Package, "data.stridegate."), c.Package)
	}
	for p := range regoFiles(t) {
		rel, _ := filepath.Rel(policyDir, p)
		rel = filepath.ToSlash(rel)
		// lib/ holds helpers, exceptions/ the conftest side of --exceptions: not controls.
		if strings.HasPrefix(rel, "lib/") || strings.HasPrefix(rel, "exceptions/") || strings.HasSuffix(rel, "_test.rego") {
			continue
		}
		_, ok := byFile[rel]
		assert.True(t, ok, "%s has no control METADATA (custom.id)", rel)
		_, err := os.Stat(strings.TrimSuffix(p, ".rego") + "_test.rego")
		assert.NoError(t, err, "%s has no _test.rego beside it", rel)
	}
}
