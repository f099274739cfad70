package output_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stridegate/stridegate/bundle/output"
)

func TestGitHub(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, output.GitHub{}.Write(&buf, fixture()))
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.Len(t, lines, 5, "one command per finding and per input error: %s", buf.String())
	for _, l := range lines {
		assert.Regexp(t, `^::(error|warning|notice) [^:]*::`, l, "workflow command syntax")
		assert.NotContains(t, l, "\r")
	}
	assert.Equal(t, "::error file=infra/versions.tf,line=1,title=CRITICAL T-2%3A Terraform state without a remote backend::"+
		`root module "infra" has no remote backend%0AResource: terraform (infra)%0ARemediation: Configure an azurerm backend.`, lines[0])

	// plan JSON: a file but no line; % escaped in data; accepted -> notice
	assert.True(t, strings.HasPrefix(lines[1], "::notice file=plan/tfplan.json,title=accepted MEDIUM S-2%3A PostgreSQL allows password authentication::"), lines[1])
	assert.Contains(t, lines[1], "100%25 shared, admin, login", "data escapes % but not , or :")
	assert.Contains(t, lines[1], "accepted until 2027-06-30 by platform-team")

	assert.True(t, strings.HasPrefix(lines[2], "::warning file=infra/db.tf,line=12,"), lines[2])
	assert.Contains(t, lines[2], "expired 2025-01-31")

	// properties escape , and : ; data escapes CR LF
	assert.Contains(t, lines[3], "::error file=.github/workflows/ci.yml,line=20,title=HIGH SG-SC-1%3A Action not pinned by SHA::")
	assert.Contains(t, lines[3], `uses "x/y@v4"%0D%0Anot pinned`)
	assert.Contains(t, lines[3], "Resource: .github/workflows/ci.yml/lint/Set up, then: lint", "data keeps , and :")

	assert.Equal(t, "::error file=broken.json,title=stridegate%3A input error::broken.json: unexpected end of JSON input", lines[4])
}

func TestGitHubPropertyEscaping(t *testing.T) {
	r := fixture()
	r.Errors = nil
	r.Findings = r.Findings[:1]
	r.Findings[0].File = "a,b:c%d.tf"
	var buf bytes.Buffer
	require.NoError(t, output.GitHub{}.Write(&buf, r))
	assert.Contains(t, buf.String(), "file=a%2Cb%3Ac%25d.tf,line=1,")
}
