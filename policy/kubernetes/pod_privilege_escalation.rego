# METADATA
# title: Container adds capabilities or allows privilege escalation
# description: |
#   Every container (init and ephemeral included) must set
#   `allowPrivilegeEscalation: false` (the default is true), drop ALL capabilities and add
#   none back except NET_BIND_SERVICE, as the restricted Pod Security Standard requires.
# custom:
#   id: SG-K8S-2
#   threats: []
#   severity: high
#   stride: Elevation of Privilege
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
#   remediation: |
#     In each container's securityContext set `allowPrivilegeEscalation: false` and
#     `capabilities: {drop: [ALL]}`; add back only NET_BIND_SERVICE when a port below 1024
#     is really needed.
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#     - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
package stridegate.kubernetes.pod_privilege_escalation

import data.lib.k8s
import data.lib.pods
import data.lib.result

_allowed_add := {"NET_BIND_SERVICE"}

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": c.container.name}) if {
	some c in pods.containers
	added := {upper(trim_prefix(upper(x), "CAP_")) | some x in _list(c.container, "add"); not k8s.unresolved(x)}
	extra := added - _allowed_add
	count(extra) > 0
	msg := sprintf("%s container %q adds capabilities %s", [c.where, c.container.name, concat(", ", sort(extra))])
}

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": c.container.name}) if {
	some c in pods.containers
	not c.container.securityContext.allowPrivilegeEscalation == false
	not _escalation_unknown(c.container)
	msg := sprintf("%s container %q does not set allowPrivilegeEscalation: false (setuid binaries can gain privileges)", [c.where, c.container.name])
}

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": c.container.name}) if {
	some c in pods.containers
	dropped := {upper(x) | some x in _list(c.container, "drop")}
	not "ALL" in dropped
	not _drop_unknown(c.container)
	msg := sprintf("%s container %q does not drop ALL capabilities", [c.where, c.container.name])
}

# the capabilities a container adds or drops ([] when unset or null)
_list(container, field) := l if {
	l := object.get(container, ["securityContext", "capabilities", field], [])
	is_array(l)
} else := []

# a drop list (or capabilities block) left to a variable or template: ALL may be in it
_drop_unknown(container) if pods.opaque(container.securityContext)

_drop_unknown(container) if pods.opaque(container.securityContext.capabilities)

_drop_unknown(container) if {
	drop := object.get(container, ["securityContext", "capabilities", "drop"], null)
	drop != null
	not is_array(drop)
}

_drop_unknown(container) if {
	some x in _list(container, "drop")
	k8s.unresolved(x)
}

_escalation_unknown(container) if pods.unknown_bool(container.securityContext.allowPrivilegeEscalation)

_escalation_unknown(container) if pods.opaque(container.securityContext)
