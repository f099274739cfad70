# METADATA
# title: AKS node pool with node public IPs
# description: |
#   A node pool (an `azurerm_kubernetes_cluster` default_node_pool or an
#   `azurerm_kubernetes_cluster_node_pool`) with `node_public_ip_enabled` (azurerm v4) or
#   `enable_node_public_ip` (azurerm v3) true gives every node, GPU training nodes included,
#   its own internet-facing IP address outside the NAT gateway and the NSGs' intent.
# custom:
#   id: SG-NET-6
#   threats: [D-3]
#   severity: high
#   stride: Information Disclosure
#   inputs: [tfplan, hcl]
#   remediation: |
#     Remove `node_public_ip_enabled` / `enable_node_public_ip` (default false); reach nodes
#     through the VPN and send egress through the NAT gateway or firewall.
#   references:
#     - https://learn.microsoft.com/azure/aks/use-node-public-ips
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool#node_public_ip_enabled
package stridegate.terraform.node_public_ip

import data.lib.azure
import data.lib.params
import data.lib.result
import data.lib.terraform as tf

_gpu_pattern := params.get("gpu_vm_size_pattern", `(?i)^Standard_N[CDGV]`)

violation contains result.make_with(rego.metadata.chain(), msg, np.resource.address, np.resource.path, {"node_pool": np.name}) if {
	some np in azure.node_pools
	some attr in ["node_public_ip_enabled", "enable_node_public_ip"]
	tf.value(np.resource, array.concat(np.path, [attr])) == true
	msg := sprintf("%snode pool %q of %s sets %s = true: every node gets a public IP address", [_gpu(np), np.name, np.resource.address, attr])
}

_gpu(np) := "GPU " if {
	azure.gpu_vm_size(tf.value(np.resource, array.concat(np.path, ["vm_size"])), _gpu_pattern)
} else := ""
