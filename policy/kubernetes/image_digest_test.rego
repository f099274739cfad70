package stridegate.kubernetes.image_digest_test

import data.stridegate.kubernetes.image_digest as check

_d := "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

_pod(images) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "training"}, "spec": {
	"containers": [{"name": sprintf("c%d", [i]), "image": img} | some i, img in images],
	"initContainers": [{"name": "init", "image": sprintf("acrroboticsdev.azurecr.io/tools/fetch:1.0@%s", [_d])}],
}}

test_digest_preferred if {
	vs := check.violation with input as _pod([sprintf("nvcr.io/nvidia/pytorch:24.05-py3@%s", [_d]), "nvcr.io/nvidia/pytorch:24.05-py3"])
	{v.details.container | some v in vs} == {"c1"}
	some v in vs
	v.details.severity == "low"
}

test_gatekeeper_and_cronjob if {
	cj := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "eval", "namespace": "training"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "c", "image": "nvcr.io/nvidia/cuda:12.4.1-base-ubuntu22.04"}]}}}}}}
	vs := check.violation with input as {"review": {"object": cj}}
	{v.details.resource | some v in vs} == {"CronJob/training/eval"}
}

test_unresolved_tag_or_digest_is_silent if {
	vs := check.violation with input as _pod([
		"${IMAGE}",
		"nvcr.io/nvidia/osmo/service:${OSMO_TAG}",
		"nvcr.io/nvidia/osmo/service@${OSMO_DIGEST}",
		"{{ .Values.image.repository }}:{{ .Values.image.tag }}",
		"${ACR_LOGIN_SERVER}/osmo/service:6.3.1",
	])
	{v.details.image | some v in vs} == {"${ACR_LOGIN_SERVER}/osmo/service:6.3.1"}
}
