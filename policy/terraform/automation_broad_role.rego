# METADATA
# title: Automation account identity holds a broad built-in role
# description: |
#   An `azurerm_role_assignment` granting Owner, Contributor or User Access Administrator
#   (by name or built-in role id) to an Azure Automation account's managed identity, at any
#   scope. The principal is tied to the account through the plan's configuration references
#   (principal_id = azurerm_automation_account.x.identity[0].principal_id, or a user-assigned
#   identity listed in the account's identity_ids), the HCL expression, or a known principal
#   id. A runbook compromise then controls every resource in the scope; scheduled
#   maintenance needs a handful of actions. An assignment that cannot be tied is not a
#   finding.
# custom:
#   id: E-1
#   threats: [E-1]
#   severity: medium
#   stride: Elevation of Privilege
#   inputs: [tfplan, hcl]
#   aggregate: true
#   parameters:
#     broad_roles:
#       type: array
#       description: Built-in role names considered too broad for automation.
#       default: [Owner, Contributor, User Access Administrator]
#   remediation: |
#     Define an `azurerm_role_definition` with only the actions the runbooks need (e.g.
#     Microsoft.ContainerService/managedClusters/start/action, .../stop/action) and assign it
#     at the narrowest scope.
#   references:
#     - https://learn.microsoft.com/azure/automation/automation-role-based-access-control
#     - https://learn.microsoft.com/azure/role-based-access-control/custom-roles
package stridegate.terraform.automation_broad_role

import data.lib.azure
import data.lib.params
import data.lib.result
import data.lib.terraform as tf

_broad := {r | some r in params.get("broad_roles", ["Owner", "Contributor", "User Access Administrator"])}

violation contains result.make_with(rego.metadata.chain(), msg, ra.address, ra.path, {"principal": aa.address, "role": role}) if {
	some ra in tf.of_type("azurerm_role_assignment")
	role := azure.role_name(ra)
	role in _broad
	some aa in _automation_principal(ra)
	msg := sprintf("role assignment %s gives %s to the managed identity of automation account %s: use a custom role with only the maintenance actions", [ra.address, role, aa.address])
}

_automation_principal(ra) := ({aa |
	some aa in azure.referenced(ra, ["principal_id"])
	aa.type == "azurerm_automation_account"
} | {aa |
	some uai in azure.referenced(ra, ["principal_id"])
	uai.type == "azurerm_user_assigned_identity"
	some aa in object.get(_accounts_by_identity, [uai], set())
	azure.same_stack(aa, uai)
}) | {aa |
	pid := tf.value(ra, ["principal_id"])
	some aa in object.get(_accounts_by_principal, [pid], set())
	azure.same_stack(aa, ra)
}

# The automation accounts indexed once by the user-assigned identities they reference and
# by their known principal id, so that each role assignment is a lookup, not a scan (an
# object of comprehensions OPA indexes: one pass over the [key, account] pairs).
_identity_pairs := {[uai, aa] |
	some aa in tf.of_type("azurerm_automation_account")
	some i, _ in tf.blocks(aa, "identity")
	some uai in azure.referenced(aa, ["identity", i, "identity_ids"])
}

_accounts_by_identity := {k: vs | some k in {p[0] | some p in _identity_pairs}; vs := {p[1] | some p in _identity_pairs; k = p[0]}}

_principal_pairs := {[pid, aa] |
	some aa in tf.of_type("azurerm_automation_account")
	pid := tf.value(aa, ["identity", 0, "principal_id"])
}

_accounts_by_principal := {k: vs | some k in {p[0] | some p in _principal_pairs}; vs := {p[1] | some p in _principal_pairs; k = p[0]}}
