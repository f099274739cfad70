# METADATA
# title: Key Vault without purge protection
# description: |
#   An `azurerm_key_vault` with `purge_protection_enabled` false or absent (default false):
#   anyone able to delete the vault can also purge it and every secret and key in it before
#   the soft-delete retention ends. Unknown values are not findings.
# custom:
#   id: SG-SEC-3
#   threats: []
#   severity: medium
#   stride: Denial of Service
#   inputs: [tfplan, hcl]
#   remediation: |
#     Set `purge_protection_enabled = true` (irreversible once enabled).
#   references:
#     - https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#purge_protection_enabled
package stridegate.terraform.key_vault_purge_protection

import data.lib.result
import data.lib.terraform as tf

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_key_vault")
	tf.false_or_absent(r, ["purge_protection_enabled"])
	msg := sprintf("Key Vault %s does not enable purge protection: deleted secrets and keys can be purged before retention ends", [r.address])
}
