package input

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseYAMLStreams(t *testing.T) {
	ns := func(name, eol string) string {
		return "apiVersion: v1" + eol + "kind: Namespace" + eol + "metadata:" + eol + "  name: " + name + eol
	}
	tests := []struct {
		name  string
		text  string
		names []string
		lines []int
		err   string
	}{
		{"LF", ns("a", "\n") + "---\n" + ns("b", "\n"), []string{"a", "b"}, []int{1, 6}, ""},
		{"CRLF", ns("a", "\r\n") + "---\r\n" + ns("b", "\r\n"), []string{"a", "b"}, []int{1, 6}, ""},
		{"one stray CRLF line", ns("a", "\r\n") + "---\n" + ns("b", "\n") + "---\n" + ns("c", "\n"), []string{"a", "b", "c"}, []int{1, 6, 11}, ""},
		{"separator with blanks and a comment", ns("a", "\n") + "---  \n" + ns("b", "\n") + "--- # Source: x.yaml\n" + ns("c", "\n"), []string{"a", "b", "c"}, []int{1, 6, 11}, ""},
		{"leading and trailing separators", "---\n" + ns("a", "\n") + "---\n", []string{"a"}, []int{1}, ""},
		{"separators in a row", ns("a", "\n") + "---\n---\n---\n" + ns("b", "\n") + "---\n---\n", []string{"a", "b"}, []int{1, 8}, ""},
		{"CR-only separators in a row", ns("a", "\r\n") + "---\r\n---\r\n", []string{"a"}, []int{1}, ""},
		{"content on the marker line", ns("a", "\n") + "--- {apiVersion: v1, kind: Namespace, metadata: {name: b}}\n", nil, nil, "line 5 with content after its `---` marker"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs, _, err := Parse("in.yaml", []byte(tc.text), KindUnknown)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			var names []string
			var lines []int
			for _, d := range docs {
				names = append(names, d.Contents.(map[string]any)["metadata"].(map[string]any)["name"].(string))
				lines = append(lines, d.Line)
			}
			assert.Equal(t, tc.names, names)
			assert.Equal(t, tc.lines, lines)
		})
	}
}
