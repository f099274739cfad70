# METADATA
# title: Storage account allows shared key authorization
# description: |
#   An `azurerm_storage_account` with `shared_access_key_enabled` true or absent (the provider
#   default is true) accepts account keys and SAS tokens signed with them, so a leaked key
#   (the training scripts' AZURE_STORAGE_KEY fallback) bypasses Entra ID and RBAC.
#   A value unknown at plan time is not a finding.
# custom:
#   id: I-1
#   threats: [I-1]
#   severity: medium
#   stride: Information Disclosure
#   inputs: [tfplan, hcl]
#   remediation: |
#     Set `shared_access_key_enabled = false` (and `default_to_oauth_authentication = true`),
#     grant workloads Storage Blob Data roles through workload identity, and remove the
#     AZURE_STORAGE_KEY fallback from training code.
#   references:
#     - https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#shared_access_key_enabled
package stridegate.terraform.storage_shared_key

import data.lib.result
import data.lib.terraform as tf

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_storage_account")
	tf.value(r, ["shared_access_key_enabled"]) == true
	msg := sprintf("storage account %s sets shared_access_key_enabled = true: account keys bypass Entra ID and RBAC", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_storage_account")
	tf.absent(r, ["shared_access_key_enabled"])
	msg := sprintf("storage account %s does not set shared_access_key_enabled (default true): account keys bypass Entra ID and RBAC", [r.address])
}
