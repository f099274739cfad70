package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// DefaultMaxFileSize is the largest file read unless Options.MaxFileSize says otherwise.
const DefaultMaxFileSize = 256 << 20

// Stdin is the path that names standard input.
const Stdin = "-"

// Document is one parsed document of one file.
type Document struct {
	// Path is the file as named on the command line or found by the walk ("-" for stdin).
	Path string
	// Index is the document's position in a multi-document file (0 for single documents).
	Index int
	// Line is the 1-based line at which the document starts in its file.
	Line int
	// Kind is the detected (or forced) kind.
	Kind Kind
	// Contents is the decoded document: JSON-compatible maps, slices and scalars. A
	// Terraform plan is decoded straight into OPA's representation, an ast.Value (an
	// object), which the engine uses as it is (see Options.FullPlan); Native returns
	// either as Go maps and slices.
	Contents any
}

// Native returns the document's contents as JSON-compatible Go values (maps, slices,
// json.Number or float64 numbers, strings, booleans, nil), converting an ast.Value.
func (d Document) Native() (any, error) {
	v, ok := d.Contents.(ast.Value)
	if !ok {
		return d.Contents, nil
	}
	native, err := ast.JSON(v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Path, err)
	}
	return native, nil
}

// FileError is a file (or one document of it) that could not be read or parsed.
type FileError struct {
	Path string `json:"file"`
	// Document is the 0-based document index for multi-document files, -1 otherwise
	// (omitted from JSON when -1).
	Document int `json:"document"`
	// Line is the 1-based line where the bad document starts, 0 when unknown (omitted).
	Line int    `json:"line,omitempty"`
	Err  string `json:"error"`
}

// MarshalJSON writes {file, document?, line?, error}: document only when it is known.
func (e FileError) MarshalJSON() ([]byte, error) {
	type plain FileError
	if e.Document >= 0 {
		return json.Marshal(plain(e))
	}
	return json.Marshal(struct {
		Path string `json:"file"`
		Line int    `json:"line,omitempty"`
		Err  string `json:"error"`
	}{e.Path, e.Line, e.Err})
}

// Error formats the error as one line naming the file (and document and line when known).
func (e FileError) Error() string {
	msg := oneLineError(e.Err)
	switch {
	case e.Document >= 0 && e.Line > 0:
		return fmt.Sprintf("%s: document %d (line %d): %s", e.Path, e.Document, e.Line, msg)
	case e.Document >= 0:
		return fmt.Sprintf("%s: document %d: %s", e.Path, e.Document, msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, msg)
}

// Options tune loading.
type Options struct {
	// Kind forces every file to be read as this kind (detection by content otherwise).
	Kind Kind
	// MaxFileSize rejects larger files; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
	// VarFiles are Terraform variable files (terraform -var-file), applied to every root
	// module directory in the given order, after terraform.tfvars and *.auto.tfvars.
	VarFiles []string
	// FullPlan keeps the parts of a Terraform plan that no shipped control reads:
	// planned_values, prior_state, resource_drift, relevant_attributes and each
	// change's before, before_sensitive and after_sensitive. They are skipped by default
	// (only their JSON types are checked), which keeps a large plan's memory down; set
	// FullPlan when your own policy reads them.
	FullPlan bool
}

// Result is what Load found.
type Result struct {
	Documents []Document
	Errors    []FileError
	// Unchecked lists files met while walking a directory that were not checked: of no
	// known kind, Helm chart templates, or template sources that are not YAML until
	// rendered. Reasons says why, by path.
	Unchecked []string
	Reasons   map[string]string
	// Files counts the files that yielded at least one document.
	Files int
	// Bytes is the size of those files.
	Bytes int64
	// Locators find the line of a resource inside a file, by file path.
	Locators map[string]Locator
}

// skipDirs are never walked.
var skipDirs = map[string]bool{".git": true, ".terraform": true, "vendor": true, "node_modules": true, ".venv": true, "__pycache__": true}

// configExt are the file endings a directory walk considers; other files are ignored.
var configExt = []string{".tf", ".tfvars", ".json", ".yaml", ".yml", ".py", ".sh", ".bash"}

// Load reads every path (files, directories walked recursively, "-" for stdin). Bad input
// never stops the load: it is recorded in Result.Errors and the other files are read.
func Load(paths []string, opts Options) Result {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	res := Result{Locators: map[string]Locator{}, Reasons: map[string]string{}}
	for _, p := range paths {
		if p == Stdin {
			r := opts.Stdin
			if r == nil {
				r = os.Stdin
			}
			data, err := readLimited(r, opts.MaxFileSize)
			if err != nil {
				res.Errors = append(res.Errors, FileError{Path: p, Document: -1, Err: err.Error()})
				continue
			}
			res.add(p, data, opts, true)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			res.Errors = append(res.Errors, FileError{Path: p, Document: -1, Err: describe(err)})
			continue
		}
		if info.IsDir() {
			before := len(res.Documents) + len(res.Errors)
			res.walk(walkRoot(p), opts)
			if len(res.Documents)+len(res.Errors) == before {
				res.Errors = append(res.Errors, FileError{Path: p, Document: -1, Err: "no checkable file found (nothing was checked)"})
			}
			continue
		}
		res.file(p, info, opts, true)
	}
	for i, p := range opts.VarFiles {
		res.varFile(i, p, opts)
	}
	sort.SliceStable(res.Documents, func(i, j int) bool {
		a, b := res.Documents[i], res.Documents[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Index < b.Index
	})
	sort.SliceStable(res.Errors, func(i, j int) bool {
		a, b := res.Errors[i], res.Errors[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Document < b.Document
	})
	sort.Strings(res.Unchecked)
	return res
}

func (res *Result) walk(root string, opts Options) {
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			res.Errors = append(res.Errors, FileError{Path: p, Document: -1, Err: describe(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != root && skipDirs[d.Name()] {
				return fs.SkipDir
			}
			return nil
		}
		if !hasConfigExt(p) {
			return nil
		}
		if b := filepath.Base(p); b == "Chart.yaml" || b == "Chart.lock" {
			res.unchecked(p, "Helm chart metadata")
			return nil
		}
		if chartTemplate(root, p) { // the source of `helm template`, not a manifest
			res.unchecked(p, "Helm chart template: check the output of `helm template` instead")
			return nil
		}
		info, err := os.Stat(p) // follows a symlinked file; a dangling link is an error
		if err != nil {
			res.Errors = append(res.Errors, FileError{Path: p, Document: -1, Err: describe(err)})
			return nil
		}
		if info.IsDir() {
			return nil // a symlink to a directory is not followed (no loops)
		}
		res.file(p, info, opts, false)
		return nil
	})
	if err != nil {
		res.Errors = append(res.Errors, FileError{Path: root, Document: -1, Err: describe(err)})
	}
}

// chartTemplate tells whether p, met while walking root, lies under the templates/
// directory of a Helm chart (a directory below root holding Chart.yaml or values.yaml):
// Go-template source that only `helm template` turns into manifests.
func chartTemplate(root, p string) bool {
	rel, err := filepath.Rel(root, filepath.Dir(p))
	if err != nil {
		return false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for i, part := range parts {
		if part != "templates" {
			continue
		}
		chart := filepath.Join(append([]string{root}, parts[:i]...)...)
		for _, marker := range []string{"Chart.yaml", "values.yaml"} {
			if _, err := os.Stat(filepath.Join(chart, marker)); err == nil {
				return true
			}
		}
	}
	return false
}

// Reason says why a file of Unchecked was not checked.
func (res *Result) Reason(p string) string {
	if r, ok := res.Reasons[p]; ok {
		return r
	}
	return "unknown kind"
}

func (res *Result) unchecked(p, reason string) {
	res.Unchecked = append(res.Unchecked, p)
	if res.Reasons == nil {
		res.Reasons = map[string]string{}
	}
	res.Reasons[p] = reason
}

// templated tells whether data holds template expressions ({{ }} or {% %}): a Helm,
// Jinja or OSMO workflow template, not YAML until it is rendered.
func templated(data []byte) bool {
	return bytes.Contains(data, []byte("{{")) || bytes.Contains(data, []byte("{%"))
}

func hclFile(p string) bool {
	l := strings.ToLower(p)
	return strings.HasSuffix(l, ".tf") || strings.HasSuffix(l, ".tfvars")
}

func hasConfigExt(p string) bool {
	l := strings.ToLower(p)
	for _, e := range configExt {
		if strings.HasSuffix(l, e) {
			return true
		}
	}
	return false
}

func (res *Result) file(p string, info fs.FileInfo, opts Options, named bool) {
	data, err := readRegular(p, info, opts)
	if err != nil {
		res.Errors = append(res.Errors, FileError{Path: p, Document: -1, Err: err.Error()})
		return
	}
	res.add(p, data, opts, named)
}

// readRegular reads a regular file within the size limit; a FIFO, socket or device is
// reported and never opened.
func readRegular(p string, info fs.FileInfo, opts Options) ([]byte, error) {
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s): not read", fileType(info.Mode()))
	}
	if info.Size() > opts.MaxFileSize {
		return nil, fmt.Errorf("file is %d bytes, over the %d-byte limit (raise it with --max-file-size)", info.Size(), opts.MaxFileSize)
	}
	f, err := openRegular(p)
	if err != nil {
		return nil, errors.New(describe(err))
	}
	defer f.Close()
	return readLimited(f, opts.MaxFileSize)
}

// varFile loads a --var-file (HCL .tfvars or JSON .tfvars.json). It becomes a document
// {"stridegate_var_file": {"order", "variables"}} that policy/lib/terraform.rego applies to
// every root module directory, after terraform.tfvars and *.auto.tfvars, in command-line
// order, as Terraform does.
func (res *Result) varFile(order int, p string, opts Options) {
	fail := func(err error) {
		res.Errors = append(res.Errors, FileError{Path: p, Document: -1, Err: "--var-file: " + oneLineError(err.Error())})
	}
	info, err := os.Stat(p)
	if err != nil {
		fail(errors.New(describe(err)))
		return
	}
	data, err := readRegular(p, info, opts)
	if err != nil {
		fail(err)
		return
	}
	var vars any
	if strings.HasSuffix(strings.ToLower(p), ".json") {
		docs, _, err := parseJSON(p, data, KindHCL, false)
		if err != nil {
			fail(err)
			return
		}
		vars = docs[0].Contents
	} else {
		docs, _, err := Parse(p, data, KindHCL)
		if err != nil {
			fail(err)
			return
		}
		vars = docs[0].Contents
	}
	if _, ok := vars.(map[string]any); !ok {
		fail(errors.New("not a map of variable values"))
		return
	}
	res.Files++
	res.Documents = append(res.Documents, Document{Path: p, Line: 1, Kind: KindHCL, Contents: map[string]any{
		"stridegate_var_file": map[string]any{"order": order, "variables": vars},
	}})
}

func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("input is over the %d-byte limit (raise it with --max-file-size)", limit)
	}
	return data, nil
}

// add parses one file's bytes and records its documents, errors or unchecked status.
func (res *Result) add(p string, data []byte, opts Options, named bool) {
	docs, loc, err := parse(p, data, opts.Kind, opts.FullPlan)
	var pe *PartialError
	switch {
	case errors.As(err, &pe):
		for _, de := range pe.Docs {
			res.Errors = append(res.Errors, FileError{Path: p, Document: de.Index, Line: de.Line, Err: de.Err.Error()})
		}
	case errors.Is(err, ErrUnknownKind):
		if named {
			res.Errors = append(res.Errors, FileError{Path: p, Document: -1, Err: err.Error()})
		} else {
			res.unchecked(p, "unknown kind")
		}
		return
	case err != nil && templated(data) && !named && !hclFile(p):
		res.unchecked(p, "a template ({{ }}) that is not valid YAML or JSON until rendered: check the rendered output")
		return
	case err != nil:
		msg := err.Error()
		if templated(data) && !hclFile(p) {
			msg += " (the file holds template expressions: render it first, e.g. `helm template`, and check the output)"
		}
		res.Errors = append(res.Errors, FileError{Path: p, Document: -1, Err: msg})
		return
	}
	if len(docs) > 0 {
		res.Files++
		res.Bytes += int64(len(data))
		res.Documents = append(res.Documents, docs...)
		if loc != nil {
			res.Locators[p] = loc
		}
	}
}

func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// KindsOf returns the set of kinds among docs.
func KindsOf(docs []Document) map[Kind]bool {
	out := map[Kind]bool{}
	for _, d := range docs {
		out[d.Kind] = true
	}
	return out
}

// trimBOM drops a UTF-8 byte order mark.
func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) }
