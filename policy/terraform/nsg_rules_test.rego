package stridegate.terraform.nsg_rules_test

import data.stridegate.terraform.fixtures_test as fx
import data.stridegate.terraform.nsg_rules as check

_nsg_ref(name, attr) := fx.refs([sprintf("azurerm_network_security_group.%s.%s", [name, attr]), sprintf("azurerm_network_security_group.%s", [name])])

test_plan_empty_nsg_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_network_security_group.main", {"name": "nsg", "security_rule": []})])
	fx.resources(vs) == {"azurerm_network_security_group.main"}
	some v in vs
	v.details.id == "D-2"
}

test_plan_inline_rule_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_network_security_group.main", {"security_rule": [{"name": "deny-internet-out", "direction": "Outbound", "access": "Deny"}]})])
	count(vs) == 0
}

test_plan_unknown_inline_rules_not_configured_fires if {
	vs := check.violation with input as fx.plan_config(
		[fx.rc_unknown("azurerm_network_security_group.main", {"name": "nsg"}, {"security_rule": true})],
		{"resources": [fx.cfg("azurerm_network_security_group", "main", {"name": {"constant_value": "nsg"}})]},
	)
	count(vs) == 1
}

test_plan_unknown_inline_rules_configured_is_clean if {
	vs := check.violation with input as fx.plan_config(
		[fx.rc_unknown("azurerm_network_security_group.main", {"name": "nsg"}, {"security_rule": true})],
		{"resources": [fx.cfg("azurerm_network_security_group", "main", {"security_rule": {"references": ["var.rules"]}})]},
	)
	count(vs) == 0
}

test_plan_unknown_without_configuration_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_network_security_group.main", {}, {"security_rule": true})])
	count(vs) == 0
}

test_plan_standalone_rule_by_reference_is_clean if {
	vs := check.violation with input as fx.plan_config(
		[
			fx.rc("azurerm_network_security_group.main", {"security_rule": []}),
			fx.rc_unknown("azurerm_network_security_rule.deny", {"access": "Deny"}, {"network_security_group_name": true}),
		],
		{"resources": [fx.cfg("azurerm_network_security_rule", "deny", {"network_security_group_name": _nsg_ref("main", "name")})]},
	)
	count(vs) == 0
}

test_plan_standalone_rule_by_name_is_clean if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_network_security_group.main", {"name": "nsg-aks", "security_rule": []}),
		fx.rc("azurerm_network_security_rule.deny", {"network_security_group_name": "nsg-aks"}),
	])
	count(vs) == 0
}

test_plan_rule_for_other_nsg_fires if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_network_security_group.main", {"name": "nsg-aks", "security_rule": []}),
		fx.rc("azurerm_network_security_rule.deny", {"network_security_group_name": "nsg-other"}),
	])
	count(vs) == 1
}

test_plan_shared_by_every_subnet_fires if {
	vs := check.violation with input as fx.plan_config(
		[
			fx.rc("module.net.azurerm_network_security_group.main", {"security_rule": [{"name": "r"}]}),
			fx.rc_unknown("module.net.azurerm_subnet_network_security_group_association.aks", {}, {"network_security_group_id": true}),
			fx.rc_unknown("module.net.azurerm_subnet_network_security_group_association.pe", {}, {"network_security_group_id": true}),
		],
		{"module_calls": {"net": {"source": "./net", "module": {"resources": [
			fx.cfg("azurerm_subnet_network_security_group_association", "aks", {"network_security_group_id": _nsg_ref("main", "id")}),
			fx.cfg("azurerm_subnet_network_security_group_association", "pe", {"network_security_group_id": _nsg_ref("main", "id")}),
		]}}}},
	)
	fx.resources(vs) == {"module.net.azurerm_network_security_group.main"}
	some v in vs
	v.details.subnets == 2
}

test_plan_separate_nsgs_are_clean if {
	vs := check.violation with input as fx.plan_config(
		[
			fx.rc("azurerm_network_security_group.aks", {"security_rule": [{"name": "r"}]}),
			fx.rc("azurerm_network_security_group.pe", {"security_rule": [{"name": "r"}]}),
			fx.rc("azurerm_subnet_network_security_group_association.aks", {}),
			fx.rc("azurerm_subnet_network_security_group_association.pe", {}),
		],
		{"resources": [
			fx.cfg("azurerm_subnet_network_security_group_association", "aks", {"network_security_group_id": _nsg_ref("aks", "id")}),
			fx.cfg("azurerm_subnet_network_security_group_association", "pe", {"network_security_group_id": _nsg_ref("pe", "id")}),
		]},
	)
	count(vs) == 0
}

test_plan_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_network_security_group.main")])
	count(vs) == 0
}

test_hcl_empty_nsg_fires if {
	vs := check.violation with input as fx.hcl("azurerm_network_security_group", "main", {"name": "nsg"})
	count(vs) == 1
}

test_hcl_standalone_rule_is_clean if {
	vs := check.violation with input as fx.hcl_files([
		["azurerm_network_security_group", "main", {"name": "nsg"}],
		["azurerm_network_security_rule", "deny", {"network_security_group_name": "${azurerm_network_security_group.main.name}"}],
	])
	count(vs) == 0
}

test_hcl_rule_with_unresolvable_nsg_keeps_silent if {
	vs := check.violation with input as fx.hcl_files([
		["azurerm_network_security_group", "main", {"name": "nsg"}],
		["azurerm_network_security_rule", "deny", {"network_security_group_name": "${var.nsg_name}"}],
	])
	count(vs) == 0
}

test_hcl_shared_nsg_fires if {
	vs := check.violation with input as fx.hcl_files([
		["azurerm_network_security_group", "main", {"name": "nsg", "security_rule": [{"name": "r"}]}],
		["azurerm_subnet_network_security_group_association", "a", {"network_security_group_id": "${azurerm_network_security_group.main.id}"}],
		["azurerm_subnet_network_security_group_association", "b", {"network_security_group_id": "${azurerm_network_security_group.main.id}"}],
	])
	fx.resources(vs) == {"azurerm_network_security_group.main"}
}
