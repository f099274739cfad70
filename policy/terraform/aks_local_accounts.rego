# METADATA
# title: AKS local accounts enabled
# description: |
#   An `azurerm_kubernetes_cluster` with `local_account_disabled` false or absent (default
#   false) keeps the static cluster-admin kubeconfig (`az aks get-credentials --admin`,
#   `kube_admin_config` in Terraform state), which bypasses Entra ID and cannot be audited per
#   user. Unknown values are not findings.
# custom:
#   id: SG-ID-4
#   threats: [T-2]
#   severity: high
#   stride: Elevation of Privilege
#   inputs: [tfplan, hcl]
#   remediation: |
#     Set `local_account_disabled = true` together with Entra ID integration and Azure RBAC.
#   references:
#     - https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#local_account_disabled
package stridegate.terraform.aks_local_accounts

import data.lib.result
import data.lib.terraform as tf

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	tf.false_or_absent(r, ["local_account_disabled"])
	msg := sprintf("AKS cluster %s keeps local accounts (local_account_disabled is not true): a static admin kubeconfig bypasses Entra ID", [r.address])
}
