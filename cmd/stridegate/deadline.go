package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/input"
)

// Default deadlines of check: generous for a 10k-resource plan, short enough that a
// runaway evaluation fails the pipeline with a message instead of hanging it.
const (
	defaultTimeout     = 10 * time.Minute
	defaultEvalTimeout = 2 * time.Minute
)

// timeoutPath is the pseudo-file that timeout errors name in stderr and JSON errors.
const timeoutPath = "(timeout)"

// withDeadline bounds the whole check run by --timeout (0: no bound).
func withDeadline(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// setupError rewords an engine setup failure caused by the run's deadline.
func setupError(ctx context.Context, f inputFlags, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("timed out: --timeout %s ran out while compiling the policy bundle", f.timeout)
	}
	return err
}

// evalErrors turns the engine's control errors into input errors (one stderr line each).
// A run past --timeout becomes one error saying how many controls were not evaluated; a
// control past --eval-timeout is named with that deadline.
func evalErrors(ctx context.Context, f inputFlags, errs []bundle.ControlError) []input.FileError {
	var out []input.FileError
	cancelled := 0
	for _, e := range errs {
		switch {
		case ctx.Err() != nil && (topdown.IsCancel(e.Err) || errors.Is(e.Err, context.DeadlineExceeded) || errors.Is(e.Err, context.Canceled)):
			cancelled++
		case topdown.IsCancel(e.Err) || errors.Is(e.Err, context.DeadlineExceeded):
			out = append(out, input.FileError{Path: timeoutPath, Document: -1,
				Err: fmt.Sprintf("control %s: evaluation timed out after --eval-timeout %s (the control was not evaluated)", e.ID, f.evalTimeout)})
		default:
			out = append(out, input.FileError{Path: "(policy)", Document: -1, Err: e.Error()})
		}
	}
	if cancelled > 0 || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		out = append(out, input.FileError{Path: timeoutPath, Document: -1,
			Err: fmt.Sprintf("check timed out after --timeout %s: %d control evaluation(s) cancelled, results may be incomplete", f.timeout, cancelled)})
	}
	return out
}
