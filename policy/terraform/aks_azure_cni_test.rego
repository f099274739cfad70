package stridegate.terraform.aks_azure_cni_test

import data.stridegate.terraform.aks_azure_cni as check
import data.stridegate.terraform.fixtures_test as fx

test_kubenet_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"network_profile": [{"network_plugin": "kubenet"}]})])
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
	some v in vs
	v.details.id == "SG-NET-3"
}

test_no_profile_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"name": "aks"})])
	count(vs) == 1
}

test_azure_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"network_profile": [{"network_plugin": "azure", "network_plugin_mode": "overlay"}]})])
	count(vs) == 0
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster.main", {}, {"network_profile": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_kubernetes_cluster.main")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.a.module.b.azurerm_kubernetes_cluster.main"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"network_profile": [{"network_plugin": "kubenet"}]})])
	fx.resources(vs) == {addr}
}

test_hcl_variable_fires if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_kubernetes_cluster", "main", {"network_profile": [{"network_plugin": "${var.plugin}"}]}),
		[fx.file("infra/variables.tf", {"variable": {"plugin": [{"default": "kubenet"}]}})],
	)
	count(vs) == 1
}

test_hcl_unresolvable_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster", "main", {"network_profile": [{"network_plugin": "${var.plugin}"}]})
	count(vs) == 0
}

test_plan_unknown_profile_not_configured_fires if {
	vs := check.violation with input as fx.plan_config(
		[fx.rc_unknown("azurerm_kubernetes_cluster.sil", {"name": "sil"}, {"network_profile": true})],
		{"resources": [fx.cfg("azurerm_kubernetes_cluster", "sil", {"name": {"constant_value": "sil"}})]},
	)
	fx.resources(vs) == {"azurerm_kubernetes_cluster.sil"}
}

test_plan_unknown_profile_configured_is_clean if {
	vs := check.violation with input as fx.plan_config(
		[fx.rc_unknown("azurerm_kubernetes_cluster.sil", {"name": "sil"}, {"network_profile": true})],
		{"resources": [fx.cfg("azurerm_kubernetes_cluster", "sil", {"network_profile": [{"network_plugin": {"references": ["var.plugin"]}}]})]},
	)
	count(vs) == 0
}
