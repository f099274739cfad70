package register

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/stridegate/stridegate/bundle/exceptions"
	"github.com/stridegate/stridegate/bundle/output"
)

// Formats lists the format names Write accepts.
var Formats = []string{"markdown", "json", "html"}

// Write renders the register in a format of Formats.
func Write(w io.Writer, format string, r Register) error {
	switch format {
	case "markdown", "md", "":
		return writeMarkdown(w, r)
	case "json":
		return writeJSON(w, r)
	case "html":
		return writeHTML(w, r)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

func writeJSON(w io.Writer, r Register) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// errWriter keeps the first write error so the Markdown writer stays linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", `\|`)
}

func writeMarkdown(w io.Writer, r Register) error {
	e := &errWriter{w: w}
	e.printf("# Threat register\n\n")
	e.printf("Threats and claimed statuses: %s. Statuses below are derived from the evidence of this run", r.Source)
	if len(r.Inputs) > 0 {
		e.printf(" (inputs: %s)", strings.Join(r.Inputs, ", "))
	} else {
		e.printf(" (no checkable input)")
	}
	e.printf(".\n\n")
	e.printf("| ID | Threat | STRIDE | Likelihood | Impact | Rating | Model says | Evidence | Findings |\n")
	e.printf("|---|---|---|---|---|---|---|---|---|\n")
	for _, t := range r.Threats {
		mark := ""
		if !t.Agrees() {
			mark = " ≠"
		}
		e.printf("| %s | %s | %s | %s | %s | %s | %s | **%s**%s | %d |\n", t.ID, cell(t.Title), t.Category, t.Likelihood, t.Impact, t.Rating, t.Claimed, t.Status, mark, len(t.Findings))
	}
	e.printf("\n≠ the evidence differs from the model's claimed status.\n\n")
	e.printf("## Metrics: model claims vs measured\n\n")
	e.printf("| Metric | Model claims | Measured |\n|---|---|---|\n")
	for _, c := range r.Comparison {
		e.printf("| %s | %s | %s |\n", c.Metric, c.Claimed, c.Measured)
	}
	e.printf("\nThe model counts its Accepted threats as mitigated; stridegate counts a threat mitigated only when its controls ran on relevant input and found nothing.\n\n")
	e.printf("## Evidence per threat\n")
	for _, t := range r.Threats {
		e.printf("\n### %s %s — %s\n\n", t.ID, t.Title, t.Status)
		e.printf("%s.", upperFirst(t.Reason))
		if len(t.Controls) > 0 {
			var cs []string
			for _, c := range t.Controls {
				state := "not run"
				if c.Ran {
					state = "ran"
				}
				cs = append(cs, fmt.Sprintf("%s (%s)", c.ID, state))
			}
			e.printf(" Controls: %s.", strings.Join(cs, ", "))
		}
		e.printf("\n")
		if len(t.Findings) > 0 {
			e.printf("\n")
		}
		for _, f := range t.Findings {
			e.printf("- %s %s %s `%s` %s: %s", strings.ToUpper(f.Severity), f.ID, f.Status, output.Location(f), cell(f.Resource), cell(f.Message))
			if n := exceptions.Note(f); n != "" && f.Status != "accepted" {
				e.printf(" (%s)", cell(n))
			}
			e.printf("\n")
		}
		for _, a := range t.Acceptances {
			e.printf("- accepted: %s on %s, owner %s, expires %s", a.Control, cell(dash(a.Resource)), dash(a.Owner), dash(a.Expires))
			if a.Ticket != "" {
				e.printf(", ticket %s", a.Ticket)
			}
			if a.Rationale != "" {
				e.printf(" — %s", cell(a.Rationale))
			}
			e.printf("\n")
		}
	}
	return e.err
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
