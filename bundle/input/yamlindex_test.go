package input

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestYAMLLocators(t *testing.T) {
	tests := []struct {
		name string
		path string
		text string
		want map[string]int
	}{
		{
			name: "workflow jobs and steps by name, id and position",
			path: "repo/.github/workflows/ci.yml",
			text: "name: ci\non: push\npermissions: write-all\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Check out\n        uses: actions/checkout@v4\n      - id: setup\n        uses: actions/setup-go@v5\n      - run: make\n",
			want: map[string]int{
				".github/workflows/ci.yml":                 3,
				".github/workflows/ci.yml/build":           5,
				".github/workflows/ci.yml/build/Check out": 8,
				".github/workflows/ci.yml/build/setup":     10,
				".github/workflows/ci.yml/build/step 3":    12,
			},
		},
		{
			name: "composite action steps under runs",
			path: "repo/.github/actions/setup/action.yml",
			text: "name: setup\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v4\n    - name: Build\n      shell: bash\n      run: make\n",
			want: map[string]int{
				".github/actions/setup/action.yml":             1,
				".github/actions/setup/action.yml/runs/step 1": 5,
				".github/actions/setup/action.yml/runs/Build":  6,
			},
		},
		{
			name: "values keys and sequence items, in the second document of a stream",
			path: "helm/values.yaml",
			text: "a: 1\n---\n# comment\nservices:\n  api:\n    auth:\n      enabled: false\n    env:\n      - name: X\n",
			want: map[string]int{
				"values:services":                  4,
				"values:services.api.auth":         6,
				"values:services.api.auth.enabled": 7,
				"values:services.api.env.0":        9,
				"values:services.api.env.0.name":   9,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, loc, err := Parse(tt.path, []byte(tt.text), KindUnknown)
			require.NoError(t, err)
			require.NotEmpty(t, docs)
			require.NotNil(t, loc)
			for resource, line := range tt.want {
				assert.Equal(t, line, loc.Line(resource), resource)
			}
		})
	}
}
