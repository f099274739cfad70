package output

import (
	"strings"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/exceptions"
)

// ANSI SGR codes, all the same length so that tabwriter keeps columns aligned.
var colors = map[string]string{
	"critical": "\x1b[91m", // bright red
	"high":     "\x1b[31m", // red
	"medium":   "\x1b[33m", // yellow
	"low":      "\x1b[36m", // cyan
	"severity": "\x1b[01m", // bold header
}

const (
	colorOther = "\x1b[39m"
	colorReset = "\x1b[0m"
)

// paint upper-cases a severity (or the SEVERITY header) and colours it when color is set.
func paint(color bool, severity string) string {
	text := strings.ToUpper(severity)
	if !color {
		return text
	}
	code, ok := colors[strings.ToLower(severity)]
	if !ok {
		code = colorOther
	}
	return code + text + colorReset
}

// status is a finding's status with a note when its exception expired.
func status(f bundle.Finding) string {
	if a, ok := exceptions.Of(f); ok && a.Expired {
		return f.Status + " (exception expired " + a.Expires + ")"
	}
	return f.Status
}
