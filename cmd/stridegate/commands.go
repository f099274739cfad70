package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/input"
	"github.com/stridegate/stridegate/bundle/output"
)

type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	code           int
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "stridegate",
		Short: "Executable threat model for the AKS robotics training platform",
		Long: `stridegate evaluates the platform threat model's controls (Rego, one control per
threat or security-guide item) against Terraform plan JSON and HCL, rendered Helm output and
Kubernetes manifests, Helm values, Azure and Kubernetes RBAC exports, GitHub workflows and
training source code. The same policy/ directory runs under conftest and Gatekeeper.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(a.checkCommand(), a.controlsCommand())
	root.AddCommand(a.reportCommand(), a.bundleCommand())
	root.AddCommand(a.gatekeeperCommand())
	return root
}

type checkFlags struct {
	inputFlags
	format string
	failOn string
	output string
	quiet  bool
}

func (a *app) checkCommand() *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [flags] PATH...",
		Short: "Check files, directories or stdin (-) against every applicable control",
		Long: `Check files, directories (walked recursively; .git, .terraform, vendor and node_modules
are skipped) or standard input ("-", e.g. helm template ... | stridegate check -).
A walk lists as "not checked", with the reason, files of no known kind, Helm chart
templates and template sources that only parse once rendered; named on the command
line, such files are errors.

All inputs of one run are checked together, as one set: controls that need several
documents (a namespace and its NetworkPolicies, a root module's files) see all of them.

Formats: table (default; severities coloured when stdout is a terminal and NO_COLOR is
unset), json, sarif (SARIF 2.1.0 for GitHub code scanning: one rule per control, accepted
findings as suppressions), junit (one testsuite per control, one testcase per finding) and
github (workflow-command annotations). --output FILE writes the report to FILE and prints
a one-line summary on stdout; --quiet prints neither table nor summary.

--exceptions FILE applies accepted risks (YAML, see examples/exceptions.yaml): a finding
matched by control id and resource/file glob is reported "accepted" (it never fails the
run) until the exception's expiry date, then "open" again with a note that it expired.
Exceptions that match nothing are reported as unused on stderr and in the JSON summary.
A malformed file or date is exit 2, naming the file and entry.

Limits: a file over --max-file-size bytes (default 256 MiB) is an error, not read; FIFOs,
sockets and devices are reported and never opened; symlinked directories met while walking
are not followed. --timeout bounds the whole run and --eval-timeout each policy
evaluation; past either, the run fails (exit 2) naming what timed out. Each bad input is
one stderr line naming the file (and document index and line in a multi-document stream)
and one entry of the JSON "errors"; every other input is still checked and reported.

Exit status: 0 no open finding at or above --fail-on, 1 open findings at or above
--fail-on, 2 usage error, a bad exceptions file, or an input that could not be read,
parsed or classified.`,
		Example: `  stridegate check examples/baseline
  stridegate check --exceptions examples/exceptions.yaml examples/baseline
  stridegate check --format sarif --output stridegate.sarif infra/ charts/rendered/ .github/workflows/
  stridegate check --format json terraform/ plan.json
  helm template osmo ./chart | stridegate check -
  stridegate check --kind helm-values my-overrides.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return a.check(cmd, args, f) },
	}
	cmd.Flags().StringVarP(&f.format, "format", "f", "table", "output format: "+strings.Join(output.Formats, "|"))
	cmd.Flags().StringVar(&f.failOn, "fail-on", "low", "lowest severity that makes the run fail: low|medium|high|critical")
	f.inputFlags.addTo(cmd.Flags())
	cmd.Flags().StringVarP(&f.output, "output", "o", "", "write the report to this file and print a one-line summary on stdout")
	cmd.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "print no table or summary (the exit status tells the result)")
	return cmd
}

func kindNames() string {
	names := make([]string, len(input.Kinds))
	for i, k := range input.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, "|")
}

func (a *app) check(cmd *cobra.Command, paths []string, f checkFlags) error {
	writer, err := output.For(f.format)
	if err != nil {
		a.code = exitError
		return err
	}
	if bundle.SeverityRank(f.failOn) == 0 {
		a.code = exitError
		return fmt.Errorf("--fail-on %q: want one of %s", f.failOn, strings.Join(bundle.Severities, ", "))
	}
	ctx, cancel := withDeadline(cmd.Context(), f.timeout)
	defer cancel()
	ev, err := a.evaluate(ctx, paths, f.inputFlags)
	if err != nil {
		a.code = exitError
		return err
	}
	findings, errs := ev.findings, ev.errs
	rep := output.Report{
		Findings:  findings,
		Errors:    errs,
		Unchecked: ev.loaded.Unchecked,
		Reasons:   ev.loaded.Reasons,
		Controls:  ev.evaluated,
		Summary:   output.NewSummary(findings, ev.loaded.Files, len(ev.loaded.Documents), len(ev.evaluated), ev.loaded.Unchecked, len(errs)),
	}
	rep.Summary.Exceptions = ev.exceptions
	// The inputs (a large plan's OPA value) and the evaluation's state are garbage now;
	// collecting them before the report is built lets the report reuse their memory
	// instead of raising the peak (25 MB on a 10k-resource plan written as JSON). Twice:
	// OPA keeps evaluation state in sync.Pools, which only the second collection empties.
	ev.loaded.Documents = nil
	runtime.GC()
	runtime.GC()
	if err := a.emit(writer, rep, f); err != nil {
		a.code = exitError
		return fmt.Errorf("write output: %w", err)
	}
	switch {
	case len(errs) > 0:
		a.code = exitError
	case failing(findings, f.failOn):
		a.code = exitFindings
	default:
		a.code = exitClean
	}
	return nil
}

// failing tells whether any open finding is at or above the --fail-on severity.
func failing(findings []bundle.Finding, failOn string) bool {
	min := bundle.SeverityRank(failOn)
	for _, f := range findings {
		if f.Status != "accepted" && bundle.SeverityRank(f.Severity) >= min {
			return true
		}
	}
	return false
}

func (a *app) controlsCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "controls",
		Short: "List the control catalog, read from the controls' METADATA",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			engine, err := bundle.New(cmd.Context())
			if err != nil {
				a.code = exitError
				return err
			}
			controls := engine.Controls()
			switch format {
			case "json":
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(controls)
			case "table":
				tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tSEVERITY\tSTRIDE\tTHREATS\tINPUTS\tTITLE")
				for _, c := range controls {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.Severity, c.Stride, dash(strings.Join(c.Threats, ",")), strings.Join(c.Inputs, ","), c.Title)
				}
				return tw.Flush()
			}
			a.code = exitError
			return fmt.Errorf("unknown format %q (want table or json)", format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "output format: table|json")
	return cmd
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
