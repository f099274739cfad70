package stridegate.terraform.managed_identity_broad_scope_test

import data.stridegate.terraform.fixtures_test as fx
import data.stridegate.terraform.managed_identity_broad_scope as check

_plan(module, role, principal_refs, scope_refs) := object.union(
	fx.plan([fx.rc_unknown(_addr(module), {"role_definition_name": role}, {"principal_id": true, "scope": true})]),
	{"configuration": {"root_module": _wrap(module, {"resources": [fx.cfg("azurerm_role_assignment", "ra", {
		"principal_id": fx.refs(principal_refs),
		"role_definition_name": {"constant_value": role},
		"scope": fx.refs(scope_refs),
	})]})}},
)

_addr("") := "azurerm_role_assignment.ra"

_addr(m) := sprintf("%s.azurerm_role_assignment.ra", [m]) if m != ""

_wrap("", body) := body

_wrap("module.platform.module.identity", body) := {"module_calls": {"platform": {"source": "./platform", "module": {"module_calls": {"identity": {"source": "./identity", "module": body}}}}}}

_uai := ["azurerm_user_assigned_identity.osmo.principal_id", "azurerm_user_assigned_identity.osmo"]

_rg := ["azurerm_resource_group.main.id", "azurerm_resource_group.main"]

_sub := ["data.azurerm_subscription.current.id", "data.azurerm_subscription.current"]

test_uai_contributor_on_resource_group_fires if {
	vs := check.violation with input as _plan("", "Contributor", _uai, _rg)
	fx.resources(vs) == {"azurerm_role_assignment.ra"}
	some v in vs
	v.details.id == "SG-ID-6"
	v.details.principal == "azurerm_user_assigned_identity.osmo"
	v.details.scope_level == "resource_group"
}

test_kubelet_identity_owner_on_subscription_fires_in_nested_module if {
	vs := check.violation with input as _plan("module.platform.module.identity", "Owner", ["azurerm_kubernetes_cluster.main.kubelet_identity[0].object_id", "azurerm_kubernetes_cluster.main.kubelet_identity[0]", "azurerm_kubernetes_cluster.main"], _sub)
	fx.resources(vs) == {"module.platform.module.identity.azurerm_role_assignment.ra"}
}

test_resource_scope_is_clean if {
	vs := check.violation with input as _plan("", "Contributor", _uai, ["azurerm_storage_account.data.id", "azurerm_storage_account.data"])
	count(vs) == 0
}

test_narrow_role_is_clean if {
	vs := check.violation with input as _plan("", "Storage Blob Data Reader", _uai, _rg)
	count(vs) == 0
}

test_user_principal_is_clean if {
	vs := check.violation with input as _plan("", "Owner", ["var.admin_object_id"], _rg)
	count(vs) == 0
}

test_unknown_scope_is_clean if {
	vs := check.violation with input as _plan("", "Owner", _uai, ["var.scope"])
	count(vs) == 0
}

test_known_values_fire if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_user_assigned_identity.osmo", {"principal_id": "aaaa"}),
		fx.rc("azurerm_role_assignment.ra", {"role_definition_name": "User Access Administrator", "principal_id": "aaaa", "scope": "/subscriptions/0000/resourceGroups/rg-rai"}),
	])
	count(vs) == 1
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_role_assignment.ra")])
	count(vs) == 0
}

test_hcl_fires if {
	vs := check.violation with input as fx.hcl("azurerm_role_assignment", "ra", {"role_definition_name": "Contributor", "principal_id": "${azurerm_user_assigned_identity.osmo.principal_id}", "scope": "${data.azurerm_resource_group.main.id}"})
	count(vs) == 1
}

test_hcl_scope_below_resource_group_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_role_assignment", "ra", {"role_definition_name": "Contributor", "principal_id": "${azurerm_user_assigned_identity.osmo.principal_id}", "scope": "${azurerm_resource_group.main.id}/providers/Microsoft.Storage/storageAccounts/st"})
	count(vs) == 0
}
