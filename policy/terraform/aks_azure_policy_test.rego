package stridegate.terraform.aks_azure_policy_test

import data.stridegate.terraform.aks_azure_policy as check
import data.stridegate.terraform.fixtures_test as fx

test_absent_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {})])
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
	some v in vs
	v.details.id == "SG-CTR-2"
}

test_false_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"azure_policy_enabled": false})])
	count(vs) == 1
}

test_true_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"azure_policy_enabled": true})])
	count(vs) == 0
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster.main", {}, {"azure_policy_enabled": true})])
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

test_hcl_variable_is_clean if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_kubernetes_cluster", "main", {"azure_policy_enabled": "${var.policy}"}),
		[fx.file("infra/variables.tf", {"variable": {"policy": [{"default": true}]}})],
	)
	count(vs) == 0
}
