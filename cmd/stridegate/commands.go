package main

import (
	"encoding/json"
	"fmt"
	"io"
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
	format      string
	failOn      string
	kind        string
	maxFileSize int64
}

func (a *app) checkCommand() *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [flags] PATH...",
		Short: "Check files, directories or stdin (-) against every applicable control",
		Long: `Check files, directories (walked recursively; .git, .terraform, vendor and node_modules
are skipped) or standard input ("-", e.g. helm template ... | stridegate check -).

All inputs of one run are checked together, as one set: controls that need several
documents (a namespace and its NetworkPolicies, a root module's files) see all of them.

Exit status: 0 no finding at or above --fail-on, 1 findings at or above --fail-on,
2 usage error or an input that could not be read, parsed or classified.`,
		Example: `  stridegate check examples/baseline
  stridegate check --format json terraform/ plan.json
  helm template osmo ./chart | stridegate check -
  stridegate check --kind helm-values my-overrides.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return a.check(cmd, args, f) },
	}
	cmd.Flags().StringVarP(&f.format, "format", "f", "table", "output format: "+strings.Join(output.Formats, "|"))
	cmd.Flags().StringVar(&f.failOn, "fail-on", "low", "lowest severity that makes the run fail: low|medium|high|critical")
	cmd.Flags().StringVar(&f.kind, "kind", "", "read every input as this kind: "+kindNames())
	cmd.Flags().Int64Var(&f.maxFileSize, "max-file-size", input.DefaultMaxFileSize, "largest input file in bytes")
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
	kind, err := input.ParseKind(f.kind)
	if err != nil {
		a.code = exitError
		return fmt.Errorf("--kind: %w", err)
	}
	ctx := cmd.Context()
	engine, err := bundle.New(ctx)
	if err != nil {
		a.code = exitError
		return err
	}
	loaded := input.Load(paths, input.Options{Kind: kind, MaxFileSize: f.maxFileSize, Stdin: a.stdin})
	findings, evalErrs := engine.Evaluate(ctx, loaded.Documents)
	bundle.Locate(findings, loaded.Locators)
	errs := loaded.Errors
	for _, e := range evalErrs {
		errs = append(errs, input.FileError{Path: "(policy)", Document: -1, Err: e.Error()})
	}
	for _, e := range errs {
		fmt.Fprintf(a.stderr, "stridegate: %s\n", e.Error())
	}
	controls := 0
	kinds := input.KindsOf(loaded.Documents)
	for _, c := range engine.Controls() {
		if c.Applies(kinds) {
			controls++
		}
	}
	rep := output.Report{
		Findings:  findings,
		Errors:    errs,
		Unchecked: loaded.Unchecked,
		Summary:   output.NewSummary(findings, loaded.Files, len(loaded.Documents), controls, loaded.Unchecked, len(errs)),
	}
	if err := writer.Write(a.stdout, rep); err != nil {
		a.code = exitError
		return fmt.Errorf("write output: %w", err)
	}
	for _, u := range loaded.Unchecked {
		fmt.Fprintf(a.stderr, "stridegate: warning: %s: not checked (unknown kind)\n", u)
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
