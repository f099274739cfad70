# METADATA
# title: Container image is untagged or uses :latest
# description: |
#   An image reference without a tag or digest, or tagged `latest` without a digest, changes
#   under the workload without a manifest change: rollouts are not reproducible and a pushed
#   image is picked up silently. A digest pins the image whatever the tag says.
# custom:
#   id: SG-CTR-4
#   threats: []
#   severity: medium
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
#     Pin every image to an immutable version tag and, better, its digest
#     (`repo:1.2.3@sha256:...`); enable tag locking on the ACR repository.
#   references:
#     - https://kubernetes.io/docs/concepts/containers/images/#image-names
#     - https://learn.microsoft.com/azure/container-registry/container-registry-image-lock
package stridegate.kubernetes.image_tag

import data.lib.pods
import data.lib.result

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": c.container.name, "image": c.container.image}) if {
	some c in pods.containers
	is_string(c.container.image)
	img := pods.image(c.container.image)
	img.digest == ""
	img.tag == ""
	count(pods.image_unknown(c.container.image) & {"tag", "digest"}) == 0
	msg := sprintf("%s container %q uses untagged image %q (implicitly :latest)", [c.where, c.container.name, c.container.image])
}

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": c.container.name, "image": c.container.image}) if {
	some c in pods.containers
	is_string(c.container.image)
	img := pods.image(c.container.image)
	lower(img.tag) == "latest"
	img.digest == "" # the runtime pulls by digest when both are given: latest@sha256:... is pinned
	not "digest" in pods.image_unknown(c.container.image)
	msg := sprintf("%s container %q uses the mutable :latest tag (%q)", [c.where, c.container.name, c.container.image])
}
