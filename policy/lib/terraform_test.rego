package lib.terraform_test

import data.lib.terraform as tf

_hcl(body) := {"source": "hcl", "dir": "infra", "values": body, "unknown": {}}

test_dynamic_block_is_unknown if {
	r := _hcl({"dynamic": {"microsoft_defender": [{"for_each": "${var.on ? [1] : []}", "content": [{}]}]}})
	tf.unknown(r, ["microsoft_defender"])
	tf.unknown(r, ["microsoft_defender", 0, "log_analytics_workspace_id"])
	not tf.absent(r, ["microsoft_defender"])
	count(tf.blocks(r, "microsoft_defender")) == 0
}

test_nested_dynamic_block_is_unknown if {
	r := _hcl({"network_profile": [{"network_plugin": "azure", "dynamic": {"load_balancer_profile": [{"for_each": "${var.lbs}"}]}}]})
	tf.unknown(r, ["network_profile", 0, "load_balancer_profile"])
	not tf.unknown(r, ["network_profile", 0, "network_plugin"])
	tf.value(r, ["network_profile", 0, "network_plugin"]) == "azure"
}

test_static_block_is_known if {
	r := _hcl({"microsoft_defender": [{"log_analytics_workspace_id": "x"}], "dynamic": {"other": [{}]}})
	not tf.unknown(r, ["microsoft_defender"])
	count(tf.blocks(r, "microsoft_defender")) == 1
	not tf.unknown(r, ["name"])
	tf.absent(r, ["name"])
}

_vars_tf := {"path": "infra/variables.tf", "contents": {"variable": {"public": [{"type": "bool", "default": true}]}}}

test_tfvars_false_overrides_a_true_default if {
	v := tf.resolve_in("infra", "${var.public}") with input as [
		_vars_tf,
		{"path": "infra/terraform.tfvars", "contents": {"public": false}},
	]
	v == false
}

test_var_file_false_overrides_a_true_default if {
	v := tf.resolve_in("infra", "${var.public}") with input as [
		_vars_tf,
		{"path": "prod.tfvars", "contents": {"stridegate_var_file": {"order": 0, "variables": {"public": false}}}},
	]
	v == false
}

test_false_module_argument_is_not_overridden_by_the_default if {
	docs := [
		_vars_tf,
		{"path": "infra/terraform.tfvars", "contents": {"public": false}},
		{"path": "infra/main.tf", "contents": {"module": {"a": [{"source": "./modules/a", "public": "${var.public}"}]}}},
		{"path": "infra/modules/a/variables.tf", "contents": {"variable": {"public": [{"type": "bool", "default": true}]}}},
		{"path": "infra/modules/a/main.tf", "contents": {"module": {"b": [{"source": "../b", "public": "${var.public}"}]}}},
		{"path": "infra/modules/b/variables.tf", "contents": {"variable": {"public": [{"type": "bool", "default": true}]}}},
	]
	a := tf.resolve_in("infra/modules/a", "${var.public}") with input as docs
	a == false
	b := tf.resolve_in("infra/modules/b", "${var.public}") with input as docs
	b == false
}

# an object-typed module variable: aks_config = { private = var.private_cluster, ... }
_object_arg_docs(call_args, tfvars) := [
	{"path": "infra/variables.tf", "contents": {"variable": {"private_cluster": [{"default": true}], "pool": [{}]}}},
	{"path": "infra/terraform.tfvars", "contents": tfvars},
	{"path": "infra/main.tf", "contents": {"module": {"sil": [object.union({"source": "./modules/sil"}, call_args)]}}},
	{"path": "infra/modules/sil/variables.tf", "contents": {"variable": {"aks_config": [{"default": {"private": true, "sku": "Free"}}]}}},
]

test_object_argument_attribute_resolves_in_the_callers_scope if {
	docs := _object_arg_docs({"aks_config": {"private": "${var.private_cluster}", "sku": "Standard", "pool": "${var.pool}"}}, {"private_cluster": false})
	private := tf.resolve_in("infra/modules/sil", "${var.aks_config.private}") with input as docs
	private == false
	sku := tf.resolve_in("infra/modules/sil", "${var.aks_config.sku}") with input as docs
	sku == "Standard"

	# var.pool has no value anywhere: unknown, as is an attribute the call leaves out
	not _resolves("infra/modules/sil", "${var.aks_config.pool}", docs)
	not _resolves("infra/modules/sil", "${var.aks_config.zones}", docs)
}

test_object_default_when_the_call_leaves_the_argument_out if {
	docs := _object_arg_docs({}, {})
	private := tf.resolve_in("infra/modules/sil", "${var.aks_config.private}") with input as docs
	private == true
}

test_root_object_variable_attribute if {
	docs := [
		{"path": "infra/variables.tf", "contents": {"variable": {"redis_config": [{"default": {"sku_name": "Balanced_B0", "tls": {"min": "1.2"}}}]}}},
		{"path": "infra/main.tf", "contents": {"provider": {"azurerm": [{}]}}},
	]
	sku := tf.resolve_in("infra", "${var.redis_config.sku_name}") with input as docs
	sku == "Balanced_B0"
	min := tf.resolve_in("infra", "${var.redis_config.tls.min}") with input as docs
	min == "1.2"
	not _resolves("infra", "${var.redis_config.sku_name.x}", docs)
}

_resolves(dir, raw, docs) if {
	_ := tf.resolve_in(dir, raw) with input as docs
}

_switch_docs(count, tfvars) := [
	{"path": "infra/variables.tf", "contents": {"variable": {"deploy": [{"default": true}], "pe": [{"default": true}], "cfg": [{"default": {"on": false}}], "unknown": [{}]}}},
	{"path": "infra/terraform.tfvars", "contents": tfvars},
	{"path": "infra/main.tf", "contents": {"resource": {"azurerm_managed_redis": {"main": [{"count": count, "name": "r"}]}}}},
]

_deployed(count, tfvars) if {
	some r in tf.of_type("azurerm_managed_redis") with input as _switch_docs(count, tfvars)
	r.name == "main"
}

test_count_switch if {
	_deployed("${var.deploy ? 1 : 0}", {})
	not _deployed("${var.deploy ? 1 : 0}", {"deploy": false})
	_deployed("${!var.deploy ? 0 : 1}", {})
	not _deployed("${!var.deploy ? 1 : 0}", {})
	not _deployed("${var.deploy && var.pe ? 1 : 0}", {"pe": false})
	_deployed("${var.deploy && var.pe ? 1 : 0}", {})
	not _deployed("${var.cfg.on ? 1 : 0}", {})
	not _deployed(0, {})

	# unknown conditions and other expressions keep the resource
	_deployed("${var.unknown ? 1 : 0}", {})
	_deployed("${var.unknown && var.deploy ? 1 : 0}", {})
	_deployed("${length(var.x) > 0 ? 1 : 0}", {})
	_deployed("${var.deploy || var.pe ? 1 : 0}", {"deploy": false})
}

test_count_switch_false_term_wins if {
	not _deployed("${var.unknown && var.deploy ? 1 : 0}", {"deploy": false})
}

_node_pool_docs(pools) := [
	{"path": "infra/variables.tf", "contents": {"variable": {"node_pools": [{"default": pools}]}}},
	{"path": "infra/main.tf", "contents": {"module": {"sil": [{"source": "./modules/sil", "node_pools": "${var.node_pools}"}]}}},
	{"path": "infra/modules/sil/variables.tf", "contents": {"variable": {"node_pools": [{"type": "${map(object({vm_size = string}))}"}]}}},
	{"path": "infra/modules/sil/aks.tf", "contents": {"resource": {"azurerm_kubernetes_cluster_node_pool": {"gpu": [{
		"for_each": "${var.node_pools}",
		"name": "${each.key}",
		"vm_size": "${each.value.vm_size}",
		"node_taints": "${each.value.node_taints}",
		"node_labels": "${each.value.node_labels}",
		"min_count": "${each.value.auto ? each.value.min : null}",
		"kubernetes_cluster_id": "${azurerm_kubernetes_cluster.main.id}",
	}]}}}},
]

test_for_each_instances if {
	docs := _node_pool_docs({"gpu": {"vm_size": "Standard_NC24ads_A100_v4", "node_taints": ["nvidia.com/gpu:NoSchedule"]}, "cpu": {"vm_size": "Standard_D8ds_v5"}})
	pools := {r.address: r | some r in tf.of_type("azurerm_kubernetes_cluster_node_pool")} with input as docs
	object.keys(pools) == {`azurerm_kubernetes_cluster_node_pool.gpu["gpu"]`, `azurerm_kubernetes_cluster_node_pool.gpu["cpu"]`}
	gpu := pools["azurerm_kubernetes_cluster_node_pool.gpu[\"gpu\"]"]
	gpu.name == "gpu"
	gpu.values.name == "gpu"
	gpu.values.vm_size == "Standard_NC24ads_A100_v4"
	gpu.values.node_taints == ["nvidia.com/gpu:NoSchedule"]
	not gpu.values.for_each

	# an attribute the instance does not set, and other expressions, stay unknown
	cpu := pools["azurerm_kubernetes_cluster_node_pool.gpu[\"cpu\"]"]
	tf.unknown(cpu, ["node_taints"]) with input as docs
	tf.unknown(cpu, ["min_count"]) with input as docs
	tf.value(cpu, ["vm_size"]) == "Standard_D8ds_v5" with input as docs
}

test_for_each_unresolvable_is_one_resource if {
	docs := [{"path": "infra/main.tf", "contents": {"resource": {"azurerm_subnet": {"s": [{"for_each": "${local.subnets}", "name": "${each.key}"}]}}}}]
	addrs := {r.address | some r in tf.of_type("azurerm_subnet")} with input as docs
	addrs == {"azurerm_subnet.s"}
}

test_for_each_set_of_strings if {
	docs := [
		{"path": "infra/variables.tf", "contents": {"variable": {"zones": [{"default": ["1", "2"]}]}}},
		{"path": "infra/main.tf", "contents": {"provider": {"azurerm": [{}]}, "resource": {"azurerm_public_ip": {"ip": [{"for_each": "${var.zones}", "zones": ["${each.value}"], "name": "${each.key}"}]}}}},
	]
	ips := {r.address: r.values.name | some r in tf.of_type("azurerm_public_ip")} with input as docs
	ips == {`azurerm_public_ip.ip["1"]`: "1", `azurerm_public_ip.ip["2"]`: "2"}
}

test_conditional_picks_its_branch if {
	docs := [
		{"path": "infra/variables.tf", "contents": {"variable": {"public": [{"default": false}], "cfg": [{"default": {"ha": true, "zone": "2"}}], "unknown": [{}]}}},
		{"path": "infra/main.tf", "contents": {"provider": {"azurerm": [{}]}}},
	]
	deny := tf.resolve_in("infra", `${var.public ? "Allow" : "Deny"}`) with input as docs
	deny == "Deny"
	allow := tf.resolve_in("infra", `${!var.public ? "Allow" : "Deny"}`) with input as docs
	allow == "Allow"
	zone := tf.resolve_in("infra", "${var.cfg.ha ? var.cfg.zone : null}") with input as docs
	zone == "2"
	off := tf.resolve_in("infra", "${var.public ? true : null}") with input as docs
	off == null
	not _resolves("infra", `${var.unknown ? "Allow" : "Deny"}`, docs)
	not _resolves("infra", `${var.public ? "Allow" : local.other}`, docs)
	not _resolves("infra", `${var.unknown == "x" ? "Allow" : "Deny"}`, docs)
	not _resolves("infra", `${length(var.public) > 1 ? "Allow" : "Deny"}`, docs)
}

test_comparisons_and_boolean_expressions if {
	docs := [
		{"path": "infra/variables.tf", "contents": {"variable": {"env": [{"default": "prod"}], "none": [{"default": null}], "public": [{"default": false}], "pe": [{"default": true}], "unknown": [{}]}}},
		{"path": "infra/main.tf", "contents": {"provider": {"azurerm": [{}]}}},
	]
	tf.resolve_in("infra", `${var.env == "prod" ? "Deny" : "Allow"}`) == "Deny" with input as docs
	tf.resolve_in("infra", `${var.env != "prod" ? "Allow" : "Deny"}`) == "Deny" with input as docs
	tf.resolve_in("infra", `${var.env == "dev" && var.pe ? 1 : 0}`) == 0 with input as docs
	tf.resolve_in("infra", `${var.public == false ? "Deny" : "Allow"}`) == "Deny" with input as docs
	tf.resolve_in("infra", "${!var.public}") == true with input as docs
	tf.resolve_in("infra", "${var.pe && !var.public}") == true with input as docs
	tf.resolve_in("infra", `${var.env == "prod"}`) == true with input as docs
	tf.resolve_in("infra", "${var.env != null ? 1 : 0}") == 1 with input as docs
	tf.resolve_in("infra", "${var.none == null ? 0 : 1}") == 0 with input as docs
	not _resolves("infra", "${var.unknown != null ? 1 : 0}", docs)
	not _resolves("infra", "${!var.unknown}", docs)
	not _resolves("infra", "${var.pe || var.public}", docs)
	not _resolves("infra", `${var.unknown == "prod"}`, docs)
}

# && binds tighter than ||: `var.public && var.pe || var.env == "prod"` is true although its
# first && operand is false; a condition with || is not read (unknown), never false
test_or_in_a_condition_is_not_read_as_and if {
	docs := [
		{"path": "infra/variables.tf", "contents": {"variable": {"env": [{"default": "prod"}], "public": [{"default": false}], "pe": [{"default": true}]}}},
		{"path": "infra/main.tf", "contents": {"provider": {"azurerm": [{}]}}},
	]
	not _resolves("infra", `${var.public && var.pe || var.env == "prod" ? 1 : 0}`, docs)
	not _resolves("infra", `${var.public && var.pe || var.env == "prod"}`, docs)
	not _resolves("infra", "${var.pe && var.public || var.pe}", docs)
	_deployed("${var.pe && var.deploy || var.deploy ? 1 : 0}", {"pe": false})
}

_plan_doc(rcs) := [{"path": "plan.json", "contents": {"format_version": "1.2", "terraform_version": "1.9.8", "resource_changes": rcs}}]

_kv_change(name, actions, after) := {
	"address": sprintf("azurerm_key_vault.%s", [name]), "mode": "managed", "type": "azurerm_key_vault", "name": name,
	"change": {"actions": actions, "after": after, "after_unknown": {}},
}

test_plan_forgotten_and_removed_resources_are_skipped if {
	docs := _plan_doc([
		_kv_change("forgotten", ["forget"], null),
		_kv_change("deleted", ["delete"], null),
		_kv_change("kept", ["no-op"], {"purge_protection_enabled": false}),
		_kv_change("replaced", ["create", "delete"], {"purge_protection_enabled": true}),
		_kv_change("gone", ["update"], null),
	])
	addrs := {r.address | some r in tf.of_type("azurerm_key_vault")} with input as docs
	addrs == {"azurerm_key_vault.kept", "azurerm_key_vault.replaced"}
}

_defender_docs(on, content) := [
	{"path": "infra/variables.tf", "contents": {"variable": {"aks_config": [{"default": {"defender": on}}], "unknown": [{}]}}},
	{"path": "infra/main.tf", "contents": {"provider": {"azurerm": [{}]}, "resource": {"azurerm_kubernetes_cluster": {"main": [{
		"microsoft_defender": [{"log_analytics_workspace_id": "static"}],
		"dynamic": {
			"microsoft_defender": [{"for_each": "${var.aks_config.defender ? [1] : []}", "content": [content]}],
			"oms_agent": [{"for_each": "${var.unknown ? [1] : []}", "content": [{}]}],
		},
	}]}}}},
]

_cluster(docs) := r if {
	some r in tf.of_type("azurerm_kubernetes_cluster") with input as docs
}

test_dynamic_block_switched_off_generates_nothing if {
	docs := _defender_docs(false, {"log_analytics_workspace_id": "x"})
	r := _cluster(docs)
	tf.blocks(r, "microsoft_defender") == [{"log_analytics_workspace_id": "static"}] with input as docs
	not tf.unknown(r, ["microsoft_defender"]) with input as docs

	# a for_each that does not resolve keeps its block unknown
	tf.unknown(r, ["oms_agent"]) with input as docs
	count(tf.blocks(r, "oms_agent")) == 0 with input as docs
}

test_dynamic_block_switched_on_generates_its_content if {
	docs := _defender_docs(true, {"log_analytics_workspace_id": "${var.law.id}", "mode": "on", "it": "${microsoft_defender.value}"})
	r := _cluster(docs)
	bs := tf.blocks(r, "microsoft_defender") with input as docs
	count(bs) == 2
	tf.value(r, ["microsoft_defender", 1, "mode"]) == "on" with input as docs
	tf.unknown(r, ["microsoft_defender", 1, "log_analytics_workspace_id"]) with input as docs
	tf.unknown(r, ["microsoft_defender", 1, "it"]) with input as docs
	not r.values.dynamic.microsoft_defender
	r.values.dynamic.oms_agent
}

test_dynamic_block_without_static_blocks if {
	docs := [
		{"path": "infra/variables.tf", "contents": {"variable": {"on": [{"default": false}], "zones": [{"default": ["1", "2"]}]}}},
		{"path": "infra/main.tf", "contents": {"provider": {"azurerm": [{}]}, "resource": {"azurerm_kubernetes_cluster": {"main": [{"dynamic": {
			"microsoft_defender": [{"for_each": "${var.on ? [\"x\"] : []}", "content": [{}]}],
			"zone": [{"for_each": "${var.zones}", "content": [{"z": "${zone.value}"}]}],
		}}]}}}},
	]
	r := _cluster(docs)
	not r.values.dynamic
	tf.absent(r, ["microsoft_defender"]) with input as docs
	count(tf.blocks(r, "zone")) == 2 with input as docs
}

test_conditional_list_operands if {
	docs := [
		{"path": "infra/variables.tf", "contents": {"variable": {"on": [{"default": true}]}}},
		{"path": "infra/main.tf", "contents": {"provider": {"azurerm": [{}]}}},
	]
	one := tf.resolve_in("infra", "${var.on ? [1] : []}") with input as docs
	one == [1]
	none := tf.resolve_in("infra", `${!var.on ? ["a"] : {}}`) with input as docs
	none == {}
	not _resolves("infra", "${var.on ? [1, 2] : []}", docs)
}

_module_switch_docs(legacy_args, tfvars) := [
	{"path": "envs/prod/main.tf", "contents": {
		"provider": {"azurerm": [{}]},
		"variable": {"deploy_legacy": [{"default": false}], "unknown": [{}]},
		"module": {
			"legacy": [object.union({"source": "../../modules/legacy"}, legacy_args)],
			"prod": [{"source": "../../modules/prod"}],
		},
	}},
	{"path": "envs/prod/terraform.tfvars", "contents": tfvars},
	{"path": "modules/legacy/main.tf", "contents": {
		"resource": {"azurerm_key_vault": {"legacy": [{"name": "kv"}]}},
		"module": {"inner": [{"source": "./inner"}]},
	}},
	{"path": "modules/legacy/inner/main.tf", "contents": {"resource": {"azurerm_key_vault": {"inner": [{"name": "kv"}]}}}},
	{"path": "modules/prod/main.tf", "contents": {"resource": {"azurerm_key_vault": {"prod": [{"name": "kv"}]}}}},
]

_vaults(legacy_args, tfvars) := vs if {
	vs := {r.address | some r in tf.of_type("azurerm_key_vault")} with input as _module_switch_docs(legacy_args, tfvars)
}

test_module_switched_off_deploys_nothing if {
	_vaults({"count": "${var.deploy_legacy ? 1 : 0}"}, {}) == {"azurerm_key_vault.prod"}
	_vaults({"count": 0}, {}) == {"azurerm_key_vault.prod"}
	_vaults({"for_each": {}}, {}) == {"azurerm_key_vault.prod"}
	_vaults({"for_each": "${var.deploy_legacy ? [\"a\"] : []}"}, {}) == {"azurerm_key_vault.prod"}
}

test_module_switched_on_or_unknown_is_checked if {
	all := {"azurerm_key_vault.prod", "azurerm_key_vault.legacy", "azurerm_key_vault.inner"}
	_vaults({"count": "${var.deploy_legacy ? 1 : 0}"}, {"deploy_legacy": true}) == all
	_vaults({"count": "${var.unknown ? 1 : 0}"}, {}) == all
	_vaults({"for_each": "${var.unknown}"}, {}) == all
	_vaults({}, {}) == all
}

test_below_an_expression_is_unknown_not_absent if {
	r := _hcl({"body": {"properties": "${local.props}", "kind": "x"}, "tags": "${var.tags}"})
	tf.unknown(r, ["body", "properties", "attributes", "exp"])
	not tf.absent(r, ["body", "properties", "attributes", "exp"])
	tf.unknown(r, ["tags", "owner"])
	not tf.unknown(r, ["body", "kind"])
	not tf.unknown(r, ["body", "sku"])
	tf.absent(r, ["body", "sku"])
}

_optional_type := `${object({
    vm_size  = string
    defender = optional(bool, false)
    tier     = optional(string, "Standard")
    zones    = optional(list(string))
    private  = optional(bool, true)
    profile = optional(object({
      expander = optional(string, "random")
      nested   = optional(bool, true)
    }))
  })}`

_optional_docs(call_args, tfvars) := [
	{"path": "infra/variables.tf", "contents": {"variable": {"on": [{"default": true}], "unknown": [{}], "cfg": [{"type": _optional_type, "default": {"vm_size": "x", "private": false}}]}}},
	{"path": "infra/terraform.tfvars", "contents": tfvars},
	{"path": "infra/main.tf", "contents": {"module": {"sil": [object.union({"source": "./modules/sil"}, call_args)]}}},
	{"path": "infra/modules/sil/variables.tf", "contents": {"variable": {"aks_config": [{"type": _optional_type}]}}},
]

_sil(attr, call_args) := v if {
	v := tf.resolve_in("infra/modules/sil", sprintf("${var.aks_config.%s}", [attr])) with input as _optional_docs(call_args, {})
}

test_optional_defaults_fill_what_the_call_leaves_out if {
	args := {"aks_config": {"vm_size": "x", "tier": null, "private": "${var.unknown}"}}
	_sil("defender", args) == false
	_sil("tier", args) == "Standard"
	_sil("vm_size", args) == "x"

	# set to something unresolvable: unknown, not the default
	not _resolves("infra/modules/sil", "${var.aks_config.private}", _optional_docs(args, {}))

	# no literal default, or a nested object's attribute: unknown
	not _resolves("infra/modules/sil", "${var.aks_config.zones}", _optional_docs(args, {}))
	not _resolves("infra/modules/sil", "${var.aks_config.expander}", _optional_docs(args, {}))
	not _resolves("infra/modules/sil", "${var.aks_config.nested}", _optional_docs(args, {}))
}

test_optional_defaults_do_not_override_a_given_value if {
	_sil("defender", {"aks_config": {"defender": "${var.on}"}}) == true
}

test_optional_defaults_of_a_root_variable if {
	docs := _optional_docs({"aks_config": "${var.cfg}"}, {})
	tf.resolve_in("infra", "${var.cfg.defender}") == false with input as docs
	tf.resolve_in("infra", "${var.cfg.private}") == false with input as docs
	tf.resolve_in("infra/modules/sil", "${var.aks_config.tier}") == "Standard" with input as docs
	docs2 := _optional_docs({}, {"cfg": {"vm_size": "y", "defender": true}})
	tf.resolve_in("infra", "${var.cfg.defender}") == true with input as docs2
	tf.resolve_in("infra", "${var.cfg.private}") == true with input as docs2
}

_azapi_aks(body) := {"type": "Microsoft.ContainerService/managedClusters@2024-05-01", "name": "aks", "body": body, "identity": [{"type": "UserAssigned"}]}

_azapi_view(docs) := r if {
	some r in tf.of_type("azurerm_kubernetes_cluster") with input as docs
}

_secure_body := {"properties": {
	"apiServerAccessProfile": {"enablePrivateCluster": true},
	"disableLocalAccounts": true,
	"oidcIssuerProfile": {"enabled": true},
	"securityProfile": {"workloadIdentity": {"enabled": true}, "defender": {"securityMonitoring": {"enabled": true}}},
	"aadProfile": {"managed": true, "enableAzureRBAC": true},
	"networkProfile": {"networkPlugin": "azure", "networkPolicy": "cilium", "outboundType": "userDefinedRouting"},
	"addonProfiles": {"azurePolicy": {"enabled": true}, "azureKeyvaultSecretsProvider": {"enabled": true, "config": {"enableSecretRotation": "true"}}},
}}

test_azapi_cluster_is_seen_as_azurerm if {
	docs := [{"path": "infra/main.tf", "contents": {"resource": {"azapi_resource": {"aks": [_azapi_aks(_secure_body)]}}}}]
	r := _azapi_view(docs)
	r.address == "azapi_resource.aks"
	r.ref_type == "azapi_resource"
	r.values == {
		"private_cluster_enabled": true,
		"local_account_disabled": true,
		"oidc_issuer_enabled": true,
		"workload_identity_enabled": true,
		"azure_policy_enabled": true,
		"microsoft_defender": [{}],
		"key_vault_secrets_provider": [{"secret_rotation_enabled": true}],
		"azure_active_directory_role_based_access_control": [{"managed": true, "azure_rbac_enabled": true}],
		"network_profile": [{"network_plugin": "azure", "network_policy": "cilium", "outbound_type": "userDefinedRouting"}],
		"api_server_access_profile": [{}],
		"identity": [{"type": "UserAssigned"}],
	}
}

test_azapi_cluster_left_to_arm_defaults if {
	docs := [{"path": "infra/main.tf", "contents": {"resource": {"azapi_resource": {"aks": [_azapi_aks({"properties": {
		"disableLocalAccounts": false,
		"addonProfiles": {"azureKeyvaultSecretsProvider": {"enabled": false}},
	}})]}}}}]
	r := _azapi_view(docs)
	object.remove(r.values, ["network_profile"]) == {"local_account_disabled": false, "identity": [{"type": "UserAssigned"}]}

	# the API's default network plugin changed across API versions: unknown when left out;
	# the network policy (none) and outbound type (loadBalancer) defaults have not
	tf.unknown(r, ["network_profile", 0, "network_plugin"]) with input as docs
	tf.absent(r, ["network_profile", 0, "network_policy"]) with input as docs
	tf.absent(r, ["network_profile", 0, "outbound_type"]) with input as docs
	tf.absent(r, ["microsoft_defender"]) with input as docs
	tf.absent(r, ["key_vault_secrets_provider"]) with input as docs
}

test_azapi_cluster_expressions_are_unknown if {
	docs := [{"path": "infra/main.tf", "contents": {"resource": {"azapi_resource": {"aks": [_azapi_aks({"properties": {
		"networkProfile": "${local.network_profile}",
		"addonProfiles": "${local.addons}",
		"securityProfile": {"defender": {"securityMonitoring": {"enabled": "${var.defender}"}}},
		"disableLocalAccounts": "${var.no_local}",
	}})]}}}}]
	r := _azapi_view(docs)
	every path in [["network_profile"], ["network_profile", 0, "network_plugin"], ["azure_policy_enabled"], ["key_vault_secrets_provider"], ["microsoft_defender"], ["local_account_disabled"]] {
		tf.unknown(r, path) with input as docs
	}
	tf.absent(r, ["private_cluster_enabled"]) with input as docs

	whole := _azapi_view([{"path": "infra/main.tf", "contents": {"resource": {"azapi_resource": {"aks": [_azapi_aks("${jsonencode(local.body)}")]}}}}])
	every path in [["network_profile"], ["azure_policy_enabled"], ["microsoft_defender"], ["private_cluster_enabled"]] {
		tf.unknown(whole, path)
	}
}

# ARM property names are case-insensitive: an add-on named twice in different cases is
# ambiguous, hence unknown (not a conflict between two add-on paths)
test_azapi_addon_named_twice_is_unknown if {
	addons := {"azurepolicy": {"enabled": false}, "azurePolicy": {"enabled": true}, "azureKeyvaultSecretsProvider": {"enabled": true}}
	docs := [{"path": "infra/main.tf", "contents": {"resource": {"azapi_resource": {"aks": [_azapi_aks({"properties": {"addonProfiles": addons}})]}}}}]
	r := _azapi_view(docs)
	tf.unknown(r, ["azure_policy_enabled"]) with input as docs
	tf.absent(r, ["key_vault_secrets_provider", 0, "secret_rotation_enabled"]) with input as docs
	plan := _azapi_plan({"properties": {"addonProfiles": addons}}, {})
	p := _azapi_view(plan)
	tf.unknown(p, ["azure_policy_enabled"]) with input as plan
}

_azapi_plan(body, unknown) := [{"path": "plan.json", "contents": {"format_version": "1.2", "terraform_version": "1.9.8", "resource_changes": [{
	"address": "azapi_resource.aks", "mode": "managed", "type": "azapi_resource", "name": "aks",
	"change": {"actions": ["create"], "after": _azapi_aks(body), "after_unknown": unknown},
}]}}]

test_azapi_cluster_in_a_plan if {
	v1 := _azapi_view(_azapi_plan(json.marshal(_secure_body), {}))
	v1.values.network_profile == [{"network_plugin": "azure", "network_policy": "cilium", "outbound_type": "userDefinedRouting"}]

	left_out := _azapi_plan({"properties": {}}, {})
	l := _azapi_view(left_out)
	tf.unknown(l, ["network_profile", 0, "network_plugin"]) with input as left_out
	tf.absent(l, ["network_profile", 0, "network_policy"]) with input as left_out

	docs := _azapi_plan({"properties": {"disableLocalAccounts": false}}, {"body": {"properties": {"networkProfile": true}}})
	r := _azapi_view(docs)
	tf.value(r, ["local_account_disabled"]) == false with input as docs
	tf.unknown(r, ["network_profile", 0, "network_policy"]) with input as docs
	not tf.unknown(r, ["oidc_issuer_enabled"]) with input as docs

	whole := _azapi_view(_azapi_plan(null, {"body": true}))
	tf.unknown(whole, ["private_cluster_enabled"])
	tf.unknown(whole, ["microsoft_defender"])
}

# a plan's body string is the final JSON: a "${" inside a value (a tag, a script) is text,
# not an expression that would make the whole body unknown
test_azapi_plan_body_with_dollar_brace_text if {
	body := json.marshal(object.union(_secure_body, {"tags": {"note": "echo ${HOME}"}}))
	docs := _azapi_plan(body, {})
	r := _azapi_view(docs)
	tf.value(r, ["private_cluster_enabled"]) == true with input as docs
	tf.value(r, ["network_profile", 0, "network_plugin"]) == "azure" with input as docs
}

test_azapi_other_types_are_not_clusters if {
	docs := [{"path": "infra/main.tf", "contents": {"resource": {"azapi_resource": {"aks": [object.union(_azapi_aks({}), {"type": "Microsoft.ContainerService/managedClusters/agentPools@2024-05-01"})]}}}}]
	count(tf.of_type("azurerm_kubernetes_cluster")) == 0 with input as docs
}

_state_doc := [{"path": "state.json", "contents": {"format_version": "1.0", "terraform_version": "1.9.8", "values": {"root_module": {
	"resources": [
		{"address": "azurerm_key_vault.root", "mode": "managed", "type": "azurerm_key_vault", "name": "root", "values": {"purge_protection_enabled": false}},
		{"address": "data.azurerm_key_vault.d", "mode": "data", "type": "azurerm_key_vault", "name": "d", "values": {}},
	],
	"child_modules": [{"address": "module.a", "child_modules": [{"address": "module.a.module.b[\"x\"]", "resources": [{
		"address": "module.a.module.b[\"x\"].azurerm_key_vault.kv", "mode": "managed", "type": "azurerm_key_vault", "name": "kv",
		"values": {"purge_protection_enabled": true},
	}]}]}],
}}}}]

test_state_resources_in_nested_child_modules if {
	vaults := {r.address: r | some r in tf.of_type("azurerm_key_vault")} with input as _state_doc
	object.keys(vaults) == {"azurerm_key_vault.root", "module.a.module.b[\"x\"].azurerm_key_vault.kv"}
	kv := vaults["module.a.module.b[\"x\"].azurerm_key_vault.kv"]
	kv.module == "module.a.module.b[\"x\"]"
	tf.value(kv, ["purge_protection_enabled"]) == true
	tf.value(vaults["azurerm_key_vault.root"], ["purge_protection_enabled"]) == false
}

test_a_plan_is_not_read_as_a_state if {
	docs := [{"path": "plan.json", "contents": {
		"format_version": "1.2", "terraform_version": "1.9.8", "resource_changes": [],
		"values": {"root_module": {"resources": [{"address": "azurerm_key_vault.x", "mode": "managed", "type": "azurerm_key_vault", "name": "x", "values": {}}]}},
	}}]
	count(tf.of_type("azurerm_key_vault")) == 0 with input as docs
}

test_for_each_substitutes_in_nested_blocks if {
	docs := [
		{"path": "infra/variables.tf", "contents": {"variable": {"clusters": [{"default": {"a": {"policy": "cilium"}, "b": {}}}]}}},
		{"path": "infra/main.tf", "contents": {"provider": {"azurerm": [{}]}, "resource": {"azurerm_kubernetes_cluster": {"c": [{
			"for_each": "${var.clusters}",
			"network_profile": [{"network_plugin": "azure", "network_policy": "${each.value.policy}"}],
			"tags": {"name": "${each.key}"},
		}]}}}},
	]
	cs := {r.address: r | some r in tf.of_type("azurerm_kubernetes_cluster")} with input as docs
	a := cs["azurerm_kubernetes_cluster.c[\"a\"]"]
	tf.value(a, ["network_profile", 0, "network_policy"]) == "cilium" with input as docs
	tf.value(a, ["network_profile", 0, "network_plugin"]) == "azure" with input as docs
	b := cs["azurerm_kubernetes_cluster.c[\"b\"]"]
	tf.unknown(b, ["network_profile", 0, "network_policy"]) with input as docs

	# an object argument is not a block
	a.values.tags == {"name": "${each.key}"}
}

test_lists_holding_expressions if {
	docs := [
		{"path": "infra/variables.tf", "contents": {"variable": {"aud": [{"default": "api://AzureADTokenExchange"}], "unknown": [{}]}}},
		{"path": "infra/main.tf", "contents": {
			"provider": {"azurerm": [{}]},
			"locals": [{"auds": ["${var.aud}"], "partly": ["x", "${var.unknown}"]}],
			"resource": {"azurerm_federated_identity_credential": {"f": [{
				"literal": ["${var.aud}", "y"],
				"unknown": ["${var.unknown}"],
				"local": "${local.auds}",
				"partly": "${local.partly}",
				"blocks": [{"a": "${var.unknown}"}],
			}]}},
		}},
	]
	r := _one(docs, "azurerm_federated_identity_credential")
	tf.value(r, ["literal"]) == ["api://AzureADTokenExchange", "y"] with input as docs
	tf.value(r, ["local"]) == ["api://AzureADTokenExchange"] with input as docs
	tf.unknown(r, ["unknown"]) with input as docs
	not tf.value(r, ["partly"]) with input as docs
	not tf.absent(r, ["partly"]) with input as docs

	# blocks are returned as they are
	tf.value(r, ["blocks"]) == [{"a": "${var.unknown}"}] with input as docs
}

_one(docs, type) := r if {
	some r in tf.of_type(type) with input as docs
}

test_a_module_argument_holding_expressions_is_not_read_in_the_child if {
	docs := [
		{"path": "infra/variables.tf", "contents": {"variable": {"aud": [{"default": "bad"}]}}},
		{"path": "infra/main.tf", "contents": {
			"locals": [{"auds": ["${var.aud}"]}],
			"module": {"id": [{"source": "./modules/id", "list": ["${var.aud}"], "local": "${local.auds}", "obj": {"auds": ["${var.aud}"]}}]},
		}},
		# the child has its own var.aud: it must not be used for the caller's expression
		{"path": "infra/modules/id/variables.tf", "contents": {"variable": {"aud": [{"default": "api://AzureADTokenExchange"}], "list": [{}], "local": [{}], "obj": [{}]}}},
	]
	not _resolves("infra/modules/id", "${var.list}", docs)
	not _resolves("infra/modules/id", "${var.local}", docs)
	not _resolves("infra/modules/id", "${var.obj.auds}", docs)
}

test_plan_strings_are_never_expressions if {
	docs := _plan_doc([_kv_change("kv", ["create"], {"tags": ["${HOME}"], "name": "${x}"})])
	r := _one(docs, "azurerm_key_vault")
	tf.value(r, ["tags"]) == ["${HOME}"] with input as docs
	tf.value(r, ["name"]) == "${x}" with input as docs
}

_azapi_service(type, body) := {"resource": {"azapi_resource": {"svc": [{"type": type, "name": "svc", "body": body}]}}}

_service_docs(type, body) := [
	{"path": "infra/variables.tf", "contents": {"variable": {"public": [{"default": true}], "unknown": [{}]}}},
	{"path": "infra/main.tf", "contents": object.union({"provider": {"azurerm": [{}]}}, _azapi_service(type, body))},
]

_service(docs, type) := r if {
	some r in tf.of_type(type) with input as docs
}

test_azapi_services_are_seen_as_azurerm if {
	ml := _service_docs("Microsoft.MachineLearningServices/workspaces@2024-04-01", {"properties": {"publicNetworkAccess": `${var.public ? "Enabled" : "Disabled"}`}})
	w := _service(ml, "azurerm_machine_learning_workspace")
	w.address == "azapi_resource.svc"
	w.values == {"public_network_access_enabled": true}

	kv := _service_docs("Microsoft.KeyVault/vaults@2023-07-01", {"properties": {"publicNetworkAccess": "Disabled", "enablePurgeProtection": true, "softDeleteRetentionInDays": 7}})
	v := _service(kv, "azurerm_key_vault")
	tf.value(v, ["public_network_access_enabled"]) == false with input as kv
	tf.value(v, ["purge_protection_enabled"]) == true with input as kv
	tf.value(v, ["soft_delete_retention_days"]) == 7 with input as kv

	# a setting whose default changed across API versions is unknown when left out
	tf.unknown(v, ["rbac_authorization_enabled"]) with input as kv

	st := _service_docs("Microsoft.Storage/storageAccounts@2023-05-01", {"properties": {}})
	a := _service(st, "azurerm_storage_account")
	tf.absent(a, ["shared_access_key_enabled"]) with input as st
	tf.absent(a, ["public_network_access_enabled"]) with input as st
}

test_azapi_service_unknowns if {
	docs := _service_docs("Microsoft.ContainerRegistry/registries@2023-07-01", {"properties": {"publicNetworkAccess": "${var.unknown}"}})
	r := _service(docs, "azurerm_container_registry")
	tf.unknown(r, ["public_network_access_enabled"]) with input as docs

	whole := _service_docs("Microsoft.ContainerRegistry/registries@2023-07-01", "${jsonencode(local.body)}")
	w := _service(whole, "azurerm_container_registry")
	tf.unknown(w, ["public_network_access_enabled"]) with input as whole

	odd := _service_docs("Microsoft.ContainerRegistry/registries@2023-07-01", {"properties": {"publicNetworkAccess": "SecuredByPerimeter"}})
	o := _service(odd, "azurerm_container_registry")
	tf.unknown(o, ["public_network_access_enabled"]) with input as odd

	plan := [{"path": "plan.json", "contents": {"format_version": "1.2", "terraform_version": "1.9.8", "resource_changes": [{
		"address": "azapi_resource.acr", "mode": "managed", "type": "azapi_resource", "name": "acr",
		"change": {"actions": ["create"], "after": {"type": "Microsoft.ContainerRegistry/registries@2023-07-01", "body": {"properties": {}}}, "after_unknown": {"body": {"properties": {"publicNetworkAccess": true}}}},
	}]}}]
	p := _service(plan, "azurerm_container_registry")
	tf.unknown(p, ["public_network_access_enabled"]) with input as plan
}
