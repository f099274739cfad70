package stridegate.kubernetes.gpu_scheduling_test

import data.stridegate.kubernetes.fixtures_test as fx
import data.stridegate.kubernetes.gpu_scheduling as check

_tol := [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}]

_sel := {"kubernetes.azure.com/accelerator": "nvidia"}

_container(gpus) := {"name": "trainer", "image": "nvcr.io/nvidia/pytorch:24.05-py3", "resources": {"limits": {"nvidia.com/gpu": gpus}}}

_job(spec) := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "train", "namespace": "training"}, "spec": {"template": {"spec": spec}}}

test_gpu_job_without_toleration_and_selector_fires_twice if {
	vs := check.violation with input as _job({"containers": [_container(1)]})
	count(vs) == 2
	every v in vs {
		v.details.resource == "Job/training/train"
		v.details.id == "SG-K8S-5"
	}
}

test_compliant_gpu_job_is_clean if {
	vs := check.violation with input as _job({"tolerations": _tol, "nodeSelector": _sel, "containers": [_container(1)]})
	count(vs) == 0
}

test_node_affinity_selects if {
	aff := {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "nvidia.com/gpu.present", "operator": "In", "values": ["true"]}]}]}}}
	vs := check.violation with input as _job({"tolerations": _tol, "affinity": aff, "containers": [_container("2")]})
	count(vs) == 0
}

test_preferred_affinity_and_other_labels_do_not_select if {
	aff := {"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 1, "preference": {"matchExpressions": [{"key": "kubernetes.azure.com/accelerator", "operator": "In", "values": ["nvidia"]}]}}]}}
	vs := check.violation with input as _job({"tolerations": _tol, "affinity": aff, "nodeSelector": {"agentpool": "system"}, "containers": [_container(1)]})
	count(vs) == 1
}

test_wrong_toleration_effect_fires if {
	vs := check.violation with input as _job({"tolerations": [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoExecute"}], "nodeSelector": _sel, "containers": [_container(1)]})
	count(vs) == 1
}

test_no_gpu_request_is_not_judged if {
	vs := check.violation with input as _job({"containers": [_container(0)]})
	count(vs) == 0
	vs2 := check.violation with input as _job({"containers": [{"name": "c", "image": "x"}]})
	count(vs2) == 0
}

test_mig_request_in_init_container_of_cronjob if {
	cj := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "eval", "namespace": "training"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {
		"initContainers": [{"name": "warm", "image": "x", "resources": {"requests": {"nvidia.com/mig-1g.10gb": 1}}}],
		"containers": [{"name": "c", "image": "x"}],
	}}}}}}
	vs := check.violation with input as cj
	{v.details.resource | some v in vs} == {"CronJob/training/eval"}
}

test_parameters_change_taint_key if {
	spec := {"tolerations": [{"key": "sku", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"}], "nodeSelector": _sel, "containers": [_container(1)]}
	vs := check.violation with input as _job(spec)
	count(vs) == 1
	vs2 := check.violation with input as _job(spec) with data.lib.parameters as {"gpu_taint_keys": ["sku"]}
	count(vs2) == 0
}

test_multidoc_deployment_and_statefulset if {
	d := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "infer", "namespace": "inference"}, "spec": {"template": {"spec": {"containers": [_container(1)]}}}}
	s := {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "ok", "namespace": "training"}, "spec": {"template": {"spec": {"tolerations": _tol, "nodeSelector": _sel, "containers": [_container(1)]}}}}
	vs := check.violation with input as [{"path": "a.yaml", "contents": d}, {"path": "a.yaml", "contents": s}]
	{v.details.resource | some v in vs} == {"Deployment/inference/infer"}
}

test_unresolved_scheduling_is_silent if {
	# tolerations or selectors left to envsubst/templates may be the GPU ones
	vs := check.violation with input as _job({"tolerations": "${GPU_TOLERATIONS}", "nodeSelector": "{{ toYaml .Values.nodeSelector }}", "containers": [_container(1)]})
	count(vs) == 0
	vs2 := check.violation with input as _job({"tolerations": [{"key": "${GPU_TAINT_KEY}", "operator": "Exists"}], "nodeSelector": {"${GPU_LABEL}": "true"}, "containers": [_container(1)]})
	count(vs2) == 0
	vs3 := check.violation with input as _job({"tolerations": null, "nodeSelector": {"agentpool": "${POOL}"}, "containers": [_container(1)]})
	count(vs3) == 2
}

test_unresolved_gpu_count_is_not_judged if {
	vs := check.violation with input as _job({"containers": [_container("${GPU_COUNT}")]})
	count(vs) == 0
	vs2 := check.violation with input as _job({"containers": [{"name": "c", "image": "x", "resources": {"requests": {"nvidia.com/mig-1g.10gb": "1"}}}]})
	count(vs2) == 2
}

test_gpu_vm_size_selects if {
	vs := check.violation with input as _job({"tolerations": _tol, "nodeSelector": {"node.kubernetes.io/instance-type": "Standard_NV36ads_A10_v5"}, "containers": [_container(1)]})
	count(vs) == 0
	aff := {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "node.kubernetes.io/instance-type", "operator": "In", "values": ["Standard_NC24ads_A100_v4", "Standard_ND96asr_v4"]}]}]}}}
	vs2 := check.violation with input as _job({"tolerations": _tol, "affinity": aff, "containers": [_container(1)]})
	count(vs2) == 0
	mixed := json.patch(aff, [{"op": "add", "path": "/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchExpressions/0/values/-", "value": "Standard_D8s_v5"}])
	vs3 := check.violation with input as _job({"tolerations": _tol, "affinity": mixed, "nodeSelector": {"node.kubernetes.io/instance-type": "Standard_D8s_v5"}, "containers": [_container(1)]})
	count(vs3) == 1
}

# --- pod templates inside training-job CRDs ---

test_pytorchjob_gpu_worker_without_toleration_fires if {
	worker := object.remove(fx.secure_spec("pytorch"), ["tolerations"])
	vs := check.violation with input as fx.pytorchjob(fx.secure_spec("pytorch"), worker)
	count(vs) == 1
	some v in vs
	startswith(v.msg, "PyTorchJob/training/train replica Worker requests GPUs but does not tolerate")
	v.details.resource == "PyTorchJob/training/train"
}

test_secure_pytorchjob_gpu_scheduling_is_clean if {
	count(check.violation) == 0 with input as fx.pytorchjob(fx.secure_spec("pytorch"), fx.secure_spec("pytorch"))
}
