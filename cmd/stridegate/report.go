package main

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stridegate/stridegate/bundle/input"
	"github.com/stridegate/stridegate/bundle/register"
)

// pinningQuery is the workflow library's SHA-pinned share of `uses:` references.
const pinningQuery = "data.lib.workflow.pinning"

type reportFlags struct {
	inputFlags
	format string
	output string
}

func (a *app) reportCommand() *cobra.Command {
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "report [flags] PATH...",
		Short: "Write the threat register from evidence: each threat's status, its findings, and the model's metrics",
		Long: `Run the checks on PATH... (as check does) and write the threat register: for each of the
threat model's 19 threats its title, STRIDE category, likelihood, impact and risk rating,
the status the model claims and the status the evidence shows:

  Open          one of the threat's own controls (id X or X-*) has an open finding,
                or only supporting guide controls (SG-*) listing it do
  Accepted      its own controls' findings are all accepted by --exceptions (owner and
                expiry shown); open supporting findings are called out, not counted
  Mitigated     a control listing it ran on relevant input (its input kinds were given)
                and nothing is open
  Not assessed  no relevant input was given, or no control covers the threat

with the findings behind each, then the metrics the model tracks (threats mitigated x/19,
critical and high threats open, SHA-pinned actions %, "n/a" without workflows) side by side
with what the model claims.

Formats: markdown (default), json, html (one self-contained file: inline CSS and an inline
SVG severity chart, no script, readable without a server).

Exit status: 0 report written (whatever the statuses), 2 usage error, a bad exceptions
file, or an input that could not be read, parsed or classified (the report is still written).`,
		Example: `  stridegate report examples/baseline --exceptions examples/exceptions.yaml
  stridegate report --format html --output register.html examples/baseline
  stridegate report --format json examples/hardened`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return a.report(cmd, args, f) },
	}
	cmd.Flags().StringVarP(&f.format, "format", "f", "markdown", "output format: "+strings.Join(register.Formats, "|"))
	cmd.Flags().StringVarP(&f.output, "output", "o", "", "write the report to this file and print a one-line summary")
	f.inputFlags.addTo(cmd.Flags())
	return cmd
}

func (a *app) report(cmd *cobra.Command, paths []string, f reportFlags) error {
	if !slices.Contains(register.Formats, f.format) {
		a.code = exitError
		return fmt.Errorf("unknown format %q (want one of %s)", f.format, strings.Join(register.Formats, ", "))
	}
	model, err := register.LoadModel()
	if err != nil {
		a.code = exitError
		return err
	}
	ctx, cancel := withDeadline(cmd.Context(), f.timeout)
	defer cancel()
	ev, err := a.evaluate(ctx, paths, f.inputFlags)
	if err != nil {
		a.code = exitError
		return err
	}
	errs, kinds := ev.errs, ev.kinds
	var pinning *register.Pinning
	if kinds[input.KindWorkflow] {
		v, err := ev.engine.Query(ctx, ev.loaded.Documents, pinningQuery)
		if err != nil {
			e := input.FileError{Path: "(policy)", Document: -1, Err: err.Error()}
			fmt.Fprintf(a.stderr, "stridegate: %s\n", e.Error())
			errs = append(errs, e)
		}
		pinning = register.PinningFrom(v)
	}
	reg := register.Build(model, register.Evidence{Controls: ev.engine.Controls(), Kinds: kinds, Findings: ev.findings, Pinning: pinning})

	var buf bytes.Buffer
	if err := register.Write(&buf, f.format, reg); err != nil {
		a.code = exitError
		return fmt.Errorf("write report: %w", err)
	}
	if f.output == "" {
		if _, err := a.stdout.Write(buf.Bytes()); err != nil {
			a.code = exitError
			return fmt.Errorf("write report: %w", err)
		}
	} else {
		if err := os.WriteFile(f.output, buf.Bytes(), 0o644); err != nil {
			a.code = exitError
			return fmt.Errorf("write report: %w", err)
		}
		m := reg.Measured
		fmt.Fprintf(a.stdout, "wrote %s: %d threats: %d open, %d accepted, %d mitigated, %d not assessed\n",
			f.output, m.Threats, m.Open, m.Accepted, m.Mitigated, m.NotAssessed)
	}
	if len(errs) > 0 {
		a.code = exitError
	} else {
		a.code = exitClean
	}
	return nil
}
