# METADATA
# title: Managed identity holds a broad role at subscription or resource group scope
# description: |
#   An `azurerm_role_assignment` granting Owner, Contributor or User Access Administrator to
#   a managed identity (a user-assigned identity, or the system-assigned/kubelet identity of
#   any resource) at management group, subscription or resource group scope. The principal
#   is tied to the identity through plan configuration references, the HCL expression or a
#   known principal id; the scope through its known value or a reference to a resource
#   group / subscription id. Anything that cannot be tied is not a finding.
# custom:
#   id: SG-ID-6
#   threats: [E-1, E-3]
#   severity: high
#   stride: Elevation of Privilege
#   inputs: [tfplan, hcl]
#   aggregate: true
#   parameters:
#     broad_roles:
#       type: array
#       description: Built-in role names considered too broad for a workload identity.
#       default: [Owner, Contributor, User Access Administrator]
#   remediation: |
#     Assign the narrowest built-in or custom role at the resource that needs it (e.g.
#     Storage Blob Data Contributor on one storage account, AcrPull on the registry).
#   references:
#     - https://learn.microsoft.com/azure/role-based-access-control/best-practices
#     - https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/managed-identity-best-practice-recommendations
package stridegate.terraform.managed_identity_broad_scope

import data.lib.azure
import data.lib.params
import data.lib.result
import data.lib.terraform as tf

_broad := {r | some r in params.get("broad_roles", ["Owner", "Contributor", "User Access Administrator"])}

_wide := {"management_group", "subscription", "resource_group"}

violation contains result.make_with(rego.metadata.chain(), msg, ra.address, ra.path, {"principal": who, "role": role, "scope_level": level}) if {
	some ra in tf.of_type("azurerm_role_assignment")
	role := azure.role_name(ra)
	role in _broad
	level := azure.scope_level(ra)
	level in _wide
	some who in _identities(ra)
	msg := sprintf("role assignment %s gives %s at %s scope to the managed identity %s", [ra.address, role, replace(level, "_", " "), who])
}

_identity_attr := `identity(\[[^\]]*\])?\.(principal_id|object_id)$`

_identities(ra) := {_name(ref) |
	some ref in azure.refs(ra, ["principal_id"])
	_managed_identity_ref(ref)
} | {r.address |
	pid := tf.value(ra, ["principal_id"])
	some r in object.get(_by_principal, [pid], set())
	azure.same_stack(r, ra)
}

# every resource with a known managed identity principal id, indexed by it once (an object
# of comprehensions OPA indexes: one pass over the [principal id, resource] pairs)
_principal_pairs := {[pid, r] |
	some r in tf.resources
	pid := _principal_of(r)
}

_by_principal := {k: rs | some k in {p[0] | some p in _principal_pairs}; rs := {p[1] | some p in _principal_pairs; k = p[0]}}

_managed_identity_ref(ref) if {
	ref.type == "azurerm_user_assigned_identity"
	regex.match(`^(\[[^\]]*\])?\.principal_id$`, ref.attr)
}

_managed_identity_ref(ref) if regex.match(_identity_attr, ref.attr)

_name(ref) := sprintf("%s%s.%s", [_prefix(ref), ref.type, ref.name])

_prefix(ref) := "data." if ref.mode == "data"

_prefix(ref) := "" if ref.mode == "managed"

_principal_of(r) := tf.value(r, ["principal_id"]) if r.type == "azurerm_user_assigned_identity"

_principal_of(r) := tf.value(r, ["identity", 0, "principal_id"]) if r.type != "azurerm_user_assigned_identity"
