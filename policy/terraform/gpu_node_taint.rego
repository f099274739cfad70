# METADATA
# title: GPU node pool without a GPU taint
# description: |
#   A node pool with a GPU VM size (N-series by default) and no NoSchedule/NoExecute taint
#   keyed for GPUs (`nvidia.com/gpu`, `sku=gpu`, ...): any pod, including untrusted or
#   system workloads, can be scheduled on the GPU nodes, competing with training jobs for
#   scarce capacity and sharing nodes with them. A default_node_pool cannot carry taints in
#   azurerm v4, so a GPU default pool always fires. Unknown values are not findings.
# custom:
#   id: SG-GPU-1
#   threats: []
#   severity: medium
#   stride: Denial of Service
#   inputs: [tfplan, hcl]
#   parameters:
#     gpu_vm_size_pattern:
#       type: string
#       description: Regular expression matching GPU VM sizes.
#       default: (?i)^Standard_N[CDGV]
#     gpu_taint_keys:
#       type: array
#       description: Taint keys that reserve a node for GPU workloads.
#       default: [nvidia.com/gpu, sku, amd.com/gpu, kubernetes.azure.com/gpu]
#   remediation: |
#     Add `node_taints = ["nvidia.com/gpu=present:NoSchedule"]` (or `sku=gpu:NoSchedule`) to the
#     GPU node pool and give GPU workloads the matching toleration; keep the default (system)
#     pool on CPU sizes.
#   references:
#     - https://learn.microsoft.com/azure/aks/gpu-cluster
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool#node_taints
package stridegate.terraform.gpu_node_taint

import data.lib.azure
import data.lib.params
import data.lib.result
import data.lib.terraform as tf

_pattern := params.get("gpu_vm_size_pattern", `(?i)^Standard_N[CDGV]`)

_keys := {k | some k in params.get("gpu_taint_keys", ["nvidia.com/gpu", "sku", "amd.com/gpu", "kubernetes.azure.com/gpu"])}

violation contains result.make_with(rego.metadata.chain(), msg, np.resource.address, np.resource.path, {"node_pool": np.name}) if {
	some np in azure.node_pools
	size := tf.value(np.resource, array.concat(np.path, ["vm_size"]))
	azure.gpu_vm_size(size, _pattern)
	taints_path := array.concat(np.path, ["node_taints"])
	not tf.unknown(np.resource, taints_path)
	not _gpu_taint(object.get(np.resource.values, taints_path, []), np.resource)
	msg := sprintf("GPU node pool %q of %s (%s) has no GPU NoSchedule taint: any pod can be scheduled on the GPU nodes", [np.name, np.resource.address, size])
}

_gpu_taint(taints, r) if {
	some raw in taints
	t := tf.resolve(r, raw)
	some m in regex.find_all_string_submatch_n(`^([^=:]+)(=[^:]*)?:(NoSchedule|NoExecute)$`, t, 1)
	m[1] in _keys
}

# a list given as one expression (var.taints) is judged when it resolves
_gpu_taint(taints, r) if {
	is_string(taints)
	some t in tf.resolve(r, taints)
	some m in regex.find_all_string_submatch_n(`^([^=:]+)(=[^:]*)?:(NoSchedule|NoExecute)$`, t, 1)
	m[1] in _keys
}

# an entry that cannot be resolved might be the taint
_gpu_taint(taints, r) if {
	is_array(taints)
	some raw in taints
	not tf.resolve(r, raw)
}
