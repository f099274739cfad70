# METADATA
# title: Container image not pinned by digest
# description: |
#   Tags are mutable, digests are not: an image referenced only by tag can be replaced in
#   the registry without any change to the manifest. Digests are preferred for every
#   container (init and ephemeral included).
# custom:
#   id: SG-CTR-5
#   threats: []
#   severity: low
#   stride: Tampering
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
#     Reference images as `repo:tag@sha256:<digest>` (Helm charts: set `image.digest`), and
#     let the deployment pipeline resolve tags to digests at release time.
#   references:
#     - https://kubernetes.io/docs/concepts/containers/images/#image-names
#     - https://learn.microsoft.com/azure/container-registry/container-registry-concepts#manifest-digest
package stridegate.kubernetes.image_digest

import data.lib.pods
import data.lib.result

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": c.container.name, "image": c.container.image}) if {
	some c in pods.containers
	is_string(c.container.image)
	not "digest" in pods.image_unknown(c.container.image)
	not regex.match(`^sha256:[a-f0-9]{64}$`, pods.image(c.container.image).digest)
	msg := sprintf("%s container %q references %q by tag only; pin it by sha256 digest", [c.where, c.container.name, c.container.image])
}
