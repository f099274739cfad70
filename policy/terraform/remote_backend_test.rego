package stridegate.terraform.remote_backend_test

import data.stridegate.terraform.remote_backend as check

_provider := {"provider": {"azurerm": [{"features": [{}]}]}}

_ids(vs) := {v.details.resource | some v in vs}

test_root_without_backend_fires if {
	vs := check.violation with input as [{"path": "infra/main.tf", "contents": _provider}]
	_ids(vs) == {"terraform (infra)"}
	some v in vs
	v.details.id == "T-2"
	v.details.severity == "critical"
	v.details.file == "infra/main.tf"
}

test_local_backend_fires if {
	vs := check.violation with input as [
		{"path": "infra/main.tf", "contents": _provider},
		{"path": "infra/versions.tf", "contents": {"terraform": [{"backend": {"local": [{"path": "x.tfstate"}]}}]}},
	]
	count(vs) == 1
	some v in vs
	contains(v.msg, "local")
	v.details.file == "infra/versions.tf"
}

test_remote_backend_in_other_file_is_clean if {
	vs := check.violation with input as [
		{"path": "infra/main.tf", "contents": _provider},
		{"path": "infra/backend.tf", "contents": {"terraform": [{"backend": {"azurerm": [{"key": "s"}]}}]}},
	]
	count(vs) == 0
}

test_cloud_block_is_clean if {
	vs := check.violation with input as [
		{"path": "infra/main.tf", "contents": object.union(_provider, {"terraform": [{"cloud": [{"organization": "o"}]}]})},
	]
	count(vs) == 0
}

test_child_module_never_fires if {
	vs := check.violation with input as [
		{"path": "infra/main.tf", "contents": object.union(_provider, {
			"terraform": [{"backend": {"azurerm": [{}]}}],
			"module": {"aks": [{"source": "./modules/aks"}]},
		})},
		{"path": "infra/modules/aks/main.tf", "contents": _provider},
	]
	count(vs) == 0
}

test_child_module_called_with_parent_path_never_fires if {
	vs := check.violation with input as [
		{"path": "envs/prod/main.tf", "contents": object.union(_provider, {
			"terraform": [{"backend": {"azurerm": [{}]}}],
			"module": {"platform": [{"source": "../../modules/platform"}]},
		})},
		{"path": "modules/platform/main.tf", "contents": _provider},
	]
	count(vs) == 0
}

test_several_roots_each_judged if {
	vs := check.violation with input as [
		{"path": "a/main.tf", "contents": _provider},
		{"path": "b/main.tf", "contents": object.union(_provider, {"terraform": [{"backend": {"azurerm": [{}]}}]})},
		{"path": "c/main.tf", "contents": _provider},
	]
	_ids(vs) == {"terraform (a)", "terraform (c)"}
}

test_dir_without_provider_config_is_not_a_root if {
	vs := check.violation with input as [{"path": "mod/main.tf", "contents": {"resource": {"azurerm_resource_group": {"rg": [{"name": "x"}]}}}}]
	count(vs) == 0
}

test_single_file_without_path if {
	vs := check.violation with input as _provider
	count(vs) == 1
}

test_module_declaring_required_providers_is_not_a_root if {
	# a reusable module checked without its root: required_providers, no provider block
	versions := {"terraform": [{"required_providers": [{"azurerm": {"source": "hashicorp/azurerm"}}]}]}
	module := check.violation with input as [
		{"path": "modules/sil/versions.tf", "contents": versions},
		{"path": "modules/sil/main.tf", "contents": {"resource": {"azurerm_kubernetes_cluster": {"main": [{"name": "aks"}]}}}},
	]
	count(module) == 0
	root := check.violation with input as [
		{"path": "infra/versions.tf", "contents": versions},
		{"path": "infra/providers.tf", "contents": _provider},
	]
	_ids(root) == {"terraform (infra)"}
}

test_root_with_a_variable_file_and_no_provider_block_is_a_root if {
	# azapi and random need no provider block; a terraform.tfvars is only ever read in a root
	versions := {"terraform": [{"required_providers": [{"azapi": {"source": "azure/azapi"}}]}]}
	vs := check.violation with input as [
		{"path": "live/versions.tf", "contents": versions},
		{"path": "live/main.tf", "contents": {"resource": {"azapi_resource": {"kv": [{"type": "Microsoft.KeyVault/vaults@2023-07-01"}]}}}},
		{"path": "live/terraform.tfvars", "contents": {"location": "westeurope"}},
	]
	_ids(vs) == {"terraform (live)"}
}
