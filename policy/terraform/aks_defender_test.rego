package stridegate.terraform.aks_defender_test

import data.stridegate.terraform.aks_defender as check
import data.stridegate.terraform.fixtures_test as fx

test_missing_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"microsoft_defender": []})])
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
	some v in vs
	v.details.id == "SG-CTR-1"
}

test_block_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster.main", {"microsoft_defender": [{}]}, {"microsoft_defender": [{"log_analytics_workspace_id": true}]})])
	count(vs) == 0
}

test_subscription_plan_is_clean if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_kubernetes_cluster.main", {}),
		fx.rc("module.security.azurerm_security_center_subscription_pricing.containers", {"resource_type": "Containers", "tier": "Standard"}),
	])
	count(vs) == 0
}

test_free_tier_plan_fires if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_kubernetes_cluster.main", {}),
		fx.rc("azurerm_security_center_subscription_pricing.containers", {"resource_type": "Containers", "tier": "Free"}),
	])
	count(vs) == 1
}

test_plan_in_other_document_does_not_count if {
	vs := check.violation with input as [
		fx.file("a/tfplan.json", fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {})])),
		fx.file("b/tfplan.json", fx.plan([fx.rc("azurerm_security_center_subscription_pricing.c", {"resource_type": "Containers", "tier": "Standard"})])),
	]
	count(vs) == 1
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster.main", {}, {"microsoft_defender": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_kubernetes_cluster.main")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.a.azurerm_kubernetes_cluster.main"
	vs := check.violation with input as fx.plan([fx.rc(addr, {})])
	fx.resources(vs) == {addr}
}

test_hcl_pricing_in_called_module_is_clean if {
	vs := check.violation with input as [
		fx.file("infra/main.tf", object.union(fx.res("azurerm_kubernetes_cluster", "main", {"name": "aks"}), {"module": {"security": [{"source": "./modules/security"}]}})),
		fx.file("infra/modules/security/main.tf", fx.res("azurerm_security_center_subscription_pricing", "c", {"resource_type": "Containers", "tier": "Standard"})),
	]
	count(vs) == 0
}

test_hcl_missing_fires if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster", "main", {"name": "aks"})
	count(vs) == 1
}

test_hcl_dynamic_block_is_clean if {
	# a dynamic block whose for_each cannot be resolved: the block may exist
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster", "main", {"dynamic": {"microsoft_defender": [{
		"for_each": "${var.aks_config.should_enable_microsoft_defender ? [1] : []}",
		"content": [{"log_analytics_workspace_id": "${var.law.id}"}],
	}]}})
	count(vs) == 0
}

test_hcl_missing_fires if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster", "main", {"name": "aks"})
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
}

# the real platform's form: a module switches Defender with a dynamic block whose for_each
# follows an object variable set by the root module
_switched(root_tfvars) := [
	fx.file("infra/variables.tf", {"variable": {"defender": [{"type": "bool", "default": false}]}}),
	fx.file("infra/terraform.tfvars", root_tfvars),
	fx.file("infra/main.tf", {"module": {"sil": [{"source": "./modules/sil", "aks_config": {"should_enable_microsoft_defender": "${var.defender}"}}]}}),
	fx.file("infra/modules/sil/variables.tf", {"variable": {"aks_config": [{"type": "${object({should_enable_microsoft_defender = optional(bool, false)})}"}]}}),
	fx.file("infra/modules/sil/aks.tf", fx.res("azurerm_kubernetes_cluster", "main", {"dynamic": {"microsoft_defender": [{
		"for_each": "${var.aks_config.should_enable_microsoft_defender ? [1] : []}",
		"content": [{"log_analytics_workspace_id": "${var.log_analytics_workspace.id}"}],
	}]}})),
]

test_hcl_dynamic_block_switched_off_fires if {
	vs := check.violation with input as _switched({})
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
}

test_hcl_dynamic_block_switched_on_is_clean if {
	vs := check.violation with input as _switched({"defender": true})
	count(vs) == 0
}
