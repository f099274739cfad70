// Package exceptions applies accepted risks to findings. An exceptions file is YAML
// data (the same file conftest loads with --data):
//
//	stridegate_exceptions:
//	  - id: S-2                      # control id, exactly as `stridegate controls` lists it
//	    resource: "*postgresql*"     # glob on the finding's resource (optional)
//	    file: "infra/**"             # glob on the finding's file (optional; one of the two is required)
//	    rationale: Single-purpose database serving only OSMO
//	    owner: platform-team
//	    expires: 2027-06-30          # ISO 8601 date (valid through that day, UTC) or date-time
//	    ticket: SEC-123              # optional
//
// Globs follow OPA's glob.match with no delimiters: `*` and `**` match any run of
// characters (including "/" and "."), `?` one character, `[a-z]` a class, `{a,b}` either.
// A finding matched by an unexpired exception becomes `accepted`; one matched only by
// expired exceptions stays `open` and records which exception expired and when. Controls
// never read this file: it is applied after evaluation.
package exceptions

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gobwas/glob"
	yaml "go.yaml.in/yaml/v3"

	"github.com/stridegate/stridegate/bundle"
)

// Key is the top-level key of an exceptions file (conftest sees the list at
// data.stridegate_exceptions).
const Key = "stridegate_exceptions"

// DetailKey is the Finding.Details key under which Apply records the matched exception.
const DetailKey = "exception"

// Exception is one accepted risk.
type Exception struct {
	// Entry is the 0-based position in the file, Line its 1-based line.
	Entry int
	Line  int
	ID    string
	// Resource and File are glob patterns ("" matches anything).
	Resource  string
	File      string
	Rationale string
	Owner     string
	Ticket    string
	// Expires is the expiry as written; End is the first instant it no longer applies.
	Expires string
	End     time.Time

	resource, file *glob.Pattern
}

// Set is the parsed content of one exceptions file.
type Set struct {
	Path       string
	Exceptions []Exception
}

// Applied is what a finding records about the exception that matched it.
type Applied struct {
	ID        string `json:"id"`
	Resource  string `json:"resource,omitempty"`
	File      string `json:"file,omitempty"`
	Rationale string `json:"rationale"`
	Owner     string `json:"owner"`
	Expires   string `json:"expires"`
	Ticket    string `json:"ticket,omitempty"`
	// Expired is true when the exception matched but had expired: the finding is open.
	Expired bool `json:"expired"`
	// Source is file:line of the exception entry.
	Source string `json:"source"`
}

// Unused is an exception that matched no finding.
type Unused struct {
	ID       string `json:"id"`
	Resource string `json:"resource,omitempty"`
	File     string `json:"file,omitempty"`
	Source   string `json:"source"`
}

// Summary is what Apply did, for the report summary.
type Summary struct {
	File     string   `json:"file"`
	Accepted int      `json:"accepted"`
	Expired  int      `json:"expired"`
	Unused   []Unused `json:"unused"`
}

// EntryError is a malformed exception entry (Entry -1: the file as a whole).
type EntryError struct {
	Path  string
	Entry int
	Line  int
	Err   error
}

func (e *EntryError) Error() string {
	loc := e.Path
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.Path, e.Line)
	}
	if e.Entry >= 0 {
		return fmt.Sprintf("exceptions %s: entry %d: %v", loc, e.Entry, e.Err)
	}
	return fmt.Sprintf("exceptions %s: %v", loc, e.Err)
}

func (e *EntryError) Unwrap() error { return e.Err }

// Load reads and parses an exceptions file.
func Load(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &EntryError{Path: path, Entry: -1, Err: errors.Unwrap(err)}
	}
	return Parse(path, data)
}

var fields = map[string]bool{"id": true, "resource": true, "file": true, "rationale": true, "owner": true, "expires": true, "ticket": true}

// Parse parses the exceptions file data read from path (path only names it in errors).
func Parse(path string, data []byte) (*Set, error) {
	fail := func(entry, line int, format string, args ...any) error {
		return &EntryError{Path: path, Entry: entry, Line: line, Err: fmt.Errorf(format, args...)}
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fail(-1, 0, "empty file: want a %q list", Key)
		}
		return nil, fail(-1, 0, "parse: %w", err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fail(-1, 0, "want one YAML document")
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return nil, fail(-1, root.Line, "want a mapping with a %q list", Key)
	}
	var list *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		if k.Value != Key {
			return nil, fail(-1, k.Line, "unknown top-level key %q (want %q)", k.Value, Key)
		}
		list = root.Content[i+1]
	}
	if list == nil {
		return nil, fail(-1, root.Line, "no %q key", Key)
	}
	if list.Kind != yaml.SequenceNode {
		return nil, fail(-1, list.Line, "%q is not a list", Key)
	}
	set := &Set{Path: path}
	for i, n := range list.Content {
		e, err := parseEntry(n)
		if err != nil {
			return nil, fail(i, n.Line, "%w", err)
		}
		e.Entry = i
		set.Exceptions = append(set.Exceptions, e)
	}
	return set, nil
}

func parseEntry(n *yaml.Node) (Exception, error) {
	e := Exception{Line: n.Line}
	if n.Kind != yaml.MappingNode {
		return e, errors.New("not a mapping")
	}
	values := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !fields[k.Value] {
			return e, fmt.Errorf("unknown field %q (line %d)", k.Value, k.Line)
		}
		if v.Kind != yaml.ScalarNode {
			return e, fmt.Errorf("field %q (line %d) is not a string", k.Value, k.Line)
		}
		values[k.Value] = strings.TrimSpace(v.Value)
	}
	e.ID, e.Resource, e.File = values["id"], values["resource"], values["file"]
	e.Rationale, e.Owner, e.Ticket, e.Expires = values["rationale"], values["owner"], values["ticket"], values["expires"]
	for _, req := range []string{"id", "rationale", "owner", "expires"} {
		if values[req] == "" {
			return e, fmt.Errorf("missing %q", req)
		}
	}
	if e.Resource == "" && e.File == "" {
		return e, errors.New(`needs "resource" and/or "file" (use resource: "*" for every resource)`)
	}
	var err error
	if e.End, err = ParseExpiry(e.Expires); err != nil {
		return e, fmt.Errorf("%s: %w", e.ID, err)
	}
	if e.resource, err = compile(e.Resource); err != nil {
		return e, fmt.Errorf("%s: resource: %w", e.ID, err)
	}
	if e.file, err = compile(e.File); err != nil {
		return e, fmt.Errorf("%s: file: %w", e.ID, err)
	}
	return e, nil
}

func compile(pattern string) (*glob.Pattern, error) {
	if pattern == "" {
		return nil, nil
	}
	g, err := glob.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("bad glob %q: %w", pattern, err)
	}
	return g, nil
}

// ParseExpiry reads an ISO 8601 date (2027-06-30: the exception holds through that day,
// UTC) or an RFC 3339 date-time (it holds until that instant). It returns the first
// instant at which the exception no longer applies.
func ParseExpiry(s string) (time.Time, error) {
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d.AddDate(0, 0, 1), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("bad expiry date %q: want YYYY-MM-DD or an RFC 3339 date-time", s)
}

// Matches tells whether e covers finding f (expiry aside).
func (e Exception) Matches(f bundle.Finding) bool {
	if e.ID != f.ID {
		return false
	}
	if e.resource != nil && !e.resource.Match(f.Resource) {
		return false
	}
	if e.file != nil && !e.file.Match(filepath.ToSlash(f.File)) {
		return false
	}
	return true
}

// Expired tells whether e no longer applies at now.
func (e Exception) Expired(now time.Time) bool { return !now.Before(e.End) }

func (s *Set) source(e Exception) string { return fmt.Sprintf("%s:%d", s.Path, e.Line) }

func (s *Set) applied(e Exception, expired bool) Applied {
	return Applied{
		ID: e.ID, Resource: e.Resource, File: e.File, Rationale: e.Rationale, Owner: e.Owner,
		Expires: e.Expires, Ticket: e.Ticket, Expired: expired, Source: s.source(e),
	}
}

// Apply marks the findings the set covers at time now: the first unexpired matching
// exception makes a finding `accepted` and records it under Details[DetailKey]; a finding
// matched only by expired exceptions stays `open` and records the expired one. It returns
// the counts and the exceptions that matched nothing.
func (s *Set) Apply(findings []bundle.Finding, now time.Time) Summary {
	if s == nil {
		return Summary{Unused: []Unused{}}
	}
	sum := Summary{File: s.Path, Unused: []Unused{}}
	used := make([]bool, len(s.Exceptions))
	for i := range findings {
		f := &findings[i]
		var active, expired *Exception
		for j := range s.Exceptions {
			e := &s.Exceptions[j]
			if !e.Matches(*f) {
				continue
			}
			used[j] = true
			if e.Expired(now) {
				if expired == nil {
					expired = e
				}
			} else if active == nil {
				active = e
			}
		}
		switch {
		case active != nil:
			f.Status = "accepted"
			setDetail(f, s.applied(*active, false))
			sum.Accepted++
		case expired != nil:
			f.Status = "open"
			setDetail(f, s.applied(*expired, true))
			sum.Expired++
		}
	}
	for j, e := range s.Exceptions {
		if !used[j] {
			sum.Unused = append(sum.Unused, Unused{ID: e.ID, Resource: e.Resource, File: e.File, Source: s.source(e)})
		}
	}
	return sum
}

func setDetail(f *bundle.Finding, a Applied) {
	if f.Details == nil {
		f.Details = map[string]any{}
	}
	f.Details[DetailKey] = a
}

// Of returns the exception recorded in a finding by Apply, if any.
func Of(f bundle.Finding) (Applied, bool) {
	a, ok := f.Details[DetailKey].(Applied)
	return a, ok
}

// Note is a short human note on a finding's exception: "accepted until 2027-06-30
// (owner): rationale", "exception expired 2025-01-31 (owner)", or "".
func Note(f bundle.Finding) string {
	a, ok := Of(f)
	if !ok {
		return ""
	}
	if a.Expired {
		return fmt.Sprintf("accepted-risk exception expired %s (owner %s, %s)", a.Expires, a.Owner, a.Source)
	}
	n := fmt.Sprintf("accepted until %s by %s: %s", a.Expires, a.Owner, a.Rationale)
	if a.Ticket != "" {
		n += " [" + a.Ticket + "]"
	}
	return n
}
