package stridegate.kubernetes.debug_logging_credentials_test

import data.stridegate.kubernetes.debug_logging_credentials as check
import data.stridegate.kubernetes.fixtures_test as fx

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

test_values_env_list_and_args_debug if {
	vs := check.violation with input as [{"path": "values/trainer.yaml", "contents": {
		"trainer": {"extraEnv": [{"name": "LOG_LEVEL", "value": "DEBUG"}, _secret_env]},
		"mlflow": {"env": {"LOG_LEVEL": "debug", "AZURE_STORAGE_CONNECTION_STRING": "from-secret"}},
		"services": {
			"worker": {"extraArgs": ["--log-level=debug"], "podLabels": {"azure.workload.identity/use": "true"}},
			"api": {"args": ["serve", "--log-level", "TRACE"], "extraEnv": [_secret_env]},
			"router": {"extraArgs": ["--log-level=info"], "extraEnv": [_secret_env]},
		},
	}}]
	_res(vs) == {"values:trainer.extraEnv.0", "values:mlflow.env.LOG_LEVEL", "values:services.worker.extraArgs.0", "values:services.api.args"}
}

test_key_vault_name_is_not_a_credential if {
	vs := check.violation with input as _job({"env": [{"name": "LOG_LEVEL", "value": "DEBUG"}, {"name": "AZURE_KEYVAULT_URL", "value": "https://kv.vault.azure.net"}, {"name": "AZURE_KEY_VAULT_NAME", "value": "kv"}]}, {})
	count(vs) == 0
	vs2 := check.violation with input as _job({"env": [{"name": "LOG_LEVEL", "value": "DEBUG"}, {"name": "AZURE_KEY_VAULT_CLIENT_SECRET", "value": "x"}]}, {})
	count(vs2) == 1
}

_router := {"global": {"logs": {"enabled": true, "logLevel": "DEBUG"}}, "services": {"service": {"serviceAccountName": "router"}}}

_router_identity := {"serviceAccount": {"annotations": {"azure.workload.identity/client-id": ""}}, "services": {"service": {"extraPodLabels": {"azure.workload.identity/use": "true"}}}}

test_values_split_across_layered_files if {
	# helm upgrade -f osmo-router.yaml -f osmo-router-identity.yaml: the debug level and the
	# workload identity label are in two files of one release
	vs := check.violation with input as [
		{"path": "setup/values/osmo-router.yaml", "contents": _router},
		{"path": "setup/values/osmo-router-identity.yaml", "contents": _router_identity},
	]
	{[v.details.resource, v.details.file] | some v in vs} == {["values:global.logs.logLevel", "setup/values/osmo-router.yaml"]}
	some v in vs
	v.details.credentials == ["osmo-router-identity.yaml: services.service.extraPodLabels.azure.workload.identity/use"]
}

test_values_of_unrelated_files_are_not_layered if {
	vs := check.violation with input as [
		{"path": "setup/values/osmo-router.yaml", "contents": _router},
		{"path": "other/values/osmo-router-identity.yaml", "contents": _router_identity},
		{"path": "setup/values/osmo-routers.yaml", "contents": _router_identity},
		{"path": "setup/values/osmo.yaml", "contents": {"osmo": {"x": 1}}},
	]
	count(vs) == 0
}

# scripts that deploy the two files with separate helm commands show two releases: the
# names alone do not layer them; a command naming both does
_layered_docs := [
	{"path": "setup/values/osmo-router.yaml", "contents": _router},
	{"path": "setup/values/osmo-router-identity.yaml", "contents": _router_identity},
]

_deploy_sh(lines) := {"path": "setup/deploy.sh", "contents": {"source": {"language": "shell", "lines": lines}}}

test_files_deployed_by_separate_commands_are_not_layered if {
	vs := check.violation with input as array.concat(_layered_docs, [_deploy_sh([
		"helm upgrade -i router osmo/router -f \"$VALUES_DIR/osmo-router.yaml\"",
		"helm upgrade -i identity other/chart -f \"$VALUES_DIR/osmo-router-identity.yaml\"",
	])])
	count(vs) == 0
}

test_files_deployed_by_one_command_are_layered if {
	vs := check.violation with input as array.concat(_layered_docs, [_deploy_sh([
		"args=(upgrade -i router osmo/router -f \"$VALUES_DIR/osmo-router.yaml\")",
		"[[ -n \"$ID\" ]] && args+=(-f \"$VALUES_DIR/osmo-router-identity.yaml\")",
		"helm \"${args[@]}\"",
		"helm upgrade -i router-dev osmo/router -f \"$VALUES_DIR/osmo-router.yaml\"",
	])])
	{v.details.file | some v in vs} == {"setup/values/osmo-router.yaml"}
}

_cm_ref(key) := {"name": "LOG_LEVEL", "valueFrom": {"configMapKeyRef": {"name": "train-settings", "key": key}}}

test_debug_from_configmap_key_ref if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "train-settings", "namespace": "training"}, "data": {"level": "DEBUG", "quiet": "INFO"}}
	vs := check.violation with input as [{"path": "a.yaml", "contents": cm}, {"path": "b.yaml", "contents": _job({"env": [_cm_ref("level"), _secret_env]}, {})}]
	{v.details.debug | some v in vs} == {["LOG_LEVEL=DEBUG (ConfigMap train-settings key level)"]}
	vs2 := check.violation with input as [{"path": "a.yaml", "contents": cm}, {"path": "b.yaml", "contents": _job({"env": [_cm_ref("quiet"), _secret_env]}, {})}]
	count(vs2) == 0
}

test_args_beside_a_null_command if {
	vs := check.violation with input as _job({"command": null, "args": ["--log-level", "debug"]}, {"azure.workload.identity/use": "true"})
	count(vs) == 1
}

test_values_prefixed_level_keys if {
	wi := {"podLabels": {"azure.workload.identity/use": "true"}}
	vs := check.violation with input as [{"path": "v.yaml", "contents": {
		"router": object.union(wi, {"osmoLogLevel": "DEBUG"}),
		"agent": object.union(wi, {"k8sLogLevel": "debug"}),
		"worker": object.union(wi, {"service-log-level": "trace"}),
		"ui": object.union(wi, {"catalogLevel": "debug", "k8sLogLevel": "WARNING"}),
	}}]
	_res(vs) == {"values:router.osmoLogLevel", "values:agent.k8sLogLevel", "values:worker.service-log-level"}
}

test_values_inside_a_helm_release if {
	hr := {"apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease", "metadata": {"name": "osmo-router", "namespace": "osmo"}, "spec": {"values": {
		"global": {"logs": {"logLevel": "DEBUG"}},
		"services": {"service": {"extraPodLabels": {"azure.workload.identity/use": "true"}}},
	}}}
	vs := check.violation with input as [{"path": "gitops/osmo-router.yaml", "contents": hr}]
	{[v.details.resource, v.details.setting] | some v in vs} == {["HelmRelease/osmo/osmo-router", "spec.values.global.logs.logLevel"]}
	hr_info := json.patch(hr, [{"op": "replace", "path": "/spec/values/global/logs/logLevel", "value": "INFO"}])
	vs2 := check.violation with input as [{"path": "gitops/osmo-router.yaml", "contents": hr_info}]
	count(vs2) == 0
}

test_training_crd_reads_workload_identity_from_the_replica_template if {
	debug := fx.with_container(fx.secure_spec("pytorch"), {"env": [{"name": "LOG_LEVEL", "value": "DEBUG"}]})
	job := json.patch(fx.pytorchjob(debug, debug), [{
		"op": "add", "path": "/spec/pytorchReplicaSpecs/Worker/template/metadata",
		"value": {"labels": {"azure.workload.identity/use": "true"}},
	}])
	vs := check.violation with input as job
	{v.msg | some v in vs} == {`PyTorchJob/training/train replica Worker container "pytorch" logs at debug level (LOG_LEVEL=DEBUG) while holding Azure credentials (workload identity token)`}
}

# --- helm --set in shell scripts ---------------------------------------------------------

_script(lines) := [{"path": "deploy/router.sh", "contents": {"source": {"language": "shell", "lines": lines}}}]

test_helm_set_debug_with_credentials_fires if {
	vs := check.violation with input as _script(["helm upgrade router chart --set services.router.logLevel=DEBUG --set-string services.router.env.AZURE_CLIENT_SECRET=s3cret"])
	{[v.details.resource, v.details.setting] | some v in vs} == {["deploy/router.sh:1", "services.router.logLevel"]}
}

test_helm_set_info_with_credentials_is_clean if {
	vs := check.violation with input as _script(["helm upgrade router chart --set services.router.logLevel=INFO --set-string services.router.env.AZURE_CLIENT_SECRET=s3cret"])
	count(vs) == 0
}

test_helm_set_unknown_level_is_silent if {
	vs := check.violation with input as _script(["helm upgrade router chart --set services.router.logLevel=$LEVEL --set-string services.router.env.AZURE_CLIENT_SECRET=s3cret"])
	count(vs) == 0
}

test_helm_set_info_level_suppresses_the_values_file_debug if {
	doc := {"path": "values/router.yaml", "contents": {"services": {"router": {"logLevel": "DEBUG", "env": {"AZURE_CLIENT_SECRET": "s"}}}}}
	vs := check.violation with input as array.concat(_script(["helm upgrade router chart -f values/router.yaml --set services.router.logLevel=INFO"]), [doc])
	count(vs) == 0
	vs2 := check.violation with input as array.concat(_script(["helm upgrade router chart -f values/router.yaml --set services.router.replicas=2"]), [doc])
	_res(vs2) == {"values:services.router.logLevel"}
}
