package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/exceptions"
	"github.com/stridegate/stridegate/bundle/output"
)

// progressDelay is how long a stage runs before check reports it on a terminal.
const progressDelay = time.Second

// loadExceptions reads the --exceptions file (nil without one).
func loadExceptions(path string) (*exceptions.Set, error) {
	if path == "" {
		return nil, nil
	}
	return exceptions.Load(path)
}

// applyExceptions marks accepted findings and warns on stderr about exceptions that
// expired or matched nothing. It returns nil when no exceptions file was given.
func (a *app) applyExceptions(set *exceptions.Set, findings []bundle.Finding) *exceptions.Summary {
	if set == nil {
		return nil
	}
	sum := set.Apply(findings, time.Now())
	for _, f := range findings {
		if ex, ok := exceptions.Of(f); ok && ex.Expired {
			fmt.Fprintf(a.stderr, "stridegate: warning: %s: exception for %s on %s expired %s: the finding is open again\n", ex.Source, f.ID, f.Resource, ex.Expires)
		}
	}
	for _, u := range sum.Unused {
		fmt.Fprintf(a.stderr, "stridegate: warning: %s: exception %s matches no finding\n", u.Source, u.ID)
	}
	return &sum
}

// emit writes the report: to --output (plus a summary line on stdout) or to stdout.
// --quiet drops the table and the summary line; machine formats still go to stdout.
func (a *app) emit(writer output.Writer, rep output.Report, f checkFlags) error {
	if f.output != "" {
		var buf bytes.Buffer
		if err := writer.Write(&buf, rep); err != nil {
			return err
		}
		if err := os.WriteFile(f.output, buf.Bytes(), 0o644); err != nil {
			return err
		}
		if !f.quiet {
			_, err := fmt.Fprintf(a.stdout, "%s; %s report written to %s\n", output.SummaryLine(rep.Summary), f.format, f.output)
			return err
		}
		return nil
	}
	if t, ok := writer.(output.Table); ok {
		if f.quiet {
			return nil
		}
		t.Color = colorful(a.stdout)
		writer = t
	}
	return writer.Write(a.stdout, rep)
}

// colorful tells whether w is a terminal that accepts colour (NO_COLOR unset).
func colorful(w io.Writer) bool {
	if _, off := os.LookupEnv("NO_COLOR"); off {
		return false
	}
	return isTerminal(w)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress reports a stage on stderr when stderr is a terminal and the stage runs longer
// than progressDelay; the returned func ends the stage and clears the line.
func (a *app) progress(stage string) (done func()) {
	if !isTerminal(a.stderr) {
		return func() {}
	}
	var (
		mu      sync.Mutex
		shown   bool
		stopped bool
	)
	timer := time.AfterFunc(progressDelay, func() {
		mu.Lock()
		defer mu.Unlock()
		if !stopped {
			fmt.Fprintf(a.stderr, "\rstridegate: %s...", stage)
			shown = true
		}
	})
	return func() {
		timer.Stop()
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		if shown {
			fmt.Fprint(a.stderr, "\r\x1b[K")
		}
	}
}
