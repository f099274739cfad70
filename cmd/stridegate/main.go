// Command stridegate checks Terraform plans and HCL, rendered Helm output and Kubernetes
// manifests, Helm values, RBAC exports, GitHub workflows and source files against the
// platform threat model's controls, written in Rego.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
)

// gcPercent is the collector's target when GOGC is not set: the heap grows by half its
// live size between collections instead of doubling, which lowers a large plan's peak
// memory by about a sixth for about a sixth more CPU time (see README, Performance).
const gcPercent = 50

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitClean    = 0
	exitFindings = 1
	exitError    = 2
)

// run executes the CLI and returns the exit code; it never calls os.Exit.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := app.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintf(stderr, "stridegate: %v\n", err)
		if app.code == exitClean {
			return exitError
		}
	}
	return app.code
}
