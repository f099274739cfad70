package bundle_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/input"
)

func TestQueryLibOnCombinedInput(t *testing.T) {
	ctx := context.Background()
	engine, err := bundle.New(ctx)
	require.NoError(t, err)
	wf := []byte(`on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@08eba0b27e820071cde6df949e0beb9ba4906955
      - uses: actions/setup-go@v5
      - uses: ./local-action
`)
	docs, _, err := input.Parse(".github/workflows/ci.yml", wf, input.KindUnknown)
	require.NoError(t, err)
	for range 2 { // the second call reuses the prepared query
		v, err := engine.Query(ctx, docs, "data.lib.workflow.pinning")
		require.NoError(t, err)
		b, err := json.Marshal(v)
		require.NoError(t, err)
		assert.JSONEq(t, `{"pinned": 1, "total": 2}`, string(b))
	}

	v, err := engine.Query(ctx, docs, "data.lib.workflow.no_such_rule")
	require.NoError(t, err)
	assert.Nil(t, v, "undefined is nil")

	_, err = engine.Query(ctx, docs, "data.lib.workflow.pinning[")
	require.Error(t, err)
}
