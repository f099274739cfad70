package stridegate.kubernetes.image_registry_test

import data.lib.pods
import data.stridegate.kubernetes.image_registry as check

_d := "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

_pod(images) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "training"}, "spec": {
	"containers": [{"name": sprintf("c%d", [i]), "image": img} | some i, img in images],
	"initContainers": [{"name": "init", "image": sprintf("acrroboticsdev.azurecr.io/tools/fetch:1.0@%s", [_d])}],
}}

test_image_parsing if {
	pods.image("busybox") == {"registry": "docker.io", "repository": "busybox", "tag": "", "digest": ""}
	pods.image("nvcr.io/nvidia/pytorch:24.05-py3") == {"registry": "nvcr.io", "repository": "nvidia/pytorch", "tag": "24.05-py3", "digest": ""}
	pods.image(sprintf("localhost:5000/a/b@%s", [_d])) == {"registry": "localhost:5000", "repository": "a/b", "tag": "", "digest": _d}
	pods.image("bitnami/redis:7.2") == {"registry": "docker.io", "repository": "bitnami/redis", "tag": "7.2", "digest": ""}
}

test_registry_allow_list if {
	vs := check.violation with input as _pod(["acrroboticsdev.azurecr.io/osmo/service:6.0.0", "nvcr.io/nvidia/pytorch:24.05-py3", "ghcr.io/mlflow/mlflow:v2.14.1", "python:3.11"])
	{v.details.image | some v in vs} == {"ghcr.io/mlflow/mlflow:v2.14.1", "python:3.11"}
	some v in vs
	v.details.id == "SG-CTR-3"
	v.details.resource == "Pod/training/p"
}

test_registry_lookalike_rejected if {
	vs := check.violation with input as _pod(["nvcr.io.evil.example/x:1", "evil.azurecr.io.example.com/x:1"])
	count(vs) == 2
}

test_registry_parameter if {
	vs := check.violation with input as _pod(["ghcr.io/mlflow/mlflow:v2.14.1"]) with data.lib.parameters as {"allowed_registries": [`^ghcr\.io$`]}
	{v.details.container | some v in vs} == {"init"}
	vs2 := check.violation with input as {"review": {"object": _pod(["ghcr.io/mlflow/mlflow:v2.14.1"])}, "parameters": {"allowed_registries": [`^ghcr\.io$`, `azurecr\.io$`]}}
	count(vs2) == 0
}

test_unresolved_registry_is_silent if {
	vs := check.violation with input as _pod([
		"${ACR_LOGIN_SERVER}/osmo/service:6.3.1",
		"$ACR/osmo/router:6.3.1",
		"<ACR>.azurecr.io/model@sha256:<digest>",
		"{{ .Values.global.osmoImageLocation }}/service:{{ .Values.global.osmoImageTag }}",
		"${IMAGE}",
		"docker.io/library/${IMAGE_NAME}:1.0",
		"bitnami/${TOOL}:1.0",
	])
	{v.details.image | some v in vs} == {"docker.io/library/${IMAGE_NAME}:1.0", "bitnami/${TOOL}:1.0"}
}

test_image_unknown_parts if {
	pods.image_unknown("${IMAGE}") == {"registry", "tag", "digest"}
	pods.image_unknown("${ACR}/osmo/service:6.3.1") == {"registry"}
	pods.image_unknown("nvcr.io/nvidia/osmo/service:${TAG}") == {"tag", "digest"}
	pods.image_unknown(sprintf("nvcr.io/nvidia/osmo/service:${TAG}@%s", [_d])) == {"tag"}
	pods.image_unknown("myreg:5000/team/app:1.0") == set()
}

# a one-segment reference names no registry (docker.io): a variable in its tag or digest
# leaves the registry known
test_variable_tag_of_a_docker_hub_image_keeps_its_registry if {
	pods.image_unknown("python:${PYTHON_VERSION}") == {"tag", "digest"}
	pods.image_unknown("busybox@${DIGEST}") == {"digest"}
	pods.image_unknown("${IMAGE}:1.0") == {"registry"}
	vs := check.violation with input as _pod(["python:${PYTHON_VERSION}", "${IMAGE}:1.0"])
	{v.details.image | some v in vs} == {"python:${PYTHON_VERSION}"}
}
