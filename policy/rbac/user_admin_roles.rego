# METADATA
# title: User holds too many privileged or admin-level Azure roles
# description: |
#   Onboarded users must get a role profile, not every admin role: a user holding more
#   privileged roles than the threshold (default 3), or any of Owner, User Access
#   Administrator, Key Vault Administrator or AKS RBAC Cluster Admin at management-group,
#   subscription or resource-group scope, is reported once with the full list of roles.
#   Counts across every assignment checked together (the whole `az role assignment list
#   --all -o json` array); a lone element only shows that one assignment.
# custom:
#   id: E-3
#   threats: [E-3]
#   severity: high
#   stride: Elevation of Privilege
#   inputs: [azure-rbac]
#   aggregate: true
#   parameters:
#     privilegedRoleThreshold:
#       type: integer
#       description: A user may hold at most this many distinct privileged roles.
#       default: 3
#     privilegedRoles:
#       type: array
#       items: {type: string}
#       description: Role names or role definition GUIDs that count as privileged.
#       default: [Owner, Contributor, User Access Administrator, Role Based Access Control Administrator, Key Vault Administrator, Key Vault Contributor, Key Vault Secrets Officer, Key Vault Crypto Officer, Key Vault Certificates Officer, Azure Kubernetes Service RBAC Cluster Admin, Azure Kubernetes Service RBAC Admin, Azure Kubernetes Service Cluster Admin Role, Azure Kubernetes Service Contributor Role, Storage Blob Data Owner, Network Contributor, Virtual Machine Contributor, Automation Contributor]
#     adminRoles:
#       type: array
#       items: {type: string}
#       description: Role names or GUIDs no user may hold at management-group, subscription or resource-group scope.
#       default: [Owner, User Access Administrator, Key Vault Administrator, Azure Kubernetes Service RBAC Cluster Admin]
#   remediation: |
#     Define tiered role profiles (reader, contributor, admin) and assign each user the
#     minimum profile, at the narrowest scope; grant admin roles just in time through
#     Entra ID Privileged Identity Management instead of standing assignments.
#   references:
#     - https://learn.microsoft.com/azure/role-based-access-control/best-practices
#     - https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-configure
package stridegate.rbac.user_admin_roles

import data.lib.azure_rbac as az
import data.lib.params
import data.lib.result

_threshold := params.get("privilegedRoleThreshold", 3)

_privileged := params.get("privilegedRoles", az.default_privileged_roles)

_admin := params.get("adminRoles", az.default_admin_roles)

_user_assignments contains [lower(x.assignment.principalId), x] if {
	some x in az.assignments
	az.principal_type(x.assignment) == "User"
}

_users contains id if some [id, _] in _user_assignments

_of(id) := [x | some [i, x] in _user_assignments; i == id]

_privileged_roles(id) := {az.role_name(x.assignment) |
	some x in _of(id)
	az.role_in(x.assignment, _privileged)
}

_admin_grants(id) := {sprintf("%s at %s", [az.role_name(x.assignment), x.assignment.scope]) |
	some x in _of(id)
	az.role_in(x.assignment, _admin)
	az.broad_scope(x.assignment.scope)
}

_reasons(id) := array.concat(_too_many(id), _admins(id))

_too_many(id) := [sprintf("%d privileged roles (threshold %v)", [n, _threshold])] if {
	n := count(_privileged_roles(id))
	n > _threshold
} else := []

_admins(id) := [sprintf("admin-level %s", [concat(", ", sort(_admin_grants(id)))])] if {
	count(_admin_grants(id)) > 0
} else := []

violation contains result.make_with(rego.metadata.chain(), msg, name, file, extra) if {
	some id in _users
	reasons := _reasons(id)
	count(reasons) > 0
	xs := _of(id)
	name := sort([az.principal_name(x.assignment) | some x in xs])[0]
	file := sort([x.path | some x in xs])[0]
	roles := sort({sprintf("%s @ %s", [az.role_name(x.assignment), x.assignment.scope]) | some x in xs})
	extra := {"principal": name, "principalId": xs[0].assignment.principalId, "roles": roles}
	msg := sprintf("user %q holds %s; roles: %s", [name, concat(" and ", reasons), concat("; ", roles)])
}
