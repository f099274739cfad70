# METADATA
# title: AKS without a network policy engine
# description: |
#   An `azurerm_kubernetes_cluster` whose `network_profile.network_policy` is absent or not
#   one of the allowed engines (azure, calico, cilium): Kubernetes NetworkPolicy objects are
#   then accepted but not enforced, so the D-1 default-deny policies have no effect.
#   Unknown values are not findings.
# custom:
#   id: SG-NET-4
#   threats: [D-1]
#   severity: high
#   stride: Information Disclosure
#   inputs: [tfplan, hcl]
#   parameters:
#     allowed_network_policies:
#       type: array
#       description: Network policy engines that enforce NetworkPolicy.
#       default: [azure, calico, cilium]
#   remediation: |
#     Set `network_profile { network_policy = "cilium" }` (with `network_data_plane = "cilium"`),
#     or "azure"/"calico".
#   references:
#     - https://learn.microsoft.com/azure/aks/use-network-policies
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#network_policy
package stridegate.terraform.aks_network_policy

import data.lib.azure
import data.lib.params
import data.lib.result
import data.lib.terraform as tf

_allowed := {p | some p in params.get("allowed_network_policies", ["azure", "calico", "cilium"])}

_path := ["network_profile", 0, "network_policy"]

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	p := tf.value(r, _path)
	not p in _allowed
	msg := sprintf("AKS cluster %s sets network_policy = %q: NetworkPolicy objects are not enforced", [r.address, p])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	azure.defaulted(r, _path)
	msg := sprintf("AKS cluster %s sets no network_policy engine: NetworkPolicy objects are not enforced", [r.address])
}
