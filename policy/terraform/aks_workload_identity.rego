# METADATA
# title: AKS without OIDC issuer and workload identity
# description: |
#   An `azurerm_kubernetes_cluster` with `oidc_issuer_enabled` or `workload_identity_enabled`
#   false or absent (both default false): pods cannot exchange projected service account
#   tokens for Entra ID tokens, so workloads fall back to secrets (storage keys, client
#   secrets) instead of federated managed identities. Unknown values are not findings.
# custom:
#   id: SG-ID-2
#   threats: [I-1]
#   severity: medium
#   stride: Spoofing
#   inputs: [tfplan, hcl]
#   remediation: |
#     Set `oidc_issuer_enabled = true` and `workload_identity_enabled = true`, and federate each
#     workload's user-assigned identity with its service account.
#   references:
#     - https://learn.microsoft.com/azure/aks/workload-identity-overview
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#workload_identity_enabled
package stridegate.terraform.aks_workload_identity

import data.lib.result
import data.lib.terraform as tf

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	some attr in ["oidc_issuer_enabled", "workload_identity_enabled"]
	tf.false_or_absent(r, [attr])
	msg := sprintf("AKS cluster %s does not set %s = true: pods cannot use workload identity federation", [r.address, attr])
}
