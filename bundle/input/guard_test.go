package input

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHCLNesting(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	for _, tc := range []struct {
		note string
		src  string
		line int
	}{
		{"shallow", "a = " + deep(10), 0},
		{"at the limit", "a = " + deep(MaxHCLNesting), 0},
		{"past the limit", "a = 1\nb = " + deep(MaxHCLNesting+1), 2},
		{"brackets in a string do not count", `a = "` + strings.Repeat("[", 5000) + `"`, 0},
		{"brackets in comments do not count", "# " + strings.Repeat("{", 5000) + "\n// " + strings.Repeat("(", 5000) + "\n/* " + strings.Repeat("[", 5000) + " */\n", 0},
		{"brackets in a heredoc do not count", "a = <<EOF\n" + strings.Repeat("{", 5000) + "\nEOF\nb = 1\n", 0},
		{"closers in strings cannot hide depth", strings.Repeat(`["]",`, MaxHCLNesting+1), 1},
		{"interpolation counts", `a = "${` + deep(MaxHCLNesting) + `}"`, 1},
		{"escaped interpolation is literal", `a = "$${` + strings.Repeat("[", 5000) + `"`, 0},
		{"heredoc interpolation counts", "a = <<-EOT\n  ${" + deep(MaxHCLNesting) + "}\n  EOT\n", 2},
	} {
		t.Run(tc.note, func(t *testing.T) {
			assert.Equal(t, tc.line, hclNesting([]byte(tc.src), MaxHCLNesting))
		})
	}
}

func TestFileErrorIsOneLineAndJSONOmitsUnknownDocument(t *testing.T) {
	e := FileError{Path: "a.tf", Document: -1, Err: "malformed\n  HCL"}
	assert.Equal(t, "a.tf: malformed HCL", e.Error())
	b, err := e.MarshalJSON()
	assert.NoError(t, err)
	assert.JSONEq(t, `{"file":"a.tf","error":"malformed\n  HCL"}`, string(b))
	e = FileError{Path: "s.yaml", Document: 0, Line: 3, Err: "bad"}
	assert.Equal(t, "s.yaml: document 0 (line 3): bad", e.Error())
	b, err = e.MarshalJSON()
	assert.NoError(t, err)
	assert.JSONEq(t, `{"file":"s.yaml","document":0,"line":3,"error":"bad"}`, string(b))
}
