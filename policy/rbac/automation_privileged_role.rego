# METADATA
# title: Managed identity or service principal with Owner/Contributor/User Access Administrator
# description: |
#   Automation identities (an Automation Account's managed identity, CI service principals,
#   workload identities) must not hold Owner, Contributor or User Access Administrator at
#   management-group, subscription or resource-group scope: whoever controls the runbook,
#   pipeline or pod then controls every resource in that scope. Reads the
#   `az role assignment list --all -o json` export (one element or the whole array per
#   document); `az identity list` / `az ad sp list` output checked alongside names the
#   principals. Roles match by roleDefinitionName or by the built-in role's GUID.
# custom:
#   id: E-1-RBAC
#   threats: [E-1]
#   severity: medium
#   stride: Elevation of Privilege
#   inputs: [azure-rbac]
#   parameters:
#     automationRoles:
#       type: array
#       items: {type: string}
#       description: Role names or role definition GUIDs no managed identity / service principal may hold at broad scope.
#       default: [Owner, Contributor, User Access Administrator]
#   remediation: |
#     Replace the assignment with a custom role (or narrower built-in roles) that grants only
#     the maintenance operations the identity performs, assigned at the resource scope it
#     works on, e.g. `az role assignment delete` then `az role assignment create --role
#     <custom-role> --scope <resource-id>`.
#   references:
#     - https://learn.microsoft.com/azure/role-based-access-control/best-practices
#     - https://learn.microsoft.com/azure/automation/automation-role-based-access-control
#     - https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
package stridegate.rbac.automation_privileged_role

import data.lib.azure_rbac as az
import data.lib.params
import data.lib.result

_roles := params.get("automationRoles", az.default_automation_roles)

_automation(a) if az.principal_type(a) == "ServicePrincipal"

# an export without principalType: an identity listed by `az ad sp list` / `az identity list`
_automation(a) if {
	az.principal_type(a) == ""
	some [id, _] in az.principals
	id == lower(a.principalId)
}

violation contains result.make_with(rego.metadata.chain(), msg, resource, x.path, extra) if {
	some x in az.assignments
	a := x.assignment
	_automation(a)
	az.broad_scope(a.scope)
	az.role_in(a, _roles)
	name := az.principal_name(a)
	role := az.role_name(a)
	resource := sprintf("%s@%s", [name, a.scope])
	extra := {"principal": name, "principalId": a.principalId, "role": role, "scope": a.scope}
	msg := sprintf("service principal / managed identity %q holds %s at %s scope %s: it can change every resource there", [name, role, az.scope_kind(a.scope), a.scope])
}
