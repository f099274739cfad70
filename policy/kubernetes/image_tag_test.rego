package stridegate.kubernetes.image_tag_test

import data.stridegate.kubernetes.fixtures_test as fx
import data.stridegate.kubernetes.image_tag as check

_d := "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

_pod(images) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "training"}, "spec": {
	"containers": [{"name": sprintf("c%d", [i]), "image": img} | some i, img in images],
	"initContainers": [{"name": "init", "image": sprintf("acrroboticsdev.azurecr.io/tools/fetch:1.0@%s", [_d])}],
}}

test_latest_and_untagged if {
	vs := check.violation with input as _pod(["nvcr.io/nvidia/pytorch:latest", "nvcr.io/nvidia/cuda", "nvcr.io/nvidia/cuda:12.4.1-base-ubuntu22.04", sprintf("nvcr.io/nvidia/cuda@%s", [_d])])
	{v.details.image | some v in vs} == {"nvcr.io/nvidia/pytorch:latest", "nvcr.io/nvidia/cuda"}
	some v in vs
	v.details.id == "SG-CTR-4"
}

test_registry_port_is_not_a_tag if {
	vs := check.violation with input as _pod(["registry.local:5000/team/app"])
	count(vs) == 1
}

test_every_workload_kind_and_list if {
	d := {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "ds", "namespace": "kube-system"}, "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "docker.io/library/alpine:latest"}]}}}}
	vs := check.violation with input as {"apiVersion": "v1", "kind": "List", "items": [d]}
	{v.details.resource | some v in vs} == {"DaemonSet/kube-system/ds"}
	vs2 := check.violation with input as [{"path": "a.yaml", "contents": d}, {"path": "a.yaml", "contents": null}]
	count(vs2) == 1
}

test_unresolved_reference_is_silent if {
	vs := check.violation with input as _pod([
		"${IMAGE}",
		"{{ .Values.image.repository }}:{{ .Values.image.tag }}",
		"nvcr.io/nvidia/osmo/service:${OSMO_TAG}",
		"${ACR}/osmo/service:latest",
		"${ACR}/osmo/router",
	])
	{v.details.image | some v in vs} == {"${ACR}/osmo/service:latest", "${ACR}/osmo/router"}
}

test_latest_pinned_by_digest_is_silent if {
	vs := check.violation with input as _pod([sprintf("nvcr.io/nvidia/pytorch:latest@%s", [_d]), "nvcr.io/nvidia/pytorch:latest@${DIGEST}", "nvcr.io/nvidia/pytorch:LATEST"])
	{v.details.image | some v in vs} == {"nvcr.io/nvidia/pytorch:LATEST"}
}

# --- pod templates inside training-job CRDs ---

test_jobset_latest_image_fires_with_the_replicated_job if {
	vs := check.violation with input as fx.jobset(fx.with_container(fx.secure_spec("trainer"), {"image": "nvcr.io/nvidia/pytorch:latest"}))
	{v.msg | some v in vs} == {`JobSet/training/train replicated job workers container "trainer" uses the mutable :latest tag ("nvcr.io/nvidia/pytorch:latest")`}
	every v in vs {
		v.details.resource == "JobSet/training/train"
	}
}

test_training_crd_image_left_to_a_variable_is_silent if {
	spec := fx.with_container(fx.secure_spec("trainer"), {"image": "nvcr.io/nvidia/pytorch:${TAG}"})
	count(check.violation) == 0 with input as fx.pytorchjob(spec, spec)
}
