package bundle

import (
	"context"
	"fmt"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/stridegate/stridegate/bundle/input"
)

// queryCache holds the queries Query has prepared, one per query string.
type queryCache struct {
	mu       sync.Mutex
	prepared map[string]rego.PreparedEvalQuery
}

// Query evaluates an arbitrary query of the compiled bundle (for example
// "data.lib.workflow.pinning") on the same combined input Evaluate gives the controls.
// Each query string is prepared once per Engine and reused. It returns the query's
// value, or nil when the query is undefined for this input.
func (e *Engine) Query(ctx context.Context, docs []input.Document, query string) (any, error) {
	pq, err := e.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	value, err := combine(docs)
	if err != nil {
		return nil, err
	}
	if e.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, e.timeout)
		defer cancel()
	}
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(value))
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", query, err)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, nil
	}
	return rs[0].Expressions[0].Value, nil
}

func (e *Engine) prepare(ctx context.Context, query string) (rego.PreparedEvalQuery, error) {
	e.lib.mu.Lock()
	defer e.lib.mu.Unlock()
	if pq, ok := e.lib.prepared[query]; ok {
		return pq, nil
	}
	pq, err := rego.New(rego.Query(query), rego.Compiler(e.compiler)).PrepareForEval(ctx)
	if err != nil {
		return rego.PreparedEvalQuery{}, fmt.Errorf("prepare query %s: %w", query, err)
	}
	e.lib.prepared[query] = pq
	return pq, nil
}

// combine builds the `conftest --combine` input, [{path, contents}], as an ast.Value.
func combine(docs []input.Document) (ast.Value, error) {
	combined := make([]any, len(docs))
	for i, d := range docs {
		combined[i] = map[string]any{"path": d.Path, "contents": d.Contents}
	}
	value, err := ast.InterfaceToValue(combined)
	if err != nil {
		return nil, fmt.Errorf("convert input: %w", err)
	}
	return value, nil
}
