package stridegate.terraform.diagnostic_settings_test

import data.stridegate.terraform.diagnostic_settings as check
import data.stridegate.terraform.fixtures_test as fx

_diag(name, target_refs, after) := {
	"rc": fx.rc_unknown(sprintf("azurerm_monitor_diagnostic_setting.%s", [name]), after, {"target_resource_id": true}),
	"cfg": fx.cfg("azurerm_monitor_diagnostic_setting", name, {"target_resource_id": fx.refs(target_refs)}),
}

_plan(diags) := fx.plan_config(
	array.concat([fx.rc("azurerm_kubernetes_cluster.main", {}), fx.rc("azurerm_key_vault.main", {})], [d.rc | some d in diags]),
	{"resources": [d.cfg | some d in diags]},
)

_log := {"enabled_log": [{"category": "kube-audit-admin"}]}

test_nothing_monitored_fires_for_both if {
	vs := check.violation with input as _plan([])
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main", "azurerm_key_vault.main"}
	some v in vs
	v.details.id == "SG-MON-1"
}

test_aks_monitored_by_reference if {
	vs := check.violation with input as _plan([_diag("aks", ["azurerm_kubernetes_cluster.main.id", "azurerm_kubernetes_cluster.main"], _log)])
	fx.resources(vs) == {"azurerm_key_vault.main"}
}

test_both_monitored_is_clean if {
	vs := check.violation with input as _plan([
		_diag("aks", ["azurerm_kubernetes_cluster.main.id", "azurerm_kubernetes_cluster.main"], _log),
		_diag("kv", ["azurerm_key_vault.main.id", "azurerm_key_vault.main"], {"enabled_log": [{"category_group": "audit"}]}),
	])
	count(vs) == 0
}

test_metrics_only_does_not_count if {
	vs := check.violation with input as _plan([
		_diag("aks", ["azurerm_kubernetes_cluster.main.id", "azurerm_kubernetes_cluster.main"], {"enabled_log": [], "metric": [{"category": "AllMetrics"}]}),
		_diag("kv", ["azurerm_key_vault.main.id", "azurerm_key_vault.main"], {"enabled_log": [{"category_group": "audit"}]}),
	])
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
}

test_v3_log_block if {
	vs := check.violation with input as _plan([
		_diag("aks", ["azurerm_kubernetes_cluster.main.id", "azurerm_kubernetes_cluster.main"], {"log": [{"category": "kube-audit", "enabled": true}]}),
		_diag("kv", ["azurerm_key_vault.main.id", "azurerm_key_vault.main"], {"log": [{"category": "AuditEvent", "enabled": false}]}),
	])
	fx.resources(vs) == {"azurerm_key_vault.main"}
}

test_undetermined_target_keeps_silent if {
	vs := check.violation with input as _plan([_diag("x", ["var.target_id"], _log)])
	count(vs) == 0
}

test_known_id_matches if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_key_vault.main", {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"}),
		fx.rc("azurerm_monitor_diagnostic_setting.kv", {"target_resource_id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv", "enabled_log": [{"category_group": "audit"}]}),
	])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_key_vault.main")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.platform.module.aks.azurerm_kubernetes_cluster.main"
	vs := check.violation with input as fx.plan([fx.rc(addr, {})])
	fx.resources(vs) == {addr}
}

test_hcl_reference if {
	vs := check.violation with input as fx.hcl_files([
		["azurerm_key_vault", "main", {"name": "kv"}],
		["azurerm_monitor_diagnostic_setting", "kv", {"target_resource_id": "${azurerm_key_vault.main.id}", "enabled_log": [{"category_group": "audit"}]}],
	])
	count(vs) == 0
}

test_hcl_other_target_fires if {
	vs := check.violation with input as fx.hcl_files([
		["azurerm_key_vault", "main", {"name": "kv"}],
		["azurerm_monitor_diagnostic_setting", "st", {"target_resource_id": "${azurerm_storage_account.data.id}", "enabled_log": [{"category_group": "audit"}]}],
	])
	fx.resources(vs) == {"azurerm_key_vault.main"}
}

test_hcl_v3_log_block_enabled_by_default if {
	# azurerm v3 `log { category = ... }`: enabled defaults to true
	aks := ["azurerm_kubernetes_cluster", "main", {"name": "aks"}]
	target := "${azurerm_kubernetes_cluster.main.id}"
	absent := check.violation with input as fx.hcl_files([aks, ["azurerm_monitor_diagnostic_setting", "aks", {"target_resource_id": target, "log": [{"category": "kube-audit"}]}]])
	count(absent) == 0
	unknown := check.violation with input as fx.hcl_files([aks, ["azurerm_monitor_diagnostic_setting", "aks", {"target_resource_id": target, "log": [{"category": "kube-audit", "enabled": "${var.audit}"}]}]])
	count(unknown) == 0
	disabled := check.violation with input as fx.hcl_files([aks, ["azurerm_monitor_diagnostic_setting", "aks", {"target_resource_id": target, "log": [{"category": "kube-audit", "enabled": false}]}]])
	fx.resources(disabled) == {"azurerm_kubernetes_cluster.main"}
}

test_azapi_cluster_monitored_by_reference if {
	aks := ["azapi_resource", "aks", {"type": "Microsoft.ContainerService/managedClusters@2024-05-01", "body": {"properties": {}}}]
	monitored := check.violation with input as fx.hcl_files([aks, ["azurerm_monitor_diagnostic_setting", "aks", {"target_resource_id": "${azapi_resource.aks.id}", "enabled_log": [{"category": "kube-audit"}]}]])
	count(monitored) == 0
	unmonitored := check.violation with input as fx.hcl_files([aks])
	fx.resources(unmonitored) == {"azapi_resource.aks"}
}
