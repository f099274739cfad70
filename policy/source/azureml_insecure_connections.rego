# METADATA
# title: Deployment script installs AzureML with insecure inference connections
# description: |
#   A shell script that installs or updates the AzureML Kubernetes extension
#   (`az k8s-extension create|update`) with the configuration setting
#   `allowInsecureConnections=True` (given directly, through a variable every assignment
#   of which agrees, or through a bash array passed as `"${settings[@]}"`) serves the
#   inference router over plain HTTP: scoring requests and responses travel without TLS
#   (T-3). A value the script cannot resolve is not reported.
# custom:
#   id: T-3-SCRIPT
#   threats: [T-3]
#   severity: medium
#   stride: Tampering
#   inputs: [source]
#   remediation: |
#     Drop `allowInsecureConnections=True` from the extension's configuration settings and
#     give the inference router a TLS certificate (`sslSecret` with `sslCname`, or
#     `sslCertPemFile` and `sslKeyPemFile` as protected settings).
#   references:
#     - https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension
#     - https://learn.microsoft.com/azure/machine-learning/how-to-secure-kubernetes-inferencing-communication
package stridegate.source.azureml_insecure_connections

import data.lib.result
import data.lib.source

_extension_commands contains [l, cmd] if {
	some l in source.code_lines
	l.language == "shell"
	not source.continued(l.path, l.line)
	cmd := source.shell_command(l.path, l.line)
	regex.match(`(^|[\s;&|(])az\s+k8s-extension\s+(create|update)\b`, cmd)
}

_setting := `(?i)\ballowInsecureConnections=("[^"]*"|'[^']*'|[^\s"']+)`

# _settings are the words of the command and of every bash array it expands.
_settings(path, cmd) := {cmd} | {item |
	some m in regex.find_all_string_submatch_n(`\$\{([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]\}`, cmd, -1)
	some item in source.shell_array(path, m[1])
}

# _insecure is the set of true values the command gives allowInsecureConnections (one
# command may give it several times, in any case).
_insecure(path, cmd) := {v |
	some text in _settings(path, cmd)
	some m in regex.find_all_string_submatch_n(_setting, text, -1)
	v := source.resolve(path, m[1])
	lower(v) == "true"
}

violation contains result.make_with(rego.metadata.chain(), msg, sprintf("%s:%d", [l.path, l.line]), l.path, {"line": l.line}) if {
	some [l, cmd] in _extension_commands
	values := _insecure(l.path, cmd)
	count(values) > 0
	v := sort(values)[0]
	msg := sprintf("%s line %d installs the AzureML extension with allowInsecureConnections=%s: inference traffic is served without TLS", [l.path, l.line, v])
}
