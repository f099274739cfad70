package opabundle_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	capabilitiesFile = "../../.opa/capabilities.json"
	// oldestOPA is the OPA inside gator/Gatekeeper v3.23.1, the oldest runtime we support.
	oldestOPA = "v1.17.1"
)

// removedBuiltins are the builtins Gatekeeper disables by default (.opa/README.md).
var removedBuiltins = []string{"http.send"}

func loadCapabilities(t *testing.T) *ast.Capabilities {
	t.Helper()
	caps, err := ast.LoadCapabilitiesFile(capabilitiesFile)
	require.NoError(t, err)
	return caps
}

// TestCapabilitiesFileIsOldestOPA keeps .opa/capabilities.json what .opa/README.md says:
// OPA v1.17.1's capabilities minus the builtins Gatekeeper disables.
func TestCapabilitiesFileIsOldestOPA(t *testing.T) {
	caps := loadCapabilities(t)
	want, err := ast.LoadCapabilitiesVersion(oldestOPA)
	require.NoError(t, err)
	var wantNames, gotNames []string
	for _, b := range want.Builtins {
		if !slices.Contains(removedBuiltins, b.Name) {
			wantNames = append(wantNames, b.Name)
		}
	}
	for _, b := range caps.Builtins {
		gotNames = append(gotNames, b.Name)
	}
	assert.Equal(t, wantNames, gotNames, "regenerate .opa/capabilities.json as .opa/README.md says")
	assert.Equal(t, want.Features, caps.Features)
	assert.Equal(t, want.FutureKeywords, caps.FutureKeywords)
}

// TestPolicyWithinCapabilities compiles the whole policy/ tree (controls, lib and Rego
// tests) with the pinned capabilities: a builtin, keyword or feature newer than the
// oldest supported OPA, or one Gatekeeper disables, fails here.
func TestPolicyWithinCapabilities(t *testing.T) {
	caps := loadCapabilities(t)
	modules := map[string]*ast.Module{}
	opts := ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1, Capabilities: caps}
	require.NoError(t, filepath.WalkDir("../../policy", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".rego" {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), opts)
		if err != nil {
			t.Errorf("%s does not parse with %s: %v", p, capabilitiesFile, err)
			return nil
		}
		modules[p] = m
		return nil
	}))
	require.NotEmpty(t, modules)
	c := ast.NewCompiler().WithCapabilities(caps).WithDefaultRegoVersion(ast.RegoV1)
	c.Compile(modules)
	require.False(t, c.Failed(), "policy/ uses something outside %s (OPA %s minus %s):\n%v",
		capabilitiesFile, oldestOPA, strings.Join(removedBuiltins, ", "), c.Errors)
}

// TestCapabilitiesCatchNewerBuiltins proves the gate works: a rule calling a builtin the
// file does not list fails to compile.
func TestCapabilitiesCatchNewerBuiltins(t *testing.T) {
	caps := loadCapabilities(t)
	m, err := ast.ParseModuleWithOpts("x.rego", "package x\n\np := http.send({\"method\": \"get\", \"url\": \"http://x\"})\n", ast.ParserOptions{RegoVersion: ast.RegoV1, Capabilities: caps})
	require.NoError(t, err)
	c := ast.NewCompiler().WithCapabilities(caps)
	c.Compile(map[string]*ast.Module{"x.rego": m})
	require.True(t, c.Failed())
	assert.Contains(t, c.Errors.Error(), "http.send")
}
