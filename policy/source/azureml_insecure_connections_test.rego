package stridegate.source.azureml_insecure_connections_test

import data.stridegate.source.azureml_insecure_connections as check

_sh(lines) := [{"path": "infrastructure/setup/02-deploy-azureml-extension.sh", "contents": {"source": {"language": "shell", "lines": lines}}}]

test_inline_setting_over_continuation_lines_fires if {
	vs := check.violation with input as _sh([
		"#!/usr/bin/env bash",
		"az k8s-extension create --name azureml \\",
		"  --extension-type Microsoft.AzureML.Kubernetes \\",
		"  --config enableInference=True inferenceRouterServiceType=LoadBalancer allowInsecureConnections=True \\",
		"  --cluster-type managedClusters --cluster-name \"$cluster\" --resource-group \"$rg\"",
	])
	{[v.details.id, v.details.line, v.details.resource] | some v in vs} == {["T-3-SCRIPT", 2, "infrastructure/setup/02-deploy-azureml-extension.sh:2"]}
}

test_variable_and_quoted_forms_fire if {
	vs := check.violation with input as _sh([
		"ALLOW_INSECURE=true",
		"az k8s-extension update --name azureml --config \"allowInsecureConnections=${ALLOW_INSECURE}\"",
		"az k8s-extension create --name azureml2 --configuration-settings 'allowinsecureconnections=TRUE'",
	])
	{v.details.line | some v in vs} == {2, 3}
}

test_setting_given_twice_in_two_cases_fires_once if {
	vs := check.violation with input as _sh([
		"extra=(allowInsecureConnections=true)",
		"az k8s-extension create --name azureml --config allowInsecureConnections=True \"${extra[@]}\"",
	])
	{v.details.line | some v in vs} == {2}
	count(vs) == 1
}

test_array_of_settings_fires if {
	vs := check.violation with input as _sh([
		"settings=(",
		"  enableInference=True",
		"  \"allowInsecureConnections=True\"",
		")",
		"az k8s-extension create --name azureml --config \"${settings[@]}\"",
	])
	{v.details.line | some v in vs} == {5}
}

test_tls_false_unknown_and_other_commands_are_clean if {
	vs := check.violation with input as _sh([
		"az k8s-extension create --name azureml --config allowInsecureConnections=False sslCname=ml.contoso.com",
		"az k8s-extension create --name azureml --config allowInsecureConnections=\"$FROM_CALLER\"",
		"MODE=true",
		"MODE=false",
		"az k8s-extension update --name azureml --config allowInsecureConnections=$MODE",
		"# az k8s-extension create --config allowInsecureConnections=True",
		"echo \"allowInsecureConnections=True is not used\"",
		"az k8s-extension show --name azureml --config allowInsecureConnections=True",
	])
	count(vs) == 0
}
