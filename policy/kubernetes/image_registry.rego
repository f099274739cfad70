# METADATA
# title: Container image from a registry outside the allow-list
# description: |
#   Every container image (init and ephemeral included) must come from an allowed registry:
#   by default the platform's Azure Container Registry (`*.azurecr.io`, pulled over its
#   private endpoint) and NVIDIA NGC (`nvcr.io`). Images without a registry host resolve to
#   Docker Hub and are not allowed.
# custom:
#   id: SG-CTR-3
#   threats: []
#   severity: high
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
#   parameters:
#     allowed_registries:
#       type: array
#       items: {type: string}
#       description: Regular expressions matched against the image's registry host.
#       default: ['^[a-z0-9]{5,50}\.azurecr\.io$', '^nvcr\.io$']
#   remediation: |
#     Import third-party images into the platform ACR (`az acr import`), scan them with
#     Defender for Containers, and reference them as `<acr>.azurecr.io/<repo>@sha256:<digest>`.
#   references:
#     - https://learn.microsoft.com/azure/container-registry/container-registry-import-images
#     - https://learn.microsoft.com/azure/aks/operator-best-practices-container-image-management
package stridegate.kubernetes.image_registry

import data.lib.params
import data.lib.pods
import data.lib.result

_allowed := params.get("allowed_registries", [`^[a-z0-9]{5,50}\.azurecr\.io$`, `^nvcr\.io$`])

_ok(registry) if {
	some pattern in _allowed
	regex.match(pattern, registry)
}

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": c.container.name, "image": c.container.image}) if {
	some c in pods.containers
	is_string(c.container.image)
	not "registry" in pods.image_unknown(c.container.image)
	registry := pods.image(c.container.image).registry
	not _ok(registry)
	msg := sprintf("%s container %q pulls %q from registry %q, which is not in the allow-list", [c.where, c.container.name, c.container.image, registry])
}
