# METADATA
# title: Azure role assignments
# description: |
#   Role assignments from `az role assignment list --all -o json` (a JSON array: whole as
#   one document under the harness, one element per document under conftest, with or
#   without --combine), from ARM REST exports (`{"value": [...]}` with `properties`) and from
#   Resource Graph (`az graph query` on authorizationresources: `{"data": [...]}`), and from
#   Azure PowerShell (`Get-AzRoleAssignment | ConvertTo-Json`, PascalCase fields).
#   Principals are named from `az identity list` / `az ad sp list` output checked together,
#   else from the assignment's principalName. Roles are matched by name or by built-in GUID.
# custom:
#   library: true
package lib.azure_rbac

import data.lib.docs

# builtin_roles maps the built-in role names the controls care about to their GUIDs
# (identical in every tenant).
builtin_roles := {
	"Owner": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
	"Contributor": "b24988ac-6180-42a0-ab88-20f7382dd24c",
	"Reader": "acdd72a7-3385-48ef-bd42-f606fba81ae7",
	"User Access Administrator": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
	"Role Based Access Control Administrator": "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
	"Key Vault Administrator": "00482a5a-887f-4fb3-b363-3b7fe8e74483",
	"Key Vault Contributor": "f25e0fa2-a7c8-4377-a976-54943a77a395",
	"Key Vault Secrets Officer": "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
	"Key Vault Crypto Officer": "14b46e9e-c2b7-41b4-b07b-48a6ebf60603",
	"Key Vault Certificates Officer": "a4417e6f-fecd-4de8-b567-7b0420556985",
	"Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
	"Azure Kubernetes Service RBAC Cluster Admin": "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
	"Azure Kubernetes Service RBAC Admin": "3498e952-d568-435e-9b2c-8d77e338d7f7",
	"Azure Kubernetes Service RBAC Reader": "7f6c6a51-bcf8-42ba-9220-52d62157d7db",
	"Azure Kubernetes Service Cluster Admin Role": "0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8",
	"Azure Kubernetes Service Contributor Role": "ed7f3fbd-7b88-4dd4-9017-9adb7ce333f8",
	"Storage Blob Data Owner": "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
	"Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
	"Network Contributor": "4d97b98b-1d4f-4787-a291-c67834d212e7",
	"Virtual Machine Contributor": "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
	"Automation Contributor": "f353d9bd-d4a6-484e-a77a-8050b599b867",
	"AcrPull": "7f951dda-4ed3-4680-a7ca-43fe172d538d",
	"AcrPush": "8311e382-0749-4cb8-b61a-304f252e45ec",
}

_guid_names := {lower(guid): name | some name, guid in builtin_roles}

# default_privileged_roles is the editable default (parameter privilegedRoles) of roles that
# count as privileged: they administer access, secrets, clusters or whole resource groups.
default_privileged_roles := [
	"Owner",
	"Contributor",
	"User Access Administrator",
	"Role Based Access Control Administrator",
	"Key Vault Administrator",
	"Key Vault Contributor",
	"Key Vault Secrets Officer",
	"Key Vault Crypto Officer",
	"Key Vault Certificates Officer",
	"Azure Kubernetes Service RBAC Cluster Admin",
	"Azure Kubernetes Service RBAC Admin",
	"Azure Kubernetes Service Cluster Admin Role",
	"Azure Kubernetes Service Contributor Role",
	"Storage Blob Data Owner",
	"Network Contributor",
	"Virtual Machine Contributor",
	"Automation Contributor",
]

# default_admin_roles are roles no user should hold at subscription or resource-group scope
# (parameter adminRoles).
default_admin_roles := [
	"Owner",
	"User Access Administrator",
	"Key Vault Administrator",
	"Azure Kubernetes Service RBAC Cluster Admin",
]

# default_automation_roles are roles no managed identity / service principal should hold at
# subscription or resource-group scope (parameter automationRoles).
default_automation_roles := ["Owner", "Contributor", "User Access Administrator"]

# ARM REST listings put the elements under value, `az graph query` under data
_elements(c) := c if {
	is_array(c)
} else := c.value if {
	is_array(c.value)
} else := c.data if {
	is_array(c.data)
} else := [c] if {
	is_object(c)
}

# _flat turns an ARM REST assignment ({id, name, properties: {...}}) and an Azure PowerShell
# one (`Get-AzRoleAssignment | ConvertTo-Json`: ObjectId, ObjectType, RoleDefinitionName,
# RoleDefinitionId, Scope, SignInName/DisplayName) into the az CLI shape.
_flat(e) := object.union(e.properties, {"id": object.get(e, "id", ""), "name": object.get(e, "name", "")}) if {
	is_object(e.properties)
	e.properties.roleDefinitionId
} else := object.union(_powershell_name(e), {k: v |
	some k, field in _powershell_fields
	v := e[field]
	is_string(v)
}) if {
	is_string(e.ObjectId)
	is_string(e.Scope)
} else := e

_powershell_fields := {
	"principalId": "ObjectId", "principalType": "ObjectType", "scope": "Scope",
	"roleDefinitionName": "RoleDefinitionName", "roleDefinitionId": "RoleDefinitionId",
	"id": "RoleAssignmentId", "name": "RoleAssignmentName",
}

_powershell_name(e) := {"principalName": e.SignInName} if {
	is_string(e.SignInName)
	e.SignInName != ""
} else := {"principalName": e.DisplayName} if {
	is_string(e.DisplayName)
} else := {}

_is_assignment(a) if {
	is_string(a.principalId)
	is_string(a.scope)
	_has_role(a)
}

_has_role(a) if is_string(a.roleDefinitionName)

_has_role(a) if is_string(a.roleDefinitionId)

# assignments lists every role assignment as {path, assignment}.
assignments contains {"path": doc.path, "assignment": a} if {
	some doc in docs.documents
	some e in _elements(doc.contents)
	is_object(e)
	a := _flat(e)
	_is_assignment(a)
}

# role_guid is the GUID at the end of the assignment's roleDefinitionId ("" when absent).
role_guid(a) := lower(g) if {
	parts := split(a.roleDefinitionId, "/")
	g := parts[count(parts) - 1]
} else := ""

# role_name is the assignment's role name, from roleDefinitionName or the built-in GUID;
# custom roles known only by id are named by their GUID.
role_name(a) := a.roleDefinitionName if {
	is_string(a.roleDefinitionName)
	a.roleDefinitionName != ""
} else := n if {
	n := _guid_names[role_guid(a)]
} else := role_guid(a)

# role_in(a, roles) is true when the assignment's role is in roles, a list of role names
# (case-insensitive) or GUIDs.
role_in(a, roles) if {
	some r in roles
	lower(r) == lower(role_name(a))
}

role_in(a, roles) if {
	some r in roles
	lower(r) == role_guid(a)
}

role_in(a, roles) if {
	some r in roles
	g := builtin_roles[_name_case(r)]
	g == role_guid(a)
}

role_in(a, roles) if {
	some r in roles
	lower(_guid_names[lower(r)]) == lower(role_name(a))
}

_name_case(r) := n if {
	some n, _ in builtin_roles
	lower(n) == lower(r)
}

# broad_scope is true for management-group, subscription and resource-group scopes (and
# the tenant root "/"); resource scopes are narrow.
broad_scope(scope) if scope == "/"

broad_scope(scope) if regex.match(`(?i)^/providers/Microsoft\.Management/managementGroups/[^/]+/?$`, scope)

broad_scope(scope) if regex.match(`(?i)^/subscriptions/[^/]+/?$`, scope)

broad_scope(scope) if regex.match(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/?$`, scope)

# scope_kind names a broad scope for messages.
scope_kind(scope) := "resource group" if {
	regex.match(`(?i)/resourceGroups/[^/]+/?$`, scope)
} else := "subscription" if {
	regex.match(`(?i)^/subscriptions/[^/]+/?$`, scope)
} else := "management group" if {
	contains(lower(scope), "managementgroups")
} else := "tenant root" if {
	scope == "/"
} else := "resource"

# principals lists [object id, display name] pairs from `az identity list` (user-assigned
# managed identities) and `az ad sp list` (service principals, system-assigned identities).
principals contains [lower(e.principalId), e.name] if {
	some doc in docs.documents
	some e in _elements(doc.contents)
	is_object(e)
	_is_uami(e)
	is_string(e.principalId)
	is_string(e.name)
}

principals contains [lower(e.id), e.displayName] if {
	some doc in docs.documents
	some e in _elements(doc.contents)
	is_object(e)
	is_string(e.servicePrincipalType)
	is_string(e.appId)
	is_string(e.id)
	is_string(e.displayName)
}

_is_uami(e) if lower(object.get(e, "type", "")) == "microsoft.managedidentity/userassignedidentities"

# principal_name names the assignment's principal: a listed identity's name, else
# principalName, else the object id.
principal_name(a) := names[0] if {
	names := sort([n | some [id, n] in principals; id == lower(a.principalId)])
	count(names) > 0
} else := a.principalName if {
	is_string(a.principalName)
	a.principalName != ""
} else := a.principalId

# principal_type is the assignment's principalType ("" when the export omits it).
principal_type(a) := object.get(a, "principalType", "")
