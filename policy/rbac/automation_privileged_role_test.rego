package stridegate.rbac.automation_privileged_role_test

import data.stridegate.rbac.automation_privileged_role as check

_sub := "/subscriptions/00000000-0000-0000-0000-000000000001"

_rg := sprintf("%s/resourceGroups/rg-robotics", [_sub])

_a(principal_type, role, scope) := {
	"principalId": "11111111-1111-1111-1111-111111111111",
	"principalName": "6a7c3a57-0a3f-4ea4-b8c4-1b2cdd9e2f10",
	"principalType": principal_type,
	"roleDefinitionName": role,
	"roleDefinitionId": sprintf("%s/providers/Microsoft.Authorization/roleDefinitions/%s", [_sub, object.get(data.lib.azure_rbac.builtin_roles, role, "0f0f0f0f-0000-0000-0000-000000000000")]),
	"scope": scope,
	"type": "Microsoft.Authorization/roleAssignments",
}

_res(vs) := {v.details.resource | some v in vs}

test_service_principal_contributor_at_rg_fires if {
	vs := check.violation with input as _a("ServicePrincipal", "Contributor", _rg)
	count(vs) == 1
	some v in vs
	v.details.id == "E-1-RBAC"
	v.details.threats == ["E-1"]
	v.details.role == "Contributor"
	v.details.resource == sprintf("6a7c3a57-0a3f-4ea4-b8c4-1b2cdd9e2f10@%s", [_rg])
	contains(v.msg, "resource group scope")
}

test_whole_array_in_combined_input if {
	arr := [
		_a("ServicePrincipal", "Owner", _sub),
		object.union(_a("ServicePrincipal", "Reader", _rg), {"principalId": "2"}),
		object.union(_a("User", "Owner", _sub), {"principalId": "3"}),
	]
	vs := check.violation with input as [{"path": "rbac/role-assignments.json", "contents": arr}]
	count(vs) == 1
	some v in vs
	v.details.role == "Owner"
	v.details.file == "rbac/role-assignments.json"
}

test_conftest_combine_split_elements if {
	vs := check.violation with input as [
		{"path": "ra.json", "contents": _a("ServicePrincipal", "User Access Administrator", _sub)},
		{"path": "ra.json", "contents": object.union(_a("ServicePrincipal", "Contributor", _rg), {"principalId": "9"})},
	]
	count(vs) == 2
}

test_resource_scope_is_clean if {
	scope := sprintf("%s/providers/Microsoft.Automation/automationAccounts/aa-robotics", [_rg])
	vs := check.violation with input as _a("ServicePrincipal", "Contributor", scope)
	count(vs) == 0
}

test_narrow_role_is_clean if {
	a := object.union(_a("ServicePrincipal", "Automation Contributor", _rg), {"roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/f353d9bd-d4a6-484e-a77a-8050b599b867"})
	vs := check.violation with input as a
	count(vs) == 0
}

test_user_and_group_are_not_automation if {
	count(check.violation) == 0 with input as _a("User", "Contributor", _rg)
	count(check.violation) == 0 with input as _a("Group", "Owner", _sub)
}

test_role_matched_by_guid_only if {
	a := json.remove(_a("ServicePrincipal", "x", _rg), ["roleDefinitionName"])
	owner := object.union(a, {"roleDefinitionId": sprintf("%s/providers/Microsoft.Authorization/roleDefinitions/8E3AF657-A8FF-443C-A75C-2FE8C4BCB635", [_sub])})
	vs := check.violation with input as owner
	some v in vs
	v.details.role == "Owner"
}

test_unknown_custom_role_guid_is_clean if {
	a := json.remove(_a("ServicePrincipal", "x", _rg), ["roleDefinitionName"])
	custom := object.union(a, {"roleDefinitionId": "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/0f0f0f0f-0000-0000-0000-000000000000"})
	count(check.violation) == 0 with input as custom
}

test_principal_named_from_sp_list if {
	sp := {
		"id": "11111111-1111-1111-1111-111111111111", "appId": "6a7c3a57-0a3f-4ea4-b8c4-1b2cdd9e2f10",
		"displayName": "aa-robotics-maint", "servicePrincipalType": "ManagedIdentity",
	}
	vs := check.violation with input as [
		{"path": "ra.json", "contents": [_a("ServicePrincipal", "Contributor", _rg)]},
		{"path": "sp.json", "contents": [sp]},
	]
	_res(vs) == {sprintf("aa-robotics-maint@%s", [_rg])}
}

test_missing_principal_type_uses_identity_list if {
	a := json.remove(_a("ServicePrincipal", "Contributor", _rg), ["principalType"])
	uami := {
		"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "name": "id-ci-deploy",
		"principalId": "11111111-1111-1111-1111-111111111111", "clientId": "c",
	}
	vs := check.violation with input as [{"path": "ra.json", "contents": [a]}, {"path": "id.json", "contents": [uami]}]
	_res(vs) == {sprintf("id-ci-deploy@%s", [_rg])}
	count(check.violation) == 0 with input as a
}

test_arm_rest_shape if {
	rest := {"value": [{"id": "/x/ra1", "name": "ra1", "properties": {
		"principalId": "p1", "principalType": "ServicePrincipal", "scope": _sub,
		"roleDefinitionId": sprintf("%s/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", [_sub]),
	}}]}
	vs := check.violation with input as rest
	some v in vs
	v.details.role == "User Access Administrator"
	v.details.resource == sprintf("p1@%s", [_sub])
}

test_parameter_overrides_roles if {
	vs := check.violation with input as _a("ServicePrincipal", "Contributor", _rg) with data.lib.parameters as {"automationRoles": ["Owner"]}
	count(vs) == 0
}

test_management_group_scope_fires if {
	vs := check.violation with input as _a("ServicePrincipal", "Owner", "/providers/Microsoft.Management/managementGroups/robotics")
	count(vs) == 1
}

test_unrelated_documents_are_ignored if {
	count(check.violation) == 0 with input as {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x"}}
	count(check.violation) == 0 with input as null
}

_arm(id, role_guid, scope) := {
	"id": sprintf("%s/providers/Microsoft.Authorization/roleAssignments/%s", [scope, id]), "name": id,
	"type": "Microsoft.Authorization/roleAssignments",
	"properties": {
		"principalId": id, "principalType": "ServicePrincipal", "scope": scope,
		"roleDefinitionId": sprintf("/providers/Microsoft.Authorization/roleDefinitions/%s", [role_guid]),
	},
}

test_arm_rest_and_resource_graph_exports if {
	owner := "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
	reader := "acdd72a7-3385-48ef-bd42-f606fba81ae7"
	rest := {"value": [_arm("a1", owner, _sub), _arm("a2", reader, _sub)]}
	graph := {"count": 2, "data": [_arm("g1", "b24988ac-6180-42a0-ab88-20f7382dd24c", _rg), _arm("g2", owner, sprintf("%s/providers/Microsoft.KeyVault/vaults/kv", [_rg]))], "skip_token": null}
	vs := check.violation with input as [{"path": "rest.json", "contents": rest}, {"path": "graph.json", "contents": graph}]
	{[v.details.role, v.details.file] | some v in vs} == {["Owner", "rest.json"], ["Contributor", "graph.json"]}
}

test_document_with_value_and_data_lists_is_read_once if {
	doc := {"value": [_arm("a1", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", _sub)], "data": [_arm("b1", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", _sub)]}
	vs := check.violation with input as [{"path": "x.json", "contents": doc}]
	_res(vs) == {sprintf("a1@%s", [_sub])}
}
