package stridegate.kubernetes.pod_host_access_test

import data.stridegate.kubernetes.fixtures_test as fx
import data.stridegate.kubernetes.pod_host_access as check

_c := {"name": "app", "image": "nvcr.io/nvidia/pytorch:24.05-py3"}

_pod(spec) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "training"}, "spec": spec}

_wrap(kind, spec) := {"apiVersion": "apps/v1", "kind": kind, "metadata": {"name": "w", "namespace": "training"}, "spec": {"template": {"spec": spec}}}

_cron(spec) := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "w", "namespace": "training"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": spec}}}}}

_msgs(vs) := {v.details.resource | some v in vs}

test_privileged_container_fires_in_every_kind if {
	spec := {"containers": [object.union(_c, {"securityContext": {"privileged": true}})]}
	every kind in ["Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet"] {
		vs := check.violation with input as _wrap(kind, spec)
		_msgs(vs) == {sprintf("%s/training/w", [kind])}
	}
	vs := check.violation with input as _cron(spec)
	_msgs(vs) == {"CronJob/training/w"}
	vp := check.violation with input as _pod(spec)
	some v in vp
	v.details.container == "app"
	v.details.id == "SG-K8S-1"
}

test_privileged_init_and_ephemeral_containers_fire if {
	spec := {
		"containers": [_c],
		"initContainers": [{"name": "init", "image": "x", "securityContext": {"privileged": true}}],
		"ephemeralContainers": [{"name": "debug", "image": "y", "securityContext": {"privileged": true}}],
	}
	vs := check.violation with input as _pod(spec)
	{v.details.container | some v in vs} == {"init", "debug"}
}

test_host_namespaces_fire_each if {
	vs := check.violation with input as _wrap("Deployment", {"hostNetwork": true, "hostPID": true, "hostIPC": true, "containers": [_c]})
	count(vs) == 3
}

test_host_path_and_host_port_fire if {
	vs := check.violation with input as _wrap("DaemonSet", {
		"volumes": [{"name": "dp", "hostPath": {"path": "/var/lib/kubelet/device-plugins"}}, {"name": "tmp", "emptyDir": {}}],
		"containers": [object.union(_c, {"ports": [{"containerPort": 80, "hostPort": 8080}]})],
	})
	count(vs) == 2
	some v in vs
	v.details.volume == "dp"
}

test_compliant_pod_is_clean if {
	vs := check.violation with input as _wrap("Deployment", {
		"hostNetwork": false,
		"volumes": [{"name": "tmp", "emptyDir": {}}],
		"containers": [object.union(_c, {"securityContext": {"privileged": false}, "ports": [{"containerPort": 8080}]})],
	})
	count(vs) == 0
}

test_list_and_multidoc if {
	bad := _wrap("Deployment", {"hostPID": true, "containers": [_c]})
	vs := check.violation with input as {"apiVersion": "v1", "kind": "List", "items": [bad, _pod({"containers": [_c]})]}
	_msgs(vs) == {"Deployment/training/w"}
	vs2 := check.violation with input as [{"path": "r.yaml", "contents": bad}, {"path": "r.yaml", "contents": null}, {"path": "r.yaml", "contents": _pod({"hostIPC": true, "containers": [_c]})}]
	_msgs(vs2) == {"Deployment/training/w", "Pod/training/p"}
}

test_gatekeeper_review if {
	vs := check.violation with input as {"review": {"object": _pod({"hostNetwork": true, "containers": [_c]})}, "parameters": {}}
	count(vs) == 1
}

test_non_workloads_ignored if {
	vs := check.violation with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "spec": {"hostNetwork": true}}
	count(vs) == 0
}

test_unresolved_host_port_and_null_host_path_are_silent if {
	spec := {
		"containers": [object.union(_c, {"ports": [{"containerPort": 8080, "hostPort": "${HOST_PORT}"}, {"containerPort": 9090, "hostPort": 9090}]})],
		"volumes": [{"name": "scratch", "hostPath": null, "emptyDir": {}}],
	}
	vs := check.violation with input as _pod(spec)
	{v.msg | some v in vs} == {`Pod/training/p container "app" binds host port 9090`}
}

# --- pod templates inside training-job CRDs ---

test_privileged_pytorchjob_fires_once_per_replica_container if {
	spec := fx.with_container(fx.secure_spec("pytorch"), {"securityContext": {"privileged": true}})
	vs := check.violation with input as fx.pytorchjob(spec, spec)
	{v.msg | some v in vs} == {
		`PyTorchJob/training/train replica Master container "pytorch" runs privileged: it has every capability and access to all host devices`,
		`PyTorchJob/training/train replica Worker container "pytorch" runs privileged: it has every capability and access to all host devices`,
	}
	every v in vs {
		v.details.resource == "PyTorchJob/training/train"
		v.details.container == "pytorch"
	}
}

test_secure_pytorchjob_is_clean if {
	vs := check.violation with input as fx.pytorchjob(fx.secure_spec("pytorch"), fx.secure_spec("pytorch"))
	count(vs) == 0
}

test_pytorchjob_privileged_left_to_a_variable_is_silent if {
	spec := fx.with_container(fx.secure_spec("pytorch"), {"securityContext": {"privileged": "${PRIVILEGED}"}})
	vs := check.violation with input as fx.pytorchjob(spec, {"containers": "{{ .Values.containers }}"})
	count(vs) == 0
}

test_volcano_task_host_network_names_the_task if {
	vs := check.violation with input as fx.volcano_job([
		{"name": "ps", "spec": fx.secure_spec("ps")},
		{"name": "worker", "spec": object.union(fx.secure_spec("worker"), {"hostNetwork": true})},
	])
	{v.msg | some v in vs} == {"Job/training/train task worker sets hostNetwork: true and shares the node's namespace"}
}

test_argo_workflow_host_path_volume_fires if {
	vs := check.violation with input as fx.workflow({"templates": [{
		"name": "train",
		"container": {"image": "nvcr.io/nvidia/pytorch:24.05-py3"},
		"volumes": [{"name": "shm", "hostPath": {"path": "/dev/shm"}}],
	}]})
	{v.msg | some v in vs} == {`Workflow/training/train template train mounts hostPath "/dev/shm" as volume "shm": node files are reachable from the pod`}
}
