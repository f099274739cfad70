package bundle

import (
	"context"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// Controls are evaluated in groups, one query per group ([data.p1.violation,
// data.p2.violation, ...]), not one query per control: within one evaluation OPA computes
// each lib rule (lib.terraform.resources, by_type, lib.k8s.objects, ...) once and caches
// function results, so a group shares that work among its controls. Controls of one
// family (one directory of policy/, one package prefix such as data.stridegate.terraform)
// read the same lib views, so a family is never split across groups: splitting it built
// every view once per group, which on a 10k-resource plan cost 30% more memory and more
// CPU time for no gain in wall time. Families are dealt to at most one group per worker.

// family is the package prefix a control shares its lib views with: its package path
// without the last segment.
func family(c Control) string {
	if i := strings.LastIndexByte(c.Package, '.'); i > 0 {
		return c.Package[:i]
	}
	return c.Package
}

// partition groups controls by family and deals the families to at most n groups, each
// family to the group with the fewest controls so far (largest families first). Catalog
// order is kept within a family.
func partition(controls []Control, n int) [][]Control {
	var (
		order []string
		byFam = map[string][]Control{}
	)
	for _, c := range controls {
		f := family(c)
		if _, seen := byFam[f]; !seen {
			order = append(order, f)
		}
		byFam[f] = append(byFam[f], c)
	}
	if n > len(order) {
		n = len(order)
	}
	if n < 1 {
		return nil
	}
	sort.SliceStable(order, func(i, j int) bool { return len(byFam[order[i]]) > len(byFam[order[j]]) })
	out := make([][]Control, n)
	for _, f := range order {
		smallest := 0
		for i := range out {
			if len(out[i]) < len(out[smallest]) {
				smallest = i
			}
		}
		out[smallest] = append(out[smallest], byFam[f]...)
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
