# METADATA
# title: AKS without a user-assigned managed identity
# description: |
#   An `azurerm_kubernetes_cluster` whose control-plane identity is a service principal
#   (`service_principal` block: a client secret in Terraform state that expires) or a
#   system-assigned identity. The guide's baseline is a user-assigned identity: it exists
#   before the cluster, so its role assignments (network, DNS, ACR) can be granted ahead and
#   survive cluster re-creation. Unknown values are not findings.
# custom:
#   id: SG-ID-1
#   threats: []
#   severity: medium
#   stride: Spoofing
#   inputs: [tfplan, hcl]
#   remediation: |
#     Create an `azurerm_user_assigned_identity` and set `identity { type = "UserAssigned",
#     identity_ids = [azurerm_user_assigned_identity.aks.id] }`; remove `service_principal`.
#   references:
#     - https://learn.microsoft.com/azure/aks/use-managed-identity
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#identity
package stridegate.terraform.aks_managed_identity

import data.lib.result
import data.lib.terraform as tf

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	t := tf.value(r, ["identity", 0, "type"])
	t != "UserAssigned"
	msg := sprintf("AKS cluster %s uses a %s identity instead of a user-assigned managed identity", [r.address, t])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	count(tf.blocks(r, "service_principal")) > 0
	msg := sprintf("AKS cluster %s authenticates with a service principal and client secret instead of a user-assigned managed identity", [r.address])
}
