// Package output renders a check run (findings, summary, errors) in the formats the
// CLI offers. Each format is one Writer.
package output

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/exceptions"
	"github.com/stridegate/stridegate/bundle/input"
)

// Report is everything one `stridegate check` run produced.
type Report struct {
	Findings  []bundle.Finding  `json:"findings"`
	Summary   Summary           `json:"summary"`
	Errors    []input.FileError `json:"errors"`
	Unchecked []string          `json:"-"`
	// Reasons says why each unchecked file was not checked (by path; "unknown kind" when
	// absent).
	Reasons map[string]string `json:"-"`
	// Controls are the controls evaluated (SARIF rules, JUnit suites); may be empty.
	Controls []bundle.Control `json:"-"`
}

// Summary counts what was checked and found.
type Summary struct {
	Files      int            `json:"files"`
	Documents  int            `json:"documents"`
	Controls   int            `json:"controls_evaluated"`
	Findings   int            `json:"findings"`
	Open       int            `json:"open"`
	Accepted   int            `json:"accepted"`
	BySeverity map[string]int `json:"by_severity"`
	Unchecked  []string       `json:"not_checked"`
	Errors     int            `json:"errors"`
	// Exceptions is what --exceptions did (nil without it).
	Exceptions *exceptions.Summary `json:"exceptions,omitempty"`
}

// NewSummary counts findings by status and severity.
func NewSummary(findings []bundle.Finding, files, documents, controls int, unchecked []string, errors int) Summary {
	s := Summary{Files: files, Documents: documents, Controls: controls, Findings: len(findings), BySeverity: map[string]int{}, Unchecked: unchecked, Errors: errors}
	for _, sev := range bundle.Severities {
		s.BySeverity[sev] = 0
	}
	for _, f := range findings {
		if f.Status == "accepted" {
			s.Accepted++
		} else {
			s.Open++
		}
		s.BySeverity[strings.ToLower(f.Severity)]++
	}
	if s.Unchecked == nil {
		s.Unchecked = []string{}
	}
	return s
}

// Writer renders a report in one format.
type Writer interface {
	Write(w io.Writer, r Report) error
}

// Formats lists the format names For accepts.
var Formats = []string{"table", "json", "sarif", "junit", "github"}

// For returns the writer of a format name.
func For(format string) (Writer, error) {
	switch format {
	case "table", "":
		return Table{}, nil
	case "json":
		return JSON{}, nil
	case "sarif":
		return SARIF{}, nil
	case "junit":
		return JUnit{}, nil
	case "github":
		return GitHub{}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// JSON writes the report as DESIGN.md's JSON document.
type JSON struct{}

// Write implements Writer.
func (JSON) Write(w io.Writer, r Report) error {
	if r.Findings == nil {
		r.Findings = []bundle.Finding{}
	}
	if r.Errors == nil {
		r.Errors = []input.FileError{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// Table writes one line per finding and a summary, for people.
type Table struct {
	// Color paints severities with ANSI colours (set it only for a terminal).
	Color bool
}

// Write implements Writer.
func (t Table) Write(w io.Writer, r Report) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if len(r.Findings) > 0 {
		fmt.Fprintln(tw, paint(t.Color, "SEVERITY")+"\tID\tSTATUS\tLOCATION\tRESOURCE\tMESSAGE")
	}
	for _, f := range r.Findings {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", paint(t.Color, f.Severity), f.ID, status(f), Location(f), f.Resource, f.Message)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if _, err := fmt.Fprintln(w, SummaryLine(r.Summary)); err != nil {
		return err
	}
	for _, u := range r.Summary.Unchecked {
		if _, err := fmt.Fprintf(w, "not checked (%s): %s\n", r.reason(u), u); err != nil {
			return err
		}
	}
	return nil
}

// SummaryLine is the one-line summary of a run.
func SummaryLine(s Summary) string {
	var parts []string
	sevs := append([]string(nil), bundle.Severities...)
	sort.Slice(sevs, func(i, j int) bool { return bundle.SeverityRank(sevs[i]) > bundle.SeverityRank(sevs[j]) })
	for _, sev := range sevs {
		if n := s.BySeverity[sev]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	line := fmt.Sprintf("%d finding(s)", s.Findings)
	if len(parts) > 0 {
		line += " (" + strings.Join(parts, ", ") + ")"
	}
	if s.Accepted > 0 {
		line += fmt.Sprintf(", %d accepted", s.Accepted)
	}
	line += fmt.Sprintf(" from %d control(s) over %d file(s), %d document(s)", s.Controls, s.Files, s.Documents)
	if s.Errors > 0 {
		line += fmt.Sprintf("; %d input error(s)", s.Errors)
	}
	return line
}

// Location renders file:line, the file alone, or "-".
func Location(f bundle.Finding) string {
	switch {
	case f.File != "" && f.Line > 0:
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	case f.File != "":
		return f.File
	}
	return "-"
}

// reason says why the unchecked file u was not checked.
func (r Report) reason(u string) string {
	if why, ok := r.Reasons[u]; ok {
		return why
	}
	return "unknown kind"
}
