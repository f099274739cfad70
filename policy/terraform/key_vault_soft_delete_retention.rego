# METADATA
# title: Key Vault soft-delete retention too short
# description: |
#   An `azurerm_key_vault` whose `soft_delete_retention_days` is below the minimum (90 days by
#   default; absent means 90): a deleted secret or key can be purged, or disappears, before
#   the deletion is noticed. Unknown values are not findings.
# custom:
#   id: SG-SEC-4
#   threats: []
#   severity: low
#   stride: Denial of Service
#   inputs: [tfplan, hcl]
#   parameters:
#     min_soft_delete_retention_days:
#       type: integer
#       description: Minimum soft-delete retention in days (7 to 90).
#       default: 90
#   remediation: |
#     Remove `soft_delete_retention_days` or set it to 90.
#   references:
#     - https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#soft_delete_retention_days
package stridegate.terraform.key_vault_soft_delete_retention

import data.lib.params
import data.lib.result
import data.lib.terraform as tf

_min := params.get("min_soft_delete_retention_days", 90)

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_key_vault")
	days := tf.value(r, ["soft_delete_retention_days"])
	is_number(days)
	days < _min
	msg := sprintf("Key Vault %s keeps deleted secrets and keys for %v days (minimum %v)", [r.address, days, _min])
}
