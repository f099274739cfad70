package output

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/exceptions"
)

// JUnit writes JUnit XML for CI test reporters: one testsuite per control, one testcase
// per finding (a failure; accepted findings are skipped with the exception's rationale),
// a passing "no findings" testcase for an evaluated control that found nothing, and an
// "input errors" suite with one errored testcase per input that could not be read.
type JUnit struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// Write implements Writer.
func (JUnit) Write(w io.Writer, r Report) error {
	controls := r.Controls
	if len(controls) == 0 {
		controls = controlsOf(r.Findings)
	}
	byID := map[string][]bundle.Finding{}
	for _, f := range r.Findings {
		byID[f.ID] = append(byID[f.ID], f)
	}
	out := junitSuites{Name: ToolName}
	seen := map[string]bool{}
	add := func(c bundle.Control) {
		seen[c.ID] = true
		s := junitSuite{Name: c.ID + ": " + c.Title, Properties: []junitProperty{
			{Name: "id", Value: c.ID},
			{Name: "severity", Value: c.Severity},
			{Name: "stride", Value: c.Stride},
			{Name: "threats", Value: strings.Join(c.Threats, ",")},
		}}
		for _, f := range byID[c.ID] {
			s.Cases = append(s.Cases, junitFindingCase(f))
		}
		if len(s.Cases) == 0 {
			s.Cases = []junitCase{{Name: "no findings", ClassName: c.ID}}
		}
		out.Suites = append(out.Suites, s)
	}
	for _, c := range controls {
		if !seen[c.ID] {
			add(c)
		}
	}
	for _, f := range r.Findings {
		if !seen[f.ID] {
			add(controlOf(f))
		}
	}
	if len(r.Errors) > 0 {
		s := junitSuite{Name: "input errors"}
		for _, e := range r.Errors {
			s.Cases = append(s.Cases, junitCase{Name: e.Path, ClassName: "input", File: e.Path,
				Error: &junitMessage{Message: e.Err, Type: "input", Text: e.Error()}})
		}
		out.Suites = append(out.Suites, s)
	}
	for i := range out.Suites {
		s := &out.Suites[i]
		for _, c := range s.Cases {
			s.Tests++
			switch {
			case c.Failure != nil:
				s.Failures++
			case c.Error != nil:
				s.Errors++
			case c.Skipped != nil:
				s.Skipped++
			}
		}
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
		out.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("junit: %w", err)
	}
	_, err := fmt.Fprintln(w)
	return err
}

func junitFindingCase(f bundle.Finding) junitCase {
	name := firstNonEmpty(f.Resource, f.File, f.ID)
	if loc := Location(f); loc != "-" {
		name += " (" + loc + ")"
	}
	c := junitCase{Name: name, ClassName: f.ID, File: f.File, Line: f.Line}
	var text strings.Builder
	fmt.Fprintf(&text, "%s\nSeverity: %s\nResource: %s\nLocation: %s\n", f.Message, f.Severity, f.Resource, Location(f))
	if note := exceptions.Note(f); note != "" {
		fmt.Fprintf(&text, "Exception: %s\n", note)
	}
	if f.Remediation != "" {
		fmt.Fprintf(&text, "Remediation: %s\n", f.Remediation)
	}
	if f.Status == "accepted" {
		c.Skipped = &junitMessage{Message: exceptions.Note(f), Text: text.String()}
	} else {
		c.Failure = &junitMessage{Message: f.Message, Type: f.Severity, Text: text.String()}
	}
	return c
}
