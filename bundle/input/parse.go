package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/open-policy-agent/conftest/parser/hcl2"
	"sigs.k8s.io/yaml"
)

// ErrUnknownKind is returned for a file that parses but is of no kind stridegate checks.
var ErrUnknownKind = errors.New("not a kind stridegate checks (Terraform plan JSON or HCL, Kubernetes manifest, Helm values, Azure RBAC export, GitHub workflow, Python or shell source); use --kind to force one")

// DocError is one bad document of a multi-document file.
type DocError struct {
	Index int
	// Line is the 1-based line where the document starts.
	Line int
	Err  error
}

// PartialError reports bad documents of a file whose other documents were read.
type PartialError struct{ Docs []DocError }

func (e *PartialError) Error() string {
	parts := make([]string, len(e.Docs))
	for i, d := range e.Docs {
		parts[i] = fmt.Sprintf("document %d: %v", d.Index, d.Err)
	}
	return strings.Join(parts, "; ")
}

// Locator finds the line of a finding's resource inside one file (0 when unknown).
type Locator interface {
	Line(resource string) int
}

// lineIndex is a Locator backed by a resource -> line map.
type lineIndex map[string]int

func (l lineIndex) Line(resource string) int { return l[resource] }

// Parse decodes one file's bytes into documents. forced, when set, overrides detection.
// A Terraform plan's Contents is an ast.Value without the parts no shipped control
// reads (see Options.FullPlan); ParseFull keeps them.
func Parse(path string, data []byte, forced Kind) ([]Document, Locator, error) {
	return parse(path, data, forced, false)
}

// ParseFull is Parse keeping every part of a Terraform plan.
func ParseFull(path string, data []byte, forced Kind) ([]Document, Locator, error) {
	return parse(path, data, forced, true)
}

func parse(path string, data []byte, forced Kind, fullPlan bool) ([]Document, Locator, error) {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe, 0, 0}) || bytes.HasPrefix(data, []byte{0, 0, 0xfe, 0xff}) {
		return nil, nil, errors.New("UTF-32 encoded: convert the file to UTF-8")
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return nil, nil, errors.New("UTF-16 encoded: convert the file to UTF-8")
	}
	data = trimBOM(data)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, errors.New("empty file: nothing to check")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, nil, errors.New("binary content (NUL bytes): not a text configuration file")
	}
	if !utf8.Valid(data) {
		return nil, nil, fmt.Errorf("invalid UTF-8 text at line %d: not a text configuration file", invalidUTF8Line(data))
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case forced == KindHCL || (forced == KindUnknown && (ext == ".tf" || ext == ".tfvars")):
		return parseHCL(path, data)
	case forced == KindSource || (forced == KindUnknown && (ext == ".py" || ext == ".sh" || ext == ".bash")):
		return parseSource(path, data)
	case ext == ".json" || (ext != ".yaml" && ext != ".yml" && startsLikeJSON(data)):
		return parseJSON(path, data, forced, fullPlan)
	default:
		return parseYAML(path, data, forced)
	}
}

func startsLikeObject(data []byte) bool {
	t := bytes.TrimSpace(data)
	return len(t) > 0 && t[0] == '{'
}

func startsLikeJSON(data []byte) bool {
	t := bytes.TrimSpace(data)
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// --- JSON --------------------------------------------------------------------------------

func parseJSON(path string, data []byte, forced Kind, fullPlan bool) ([]Document, Locator, error) {
	if (forced == KindUnknown || forced == KindPlan) && startsLikeObject(data) && bytes.Contains(data, []byte(`"format_version"`)) {
		v, err := decodePlan(data, forced == KindPlan, fullPlan)
		switch {
		case err == nil:
			return []Document{{Path: path, Line: 1, Kind: KindPlan, Contents: v}}, nil, nil
		case !errors.Is(err, errNotStreamed):
			return nil, nil, err
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // exact numbers, as conftest hands them to OPA
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, nil, fmt.Errorf("malformed JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, fmt.Errorf("malformed JSON: trailing data after the first value (offset %d)", dec.InputOffset())
	}
	kind := forced
	if kind == KindUnknown {
		kind = detectObject(path, v)
	}
	if kind == KindUnknown {
		return nil, nil, ErrUnknownKind
	}
	if kind == KindPlan {
		if err := validatePlan(v); err != nil {
			return nil, nil, err
		}
	}
	return []Document{{Path: path, Line: 1, Kind: kind, Contents: v}}, nil, nil
}

// --- YAML --------------------------------------------------------------------------------

// splitYAML splits a stream at every line that is `---` (trailing blanks or a comment
// allowed), and returns each part with its 1-based starting line. conftest splits on "\n---\n"
// only, or on "\r\n---\r\n" when the file has any CRLF: a file with mixed line endings would
// keep later documents inside an earlier part, where YAML decoding silently drops them. Lines
// are scanned one by one instead, whatever their ending; as in conftest, a separator on the
// first line or on an unterminated last line does not split.
func splitYAML(data []byte) ([][]byte, []int) {
	var parts [][]byte
	var lines []int
	start, startLine, line := 0, 1, 1
	for off := 0; off < len(data); line++ {
		nl := bytes.IndexByte(data[off:], '\n')
		if nl < 0 {
			break // an unterminated last line
		}
		if off > 0 && isDocSeparator(data[off:off+nl]) {
			end := max(off-1, start) // two separators in a row leave an empty part
			parts = append(parts, bytes.TrimSuffix(data[start:end], []byte("\r")))
			lines = append(lines, startLine)
			start, startLine = off+nl+1, line+1
		}
		off += nl + 1
	}
	parts = append(parts, data[start:])
	lines = append(lines, startLine)
	return parts, lines
}

// isDocSeparator tells whether a line (without its "\n") is a YAML document marker on its
// own: `---`, optionally followed by blanks, a comment and a CR.
func isDocSeparator(l []byte) bool {
	rest, ok := bytes.CutPrefix(bytes.TrimRight(l, " \t\r"), []byte("---"))
	if !ok {
		return false
	}
	if len(rest) == 0 {
		return true
	}
	return (rest[0] == ' ' || rest[0] == '\t') && bytes.TrimLeft(rest, " \t")[0] == '#'
}

// inlineDocStart returns the 1-based line (within part) of a `--- content` document marker
// after the part's first line, 0 when there is none: YAML decoding would keep only the
// first document of the part and drop the rest silently.
func inlineDocStart(part []byte) int {
	for i, l := range bytes.Split(part, []byte("\n")) {
		if i > 0 && len(l) > 3 && bytes.HasPrefix(l, []byte("---")) && (l[3] == ' ' || l[3] == '\t') {
			return i + 1
		}
	}
	return 0
}

func parseYAML(path string, data []byte, forced Kind) ([]Document, Locator, error) {
	parts, lines := splitYAML(data)
	var docs []Document
	var bad []DocError
	unknown := 0
	loc := lineIndex{}
	workflow := isWorkflowPath(path)
	for i, part := range parts {
		var v any
		err := decodeYAML(part, &v)
		if n := inlineDocStart(part); err == nil && n > 0 {
			err = fmt.Errorf("a document starts on line %d with content after its `---` marker: put `---` on a line of its own", lines[i]+n-1)
		}
		if err != nil {
			if len(parts) == 1 {
				return nil, nil, fmt.Errorf("malformed YAML: %w", err)
			}
			bad = append(bad, DocError{Index: i, Line: firstContentLine(part, lines[i]), Err: fmt.Errorf("malformed YAML: %w", err)})
			continue
		}
		if v == nil {
			continue // empty or comment-only document (conftest hands these as null)
		}
		kind := forced
		if kind == KindUnknown && workflow {
			kind = KindWorkflow
		}
		if kind == KindUnknown {
			kind = detectObject(path, v)
		}
		if kind == KindUnknown {
			unknown++
			if len(parts) > 1 {
				bad = append(bad, DocError{Index: i, Line: firstContentLine(part, lines[i]), Err: errors.New("not a Kubernetes object (no apiVersion/kind) nor any other kind stridegate checks")})
			}
			continue
		}
		docs = append(docs, Document{Path: path, Index: i, Line: firstContentLine(part, lines[i]), Kind: kind, Contents: v})
		switch kind {
		case KindK8s:
			indexK8s(loc, v, firstContentLine(part, lines[i]))
		case KindWorkflow, KindHelmValues:
			indexYAMLNodes(loc, path, part, lines[i], kind)
		}
	}
	if len(docs) == 0 {
		if len(bad) > 0 && unknown < len(bad) {
			return nil, nil, &PartialError{Docs: bad}
		}
		return nil, nil, ErrUnknownKind
	}
	if len(bad) > 0 {
		return docs, loc, &PartialError{Docs: bad}
	}
	return docs, loc, nil
}

// decodeYAML decodes one YAML document as sigs.k8s.io/yaml does (YAML -> JSON), keeping
// numbers exact (json.Number) the way conftest's input reaches OPA: 31536000 stays
// 31536000 instead of becoming the float 3.1536e+07.
func decodeYAML(doc []byte, v *any) error {
	j, err := yaml.YAMLToJSONStrict(doc) // strict: a duplicate key is an error, not last-wins
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(j))
	dec.UseNumber()
	return dec.Decode(v)
}

// firstContentLine skips leading blank and comment lines of a document.
func firstContentLine(part []byte, start int) int {
	for i, l := range bytes.Split(part, []byte("\n")) {
		t := bytes.TrimSpace(l)
		if len(t) > 0 && t[0] != '#' {
			return start + i
		}
	}
	return start
}

// indexK8s records Kind/namespace/name -> line for an object or the items of a List.
func indexK8s(loc lineIndex, v any, line int) {
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	if m["kind"] == "List" {
		if items, ok := m["items"].([]any); ok {
			for _, it := range items {
				indexK8s(loc, it, line)
			}
		}
		return
	}
	id := ResourceID(m)
	if id != "" {
		if _, seen := loc[id]; !seen {
			loc[id] = line
		}
	}
}

// ResourceID names a Kubernetes object as policy/lib/k8s.rego does: Kind/namespace/name,
// or Kind/name without a namespace.
func ResourceID(m map[string]any) string {
	kind, _ := m["kind"].(string)
	md, _ := m["metadata"].(map[string]any)
	if kind == "" || md == nil {
		return ""
	}
	name, _ := md["name"].(string)
	if name == "" {
		name, _ = md["generateName"].(string)
	}
	if name == "" {
		name = "<unnamed>"
	}
	if ns, _ := md["namespace"].(string); ns != "" {
		return kind + "/" + ns + "/" + name
	}
	return kind + "/" + name
}

// --- HCL ---------------------------------------------------------------------------------

func parseHCL(path string, data []byte) ([]Document, Locator, error) {
	if err := checkHCLNesting(data); err != nil {
		return nil, nil, fmt.Errorf("malformed HCL: %w", err)
	}
	var v map[string]any
	if err := (hcl2.Parser{}).Unmarshal(data, &v); err != nil {
		return nil, nil, fmt.Errorf("malformed HCL: %s", oneLine(err.Error()))
	}
	if v == nil {
		v = map[string]any{}
	}
	return []Document{{Path: path, Line: 1, Kind: KindHCL, Contents: v}}, hclIndex(path, data), nil
}

// hclIndex maps Terraform addresses (type.name, data.type.name, module.name,
// variable.name, output.name, terraform) to the line of their block.
func hclIndex(path string, data []byte) lineIndex {
	loc := lineIndex{}
	f, diags := hclsyntax.ParseConfig(data, path, hcl.InitialPos)
	if diags.HasErrors() || f == nil {
		return loc
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return loc
	}
	for _, b := range body.Blocks {
		line := b.DefRange().Start.Line
		var key string
		switch {
		case b.Type == "resource" && len(b.Labels) == 2:
			key = b.Labels[0] + "." + b.Labels[1]
		case len(b.Labels) == 2:
			key = b.Type + "." + b.Labels[0] + "." + b.Labels[1]
		case len(b.Labels) == 1:
			key = b.Type + "." + b.Labels[0]
		default:
			key = b.Type
		}
		if _, seen := loc[key]; !seen {
			loc[key] = line
		}
	}
	return loc
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// --- source ------------------------------------------------------------------------------

// heredocStart finds a here-document's operator and delimiter: <<EOF, <<-EOF, <<'EOF',
// <<"EOF" (not the here-string <<<).
var heredocStart = regexp.MustCompile(`<<(-?)\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?`)

func parseSource(path string, data []byte) ([]Document, Locator, error) {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	lang := "shell"
	if strings.HasSuffix(strings.ToLower(path), ".py") {
		lang = "python"
	}
	list := make([]any, len(lines))
	for i, l := range lines {
		list[i] = l
	}
	docs := []Document{{Path: path, Line: 1, Kind: KindSource, Contents: map[string]any{
		"source": map[string]any{"language": lang, "lines": list},
	}}}
	loc := lineIndex{}
	if lang == "shell" {
		for _, d := range heredocManifests(path, lines) {
			docs = append(docs, d)
			indexK8s(loc, d.Contents, d.Line)
		}
	}
	return docs, loc, nil
}

// heredocManifests extracts the Kubernetes objects a shell script writes in here-documents,
// whatever it does with them: `kubectl apply -f - <<EOF`, `cat <<EOF | kubectl apply -f -`,
// a function that prints a manifest for a later `| kubectl apply`, or `cat > x.yaml <<EOF`.
// A body is a manifest when it parses as YAML into objects with apiVersion and kind; each
// becomes a k8s document at the script's line. Shell expansions ($VAR) stay as text.
func heredocManifests(path string, lines []string) []Document {
	var docs []Document
	for i := 0; i < len(lines); i++ {
		op, delim, ok := heredocOperator(lines[i])
		if !ok {
			continue
		}
		end := i + 1
		for end < len(lines) && strings.TrimLeft(lines[end], "\t") != delim {
			end++
		}
		body := lines[i+1 : end]
		if op == "<<-" { // leading tabs are stripped from the body
			body = make([]string, len(lines[i+1:end]))
			for j, l := range lines[i+1 : end] {
				body[j] = strings.TrimLeft(l, "\t")
			}
		}
		parts, starts := splitYAML([]byte(strings.Join(body, "\n")))
		for j, part := range parts {
			var v any
			if err := decodeYAML(part, &v); err != nil || v == nil {
				continue
			}
			if detectObject(path, v) != KindK8s {
				continue
			}
			docs = append(docs, Document{Path: path, Index: len(docs) + 1, Line: i + 1 + firstContentLine(part, starts[j]), Kind: KindK8s, Contents: v})
		}
		i = end
	}
	return docs
}

// heredocOperator returns the first here-document operator (<< or <<-) of a line and its
// delimiter, skipping here-strings (<<<) and anything after a comment.
func heredocOperator(line string) (op, delim string, ok bool) {
	if i := strings.Index(line, "#"); i >= 0 && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
		line = line[:i]
	}
	for _, m := range heredocStart.FindAllStringSubmatchIndex(line, -1) {
		if m[0] > 0 && line[m[0]-1] == '<' {
			continue // <<< here-string
		}
		return "<<" + line[m[2]:m[3]], line[m[4]:m[5]], true
	}
	return "", "", false
}
