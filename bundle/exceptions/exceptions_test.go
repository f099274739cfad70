package exceptions_test

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/exceptions"
)

const sample = `stridegate_exceptions:
  - id: S-2
    resource: "*azurerm_postgresql_flexible_server.*"
    rationale: Single-purpose database serving only OSMO
    owner: platform-team
    expires: 2027-06-30
    ticket: SEC-1
  - id: I-1
    file: "infra/**.tf"
    rationale: Key fallback
    owner: data-team
    expires: "2026-01-31T12:00:00Z"
  - id: E-4
    resource: "*"
    rationale: never matches
    owner: ci-team
    expires: 2027-06-30
`

func TestParse(t *testing.T) {
	set, err := exceptions.Parse("x.yaml", []byte(sample))
	require.NoError(t, err)
	require.Len(t, set.Exceptions, 3)
	e := set.Exceptions[0]
	assert.Equal(t, "S-2", e.ID)
	assert.Equal(t, 2, e.Line)
	assert.Equal(t, "2027-06-30", e.Expires, "the date as written, not a YAML timestamp")
	assert.Equal(t, time.Date(2027, 7, 1, 0, 0, 0, 0, time.UTC), e.End, "valid through the expiry day")
	assert.Equal(t, time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC), set.Exceptions[1].End)
}

func TestParseErrors(t *testing.T) {
	entry := func(fields string) string {
		return "stridegate_exceptions:\n  - id: S-2\n    resource: x\n    rationale: r\n    owner: o\n    expires: 2027-06-30\n  -" + fields
	}
	for _, tc := range []struct {
		name, data, want string
		entry            int
	}{
		{"empty", "", "empty file", -1},
		{"not yaml", "stridegate_exceptions: [", "parse", -1},
		{"scalar", "hello", "want a mapping", -1},
		{"wrong key", "exceptions: []", `unknown top-level key "exceptions"`, -1},
		{"not a list", "stridegate_exceptions: {}", "is not a list", -1},
		{"bad date", entry(" id: T-3\n    resource: x\n    rationale: r\n    owner: o\n    expires: 2027-02-30\n"), `bad expiry date "2027-02-30"`, 1},
		{"words for a date", entry(" id: T-3\n    resource: x\n    rationale: r\n    owner: o\n    expires: next year\n"), "bad expiry date", 1},
		{"no owner", entry(" id: T-3\n    resource: x\n    rationale: r\n    expires: 2027-01-01\n"), `missing "owner"`, 1},
		{"no pattern", entry(" id: T-3\n    rationale: r\n    owner: o\n    expires: 2027-01-01\n"), `needs "resource" and/or "file"`, 1},
		{"unknown field", entry(" id: T-3\n    resource: x\n    rationale: r\n    owner: o\n    expires: 2027-01-01\n    expiry: 2027-01-01\n"), `unknown field "expiry"`, 1},
		{"bad glob", entry(" id: T-3\n    resource: \"[x\"\n    rationale: r\n    owner: o\n    expires: 2027-01-01\n"), "bad glob", 1},
		{"list value", entry(" id: [T-3]\n    resource: x\n    rationale: r\n    owner: o\n    expires: 2027-01-01\n"), "not a string", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := exceptions.Parse("ex.yaml", []byte(tc.data))
			require.Error(t, err)
			assert.Contains(t, err.Error(), "ex.yaml")
			assert.Contains(t, err.Error(), tc.want)
			var ee *exceptions.EntryError
			require.True(t, errors.As(err, &ee))
			assert.Equal(t, tc.entry, ee.Entry)
			if tc.entry >= 0 {
				assert.Contains(t, err.Error(), "entry 1")
				assert.Contains(t, err.Error(), "ex.yaml:7:", "names the entry's line")
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "nope.yaml")
	_, err := exceptions.Load(p)
	require.Error(t, err)
	assert.Contains(t, err.Error(), p)
}

func findings() []bundle.Finding {
	return []bundle.Finding{
		{ID: "S-2", Status: "open", Resource: "module.db.azurerm_postgresql_flexible_server.osmo", File: "plan.json"},
		{ID: "S-2", Status: "open", Resource: "azurerm_mssql_server.x", File: "plan.json"},
		{ID: "I-1", Status: "open", Resource: "azurerm_storage_account.data", File: "infra/modules/storage.tf"},
		{ID: "I-1", Status: "open", Resource: "azurerm_storage_account.data", File: "other/main.tf"},
		{ID: "T-2", Status: "open", Resource: "terraform (infra)", File: "infra/versions.tf"},
	}
}

func TestApply(t *testing.T) {
	set, err := exceptions.Parse("x.yaml", []byte(sample))
	require.NoError(t, err)
	for _, tc := range []struct {
		name     string
		now      time.Time
		statuses []string
		accepted int
		expired  int
	}{
		{"before every expiry", time.Date(2026, 1, 31, 11, 59, 0, 0, time.UTC), []string{"accepted", "open", "accepted", "open", "open"}, 2, 0},
		{"date-time passed", time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC), []string{"accepted", "open", "open", "open", "open"}, 1, 1},
		{"last day of a date still holds", time.Date(2027, 6, 30, 23, 59, 59, 0, time.UTC), []string{"accepted", "open", "open", "open", "open"}, 1, 1},
		{"after every expiry", time.Date(2027, 7, 1, 0, 0, 0, 0, time.UTC), []string{"open", "open", "open", "open", "open"}, 0, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := findings()
			sum := set.Apply(fs, tc.now)
			var got []string
			for _, f := range fs {
				got = append(got, f.Status)
			}
			assert.Equal(t, tc.statuses, got)
			assert.Equal(t, tc.accepted, sum.Accepted)
			assert.Equal(t, tc.expired, sum.Expired)
			require.Len(t, sum.Unused, 1)
			assert.Equal(t, "E-4", sum.Unused[0].ID)
			assert.Equal(t, "x.yaml:13", sum.Unused[0].Source)
			_, ok := exceptions.Of(fs[1])
			assert.False(t, ok, "an unmatched finding records nothing")
		})
	}
}

func TestApplyRecordsException(t *testing.T) {
	set, err := exceptions.Parse("x.yaml", []byte(sample))
	require.NoError(t, err)
	fs := findings()
	set.Apply(fs, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	a, ok := exceptions.Of(fs[0])
	require.True(t, ok)
	assert.Equal(t, exceptions.Applied{ID: "S-2", Resource: "*azurerm_postgresql_flexible_server.*", Rationale: "Single-purpose database serving only OSMO", Owner: "platform-team", Expires: "2027-06-30", Ticket: "SEC-1", Source: "x.yaml:2"}, a)
	assert.Contains(t, exceptions.Note(fs[0]), "accepted until 2027-06-30 by platform-team")
	expired, ok := exceptions.Of(fs[2])
	require.True(t, ok)
	assert.True(t, expired.Expired)
	assert.Equal(t, "open", fs[2].Status)
	assert.Contains(t, exceptions.Note(fs[2]), "expired 2026-01-31T12:00:00Z")

	b, err := json.Marshal(fs[0])
	require.NoError(t, err)
	assert.Contains(t, string(b), `"exception":{"id":"S-2"`)
}

func TestGlobsMatchAcrossSeparators(t *testing.T) {
	for _, tc := range []struct {
		pattern, resource string
		want              bool
	}{
		{"*", "", true},
		{"*", "Deployment/osmo/osmo-service", true},
		{"Deployment/osmo/*", "Deployment/osmo/osmo-service", true},
		{"*.main", "module.platform.module.aks.azurerm_kubernetes_cluster.main", true},
		{"azurerm_redis_*.{cache,osmo}", "azurerm_redis_enterprise_cluster.osmo", true},
		{"Deployment/osmo/?", "Deployment/osmo/osmo-service", false},
	} {
		set, err := exceptions.Parse("x.yaml", []byte("stridegate_exceptions:\n- {id: X, resource: '"+tc.pattern+"', rationale: r, owner: o, expires: 2030-01-01}\n"))
		require.NoError(t, err)
		assert.Equal(t, tc.want, set.Exceptions[0].Matches(bundle.Finding{ID: "X", Resource: tc.resource}), tc.pattern)
	}
}

func TestNilSet(t *testing.T) {
	var set *exceptions.Set
	sum := set.Apply(findings(), time.Now())
	assert.Empty(t, sum.Unused)
}
