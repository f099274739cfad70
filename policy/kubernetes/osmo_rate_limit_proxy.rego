# METADATA
# title: OSMO API rate limiting or Envoy proxy disabled
# description: |
#   The OSMO control plane API is exposed without request rate limiting, or without the
#   Envoy proxy that fronts it, when Helm values or rendered configuration switch them off
#   (`rateLimit.enabled: false`, `envoy.enabled: false` under any service, gateway or
#   sidecar key, `rateLimitEnabled: false`, `disableRateLimit: true`, ...), or when an OSMO
#   container is started with rate limiting disabled by environment or flag.
#   Helm values are read from values files, from HelmRelease (`spec.values`), Argo CD
#   Application (`helm.valuesObject`/`helm.values`) and k3s HelmChart (`valuesContent`), and
#   from the `--set`/`--set-string` flags of `helm install|upgrade|template` in shell scripts.
# custom:
#   id: D-4
#   threats: [D-4]
#   severity: medium
#   stride: Denial of Service
#   inputs: [helm-values, k8s, source]
#   kinds:
#     - apiGroups: [""]
#       kinds: [ConfigMap, Pod, ReplicationController]
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
#     Enable the Envoy sidecar/gateway (`sidecars.envoy.enabled: true`) and OSMO rate
#     limiting (`rateLimit.enabled: true` with per-client limits) for the control plane,
#     backend and router.
#   references:
#     - https://nvidia.github.io/OSMO/
#     - https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/local_rate_limit_filter
package stridegate.kubernetes.osmo_rate_limit_proxy

import data.lib.helm_cli
import data.lib.k8s
import data.lib.pods
import data.lib.result
import data.lib.settings

_features := {
	"rate limiting": `(?i)^(rate[-_]?limit(s|er|ing)?)$`,
	"the Envoy proxy": `(?i)^(envoy|envoy[-_]?(proxy|sidecar|gateway))$`,
}

violation contains result.make(rego.metadata.chain(), msg, sprintf("values:%s", [p]), doc.path) if {
	some doc in settings.values_docs
	some feature, pattern in _features
	some p in settings.disabled(doc.contents, pattern)
	not _fixed(doc, p)
	msg := sprintf("Helm values switch %s off at %s: the OSMO API is open to request floods", [feature, p])
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(c.object), c.path, {"key": c.key}) if {
	some c in settings.embedded_configs
	some feature, pattern in _features
	some p in settings.disabled(c.tree, pattern)
	msg := sprintf("%s key %q switches %s off at %s", [k8s.resource_id(c.object), c.key, feature, p])
}

_env_name(name) if regex.match(`(?i)^([a-z0-9]+_)*(rate_?limit(ing)?|envoy)_enabled$`, name)

# env lists inside values: extraEnv: [{name: OSMO_RATE_LIMIT_ENABLED, value: "false"}]
_env_off(tree) := {concat(".", [sprintf("%v", [x]) | some x in p]) |
	walk(tree, [p, v])
	is_string(v.name)
	_env_name(v.name)
	lower(sprintf("%v", [object.get(v, "value", "")])) == "false"
}

violation contains result.make(rego.metadata.chain(), msg, sprintf("values:%s", [p]), doc.path) if {
	some doc in settings.values_docs
	some p in _env_off(doc.contents)
	not _fixed(doc, p)
	msg := sprintf("Helm values switch rate limiting or the Envoy proxy off at %s: the OSMO API is open to request floods", [p])
}

# flat ConfigMap settings consumed through envFrom: OSMO_RATE_LIMIT_ENABLED: "false"
violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(o.object), o.path, {"key": key}) if {
	some o in k8s.objects
	o.object.kind == "ConfigMap"
	some key, v in o.object.data
	is_string(v)
	_env_name(replace(replace(key, ".", "_"), "-", "_"))
	lower(trim_space(v)) == "false"
	msg := sprintf("%s sets %s=false for workloads that load it", [k8s.resource_id(o.object), key])
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(w.object), w.path, {"container": c.container.name}) if {
	some w in k8s.workloads
	some c in k8s.containers(w.spec)
	some e in c.container.env
	_env_name(e.name)
	lower(object.get(e, "value", "")) == "false"
	msg := sprintf("%s container %q sets %s=false", [w.where, c.container.name, e.name])
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(w.object), w.path, {"container": c.container.name}) if {
	some w in k8s.workloads
	some c in k8s.containers(w.spec)
	some arg in pods.command_line(c.container)
	is_string(arg)
	regex.match(`(?i)^--?(no-rate-?limit(ing)?|disable-rate-?limit(ing)?|rate-?limit(ing)?(-enabled)?=(false|0|off)|no-envoy|disable-envoy)$`, arg)
	msg := sprintf("%s container %q starts with %s", [w.where, c.container.name, arg])
}

# values inside a HelmRelease, Argo CD Application or k3s HelmChart
violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(e.object), e.path, {"setting": sprintf("%s.%s", [e.at, p])}) if {
	some e in settings.embedded_values
	some feature, pattern in _features
	some p in settings.disabled(e.tree, pattern)
	msg := sprintf("%s values switch %s off at %s.%s: the OSMO API is open to request floods", [k8s.resource_id(e.object), feature, e.at, p])
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(e.object), e.path, {"setting": sprintf("%s.%s", [e.at, p])}) if {
	some e in settings.embedded_values
	some p in _env_off(e.tree)
	msg := sprintf("%s values switch rate limiting or the Envoy proxy off at %s.%s: the OSMO API is open to request floods", [k8s.resource_id(e.object), e.at, p])
}

# --set flags of helm install/upgrade/template in shell scripts
violation contains result.make_with(rego.metadata.chain(), msg, sprintf("%s:%d", [c.path, c.line]), c.path, {"line": c.line, "setting": p}) if {
	some c in helm_cli.commands
	some feature, pattern in _features
	some p in settings.disabled(c.tree, pattern)
	msg := sprintf("%s line %d runs helm with %s: %s is off at %s, the OSMO API is open to request floods", [c.path, c.line, helm_cli.flag(c, p), feature, p])
}

violation contains result.make_with(rego.metadata.chain(), msg, sprintf("%s:%d", [c.path, c.line]), c.path, {"line": c.line, "setting": p}) if {
	some c in helm_cli.commands
	some p in _env_off(c.tree)
	msg := sprintf("%s line %d runs helm with %s: rate limiting or the Envoy proxy is off at %s, the OSMO API is open to request floods", [c.path, c.line, helm_cli.flag(c, p), p])
}

# a values-file setting that every Helm command deploying the file (in the scripts checked
# with it) overrides with a secure --set: helm_cli.overrides
_fixed(doc, p) if {
	trees := helm_cli.overrides(doc)
	every t in trees {
		not p in _off_anywhere(t)
	}
}

_off_anywhere(t) := {p | some _, pattern in _features; some p in settings.disabled(t, pattern)} | _env_off(t)
