package stridegate.source.user_provisioning_roles_test

import data.stridegate.source.user_provisioning_roles as check

_sh(lines) := [{"path": "infrastructure/setup/optional/add-user-to-platform.sh", "contents": {"source": {"language": "shell", "lines": lines}}}]

test_wrapper_function_calls_counted if {
	vs := check.violation with input as _sh([
		"#!/usr/bin/env bash",
		"set -euo pipefail",
		"USER_ID=\"$1\"",
		"assign_role() {",
		"  local role=\"$1\"",
		"  local scope=\"$2\"",
		"  az role assignment create \\",
		"    --assignee-object-id \"$USER_ID\" \\",
		"    --role \"$role\" \\",
		"    --scope \"$scope\" --output none",
		"}",
		"assign_role \"Owner\" \"$RG_SCOPE\"",
		"assign_role \"Key Vault Administrator\" \"$KV_SCOPE\"",
		"assign_role \"Azure Kubernetes Service RBAC Cluster Admin\" \"$AKS_SCOPE\"",
		"assign_role \"Storage Blob Data Owner\" \"$SA_SCOPE\"",
		"assign_role \"Reader\" \"$RG_SCOPE\"",
	])
	count(vs) == 1
	some v in vs
	v.details.id == "E-3-SCRIPT"
	v.details.resource == "infrastructure/setup/optional/add-user-to-platform.sh"
	v.details.roles == ["Azure Kubernetes Service RBAC Cluster Admin", "Key Vault Administrator", "Owner", "Storage Blob Data Owner"]
	v.details.line == 12
}

test_loop_over_array_and_direct_calls if {
	vs := check.violation with input as _sh([
		"ROLES=(",
		"  \"Contributor\"",
		"  \"User Access Administrator\"",
		")",
		"for r in \"${ROLES[@]}\"; do",
		"  az role assignment create --assignee \"$UPN\" --role \"$r\" --scope \"$SCOPE\"",
		"done",
		"KV_ROLE=\"Key Vault Secrets Officer\"",
		"az role assignment create --assignee \"$UPN\" --role \"$KV_ROLE\" --scope \"$KV\"",
		"az role assignment create --assignee \"$UPN\" --role 'Network Contributor' --scope \"$VNET\"",
	])
	count(vs) == 1
	some v in vs
	v.details.roles == ["Contributor", "Key Vault Secrets Officer", "Network Contributor", "User Access Administrator"]
}

test_at_threshold_is_clean if {
	vs := check.violation with input as _sh([
		"for role in Contributor \"Storage Blob Data Owner\" Reader; do",
		"  az role assignment create --assignee \"$UPN\" --role \"$role\" --scope \"$S\"",
		"done",
		"az role assignment create --assignee \"$UPN\" --role \"AzureML Data Scientist\" --scope \"$W\"",
		"# az role assignment create --role Owner",
		"az role assignment list --role Owner",
	])
	count(vs) == 0
}

test_threshold_parameter if {
	inp := _sh(["az role assignment create --role Owner --assignee x", "az role assignment create --role=Contributor --assignee x"])
	vs := check.violation with input as inp with data.lib.parameters as {"privilegedRoleThreshold": 1}
	count(vs) == 1
	vs2 := check.violation with input as inp
	count(vs2) == 0
}

test_roles_by_guid_count_by_name if {
	vs := check.violation with input as _sh([
		"az role assignment create --assignee \"$U\" --role 8e3af657-a8ff-443c-a75c-2fe8c4bcb635 --scope \"$RG\"",
		"az role assignment create --assignee \"$U\" --role \"/subscriptions/$SUB/providers/Microsoft.Authorization/roleDefinitions/B24988AC-6180-42A0-AB88-20F7382DD24C\" --scope \"$RG\"",
		"az role assignment create --assignee \"$U\" --role 00482a5a-887f-4fb3-b363-3b7fe8e74483 --scope \"$KV\"",
		"az role assignment create --assignee \"$U\" --role \"Azure Kubernetes Service RBAC Cluster Admin\" --scope \"$AKS\"",
		"az role assignment create --assignee \"$U\" --role acdd72a7-3385-48ef-bd42-f606fba81ae7 --scope \"$RG\"",
	])
	{v.details.roles | some v in vs} == {["Azure Kubernetes Service RBAC Cluster Admin", "Contributor", "Key Vault Administrator", "Owner"]}
}
