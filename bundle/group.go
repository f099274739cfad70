package bundle

import (
	"context"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// Controls are evaluated in groups, one query per group ([data.p1.violation,
// data.p2.violation, ...]), not one query per control: within one evaluation OPA computes
// each lib rule (lib.terraform.resources, by_type, lib.k8s.objects, ...) once and caches
// function results, so a group shares that work among its controls. Evaluate makes at most
// one group per worker, so the shared work is done once per worker instead of once per
// control (profiling a 10k-resource plan showed lib rules dominating every control's cost).

// partition deals controls round-robin into at most n groups, in catalog order.
func partition(controls []Control, n int) [][]Control {
	if n > len(controls) {
		n = len(controls)
	}
	if n < 1 {
		return nil
	}
	out := make([][]Control, n)
	for i, c := range controls {
		out[i%n] = append(out[i%n], c)
	}
	return out
}

// groupQuery is the query that evaluates every control of g in one evaluation; element
// i of its array value is the violation set of g[i].
func groupQuery(g []Control) string {
	refs := make([]string, len(g))
	for i, c := range g {
		refs[i] = c.Package + ".violation"
	}
	return "[" + strings.Join(refs, ", ") + "]"
}

// evalGroup evaluates the controls of g in one query (prepared once per distinct group
// and cached). If the group query fails, each control is evaluated on its own so that an
// error names the control that caused it.
func (e *Engine) evalGroup(ctx context.Context, g []Control, value ast.Value) ([]Finding, []ControlError) {
	if len(g) == 1 {
		fs, err := e.evalControl(ctx, g[0], value)
		if err != nil {
			return fs, []ControlError{{ID: g[0].ID, Err: err}}
		}
		return fs, nil
	}
	if fs, ok := e.evalGroupQuery(ctx, g, value); ok {
		return fs, nil
	}
	var (
		findings []Finding
		errs     []ControlError
	)
	for _, c := range g {
		fs, err := e.evalControl(ctx, c, value)
		if err != nil {
			errs = append(errs, ControlError{ID: c.ID, Err: err})
		}
		findings = append(findings, fs...)
	}
	return findings, errs
}

func (e *Engine) evalGroupQuery(ctx context.Context, g []Control, value ast.Value) ([]Finding, bool) {
	pq, err := e.prepare(ctx, groupQuery(g))
	if err != nil {
		return nil, false
	}
	if e.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, e.timeout)
		defer cancel()
	}
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(value))
	if err != nil || len(rs) != 1 || len(rs[0].Expressions) != 1 {
		return nil, false
	}
	sets, ok := rs[0].Expressions[0].Value.([]any)
	if !ok || len(sets) != len(g) {
		return nil, false
	}
	var out []Finding
	for i, s := range sets {
		set, _ := s.([]any)
		for _, v := range set {
			out = append(out, toFinding(g[i], v))
		}
	}
	return out, true
}
