# METADATA
# title: Workload identity pod without an annotated service account
# description: |
#   A pod labelled `azure.workload.identity/use: "true"` gets Azure tokens only through its
#   service account's federated credential: the service account must carry the
#   `azure.workload.identity/client-id` annotation naming the user-assigned managed identity.
#   A pod on the `default` service account, or on a service account without the annotation,
#   falls back to whatever credential the code finds (keys, connection strings). A service
#   account that is not among the documents checked is not judged.
# custom:
#   id: SG-ID-10
#   threats: [I-1]
#   severity: medium
#   stride: Spoofing
#   inputs: [k8s]
#   sync: [{group: "", version: v1, kind: ServiceAccount}]
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
#     Create a dedicated ServiceAccount per workload annotated
#     `azure.workload.identity/client-id: <managed identity client id>`, add a federated
#     identity credential for `system:serviceaccount:<ns>:<name>`, and set
#     `serviceAccountName` in the pod template.
#   references:
#     - https://learn.microsoft.com/azure/aks/workload-identity-overview
#     - https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html
package stridegate.kubernetes.workload_identity_sa

import data.lib.k8s
import data.lib.result

_annotation := "azure.workload.identity/client-id"

_uses_wi(w) if {
	v := w.metadata.labels["azure.workload.identity/use"]
	lower(sprintf("%v", [v])) == "true"
}

_sa_name(spec) := spec.serviceAccountName if {
	is_string(spec.serviceAccountName)
	spec.serviceAccountName != ""
} else := spec.serviceAccount if {
	# the deprecated alias, still accepted by the API server
	is_string(spec.serviceAccount)
	spec.serviceAccount != ""
} else := "default"

_service_accounts(ns, name) := k8s.named("ServiceAccount", ns, name)

_annotated(sa) if {
	v := sa.metadata.annotations[_annotation]
	is_string(v)
	trim_space(v) != ""
}

violation contains result.make(rego.metadata.chain(), msg, k8s.resource_id(w.object), w.path) if {
	some w in k8s.workloads
	_uses_wi(w)
	_sa_name(w.spec) == "default"
	not _default_annotated(w)
	msg := sprintf("%s is labelled for workload identity but runs as the default service account", [w.where])
}

_default_annotated(w) if {
	some sa in _service_accounts(k8s.namespace(w.object), "default")
	_annotated(sa)
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(w.object), w.path, {"serviceAccount": name}) if {
	some w in k8s.workloads
	_uses_wi(w)
	name := _sa_name(w.spec)
	name != "default"
	sas := _service_accounts(k8s.namespace(w.object), name)
	count(sas) > 0
	every sa in sas {
		not _annotated(sa)
	}
	msg := sprintf("%s is labelled for workload identity but service account %q has no %s annotation", [w.where, name, _annotation])
}
