package stridegate.terraform.key_vault_soft_delete_retention_test

import data.stridegate.terraform.fixtures_test as fx
import data.stridegate.terraform.key_vault_soft_delete_retention as check

test_short_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault.main", {"soft_delete_retention_days": 7})])
	fx.resources(vs) == {"azurerm_key_vault.main"}
	some v in vs
	v.details.id == "SG-SEC-4"
}

test_ninety_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault.main", {"soft_delete_retention_days": 90})])
	count(vs) == 0
}

test_absent_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault.main", {})])
	count(vs) == 0
}

test_parameter if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault.main", {"soft_delete_retention_days": 30})])
		with data.lib.parameters as {"min_soft_delete_retention_days": 30}
	count(vs) == 0
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_key_vault.main", {}, {"soft_delete_retention_days": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_key_vault.main")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.a.azurerm_key_vault.main"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"soft_delete_retention_days": 7})])
	fx.resources(vs) == {addr}
}

test_hcl_variable_fires if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_key_vault", "main", {"soft_delete_retention_days": "${var.days}"}),
		[fx.file("infra/variables.tf", {"variable": {"days": [{"default": 7}]}})],
	)
	count(vs) == 1
}
