package stridegate.kubernetes.mlflow_tmp_config_test

import data.stridegate.kubernetes.mlflow_tmp_config as check

_server(env, mounts) := {"name": "mlflow", "image": "x", "env": env, "volumeMounts": mounts}

_deploy(containers, volumes) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "mlflow", "namespace": "mlflow"}, "spec": {"template": {"spec": {"containers": containers, "volumes": volumes}}}}

_env := [{"name": "MLFLOW_CONFIG_PATH", "value": "/tmp/mlflow-config"}]

_tmp := [{"name": "tmp", "mountPath": "/tmp"}]

test_shared_emptydir_fires if {
	vs := check.violation with input as _deploy([_server(_env, _tmp), {"name": "exporter", "image": "y", "volumeMounts": _tmp}], [{"name": "tmp", "emptyDir": {}}])
	{[v.details.resource, v.details.container, v.details.setting] | some v in vs} == {["Deployment/mlflow/mlflow", "mlflow", "MLFLOW_CONFIG_PATH"]}
	some v in vs
	v.details.id == "I-4-K8S"
}

test_host_path_fires if {
	vs := check.violation with input as _deploy([_server([{"name": "MLFLOW_TRACKING_URI", "value": "file:///tmp/mlruns"}], _tmp)], [{"name": "tmp", "hostPath": {"path": "/tmp"}}])
	count(vs) == 1
}

test_private_emptydir_is_clean if {
	vs := check.violation with input as _deploy([_server(_env, _tmp)], [{"name": "tmp", "emptyDir": {}}])
	count(vs) == 0
}

test_no_tmp_mount_is_clean if {
	vs := check.violation with input as _deploy([_server(_env, [])], [])
	count(vs) == 0
}

test_non_tmp_path_is_clean if {
	vs := check.violation with input as _deploy([_server([{"name": "MLFLOW_CONFIG_PATH", "value": "/var/run/mlflow/config"}], _tmp), {"name": "e", "image": "y", "volumeMounts": _tmp}], [{"name": "tmp", "emptyDir": {}}])
	count(vs) == 0
}

test_args_in_job if {
	job := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "train", "namespace": "training"}, "spec": {"template": {"spec": {
		"containers": [{"name": "trainer", "image": "x", "args": ["--mlflow-config=/tmp/mlflow-config/tracking.json"], "volumeMounts": [{"name": "scratch", "mountPath": "/tmp/mlflow-config"}]}],
		"volumes": [{"name": "scratch", "persistentVolumeClaim": {"claimName": "shared"}}],
	}}}}
	vs := check.violation with input as {"apiVersion": "v1", "kind": "List", "items": [job]}
	count(vs) == 1
}
