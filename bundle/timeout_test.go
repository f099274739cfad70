package bundle_test

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/input"
)

// slowPolicy is a control whose evaluation takes far longer than the test's deadline.
const slowPolicy = `# METADATA
# title: slow
# scope: package
# custom:
#   id: X-SLOW
#   severity: low
#   stride: D
#   inputs: [k8s]
package slow

violation contains {"msg": "slow"} if {
	n := count([x | some x in numbers.range(1, 100000000); x % 7 == 0])
	n < 0
}
`

func TestEvalTimeoutCancelsTheEvaluation(t *testing.T) {
	fsys := fstest.MapFS{"slow/slow.rego": {Data: []byte(slowPolicy)}}
	e, err := bundle.New(context.Background(), bundle.WithFS(fsys), bundle.WithEvalTimeout(50*time.Millisecond))
	require.NoError(t, err)
	docs := []input.Document{{Path: "ns.yaml", Kind: input.KindK8s, Contents: map[string]any{"apiVersion": "v1", "kind": "Namespace"}}}
	done := make(chan struct{})
	var errs []bundle.ControlError
	go func() {
		defer close(done)
		_, errs = e.Evaluate(context.Background(), docs)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("evaluation was not cancelled by its deadline")
	}
	require.Len(t, errs, 1)
	assert.Equal(t, "X-SLOW", errs[0].ID)
	assert.True(t, topdown.IsCancel(errs[0].Err), errs[0].Err)
}
