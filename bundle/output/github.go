package output

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/exceptions"
)

// GitHub writes GitHub Actions workflow commands, one annotation per finding:
// `::error file=F,line=L,title=T::message` (critical/high), `::warning` (medium),
// `::notice` (low, and accepted findings), escaped as the workflow command syntax asks.
type GitHub struct{}

// githubLevel maps a finding to a workflow command.
func githubLevel(f bundle.Finding) string {
	if f.Status == "accepted" {
		return "notice"
	}
	switch strings.ToLower(f.Severity) {
	case "critical", "high":
		return "error"
	case "medium":
		return "warning"
	}
	return "notice"
}

// Write implements Writer.
func (GitHub) Write(w io.Writer, r Report) error {
	for _, f := range r.Findings {
		var props []string
		if f.File != "" && f.File != "-" {
			props = append(props, "file="+escapeProperty(f.File))
			if f.Line > 0 {
				props = append(props, "line="+strconv.Itoa(f.Line))
			}
		}
		title := fmt.Sprintf("%s %s: %s", strings.ToUpper(f.Severity), f.ID, firstNonEmpty(f.Title, f.ID))
		if f.Status == "accepted" {
			title = "accepted " + title
		}
		props = append(props, "title="+escapeProperty(title))
		msg := f.Message
		if f.Resource != "" {
			msg += "\nResource: " + f.Resource
		}
		if note := exceptions.Note(f); note != "" {
			msg += "\n" + note
		}
		if f.Remediation != "" {
			msg += "\nRemediation: " + f.Remediation
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", githubLevel(f), strings.Join(props, ","), escapeData(msg)); err != nil {
			return err
		}
	}
	for _, e := range r.Errors {
		if _, err := fmt.Fprintf(w, "::error file=%s,title=%s::%s\n", escapeProperty(e.Path), escapeProperty("stridegate: input error"), escapeData(e.Error())); err != nil {
			return err
		}
	}
	return nil
}

// escapeData escapes a workflow command's message: % CR LF.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command property value: % CR LF : ,.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
