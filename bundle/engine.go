// Package bundle is stridegate's policy engine: it compiles the Rego bundle once
// (rego.PrepareForEval per control), reads the control catalog from the METADATA
// annotations, evaluates parsed inputs concurrently and returns findings with each
// control's metadata joined in. A user's own `go test` policy suite can call it.
//
// Usage:
//
//	engine, err := bundle.New(ctx)                                // the shipped controls
//	engine, err := bundle.New(ctx, bundle.WithFS(os.DirFS("p")))  // or your own directory
//
//	loaded := input.Load([]string{"infra/", "plan.json"}, input.Options{}) // files and dirs
//	docs, _, err := input.Parse("cm.yaml", data, input.KindUnknown)        // or bytes
//
//	findings, errs := engine.Evaluate(ctx, loaded.Documents)
//	bundle.Locate(findings, loaded.Locators) // fill in line numbers
//
// All documents of one Evaluate call are one input set (the `conftest test --combine`
// shape), so cross-document controls see them together. Engine.Controls is the catalog;
// Engine.Query evaluates any other query of the bundle (e.g. "data.lib.workflow.pinning")
// on the same input. An Engine is safe for concurrent use; build it once per test binary.
// Sub-packages: input (loading and kind detection), output (check reports), exceptions
// (accepted risks), register (the threat register), opabundle (OPA bundle tarballs).
package bundle

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/stridegate/stridegate/bundle/input"
	"github.com/stridegate/stridegate/policy"
)

// Control is one control of the catalog, read from its package METADATA.
type Control struct {
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	Threats     []string       `json:"threats"`
	Severity    string         `json:"severity"`
	Stride      string         `json:"stride"`
	Inputs      []string       `json:"inputs"`
	Aggregate   bool           `json:"aggregate,omitempty"`
	Remediation string         `json:"remediation"`
	References  []string       `json:"references,omitempty"`
	Package     string         `json:"package"`
	File        string         `json:"file"`
	Custom      map[string]any `json:"-"`
}

// Finding is one violation of a control.
type Finding struct {
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Threats     []string       `json:"threats"`
	Severity    string         `json:"severity"`
	Stride      string         `json:"stride"`
	Status      string         `json:"status"`
	File        string         `json:"file"`
	Line        int            `json:"line,omitempty"`
	Resource    string         `json:"resource"`
	Message     string         `json:"message"`
	Remediation string         `json:"remediation"`
	Details     map[string]any `json:"details,omitempty"`
}

// Severities in increasing order.
var Severities = []string{"low", "medium", "high", "critical"}

// SeverityRank orders severities (low=1 .. critical=4, unknown=0).
func SeverityRank(s string) int {
	for i, v := range Severities {
		if v == strings.ToLower(s) {
			return i + 1
		}
	}
	return 0
}

// Engine holds the compiled bundle and one prepared query per control. It is safe
// for concurrent use.
type Engine struct {
	controls []Control
	queries  map[string]rego.PreparedEvalQuery
	modules  map[string]string
	timeout  time.Duration
	workers  int
	compiler *ast.Compiler
	lib      *queryCache
}

// Option configures New.
type Option func(*config)

type config struct {
	fsys    fs.FS
	timeout time.Duration
	workers int
}

// WithFS loads the bundle from fsys (a directory of .rego files, e.g. os.DirFS) instead
// of the embedded one.
func WithFS(fsys fs.FS) Option { return func(c *config) { c.fsys = fsys } }

// WithEvalTimeout bounds each control's evaluation of one input set (0: no bound).
func WithEvalTimeout(d time.Duration) Option { return func(c *config) { c.timeout = d } }

// WithWorkers sets the worker-pool size (default GOMAXPROCS).
func WithWorkers(n int) Option { return func(c *config) { c.workers = n } }

// New compiles the bundle and prepares a query per control.
func New(ctx context.Context, opts ...Option) (*Engine, error) {
	cfg := config{fsys: policy.FS, workers: runtime.GOMAXPROCS(0)}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.workers < 1 {
		cfg.workers = 1
	}
	sources, err := ReadModules(cfg.fsys)
	if err != nil {
		return nil, err
	}
	modules := make(map[string]*ast.Module, len(sources))
	for name, src := range sources {
		m, err := ast.ParseModuleWithOpts(name, src, ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return nil, fmt.Errorf("parse policy: %w", err)
		}
		modules[name] = m
	}
	compiler := ast.NewCompiler().WithDefaultRegoVersion(ast.RegoV1)
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, fmt.Errorf("compile policy: %w", compiler.Errors)
	}
	controls, err := catalog(modules)
	if err != nil {
		return nil, err
	}
	e := &Engine{controls: controls, queries: map[string]rego.PreparedEvalQuery{}, modules: sources, timeout: cfg.timeout, workers: cfg.workers, compiler: compiler, lib: &queryCache{prepared: map[string]rego.PreparedEvalQuery{}}}
	for _, c := range controls {
		pq, err := rego.New(
			rego.Query(c.Package+".violation"),
			rego.Compiler(compiler),
		).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("prepare %s: %w", c.ID, err)
		}
		e.queries[c.ID] = pq
	}
	return e, nil
}

// ReadModules returns every non-test .rego file of fsys by path.
func ReadModules(fsys fs.FS) (map[string]string, error) {
	out := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(p) != ".rego" || strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		out[p] = string(b)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read policy: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("read policy: no .rego files")
	}
	return out, nil
}

// catalog reads each control's package METADATA (custom.id marks a control).
func catalog(modules map[string]*ast.Module) ([]Control, error) {
	var out []Control
	seen := map[string]string{}
	for file, m := range modules {
		for _, a := range m.Annotations {
			if a.Scope != "package" || a.Custom == nil {
				continue
			}
			if lib, _ := a.Custom["library"].(bool); lib {
				continue
			}
			id, _ := a.Custom["id"].(string)
			if id == "" {
				continue
			}
			if other, dup := seen[id]; dup {
				return nil, fmt.Errorf("control id %s is declared by both %s and %s", id, other, file)
			}
			seen[id] = file
			c := Control{
				ID:          id,
				Title:       a.Title,
				Description: strings.TrimSpace(a.Description),
				Threats:     strings_(a.Custom["threats"]),
				Severity:    str(a.Custom["severity"]),
				Stride:      str(a.Custom["stride"]),
				Inputs:      strings_(a.Custom["inputs"]),
				Remediation: strings.TrimSpace(str(a.Custom["remediation"])),
				References:  strings_(a.Custom["references"]),
				Package:     m.Package.Path.String(),
				File:        file,
				Custom:      a.Custom,
			}
			c.Aggregate, _ = a.Custom["aggregate"].(bool)
			if SeverityRank(c.Severity) == 0 {
				return nil, fmt.Errorf("control %s (%s): severity %q is not one of %v", id, file, c.Severity, Severities)
			}
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return idLess(out[i].ID, out[j].ID) })
	return out, nil
}

// idLess orders ids naturally: T-2 before T-10, threat ids before SG-* ids.
func idLess(a, b string) bool {
	ka, kb := idKey(a), idKey(b)
	if ka != kb {
		return ka < kb
	}
	return a < b
}

func idKey(id string) string {
	var b strings.Builder
	if strings.HasPrefix(id, "SG-") {
		b.WriteString("1")
	} else {
		b.WriteString("0")
	}
	num := ""
	for _, r := range id {
		if r >= '0' && r <= '9' {
			num += string(r)
			continue
		}
		if num != "" {
			fmt.Fprintf(&b, "%08s", num)
			num = ""
		}
		b.WriteRune(r)
	}
	if num != "" {
		fmt.Fprintf(&b, "%08s", num)
	}
	return b.String()
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strings_(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Controls returns the catalog, sorted by id.
func (e *Engine) Controls() []Control { return append([]Control(nil), e.controls...) }

// Modules returns the bundle's Rego sources by path (tests excluded).
func (e *Engine) Modules() map[string]string { return e.modules }

// Applies tells whether control c reads any of the given kinds.
func (c Control) Applies(kinds map[input.Kind]bool) bool {
	for _, in := range c.Inputs {
		if kinds[input.Kind(in)] {
			return true
		}
	}
	return false
}

// ControlError is a control whose evaluation failed.
type ControlError struct {
	ID  string
	Err error
}

func (e ControlError) Error() string { return fmt.Sprintf("control %s: %v", e.ID, e.Err) }

// Evaluate checks the documents as one set (the shape of `conftest test --combine`):
// every control whose inputs match a kind present is evaluated once, concurrently.
// Findings come back sorted; evaluation errors are returned per control.
func (e *Engine) Evaluate(ctx context.Context, docs []input.Document) ([]Finding, []ControlError) {
	if len(docs) == 0 {
		return nil, nil
	}
	combined := make([]any, len(docs))
	for i, d := range docs {
		combined[i] = map[string]any{"path": d.Path, "contents": d.Contents}
	}
	value, err := ast.InterfaceToValue(combined)
	if err != nil {
		return nil, []ControlError{{ID: "*", Err: fmt.Errorf("convert input: %w", err)}}
	}
	kinds := input.KindsOf(docs)
	var todo []Control
	for _, c := range e.controls {
		if c.Applies(kinds) {
			todo = append(todo, c)
		}
	}
	var (
		mu       sync.Mutex
		findings []Finding
		errs     []ControlError
		wg       sync.WaitGroup
	)
	// one query per group of controls, one group per worker (see group.go)
	for _, g := range partition(todo, e.workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fs, ges := e.evalGroup(ctx, g, value)
			mu.Lock()
			errs = append(errs, ges...)
			findings = append(findings, fs...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	SortFindings(findings)
	sort.Slice(errs, func(i, j int) bool { return errs[i].ID < errs[j].ID })
	return findings, errs
}

func (e *Engine) evalControl(ctx context.Context, c Control, value ast.Value) ([]Finding, error) {
	if e.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, e.timeout)
		defer cancel()
	}
	rs, err := e.queries[c.ID].Eval(ctx, rego.EvalParsedInput(value))
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, r := range rs {
		for _, expr := range r.Expressions {
			set, ok := expr.Value.([]any)
			if !ok {
				continue
			}
			for _, v := range set {
				out = append(out, toFinding(c, v))
			}
		}
	}
	return out, nil
}

func toFinding(c Control, v any) Finding {
	m, _ := v.(map[string]any)
	details, _ := m["details"].(map[string]any)
	f := Finding{
		ID:          c.ID,
		Title:       c.Title,
		Threats:     c.Threats,
		Severity:    c.Severity,
		Stride:      c.Stride,
		Status:      "open",
		Remediation: c.Remediation,
		Message:     str(m["msg"]),
		Resource:    str(details["resource"]),
		File:        str(details["file"]),
		Details:     map[string]any{},
	}
	for k, dv := range details {
		switch k {
		case "id", "threats", "severity", "resource", "file", "remediation":
		case "line":
			if n, ok := dv.(float64); ok {
				f.Line = int(n)
			} else if n, ok := dv.(interface{ Int64() (int64, error) }); ok {
				i, _ := n.Int64()
				f.Line = int(i)
			}
		default:
			f.Details[k] = dv
		}
	}
	if len(f.Details) == 0 {
		f.Details = nil
	}
	return f
}

// SortFindings orders findings by severity (highest first), id, file, line, resource, message.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if ra, rb := SeverityRank(a.Severity), SeverityRank(b.Severity); ra != rb {
			return ra > rb
		}
		if a.ID != b.ID {
			return idLess(a.ID, b.ID)
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		return a.Message < b.Message
	})
}

// Locate fills in the line of each finding from the loaders' per-file locators and
// re-sorts the findings, lines included.
func Locate(fs []Finding, locators map[string]input.Locator) {
	for i := range fs {
		if fs[i].Line != 0 || fs[i].File == "" {
			continue
		}
		loc, ok := locators[fs[i].File]
		if !ok || loc == nil {
			continue
		}
		fs[i].Line = loc.Line(fs[i].Resource)
		if fs[i].Line == 0 {
			// "terraform (dir)" -> the terraform block; `type.name["key"]`, an instance
			// of a for_each resource -> the resource block
			for _, sep := range []string{" (", "["} {
				if head, _, found := strings.Cut(fs[i].Resource, sep); found && fs[i].Line == 0 {
					fs[i].Line = loc.Line(head)
				}
			}
		}
	}
	SortFindings(fs) // lines are part of the order
}
