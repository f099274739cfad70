# METADATA
# title: AKS Key Vault CSI secrets provider missing or without rotation
# description: |
#   An `azurerm_kubernetes_cluster` without the `key_vault_secrets_provider` add-on, or with
#   `secret_rotation_enabled` false or absent (default false): secrets are then copied into
#   Kubernetes by other means, or a rotated Key Vault secret never reaches the pods.
#   Unknown values are not findings.
# custom:
#   id: SG-SEC-1
#   threats: [T-1, E-2]
#   severity: medium
#   stride: Information Disclosure
#   inputs: [tfplan, hcl]
#   remediation: |
#     Add `key_vault_secrets_provider { secret_rotation_enabled = true, secret_rotation_interval = "2m" }`
#     and mount secrets through SecretProviderClass objects.
#   references:
#     - https://learn.microsoft.com/azure/aks/csi-secrets-store-driver
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#key_vault_secrets_provider
package stridegate.terraform.aks_key_vault_csi_rotation

import data.lib.result
import data.lib.terraform as tf

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	not tf.unknown(r, ["key_vault_secrets_provider"])
	count(tf.blocks(r, "key_vault_secrets_provider")) == 0
	msg := sprintf("AKS cluster %s does not enable the Key Vault CSI secrets provider (key_vault_secrets_provider)", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	some i, _ in tf.blocks(r, "key_vault_secrets_provider")
	tf.false_or_absent(r, ["key_vault_secrets_provider", i, "secret_rotation_enabled"])
	msg := sprintf("AKS cluster %s runs the Key Vault CSI secrets provider without secret_rotation_enabled: rotated secrets never reach running pods", [r.address])
}
