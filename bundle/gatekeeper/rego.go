package gatekeeper

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// source is the bundle's Rego, parsed once, with the lookups the exporter needs.
type source struct {
	modules map[string]*ast.Module // by file
	texts   map[string]string      // by file
	libs    map[string][]string    // lib package path (data.lib.x) -> files
	anns    *ast.AnnotationSet
}

func parseSource(texts map[string]string) (*source, error) {
	s := &source{modules: map[string]*ast.Module{}, texts: texts, libs: map[string][]string{}}
	for file, text := range texts {
		m, err := ast.ParseModuleWithOpts(file, text, ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", file, err)
		}
		s.modules[file] = m
		if p := m.Package.Path.String(); strings.HasPrefix(p, "data.lib.") {
			s.libs[p] = append(s.libs[p], file)
		}
	}
	for p := range s.libs {
		sort.Strings(s.libs[p])
	}
	anns, errs := ast.BuildAnnotationSet(moduleList(s.modules))
	if len(errs) > 0 {
		return nil, fmt.Errorf("annotations: %w", errs)
	}
	s.anns = anns
	return s, nil
}

func moduleList(m map[string]*ast.Module) []*ast.Module {
	files := make([]string, 0, len(m))
	for f := range m {
		files = append(files, f)
	}
	sort.Strings(files)
	out := make([]*ast.Module, 0, len(files))
	for _, f := range files {
		out = append(out, m[f])
	}
	return out
}

// libRefs returns the data.lib.* packages a module refers to (imports and direct refs).
func (s *source) libRefs(m *ast.Module) map[string]bool {
	out := map[string]bool{}
	add := func(ref ast.Ref) {
		if len(ref) < 2 || !ref[0].Equal(ast.DefaultRootDocument) {
			return
		}
		// The longest known lib package that prefixes ref.
		for i := len(ref); i >= 2; i-- {
			p := ref[:i].String()
			if _, ok := s.libs[p]; ok {
				out[p] = true
				return
			}
		}
	}
	for _, imp := range m.Imports {
		if ref, ok := imp.Path.Value.(ast.Ref); ok {
			add(ref)
		}
	}
	ast.WalkRefs(m, func(ref ast.Ref) bool {
		add(ref)
		return false
	})
	return out
}

// libFiles returns the files of every data.lib.* package file imports, transitively,
// sorted by file name.
func (s *source) libFiles(file string) []string {
	seen := map[string]bool{}
	var visit func(m *ast.Module)
	visit = func(m *ast.Module) {
		for p := range s.libRefs(m) {
			if seen[p] {
				continue
			}
			seen[p] = true
			for _, f := range s.libs[p] {
				visit(s.modules[f])
			}
		}
	}
	visit(s.modules[file])
	var files []string
	for p := range seen {
		files = append(files, s.libs[p]...)
	}
	sort.Strings(files)
	return files
}

// inlineMetadata returns file's text with every rego.metadata.chain() and
// rego.metadata.rule() call replaced by the literal the OPA compiler would have put
// there. Gatekeeper parses template Rego without processing METADATA annotations, so
// under it those calls would see no annotations; the literal carries them instead.
func (s *source) inlineMetadata(file string) (string, error) {
	m := s.modules[file]
	text := s.texts[file]
	type edit struct {
		offset, end int
		with        string
	}
	var edits []edit
	var walkErr error
	for _, rule := range m.Rules {
		ast.WalkTerms(rule, func(t *ast.Term) bool {
			call, ok := t.Value.(ast.Call)
			if !ok || len(call) != 1 || t.Location == nil {
				return false
			}
			var lit *ast.Term
			switch {
			case call[0].Value.Compare(ast.RegoMetadataChain.Ref()) == 0:
				lit, walkErr = s.chainTerm(rule)
			case call[0].Value.Compare(ast.RegoMetadataRule.Ref()) == 0:
				lit, walkErr = s.ruleTerm(rule)
			default:
				return false
			}
			if walkErr != nil {
				return true
			}
			loc := t.Location
			if loc.Offset < 0 || loc.Offset+len(loc.Text) > len(text) || text[loc.Offset:loc.Offset+len(loc.Text)] != string(loc.Text) {
				walkErr = fmt.Errorf("%s:%d: cannot locate %s in the source", file, loc.Row, loc.Text)
				return true
			}
			edits = append(edits, edit{loc.Offset, loc.Offset + len(loc.Text), lit.String()})
			return true
		})
		if walkErr != nil {
			return "", walkErr
		}
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].offset > edits[j].offset })
	for _, e := range edits {
		text = text[:e.offset] + e.with + text[e.end:]
	}
	return text, nil
}

// chainTerm is rego.metadata.chain() for rule: [{path, annotations?}], innermost first.
func (s *source) chainTerm(rule *ast.Rule) (*ast.Term, error) {
	arr := make([]*ast.Term, 0, 2)
	for _, link := range s.anns.Chain(rule) {
		path := make([]*ast.Term, 0, len(link.Path))
		for _, p := range link.Path[1:] {
			if str, ok := p.Value.(ast.String); ok {
				path = append(path, ast.StringTerm(string(str)))
			} else {
				path = append(path, ast.StringTerm(p.String()))
			}
		}
		obj := ast.NewObject(ast.Item(ast.StringTerm("path"), ast.ArrayTerm(path...)))
		if link.Annotations != nil {
			a, err := annotationTerm(link.Annotations)
			if err != nil {
				return nil, err
			}
			obj.Insert(ast.StringTerm("annotations"), a)
		}
		arr = append(arr, ast.NewTerm(obj))
	}
	return ast.ArrayTerm(arr...), nil
}

// ruleTerm is rego.metadata.rule(): the rule's own annotations, {} when it has none.
func (s *source) ruleTerm(rule *ast.Rule) (*ast.Term, error) {
	for _, a := range s.anns.GetRuleScope(rule) {
		return annotationTerm(a)
	}
	return ast.ObjectTerm(), nil
}

func annotationTerm(a *ast.Annotations) (*ast.Term, error) {
	b, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("annotations: %w", err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("annotations: %w", err)
	}
	if obj, ok := v.(map[string]any); ok {
		delete(obj, "location")
	}
	val, err := ast.InterfaceToValue(v)
	if err != nil {
		return nil, fmt.Errorf("annotations: %w", err)
	}
	return ast.NewTerm(val), nil
}

// kindLiterals returns the object kinds a module compares against: string literals on
// the other side of `<x>.kind == "..."`, `"..." == <x>.kind` and `<x>.kind in {...}`.
func kindLiterals(m *ast.Module) []string {
	set := map[string]bool{}
	isKindRef := func(t *ast.Term) bool {
		ref, ok := t.Value.(ast.Ref)
		if !ok || len(ref) < 2 {
			return false
		}
		last, ok := ref[len(ref)-1].Value.(ast.String)
		return ok && string(last) == "kind"
	}
	addStrings := func(t *ast.Term) {
		switch v := t.Value.(type) {
		case ast.String:
			set[string(v)] = true
		case ast.Set:
			v.Foreach(func(e *ast.Term) {
				if s, ok := e.Value.(ast.String); ok {
					set[string(s)] = true
				}
			})
		case *ast.Array:
			v.Foreach(func(e *ast.Term) {
				if s, ok := e.Value.(ast.String); ok {
					set[string(s)] = true
				}
			})
		}
	}
	ast.WalkExprs(m, func(e *ast.Expr) bool {
		if !e.IsCall() || len(e.Operands()) != 2 {
			return false
		}
		op := e.Operator().String()
		a, b := e.Operands()[0], e.Operands()[1]
		switch op {
		case "equal", "eq", "assign":
			if isKindRef(a) {
				addStrings(b)
			} else if isKindRef(b) {
				addStrings(a)
			}
		case "internal.member_2":
			if isKindRef(a) {
				addStrings(b)
			}
		}
		return false
	})
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// refs returns every ref of m with import aliases resolved (k8s.workloads ->
// data.lib.k8s.workloads).
func refs(m *ast.Module) []ast.Ref {
	alias := map[ast.Var]ast.Ref{}
	for _, imp := range m.Imports {
		ref, ok := imp.Path.Value.(ast.Ref)
		if !ok || len(ref) < 2 {
			continue
		}
		name := imp.Alias
		if name == "" {
			if s, ok := ref[len(ref)-1].Value.(ast.String); ok {
				name = ast.Var(s)
			}
		}
		alias[name] = ref
	}
	var out []ast.Ref
	ast.WalkRefs(m, func(ref ast.Ref) bool {
		if v, ok := ref[0].Value.(ast.Var); ok {
			if base, ok := alias[v]; ok {
				ref = base.Concat(ref[1:])
			}
		}
		out = append(out, ref)
		return false
	})
	return out
}

// readsWorkloads reports whether m reads pod templates through lib (data.lib.pods.*,
// data.lib.k8s.workloads / pod_spec / pod_metadata).
func readsWorkloads(m *ast.Module) bool {
	for _, ref := range refs(m) {
		s := ref.String()
		for _, p := range []string{"data.lib.pods.", "data.lib.k8s.workloads", "data.lib.k8s.pod_spec", "data.lib.k8s.pod_metadata"} {
			if strings.HasPrefix(s, p) {
				return true
			}
		}
	}
	return false
}

// setRule returns the string members of a constant set rule `name := {...}` in package pkg.
func (s *source) setRule(pkg, name string) []string {
	for _, f := range s.libs[pkg] {
		for _, r := range s.modules[f].Rules {
			if r.Head.Name.String() != name && r.Head.Ref().String() != name {
				continue
			}
			if r.Head.Value == nil {
				continue
			}
			if set, ok := r.Head.Value.Value.(ast.Set); ok {
				var out []string
				set.Foreach(func(t *ast.Term) {
					if str, ok := t.Value.(ast.String); ok {
						out = append(out, string(str))
					}
				})
				sort.Strings(out)
				return out
			}
		}
	}
	return nil
}

// CheckCapabilities compiles a template's Rego source (the control and its libs) with the
// builtins of OPA version (e.g. "v1.17.0") minus disabled ones (Gatekeeper disables
// http.send), so a template that Gatekeeper would reject fails here first.
func CheckCapabilities(src Source, version string, disabled []string) error {
	caps, err := ast.LoadCapabilitiesVersion(version)
	if err != nil {
		return fmt.Errorf("capabilities %s: %w", version, err)
	}
	off := map[string]bool{}
	for _, d := range disabled {
		off[d] = true
	}
	builtins := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if !off[b.Name] {
			builtins = append(builtins, b)
		}
	}
	caps.Builtins = builtins
	modules := map[string]*ast.Module{}
	for i, text := range append([]string{src.Rego}, src.Libs...) {
		name := fmt.Sprintf("module_%d.rego", i)
		m, err := ast.ParseModuleWithOpts(name, text, ast.ParserOptions{RegoVersion: ast.RegoV1, Capabilities: caps})
		if err != nil {
			return fmt.Errorf("parse %s: %w", name, err)
		}
		modules[name] = m
	}
	c := ast.NewCompiler().WithCapabilities(caps).WithDefaultRegoVersion(ast.RegoV1)
	c.Compile(modules)
	if c.Failed() {
		return fmt.Errorf("compile with OPA %s capabilities: %w", version, c.Errors)
	}
	return nil
}
