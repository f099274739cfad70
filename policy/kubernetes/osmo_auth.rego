# METADATA
# title: OSMO API authentication disabled
# description: |
#   The OSMO control plane's API server accepts unauthenticated gRPC calls when its Helm
#   values or its rendered configuration switch authentication off (`auth.enabled: false`
#   under any service, gateway or sidecar key; `authEnabled: false`; `disableAuth: true`;
#   an OAuth2 proxy or authz sidecar switched off only while no other authentication
#   feature is explicitly on), or sets its auth mode/provider to `none`; when a flat
#   ConfigMap or an env list in the values sets `*_AUTH_ENABLED=false`; or when an OSMO
#   container is started with auth disabled by environment or flag.
#   Helm values are read from values files, from HelmRelease (`spec.values`), Argo CD
#   Application (`helm.valuesObject`/`helm.values`) and k3s HelmChart (`valuesContent`), and
#   from the `--set`/`--set-string` flags of `helm install|upgrade|template` in shell scripts.
# custom:
#   id: S-1
#   threats: [S-1]
#   severity: high
#   stride: Spoofing
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
#     Enable OSMO authentication (`auth.enabled: true` with the OIDC/Entra ID provider
#     configured) for the control plane, backend and router, and keep the API reachable
#     only through the authenticated gateway.
#   references:
#     - https://nvidia.github.io/OSMO/
#     - https://learn.microsoft.com/azure/aks/workload-identity-overview
package stridegate.kubernetes.osmo_auth

import data.lib.helm_cli
import data.lib.k8s
import data.lib.pods
import data.lib.result
import data.lib.settings

# an authentication (or authorization) feature's key, as charts name it: auth, authn, authz,
# oidc, jwt, oauth2, and the same with a component before or after it (osmoauth,
# basicAuth, oauth2Proxy, authService); disableAuth and the like are read by
# settings.disabled itself
_auth := `(?i)^((osmo|basic|token|api|service|gateway|client|user|http|grpc|jwt|oidc|sso)[-_]?)?(auth|authn|authz|authentication|authorization|oauth2?|oidc|jwt)([-_]?(proxy|service|server|sidecar|filter))?$`

# front ends and authorization layers: an OAuth2 proxy or OIDC/SSO login for browsers
# (Envoy still validates OSMO tokens without them), basic auth as an alternative, an authz
# sidecar. Switching one off leaves the API authenticated while another authentication
# feature of the same tree is explicitly on.
_secondary := `(?i)^((gateway|service|http|grpc|api)[-_]?)?(authz|authorization|oauth2?([-_]?(proxy|sidecar|filter))?|oidc|sso|basic[-_]?auth)$`

_off(tree) := {p |
	some [p, key] in settings.disabled_features(tree, _auth)
	not _covered(tree, key)
}

_covered(tree, key) if {
	regex.match(_secondary, key)
	some [_, on] in settings.enabled_features(tree, _auth)
	not regex.match(_secondary, on)
}

# JWT validation configured with providers (Envoy's jwt.providers) authenticates too
_covered(tree, key) if {
	regex.match(_secondary, key)
	walk(tree, [p, v])
	count(p) > 0
	regex.match(`(?i)^jwt$`, sprintf("%v", [p[count(p) - 1]]))
	count(object.get(v, "providers", [])) > 0
	not settings.is_false(object.get(v, "enabled", true))
}

violation contains result.make(rego.metadata.chain(), msg, sprintf("values:%s", [p]), doc.path) if {
	some doc in settings.values_docs
	some p in _off(doc.contents)
	not _fixed(doc, p)
	msg := sprintf("Helm values switch OSMO API authentication off at %s: unauthenticated calls reach the control plane", [p])
}

violation contains result.make(rego.metadata.chain(), msg, k8s.resource_id(c.object), c.path) if {
	some c in settings.embedded_configs
	some p in _off(c.tree)
	msg := sprintf("%s key %q switches API authentication off at %s", [k8s.resource_id(c.object), c.key, p])
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(w.object), w.path, {"container": c.container.name}) if {
	some w in k8s.workloads
	some c in k8s.containers(w.spec)
	some e in c.container.env
	_auth_env(e.name)
	lower(object.get(e, "value", "")) == "false"
	msg := sprintf("%s container %q sets %s=false: API authentication is off", [w.where, c.container.name, e.name])
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(w.object), w.path, {"container": c.container.name}) if {
	some w in k8s.workloads
	some c in k8s.containers(w.spec)
	some arg in pods.command_line(c.container)
	is_string(arg)
	regex.match(`(?i)^--?(no-auth|disable-auth|auth[-_]disabled|(enable-)?auth([-_]enabled)?=(false|0|off)|insecure-skip-auth|allow-unauthenticated)$`, arg)
	msg := sprintf("%s container %q starts with %s: API authentication is off", [w.where, c.container.name, arg])
}

_auth_env(name) if regex.match(`(?i)^([a-z0-9]+_)*(auth|authn|authentication)_enabled$`, name)

_auth_off_values := {"none", "disabled", "anonymous", "off", "noauth", "no-auth", "insecure"}

# auth mode set to none: {auth: {mode: none}}, {authMode: none}, {authentication: {provider: anonymous}}
_mode_off(tree) := {concat(".", [sprintf("%v", [x]) | some x in p]) |
	walk(tree, [p, v])
	count(p) > 0
	is_string(v)
	lower(v) in _auth_off_values
	_mode_key(p)
}

_mode_key(p) if regex.match(`(?i)^(auth|authn|authentication)[-_]?(mode|type|provider|method|scheme)$`, p[count(p) - 1])

_mode_key(p) if {
	count(p) > 1
	regex.match(`(?i)^(mode|type|provider|method|scheme)$`, p[count(p) - 1])
	regex.match(_auth, p[count(p) - 2])
}

# env lists inside values: extraEnv: [{name: OSMO_AUTH_ENABLED, value: "false"}]
_env_off(tree) := {concat(".", [sprintf("%v", [x]) | some x in p]) |
	walk(tree, [p, v])
	is_object(v)
	is_string(v.name)
	_auth_env(v.name)
	lower(sprintf("%v", [object.get(v, "value", "")])) == "false"
}

violation contains result.make(rego.metadata.chain(), msg, sprintf("values:%s", [p]), doc.path) if {
	some doc in settings.values_docs
	some p in (_mode_off(doc.contents) | _env_off(doc.contents))
	not _fixed(doc, p)
	msg := sprintf("Helm values switch OSMO API authentication off at %s: unauthenticated calls reach the control plane", [p])
}

violation contains result.make(rego.metadata.chain(), msg, k8s.resource_id(c.object), c.path) if {
	some c in settings.embedded_configs
	some p in _mode_off(c.tree)
	msg := sprintf("%s key %q sets API authentication to none at %s", [k8s.resource_id(c.object), c.key, p])
}

# flat ConfigMap settings consumed through envFrom: OSMO_AUTH_ENABLED: "false"
violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(o.object), o.path, {"key": key}) if {
	some o in k8s.objects
	o.object.kind == "ConfigMap"
	some key, v in o.object.data
	is_string(v)
	_auth_env(replace(replace(key, ".", "_"), "-", "_"))
	lower(trim_space(v)) == "false"
	msg := sprintf("%s sets %s=false: API authentication is off for workloads that load it", [k8s.resource_id(o.object), key])
}

# values inside a HelmRelease, Argo CD Application or k3s HelmChart
violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(e.object), e.path, {"setting": sprintf("%s.%s", [e.at, p])}) if {
	some e in settings.embedded_values
	some p in ((_off(e.tree) | _mode_off(e.tree)) | _env_off(e.tree))
	msg := sprintf("%s values switch OSMO API authentication off at %s.%s: unauthenticated calls reach the control plane", [k8s.resource_id(e.object), e.at, p])
}

# --set flags of helm install/upgrade/template in shell scripts
violation contains result.make_with(rego.metadata.chain(), msg, sprintf("%s:%d", [c.path, c.line]), c.path, {"line": c.line, "setting": p}) if {
	some c in helm_cli.commands
	some p in ((_off(c.tree) | _mode_off(c.tree)) | _env_off(c.tree))
	msg := sprintf("%s line %d runs helm with %s: OSMO API authentication is off at %s, unauthenticated calls reach the control plane", [c.path, c.line, helm_cli.flag(c, p), p])
}

# a values-file setting that every Helm command deploying the file (in the scripts checked
# with it) overrides with a secure --set: helm_cli.overrides
_fixed(doc, p) if {
	trees := helm_cli.overrides(doc)
	every t in trees {
		not p in ((_off(t) | _mode_off(t)) | _env_off(t))
	}
}
