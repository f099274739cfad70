package stridegate.terraform.aks_network_policy_test

import data.stridegate.terraform.aks_network_policy as check
import data.stridegate.terraform.fixtures_test as fx

test_absent_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"network_profile": [{"network_plugin": "azure"}]})])
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
	some v in vs
	v.details.id == "SG-NET-4"
}

test_no_profile_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {})])
	count(vs) == 1
}

test_other_value_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"network_profile": [{"network_policy": "none"}]})])
	count(vs) == 1
}

test_cilium_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"network_profile": [{"network_policy": "cilium", "network_data_plane": "cilium"}]})])
	count(vs) == 0
}

test_parameter_narrows if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"network_profile": [{"network_policy": "calico"}]})])
		with data.lib.parameters as {"allowed_network_policies": ["cilium"]}
	count(vs) == 1
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster.main", {"network_profile": [{}]}, {"network_profile": [{"network_policy": true}]})])
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

test_hcl_absent_fires if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster", "main", {"network_profile": [{"network_plugin": "azure"}]})
	count(vs) == 1
}

test_hcl_unresolvable_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster", "main", {"network_profile": [{"network_policy": "${var.np}"}]})
	count(vs) == 0
}

test_plan_computed_policy_not_configured_fires if {
	vs := check.violation with input as fx.plan_config(
		[fx.rc_unknown("azurerm_kubernetes_cluster.main", {"network_profile": [{"network_plugin": "azure"}]}, {"network_profile": [{"network_policy": true}]})],
		{"resources": [fx.cfg("azurerm_kubernetes_cluster", "main", {"network_profile": [{"network_plugin": {"constant_value": "azure"}}]})]},
	)
	count(vs) == 1
}
