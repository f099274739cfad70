# METADATA
# title: AKS API server is not private
# description: |
#   An `azurerm_kubernetes_cluster` whose `private_cluster_enabled` is false or absent (the
#   provider default is false) exposes the Kubernetes API server on a public endpoint.
#   A value unknown at plan time is not a finding.
# custom:
#   id: SG-NET-1
#   threats: []
#   severity: high
#   stride: Elevation of Privilege
#   inputs: [tfplan, hcl]
#   remediation: |
#     Set `private_cluster_enabled = true` (with a private DNS zone) and reach the API server
#     through the VPN or a jump host; if a public endpoint is unavoidable, restrict it with
#     `api_server_access_profile.authorized_ip_ranges`.
#   references:
#     - https://learn.microsoft.com/azure/aks/private-clusters
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#private_cluster_enabled
package stridegate.terraform.aks_private_cluster

import data.lib.result
import data.lib.terraform as tf

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	tf.value(r, ["private_cluster_enabled"]) == false
	msg := sprintf("AKS cluster %s sets private_cluster_enabled = false: the API server has a public endpoint", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	tf.absent(r, ["private_cluster_enabled"])
	msg := sprintf("AKS cluster %s does not set private_cluster_enabled (default false): the API server has a public endpoint", [r.address])
}
