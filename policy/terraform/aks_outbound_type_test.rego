package stridegate.terraform.aks_outbound_type_test

import data.stridegate.terraform.aks_outbound_type as check
import data.stridegate.terraform.fixtures_test as fx

test_load_balancer_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"network_profile": [{"outbound_type": "loadBalancer"}]})])
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
	some v in vs
	v.details.id == "SG-NET-7"
}

test_absent_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"network_profile": [{"network_plugin": "azure"}]})])
	count(vs) == 1
}

test_nat_gateway_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"network_profile": [{"outbound_type": "userAssignedNATGateway"}]})])
	count(vs) == 0
}

test_parameter_allows_load_balancer if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {})])
		with data.lib.parameters as {"allowed_outbound_types": ["loadBalancer"]}
	count(vs) == 0
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster.main", {"network_profile": [{}]}, {"network_profile": [{"outbound_type": true}]})])
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

test_hcl_variable_fires if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_kubernetes_cluster", "main", {"network_profile": [{"outbound_type": "${var.ot}"}]}),
		[fx.file("infra/terraform.tfvars", {"ot": "loadBalancer"}), fx.file("infra/variables.tf", {"variable": {"ot": [{"type": "string"}]}})],
	)
	count(vs) == 1
}

test_plan_computed_profile_not_configured_fires if {
	vs := check.violation with input as fx.plan_config(
		[fx.rc_unknown("azurerm_kubernetes_cluster.main", {}, {"network_profile": true})],
		{"resources": [fx.cfg("azurerm_kubernetes_cluster", "main", {})]},
	)
	count(vs) == 1
}
