# METADATA
# title: Terraform resources
# description: |
#   One view of Terraform resources for every control, from `terraform show -json` plans
#   (resource_changes after-values across nested modules; deletes, forgets and data sources
#   skipped; after_unknown honoured) and states (values.root_module and its child modules),
#   and from conftest's HCL2 parse of `.tf` files (simple var.x and local.x references
#   resolved through variable defaults, optional() defaults, terraform.tfvars,
#   *.auto.tfvars and module call arguments; whatever cannot be resolved is unknown, never
#   insecure). AzAPI resources creating AKS clusters and data services are also seen as
#   their azurerm counterparts.
# custom:
#   library: true
package lib.terraform

import data.lib.docs

# --- plans -----------------------------------------------------------------------------

# is_plan is true for a `terraform show -json` document.
is_plan(c) if {
	is_string(c.format_version)
	is_string(c.terraform_version)
}

plans contains doc if {
	some doc in docs.documents
	is_plan(doc.contents)
}

# deleted is true for a change that only removes the resource: a destroy, or a `removed`
# block's "forget" (Terraform stops managing it; stridegate no longer deploys it).
deleted(actions) if {
	some a in ["delete", "forget"]
	a in actions
	not "create" in actions
}

_plan_resources contains r if {
	some doc in plans
	some rc in doc.contents.resource_changes
	rc.mode == "managed"
	not deleted(rc.change.actions)
	object.get(rc.change, "after", {}) != null
	r := {
		"address": rc.address,
		"type": rc.type,
		"name": rc.name,
		"module": object.get(rc, "module_address", ""),
		"values": _obj(object.get(rc.change, "after", {})),
		"unknown": _obj(object.get(rc.change, "after_unknown", {})),
		"source": "plan",
		"path": doc.path,
		"dir": "",
	}
}

# A `terraform show -json` of a state (no plan: `values` instead of resource_changes) is
# the deployed resources, root module and child modules (five levels).
_state_modules0 contains {"doc": doc, "module": m} if {
	some doc in plans
	not doc.contents.resource_changes
	m := doc.contents.values.root_module
	is_object(m)
}

_state_children(p) := {{"doc": p.doc, "module": c} |
	some c in object.get(p.module, "child_modules", [])
	is_object(c)
}

_state_modules1 contains m if {
	some p in _state_modules0
	some m in _state_children(p)
}

_state_modules2 contains m if {
	some p in _state_modules1
	some m in _state_children(p)
}

_state_modules3 contains m if {
	some p in _state_modules2
	some m in _state_children(p)
}

_state_modules4 contains m if {
	some p in _state_modules3
	some m in _state_children(p)
}

_state_resources contains r if {
	some m in ((((_state_modules0 | _state_modules1) | _state_modules2) | _state_modules3) | _state_modules4)
	some res in object.get(m.module, "resources", [])
	res.mode == "managed"
	r := {
		"address": res.address,
		"type": res.type,
		"name": res.name,
		"module": object.get(m.module, "address", ""),
		"values": _obj(object.get(res, "values", {})),
		"unknown": {},
		"source": "plan",
		"path": m.doc.path,
		"dir": "",
	}
}

_obj(x) := x if is_object(x)

_obj(x) := {} if not is_object(x)

# --- HCL -------------------------------------------------------------------------------

_hcl_keys := {"resource", "data", "module", "variable", "output", "locals", "provider", "terraform"}

# is_hcl_doc is true for a conftest HCL2 parse of a .tf file.
is_hcl_doc(doc) if endswith(doc.path, ".tf")

is_hcl_doc(doc) if {
	doc.path == ""
	is_object(doc.contents)
	not doc.contents.apiVersion
	not is_plan(doc.contents)
	some k, v in doc.contents
	k in _hcl_keys
	_hcl_shaped(k, v)
}

_hcl_shaped(k, v) if {
	k in {"terraform", "locals", "provider"}
	is_array(v)
}

_hcl_shaped("provider", v) if is_object(v)

_hcl_shaped(k, v) if {
	k in {"resource", "data", "module", "variable", "output"}
	is_object(v)
}

# hcl_docs are the .tf documents, each with its normalised directory.
hcl_docs contains {"path": doc.path, "dir": docs.normalize(docs.dir(doc.path)), "contents": doc.contents} if {
	some doc in docs.documents
	is_hcl_doc(doc)
}

# tfvars_docs are the variable files that apply to a module directory, each with its
# precedence rank: terraform.tfvars, then *.auto.tfvars in lexical order (both applied to
# their own directory), then the harness's --var-file files in command-line order (applied
# to every root module directory: they arrive as {"stridegate_var_file": {order, variables}}).
tfvars_docs contains {"dir": docs.normalize(docs.dir(doc.path)), "contents": doc.contents, "rank": _rank(b)} if {
	some doc in docs.documents
	b := docs.base(doc.path)
	_is_tfvars(b)
	is_object(doc.contents)
	not doc.contents.stridegate_var_file
}

tfvars_docs contains {"dir": dir, "contents": vf.variables, "rank": [2, vf.order, ""]} if {
	some doc in docs.documents
	vf := doc.contents.stridegate_var_file
	is_object(vf.variables)
	some dir in hcl_dirs
	not dir in called_dirs
}

_is_tfvars("terraform.tfvars")

_is_tfvars("terraform.tfvars.json")

_is_tfvars(b) if endswith(b, ".auto.tfvars")

_is_tfvars(b) if endswith(b, ".auto.tfvars.json")

_rank(b) := [0, 0, b] if startswith(b, "terraform.tfvars")

_rank(b) := [1, 0, b] if not startswith(b, "terraform.tfvars")

# hcl_dirs is every directory that holds .tf files.
hcl_dirs contains d.dir if some d in hcl_docs

# hcl_docs_by_dir indexes hcl_docs by directory, built once in one pass (an object of
# comprehensions OPA indexes), so that resolving a variable or local is a lookup.
hcl_docs_by_dir := {dir: ds |
	some dir in hcl_dirs
	ds := {d | some d in hcl_docs; dir = d.dir}
}

# docs_in returns the .tf documents of directory dir.
docs_in(dir) := object.get(hcl_docs_by_dir, dir, set())

# module_calls lists local module calls: {caller_dir, child_dir, name, args, path}.
module_calls contains {"caller_dir": d.dir, "child_dir": child, "name": name, "args": b, "path": d.path} if {
	some d in hcl_docs
	some name, blocks in d.contents.module
	some b in blocks
	is_string(b.source)
	regex.match(`^\.\.?/`, b.source)
	child := docs.normalize(docs.join(d.dir, b.source))
}

# called_dirs are the directories some module block in the input calls.
called_dirs contains c.child_dir if some c in module_calls

# root_dirs hold provider configuration (a provider block, a backend or a cloud block) or a
# variable file and are called by no module block: only they keep state. `required_providers`
# alone is what a reusable module declares (a modules directory checked without its root is
# not a root).
root_dirs contains dir if {
	some dir in hcl_dirs
	not dir in called_dirs
	_has_provider_config(dir)
}

_has_provider_config(dir) if {
	some d in docs_in(dir)
	d.contents.provider
}

_has_provider_config(dir) if {
	some d in docs_in(dir)
	some t in d.contents.terraform
	t.backend
}

_has_provider_config(dir) if {
	some d in docs_in(dir)
	some t in d.contents.terraform
	t.cloud
}

# a terraform.tfvars or *.auto.tfvars file: Terraform reads them only in a root (azapi,
# random and azuread need no provider block)
_has_provider_config(dir) if dir in _tfvars_dirs

_tfvars_dirs := {docs.normalize(docs.dir(doc.path)) |
	some doc in docs.documents
	_is_tfvars(docs.base(doc.path))
	not doc.contents.stridegate_var_file
}

_hcl_resources contains r if {
	some d in hcl_docs
	not d.dir in off_dirs
	some type, named in d.contents.resource
	some name, blocks in named
	some block in blocks
	not _count_zero(d.dir, block)
	not _instances(d.dir, block)
	r := _hcl_resource(d, type, name, sprintf("%s.%s", [type, name]), block)
}

# a resource whose for_each resolves to a map (or a list of strings) is one resource per
# instance, type.name["key"], with each.key and each.value.<attr> substituted where an
# argument is exactly that reference
_hcl_resources contains r if {
	some d in hcl_docs
	not d.dir in off_dirs
	some type, named in d.contents.resource
	some name, blocks in named
	some block in blocks
	not _count_zero(d.dir, block)
	some key, each in _instances(d.dir, block)
	values := {attr: v |
		some attr, raw in block
		attr != "for_each"
		v := _each_in_blocks(_each_substituted(raw, key, each), key, each)
	}
	r := _hcl_resource(d, type, name, sprintf("%s.%s[%q]", [type, name, key]), values)
}

_hcl_resource(d, type, name, address, values) := {
	"address": address,
	"type": type,
	"name": name,
	"module": "",
	"values": _expand_dynamic(d.dir, values),
	"unknown": {},
	"source": "hcl",
	"path": d.path,
	"dir": d.dir,
}

# _expand_dynamic turns the top-level `dynamic` blocks whose for_each resolves into the
# blocks they generate: none for an empty collection (the usual switch
# `for_each = var.on ? [1] : []`), one copy of `content` per element otherwise (content
# arguments that use the iterator stay unresolvable, hence unknown). A dynamic block whose
# for_each cannot be resolved is kept under "dynamic", where it makes the block unknown.
_expand_dynamic(_, values) := values if not is_object(object.get(values, "dynamic", null))

_expand_dynamic(dir, values) := v if {
	is_object(values.dynamic)
	generated := {name: bs |
		some name, defs in values.dynamic
		bs := _generated(dir, defs)
	}
	kept := {name: defs |
		some name, defs in values.dynamic
		not name in object.keys(generated)
	}
	v := _with_kept(_with_generated(values, generated), kept)
}

_with_kept(values, kept) := values if count(kept) == 0

_with_kept(values, kept) := object.union(values, {"dynamic": kept}) if count(kept) > 0

# the values without "dynamic", each generated block list appended to the static blocks
# of the same name
_with_generated(values, generated) := object.union(
	object.remove(values, ["dynamic"]),
	{name: array.concat(_static_blocks(values, name), bs) | some name, bs in generated; count(bs) > 0},
)

_static_blocks(values, name) := bs if {
	bs := values[name]
	is_array(bs)
} else := []

# _generated is the list of blocks a name's dynamic blocks generate (undefined when one of
# their for_each cannot be resolved to a collection)
_generated(dir, defs) := [c |
	some def in defs
	n := _dynamic_count(dir, def)
	n > 0
	some _ in numbers.range(1, n)
	c := object.get(def, ["content", 0], {})
] if {
	is_array(defs)
	every def in defs {
		_ := _dynamic_count(dir, def)
	}
}

_dynamic_count(dir, def) := count(v) if {
	v := resolve_in(dir, def.for_each)
	_collection(v)
}

_collection(v) if is_array(v)

_collection(v) if is_object(v)

# _instances maps each for_each key to its each.value (undefined when for_each is absent
# or cannot be resolved: the resource is then checked once, its each.* arguments unknown)
_instances(dir, block) := v if {
	v := resolve_in(dir, block.for_each)
	is_object(v)
}

_instances(dir, block) := {s: s | some s in v} if {
	v := resolve_in(dir, block.for_each)
	is_array(v)
	every s in v {
		is_string(s)
	}
}

_each_pattern := `^\$\{\s*each\.(key|value)((?:\.[A-Za-z_][A-Za-z0-9_-]*)*)\s*\}$`

# _each_substituted resolves an argument that is exactly each.key, each.value or
# each.value.<attr>; anything else (or an attribute the instance does not set) is kept
# as it is, so that it stays unknown.
_each_substituted(raw, key, each) := v if {
	is_string(raw)
	m := regex.find_all_string_submatch_n(_each_pattern, raw, 1)[0]
	v := _each_ref(m[1], m[2], key, each)
} else := raw

# the arguments of nested blocks (network_profile { network_policy = each.value.policy }),
# one level down, are substituted the same way
_each_in_blocks(raw, key, each) := [_each_block(b, key, each) | some b in raw] if {
	is_array(raw)
	count(raw) > 0
	every b in raw {
		is_object(b)
	}
} else := raw

_each_block(b, key, each) := {attr: _each_substituted(v, key, each) | some attr, v in b}

_each_ref("key", "", key, _) := key

_each_ref("value", "", _, each) := each

_each_ref("value", attrs, _, each) := v if {
	attrs != ""
	is_object(each)
	v := object.get(each, split(trim_prefix(attrs, "."), "."), _absent)
	v != _absent
}

# off_dirs are the module directories no call deploys: every module block calling one is
# switched off (count resolves to 0, for_each to an empty collection), or sits in a directory
# that is itself off (two levels). Their resources are not deployed and not checked.
off_dirs := _off1 | _off2

_off1 contains dir if {
	some dir in called_dirs
	every c in _calls_into(dir) {
		_call_off(c)
	}
}

_off2 contains dir if {
	some dir in called_dirs
	not dir in _off1
	every c in _calls_into(dir) {
		_call_off_in(c, _off1)
	}
}

_call_off_in(c, _) if _call_off(c)

_call_off_in(c, off) if c.caller_dir in off

_call_off(c) if _count_zero(c.caller_dir, c.args)

_call_off(c) if {
	v := resolve_in(c.caller_dir, c.args.for_each)
	_collection(v)
	count(v) == 0
}

# count = 0, or the usual switch count = var.deploy ? 1 : 0 (see resolve_in) set to 0
_count_zero(dir, block) if resolve_in(dir, block.count) == 0

_branch(true, yes, _) := yes

_branch(false, _, no) := no

# _condition is the value of a && of (negated) references: false as soon as one term is
# known false, true when every term is known true, undefined otherwise. A text with || is
# not read: && binds tighter, so `var.a && var.b || var.c` is not false when var.a is.
_condition(dir, text) := false if {
	not contains(text, "||")
	some t in split(text, "&&")
	_term(dir, trim_space(t)) == false
}

_condition(dir, text) if {
	not contains(text, "||")
	terms := split(text, "&&")
	every t in terms {
		_term(dir, trim_space(t)) == true
	}
}

_term(dir, t) := v if {
	not startswith(t, "!")
	v := _resolve_ref(dir, sprintf("${%s}", [t]))
	is_boolean(v)
}

_term(dir, t) := v if {
	startswith(t, "!")
	b := _resolve_ref(dir, sprintf("${%s}", [trim_space(trim_prefix(t, "!"))]))
	is_boolean(b)
	v := _not(b)
}

# a reference compared with a literal: var.environment == "prod"
_comparison_pattern := `^((?:var|local)\.[A-Za-z_][A-Za-z0-9_.-]*)\s*(==|!=)\s*("[^"$]*"|true|false|null|-?\d+(?:\.\d+)?)$`

_term(dir, t) := v if {
	m := regex.find_all_string_submatch_n(_comparison_pattern, t, 1)[0]
	x := _resolve_ref(dir, sprintf("${%s}", [m[1]]))
	v := _compare(m[2], x, json.unmarshal(m[3]))
}

_compare("==", a, b) := a == b

_compare("!=", a, b) := a != b

_not(true) := false

_not(false) := true

# --- the one view controls use ----------------------------------------------------------

# resources is every managed resource from plans and HCL, and the azurerm view of AzAPI
# resources that create an AKS cluster (below).
resources := (_base_resources | _azapi_clusters) | _azapi_services

_base_resources := (_plan_resources | _state_resources) | _hcl_resources

_azapi_resources := {r | some r in _base_resources; r.type == "azapi_resource"}

# --- AzAPI ------------------------------------------------------------------------------

# An `azapi_resource` of type Microsoft.ContainerService/managedClusters@... is also seen as
# an azurerm_kubernetes_cluster, its ARM body mapped to the azurerm arguments the AKS
# controls read (same address; "ref_type" keeps references to azapi_resource.x working).
# ARM defaults match the provider's for every mapped setting. What the body leaves to an
# expression, or a plan leaves unknown, is unknown in the view.
_azapi_clusters contains object.union(object.remove(r, ["type", "values", "unknown"]), {
	"type": "azurerm_kubernetes_cluster",
	"ref_type": r.type,
	"values": object.union(_arm_values(r, body), _identity(r)),
	"unknown": _arm_unknown(r, body),
}) if {
	some r in _azapi_resources
	startswith(lower(value(r, ["type"])), "microsoft.containerservice/managedclusters@")
	body := _arm_body(r)
}

# Data services created through AzAPI are seen the same way, for the settings whose ARM
# default equals the provider's: [azurerm type, {argument: [ARM path, conversion]}].
# "enabled" maps "Enabled"/"Disabled" to true/false; "explicit" is a setting whose default
# has changed across API versions: it is unknown when the body leaves it out.
_arm_services := {
	"microsoft.machinelearningservices/workspaces": ["azurerm_machine_learning_workspace", {"public_network_access_enabled": [["properties", "publicNetworkAccess"], "enabled"]}],
	"microsoft.containerregistry/registries": ["azurerm_container_registry", {"public_network_access_enabled": [["properties", "publicNetworkAccess"], "enabled"]}],
	"microsoft.keyvault/vaults": ["azurerm_key_vault", {
		"public_network_access_enabled": [["properties", "publicNetworkAccess"], "enabled"],
		"purge_protection_enabled": [["properties", "enablePurgeProtection"], "value"],
		"rbac_authorization_enabled": [["properties", "enableRbacAuthorization"], "explicit"],
		"soft_delete_retention_days": [["properties", "softDeleteRetentionInDays"], "value"],
	}],
	"microsoft.storage/storageaccounts": ["azurerm_storage_account", {
		"public_network_access_enabled": [["properties", "publicNetworkAccess"], "enabled"],
		"shared_access_key_enabled": [["properties", "allowSharedKeyAccess"], "value"],
		"min_tls_version": [["properties", "minimumTlsVersion"], "value"],
		"https_traffic_only_enabled": [["properties", "supportsHttpsTrafficOnly"], "value"],
	}],
}

_azapi_services contains object.union(object.remove(r, ["type", "values", "unknown"]), {
	"type": type,
	"ref_type": r.type,
	"values": {k: v | some k, [path, conv] in attrs; v := _service_value(r, body, path, conv)},
	"unknown": {k: true | r.source == "plan"; some k, [path, conv] in attrs; not _service_known(r, body, path, conv)},
}) if {
	some r in _azapi_resources
	arm_type := split(lower(value(r, ["type"])), "@")[0]
	[type, attrs] := _arm_services[arm_type]
	body := _arm_body(r)
}

# the converted value; an HCL value that cannot be known is the unknown marker
_service_value(r, body, path, conv) := _service_converted(r, body, path, conv)

_service_value(r, body, path, conv) := _marker if {
	r.source == "hcl"
	not _service_known(r, body, path, conv)
}

_service_known(r, body, path, conv) if _service_converted(r, body, path, conv)

_service_known(r, body, path, conv) if _service_absent(r, body, path, conv)

_service_known(r, body, path, conv) if _service_converted(r, body, path, conv) == false

_service_absent(r, body, path, conv) if {
	conv != "explicit"
	not _arm_unknown_at(r, body, path)
	object.get(body, path, null) == null
}

_service_converted(r, body, path, conv) := v if {
	not _arm_unknown_at(r, body, path)
	raw := object.get(body, path, null)
	raw != null
	v := _convert(conv, resolve(r, raw))
}

_convert("enabled", s) if lower(s) == "enabled"

_convert("enabled", s) := false if lower(s) == "disabled"

_convert(conv, v) := v if conv in {"value", "explicit"}

# the body: an object (HCL, azapi v2 plans) or a JSON string (azapi v1 plans); a body that
# is one expression (jsonencode(local.x)) is {"stridegate": "unknown"}
_arm_body(r) := b if {
	b := object.get(r.values, "body", null)
	is_object(b)
	not _whole_body_unknown(r)
}

_arm_body(r) := b if {
	s := object.get(r.values, "body", null)
	is_string(s)
	not _body_expression(r, s)
	json.is_valid(s)
	b := json.unmarshal(s)
	is_object(b)
	not _whole_body_unknown(r)
}

_arm_body(r) := _unknown_body if _whole_body_unknown(r)

_arm_body(r) := _unknown_body if {
	s := object.get(r.values, "body", null)
	is_string(s)
	_body_expression(r, s)
}

# (a plan's body string is final JSON: a "${" in it is text)
_body_expression(r, s) if {
	r.source == "hcl"
	expression(s)
}

_unknown_body := {"stridegate": "unknown"}

_whole_body_unknown(r) if r.unknown.body == true

_arm_scalars := {
	"private_cluster_enabled": ["properties", "apiServerAccessProfile", "enablePrivateCluster"],
	"local_account_disabled": ["properties", "disableLocalAccounts"],
	"oidc_issuer_enabled": ["properties", "oidcIssuerProfile", "enabled"],
	"workload_identity_enabled": ["properties", "securityProfile", "workloadIdentity", "enabled"],
	"role_based_access_control_enabled": ["properties", "enableRBAC"],
}

_arm_blocks := {
	"network_profile": [["properties", "networkProfile"], {
		"network_plugin": "networkPlugin",
		"network_plugin_mode": "networkPluginMode",
		"network_policy": "networkPolicy",
		"outbound_type": "outboundType",
	}],
	"api_server_access_profile": [["properties", "apiServerAccessProfile"], {"authorized_ip_ranges": "authorizedIPRanges"}],
	"azure_active_directory_role_based_access_control": [["properties", "aadProfile"], {"managed": "managed", "azure_rbac_enabled": "enableAzureRBAC"}],
}

# _arm_unknown_at is true when the body value at path cannot be known: the whole body is an
# expression, a plan leaves it (or an enclosing object) unknown, or an enclosing object is
# an HCL expression.
_arm_unknown_at(_, body, _) if body == _unknown_body

_arm_unknown_at(r, _, path) if {
	some i in numbers.range(1, count(path))
	object.get(r.unknown, array.concat(["body"], array.slice(path, 0, i)), false) == true
}

_arm_unknown_at(_, body, path) if {
	count(path) > 2
	array.slice(path, 0, 2) == ["properties", "addonProfiles"]
	is_string(path[2])
	count(_addon_keys(body, lower(path[2]))) > 1
}

_arm_unknown_at(r, body, path) if {
	r.source == "hcl"
	count(path) > 1
	some i in numbers.range(1, count(path) - 1)
	expression(object.get(body, array.slice(path, 0, i), null))
}

# _marker stands for an unknown value in an HCL view: an expression nothing resolves
_marker := "${azapi_resource.body}"

_arm_value(r, body, path) := _marker if {
	r.source == "hcl"
	_arm_unknown_at(r, body, path)
}

_arm_value(r, body, path) := v if {
	not _arm_unknown_at(r, body, path)
	v := object.get(body, path, null)
	v != null
}

# the add-on profile as written (ARM add-on names are matched case-insensitively; a name
# written twice, in two cases, is ambiguous: unknown, see _arm_unknown_at)
_addon_path(body, name) := ["properties", "addonProfiles", min(ks)] if {
	ks := _addon_keys(body, name)
	count(ks) > 0
} else := ["properties", "addonProfiles", name]

_addon_keys(body, name) := {k |
	some k, _ in object.get(body, ["properties", "addonProfiles"], {})
	is_string(k)
	lower(k) == name
}

_arm_values(r, body) := _with_plugin(r, body, _arm_mapped(r, body))

# The API's default network plugin for a cluster that names none has changed over API
# versions (kubenet, then Azure CNI Overlay): a plugin the body leaves out is unknown.
_plugin_path := ["properties", "networkProfile", "networkPlugin"]

_plugin_left_out(r, body) if {
	body != _unknown_body
	not _arm_unknown_at(r, body, _plugin_path)
	object.get(body, _plugin_path, null) == null
}

_with_plugin(r, body, vs) := vs if not _plugin_left_out(r, body)

_with_plugin(r, body, vs) := vs if {
	r.source == "plan"
	_plugin_left_out(r, body)
}

_with_plugin(r, body, vs) := object.union(vs, {"network_profile": [object.union(object.get(vs, ["network_profile", 0], {}), {"network_plugin": _marker})]}) if {
	r.source == "hcl"
	_plugin_left_out(r, body)
}

_arm_mapped(r, body) := object.union_n([
	{k: v | some k, path in _arm_scalars; v := _arm_value(r, body, path)},
	{k: [b] |
		some k, [base, attrs] in _arm_blocks
		is_object(object.get(body, base, null))
		not _arm_unknown_at(r, body, base)
		b := {a: v | some a, src in attrs; v := _arm_value(r, body, array.concat(base, [src]))}
	},
	{k: _marker |
		r.source == "hcl"
		some k, [base, _] in _arm_blocks
		expression(_arm_value(r, body, base))
	},
	_arm_addon_values(r, body),
	_arm_defender(r, body),
	_arm_node_pools(r, body),
])

# agentPoolProfiles are the cluster's node pools, seen as default_node_pool blocks
_arm_pools := ["properties", "agentPoolProfiles"]

_arm_pool_attrs := {"name": "name", "vm_size": "vmSize", "node_taints": "nodeTaints", "node_public_ip_enabled": "enableNodePublicIP"}

_arm_node_pools(r, body) := {"default_node_pool": [p |
	some i, _ in pools
	p := {a: v | some a, src in _arm_pool_attrs; v := _arm_value(r, body, array.concat(_arm_pools, [i, src]))}
]} if {
	pools := object.get(body, _arm_pools, null)
	is_array(pools)
	not _arm_unknown_at(r, body, _arm_pools)
} else := {"default_node_pool": _marker} if {
	r.source == "hcl"
	expression(_arm_value(r, body, _arm_pools))
} else := {}

_arm_addon_values(r, body) := object.union(
	{"azure_policy_enabled": v | v := _arm_value(r, body, array.concat(_addon_path(body, "azurepolicy"), ["enabled"]))},
	_arm_kv_provider(r, body),
)

# key_vault_secrets_provider exists when the add-on is enabled; its config's
# enableSecretRotation is the string "true" or "false"
_arm_kv_provider(r, body) := {"key_vault_secrets_provider": [{"secret_rotation_enabled": _arm_bool_string(rot)}]} if {
	path := _addon_path(body, "azurekeyvaultsecretsprovider")
	resolve(r, _arm_value(r, body, array.concat(path, ["enabled"]))) == true
	rot := object.get(body, array.concat(path, ["config", "enableSecretRotation"]), null)
	not _arm_unknown_at(r, body, array.concat(path, ["config", "enableSecretRotation"]))
} else := {"key_vault_secrets_provider": _marker} if {
	r.source == "hcl"
	path := _addon_path(body, "azurekeyvaultsecretsprovider")
	not _resolves_false(r, _arm_value(r, body, array.concat(path, ["enabled"])))
	_arm_value(r, body, array.concat(path, ["enabled"]))
} else := {}

_arm_bool_string(s) if {
	is_string(s)
	lower(s) == "true"
}

_arm_bool_string(s) := false if {
	is_string(s)
	lower(s) == "false"
}

_arm_bool_string(s) := s if not _bool_text(s)

_bool_text(s) if {
	is_string(s)
	lower(s) in {"true", "false"}
}

# (`not resolve(...) == false` would fail when resolve is undefined: the call is evaluated
# outside the negation)
_resolves_false(r, raw) if resolve(r, raw) == false

# microsoft_defender exists when securityProfile.defender.securityMonitoring is enabled
_arm_defender_path := ["properties", "securityProfile", "defender", "securityMonitoring", "enabled"]

_arm_defender(r, body) := {"microsoft_defender": [{}]} if {
	resolve(r, _arm_value(r, body, _arm_defender_path)) == true
} else := {"microsoft_defender": _marker} if {
	r.source == "hcl"
	_arm_value(r, body, _arm_defender_path)
	not _resolves_false(r, _arm_value(r, body, _arm_defender_path))
} else := {}

# azapi's own identity block has the azurerm shape
_identity(r) := {"identity": r.values.identity} if r.values.identity

_identity(r) := {} if not r.values.identity

# plans: every mapped argument whose body value is unknown
_arm_unknown(r, _) := {} if r.source == "hcl"

# _unknown_below is true when an after_unknown value marks something unknown: true itself,
# or a true inside (known nested values are {} and lists of them)
_unknown_below(u) if {
	walk(u, [_, x])
	x == true
}

_arm_unknown(r, body) := object.union_n([
	{"network_profile": [{"network_plugin": true}] | _plugin_left_out(r, body)},
	{k: true | some k, path in _arm_scalars; _arm_unknown_at(r, body, path)},
	{k: true | some k, [base, _] in _arm_blocks; _arm_unknown_at(r, body, base)},
	{k: true | some k, [base, attrs] in _arm_blocks; some _, src in attrs; _arm_unknown_at(r, body, array.concat(base, [src]))},
	{"azure_policy_enabled": true | _arm_unknown_at(r, body, array.concat(_addon_path(body, "azurepolicy"), ["enabled"]))},
	{"key_vault_secrets_provider": true | _arm_unknown_at(r, body, array.concat(_addon_path(body, "azurekeyvaultsecretsprovider"), ["enabled"]))},
	{"key_vault_secrets_provider": true | _arm_unknown_at(r, body, array.concat(_addon_path(body, "azurekeyvaultsecretsprovider"), ["config", "enableSecretRotation"]))},
	{"microsoft_defender": true | _arm_unknown_at(r, body, _arm_defender_path)},
	{"default_node_pool": true | _arm_unknown_at(r, body, _arm_pools)},
	{"default_node_pool": true | _unknown_below(object.get(r.unknown, array.concat(["body"], _arm_pools), false))},
	{"identity": true | r.unknown.identity == true},
]) if r.source == "plan"

_types := {r.type | some r in resources}

# by_type indexes resources by type: some r in tf.by_type["azurerm_kubernetes_cluster"].
by_type := {t: rs |
	some t in _types
	rs := {r | some r in resources; t = r.type}
}

# of_type returns the resources of type t (an empty set when there are none).
of_type(t) := object.get(by_type, t, set())

# unknown is true when the value at path (an array) is not known: unknown after apply in a
# plan, or an HCL expression that cannot be resolved.
# (r.unknown is {} for HCL resources; a one-element path, the common case, is a plain lookup.)
unknown(r, [key]) if r.unknown[key] == true

unknown(r, path) if {
	count(path) > 1
	r.source == "plan"
	some i in numbers.range(1, count(path))
	object.get(r.unknown, array.slice(path, 0, i), false) == true
}

unknown(r, path) if {
	r.source == "hcl"
	raw := object.get(r.values, path, null)
	raw != null
	not _resolvable(r.dir, raw)
}

# Below an HCL expression (an object attribute set from a variable, `body = local.body`)
# nothing is known either: the value at path is not absent, it is unknown.
unknown(r, path) if {
	r.source == "hcl"
	count(path) > 1
	some i in numbers.range(1, count(path) - 1)
	expression(object.get(r.values, array.slice(path, 0, i), null))
}

# A block that a `dynamic` block generates (HCL) is unknown: its for_each decides whether,
# and how often, it exists. conftest's parser keeps it under the parent's "dynamic" key.
unknown(r, path) if {
	r.source == "hcl"
	_dynamic_at(r.values, path)
}

_dynamic_at(values, path) if values.dynamic[path[0]]

_dynamic_at(values, path) if {
	count(path) > 1
	some i in numbers.range(1, count(path) - 1)
	parent := object.get(values, array.slice(path, 0, i), null)
	is_object(parent)
	parent.dynamic[path[i]]
}

# value returns the known, non-null value at path; undefined when absent, null, unknown
# or unresolvable.
value(r, path) := v if {
	raw := object.get(r.values, path, null)
	raw != null
	not unknown(r, path)
	v := _elements_resolved(r, resolve(r, raw))
	v != null
}

# a list a reference resolves to (local.audiences = [var.audience]) has its elements
# resolved in the same module; undefined when one of them does not resolve
_elements_resolved(r, v) := v if r.source == "plan"

_elements_resolved(r, v) := v if {
	r.source == "hcl"
	not _scalar_list_with_expression(v)
}

_elements_resolved(r, v) := vs if {
	r.source == "hcl"
	_scalar_list_with_expression(v)
	vs := [x | some e in v; x := resolve_in(r.dir, e)]
	count(vs) == count(v)
}

# absent is true when nothing is set at path and nothing unknown stands there (the
# provider default applies).
absent(r, path) if {
	object.get(r.values, path, null) == null
	not unknown(r, path)
}

# false_or_absent: explicitly false, or absent where the provider default is false.
false_or_absent(r, path) if value(r, path) == false

false_or_absent(r, path) if absent(r, path)

# true_or_absent: explicitly true, or absent where the provider default is true.
true_or_absent(r, path) if value(r, path) == true

true_or_absent(r, path) if absent(r, path)

# blocks returns the nested blocks named name (an empty array when absent or unknown).
blocks(r, name) := bs if {
	not unknown(r, [name])
	bs := object.get(r.values, name, [])
	is_array(bs)
} else := []

# resolve returns the value of raw in the context of resource r (plan values are final).
resolve(r, raw) := raw if r.source == "plan"

resolve(r, raw) := v if {
	r.source == "hcl"
	v := resolve_in(r.dir, raw)
}

# --- HCL reference resolution ----------------------------------------------------------

_ref_pattern := `^\$\{\s*(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}$`

# expression is true for an HCL string that still holds an expression.
expression(s) if {
	is_string(s)
	contains(s, "${")
}

_ref(s) := [m[1], m[2]] if {
	is_string(s)
	some m in regex.find_all_string_submatch_n(_ref_pattern, s, 1)
}

# _attr_ref reads `${var.x.a.b}` / `${local.x.a}` (an attribute of an object-typed variable
# or local) as [kind, name, ["a", "b"]].
_attr_ref_pattern := `^\$\{\s*(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)\s*\}$`

_attr_ref(s) := [m[1], m[2], split(trim_prefix(m[3], "."), ".")] if {
	is_string(s)
	some m in regex.find_all_string_submatch_n(_attr_ref_pattern, s, 1)
}

_resolvable(dir, raw) if {
	_ := resolve_in(dir, raw)
}

# resolve_in resolves a raw HCL value in module directory dir. Literals are returned as
# they are; `${var.x}`, `${local.x}` and attributes of them are followed through up to
# three module levels; a simple conditional picks its branch. A list of scalars holding
# expressions (`[var.audience]`) is resolved element by element, and is unknown when one
# element is; blocks (lists of objects) are returned as they are.
resolve_in(_, raw) := raw if {
	not expression(raw)
	not _scalar_list_with_expression(raw)
}

resolve_in(dir, raw) := _resolve_expression(dir, raw)

resolve_in(dir, raw) := vs if {
	_scalar_list_with_expression(raw)
	vs := [v | some x in raw; v := _resolve_element(dir, x)]
	count(vs) == count(raw)
}

_scalar_list_with_expression(raw) if {
	is_array(raw)
	some x in raw
	expression(x)
	every y in raw {
		not is_object(y)
		not is_array(y)
	}
}

_resolve_element(_, x) := x if not expression(x)

_resolve_element(dir, x) := _resolve_expression(dir, x)

_resolve_expression(dir, raw) := _resolve_ref(dir, raw)

# a boolean expression of the same terms as a condition: !var.private, var.a && var.b,
# var.environment == "prod"
_resolve_expression(dir, raw) := v if {
	m := regex.find_all_string_submatch_n(_boolean_pattern, raw, 1)[0]
	regex.match(`!|&&|==`, m[1])
	v := _condition(dir, m[1])
}

# a conditional whose condition is references joined by && (each possibly negated, or
# compared with a literal) and whose branches are literals or references:
# var.public ? "Allow" : "Deny"
_resolve_expression(dir, raw) := v if {
	m := regex.find_all_string_submatch_n(_conditional_pattern, raw, 1)[0]
	v := _operand(dir, _branch(_condition(dir, m[1]), m[2], m[3]))
}

_operand_pattern := `"[^"$]*"|true|false|null|-?\d+(?:\.\d+)?|\[\s*\]|\{\s*\}|\[\s*(?:"[^"$]*"|true|false|-?\d+)\s*\]|(?:var|local)\.[A-Za-z_][A-Za-z0-9_.-]*`

_condition_text := `((?:[^?:{}"]|"[^"$?:{}]*")+?)`

_boolean_pattern := concat("", [`^\$\{\s*`, _condition_text, `\s*\}$`])

_conditional_pattern := concat("", [`^\$\{\s*`, _condition_text, `\s*\?\s*(`, _operand_pattern, `)\s*:\s*(`, _operand_pattern, `)\s*\}$`])

_operand(dir, s) := _resolve_ref(dir, sprintf("${%s}", [s])) if regex.match(`^(var|local)\.`, s)

_operand(_, s) := json.unmarshal(s) if not regex.match(`^(var|local)\.`, s)

# _resolve_ref resolves `${var.x}`, `${local.x}` and attributes of them (`${var.x.a.b}`).
_resolve_ref(dir, raw) := v if {
	ref := _ref(raw)
	v := _lookup2(dir, ref)
}

# an attribute of an object: the object's value resolved as above, then the attribute,
# which must be set and literal (an attribute the call leaves out or sets to something
# unresolvable stays unknown)
_resolve_ref(dir, raw) := v if {
	[kind, name, path] := _attr_ref(raw)
	obj := _lookup2(dir, [kind, name])
	is_object(obj)
	v := object.get(obj, path, _absent)
	v != _absent
	not expression(v)
}

_absent := {"stridegate": "absent"}

_lookup2(dir, ["var", name]) := _var2(dir, name)

_lookup2(dir, ["local", name]) := v if {
	raw := _local_raw(dir, name)
	v := _plain_or_ref1(dir, raw)
}

_plain_or_ref1(_, raw) := raw if not expression(raw)

_plain_or_ref1(dir, raw) := _var2(dir, name) if ["var", name] = _ref(raw)

# local_raw is the expression of local.name in module directory dir, as written.
local_raw(dir, name) := _local_raw(dir, name)

_local_raw(dir, name) := v if {
	vals := [v |
		some d in docs_in(dir)
		some l in d.contents.locals
		v := l[name]
	]
	count(vals) == 1
	v := vals[0]
}

_defaults(dir, name) := {v |
	some d in docs_in(dir)
	some b in d.contents.variable[name]
	"default" in object.keys(b)
	v := b["default"]
}

_declared(dir, name) if {
	some d in docs_in(dir)
	d.contents.variable[name]
}

# _tfvar is the value of the highest-precedence variable file that sets name.
_tfvar(dir, name) := v if {
	cands := [[t.rank, x] | some t in tfvars_docs; t.dir == dir; x := t.contents[name]]
	count(cands) > 0
	top := max({c[0] | some c in cands})
	vals := {x | some c in cands; c[0] == top; x := c[1]}
	count(vals) == 1
	some v in vals
}

# _has_tfvar is true when a variable file sets name, whatever the value (`not _tfvar(...)`
# would also hold for a file that sets it to false).
_has_tfvar(dir, name) if {
	_ := _tfvar(dir, name)
}

# root level: tfvars, then the default (undefined when neither is set).
_var0(dir, name) := v if {
	not dir in called_dirs
	_declared(dir, name)
	v := _with_optionals(dir, name, null, _root_value(dir, name))
	not expression(v)
}

_root_value(dir, name) := _tfvar(dir, name)

_root_value(dir, name) := v if {
	not _has_tfvar(dir, name)
	defaults := _defaults(dir, name)
	count(defaults) == 1
	some v in defaults
}

# a module directory's variable is known when every call into it agrees on a known
# value: a call's argument, or the variable's default when the call does not set it.
_calls_into(dir) := {c | some c in module_calls; c.child_dir == dir}

_agreed(calls, vals) := v if {
	count(calls) > 0
	count(vals) == count(calls)
	count({x | some x in vals}) == 1
	v := vals[0]
}

_missing_arg(c, name) := v if {
	not name in object.keys(c.args)
	defaults := _defaults(c.child_dir, name)
	count(defaults) == 1
	some d in defaults
	not expression(d)
	v := _with_optionals(c.child_dir, name, null, d)
}

# _with_optionals fills in the `optional(type, default)` attributes of an object-typed
# variable that the value v leaves out or sets to null, as Terraform does. raw is the
# module argument as written: when it is an object, an attribute it sets to something
# unresolvable (left out of v) is not defaulted.
_with_optionals(dir, name, raw, v) := object.union(v, {k: d |
	some k, d in _optionals(dir, name)
	not _given(raw, v, k)
}) if is_object(v)

_with_optionals(_, _, _, v) := v if not is_object(v)

_given(raw, _, k) if {
	is_object(raw)
	raw[k] != null
}

_given(raw, v, k) if {
	not is_object(raw)
	v[k] != null
}

_type(dir, name) := t if {
	ts := [b.type | some d in docs_in(dir); some b in d.contents.variable[name]; is_string(b.type)]
	count(ts) == 1
	t := ts[0]
}

_optional_pattern := `([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*optional\(\s*(?:bool|string|number)\s*,\s*("[^"$\\]*"|true|false|-?\d+(?:\.\d+)?)\s*\)`

# _optionals are the literal defaults of the top-level optional attributes of an object
# type (`object({ defender = optional(bool, false) })`); nested objects, maps of objects and
# non-literal defaults are left out (their attributes stay unknown when not given).
_optionals(dir, name) := {m[1]: json.unmarshal(m[2]) |
	t := _type(dir, name)
	startswith(t, "${object({")
	some m in regex.find_all_string_submatch_n(_optional_pattern, t, -1)
	_top_level(t, m[0])
}

# text occurs once in type t, directly inside `${object({`
_top_level(t, text) if {
	[i] := indexof_n(t, text)
	prefix := substring(t, 0, i)
	count(indexof_n(prefix, "{")) - count(indexof_n(prefix, "}")) == 2
	count(indexof_n(prefix, "(")) - count(indexof_n(prefix, ")")) == 1
}

_local_plain(dir, name) := v if {
	v := _local_raw(dir, name)
	_literal(v)
}

# _literal is true for a value with no expression anywhere in it: only such a value can be
# handed to another module as it is (an expression inside would be read in the wrong scope)
_literal(x) if not _holds_expression(x)

_holds_expression(x) if {
	walk(x, [_, v])
	expression(v)
}

# level 1: modules called by a root.
_var_called1(dir, name) := v if {
	_declared(dir, name)
	calls := _calls_into(dir)
	v := _agreed(calls, [x | some c in calls; x := _call_arg1(c, name)])
}

_call_arg1(c, name) := _missing_arg(c, name)

_call_arg1(c, name) := _with_optionals(c.child_dir, name, c.args[name], _arg1(c.caller_dir, c.args[name]))

_arg1(_, raw) := raw if {
	not is_object(raw)
	_literal(raw)
}

_arg1(dir, raw) := _var0(dir, n) if ["var", n] = _ref(raw)

_arg1(dir, raw) := _local_plain(dir, n) if ["local", n] = _ref(raw)

# an object argument (aks_config = { private = var.private_cluster, ... }): each attribute
# resolved in the caller's directory; unresolvable attributes are left out (unknown)
_arg1(dir, raw) := {k: v |
	some k, r in raw
	v := _arg1_attr(dir, r)
} if is_object(raw)

_arg1_attr(_, raw) := raw if _literal(raw)

_arg1_attr(dir, raw) := _var0(dir, n) if ["var", n] = _ref(raw)

_arg1_attr(dir, raw) := _local_plain(dir, n) if ["local", n] = _ref(raw)

_var1(dir, name) := _var0(dir, name)

_var1(dir, name) := _var_called1(dir, name)

# level 2: modules called by a level-1 module.
_var_called2(dir, name) := v if {
	_declared(dir, name)
	calls := _calls_into(dir)
	v := _agreed(calls, [x | some c in calls; x := _call_arg2(c, name)])
}

_call_arg2(c, name) := _missing_arg(c, name)

_call_arg2(c, name) := _with_optionals(c.child_dir, name, c.args[name], _arg2(c.caller_dir, c.args[name]))

_arg2(_, raw) := raw if {
	not is_object(raw)
	_literal(raw)
}

_arg2(dir, raw) := _var1(dir, n) if ["var", n] = _ref(raw)

_arg2(dir, raw) := _local_plain(dir, n) if ["local", n] = _ref(raw)

_arg2(dir, raw) := {k: v |
	some k, r in raw
	v := _arg2_attr(dir, r)
} if is_object(raw)

_arg2_attr(_, raw) := raw if _literal(raw)

_arg2_attr(dir, raw) := _var1(dir, n) if ["var", n] = _ref(raw)

_arg2_attr(dir, raw) := _local_plain(dir, n) if ["local", n] = _ref(raw)

_var2(dir, name) := _var1(dir, name)

_var2(dir, name) := v if {
	not _known1(dir, name)
	v := _var_called2(dir, name)
}

# _known1 is true when _var1 resolves name, whatever the value (false included).
_known1(dir, name) if {
	_ := _var1(dir, name)
}

# backends names the backends the .tf files of module directory dir configure.
backends(dir) := {name |
	some d in docs_in(dir)
	some t in d.contents.terraform
	some name, _ in t.backend
}

# remote_state is true when module directory dir keeps its state remotely: a backend other
# than "local", or a `cloud` block.
remote_state(dir) if {
	some name in backends(dir)
	name != "local"
}

remote_state(dir) if {
	some d in docs_in(dir)
	some t in d.contents.terraform
	t.cloud
}
