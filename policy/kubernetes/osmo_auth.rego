# METADATA
# title: OSMO API authentication disabled
# description: |
#   The OSMO control plane's API server accepts unauthenticated gRPC calls when its Helm
#   values or its rendered configuration switch authentication off (`auth.enabled: false`
#   under any service, gateway or sidecar key; `authEnabled: false`; `disableAuth: true`),
#   or when an OSMO container is started with auth disabled by environment or flag.
# custom:
#   id: S-1
#   threats: [S-1]
#   severity: high
#   stride: Spoofing
#   inputs: [helm-values, k8s]
#   remediation: |
#     Enable OSMO authentication (`auth.enabled: true` with the OIDC/Entra ID provider
#     configured) for the control plane, backend and router, and keep the API reachable
#     only through the authenticated gateway.
#   references:
#     - https://nvidia.github.io/OSMO/
#     - https://learn.microsoft.com/azure/aks/workload-identity-overview
package stridegate.kubernetes.osmo_auth

import data.lib.k8s
import data.lib.result
import data.lib.settings

_auth := `(?i)^(auth|authn|authentication|oauth2?|oidc|jwt)$`

violation contains result.make(rego.metadata.chain(), msg, sprintf("values:%s", [p]), doc.path) if {
	some doc in settings.values_docs
	some p in settings.disabled(doc.contents, _auth)
	msg := sprintf("Helm values switch OSMO API authentication off at %s: unauthenticated calls reach the control plane", [p])
}

violation contains result.make(rego.metadata.chain(), msg, k8s.resource_id(c.object), c.path) if {
	some c in settings.embedded_configs
	some p in settings.disabled(c.tree, _auth)
	msg := sprintf("%s key %q switches API authentication off at %s", [k8s.resource_id(c.object), c.key, p])
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(w.object), w.path, {"container": c.container.name}) if {
	some w in k8s.workloads
	some c in k8s.containers(w.spec)
	some e in c.container.env
	regex.match(`(?i)^([a-z0-9]+_)*(auth|authn|authentication)_enabled$`, e.name)
	lower(e.value) == "false"
	msg := sprintf("%s container %q sets %s=false: API authentication is off", [k8s.resource_id(w.object), c.container.name, e.name])
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(w.object), w.path, {"container": c.container.name}) if {
	some w in k8s.workloads
	some c in k8s.containers(w.spec)
	some arg in array.concat(object.get(c.container, "command", []), object.get(c.container, "args", []))
	is_string(arg)
	regex.match(`(?i)^--?(no-auth|disable-auth|auth[-_]disabled|auth[-_]enabled=false|insecure-skip-auth)$`, arg)
	msg := sprintf("%s container %q starts with %s: API authentication is off", [k8s.resource_id(w.object), c.container.name, arg])
}
