# METADATA
# title: Pod templates and containers
# description: |
#   One row per container of every workload kind (init and ephemeral containers included),
#   the effective security context (container value over pod value), GPU requests,
#   environment entries and image references, for the pod security, image provenance,
#   identity and logging controls.
# custom:
#   library: true
package lib.pods

import data.lib.k8s

# containers lists every container of every pod template (k8s.workloads: core kinds and
# batch/training CRDs) as {path, object, spec, metadata, template, where, container, type,
# resource}: resource is the workload's Kind/namespace/name, where says it with the
# template for messages (`PyTorchJob/ml/train replica Worker`).
containers contains {
	"path": w.path,
	"object": w.object,
	"spec": w.spec,
	"metadata": w.metadata,
	"template": w.template,
	"where": w.where,
	"container": c.container,
	"type": c.type,
	"resource": k8s.resource_id(w.object),
} if {
	some w in k8s.workloads
	some c in k8s.containers(w.spec)
}

# security returns the effective securityContext field of a container: the container's
# value, else the pod's. Undefined when neither sets it.
security(spec, c, field) := v if {
	v := c.securityContext[field]
	v != null
} else := v if {
	v := spec.securityContext[field]
	v != null
}

# gpu_resources are the extended resource names of NVIDIA GPUs (MIG slices included).
gpu_resource(name) if name == "nvidia.com/gpu"

gpu_resource(name) if startswith(name, "nvidia.com/mig-")

# requests_gpu is true when a pod spec requests or limits a GPU resource.
requests_gpu(spec) if {
	some c in k8s.containers(spec)
	some section in ["limits", "requests"]
	some name, qty in c.container.resources[section]
	gpu_resource(name)
	_positive(qty)
}

_positive(q) if {
	is_number(q)
	q > 0
}

_positive(q) if {
	is_string(q)
	not q in {"0", ""}
	not k8s.unresolved(q) # a count left to a variable may be 0: unknown
}

# command_line returns a container's command followed by its args; a field that is absent,
# null (a Helm value rendered empty) or not a list counts as empty.
command_line(c) := array.concat(_list_field(c, "command"), _list_field(c, "args"))

_list_field(obj, key) := v if {
	v := obj[key]
	is_array(v)
} else := []

# env returns a container's env entries by name.
env(c) := {e.name: e | some e in object.get(c, "env", []); is_string(e.name)}

# env_value returns the literal value of an env entry ("" when it comes from valueFrom).
env_value(e) := e.value if is_string(e.value)

else := ""

# unknown is true for a field that is set (not null) to something other than a boolean,
# number or object a control could judge: a template or variable string, or a wrong type
# the API server would reject. Boolean settings that are unknown are never reported.
unknown_bool(v) if {
	v != null
	not is_boolean(v)
}

# opaque is true for a block (a securityContext, capabilities) that is set to something other
# than an object: a whole block left to a template or variable, none of its fields known.
opaque(v) if {
	v != null
	not is_object(v)
}

# opaque_list is true for a list field set to something other than a list (left to a
# template or variable).
opaque_list(v) if {
	v != null
	not is_array(v)
}

# image parses an image reference into {registry, repository, tag, digest}: registry is
# "docker.io" when the reference has none, tag and digest are "" when absent.
image(ref) := {"registry": reg, "repository": repo, "tag": tag, "digest": digest} if {
	parts := split(ref, "@")
	digest := _digest(parts)
	name_tag := parts[0]
	segs := split(name_tag, "/")
	reg := _registry(segs)
	last := segs[count(segs) - 1]
	tag := _tag(last)
	repo_segs := array.concat(_repo_prefix(segs), [split(last, ":")[0]])
	repo := concat("/", repo_segs)
}

_digest(parts) := parts[1] if count(parts) > 1

else := ""

_registry(segs) := segs[0] if {
	count(segs) > 1
	regex.match(`[.:]|^localhost$`, segs[0])
} else := "docker.io"

_repo_prefix(segs) := array.slice(segs, 1, count(segs) - 1) if {
	count(segs) > 1
	regex.match(`[.:]|^localhost$`, segs[0])
} else := array.slice(segs, 0, count(segs) - 1)

_tag(last) := t if {
	parts := split(last, ":")
	count(parts) == 2
	t := parts[1]
} else := ""

# image_unknown returns the parts of an image reference ("registry", "tag", "digest") that
# are left to a variable or template, so not known: `${ACR}/osmo/service:1.0` has an
# unknown registry, `osmo/service:${TAG}` an unknown tag and digest (the variable may carry
# `@sha256:...`), `${IMAGE}` all three.
image_unknown(ref) := {part |
	some part in ["registry", "tag", "digest"]
	_image_part_unknown(ref, part)
}

# the first segment decides the registry; a one-segment reference (`python:${TAG}`) has
# none (docker.io) unless its name itself is unknown (`${IMAGE}`, `${IMAGE}:1.0`)
_image_part_unknown(ref, "registry") if {
	segs := split(split(ref, "@")[0], "/")
	count(segs) > 1
	k8s.unresolved(segs[0])
}

_image_part_unknown(ref, "registry") if {
	segs := split(split(ref, "@")[0], "/")
	count(segs) == 1
	k8s.unresolved(split(segs[0], ":")[0])
}

_image_part_unknown(ref, "tag") if k8s.unresolved(_tag_text(ref))

_image_part_unknown(ref, "digest") if {
	parts := split(ref, "@")
	count(parts) > 1
	k8s.unresolved(parts[1])
}

_image_part_unknown(ref, "digest") if {
	count(split(ref, "@")) == 1
	k8s.unresolved(_tag_text(ref))
}

# the text that holds the tag: the tag after the last segment's colon, else the whole last
# segment (a variable there may expand to name:tag)
_tag_text(ref) := t if {
	segs := split(split(ref, "@")[0], "/")
	last := segs[count(segs) - 1]
	parts := split(last, ":")
	t := _tag_or_name(parts)
}

_tag_or_name(parts) := parts[1] if count(parts) == 2

else := concat(":", parts)
