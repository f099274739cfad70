# METADATA
# title: Long-lived service account tokens
# description: |
#   Legacy `kubernetes.io/service-account-token` Secrets never expire and are not bound to
#   a pod; projected service account tokens requested with `expirationSeconds` above the
#   limit (default one day) stay valid long after the pod is gone. Either lets a leaked
#   token be replayed for months, like the one-year OSMO service token of E-2.
# custom:
#   id: E-2-K8S
#   threats: [E-2]
#   severity: high
#   stride: Elevation of Privilege
#   inputs: [k8s]
#   kinds:
#     - apiGroups: [""]
#       kinds: [Secret, Pod, ReplicationController]
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
#     max_token_expiration_seconds:
#       type: integer
#       description: Longest accepted expirationSeconds of a projected service account token.
#       default: 86400
#   remediation: |
#     Delete service-account-token Secrets and use bound, projected tokens (TokenRequest)
#     with short expirationSeconds (the kubelet rotates them); store OSMO service tokens in
#     Key Vault with a rotation policy.
#   references:
#     - https://kubernetes.io/docs/concepts/security/service-accounts/#bound-service-account-tokens
#     - https://kubernetes.io/docs/concepts/storage/projected-volumes/#serviceaccounttoken
package stridegate.kubernetes.long_lived_tokens

import data.lib.k8s
import data.lib.params
import data.lib.result

_max := params.get("max_token_expiration_seconds", 86400)

violation contains result.make(rego.metadata.chain(), msg, k8s.resource_id(o.object), o.path) if {
	some o in k8s.objects
	o.object.kind == "Secret"
	o.object.type == "kubernetes.io/service-account-token"
	sa := object.get(o.object.metadata, ["annotations", "kubernetes.io/service-account.name"], "?")
	msg := sprintf("%s is a non-expiring service-account-token Secret for service account %q", [k8s.resource_id(o.object), sa])
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(w.object), w.path, {"volume": v.name}) if {
	some w in k8s.workloads
	some v in object.get(w.spec, "volumes", [])
	some src in v.projected.sources
	secs := src.serviceAccountToken.expirationSeconds
	is_number(secs)
	secs > _max
	msg := sprintf("%s projects a service account token in volume %q valid for %v s (limit %v s)", [w.where, v.name, secs, _max])
}
