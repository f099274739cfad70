package stridegate.terraform.aks_key_vault_csi_rotation_test

import data.stridegate.terraform.aks_key_vault_csi_rotation as check
import data.stridegate.terraform.fixtures_test as fx

test_missing_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"key_vault_secrets_provider": []})])
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
	some v in vs
	v.details.id == "SG-SEC-1"
}

test_without_rotation_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"key_vault_secrets_provider": [{"secret_rotation_enabled": false}]})])
	count(vs) == 1
	some v in vs
	contains(v.msg, "rotation")
}

test_with_rotation_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"key_vault_secrets_provider": [{"secret_rotation_enabled": true, "secret_rotation_interval": "2m"}]})])
	count(vs) == 0
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster.main", {"key_vault_secrets_provider": [{}]}, {"key_vault_secrets_provider": [{"secret_rotation_enabled": true}]})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_kubernetes_cluster.main")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.a.azurerm_kubernetes_cluster.main"
	vs := check.violation with input as fx.plan([fx.rc(addr, {})])
	fx.resources(vs) == {addr}
}

test_hcl_block_without_rotation_fires if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster", "main", {"key_vault_secrets_provider": [{}]})
	count(vs) == 1
}
