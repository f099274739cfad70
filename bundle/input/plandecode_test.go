package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// genericPlan decodes data the generic way (a Go tree, then OPA's conversion), optionally
// trimmed, and reports whether the generic path calls it a plan and its validation error.
func genericPlan(t *testing.T, data []byte, forced, trim bool) (v ast.Value, plan bool, err error) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var x any
	if dec.Decode(&x) != nil {
		return nil, false, nil
	}
	if _, terr := dec.Token(); terr != io.EOF {
		return nil, false, nil // trailing data: malformed
	}
	m, ok := x.(map[string]any)
	if !ok || !isString(m["format_version"]) || (!forced && !isString(m["terraform_version"])) {
		return nil, false, nil
	}
	if err := validatePlan(x); err != nil {
		return nil, true, err
	}
	if trim {
		for f := range trimmedPlanFields {
			delete(m, f)
		}
		changes, _ := m["resource_changes"].([]any)
		for _, rc := range changes {
			trimChange(rc)
		}
	}
	v, err = ast.InterfaceToValue(x)
	require.NoError(t, err)
	return v, true, nil
}

// checkPlanDecode asserts that the streaming plan decoder agrees with the generic path:
// the same documents are plans, the same plans are invalid, and valid plans decode to
// the same value, trimmed or full.
func checkPlanDecode(t *testing.T, data []byte) {
	t.Helper()
	for _, forced := range []bool{false, true} {
		for _, full := range []bool{true, false} {
			want, plan, wantErr := genericPlan(t, data, forced, !full)
			got, err := decodePlan(data, forced, full)
			if !plan {
				require.ErrorIs(t, err, errNotStreamed, "not a plan (forced %v)", forced)
				continue
			}
			if wantErr != nil {
				require.Error(t, err, "invalid plan (forced %v)", forced)
				require.NotErrorIs(t, err, errNotStreamed)
				continue
			}
			if errors.Is(err, errNotStreamed) {
				continue // a repeated key: the generic path decodes it (covered below)
			}
			require.NoError(t, err, "valid plan (forced %v)", forced)
			require.Equal(t, 0, want.Compare(got), "value (forced %v, full %v):\n%v\n%v", forced, full, want, got)
		}
	}
}

func TestDecodePlanAgreesWithGenericPath(t *testing.T) {
	files, err := filepath.Glob("../../examples/*/plan/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		t.Run(f, func(t *testing.T) { checkPlanDecode(t, data) })
	}
	for _, tt := range validatePlanCases {
		t.Run(tt.name, func(t *testing.T) { checkPlanDecode(t, []byte(tt.plan)) })
	}
	for name, s := range map[string]string{
		"repeated resource_changes":    `{"format_version":"1.2","terraform_version":"1","resource_changes":[],"resource_changes":[{"address":"a","change":{"after":{"x":1}}}]}`,
		"repeated trimmed field":       `{"format_version":"1.2","terraform_version":"1","prior_state":{},"prior_state":[]}`,
		"planned_values wrong type":    `{"format_version":"1.2","terraform_version":"1","planned_values":"x"}`,
		"resource_changes object":      `{"format_version":"1.2","terraform_version":"1","resource_changes":{"a":[1]}}`,
		"resource_changes null":        `{"format_version":"1.2","terraform_version":"1","resource_changes":null}`,
		"trailing data":                `{"format_version":"1.2","terraform_version":"1"} {}`,
		"malformed later":              `{"format_version":"1.2","terraform_version":"1","resource_changes":[{"change":1}],"x":}`,
		"numbers kept exact":           `{"format_version":"1.2","terraform_version":"1","resource_changes":[{"change":{"after":{"n":1.50,"m":12345678901234567890}}}]}`,
		"no terraform_version":         `{"format_version":"1.2","resource_changes":[]}`,
		"before and sensitive trimmed": `{"format_version":"1.2","terraform_version":"1","resource_changes":[{"change":{"before":{"a":1},"after":{"a":2},"after_unknown":{},"before_sensitive":false,"after_sensitive":{}}}],"prior_state":{"values":{}}}`,
	} {
		t.Run(name, func(t *testing.T) { checkPlanDecode(t, []byte(s)) })
	}
}

func TestParseTrimsPlans(t *testing.T) {
	const plan = `{"format_version":"1.2","terraform_version":"1.9.0","planned_values":{"root_module":{}},` +
		`"resource_changes":[{"address":"a.b","change":{"actions":["create"],"before":null,"after":{"x":1},"after_sensitive":{}}}]}`
	docs, _, err := Parse("tfplan.json", []byte(plan), KindUnknown)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	assert.Equal(t, KindPlan, docs[0].Kind)
	got, ok := docs[0].Contents.(ast.Object)
	require.True(t, ok, "a plan is decoded into an ast.Object")
	assert.Equal(t, `{"format_version": "1.2", "resource_changes": [{"address": "a.b", "change": {"actions": ["create"], "after": {"x": 1}}}], "terraform_version": "1.9.0"}`, got.String())

	docs, _, err = ParseFull("tfplan.json", []byte(plan), KindUnknown)
	require.NoError(t, err)
	full, _ := docs[0].Contents.(ast.Object)
	require.NotNil(t, full)
	assert.NotNil(t, full.Get(ast.InternedTerm("planned_values")))

	res := Load([]string{"../../examples/baseline/plan"}, Options{FullPlan: true})
	require.Empty(t, res.Errors)
	require.NotEmpty(t, res.Documents)
	assert.NotNil(t, res.Documents[0].Contents.(ast.Object).Get(ast.InternedTerm("planned_values")))
}

// TestTrimmedPlanFieldsAreUnread guards the trimming: no shipped policy may read a field
// the loader skips (add it back to the plan, or remove it from trimmedPlanFields and
// trimmedChangeFields, before a control reads it).
func TestTrimmedPlanFieldsAreUnread(t *testing.T) {
	var sources [][]byte
	err := filepath.WalkDir("../../policy", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".rego" || bytes.HasSuffix([]byte(p), []byte("_test.rego")) {
			return err
		}
		b, err := os.ReadFile(p)
		sources = append(sources, b)
		return err
	})
	require.NoError(t, err)
	require.NotEmpty(t, sources)
	fields := append([]string{}, trimmedChangeFields...)
	for f := range trimmedPlanFields {
		fields = append(fields, f)
	}
	for _, f := range fields {
		for _, src := range sources {
			for _, ref := range []string{"." + f, `"` + f + `"`} {
				assert.NotContains(t, string(src), ref, "a policy reads the trimmed plan field %s", f)
			}
		}
	}
}
