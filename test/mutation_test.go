package test

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var violationHead = regexp.MustCompile(`(?m)^violation contains`)

// TestControlTestsCanFail removes each control's violation rules and runs that control's
// own tests: at least one must fail, or the tests cannot tell a working rule from none.
func TestControlTestsCanFail(t *testing.T) {
	if testing.Short() {
		t.Skip("re-runs each control's tests without its rules")
	}
	files := regoFiles(t)
	parse := func(p string, src []byte) *ast.Module {
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		require.NoError(t, err, p)
		return m
	}
	modules := map[string]*ast.Module{}
	for p, src := range files {
		modules[p] = parse(p, src)
	}
	controls := 0
	for p, src := range files {
		rel, _ := filepath.Rel(policyDir, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "lib/") || strings.HasPrefix(rel, "exceptions/") || strings.HasSuffix(rel, "_test.rego") || !violationHead.Match(src) {
			continue
		}
		controls++
		pkg := modules[p].Package.Path.String()
		t.Run(rel, func(t *testing.T) {
			// the libraries, shared test fixtures, the control's test and the mutated control
			mutated := map[string]*ast.Module{}
			for k, m := range modules {
				kr, _ := filepath.Rel(policyDir, k)
				kr = filepath.ToSlash(kr)
				if strings.HasPrefix(kr, "lib/") || strings.Contains(kr, "fixtures") || k == p || k == strings.TrimSuffix(p, ".rego")+"_test.rego" {
					mutated[k] = m
				}
			}
			run := func(mods map[string]*ast.Module) (ran, failed int) {
				ch, err := tester.NewRunner().
					SetModules(mods).
					Filter("^"+regexp.QuoteMeta(pkg+"_test.")).
					RunTests(context.Background(), nil)
				require.NoError(t, err)
				for r := range ch {
					ran++
					if r.Fail || r.Error != nil {
						failed++
					}
				}
				return ran, failed
			}
			ran, failed := run(mutated)
			require.Positive(t, ran, "%s has no tests", pkg)
			require.Zero(t, failed, "%s: its tests fail even with the rule in place", pkg)
			mutated[p] = parse(p, violationHead.ReplaceAll(src, []byte("_without_rule contains")))
			_, failed = run(mutated)
			assert.Positive(t, failed, "%s: every test still passes with the control's violation rules removed", pkg)
		})
	}
	assert.Greater(t, controls, 50)
}
