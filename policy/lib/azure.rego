# METADATA
# title: Terraform references and Azure helpers
# description: |
#   Cross-resource helpers for Terraform controls: which resources an attribute refers to
#   (a plan's `configuration` expression references, an HCL expression string; one module
#   output is followed), whether two resources belong to the same deployment (one plan, or
#   one HCL root module with the modules it calls), and small Azure facts (role scopes,
#   built-in role ids). Whatever cannot be tied stays unknown: never a finding on its own.
# custom:
#   library: true
package lib.azure

import data.lib.terraform as tf

# --- plan configuration (module tree, up to five levels) --------------------------------

_mods0 contains {"path": doc.path, "module": "", "cfg": cfg} if {
	some doc in tf.plans
	cfg := doc.contents.configuration.root_module
	is_object(cfg)
}

_children(p) := {{"path": p.path, "module": _join(p.module, name), "cfg": call.module} |
	some name, call in object.get(p.cfg, "module_calls", {})
	is_object(call.module)
}

_mods1 contains m if {
	some p in _mods0
	some m in _children(p)
}

_mods2 contains m if {
	some p in _mods1
	some m in _children(p)
}

_mods3 contains m if {
	some p in _mods2
	some m in _children(p)
}

_mods4 contains m if {
	some p in _mods3
	some m in _children(p)
}

# config_modules lists the configuration of every module of every plan:
# {path (plan document), module (address without instance keys), cfg}.
config_modules := (((_mods0 | _mods1) | _mods2) | _mods3) | _mods4

_join("", name) := sprintf("module.%s", [name])

_join(m, name) := sprintf("%s.module.%s", [m, name]) if m != ""

# strip_index removes instance keys from an address: module.a[0].module.b["x"] -> module.a.module.b.
strip_index(addr) := regex.replace(addr, `\[[^\]]*\]`, "")

_config_blocks := {[m.path, m.module, object.get(res, "mode", "managed"), res.type, res.name]: res |
	some m in config_modules
	some res in object.get(m.cfg, "resources", [])
}

# config returns the configuration block of a plan resource (with `expressions`).
config(r) := _config_blocks[[r.path, strip_index(r.module), "managed", r.type, r.name]] if r.source == "plan"

# configured is true when the resource's configuration sets the attribute or block at path
# (plan: an expression in `configuration`; HCL: a value in the block).
configured(r, path) if {
	r.source == "plan"
	object.get(config(r), array.concat(["expressions"], path), null) != null
}

configured(r, path) if {
	r.source == "hcl"
	object.get(r.values, path, null) != null
}

# defaulted is true when nothing is configured at path, so the provider default applies:
# the value is absent, or (plans) it is unknown only because an optional+computed attribute
# or block is left unset in the configuration (e.g. an AKS network_profile).
defaulted(r, path) if tf.absent(r, path)

defaulted(r, path) if {
	r.source == "plan"
	tf.unknown(r, path)
	config(r)
	not configured(r, path)
}

# --- references ---------------------------------------------------------------------------

_plan_ref := `^(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)(.*)$`

_plan_module_ref := `^module\.([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_-]*)`

_hcl_ref := `(?:^|[^.\w])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)((?:\[[^\]]*\])?(?:\.[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?)*)`

_hcl_module_ref := `(?:^|[^.\w])module\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?\.([A-Za-z_][A-Za-z0-9_-]*)`

_mode("") := "managed"

_mode("data.") := "data"

_parse_plan_ref(scope, s) := {"scope": scope, "mode": _mode(m[1]), "type": m[2], "name": m[3], "attr": m[4]} if {
	some m in regex.find_all_string_submatch_n(_plan_ref, s, 1)
}

_plan_refs_of(expr) := [s | some s in object.get(expr, "references", [])] if is_object(expr)

_plan_refs_of(expr) := [] if not is_object(expr)

# _config_module returns the configuration module of a plan document at a module address.
_config_module(path, module) := m if {
	some m in config_modules
	m.path == path
	m.module == module
}

_plan_expr_refs(scope, expr) := {ref |
	some s in _plan_refs_of(expr)
	ref := _parse_plan_ref(scope, s)
}

_plan_expr_refs_via_output(path, scope, expr) := {ref |
	some s in _plan_refs_of(expr)
	some m in regex.find_all_string_submatch_n(_plan_module_ref, s, 1)
	child := _join_scope(scope, m[1])
	cm := _config_module(path, child)
	out := cm.cfg.outputs[m[2]]
	some ref in _plan_expr_refs(child, out.expression)
}

_join_scope(scope, name) := _join(scope, name)

_hcl_chunks(s) := [c[1] | some c in regex.find_all_string_submatch_n(`\$\{(.*?)\}`, s, -1)] if is_string(s)

_strings(x) := {x} if is_string(x)

_strings(x) := {s | walk(x, [_, s]); is_string(s)} if not is_string(x)

_hcl_expr_refs(dir, raw) := {ref |
	some s in _strings(raw)
	some chunk in _hcl_chunks(s)
	some m in regex.find_all_string_submatch_n(_hcl_ref, chunk, -1)
	ref := {"scope": dir, "mode": _mode(m[1]), "type": m[2], "name": m[3], "attr": m[4]}
}

_hcl_output_value(dir, name) := v if {
	some d in tf.docs_in(dir)
	some b in d.contents.output[name]
	v := b.value
}

_hcl_expr_refs_via_output(dir, raw) := {ref |
	some s in _strings(raw)
	some chunk in _hcl_chunks(s)
	some m in regex.find_all_string_submatch_n(_hcl_module_ref, chunk, -1)
	some c in tf.module_calls
	c.caller_dir == dir
	c.name == m[1]
	v := _hcl_output_value(c.child_dir, m[2])
	some ref in _hcl_expr_refs(c.child_dir, v)
}

# refs returns what the attribute at path refers to: a set of {scope, mode (managed|data),
# type, name, attr}. scope is the module address without instance keys (plan) or the module
# directory (HCL); attr is the rest of the reference (e.g. ".identity[0].principal_id").
# A reference to a module output is followed one level into that module.
refs(r, path) := _plan_expr_refs(strip_index(r.module), e) | _plan_expr_refs_via_output(r.path, strip_index(r.module), e) if {
	r.source == "plan"
	e := object.get(config(r), array.concat(["expressions"], path), null)
}

refs(r, path) := _hcl_expr_refs(r.dir, raw) | _hcl_expr_refs_via_output(r.dir, raw) if {
	r.source == "hcl"
	raw := object.get(r.values, path, null)
}

# _named indexes tf.resources by what a reference names, so that resolving a reference is
# a lookup, not a scan of every resource of the type: plan resources by [plan path, module
# instance, type, name] (a reference inside a module instance names that instance's
# resource), HCL resources by [directory, type, name]. The index is an object comprehension
# over comprehensions that OPA indexes (built in one pass); a multi-value rule with a
# variable in its head would be rebuilt on each insert.
# (an AzAPI resource's azurerm view is named by its own type: azapi_resource.x)
_name_key(r) := ["plan", r.path, r.module, object.get(r, "ref_type", r.type), r.name] if r.source == "plan"

_name_key(r) := ["hcl", r.dir, object.get(r, "ref_type", r.type), r.name] if r.source == "hcl"

_name_keys := {_name_key(r) | some r in tf.resources}

_named := {k: rs |
	some k in _name_keys
	rs := {r | some r in tf.resources; k = _name_key(r)}
}

# _named_at returns the resources of ref's type and name in the module instance module of
# plan path (HCL: in directory ref.scope).
_named_at(r, module, ref) := object.get(_named, [["plan", r.path, module, ref.type, ref.name]], set()) if r.source == "plan"

_named_at(r, _, ref) := object.get(_named, [["hcl", ref.scope, ref.type, ref.name]], set()) if r.source == "hcl"

# the module instances of a plan, by module address without instance keys
_instances := {m: ms |
	some m in {strip_index(r.module) | some r in tf.resources; r.source == "plan"}
	ms := {[r.path, r.module] | some r in tf.resources; r.source == "plan"; m = strip_index(r.module)}
}

# _ref_instances returns the module instances a reference of r may name: r's own instance
# for a reference in r's module, the instances of the child module under r's instance for
# a reference followed through a module output (HCL: the directory).
_ref_instances(r, ref) := {r.module} if {
	r.source == "plan"
	ref.scope == strip_index(r.module)
}

_ref_instances(r, ref) := {m |
	some [path, m] in object.get(_instances, [ref.scope], set())
	path == r.path
	_under(m, r.module)
} if {
	r.source == "plan"
	ref.scope != strip_index(r.module)
}

_ref_instances(r, _) := {""} if r.source == "hcl"

_under(_, "")

_under(m, parent) if startswith(m, concat("", [parent, "."]))

# referenced returns the managed resources (from tf.resources) the attribute at path refers to.
referenced(r, path) := {r2 |
	some ref in refs(r, path)
	ref.mode == "managed"
	some m in _ref_instances(r, ref)
	some r2 in _named_at(r, m, ref)
}

# points_to is true when the attribute at path of r designates target: by reference, or by
# a known value equal to target's known attribute attr (e.g. "id" or "name").
points_to(r, path, target, _) if target in referenced(r, path)

points_to(r, path, target, attr) if {
	v := tf.value(r, path)
	v == tf.value(target, [attr])
}

# --- deployments ------------------------------------------------------------------------

_callers(d) := {c.caller_dir | some c in tf.module_calls; c.child_dir == d}

_ancestors(d) := ((({d} | _callers(d)) | {y | some a in _callers(d); some y in _callers(a)}) | {z |
	some a in _callers(d)
	some b in _callers(a)
	some z in _callers(b)
}) | {w |
	some a in _callers(d)
	some b in _callers(a)
	some c in _callers(b)
	some w in _callers(c)
}

# roots returns the HCL root directories whose deployment includes module directory d
# (d itself when no module block calls it).
roots(d) := {p | some p in _ancestors(d); not p in tf.called_dirs}

# stacks names the deployments resource r belongs to: its plan, or its HCL root modules.
stacks(r) := {["plan", r.path]} if r.source == "plan"

stacks(r) := {["hcl", x] | some x in roots(r.dir)} if r.source == "hcl"

# same_stack is true when a and b are deployed together.
same_stack(a, b) if {
	some s in stacks(a)
	s in stacks(b)
}

# --- time -------------------------------------------------------------------------------

# now_ns is the plan's timestamp for plan resources (reproducible), the clock otherwise.
now_ns(r) := ns if {
	r.source == "plan"
	some doc in tf.plans
	doc.path == r.path
	ns := time.parse_rfc3339_ns(doc.contents.timestamp)
} else := time.now_ns()

# --- Azure facts ------------------------------------------------------------------------

# scope_level classifies a role assignment scope: management_group, subscription,
# resource_group or resource; undefined when unknown.
scope_level(r) := _level_of_id(tf.value(r, ["scope"]))

scope_level(r) := level if {
	not tf.value(r, ["scope"])
	r.source == "plan"
	levels := {l | some ref in refs(r, ["scope"]); l := _level_of_ref(ref)}
	count(levels) == 1
	some level in levels
}

scope_level(r) := level if {
	r.source == "hcl"
	raw := r.values.scope
	some m in regex.find_all_string_submatch_n(`^\$\{\s*(data\.)?([a-z][a-z0-9_]*)\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?\.id\s*\}$`, raw, 1)
	level := _level_of_type(m[2])
}

# HCL: a scope handed down by the calling modules, `var.resource_group.id` (or
# `var.scope_id`), where every call passes an object whose id refers to a resource group,
# subscription or management group (directly, or through a local, possibly a conditional
# between such objects), or passes the resource itself.
scope_level(r) := level if {
	r.source == "hcl"
	not tf.value(r, ["scope"])
	levels := _passed_levels(r.dir, r.values.scope)
	count(levels) == 1
	some level in levels
}

_var_id_pattern := `^\$\{\s*var\.([A-Za-z_][A-Za-z0-9_-]*)(\.id)?\s*\}$`

_id_ref_pattern := `^\$\{\s*(data\.)?([a-z][a-z0-9_]*)\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?\.id\s*\}$`

_passed_levels(dir, raw) := {l | some c in calls; l := _call_level(c, m[1], m[2])} if {
	m := regex.find_all_string_submatch_n(_var_id_pattern, raw, 1)[0]
	calls := {c | some c in tf.module_calls; c.child_dir == dir}
	count(calls) > 0
	every c in calls {
		_ := _call_level(c, m[1], m[2])
	}
}

# var.x: the argument is the id itself
_call_level(c, name, "") := _id_level(c.args[name])

# var.x.id: the argument is an object with an id, a local holding one, or the resource
_call_level(c, name, ".id") := _id_level(c.args[name].id)

_call_level(c, name, ".id") := level if {
	[_, local] := regex.find_all_string_submatch_n(`^\$\{\s*local\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}$`, c.args[name], 1)[0]
	level := _object_level(tf.local_raw(c.caller_dir, local))
}

_call_level(c, name, ".id") := _level_of_type(m[2]) if {
	m := regex.find_all_string_submatch_n(`^\$\{\s*(data\.)?([a-z][a-z0-9_]*)\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?\s*\}$`, c.args[name], 1)[0]
}

_id_level(raw) := _level_of_type(m[2]) if {
	m := regex.find_all_string_submatch_n(_id_ref_pattern, raw, 1)[0]
}

_object_level(obj) := _id_level(obj.id) if is_object(obj)

# an expression building the object (var.create ? { id = azurerm_resource_group.this[0].id,
# ... } : { id = data.azurerm_resource_group.existing[0].id, ... }): every `id =` it holds
# refers to the same kind of scope
_object_level(text) := level if {
	is_string(text)
	_object_literals(text)
	ids := regex.find_all_string_submatch_n(`(?:^|[\s{,])id\s*=\s*([^\s,}]+)`, text, -1)
	count(ids) > 0
	levels := {l | some m in ids; l := _id_level(sprintf("${%s}", [m[1]]))}
	count(levels) == 1
	every m in ids {
		_ := _id_level(sprintf("${%s}", [m[1]]))
	}
	some level in levels
}

# the expression is one object literal, or a conditional between two (a branch that is
# anything else, var.existing or merge(...), may hold any id)
_object_literals(text) if regex.match(`^\$\{\s*\{[^{}]*\}\s*\}$`, text)

_object_literals(text) if regex.match(`^\$\{[^?{}]*\?\s*\{[^{}]*\}\s*:\s*\{[^{}]*\}\s*\}$`, text)

_level_of_ref(ref) := _level_of_type(ref.type) if regex.match(`^(\[[^\]]*\])?\.id$`, ref.attr)

_level_of_type("azurerm_resource_group") := "resource_group"

_level_of_type("azurerm_subscription") := "subscription"

_level_of_type("azurerm_management_group") := "management_group"

_level_of_id(id) := "management_group" if regex.match(`(?i)^/providers/Microsoft\.Management/managementGroups/[^/]+/?$`, id)

_level_of_id(id) := "subscription" if regex.match(`(?i)^/subscriptions/[^/]+/?$`, id)

_level_of_id(id) := "resource_group" if regex.match(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/?$`, id)

_level_of_id(id) := "resource" if regex.match(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/.+`, id)

# builtin_role_ids maps built-in role definition GUIDs to their names.
builtin_role_ids := {
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
	"b24988ac-6180-491e-9019-cb50f8f0acb4": "Contributor",
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
	"f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
}

# role_name returns the role an assignment grants: role_definition_name, or the built-in
# role named by role_definition_id.
role_name(r) := tf.value(r, ["role_definition_name"])

role_name(r) := name if {
	not tf.value(r, ["role_definition_name"])
	id := lower(tf.value(r, ["role_definition_id"]))
	some guid, name in builtin_role_ids
	endswith(id, guid)
}

# gpu_vm_size is true for GPU VM sizes (N-series: NC, ND, NG, NV).
gpu_vm_size(size, pattern) if regex.match(pattern, size)

# node_pools lists the AKS node pools: the cluster's default_node_pool and every
# azurerm_kubernetes_cluster_node_pool, as {resource, pool (values object), path (into
# resource values), name}.
node_pools contains {"resource": r, "path": ["default_node_pool", i], "name": object.get(p, "name", "default")} if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	some i, p in tf.blocks(r, "default_node_pool")
}

node_pools contains {"resource": r, "path": [], "name": object.get(r.values, "name", r.name)} if {
	some r in tf.of_type("azurerm_kubernetes_cluster_node_pool")
}

# --- state ------------------------------------------------------------------------------
