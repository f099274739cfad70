# METADATA
# title: Privileged pod or host namespace / hostPath access
# description: |
#   A workload (pod template of any kind, init and ephemeral containers included) that runs
#   a privileged container, shares the node's network, PID or IPC namespace, binds a host
#   port or mounts a hostPath volume can take over the node and every pod on it. GPU training
#   workloads are held to the same rule; the NVIDIA device plugin / GPU operator's real needs
#   are recorded as accepted exceptions, not by weakening the rule.
# custom:
#   id: SG-K8S-1
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
#     Remove `privileged: true`, `hostNetwork`, `hostPID`, `hostIPC`, `hostPort` and hostPath
#     volumes; use emptyDir, projected or CSI volumes (Key Vault CSI for secrets) and Services
#     for ports. Label the namespace `pod-security.kubernetes.io/enforce: restricted`.
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#     - https://learn.microsoft.com/azure/aks/use-psa
package stridegate.kubernetes.pod_host_access

import data.lib.k8s
import data.lib.pods
import data.lib.result

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": c.container.name}) if {
	some c in pods.containers
	c.container.securityContext.privileged == true
	msg := sprintf("%s container %q runs privileged: it has every capability and access to all host devices", [c.where, c.container.name])
}

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": c.container.name}) if {
	some c in pods.containers
	some p in object.get(c.container, "ports", [])
	is_number(p.hostPort)
	p.hostPort > 0
	msg := sprintf("%s container %q binds host port %v", [c.where, c.container.name, p.hostPort])
}

violation contains result.make(rego.metadata.chain(), msg, k8s.resource_id(w.object), w.path) if {
	some w in k8s.workloads
	some field in ["hostNetwork", "hostPID", "hostIPC"]
	w.spec[field] == true
	msg := sprintf("%s sets %s: true and shares the node's namespace", [w.where, field])
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(w.object), w.path, {"volume": v.name}) if {
	some w in k8s.workloads
	some v in object.get(w.spec, "volumes", [])
	is_object(v.hostPath)
	msg := sprintf("%s mounts hostPath %q as volume %q: node files are reachable from the pod", [w.where, object.get(v.hostPath, "path", ""), v.name])
}
