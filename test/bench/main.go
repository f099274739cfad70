// Command bench (`make bench`) times stridegate against the pinned conftest and `opa eval`
// on the generated corpus (package corpus), on the same machine in one run: each tool is
// a built binary run as a fresh process (start-up included) on the same policy/ directory
// and the same input. It prints wall and CPU time, peak RSS, the ratios, and fails when
// the three tools do not report the same number of violations, so speed is never bought
// by skipping work.
//
//	go run ./test/bench [-resources 10000] [-manifests 200] [-workflows 20] [-runs 1] [-scale 5]
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/stridegate/stridegate/bundle/input"
	"github.com/stridegate/stridegate/test/corpus"
)

// opaQuery counts every control's violations, as conftest --all-namespaces does.
const opaQuery = "count([v | v := data.stridegate[_][_].violation[_]])"

type scenario struct {
	name  string
	files []string // relative to the corpus directory
	bytes int64
	tools []string
}

type measure struct {
	wall, cpu  time.Duration
	rss        int64 // bytes
	violations int
}

func main() {
	o := corpus.Default
	flag.IntVar(&o.Resources, "resources", o.Resources, "plan size in resources")
	flag.IntVar(&o.Manifests, "manifests", o.Manifests, "manifest files")
	flag.IntVar(&o.Workflows, "workflows", o.Workflows, "workflow files")
	runs := flag.Int("runs", 1, "runs per tool and scenario (the fastest counts)")
	scale := flag.Int("scale", 5, "also time stridegate alone on a plan this many times larger (0: skip)")
	keep := flag.String("dir", "", "work directory (default: a temporary one, removed after)")
	prepare := flag.Bool("prepare", false, "internal: only write the corpus and combined inputs into -dir")
	flag.Parse()
	if *prepare {
		if _, err := writeCorpus(*keep, o, *scale); err != nil {
			fmt.Fprintf(os.Stderr, "bench: %v\n", err)
			os.Exit(1)
		}
		return
	}
	if err := run(o, *runs, *scale, *keep); err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		os.Exit(1)
	}
}

func run(o corpus.Options, runs, scale int, dir string) error {
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	if dir == "" {
		if dir, err = os.MkdirTemp("", "stridegate-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return err
	}
	bin := filepath.Join(dir, "bin")
	fmt.Println("building stridegate, conftest and opa ...")
	for name, pkg := range map[string]string{"stridegate": "./cmd/stridegate", "conftest": "github.com/open-policy-agent/conftest", "opa": "github.com/open-policy-agent/opa"} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(bin, name), pkg)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("build %s: %w", name, err)
		}
	}
	// The corpus is written by a child process: a child's peak RSS as reported by wait4
	// includes its parent's peak at fork time, so this process must stay small.
	self, err := os.Executable()
	if err != nil {
		return err
	}
	fmt.Printf("generating corpus: %d resources, %d manifests, %d workflows ...\n", o.Resources, o.Manifests, o.Workflows)
	gen := exec.Command(self, "-prepare", "-dir", dir, "-resources", fmt.Sprint(o.Resources), "-manifests", fmt.Sprint(o.Manifests),
		"-workflows", fmt.Sprint(o.Workflows), "-scale", fmt.Sprint(scale))
	gen.Stdout, gen.Stderr = os.Stdout, os.Stderr
	if err := gen.Run(); err != nil {
		return fmt.Errorf("generate corpus: %w", err)
	}
	cdir := filepath.Join(dir, "corpus")
	scenarios := describe(o, scale)
	policy := filepath.Join(root, "policy")
	results := make([]map[string]measure, len(scenarios))
	mismatch := false
	for i := range scenarios {
		s := &scenarios[i]
		for _, f := range s.files {
			if fi, err := os.Stat(filepath.Join(cdir, f)); err == nil {
				s.bytes += fi.Size()
			}
		}
		combined := filepath.Join(dir, fmt.Sprintf("combined-%d.json", i))
		results[i] = map[string]measure{}
		for _, tool := range s.tools {
			var args []string
			var count func([]byte) (int, error)
			switch tool {
			case "stridegate":
				args = append([]string{filepath.Join(bin, "stridegate"), "check", "--format", "json"}, s.files...)
				count = countStridegate
			case "conftest":
				args = append([]string{filepath.Join(bin, "conftest"), "test", "--all-namespaces", "--combine", "--no-color", "-o", "json", "-p", policy}, s.files...)
				count = countConftest
			case "opa eval":
				args = []string{filepath.Join(bin, "opa"), "eval", "--format", "json", "-d", policy, "-i", combined, opaQuery}
				count = countOPA
			}
			fmt.Printf("  %-24s %-10s ", s.name, tool)
			m, err := best(cdir, args, runs, count)
			if err != nil {
				return fmt.Errorf("%s on %s: %w", tool, s.name, err)
			}
			fmt.Printf("%8.2fs wall %8.2fs cpu %6d MB %6d violations\n", m.wall.Seconds(), m.cpu.Seconds(), m.rss>>20, m.violations)
			results[i][tool] = m
		}
		if len(s.tools) == 3 {
			a, b, c := results[i]["stridegate"].violations, results[i]["conftest"].violations, results[i]["opa eval"].violations
			if a != b || a != c {
				fmt.Printf("  MISMATCH on %s: stridegate %d, conftest %d, opa eval %d violations\n", s.name, a, b, c)
				mismatch = true
			}
		}
	}
	printTable(scenarios, results)
	if mismatch {
		return errors.New("the tools disagree on the number of violations")
	}
	return nil
}

// describe lists the scenarios of a corpus written by writeCorpus (paths relative to
// DIR/corpus).
func describe(o corpus.Options, scale int) []scenario {
	all := []string{"stridegate", "conftest", "opa eval"}
	l := corpus.Files(o)
	out := []scenario{
		{name: fmt.Sprintf("plan, %d resources", o.Resources), files: []string{l.Plan}, tools: all},
		{name: fmt.Sprintf("%d manifest files", len(l.Manifests)), files: l.Manifests, tools: all},
		{name: fmt.Sprintf("%d workflow files", len(l.Workflows)), files: l.Workflows, tools: all},
	}
	if scale > 1 {
		out = append(out, scenario{name: fmt.Sprintf("plan, %d resources", o.Resources*scale), files: []string{filepath.Join("big", "tfplan.json")}, tools: []string{"stridegate"}})
	}
	return out
}

// writeCorpus writes DIR/corpus and, per scenario, DIR/combined-N.json.
func writeCorpus(dir string, o corpus.Options, scale int) ([]scenario, error) {
	cdir := filepath.Join(dir, "corpus")
	if _, err := corpus.Write(cdir, o); err != nil {
		return nil, err
	}
	if scale > 1 {
		big := filepath.Join(cdir, "big", "tfplan.json")
		if err := os.MkdirAll(filepath.Dir(big), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(big, corpus.Plan(o.Resources*scale, o.Seed), 0o644); err != nil {
			return nil, err
		}
	}
	scenarios := describe(o, scale)
	for i, s := range scenarios {
		if err := writeCombined(cdir, s.files, filepath.Join(dir, fmt.Sprintf("combined-%d.json", i))); err != nil {
			return nil, err
		}
	}
	return scenarios, nil
}

func printTable(scenarios []scenario, results []map[string]measure) {
	fmt.Printf("\nmachine: %d CPUs (%s), %s, load average %s\n\n", runtime.NumCPU(), cpuModel(), runtime.GOOS+"/"+runtime.GOARCH, loadAvg())
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "input\tsize\tviolations\tstridegate\tconftest\topa eval\tconftest/stridegate\topa/stridegate\tstridegate peak RSS\tRSS/input\t")
	for i, s := range scenarios {
		sg := results[i]["stridegate"]
		cell := func(tool string) string {
			m, ok := results[i][tool]
			if !ok {
				return "-"
			}
			return fmt.Sprintf("%.2fs", m.wall.Seconds())
		}
		ratio := func(tool string) string {
			m, ok := results[i][tool]
			if !ok || sg.wall == 0 {
				return "-"
			}
			return fmt.Sprintf("%.1fx", m.wall.Seconds()/sg.wall.Seconds())
		}
		fmt.Fprintf(w, "%s\t%.1f MB\t%d\t%s\t%s\t%s\t%s\t%s\t%d MB\t%.1fx\t\n", s.name, float64(s.bytes)/(1<<20), sg.violations,
			cell("stridegate"), cell("conftest"), cell("opa eval"), ratio("conftest"), ratio("opa eval"), sg.rss>>20, float64(sg.rss)/float64(s.bytes))
	}
	w.Flush()
	if len(scenarios) == 4 && results[0]["stridegate"].wall > 0 {
		a, b := results[0]["stridegate"], results[3]["stridegate"]
		fmt.Printf("\nscaling: %s costs %.2fx the wall time (%.2fx the CPU time) of %s\n", scenarios[3].name, b.wall.Seconds()/a.wall.Seconds(), b.cpu.Seconds()/a.cpu.Seconds(), scenarios[0].name)
	}
}

// best runs args runs times in dir and keeps the fastest run.
func best(dir string, args []string, runs int, count func([]byte) (int, error)) (measure, error) {
	var out measure
	for r := 0; r < max(runs, 1); r++ {
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = dir
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		var exit *exec.ExitError
		if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
			return out, fmt.Errorf("%w: %s", err, firstLine(stderr.String()))
		}
		n, err := count(stdout.Bytes())
		if err != nil {
			return out, fmt.Errorf("read output: %w (stderr: %s)", err, firstLine(stderr.String()))
		}
		cpu, rss := usage(cmd.ProcessState)
		m := measure{wall: wall, cpu: cpu, rss: rss, violations: n}
		if r == 0 || m.wall < out.wall {
			out = m
		}
	}
	return out, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// writeCombined writes the `conftest --combine` input, [{path, contents}], of files
// (parsed by stridegate's loader, which splits YAML streams as conftest does).
func writeCombined(dir string, files []string, out string) error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	if err := os.Chdir(dir); err != nil {
		return err
	}
	loaded := input.Load(files, input.Options{FullPlan: true}) // opa eval reads the whole file, as conftest does
	if err := os.Chdir(wd); err != nil {
		return err
	}
	if len(loaded.Errors) > 0 {
		return fmt.Errorf("load corpus: %v", loaded.Errors[0])
	}
	combined := make([]map[string]any, len(loaded.Documents))
	for i, d := range loaded.Documents {
		contents, err := d.Native()
		if err != nil {
			return err
		}
		combined[i] = map[string]any{"path": d.Path, "contents": contents}
	}
	data, err := json.Marshal(combined)
	if err != nil {
		return fmt.Errorf("combined input: %w", err)
	}
	return os.WriteFile(out, data, 0o644)
}

func countStridegate(b []byte) (int, error) {
	var r struct {
		Findings []json.RawMessage `json:"findings"`
	}
	err := json.Unmarshal(b, &r)
	return len(r.Findings), err
}

func countConftest(b []byte) (int, error) {
	var rs []struct {
		Failures []json.RawMessage `json:"failures"`
	}
	n := 0
	err := json.Unmarshal(b, &rs)
	for _, r := range rs {
		n += len(r.Failures)
	}
	return n, err
}

func countOPA(b []byte) (int, error) {
	var r struct {
		Result []struct {
			Expressions []struct {
				Value int `json:"value"`
			} `json:"expressions"`
		} `json:"result"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return 0, err
	}
	if len(r.Result) != 1 || len(r.Result[0].Expressions) != 1 {
		return 0, errors.New("opa eval: undefined result")
	}
	return r.Result[0].Expressions[0].Value, nil
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}
