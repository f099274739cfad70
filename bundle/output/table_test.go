package output_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stridegate/stridegate/bundle/output"
)

func TestTable(t *testing.T) {
	for _, tc := range []struct {
		name  string
		color bool
	}{{"plain", false}, {"color", true}} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, output.Table{Color: tc.color}.Write(&buf, fixture()))
			out := buf.String()
			assert.Equal(t, tc.color, strings.Contains(out, "\x1b["), "ANSI colour only when asked")
			assert.Contains(t, out, "accepted")
			assert.Contains(t, out, "open (exception expired 2025-01-31)")
			assert.Contains(t, out, "4 finding(s) (1 critical, 1 high, 2 medium), 1 accepted from 4 control(s) over 4 file(s), 5 document(s); 1 input error(s)")
			lines := strings.Split(stripANSI(out), "\n")
			col := strings.Index(lines[0], "STATUS")
			for _, l := range lines[1:5] {
				assert.Regexp(t, `^ (open|accepted)`, l[col-1:], "columns stay aligned: %q", l)
			}
		})
	}
}

func stripANSI(s string) string {
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], 'm')
		s = s[:i] + s[i+j+1:]
	}
}

func TestSummaryLine(t *testing.T) {
	assert.Equal(t, "0 finding(s) from 0 control(s) over 0 file(s), 0 document(s)", output.SummaryLine(output.NewSummary(nil, 0, 0, 0, nil, 0)))
}

func TestJSONCarriesExceptions(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, output.JSON{}.Write(&buf, fixture()))
	var doc struct {
		Findings []struct {
			Status  string `json:"status"`
			Details struct {
				Exception *struct {
					Rationale string `json:"rationale"`
					Owner     string `json:"owner"`
					Expires   string `json:"expires"`
					Expired   bool   `json:"expired"`
				} `json:"exception"`
			} `json:"details"`
		} `json:"findings"`
		Summary struct {
			Accepted   int `json:"accepted"`
			Exceptions struct {
				Accepted int   `json:"accepted"`
				Expired  int   `json:"expired"`
				Unused   []any `json:"unused"`
			} `json:"exceptions"`
		} `json:"summary"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc), buf.String())
	assert.Equal(t, "accepted", doc.Findings[1].Status)
	assert.Equal(t, "platform-team", doc.Findings[1].Details.Exception.Owner)
	assert.True(t, doc.Findings[2].Details.Exception.Expired)
	assert.Equal(t, 1, doc.Summary.Accepted)
	assert.Equal(t, 1, doc.Summary.Exceptions.Accepted)
	assert.Equal(t, 1, doc.Summary.Exceptions.Expired)
	assert.NotNil(t, doc.Summary.Exceptions.Unused)
}
