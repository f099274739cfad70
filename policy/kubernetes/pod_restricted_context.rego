# METADATA
# title: Container may run as root, without seccomp or with a writable root filesystem
# description: |
#   Every container (init and ephemeral included) must run as a non-root user
#   (`runAsNonRoot: true` and no `runAsUser: 0`, set on the container or the pod), under
#   the RuntimeDefault (or a Localhost) seccomp profile, with `readOnlyRootFilesystem: true`.
# custom:
#   id: SG-K8S-3
#   threats: []
#   severity: medium
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
#     Set pod `securityContext: {runAsNonRoot: true, runAsUser: <uid>, seccompProfile:
#     {type: RuntimeDefault}}` and container `readOnlyRootFilesystem: true`, mounting
#     emptyDir volumes where the process must write.
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#     - https://kubernetes.io/docs/tutorials/security/seccomp/
package stridegate.kubernetes.pod_restricted_context

import data.lib.k8s
import data.lib.pods
import data.lib.result

_name(c) := c.container.name

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": _name(c)}) if {
	some c in pods.containers
	not _non_root(c)
	not _non_root_unknown(c)
	not _opaque(c, "runAsNonRoot")
	msg := sprintf("%s container %q does not set runAsNonRoot: true (on the container or the pod)", [c.where, _name(c)])
}

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": _name(c)}) if {
	some c in pods.containers
	pods.security(c.spec, c.container, "runAsUser") == 0
	msg := sprintf("%s container %q runs as UID 0 (root)", [c.where, _name(c)])
}

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": _name(c)}) if {
	some c in pods.containers
	not _seccomp_ok(c)
	not _seccomp_unknown(c)
	not _opaque(c, "seccompProfile")
	msg := sprintf("%s container %q has no RuntimeDefault or Localhost seccomp profile", [c.where, _name(c)])
}

# (a negated function call compared with == is never true in OPA when the call is
# undefined, hence the helper rules)
_non_root(c) if pods.security(c.spec, c.container, "runAsNonRoot") == true

_seccomp_ok(c) if pods.security(c.spec, c.container, "seccompProfile").type in {"RuntimeDefault", "Localhost"}

# a profile left to a variable or template (the profile or its type is not a literal)
_seccomp_unknown(c) if {
	profile := pods.security(c.spec, c.container, "seccompProfile")
	not is_object(profile)
}

_seccomp_unknown(c) if k8s.unresolved(pods.security(c.spec, c.container, "seccompProfile").type)

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": _name(c)}) if {
	some c in pods.containers
	c.type != "ephemeralContainers"
	not c.container.securityContext.readOnlyRootFilesystem == true
	not _read_only_unknown(c)
	msg := sprintf("%s container %q does not set readOnlyRootFilesystem: true", [c.where, _name(c)])
}

# the container's securityContext is left to a template or variable, or the pod's is and
# the container does not set the field itself (a container's value wins over the pod's)
_opaque(c, _) if pods.opaque(c.container.securityContext)

_opaque(c, field) if {
	pods.opaque(c.spec.securityContext)
	object.get(c.container, ["securityContext", field], null) == null
}

_non_root_unknown(c) if pods.unknown_bool(pods.security(c.spec, c.container, "runAsNonRoot"))

_read_only_unknown(c) if pods.unknown_bool(c.container.securityContext.readOnlyRootFilesystem)

_read_only_unknown(c) if pods.opaque(c.container.securityContext)
