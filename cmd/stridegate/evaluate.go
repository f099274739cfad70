package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	"github.com/spf13/pflag"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/exceptions"
	"github.com/stridegate/stridegate/bundle/input"
)

// inputFlags are the flags check and report share: what to read and how, the accepted
// risks, and the deadlines.
type inputFlags struct {
	kind        string
	maxFileSize int64
	varFiles    []string
	exceptions  string
	timeout     time.Duration
	evalTimeout time.Duration
}

// varFileHelp documents --var-file.
const varFileHelp = "Terraform variable file (.tfvars or .tfvars.json) applied to every root module, after terraform.tfvars and *.auto.tfvars, as terraform -var-file does (repeatable; later files win)"

func (f *inputFlags) addTo(fs *pflag.FlagSet) {
	fs.StringVar(&f.kind, "kind", "", "read every input as this kind: "+kindNames())
	fs.Int64Var(&f.maxFileSize, "max-file-size", input.DefaultMaxFileSize, "largest input file in bytes")
	fs.StringArrayVar(&f.varFiles, "var-file", nil, varFileHelp)
	fs.StringVar(&f.exceptions, "exceptions", "", "accepted-risk file (YAML): matching findings are reported accepted until they expire")
	fs.DurationVar(&f.timeout, "timeout", defaultTimeout, "deadline for the whole run, e.g. 30s or 5m (0: none)")
	fs.DurationVar(&f.evalTimeout, "eval-timeout", defaultEvalTimeout, "deadline for each policy evaluation (0: none)")
}

// evaluation is one run of every applicable control over the inputs of a command.
type evaluation struct {
	engine    *bundle.Engine
	loaded    input.Result
	kinds     map[input.Kind]bool
	evaluated []bundle.Control
	findings  []bundle.Finding
	// errs are the bad inputs and failed evaluations, already reported on stderr.
	errs       []input.FileError
	exceptions *exceptions.Summary
}

// evaluate loads the inputs, evaluates every applicable control once, locates findings and
// applies the accepted risks. Bad inputs and warnings go to stderr and into ev.errs; the
// returned error is a setup failure (bad flag, bad exceptions file, policy that does not
// compile). ctx carries the run's --timeout deadline.
func (a *app) evaluate(ctx context.Context, paths []string, f inputFlags) (*evaluation, error) {
	kind, err := input.ParseKind(f.kind)
	if err != nil {
		return nil, fmt.Errorf("--kind: %w", err)
	}
	accepted, err := loadExceptions(f.exceptions)
	if err != nil {
		return nil, err
	}
	engine, err := bundle.New(ctx, bundle.WithEvalTimeout(f.evalTimeout))
	if err != nil {
		return nil, setupError(ctx, f, err)
	}
	ev := &evaluation{engine: engine}
	done := a.progress(fmt.Sprintf("loading %d path(s)", len(paths)))
	settle := frugalGC()
	ev.loaded = input.Load(paths, input.Options{Kind: kind, MaxFileSize: f.maxFileSize, Stdin: a.stdin, VarFiles: f.varFiles})
	settle(ev.loaded.Bytes)
	done()
	done = a.progress(fmt.Sprintf("checking %d document(s) from %d file(s)", len(ev.loaded.Documents), ev.loaded.Files))
	findings, evalErrs := engine.Evaluate(ctx, ev.loaded.Documents)
	done()
	bundle.Locate(findings, ev.loaded.Locators)
	ev.findings = findings
	ev.errs = append(ev.loaded.Errors, evalErrors(ctx, f, evalErrs)...)
	for _, e := range ev.errs {
		fmt.Fprintf(a.stderr, "stridegate: %s\n", e.Error())
	}
	ev.exceptions = a.applyExceptions(accepted, findings)
	ev.kinds = input.KindsOf(ev.loaded.Documents)
	for _, c := range engine.Controls() {
		if c.Applies(ev.kinds) {
			ev.evaluated = append(ev.evaluated, c)
		}
	}
	for _, u := range ev.loaded.Unchecked {
		fmt.Fprintf(a.stderr, "stridegate: warning: %s: not checked (%s)\n", u, ev.loaded.Reason(u))
	}
	return ev, nil
}

// largeInput is the input size from which the collector trades CPU time for memory.
const largeInput = 4 << 20

// largeInputGCPercent is the collector's target for large inputs: the heap grows by half
// its live size between collections instead of doubling, which lowers a 10k-resource
// plan's peak memory by about a sixth for about a sixth more CPU time. Small inputs keep
// Go's default: there the fixed cost of compiling the policy dominates and more frequent
// collections only cost time.
const largeInputGCPercent = 50

// frugalGC sets largeInputGCPercent for the load (which cannot know the input's size
// beforehand), unless the user set GOGC; the returned settle restores Go's default once
// the loaded input turns out to be small.
func frugalGC() (settle func(inputBytes int64)) {
	if os.Getenv("GOGC") != "" {
		return func(int64) {}
	}
	prev := debug.SetGCPercent(largeInputGCPercent)
	return func(inputBytes int64) {
		if inputBytes < largeInput {
			debug.SetGCPercent(prev)
		}
	}
}
