package main

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stridegate/stridegate/bundle"
)

func TestEvalErrorsNameWhatTimedOut(t *testing.T) {
	f := inputFlags{timeout: time.Minute, evalTimeout: 2 * time.Second}
	cancelErr := &topdown.Error{Code: topdown.CancelErr, Message: "caller cancelled query execution"}
	for _, tc := range []struct {
		note    string
		ctx     func() context.Context
		errs    []bundle.ControlError
		want    []string
		wantLen int
	}{
		{"per-evaluation deadline", context.Background, []bundle.ControlError{{ID: "D-1", Err: cancelErr}},
			[]string{"(timeout): control D-1: evaluation timed out after --eval-timeout 2s"}, 1},
		{"run deadline", func() context.Context {
			ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
			t.Cleanup(cancel)
			<-ctx.Done()
			return ctx
		}, []bundle.ControlError{{ID: "D-1", Err: cancelErr}, {ID: "T-2", Err: cancelErr}},
			[]string{"(timeout): check timed out after --timeout 1m0s: 2 control evaluation(s) cancelled"}, 1},
		{"other error", context.Background, []bundle.ControlError{{ID: "T-2", Err: errors.New("boom")}},
			[]string{"(policy): control T-2: boom"}, 1},
	} {
		t.Run(tc.note, func(t *testing.T) {
			out := evalErrors(tc.ctx(), f, tc.errs)
			require.Len(t, out, tc.wantLen)
			for i, w := range tc.want {
				assert.Contains(t, out[i].Error(), w)
			}
		})
	}
}

func TestTimeoutFlagsInHelp(t *testing.T) {
	r := runCLI(t, "", "check", "--help")
	require.Equal(t, exitClean, r.code)
	for _, want := range []string{"--timeout", "--eval-timeout", "--max-file-size", "Limits:"} {
		assert.Contains(t, r.stdout, want)
	}
}
