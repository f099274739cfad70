package stridegate.kubernetes.storage_account_key_test

import data.stridegate.kubernetes.storage_account_key as check

_conn := "DefaultEndpointsProtocol=https;AccountName=strobotics;AccountKey=bXlrZXk=;EndpointSuffix=core.windows.net"

_deploy(env) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "mlflow", "namespace": "mlflow"}, "spec": {"template": {"spec": {"containers": [{"name": "server", "image": "x", "env": env}]}}}}

_res(vs) := {v.details.resource | some v in vs}

test_env_key_and_connection_string_fire if {
	vs := check.violation with input as _deploy([
		{"name": "AZURE_STORAGE_KEY", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}},
		{"name": "ARTIFACT_STORE", "value": _conn},
		{"name": "AZURE_STORAGE_ACCOUNT", "value": "strobotics"},
	])
	{v.details.env | some v in vs} == {"AZURE_STORAGE_KEY", "ARTIFACT_STORE"}
	some v in vs
	v.details.id == "I-1-K8S"
}

test_identity_env_is_clean if {
	vs := check.violation with input as _deploy([
		{"name": "AZURE_STORAGE_ACCOUNT", "value": "strobotics"},
		{"name": "AZURE_CLIENT_ID", "value": "00000000-0000-0000-0000-000000000001"},
		{"name": "MLFLOW_ARTIFACTS_DESTINATION", "value": "wasbs://mlflow@strobotics.blob.core.windows.net/artifacts"},
	])
	count(vs) == 0
}

test_configmap_connection_string_and_embedded if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "mlflow-config", "namespace": "mlflow"}, "data": {
		"AZURE_STORAGE_CONNECTION_STRING": _conn,
		"storageAccountKey": "bXlrZXk=",
		"config.yaml": "artifacts:\n  account: strobotics\n  accountKey: bXlrZXk=\n",
	}}
	vs := check.violation with input as [{"path": "m.yaml", "contents": cm}]
	{v.details.key | some v in vs} == {"AZURE_STORAGE_CONNECTION_STRING", "storageAccountKey", "config.yaml"}
}

test_values_fire if {
	vs := check.violation with input as [{"path": "helm/mlflow-values.yaml", "contents": {
		"artifactRoot": {"azureBlob": {"enabled": true, "storageAccount": "strobotics", "accessKey": "", "connectionString": _conn}},
		"extraEnvVars": [{"name": "AZURE_STORAGE_KEY", "value": "abc"}],
		"storage": {"accountKey": "{{ .Values.global.key }}"},
	}}]
	_res(vs) == {"values:artifactRoot.azureBlob.connectionString", "values:extraEnvVars.0.name"}
}

test_list_and_gatekeeper if {
	vs := check.violation with input as {"apiVersion": "v1", "kind": "List", "items": [_deploy([{"name": "STORAGE_CONNECTION_STRING", "value": "x"}])]}
	_res(vs) == {"Deployment/mlflow/mlflow"}
	vs2 := check.violation with input as {"review": {"object": _deploy([{"name": "BLOB", "value": _conn}])}}
	count(vs2) == 1
}

test_unresolved_key_settings_are_silent if {
	# the platform renders STORAGE_ACCESS_KEY="$account_key", empty in workload identity mode
	vs := check.violation with input as [{"path": "helm/osmo-values.yaml", "contents": {
		"storage": {"accountKey": "$STORAGE_ACCESS_KEY", "storageAccountKey": "<storage-key>"},
		"backup": {"accountKey": "bXlrZXk="},
	}}]
	_res(vs) == {"values:backup.accountKey"}
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "osmo"}, "data": {"storageAccountKey": "${STORAGE_ACCESS_KEY}", "accountKey": "bXlrZXk="}}
	vs2 := check.violation with input as [{"path": "m.yaml", "contents": cm}]
	{v.details.key | some v in vs2} == {"accountKey"}
}

test_values_inside_a_helm_release if {
	hr := {"apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease", "metadata": {"name": "mlflow", "namespace": "mlflow"}, "spec": {"values": {
		"artifactRoot": {"azureBlob": {"connectionString": _conn, "accessKey": "${STORAGE_KEY}"}},
	}}}
	vs := check.violation with input as [{"path": "gitops/mlflow.yaml", "contents": hr}]
	{[v.details.resource, v.details.setting] | some v in vs} == {["HelmRelease/mlflow/mlflow", "spec.values.artifactRoot.azureBlob.connectionString"]}
}

# --- helm --set in shell scripts ---------------------------------------------------------

_script(lines) := [{"path": "deploy/mlflow.sh", "contents": {"source": {"language": "shell", "lines": lines}}}]

test_helm_set_storage_key_fires if {
	vs := check.violation with input as _script(["KEY=abc123", "helm upgrade mlflow chart --set-string artifacts.azure.storageAccountKey=$KEY"])
	{[v.details.resource, v.details.setting] | some v in vs} == {["deploy/mlflow.sh:2", "artifacts.azure.storageAccountKey"]}
}

test_helm_set_connection_string_fires if {
	vs := check.violation with input as _script([sprintf(`helm upgrade mlflow chart --set "artifacts.conn=%s"`, [_conn])])
	{v.details.setting | some v in vs} == {"artifacts.conn"}
	vs2 := check.violation with input as _script([sprintf(`helm upgrade mlflow chart --set-literal "artifacts.conn=%s"`, [_conn])])
	_res(vs2) == {"deploy/mlflow.sh:1"}
}

test_helm_set_key_from_unknown_variable_is_silent if {
	vs := check.violation with input as _script(["helm upgrade mlflow chart --set-string artifacts.azure.storageAccountKey=$STORAGE_KEY"])
	count(vs) == 0
}

test_helm_set_clearing_the_values_key_suppresses_it if {
	doc := {"path": "values/mlflow.yaml", "contents": {"artifacts": {"azure": {"storageAccountKey": "abc"}}}}
	vs := check.violation with input as array.concat(_script(["helm upgrade mlflow chart -f values/mlflow.yaml --set-string artifacts.azure.storageAccountKey="]), [doc])
	count(vs) == 0
	vs2 := check.violation with input as array.concat(_script(["helm upgrade mlflow chart -f values/mlflow.yaml"]), [doc])
	_res(vs2) == {"values:artifacts.azure.storageAccountKey"}
}
