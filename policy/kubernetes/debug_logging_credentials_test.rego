package stridegate.kubernetes.debug_logging_credentials_test

import data.stridegate.kubernetes.debug_logging_credentials as check

_secret_env := {"name": "AZURE_CLIENT_SECRET", "valueFrom": {"secretKeyRef": {"name": "sp", "key": "secret"}}}

_job(container, labels) := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "train", "namespace": "training"}, "spec": {"template": {
	"metadata": {"labels": labels},
	"spec": {"containers": [object.union({"name": "trainer", "image": "x"}, container)]},
}}}

_res(vs) := {v.details.resource | some v in vs}

test_debug_env_with_secret_env_fires if {
	vs := check.violation with input as _job({"env": [{"name": "LOG_LEVEL", "value": "DEBUG"}, _secret_env]}, {})
	_res(vs) == {"Job/training/train"}
	some v in vs
	v.details.id == "R-1"
	v.details.container == "trainer"
	v.details.credentials == ["AZURE_CLIENT_SECRET"]
}

test_debug_args_with_workload_identity_fires if {
	vs := check.violation with input as _job({"args": ["train.py", "--log-level", "debug"]}, {"azure.workload.identity/use": "true"})
	count(vs) == 1
	vs2 := check.violation with input as _job({"args": ["--log-level=TRACE"]}, {"azure.workload.identity/use": "true"})
	count(vs2) == 1
}

test_azure_sdk_log_level_and_envfrom_secret if {
	vs := check.violation with input as _job({"env": [{"name": "AZURE_LOG_LEVEL", "value": "verbose"}], "envFrom": [{"secretRef": {"name": "storage-creds"}}]}, {})
	count(vs) == 1
}

test_debug_from_configmap_envfrom if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "train-env", "namespace": "training"}, "data": {"LOG_LEVEL": "DEBUG"}}
	job := _job({"envFrom": [{"configMapRef": {"name": "train-env"}}], "env": [{"name": "AZURE_STORAGE_KEY", "value": "x"}]}, {})
	vs := check.violation with input as [{"path": "a.yaml", "contents": cm}, {"path": "a.yaml", "contents": job}]
	count(vs) == 1
	cm2 := json.patch(cm, [{"op": "replace", "path": "/metadata/namespace", "value": "osmo"}])
	vs2 := check.violation with input as [{"path": "a.yaml", "contents": cm2}, {"path": "a.yaml", "contents": job}]
	count(vs2) == 0
}

test_debug_without_credentials_is_clean if {
	vs := check.violation with input as _job({"env": [{"name": "LOG_LEVEL", "value": "DEBUG"}, {"name": "AZURE_CLIENT_ID", "value": "abc"}, {"name": "AZURE_TENANT_ID", "value": "t"}]}, {})
	count(vs) == 0
}

test_info_with_credentials_is_clean if {
	vs := check.violation with input as _job({"env": [{"name": "LOG_LEVEL", "value": "INFO"}, _secret_env], "args": ["--debug-port=5678"]}, {"azure.workload.identity/use": "true"})
	count(vs) == 0
}

test_every_kind_and_list if {
	spec := {"containers": [{"name": "c", "image": "x", "env": [{"name": "OSMO_LOG_LEVEL", "value": "debug"}, _secret_env]}]}
	every kind in ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"] {
		vs := check.violation with input as {"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "apps/v1", "kind": kind, "metadata": {"name": "w", "namespace": "osmo"}, "spec": {"template": {"spec": spec}}}]}
		_res(vs) == {sprintf("%s/osmo/w", [kind])}
	}
}

test_values_component_debug_with_credentials if {
	vs := check.violation with input as [{"path": "helm/osmo-backend-values.yaml", "contents": {
		"services": {
			"worker": {"logLevel": "DEBUG", "extraEnv": [_secret_env]},
			"router": {"logging": {"level": "debug"}},
			"api": {"logLevel": "info", "extraEnv": [{"name": "AZURE_STORAGE_CONNECTION_STRING", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}]},
		},
	}}]
	_res(vs) == {"values:services.worker.logLevel"}
	some v in vs
	v.details.credentials == ["extraEnv.0"]
}

test_values_global_debug_with_any_credentials if {
	vs := check.violation with input as {"global": {"logLevel": "debug"}, "mlflow": {"podLabels": {"azure.workload.identity/use": "true"}}}
	_res(vs) == {"values:global.logLevel"}
}

test_values_without_credentials_is_clean if {
	vs := check.violation with input as {"global": {"logLevel": "debug"}, "services": {"api": {"auth": {"enabled": true}}}}
	count(vs) == 0
}
