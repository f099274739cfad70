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

test_plan_indexed_resource_group_reference_fires if {
	vs := check.violation with input as _plan("", "Contributor", _uai, ["azurerm_resource_group.this[0].id", "azurerm_resource_group.this"])
	count(vs) == 1
}

# the real platform's form: the module receives the resource group as an object the root
# builds in a local, from a created or an existing resource group
_rg_local := `${var.should_create_resource_group ? {
    id       = azurerm_resource_group.this[0].id
    name     = azurerm_resource_group.this[0].name
    } : {
    id       = data.azurerm_resource_group.existing[0].id
    name     = data.azurerm_resource_group.existing[0].name
  }}`

_module_scope(call_args, locals) := [
	fx.file("infra/main.tf", {"locals": [locals], "module": {"platform": [object.union({"source": "./modules/platform"}, call_args)]}}),
	fx.file("infra/modules/platform/role-assignments.tf", fx.res("azurerm_role_assignment", "ml_rg_contributor", {
		"scope": "${var.resource_group.id}",
		"role_definition_name": "Contributor",
		"principal_id": "${azurerm_user_assigned_identity.ml.principal_id}",
	})),
]

test_hcl_scope_passed_by_the_caller_fires if {
	through_local := check.violation with input as _module_scope({"resource_group": "${local.resource_group}"}, {"resource_group": _rg_local})
	fx.resources(through_local) == {"azurerm_role_assignment.ml_rg_contributor"}
	object := check.violation with input as _module_scope({"resource_group": {"id": "${azurerm_resource_group.main.id}", "name": "rg"}}, {})
	count(object) == 1
	whole := check.violation with input as _module_scope({"resource_group": "${data.azurerm_resource_group.main}"}, {})
	count(whole) == 1
}

test_hcl_scope_passed_by_the_caller_unknown_is_clean if {
	mixed := `${var.x ? { id = azurerm_resource_group.this[0].id } : { id = azurerm_storage_account.st.id }}`
	vs1 := check.violation with input as _module_scope({"resource_group": "${local.resource_group}"}, {"resource_group": mixed})
	count(vs1) == 0
	vs2 := check.violation with input as _module_scope({"resource_group": "${var.rg}"}, {})
	count(vs2) == 0
	vs3 := check.violation with input as _module_scope({"resource_group": {"id": "${azurerm_storage_account.st.id}"}}, {})
	count(vs3) == 0
	vs4 := check.violation with input as _module_scope({}, {})
	count(vs4) == 0
}

# a branch that is not an object literal (an object handed in, a merge) may be any scope
test_hcl_scope_local_with_an_unreadable_branch_is_clean if {
	other := `${var.x ? { id = azurerm_resource_group.this[0].id } : var.existing_scope}`
	vs1 := check.violation with input as _module_scope({"resource_group": "${local.resource_group}"}, {"resource_group": other})
	count(vs1) == 0
	merged := `${merge(var.defaults, { id = azurerm_resource_group.this[0].id })}`
	vs2 := check.violation with input as _module_scope({"resource_group": "${local.resource_group}"}, {"resource_group": merged})
	count(vs2) == 0
}
