package main

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/exceptions"
	"github.com/stridegate/stridegate/bundle/input"
	"github.com/stridegate/stridegate/bundle/register"
)

// pinningQuery is the workflow library's SHA-pinned share of `uses:` references.
const pinningQuery = "data.lib.workflow.pinning"

type reportFlags struct {
	format      string
	exceptions  string
	output      string
	kind        string
	maxFileSize int64
	varFiles    []string
}

func (a *app) reportCommand() *cobra.Command {
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "report [flags] PATH...",
		Short: "Write the threat register from evidence: each threat's status, its findings, and the model's metrics",
		Long: `Run the checks on PATH... (as check does) and write the threat register: for each of the
threat model's 19 threats its title, STRIDE category, likelihood, impact and risk rating,
the status the model claims and the status the evidence shows:

  Open          a control listing the threat has an open finding
  Accepted      all its findings are accepted by --exceptions (owner and expiry shown)
  Mitigated     its controls ran on relevant input (their input kinds were given) and found nothing
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
	cmd.Flags().StringVar(&f.exceptions, "exceptions", "", "accepted-risk file (YAML) applied to the findings, as check applies it")
	cmd.Flags().StringVarP(&f.output, "output", "o", "", "write the report to this file and print a one-line summary")
	cmd.Flags().StringVar(&f.kind, "kind", "", "read every input as this kind: "+kindNames())
	cmd.Flags().Int64Var(&f.maxFileSize, "max-file-size", input.DefaultMaxFileSize, "largest input file in bytes")
	cmd.Flags().StringArrayVar(&f.varFiles, "var-file", nil, varFileHelp)
	return cmd
}

func (a *app) report(cmd *cobra.Command, paths []string, f reportFlags) error {
	if !slices.Contains(register.Formats, f.format) {
		a.code = exitError
		return fmt.Errorf("unknown format %q (want one of %s)", f.format, strings.Join(register.Formats, ", "))
	}
	kind, err := input.ParseKind(f.kind)
	if err != nil {
		a.code = exitError
		return fmt.Errorf("--kind: %w", err)
	}
	var accepted *exceptions.Set
	if f.exceptions != "" {
		if accepted, err = exceptions.Load(f.exceptions); err != nil {
			a.code = exitError
			return err
		}
	}
	model, err := register.LoadModel()
	if err != nil {
		a.code = exitError
		return err
	}
	ctx := cmd.Context()
	engine, err := bundle.New(ctx)
	if err != nil {
		a.code = exitError
		return err
	}
	loaded := input.Load(paths, input.Options{Kind: kind, MaxFileSize: f.maxFileSize, Stdin: a.stdin, VarFiles: f.varFiles})
	findings, evalErrs := engine.Evaluate(ctx, loaded.Documents)
	bundle.Locate(findings, loaded.Locators)
	errs := loaded.Errors
	for _, e := range evalErrs {
		errs = append(errs, input.FileError{Path: "(policy)", Document: -1, Err: e.Error()})
	}
	applied := accepted.Apply(findings, time.Now())
	kinds := input.KindsOf(loaded.Documents)
	var pinning *register.Pinning
	if kinds[input.KindWorkflow] {
		v, err := engine.Query(ctx, loaded.Documents, pinningQuery)
		if err != nil {
			errs = append(errs, input.FileError{Path: "(policy)", Document: -1, Err: err.Error()})
		}
		pinning = register.PinningFrom(v)
	}
	for _, e := range errs {
		fmt.Fprintf(a.stderr, "stridegate: %s\n", e.Error())
	}
	for _, u := range loaded.Unchecked {
		fmt.Fprintf(a.stderr, "stridegate: warning: %s: not checked (unknown kind)\n", u)
	}
	for _, u := range applied.Unused {
		fmt.Fprintf(a.stderr, "stridegate: warning: %s: exception %s matches no finding\n", u.Source, u.ID)
	}
	reg := register.Build(model, register.Evidence{Controls: engine.Controls(), Kinds: kinds, Findings: findings, Pinning: pinning})

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
