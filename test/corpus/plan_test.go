package corpus

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPlanModuleTrees checks planned_values and prior_state against resource_changes:
// every resource with an after (before) value appears once, in the module its address
// names, with that value.
func TestPlanModuleTrees(t *testing.T) {
	var plan struct {
		ResourceChanges []struct {
			Address       string `json:"address"`
			ModuleAddress string `json:"module_address"`
			Change        struct {
				Before, After any
			} `json:"change"`
		} `json:"resource_changes"`
		PlannedValues struct {
			RootModule module `json:"root_module"`
		} `json:"planned_values"`
		PriorState struct {
			Values struct {
				RootModule module `json:"root_module"`
			} `json:"values"`
		} `json:"prior_state"`
	}
	require.NoError(t, json.Unmarshal(Plan(500, 1), &plan))
	after, before := map[string]any{}, map[string]any{}
	for _, rc := range plan.ResourceChanges {
		if rc.Change.After != nil {
			after[rc.ModuleAddress+" "+rc.Address] = rc.Change.After
		}
		if rc.Change.Before != nil {
			before[rc.ModuleAddress+" "+rc.Address] = rc.Change.Before
		}
	}
	require.NotEmpty(t, after)
	require.NotEmpty(t, before)
	assert.Equal(t, after, plan.PlannedValues.RootModule.flatten(""))
	assert.Equal(t, before, plan.PriorState.Values.RootModule.flatten(""))
	for _, region := range plan.PlannedValues.RootModule.ChildModules {
		assert.NotContains(t, region.Address, ".module.stack", "the root calls regions, regions call stacks")
		require.NotEmpty(t, region.ChildModules)
		for _, stack := range region.ChildModules {
			assert.Contains(t, stack.Address, region.Address+".module.stack[")
		}
	}
}

type module struct {
	Address   string `json:"address"`
	Resources []struct {
		Address string `json:"address"`
		Values  any    `json:"values"`
	} `json:"resources"`
	ChildModules []module `json:"child_modules"`
}

func (m module) flatten(addr string) map[string]any {
	out := map[string]any{}
	for _, r := range m.Resources {
		out[addr+" "+r.Address] = r.Values
	}
	for _, c := range m.ChildModules {
		for k, v := range c.flatten(c.Address) {
			out[k] = v
		}
	}
	return out
}
