package stridegate.terraform.aks_private_cluster_test

import data.stridegate.terraform.aks_private_cluster as check

_plan(rcs) := {"format_version": "1.2", "terraform_version": "1.9.5", "resource_changes": rcs}

_rc(address, module, actions, after, unknown) := object.union(
	{
		"address": address, "mode": "managed", "type": "azurerm_kubernetes_cluster", "name": "main",
		"change": {"actions": actions, "after": after, "after_unknown": unknown},
	},
	_module(module),
)

_module("") := {}

_module(m) := {"module_address": m} if m != ""

test_plan_false_fires if {
	vs := check.violation with input as _plan([_rc("azurerm_kubernetes_cluster.main", "", ["create"], {"private_cluster_enabled": false}, {})])
	count(vs) == 1
	some v in vs
	v.details.id == "SG-NET-1"
	v.details.resource == "azurerm_kubernetes_cluster.main"
}

test_plan_absent_fires if {
	vs := check.violation with input as _plan([_rc("azurerm_kubernetes_cluster.main", "", ["update"], {"name": "aks"}, {})])
	count(vs) == 1
}

test_plan_true_is_clean if {
	vs := check.violation with input as _plan([_rc("azurerm_kubernetes_cluster.main", "", ["create"], {"private_cluster_enabled": true}, {})])
	count(vs) == 0
}

test_plan_unknown_is_clean if {
	vs := check.violation with input as _plan([_rc("azurerm_kubernetes_cluster.main", "", ["create"], {}, {"private_cluster_enabled": true})])
	count(vs) == 0
}

test_plan_deleted_is_skipped if {
	vs := check.violation with input as _plan([_rc("azurerm_kubernetes_cluster.main", "", ["delete"], null, {})])
	count(vs) == 0
}

test_plan_replaced_is_checked if {
	vs := check.violation with input as _plan([_rc("azurerm_kubernetes_cluster.main", "", ["delete", "create"], {"private_cluster_enabled": false}, {})])
	count(vs) == 1
}

test_plan_nested_module_address if {
	addr := "module.platform.module.aks.azurerm_kubernetes_cluster.main"
	vs := check.violation with input as _plan([_rc(addr, "module.platform.module.aks", ["create"], {"private_cluster_enabled": false}, {})])
	{v.details.resource | some v in vs} == {addr}
}

test_plan_data_source_ignored if {
	rc := object.union(_rc("data.azurerm_kubernetes_cluster.main", "", ["read"], {"private_cluster_enabled": false}, {}), {"mode": "data"})
	vs := check.violation with input as _plan([rc])
	count(vs) == 0
}

_hcl(body, extra) := array.concat([{"path": "infra/main.tf", "contents": {"resource": {"azurerm_kubernetes_cluster": {"main": [body]}}}}], extra)

test_hcl_literal_false_fires if {
	vs := check.violation with input as _hcl({"private_cluster_enabled": false}, [])
	count(vs) == 1
	some v in vs
	v.details.file == "infra/main.tf"
}

test_hcl_variable_default_false_fires if {
	vs := check.violation with input as _hcl({"private_cluster_enabled": "${var.private}"}, [{"path": "infra/variables.tf", "contents": {"variable": {"private": [{"default": false}]}}}])
	count(vs) == 1
}

test_hcl_tfvars_override_true_is_clean if {
	vs := check.violation with input as _hcl({"private_cluster_enabled": "${var.private}"}, [
		{"path": "infra/variables.tf", "contents": {"variable": {"private": [{"default": false}]}}},
		{"path": "infra/terraform.tfvars", "contents": {"private": true}},
	])
	count(vs) == 0
}

test_hcl_variable_without_default_is_unknown if {
	vs := check.violation with input as _hcl({"private_cluster_enabled": "${var.private}"}, [{"path": "infra/variables.tf", "contents": {"variable": {"private": [{"type": "bool"}]}}}])
	count(vs) == 0
}

test_hcl_module_argument_resolves if {
	vs := check.violation with input as [
		{"path": "infra/main.tf", "contents": {"module": {"aks": [{"source": "./modules/aks", "private": false}]}}},
		{"path": "infra/modules/aks/main.tf", "contents": {
			"resource": {"azurerm_kubernetes_cluster": {"main": [{"private_cluster_enabled": "${var.private}"}]}},
			"variable": {"private": [{"default": true}]},
		}},
	]
	count(vs) == 1
}

test_hcl_module_argument_unresolvable_is_unknown_not_default if {
	vs := check.violation with input as [
		{"path": "infra/main.tf", "contents": {"module": {"aks": [{"source": "./modules/aks", "private": "${data.x.y}"}]}}},
		{"path": "infra/modules/aks/main.tf", "contents": {
			"resource": {"azurerm_kubernetes_cluster": {"main": [{"private_cluster_enabled": "${var.private}"}]}},
			"variable": {"private": [{"default": false}]},
		}},
	]
	count(vs) == 0
}

test_hcl_local_resolves if {
	vs := check.violation with input as _hcl({"private_cluster_enabled": "${local.private}"}, [{"path": "infra/locals.tf", "contents": {"locals": [{"private": false}]}}])
	count(vs) == 1
}

test_hcl_interpolation_is_unknown if {
	vs := check.violation with input as _hcl({"private_cluster_enabled": "${var.env == \"prod\"}"}, [])
	count(vs) == 0
}

test_hcl_count_zero_skipped if {
	vs := check.violation with input as _hcl({"count": 0, "private_cluster_enabled": false}, [])
	count(vs) == 0
}

_var_decl := {"path": "infra/variables.tf", "contents": {"variable": {"private": [{"type": "bool"}]}}}

test_hcl_auto_tfvars_override_terraform_tfvars if {
	vs := check.violation with input as _hcl({"private_cluster_enabled": "${var.private}"}, [
		_var_decl,
		{"path": "infra/terraform.tfvars", "contents": {"private": false}},
		{"path": "infra/prod.auto.tfvars", "contents": {"private": true}},
	])
	count(vs) == 0
}

test_hcl_later_auto_tfvars_wins if {
	vs := check.violation with input as _hcl({"private_cluster_enabled": "${var.private}"}, [
		_var_decl,
		{"path": "infra/a.auto.tfvars", "contents": {"private": true}},
		{"path": "infra/b.auto.tfvars", "contents": {"private": false}},
	])
	count(vs) == 1
}

test_hcl_var_file_overrides_auto_tfvars if {
	vs := check.violation with input as _hcl({"private_cluster_enabled": "${var.private}"}, [
		_var_decl,
		{"path": "infra/prod.auto.tfvars", "contents": {"private": true}},
		{"path": "envs/dev.tfvars", "contents": {"stridegate_var_file": {"order": 0, "variables": {"private": false}}}},
	])
	count(vs) == 1
}

test_hcl_last_var_file_wins if {
	vs := check.violation with input as _hcl({"private_cluster_enabled": "${var.private}"}, [
		_var_decl,
		{"path": "envs/dev.tfvars", "contents": {"stridegate_var_file": {"order": 0, "variables": {"private": false}}}},
		{"path": "envs/prod.tfvars", "contents": {"stridegate_var_file": {"order": 1, "variables": {"private": true}}}},
	])
	count(vs) == 0
}

test_hcl_tfvars_not_auto_loaded_is_ignored if {
	vs := check.violation with input as _hcl({"private_cluster_enabled": "${var.private}"}, [
		_var_decl,
		{"path": "infra/prod.tfvars", "contents": {"private": false}},
	])
	count(vs) == 0
}
