package stridegate.terraform.key_vault_rbac_test

import data.stridegate.terraform.fixtures_test as fx
import data.stridegate.terraform.key_vault_rbac as check

test_absent_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault.main", {})])
	fx.resources(vs) == {"azurerm_key_vault.main"}
	some v in vs
	v.details.id == "SG-SEC-2"
}

test_v3_false_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault.main", {"enable_rbac_authorization": false})])
	count(vs) == 1
}

test_v4_true_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault.main", {"rbac_authorization_enabled": true, "enable_rbac_authorization": false})])
	count(vs) == 0
}

test_v3_true_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault.main", {"enable_rbac_authorization": true})])
	count(vs) == 0
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_key_vault.main", {}, {"rbac_authorization_enabled": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_key_vault.main")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.a.module.kv.azurerm_key_vault.main"
	vs := check.violation with input as fx.plan([fx.rc(addr, {})])
	fx.resources(vs) == {addr}
}

test_hcl_v3_name_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_key_vault", "main", {"enable_rbac_authorization": true})
	count(vs) == 0
}

test_hcl_unresolvable_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_key_vault", "main", {"rbac_authorization_enabled": "${var.rbac}"})
	count(vs) == 0
}

test_plan_v3_false_with_computed_v4_fires if {
	vs := check.violation with input as fx.plan_config(
		[fx.rc_unknown("azurerm_key_vault.ops", {"enable_rbac_authorization": false}, {"rbac_authorization_enabled": true})],
		{"resources": [fx.cfg("azurerm_key_vault", "ops", {"enable_rbac_authorization": {"constant_value": false}})]},
	)
	count(vs) == 1
}

test_plan_v4_configured_unknown_is_clean if {
	vs := check.violation with input as fx.plan_config(
		[fx.rc_unknown("azurerm_key_vault.ops", {}, {"rbac_authorization_enabled": true, "enable_rbac_authorization": true})],
		{"resources": [fx.cfg("azurerm_key_vault", "ops", {"rbac_authorization_enabled": {"references": ["var.rbac"]}})]},
	)
	count(vs) == 0
}
