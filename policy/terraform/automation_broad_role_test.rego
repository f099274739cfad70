package stridegate.terraform.automation_broad_role_test

import data.stridegate.terraform.automation_broad_role as check
import data.stridegate.terraform.fixtures_test as fx

_aa_ref := ["azurerm_automation_account.maint.identity[0].principal_id", "azurerm_automation_account.maint.identity[0]", "azurerm_automation_account.maint.identity", "azurerm_automation_account.maint"]

_plan(module, role, principal_refs) := object.union(
	fx.plan([
		fx.rc(_addr(module, "azurerm_automation_account.maint"), {"identity": [{"type": "SystemAssigned"}]}),
		fx.rc(_addr(module, "azurerm_role_assignment.maint"), {"role_definition_name": role}),
	]),
	{"configuration": {"root_module": _wrap(module, {"resources": [
		fx.cfg("azurerm_automation_account", "maint", {"identity": [{"type": {"constant_value": "SystemAssigned"}}]}),
		fx.cfg("azurerm_role_assignment", "maint", {"principal_id": fx.refs(principal_refs), "role_definition_name": {"constant_value": role}, "scope": fx.refs(["azurerm_resource_group.main.id", "azurerm_resource_group.main"])}),
	]})}},
)

_addr("", a) := a

_addr(m, a) := sprintf("%s.%s", [m, a]) if m != ""

_wrap("", body) := body

_wrap("module.platform", body) := {"module_calls": {"platform": {"source": "./modules/platform", "module": body}}}

test_plan_contributor_via_reference_fires if {
	vs := check.violation with input as _plan("", "Contributor", _aa_ref)
	fx.resources(vs) == {"azurerm_role_assignment.maint"}
	some v in vs
	v.details.id == "E-1"
	v.details.principal == "azurerm_automation_account.maint"
}

test_plan_nested_module_fires if {
	vs := check.violation with input as _plan("module.platform", "Owner", _aa_ref)
	fx.resources(vs) == {"module.platform.azurerm_role_assignment.maint"}
}

test_plan_custom_role_is_clean if {
	vs := check.violation with input as _plan("", "Automation Maintenance Operator", _aa_ref)
	count(vs) == 0
}

test_plan_other_principal_is_clean if {
	vs := check.violation with input as _plan("", "Contributor", ["var.operator_object_id"])
	count(vs) == 0
}

test_plan_without_configuration_is_unknown if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_automation_account.maint", {}),
		fx.rc_unknown("azurerm_role_assignment.maint", {"role_definition_name": "Contributor"}, {"principal_id": true}),
	])
	count(vs) == 0
}

test_plan_known_principal_id_fires if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_automation_account.maint", {"identity": [{"type": "SystemAssigned", "principal_id": "11111111-2222-3333-4444-555555555555"}]}),
		fx.rc("azurerm_role_assignment.maint", {"role_definition_id": "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-491e-9019-cb50f8f0acb4", "principal_id": "11111111-2222-3333-4444-555555555555"}),
	])
	count(vs) == 1
}

test_plan_deleted_assignment_is_skipped if {
	p := _plan("", "Contributor", _aa_ref)
	vs := check.violation with input as object.union(p, {"resource_changes": [p.resource_changes[0], fx.deleted("azurerm_role_assignment.maint")]})
	count(vs) == 0
}

test_hcl_reference_fires if {
	vs := check.violation with input as fx.hcl_files([
		["azurerm_automation_account", "maint", {"identity": [{"type": "SystemAssigned"}]}],
		["azurerm_role_assignment", "maint", {"role_definition_name": "Contributor", "principal_id": "${azurerm_automation_account.maint.identity[0].principal_id}", "scope": "${azurerm_resource_group.main.id}"}],
	])
	fx.resources(vs) == {"azurerm_role_assignment.maint"}
}

test_hcl_user_assigned_identity_of_automation_fires if {
	vs := check.violation with input as fx.hcl_files([
		["azurerm_user_assigned_identity", "maint", {"name": "id-maint"}],
		["azurerm_automation_account", "maint", {"identity": [{"type": "UserAssigned", "identity_ids": ["${azurerm_user_assigned_identity.maint.id}"]}]}],
		["azurerm_role_assignment", "maint", {"role_definition_name": "Owner", "principal_id": "${azurerm_user_assigned_identity.maint.principal_id}"}],
	])
	count(vs) == 1
}

test_hcl_unrelated_identity_is_clean if {
	vs := check.violation with input as fx.hcl_files([
		["azurerm_user_assigned_identity", "osmo", {"name": "id-osmo"}],
		["azurerm_automation_account", "maint", {"identity": [{"type": "SystemAssigned"}]}],
		["azurerm_role_assignment", "osmo", {"role_definition_name": "Contributor", "principal_id": "${azurerm_user_assigned_identity.osmo.principal_id}"}],
	])
	count(vs) == 0
}

test_hcl_module_output_followed if {
	vs := check.violation with input as [
		fx.file("infra/main.tf", object.union(
			fx.res("azurerm_role_assignment", "maint", {"role_definition_name": "Contributor", "principal_id": "${module.automation.principal_id}"}),
			{"module": {"automation": [{"source": "./modules/automation"}]}},
		)),
		fx.file("infra/modules/automation/main.tf", object.union(
			fx.res("azurerm_automation_account", "this", {"identity": [{"type": "SystemAssigned"}]}),
			{"output": {"principal_id": [{"value": "${azurerm_automation_account.this.identity[0].principal_id}"}]}},
		)),
	]
	count(vs) == 1
}
