# METADATA
# title: Settings trees
# description: |
#   Finds switched-off features in free-form configuration trees (Helm values, service
#   config embedded in ConfigMaps) by structure, not by one exact path: charts nest the same
#   setting under a service key, a gateway or a sidecar, and versions rename it.
# custom:
#   library: true
package lib.settings

import data.lib.docs
import data.lib.k8s
import data.lib.terraform

# values_docs are configuration documents that are neither Kubernetes objects, Terraform
# nor workflows: Helm values files and the like, as {path, contents}.
values_docs contains doc if {
	some doc in docs.documents
	is_object(doc.contents)
	not _known_shape(doc)
	_values_path(doc.path)
}

_known_shape(doc) if {
	is_string(doc.contents.apiVersion)
	is_string(doc.contents.kind)
}

_known_shape(doc) if k8s.is_list(doc.contents)

_known_shape(doc) if terraform.is_plan(doc.contents)

_known_shape(doc) if terraform.is_hcl_doc(doc)

_known_shape(doc) if {
	doc.contents.jobs
	_has_on(doc.contents)
}

_has_on(c) if c.on

_has_on(c) if c["true"]

_has_on(c) if c[true]

_values_path("")

_values_path(p) if regex.match(`(?i)\.(ya?ml|json)$`, p)

# layered_with returns the values documents Helm layers with doc (`helm upgrade -f
# osmo-router.yaml -f osmo-router-identity.yaml`, `-f values.yaml -f values-prod.yaml`): in
# the same directory, one file's name is the other's followed by `-`, `_` or `.` and a
# suffix. A setting in one and a related setting in the other apply to the same release.
layered_with(doc) := {other |
	some other in values_docs
	other.path != doc.path
	_layered(_split_path(doc.path), _split_path(other.path))
}

_layered([dir, a], [dir, b]) if _extends(a, b)

_layered([dir, a], [dir, b]) if _extends(b, a)

# stem b is stem a with a suffix: osmo-router -> osmo-router-identity
_extends(a, b) if {
	count(b) > count(a) + 1
	startswith(b, a)
	substring(b, count(a), 1) in {"-", "_", "."}
}

# [directory, file name without its extension]
_split_path(p) := [dir, stem] if {
	parts := split(p, "/")
	dir := concat("/", array.slice(parts, 0, count(parts) - 1))
	stem := regex.replace(parts[count(parts) - 1], `(?i)\.(ya?ml|json)$`, "")
	stem != ""
}

# is_false is true for false and for the string "false" in any case (a quoted value).
is_false(v) if _false(v)

_state(v, true) if _true(v)

_state(v, false) if _false(v)

_false(false)

_false(s) if {
	is_string(s)
	lower(s) == "false"
}

_true(true)

_true(s) if {
	is_string(s)
	lower(s) == "true"
}

# disabled returns the dotted paths in tree at which a feature whose key matches the
# case-insensitive regex `name` (anchored by the caller, e.g. `^(auth|authn)$`) is off:
# {<name>: {enabled: false}}, {<name>: false}, {<name>Enabled: false} / {<name>_enabled:
# false}, {enable<Name>: false}, {disable<Name>: true}, {<name>Disabled: true} or, in a
# list of named components, [{name: <name>, enabled: false}].
disabled(tree, name) := {d | some [d, _] in disabled_features(tree, name)}

# disabled_features returns [dotted path, feature key] for every switch disabled finds: the
# feature key is the part of the key that matched name (oauth2Proxy for
# oauth2Proxy.enabled, auth for disableAuth).
disabled_features(tree, name) := {[_dotted(p), key] |
	walk(tree, [p, v])
	count(p) > 0
	some key in (_switched(p, v, name, false) | _named_entry(tree, p, v, name, false))
}

# enabled_features returns [dotted path, feature key] for every feature matching name that
# is explicitly on: the same forms with the values inverted.
enabled_features(tree, name) := {[_dotted(p), key] |
	walk(tree, [p, v])
	count(p) > 0
	some key in (_switched(p, v, name, true) | _named_entry(tree, p, v, name, true))
}

# a list of named components: sidecars: [{name: envoy, enabled: false}]
_named_entry(tree, p, v, name, on) := {key |
	_state(v, on)
	p[count(p) - 1] == "enabled"
	count(p) > 1
	is_number(p[count(p) - 2])
	key := object.get(tree, array.concat(array.slice(p, 0, count(p) - 1), ["name"]), null)
	_matches(key, name)
}

# the feature keys that p: v switches on (on = true) or off (on = false)
_switched(p, v, name, on) := (({key |
	_state(v, on)
	p[count(p) - 1] == "enabled"
	count(p) > 1
	key := p[count(p) - 2]
	_matches(key, name)
} | {key |
	_state(v, on)
	key := p[count(p) - 1]
	_matches(key, name)
}) | {stem |
	_state(v, on)
	key := p[count(p) - 1]
	is_string(key)
	some stem in (_stems(key, `(?i)^(.+?)[-_]?enabled$`) | _stems(key, `(?i)^enabled?[-_]?(.+)$`))
	_matches(stem, name)
}) | {stem |
	_state(v, on == false)
	key := p[count(p) - 1]
	is_string(key)
	some stem in (_stems(key, `(?i)^(?:disabled?|skip|no)[-_]?(.+)$`) | _stems(key, `(?i)^(.+?)[-_]?disabled$`))
	_matches(stem, name)
}

_stems(key, pattern) := {m[1] | some m in regex.find_all_string_submatch_n(pattern, key, -1)}

_matches(key, name) if {
	is_string(key)
	regex.match(name, key)
}

_dotted(p) := concat(".", [sprintf("%v", [x]) | some x in p])

# embedded_configs lists configuration trees embedded as YAML or JSON strings in
# ConfigMap data, as {path, object, key, tree}.
embedded_configs contains {"path": o.path, "object": o.object, "key": key, "tree": tree} if {
	some o in k8s.objects
	o.object.kind == "ConfigMap"
	some key, text in o.object.data
	is_string(text)
	tree := _parse(text)
	is_object(tree)
}

# embedded_values lists Helm values carried inside Kubernetes objects, as {path, object, at,
# tree} (at: where in the object): a Flux HelmRelease's spec.values, an Argo CD
# Application's helm.valuesObject or helm.values (a YAML string) under spec.source or
# spec.sources, a k3s HelmChart's spec.valuesContent (a YAML string).
embedded_values contains {"path": o.path, "object": o.object, "at": "spec.values", "tree": o.object.spec.values} if {
	some o in k8s.objects
	o.object.kind == "HelmRelease"
	is_object(o.object.spec.values)
}

embedded_values contains {"path": o.path, "object": o.object, "at": "spec.valuesContent", "tree": tree} if {
	some o in k8s.objects
	o.object.kind == "HelmChart"
	is_string(o.object.spec.valuesContent)
	tree := _parse(o.object.spec.valuesContent)
	is_object(tree)
}

embedded_values contains {"path": o.path, "object": o.object, "at": sprintf("%s.helm.valuesObject", [at]), "tree": src.helm.valuesObject} if {
	some o in k8s.objects
	o.object.kind in {"Application", "ApplicationSet"}
	some [at, src] in _argo_sources(o.object)
	is_object(src.helm.valuesObject)
}

embedded_values contains {"path": o.path, "object": o.object, "at": sprintf("%s.helm.values", [at]), "tree": tree} if {
	some o in k8s.objects
	o.object.kind in {"Application", "ApplicationSet"}
	some [at, src] in _argo_sources(o.object)
	is_string(src.helm.values)
	tree := _parse(src.helm.values)
	is_object(tree)
}

_argo_sources(app) := ({["spec.source", app.spec.source] | is_object(app.spec.source)} | {[sprintf("spec.sources.%d", [i]), s] |
	some i, s in app.spec.sources
	is_object(s)
}) | {["spec.template.spec.source", app.spec.template.spec.source] | is_object(app.spec.template.spec.source)}

_parse(text) := yaml.unmarshal(text) if yaml.is_valid(text)

_parse(text) := json.unmarshal(text) if {
	not yaml.is_valid(text)
	json.is_valid(text)
}
