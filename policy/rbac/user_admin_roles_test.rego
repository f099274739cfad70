package stridegate.rbac.user_admin_roles_test

import data.stridegate.rbac.user_admin_roles as check

_sub := "/subscriptions/00000000-0000-0000-0000-000000000001"

_rg := sprintf("%s/resourceGroups/rg-robotics", [_sub])

_kv := sprintf("%s/providers/Microsoft.KeyVault/vaults/kv-robotics", [_rg])

_a(pid, upn, role, scope) := {
	"principalId": pid, "principalName": upn, "principalType": "User",
	"roleDefinitionName": role, "scope": scope,
	"roleDefinitionId": sprintf("%s/providers/Microsoft.Authorization/roleDefinitions/x", [_sub]),
}

_alice(role, scope) := _a("a1", "alice@contoso.com", role, scope)

_combined(arr) := [{"path": "rbac/role-assignments.json", "contents": arr}]

test_many_privileged_roles_fire_once_with_full_list if {
	arr := [
		_alice("Contributor", _rg),
		_alice("Key Vault Secrets Officer", _kv),
		_alice("Azure Kubernetes Service RBAC Admin", _rg),
		_alice("Network Contributor", _rg),
		_alice("Reader", _sub),
	]
	vs := check.violation with input as _combined(arr)
	count(vs) == 1
	some v in vs
	v.details.id == "E-3"
	v.details.resource == "alice@contoso.com"
	count(v.details.roles) == 5
	contains(v.msg, "4 privileged roles (threshold 3)")
	not contains(v.msg, "admin-level")
}

test_at_threshold_is_clean if {
	arr := [
		_alice("Contributor", _rg),
		_alice("Key Vault Secrets Officer", _kv),
		_alice("Network Contributor", _rg),
		_alice("Reader", _sub),
	]
	count(check.violation) == 0 with input as _combined(arr)
}

test_same_role_at_two_scopes_counts_once if {
	arr := [
		_alice("Contributor", _rg),
		_alice("Contributor", sprintf("%s/resourceGroups/rg-two", [_sub])),
		_alice("Network Contributor", _rg),
		_alice("Storage Blob Data Owner", _rg),
	]
	count(check.violation) == 0 with input as _combined(arr)
}

test_admin_role_at_rg_fires_alone if {
	vs := check.violation with input as _alice("Key Vault Administrator", _rg)
	count(vs) == 1
	some v in vs
	contains(v.msg, "admin-level Key Vault Administrator at")
}

test_admin_role_at_resource_scope_is_clean if {
	count(check.violation) == 0 with input as _alice("Key Vault Administrator", _kv)
}

test_admin_role_by_guid if {
	a := object.union(json.remove(_alice("x", _sub), ["roleDefinitionName"]), {"roleDefinitionId": "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b"})
	vs := check.violation with input as a
	some v in vs
	contains(v.msg, "Azure Kubernetes Service RBAC Cluster Admin")
}

test_users_reported_separately if {
	arr := [_alice("Owner", _sub), _a("b2", "bob@contoso.com", "User Access Administrator", _rg), _a("c3", "carol@contoso.com", "Reader", _rg)]
	vs := check.violation with input as _combined(arr)
	{v.details.resource | some v in vs} == {"alice@contoso.com", "bob@contoso.com"}
}

test_conftest_split_elements_still_aggregate if {
	arr := [
		_alice("Contributor", _rg),
		_alice("Key Vault Secrets Officer", _kv),
		_alice("Azure Kubernetes Service RBAC Admin", _rg),
		_alice("Network Contributor", _rg),
	]
	vs := check.violation with input as [{"path": "ra.json", "contents": a} | some a in arr]
	count(vs) == 1
}

test_service_principals_are_not_users if {
	a := object.union(_alice("Owner", _sub), {"principalType": "ServicePrincipal"})
	count(check.violation) == 0 with input as a
}

test_threshold_and_lists_are_parameters if {
	arr := [_alice("Contributor", _rg), _alice("Network Contributor", _rg)]
	vs := check.violation with input as _combined(arr) with data.lib.parameters as {"privilegedRoleThreshold": 1}
	count(vs) == 1
	count(check.violation) == 0 with input as _alice("Owner", _sub) with data.lib.parameters as {"adminRoles": []}
	vs2 := check.violation with input as _alice("Reader", _sub) with data.lib.parameters as {"adminRoles": ["acdd72a7-3385-48ef-bd42-f606fba81ae7"]}
	count(vs2) == 1
}

test_gatekeeper_parameters_win if {
	vs := check.violation with input as object.union(_alice("Contributor", _rg), {"parameters": {"privilegedRoleThreshold": 0}})
	count(vs) == 1
}

test_threshold_from_yaml_data_as_float if {
	arr := [_alice("Contributor", _rg), _alice("Network Contributor", _rg)]
	vs := check.violation with input as _combined(arr) with data.lib.parameters as {"privilegedRoleThreshold": 1.0}
	some v in vs
	contains(v.msg, "2 privileged roles (threshold 1)")
}

_ps(oid, upn, type, role, guid, scope) := {
	"RoleAssignmentName": "x", "RoleAssignmentId": sprintf("%s/providers/Microsoft.Authorization/roleAssignments/x", [scope]),
	"Scope": scope, "DisplayName": "Alice Example", "SignInName": upn,
	"RoleDefinitionName": role, "RoleDefinitionId": guid,
	"ObjectId": oid, "ObjectType": type, "CanDelegate": false, "Description": null, "Condition": null,
}

test_powershell_export if {
	uaa := "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"
	arr := [
		_ps("u1", "alice@contoso.com", "User", "User Access Administrator", uaa, "/subscriptions/s1"),
		_ps("u2", null, "User", null, "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "/subscriptions/s1/resourceGroups/rg"),
		_ps("sp", null, "ServicePrincipal", "Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "/subscriptions/s1"),
		_ps("u3", "carol@contoso.com", "User", "Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"),
	]
	vs := check.violation with input as [{"path": "Get-AzRoleAssignment.json", "contents": arr}]
	{[v.details.principal, v.details.principalId] | some v in vs} == {["alice@contoso.com", "u1"], ["Alice Example", "u2"]}
}
