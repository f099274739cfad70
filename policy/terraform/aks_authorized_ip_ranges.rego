# METADATA
# title: Public AKS API server without authorized IP ranges
# description: |
#   An `azurerm_kubernetes_cluster` that is not private (`private_cluster_enabled` false or
#   absent) and has no authorized IP ranges, an empty list, or a range open to the whole
#   internet. Ranges are read from `api_server_access_profile.authorized_ip_ranges` (azurerm
#   v4, late v3) and from `api_server_authorized_ip_ranges` (azurerm v3). Unknown values are
#   not findings.
# custom:
#   id: SG-NET-2
#   threats: []
#   severity: high
#   stride: Elevation of Privilege
#   inputs: [tfplan, hcl]
#   remediation: |
#     Prefer a private cluster; otherwise set `api_server_access_profile { authorized_ip_ranges =
#     [...] }` to the operator VPN and CI egress ranges.
#   references:
#     - https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#api_server_access_profile
package stridegate.terraform.aks_authorized_ip_ranges

import data.lib.result
import data.lib.terraform as tf

_v4 := ["api_server_access_profile", 0, "authorized_ip_ranges"]

_v3 := ["api_server_authorized_ip_ranges"]

_open := {"0.0.0.0/0", "*", "0.0.0.0", "::/0", "Internet"}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	tf.false_or_absent(r, ["private_cluster_enabled"])
	not tf.unknown(r, _v4)
	not tf.unknown(r, _v3)
	count(_ranges(r)) == 0
	msg := sprintf("AKS cluster %s has a public API server with no authorized IP ranges: any internet address can reach it", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	tf.false_or_absent(r, ["private_cluster_enabled"])
	some cidr in _ranges(r)
	cidr in _open
	msg := sprintf("AKS cluster %s authorizes %s on its public API server: the range allows the whole internet", [r.address, cidr])
}

_ranges(r) := {c | some path in [_v4, _v3]; some c in _list(tf.value(r, path))}

_list(v) := v if is_array(v)
