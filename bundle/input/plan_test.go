package input

import (
	"bytes"
	"encoding/json"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const validRC = `{"address":"azurerm_x.a","mode":"managed","type":"azurerm_x","name":"a","change":{"actions":["create"],"after":{"n":1}}}`

// validatePlanCases are plans and what validatePlan says of them.
var validatePlanCases = []struct {
	name string
	plan string
	err  string // "" when valid
}{
	{"minimal", `{"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[]}`, ""},
	{"resource change", `{"format_version":"1.2","resource_changes":[` + validRC + `]}`, ""},
	{"nulls are absent values", `{"format_version":"1.2","terraform_version":null,"resource_changes":[{"address":null,"change":{"actions":null}}]}`, ""},
	{"other fields of their type", `{"format_version":"0.1","variables":{},"planned_values":{},"output_changes":{},"resource_drift":[],"complete":true,"timestamp":"2026-01-01T00:00:00Z"}`, ""},
	{"not an object", `["format_version"]`, "want a JSON object, got an array"},
	{"missing format version", `{"terraform_version":"1.9.0"}`, "format version is missing"},
	{"format version not a string", `{"format_version":1.2}`, "format_version: want a string, got a number"},
	{"malformed format version", `{"format_version":"one"}`, `invalid format version "one"`},
	{"unsupported format version", `{"format_version":"9.0","resource_changes":[]}`, `unsupported plan format version: "9.0.0" does not satisfy ">= 0.1, < 2.0"`},
	{"resource_changes not an array", `{"format_version":"1.2","resource_changes":"not a list"}`, "resource_changes: want an array, got a string"},
	{"terraform_version not a string", `{"format_version":"1.2","terraform_version":true}`, "terraform_version: want a string, got a boolean"},
	{"variables not an object", `{"format_version":"1.2","variables":[]}`, "variables: want an object, got an array"},
	{"resource change not an object", `{"format_version":"1.2","resource_changes":[1]}`, "resource_changes[0]: want an object, got a number"},
	{"address not a string", `{"format_version":"1.2","resource_changes":[{"address":1}]}`, "resource_changes[0]: address: want a string, got a number"},
	{"change not an object", `{"format_version":"1.2","resource_changes":[{"change":[]}]}`, "resource_changes[0]: change: want an object, got an array"},
	{"actions not an array", `{"format_version":"1.2","resource_changes":[` + validRC + `,{"change":{"actions":"create"}}]}`, "resource_changes[1]: change.actions: want an array, got a string"},
	{"action not a string", `{"format_version":"1.2","resource_changes":[{"change":{"actions":[1]}}]}`, "resource_changes[0]: change.actions[0]: want a string, got a number"},
}

func TestValidatePlan(t *testing.T) {
	for _, tt := range validatePlanCases {
		t.Run(tt.name, func(t *testing.T) {
			dec := json.NewDecoder(bytes.NewReader([]byte(tt.plan)))
			dec.UseNumber()
			var v any
			require.NoError(t, dec.Decode(&v))
			err := validatePlan(v)

			// terraform-json, which this check replaces, agrees on every case
			var p tfjson.Plan
			tfErr := json.Unmarshal([]byte(tt.plan), &p)
			if tfErr == nil {
				tfErr = p.Validate()
			}
			if tt.err == "" {
				require.NoError(t, err)
				assert.NoError(t, tfErr, "terraform-json")
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), "invalid Terraform plan: ")
			assert.Contains(t, err.Error(), tt.err)
			assert.Error(t, tfErr, "terraform-json")
		})
	}
}

func TestPlanFields(t *testing.T) {
	assert.Equal(t, "a string", planFields["format_version"])
	assert.Equal(t, "an array", planFields["resource_changes"])
	assert.Equal(t, "an object", planFields["variables"])
	assert.Equal(t, "a boolean", planFields["complete"])
}
