package output_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stridegate/stridegate/bundle/output"
)

// validateSARIF checks a log against the committed SARIF 2.1.0 schema.
func validateSARIF(t *testing.T, log []byte) {
	t.Helper()
	require.NoError(t, sarifSchema(t).Validate(mustJSON(t, log)), "%s", log)
}

func mustJSON(t *testing.T, b []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	require.NoError(t, err)
	return v
}

func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	require.NoError(t, c.AddResource("sarif-schema-2.1.0.json", doc))
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	require.NoError(t, err)
	return schema
}

// TestSARIFSchemaRejects proves the validator is live: logs that break the schema fail.
func TestSARIFSchemaRejects(t *testing.T) {
	schema := sarifSchema(t)
	for name, log := range map[string]string{
		"driver without name":       `{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}`,
		"null suppression location": `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"suppressions":[{"kind":"external","location":null}]}]}]}`,
		"line zero":                 `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"region":{"startLine":0}}}]}]}]}`,
	} {
		assert.Error(t, schema.Validate(mustJSON(t, []byte(log))), name)
	}
}

type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID   string `json:"id"`
					Help struct {
						Text     string `json:"text"`
						Markdown string `json:"markdown"`
					} `json:"help"`
					Properties map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Locations []struct {
				PhysicalLocation *struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
				LogicalLocations []struct {
					FullyQualifiedName string `json:"fullyQualifiedName"`
				} `json:"logicalLocations"`
			} `json:"locations"`
			Suppressions []struct {
				Kind          string `json:"kind"`
				Status        string `json:"status"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
		} `json:"results"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
		} `json:"invocations"`
	} `json:"runs"`
}

func TestSARIF(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, output.SARIF{}.Write(&buf, fixture()))
	validateSARIF(t, buf.Bytes())

	var log sarifLog
	require.NoError(t, json.Unmarshal(buf.Bytes(), &log))
	assert.Equal(t, "2.1.0", log.Version)
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	assert.Equal(t, "stridegate", run.Tool.Driver.Name)
	require.Len(t, run.Tool.Driver.Rules, len(controls), "one rule per control")
	want := map[string]string{"T-2": "9.5", "SG-SC-1": "8.0", "S-2": "5.5", "SG-CTR-5": "3.0"}
	for i, r := range run.Tool.Driver.Rules {
		assert.Equal(t, controls[i].ID, r.ID)
		assert.Equal(t, want[r.ID], r.Properties["security-severity"], r.ID)
		assert.Contains(t, r.Help.Text, controls[i].Remediation)
		assert.Contains(t, r.Help.Markdown, "### Remediation")
	}

	require.Len(t, run.Results, 4)
	byRule := map[string]int{}
	for _, res := range run.Results {
		assert.Equal(t, res.RuleID, run.Tool.Driver.Rules[res.RuleIndex].ID, "ruleIndex points at the rule")
		byRule[res.RuleID]++
	}
	assert.Equal(t, map[string]int{"T-2": 1, "S-2": 2, "SG-SC-1": 1}, byRule)

	hcl := run.Results[0]
	assert.Equal(t, "error", hcl.Level)
	require.NotNil(t, hcl.Locations[0].PhysicalLocation)
	assert.Equal(t, "infra/versions.tf", hcl.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	assert.Equal(t, 1, hcl.Locations[0].PhysicalLocation.Region.StartLine)

	plan := run.Results[1]
	assert.Equal(t, "warning", plan.Level)
	assert.Equal(t, "plan/tfplan.json", plan.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	assert.Nil(t, plan.Locations[0].PhysicalLocation.Region, "no line in plan JSON")
	assert.Equal(t, "module.data.azurerm_postgresql_flexible_server.osmo", plan.Locations[0].LogicalLocations[0].FullyQualifiedName)
	require.Len(t, plan.Suppressions, 1, "accepted finding is suppressed")
	assert.Equal(t, "external", plan.Suppressions[0].Kind)
	assert.Equal(t, "accepted", plan.Suppressions[0].Status)
	assert.Contains(t, plan.Suppressions[0].Justification, "Single-purpose database")

	assert.Empty(t, run.Results[2].Suppressions, "an expired exception does not suppress")
	require.Len(t, run.Invocations, 1)
	assert.False(t, run.Invocations[0].ExecutionSuccessful, "input errors")
}

func TestSARIFEmptyAndWithoutCatalog(t *testing.T) {
	for name, rep := range map[string]output.Report{
		"empty":      {},
		"no catalog": func() output.Report { r := fixture(); r.Controls = nil; r.Errors = nil; return r }(),
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, output.SARIF{}.Write(&buf, rep))
			validateSARIF(t, buf.Bytes())
			var log sarifLog
			require.NoError(t, json.Unmarshal(buf.Bytes(), &log))
			assert.Len(t, log.Runs[0].Results, len(rep.Findings))
		})
	}
}

func TestSARIFAbsolutePathIsFileURI(t *testing.T) {
	r := fixture()
	abs, err := filepath.Abs(filepath.Join("x y", "main.tf"))
	require.NoError(t, err)
	r.Findings = r.Findings[:1]
	r.Findings[0].File = abs
	var buf bytes.Buffer
	require.NoError(t, output.SARIF{}.Write(&buf, r))
	validateSARIF(t, buf.Bytes())
	assert.Contains(t, buf.String(), `"uri": "file:///`)
	assert.Contains(t, buf.String(), "x%20y/main.tf")
}
