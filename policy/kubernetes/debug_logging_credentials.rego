# METADATA
# title: Debug logging in a workload that carries Azure credentials
# description: |
#   A workload (or a Helm values component) that runs at DEBUG/TRACE log level while it
#   holds Azure credentials (AZURE_* secret, key, token or connection-string env, secret
#   refs, or workload identity) writes credential material and tokens to pod logs and on
#   to Log Analytics. Log level is read from env (including ConfigMaps loaded with
#   envFrom or referenced by configMapKeyRef), container args and values (keys, env lists, arg lists); credentials from env,
#   envFrom secrets and the workload identity label. Helm values files layered on one
#   release (`osmo-router.yaml` and `osmo-router-identity.yaml` in one directory) are read
#   together.
#   Helm values are read from values files, from HelmRelease (`spec.values`), Argo CD
#   Application (`helm.valuesObject`/`helm.values`) and k3s HelmChart (`valuesContent`), and
#   from the `--set`/`--set-string` flags of `helm install|upgrade|template` in shell scripts.
# custom:
#   id: R-1
#   threats: [R-1, I-5]
#   severity: medium
#   stride: Repudiation
#   inputs: [helm-values, k8s, source]
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
#     - apiGroups: [batch.volcano.sh]
#       kinds: [Job]
#     - apiGroups: [kubeflow.org]
#       kinds: [PyTorchJob, TFJob, MPIJob, XGBoostJob, PaddleJob, JAXJob]
#     - apiGroups: [ray.io]
#       kinds: [RayJob, RayCluster, RayService]
#     - apiGroups: [jobset.x-k8s.io]
#       kinds: [JobSet]
#     - apiGroups: [argoproj.io]
#       kinds: [Workflow, CronWorkflow, WorkflowTemplate, ClusterWorkflowTemplate]
#     - apiGroups: [helm.toolkit.fluxcd.io]
#       kinds: [HelmRelease]
#     - apiGroups: [argoproj.io]
#       kinds: [Application, ApplicationSet]
#     - apiGroups: [helm.cattle.io]
#       kinds: [HelmChart]
#   remediation: |
#     Run credential-bearing workloads at INFO or above, redact AZURE_* values in the
#     logging configuration, and enable debug only on a short-lived copy without secrets.
#   references:
#     - https://learn.microsoft.com/azure/developer/python/sdk/azure-sdk-logging
#     - https://learn.microsoft.com/azure/azure-monitor/containers/container-insights-log-query
package stridegate.kubernetes.debug_logging_credentials

import data.lib.helm_cli
import data.lib.k8s
import data.lib.pods
import data.lib.result
import data.lib.settings

_level_name := `(?i)^([a-z0-9]+_)*(log_?level|loglevel|log_verbosity|verbosity)$`

_debug_value(v) if lower(trim_space(sprintf("%v", [v]))) in {"debug", "trace", "verbose", "10", "all"}

_debug_env(name, v) if {
	regex.match(_level_name, name)
	_debug_value(v)
}

_debug_env(name, v) if {
	regex.match(`(?i)^([a-z0-9]+_)*debug$`, name)
	lower(sprintf("%v", [v])) in {"true", "1", "yes"}
}

_debug_arg := `(?i)^--?(log[-_]?level|loglevel|log[-_]?verbosity)=(debug|trace|verbose)$|^--debug$`

_level_flag := `(?i)^--?(log[-_]?level|loglevel)$`

_cred_env := `^AZURE_([A-Z0-9]+_)*(SECRET|KEY|TOKEN|PASSWORD|CONNECTION_STRING|CERTIFICATE|SAS)(_[A-Z0-9]+)*$`

# an AZURE_* credential variable name; the Key Vault's name or URL (AZURE_KEYVAULT_URL,
# AZURE_KEY_VAULT_NAME) is not a credential
_cred_name(n) if regex.match(_cred_env, regex.replace(n, `_KEY_?VAULT(_|$)`, "_VAULT$1"))

# --- workloads ---------------------------------------------------------------------------

_debug_settings(w, c) := (((_debug_settings_1(w, c) | _debug_settings_2(w, c)) | _debug_settings_3(w, c)) | _debug_settings_4(w, c)) | _debug_settings_5(w, c)

_debug_settings_1(_, c) := {sprintf("%s=%s", [e.name, e.value]) |
	some e in object.get(c, "env", [])
	is_string(e.value)
	_debug_env(e.name, e.value)
}

_debug_settings_2(w, c) := {sprintf("%s=%s (ConfigMap %s)", [key, v, ref.configMapRef.name]) |
	some ref in object.get(c, "envFrom", [])
	some cm in k8s.named("ConfigMap", k8s.namespace(w.object), ref.configMapRef.name)
	some key, v in cm.data
	_debug_env(key, v)
}

# env: [{name: LOG_LEVEL, valueFrom: {configMapKeyRef: {name: cm, key: level}}}]
_debug_settings_5(w, c) := {sprintf("%s=%s (ConfigMap %s key %s)", [e.name, v, ref.name, ref.key]) |
	some e in object.get(c, "env", [])
	ref := e.valueFrom.configMapKeyRef
	some cm in k8s.named("ConfigMap", k8s.namespace(w.object), ref.name)
	v := cm.data[ref.key]
	_debug_env(e.name, v)
}

_debug_settings_3(_, c) := {arg |
	some arg in pods.command_line(c)
	is_string(arg)
	regex.match(_debug_arg, arg)
}

_debug_settings_4(_, c) := {sprintf("%s %s", [args[i], args[i + 1]]) |
	args := pods.command_line(c)
	some i, a in args
	is_string(a)
	regex.match(_level_flag, a)
	_debug_value(args[i + 1])
}

_credentials(w, c) := ((_credentials_1(w, c) | _credentials_2(w, c)) | _credentials_3(w, c)) | _credentials_4(w, c)

_credentials_1(_, c) := {e.name |
	some e in object.get(c, "env", [])
	_cred_name(e.name)
}

_credentials_2(_, c) := {e.name |
	some e in object.get(c, "env", [])
	startswith(e.name, "AZURE_")
	e.valueFrom.secretKeyRef
}

_credentials_3(_, c) := {sprintf("envFrom secret %s", [ref.secretRef.name]) |
	some ref in object.get(c, "envFrom", [])
	ref.secretRef.name
}

_credentials_4(w, _) := {"workload identity token" | lower(sprintf("%v", [w.metadata.labels["azure.workload.identity/use"]])) == "true"}

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": c.container.name, "debug": debug, "credentials": creds}) if {
	some c in pods.containers
	w := {"object": c.object, "metadata": c.metadata}
	debug := sort(_debug_settings(w, c.container))
	count(debug) > 0
	creds := sort(_credentials(w, c.container))
	count(creds) > 0
	msg := sprintf("%s container %q logs at debug level (%s) while holding Azure credentials (%s)", [c.where, c.container.name, concat(", ", debug), concat(", ", creds)])
}

# --- Helm values -------------------------------------------------------------------------

_debug_paths(tree) := (_debug_paths_1(tree) | _debug_paths_2(tree)) | _debug_paths_3(tree)

_debug_paths_1(tree) := {p |
	walk(tree, [p, v])
	count(p) > 0
	key := p[count(p) - 1]
	is_string(key)
	_debug_key(p, key)
	_debug_value(v)
}

# env lists in values: extraEnv: [{name: LOG_LEVEL, value: DEBUG}]
_debug_paths_2(tree) := {p |
	walk(tree, [p, v])
	is_string(v.name)
	_debug_env(v.name, object.get(v, "value", ""))
}

# container args in values: extraArgs: ["--log-level=debug"], args: ["--log-level", "debug"]
_debug_paths_3(tree) := {p |
	walk(tree, [p, v])
	is_string(v)
	regex.match(_debug_arg, v)
} | {p |
	walk(tree, [p, v])
	is_array(v)
	some i, a in v
	is_string(a)
	regex.match(_level_flag, a)
	_debug_value(v[i + 1])
}

_debug_key(_, key) if regex.match(`(?i)^(log[-_]?level|loglevel|log[-_]?verbosity|verbosity)$`, key)

_debug_key(p, "level") if {
	count(p) > 1
	regex.match(`(?i)^(log|logs|logging|logger)$`, p[count(p) - 2])
}

_debug_key(p, key) if {
	count(p) > 1
	regex.match(`(?i)^([a-z0-9]+_)*(log_?level|loglevel)$`, key)
}

# a component's prefixed level, camelCase or separated: osmoLogLevel, k8sLogLevel (the
# Kubernetes client at debug logs request headers), service-log-level; catalogLevel is not
_debug_key(_, key) if regex.match(`[a-z0-9]Log[-_]?Level$|(?i)[-_.]log[-_]?level$`, key)

_cred_paths(tree) := ((_cred_paths_1(tree) | _cred_paths_2(tree)) | _cred_paths_3(tree)) | _cred_paths_4(tree)

_cred_paths_1(tree) := {p |
	walk(tree, [p, v])
	is_string(v)
	_cred_name(v)
	p[count(p) - 1] != "name"
}

_cred_paths_2(tree) := {p |
	walk(tree, [p, v])
	is_object(v)
	is_string(v.name)
	_cred_entry(v)
}

_cred_entry(e) if _cred_name(e.name)

_cred_entry(e) if {
	startswith(e.name, "AZURE_")
	e.valueFrom.secretKeyRef
}

_cred_paths_3(tree) := {p |
	walk(tree, [p, v])
	count(p) > 0
	is_string(p[count(p) - 1])
	_cred_key(p[count(p) - 1])
	is_string(v)
	v != ""
}

_cred_key(key) if regex.match(`(?i)^(azure[-_]?)?(client[-_]?secret|storage[-_]?(account[-_]?)?key|account[-_]?key|connection[-_]?string|sas[-_]?token)$`, key)

# an env map in values: env: {AZURE_STORAGE_CONNECTION_STRING: ...}
_cred_key(key) if _cred_name(key)

_cred_paths_4(tree) := {p |
	walk(tree, [p, v])
	count(p) > 0
	p[count(p) - 1] == "azure.workload.identity/use"
	lower(sprintf("%v", [v])) == "true"
}

# the component a debug setting applies to: its smallest enclosing subtree holding
# credentials, below any key that merely groups components (`services`, `sidecars`);
# the whole file for global or top-level settings.
_scopes(p) := [s |
	some i in numbers.range(count(p) - 1, 1)
	s := array.slice(p, 0, i)
	not _collection(s[count(s) - 1])
] if {
	count(p) > 1
	p[0] != "global"
}

# keys that hold several components side by side: never a component scope themselves.
_collection(key) if regex.match(`(?i)^(services|components|apps|applications|deployments|workloads|sidecars|backends|subcharts)$`, sprintf("%v", [key]))

_scopes(p) := [[]] if count(p) == 1

_scopes(p) := [[]] if p[0] == "global"

_creds_in(tree, scope) := sort([concat(".", [sprintf("%v", [x]) | some x in cp]) |
	some cp in _cred_paths(object.get(tree, scope, {}))
])

# credentials at scope in doc and in the values files Helm layers with it (a workload
# identity label kept in osmo-router-identity.yaml applies to osmo-router.yaml's services),
# unless the scripts checked with them deploy the two apart
_creds_layered(doc, scope) := array.concat(_creds_in(doc.contents, scope), [sprintf("%s: %s", [_file_name(o.path), c]) |
	some o in settings.layered_with(doc)
	not helm_cli.apart(doc, o)
	some c in _creds_in(o.contents, scope)
])

_file_name(path) := parts[count(parts) - 1] if parts := split(path, "/")

violation contains result.make_with(rego.metadata.chain(), msg, sprintf("values:%s", [dotted]), doc.path, {"credentials": creds}) if {
	some doc in settings.values_docs
	some p in _debug_paths(doc.contents)
	not _fixed(doc, p)
	creds := [cs | some scope in _scopes(p); cs := _creds_layered(doc, scope); count(cs) > 0][0]
	dotted := concat(".", [sprintf("%v", [x]) | some x in p])
	msg := sprintf("Helm values set debug logging at %s for a component that holds Azure credentials (%s)", [dotted, concat(", ", creds)])
}

# values inside a HelmRelease, Argo CD Application or k3s HelmChart
violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(e.object), e.path, {"setting": sprintf("%s.%s", [e.at, dotted]), "credentials": creds}) if {
	some e in settings.embedded_values
	some p in _debug_paths(e.tree)
	creds := [cs | some scope in _scopes(p); cs := _creds_in(e.tree, scope); count(cs) > 0][0]
	dotted := concat(".", [sprintf("%v", [x]) | some x in p])
	msg := sprintf("%s values set debug logging at %s.%s for a component that holds Azure credentials (%s)", [k8s.resource_id(e.object), e.at, dotted, concat(", ", creds)])
}

# --set flags of helm install/upgrade/template in shell scripts: debug level and
# credentials both set on the command line
violation contains result.make_with(rego.metadata.chain(), msg, sprintf("%s:%d", [c.path, c.line]), c.path, {"line": c.line, "setting": dotted, "credentials": creds}) if {
	some c in helm_cli.commands
	some p in _debug_paths(c.tree)
	creds := [cs | some scope in _scopes(p); cs := _creds_in(c.tree, scope); count(cs) > 0][0]
	dotted := concat(".", [sprintf("%v", [x]) | some x in p])
	msg := sprintf("%s line %d runs helm with %s: debug logging at %s for a component that holds Azure credentials (%s)", [c.path, c.line, helm_cli.flag(c, dotted), dotted, concat(", ", creds)])
}

# a values-file debug level that every Helm command deploying the file (in the scripts
# checked with it) overrides with a --set to another level: helm_cli.overrides
_fixed(doc, p) if {
	trees := helm_cli.overrides(doc)
	every t in trees {
		not p in _debug_paths(t)
	}
}
