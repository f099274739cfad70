package stridegate.terraform.storage_shared_key_test

import data.stridegate.terraform.fixtures_test as fx
import data.stridegate.terraform.storage_shared_key as check

test_plan_true_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_storage_account.data", {"shared_access_key_enabled": true})])
	fx.resources(vs) == {"azurerm_storage_account.data"}
	some v in vs
	v.details.id == "I-1"
}

test_plan_absent_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_storage_account.data", {"name": "st"})])
	count(vs) == 1
}

test_plan_false_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_storage_account.data", {"shared_access_key_enabled": false})])
	count(vs) == 0
}

test_plan_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_storage_account.data", {}, {"shared_access_key_enabled": true})])
	count(vs) == 0
}

test_plan_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_storage_account.data")])
	count(vs) == 0
}

test_plan_nested_module if {
	addr := "module.platform.module.storage.azurerm_storage_account.data"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"shared_access_key_enabled": true})])
	fx.resources(vs) == {addr}
}

test_hcl_variable_default_fires if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_storage_account", "data", {"shared_access_key_enabled": "${var.keys}"}),
		[fx.file("infra/variables.tf", {"variable": {"keys": [{"default": true}]}})],
	)
	fx.resources(vs) == {"azurerm_storage_account.data"}
}

test_hcl_unresolvable_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_storage_account", "data", {"shared_access_key_enabled": "${var.keys}"})
	count(vs) == 0
}

test_hcl_false_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_storage_account", "data", {"shared_access_key_enabled": false})
	count(vs) == 0
}
