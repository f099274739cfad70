package output_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stridegate/stridegate/bundle/output"
)

// The JUnit shape CI reporters read (Jenkins, GitLab, dorny/test-reporter).
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			ClassName string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
			Error *struct {
				Message string `xml:"message,attr"`
			} `xml:"error"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestJUnit(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, output.JUnit{}.Write(&buf, fixture()))
	require.True(t, strings.HasPrefix(buf.String(), "<?xml"))
	var doc junitDoc
	require.NoError(t, xml.Unmarshal(buf.Bytes(), &doc), buf.String())

	require.Len(t, doc.Suites, len(controls)+1, "one suite per control, plus input errors")
	names := []string{}
	for _, s := range doc.Suites {
		names = append(names, s.Name)
		assert.Equal(t, len(s.Cases), s.Tests, s.Name)
	}
	assert.Equal(t, []string{
		"T-2: Terraform state without a remote backend",
		"S-2: PostgreSQL allows password authentication",
		"SG-SC-1: Action not pinned by SHA",
		"SG-CTR-5: Image not pinned by digest",
		"input errors",
	}, names)

	s2 := doc.Suites[1]
	require.Len(t, s2.Cases, 2, "one testcase per finding")
	assert.Equal(t, "S-2", s2.Cases[0].ClassName)
	require.NotNil(t, s2.Cases[0].Skipped, "accepted finding is skipped")
	assert.Contains(t, s2.Cases[0].Skipped.Message, "Single-purpose database")
	require.NotNil(t, s2.Cases[1].Failure, "expired exception: failure")
	assert.Equal(t, "medium", s2.Cases[1].Failure.Type)
	assert.Contains(t, s2.Cases[1].Failure.Text, "expired 2025-01-31")
	assert.Equal(t, 1, s2.Failures)
	assert.Equal(t, 1, s2.Skipped)

	clean := doc.Suites[3]
	require.Len(t, clean.Cases, 1)
	assert.Equal(t, "no findings", clean.Cases[0].Name)
	assert.Nil(t, clean.Cases[0].Failure)

	assert.Contains(t, doc.Suites[1].Cases[0].Name, "module.data.azurerm_postgresql_flexible_server.osmo (plan/tfplan.json)")
	assert.Contains(t, doc.Suites[2].Cases[0].Failure.Text, "not pinned", "control characters survive as XML text")
	require.NotNil(t, doc.Suites[4].Cases[0].Error)

	assert.Equal(t, 6, doc.Tests)
	assert.Equal(t, 3, doc.Failures)
	assert.Equal(t, 1, doc.Skipped)
	assert.Equal(t, 1, doc.Errors)
}

func TestJUnitEmpty(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, output.JUnit{}.Write(&buf, output.Report{}))
	var doc junitDoc
	require.NoError(t, xml.Unmarshal(buf.Bytes(), &doc), buf.String())
	assert.Zero(t, doc.Tests)
}
