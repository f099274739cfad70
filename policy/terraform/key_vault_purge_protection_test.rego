package stridegate.terraform.key_vault_purge_protection_test

import data.stridegate.terraform.fixtures_test as fx
import data.stridegate.terraform.key_vault_purge_protection as check

test_absent_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault.main", {})])
	fx.resources(vs) == {"azurerm_key_vault.main"}
	some v in vs
	v.details.id == "SG-SEC-3"
}

test_true_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault.main", {"purge_protection_enabled": true})])
	count(vs) == 0
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_key_vault.main", {}, {"purge_protection_enabled": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_key_vault.main")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.a.azurerm_key_vault.main"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"purge_protection_enabled": false})])
	fx.resources(vs) == {addr}
}

test_hcl_variable_fires if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_key_vault", "main", {"purge_protection_enabled": "${var.pp}"}),
		[fx.file("infra/variables.tf", {"variable": {"pp": [{"default": false}]}})],
	)
	count(vs) == 1
}
