# METADATA
# title: AKS does not use Azure CNI
# description: |
#   An `azurerm_kubernetes_cluster` whose `network_profile.network_plugin` is not `azure`, or
#   that has no network_profile (the provider then uses kubenet). Kubenet is retired and
#   gives pods no VNet addresses, so NSGs, private endpoints and network policy cannot see
#   pod traffic. Unknown values are not findings.
# custom:
#   id: SG-NET-3
#   threats: [D-1]
#   severity: medium
#   stride: Information Disclosure
#   inputs: [tfplan, hcl]
#   remediation: |
#     Set `network_profile { network_plugin = "azure" }` (optionally
#     `network_plugin_mode = "overlay"` and `network_data_plane = "cilium"`).
#   references:
#     - https://learn.microsoft.com/azure/aks/azure-cni-overview
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#network_plugin
package stridegate.terraform.aks_azure_cni

import data.lib.azure
import data.lib.result
import data.lib.terraform as tf

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	plugin := tf.value(r, ["network_profile", 0, "network_plugin"])
	plugin != "azure"
	msg := sprintf("AKS cluster %s uses network_plugin = %q instead of Azure CNI", [r.address, plugin])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	azure.defaulted(r, ["network_profile", 0, "network_plugin"])
	msg := sprintf("AKS cluster %s leaves network_profile.network_plugin unset: the provider default is kubenet, not Azure CNI", [r.address])
}
