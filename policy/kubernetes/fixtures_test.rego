# Shared builders for the Kubernetes control tests: batch and training CRDs that carry pod
# templates (Kubeflow, Volcano, KubeRay, JobSet, Argo Workflows). Test-only (a _test.rego
# file, never in a bundle).
package stridegate.kubernetes.fixtures_test

_meta := {"name": "train", "namespace": "training"}

# pytorchjob is a Kubeflow PyTorchJob with a Master and a Worker replica.
pytorchjob(master, worker) := {
	"apiVersion": "kubeflow.org/v1",
	"kind": "PyTorchJob",
	"metadata": _meta,
	"spec": {"pytorchReplicaSpecs": {
		"Master": {"replicas": 1, "restartPolicy": "OnFailure", "template": {"spec": master}},
		"Worker": {"replicas": 2, "restartPolicy": "OnFailure", "template": {"spec": worker}},
	}},
}

# volcano_job is a Volcano batch Job with one task per {name, spec}.
volcano_job(tasks) := {
	"apiVersion": "batch.volcano.sh/v1alpha1",
	"kind": "Job",
	"metadata": _meta,
	"spec": {
		"schedulerName": "volcano",
		"minAvailable": 1,
		"tasks": [{"name": t.name, "replicas": 1, "template": {"spec": t.spec}} | some t in tasks],
	},
}

# rayjob is a KubeRay RayJob with a head group and one worker group ("gpu").
rayjob(head, worker) := {
	"apiVersion": "ray.io/v1",
	"kind": "RayJob",
	"metadata": _meta,
	"spec": {
		"entrypoint": "python train.py",
		"rayClusterSpec": {
			"headGroupSpec": {"rayStartParams": {}, "template": {"spec": head}},
			"workerGroupSpecs": [{"groupName": "gpu", "replicas": 1, "rayStartParams": {}, "template": {"spec": worker}}],
		},
	},
}

# jobset is a JobSet with one replicated job ("workers").
jobset(spec) := {
	"apiVersion": "jobset.x-k8s.io/v1alpha2",
	"kind": "JobSet",
	"metadata": _meta,
	"spec": {"replicatedJobs": [{"name": "workers", "replicas": 1, "template": {"spec": {"template": {"spec": spec}}}}]},
}

# workflow is an Argo Workflow with the given spec (templates, securityContext...).
workflow(spec) := {
	"apiVersion": "argoproj.io/v1alpha1",
	"kind": "Workflow",
	"metadata": _meta,
	"spec": spec,
}

# secure_container is a container that meets the restricted pod security profile, with a
# pinned NGC image and one GPU.
secure_container(name) := {
	"name": name,
	"image": "nvcr.io/nvidia/pytorch:24.05-py3@sha256:7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f",
	"resources": {"limits": {"nvidia.com/gpu": 1}},
	"securityContext": {
		"allowPrivilegeEscalation": false,
		"readOnlyRootFilesystem": true,
		"capabilities": {"drop": ["ALL"]},
	},
}

# secure_spec is a hardened GPU pod spec running container secure_container(name).
secure_spec(name) := {
	"serviceAccountName": "trainer",
	"automountServiceAccountToken": false,
	"nodeSelector": {"kubernetes.azure.com/accelerator": "nvidia"},
	"tolerations": [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}],
	"securityContext": {"runAsNonRoot": true, "runAsUser": 1000, "seccompProfile": {"type": "RuntimeDefault"}},
	"containers": [secure_container(name)],
}

# with_container is spec with its first container's fields overridden by patch.
with_container(spec, patch) := object.union(spec, {"containers": [object.union(spec.containers[0], patch)]})
