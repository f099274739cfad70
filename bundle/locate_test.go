package bundle

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stridegate/stridegate/bundle/input"
)

type lines map[string]int

func (l lines) Line(resource string) int { return l[resource] }

func TestLocateFallsBackToTheBlock(t *testing.T) {
	fs := []Finding{
		{ID: "A", Severity: "high", File: "main.tf", Resource: `azurerm_kubernetes_cluster_node_pool.gpu["a100"]`},
		{ID: "B", Severity: "high", File: "main.tf", Resource: "terraform (infra)"},
		{ID: "C", Severity: "high", File: "main.tf", Resource: "azurerm_key_vault.kv"},
		{ID: "D", Severity: "high", File: "main.tf", Resource: "unknown.thing"},
		{ID: "E", Severity: "high", File: "main.tf", Resource: "azurerm_key_vault.kv", Line: 99},
	}
	Locate(fs, map[string]input.Locator{"main.tf": lines{
		"azurerm_kubernetes_cluster_node_pool.gpu": 10,
		"terraform":            1,
		"azurerm_key_vault.kv": 20,
	}})
	got := map[string]int{}
	for _, f := range fs {
		got[f.ID] = f.Line
	}
	assert.Equal(t, map[string]int{"A": 10, "B": 1, "C": 20, "D": 0, "E": 99}, got)
}
