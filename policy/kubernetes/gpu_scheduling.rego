# METADATA
# title: GPU workload does not tolerate the GPU taint or select GPU nodes
# description: |
#   A workload that requests `nvidia.com/gpu` (or a MIG slice) must tolerate the GPU node
#   pools' taint and select GPU nodes by label (nodeSelector or required node affinity on a
#   GPU label, or on the instance type with an Azure N-series VM size).
#   Without the toleration it never schedules on the tainted GPU pool; without the selector
#   it is steered only by the extended resource and may be packed next to unrelated pods.
#   GPU workloads are otherwise held to the same pod security rules as every other workload.
# custom:
#   id: SG-K8S-5
#   threats: []
#   severity: medium
#   stride: Denial of Service
#   inputs: [k8s]
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
#     - apiGroups: [batch.volcano.sh]
#       kinds: [Job]
#     - apiGroups: [kubeflow.org]
#       kinds: [PyTorchJob, TFJob, MPIJob, XGBoostJob, PaddleJob, JAXJob]
#     - apiGroups: [ray.io]
#       kinds: [RayJob, RayCluster, RayService]
#     - apiGroups: [jobset.x-k8s.io]
#       kinds: [JobSet]
#     - apiGroups: [argoproj.io]
#       kinds: [Workflow, CronWorkflow, WorkflowTemplate, ClusterWorkflowTemplate]
#   parameters:
#     gpu_taint_keys:
#       type: array
#       items: {type: string}
#       description: Taint keys set on the GPU node pools.
#       default: [nvidia.com/gpu]
#     gpu_node_labels:
#       type: array
#       items: {type: string}
#       description: Node label keys that identify GPU nodes.
#       default: [kubernetes.azure.com/accelerator, nvidia.com/gpu.present, nvidia.com/gpu.product, accelerator]
#   remediation: |
#     Add `tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]` and
#     `nodeSelector: {kubernetes.azure.com/accelerator: nvidia}` (or an equivalent required
#     node affinity) to every GPU workload's pod template.
#   references:
#     - https://learn.microsoft.com/azure/aks/gpu-cluster
#     - https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
package stridegate.kubernetes.gpu_scheduling

import data.lib.k8s
import data.lib.params
import data.lib.pods
import data.lib.result

_taint_keys := params.get("gpu_taint_keys", ["nvidia.com/gpu"])

_node_labels := params.get("gpu_node_labels", ["kubernetes.azure.com/accelerator", "nvidia.com/gpu.present", "nvidia.com/gpu.product", "accelerator"])

_gpu_workloads contains w if {
	some w in k8s.workloads
	pods.requests_gpu(w.spec)
}

_tolerates(spec) if {
	some t in object.get(spec, "tolerations", [])
	t.key in _taint_keys
	object.get(t, "effect", "") in {"", "NoSchedule"}
}

_tolerates(spec) if {
	some t in object.get(spec, "tolerations", [])
	object.get(t, "key", "") == ""
	t.operator == "Exists"
	object.get(t, "effect", "") in {"", "NoSchedule"}
}

_selects(spec) if {
	some key, _ in object.get(spec, "nodeSelector", {})
	key in _node_labels
}

# an Azure N-series VM size (NC, ND, NV: the GPU families) selected by instance type pins
# the pod to GPU nodes too (the platform's OSMO pod templates select pools this way)
_instance_type_labels := {"node.kubernetes.io/instance-type", "beta.kubernetes.io/instance-type"}

_gpu_size(v) if regex.match(`(?i)^standard_n[a-z]`, v)

_selects(spec) if {
	some key, v in spec.nodeSelector
	key in _instance_type_labels
	_gpu_size(v)
}

_selects(spec) if {
	terms := spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms
	count(terms) > 0
	every term in terms {
		some e in object.get(term, "matchExpressions", [])
		_gpu_expression(e)
	}
}

_gpu_expression(e) if {
	e.key in _node_labels
	e.operator in {"In", "Exists"}
}

_gpu_expression(e) if {
	e.key in _instance_type_labels
	e.operator == "In"
	count(e.values) > 0
	every v in e.values {
		_gpu_size(v)
	}
}

# tolerations, a toleration key, node selector or affinity left to a variable or template
# may be the GPU ones: unknown, not reported
_tolerates(spec) if pods.opaque_list(spec.tolerations)

_tolerates(spec) if {
	some t in spec.tolerations
	k8s.unresolved(t.key)
}

_tolerates(spec) if {
	some t in spec.tolerations
	pods.opaque(t)
}

_selects(spec) if pods.opaque(spec.nodeSelector)

_selects(spec) if {
	some key, _ in spec.nodeSelector
	k8s.unresolved(key)
}

_selects(spec) if pods.opaque(spec.affinity)

_selects(spec) if pods.opaque(spec.affinity.nodeAffinity)

violation contains result.make(rego.metadata.chain(), msg, k8s.resource_id(w.object), w.path) if {
	some w in _gpu_workloads
	not _tolerates(w.spec)
	msg := sprintf("%s requests GPUs but does not tolerate the GPU node taint (%s)", [w.where, concat(", ", _taint_keys)])
}

violation contains result.make(rego.metadata.chain(), msg, k8s.resource_id(w.object), w.path) if {
	some w in _gpu_workloads
	not _selects(w.spec)
	msg := sprintf("%s requests GPUs but selects no GPU nodes (nodeSelector or required node affinity on %s)", [w.where, concat(", ", _node_labels)])
}
