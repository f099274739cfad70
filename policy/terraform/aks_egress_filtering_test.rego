package stridegate.terraform.aks_egress_filtering_test

import data.stridegate.terraform.aks_egress_filtering as check
import data.stridegate.terraform.fixtures_test as fx

_aks(ot) := fx.rc("azurerm_kubernetes_cluster.main", {"network_profile": [{"network_plugin": "azure", "outbound_type": ot}]})

test_nat_without_firewall_fires if {
	vs := check.violation with input as fx.plan([_aks("userAssignedNATGateway"), fx.rc("azurerm_nat_gateway.main", {"name": "ng"})])
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
	some v in vs
	v.details.id == "D-3"
	v.details.outbound_type == "userAssignedNATGateway"
}

test_default_load_balancer_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {})])
	count(vs) == 1
}

test_firewall_in_other_module_of_plan_is_clean if {
	vs := check.violation with input as fx.plan([_aks("userAssignedNATGateway"), fx.rc("module.hub.azurerm_firewall.hub", {"sku_tier": "Standard"})])
	count(vs) == 0
}

test_firewall_in_other_plan_does_not_count if {
	vs := check.violation with input as [
		fx.file("spoke/tfplan.json", fx.plan([_aks("managedNATGateway")])),
		fx.file("hub/tfplan.json", fx.plan([fx.rc("azurerm_firewall.hub", {})])),
	]
	count(vs) == 1
}

test_outbound_deny_rule_is_clean if {
	vs := check.violation with input as fx.plan([_aks("userAssignedNATGateway"), fx.rc("azurerm_network_security_rule.deny_internet", {"direction": "Outbound", "access": "Deny", "destination_address_prefix": "Internet"})])
	count(vs) == 0
}

test_inline_outbound_deny_is_clean if {
	vs := check.violation with input as fx.plan([_aks("userAssignedNATGateway"), fx.rc("azurerm_network_security_group.aks", {"security_rule": [{"direction": "Outbound", "access": "Deny", "destination_address_prefix": "*"}]})])
	count(vs) == 0
}

test_inbound_deny_does_not_count if {
	vs := check.violation with input as fx.plan([_aks("userAssignedNATGateway"), fx.rc("azurerm_network_security_rule.r", {"direction": "Inbound", "access": "Deny", "destination_address_prefix": "*"})])
	count(vs) == 1
}

test_user_defined_routing_is_clean if {
	vs := check.violation with input as fx.plan([_aks("userDefinedRouting")])
	count(vs) == 0
}

test_unknown_outbound_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster.main", {"network_profile": [{}]}, {"network_profile": [{"outbound_type": true}]})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_kubernetes_cluster.main")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.platform.module.aks.azurerm_kubernetes_cluster.main"
	vs := check.violation with input as fx.plan([fx.rc(addr, {})])
	fx.resources(vs) == {addr}
}

test_hcl_firewall_in_called_module_is_clean if {
	vs := check.violation with input as [
		fx.file("infra/main.tf", object.union(fx.res("azurerm_kubernetes_cluster", "main", {"network_profile": [{"outbound_type": "userAssignedNATGateway"}]}), {"module": {"hub": [{"source": "./modules/hub"}]}})),
		fx.file("infra/modules/hub/main.tf", fx.res("azurerm_firewall", "hub", {"sku_tier": "Standard"})),
	]
	count(vs) == 0
}

test_hcl_without_firewall_fires if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster", "main", {"network_profile": [{"outbound_type": "userAssignedNATGateway"}]})
	count(vs) == 1
}

test_hcl_unresolvable_rule_keeps_silent if {
	vs := check.violation with input as fx.hcl_files([
		["azurerm_kubernetes_cluster", "main", {"network_profile": [{"outbound_type": "userAssignedNATGateway"}]}],
		["azurerm_network_security_rule", "r", {"direction": "${var.dir}", "access": "Deny"}],
	])
	count(vs) == 0
}

test_hcl_unreadable_inline_rule_keeps_silent if {
	aks := ["azurerm_kubernetes_cluster", "main", {"network_profile": [{"outbound_type": "userAssignedNATGateway"}]}]
	dynamic := check.violation with input as fx.hcl_files([aks, ["azurerm_network_security_group", "aks", {"dynamic": {"security_rule": [{
		"for_each": "${var.rules}",
		"content": [{"direction": "${security_rule.value.direction}"}],
	}]}}]])
	count(dynamic) == 0
	unresolved := check.violation with input as fx.hcl_files([aks, ["azurerm_network_security_group", "aks", {"security_rule": [{"direction": "Outbound", "access": "${var.access}"}]}]])
	count(unresolved) == 0
	inbound := check.violation with input as fx.hcl_files([aks, ["azurerm_network_security_group", "aks", {"security_rule": [{"direction": "Inbound", "access": "Deny", "destination_address_prefix": "*"}]}]])
	count(inbound) == 1
}

# a rule whose known direction or access rules it out (inbound, allow) cannot be the egress
# filter, whatever its other, unknown, field
test_hcl_partly_unknown_rule_that_cannot_deny_egress_fires if {
	aks := ["azurerm_kubernetes_cluster", "main", {"network_profile": [{"outbound_type": "userAssignedNATGateway"}]}]
	inline := check.violation with input as fx.hcl_files([aks, ["azurerm_network_security_group", "aks", {"security_rule": [{"direction": "Inbound", "access": "${var.access}", "destination_address_prefix": "*"}]}]])
	count(inline) == 1
	standalone := check.violation with input as fx.hcl_files([aks, ["azurerm_network_security_rule", "r", {"direction": "Inbound", "access": "${var.access}", "destination_address_prefix": "*"}]])
	count(standalone) == 1
	allow := check.violation with input as fx.hcl_files([aks, ["azurerm_network_security_rule", "r", {"direction": "${var.dir}", "access": "Allow", "destination_address_prefix": "*"}]])
	count(allow) == 1
}

test_plan_computed_rules_not_configured_do_not_filter if {
	nsg := fx.rc_unknown("azurerm_network_security_group.aks", {}, {"security_rule": true})
	vs := check.violation with input as fx.plan_config(
		[_aks("userAssignedNATGateway"), nsg],
		{"resources": [fx.cfg("azurerm_network_security_group", "aks", {})]},
	)
	count(vs) == 1
	configured := check.violation with input as fx.plan_config(
		[_aks("userAssignedNATGateway"), nsg],
		{"resources": [fx.cfg("azurerm_network_security_group", "aks", {"security_rule": fx.refs(["var.rules"])})]},
	)
	count(configured) == 0
}

test_plan_computed_profile_not_configured_fires if {
	vs := check.violation with input as fx.plan_config(
		[fx.rc_unknown("azurerm_kubernetes_cluster.sil", {}, {"network_profile": true})],
		{"resources": [fx.cfg("azurerm_kubernetes_cluster", "sil", {})]},
	)
	some v in vs
	v.details.outbound_type == "loadBalancer"
}
