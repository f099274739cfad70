# METADATA
# title: AKS egress through a public load balancer
# description: |
#   An `azurerm_kubernetes_cluster` whose `network_profile.outbound_type` is absent (the
#   default `loadBalancer`) or not one of the allowed outbound types: node egress then leaves
#   through public IPs on the cluster load balancer instead of the platform's NAT gateway or
#   a user-defined route. Unknown values are not findings.
# custom:
#   id: SG-NET-7
#   threats: [D-3]
#   severity: medium
#   stride: Information Disclosure
#   inputs: [tfplan, hcl]
#   parameters:
#     allowed_outbound_types:
#       type: array
#       description: AKS outbound types accepted for node egress.
#       default: [userAssignedNATGateway, managedNATGateway, userDefinedRouting]
#   remediation: |
#     Set `network_profile { outbound_type = "userAssignedNATGateway" }` with a NAT gateway on
#     the node subnet, or `userDefinedRouting` through Azure Firewall.
#   references:
#     - https://learn.microsoft.com/azure/aks/egress-outboundtype
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#outbound_type
package stridegate.terraform.aks_outbound_type

import data.lib.azure
import data.lib.params
import data.lib.result
import data.lib.terraform as tf

_allowed := {t | some t in params.get("allowed_outbound_types", ["userAssignedNATGateway", "managedNATGateway", "userDefinedRouting"])}

_path := ["network_profile", 0, "outbound_type"]

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	t := tf.value(r, _path)
	not t in _allowed
	msg := sprintf("AKS cluster %s sets outbound_type = %q: node egress does not go through the NAT gateway or a user-defined route", [r.address, t])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	azure.defaulted(r, _path)
	not "loadBalancer" in _allowed
	msg := sprintf("AKS cluster %s does not set outbound_type (default loadBalancer): node egress leaves through public load balancer IPs", [r.address])
}
