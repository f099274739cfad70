package stridegate.terraform.postgresql_password_auth_test

import data.stridegate.terraform.fixtures_test as fx
import data.stridegate.terraform.postgresql_password_auth as check

test_no_authentication_block_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_postgresql_flexible_server.osmo", {"administrator_login": "psqladmin"})])
	fx.resources(vs) == {"azurerm_postgresql_flexible_server.osmo"}
	some v in vs
	v.details.id == "S-2"
}

test_password_enabled_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_postgresql_flexible_server.osmo", {"authentication": [{"active_directory_auth_enabled": true, "password_auth_enabled": true}]})])
	count(vs) == 1
}

test_entra_only_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_postgresql_flexible_server.osmo", {"authentication": [{"active_directory_auth_enabled": true, "password_auth_enabled": false}]})])
	count(vs) == 0
}

test_unknown_block_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_postgresql_flexible_server.osmo", {}, {"authentication": true})])
	count(vs) == 0
}

test_computed_block_left_out_of_the_configuration_fires if {
	vs := check.violation with input as fx.plan_config(
		[fx.rc_unknown("azurerm_postgresql_flexible_server.osmo", {"administrator_login": "psqladmin"}, {"authentication": true})],
		{"resources": [fx.cfg("azurerm_postgresql_flexible_server", "osmo", {"administrator_login": {"constant_value": "psqladmin"}})]},
	)
	fx.resources(vs) == {"azurerm_postgresql_flexible_server.osmo"}
}

test_computed_block_configured_but_unknown_is_clean if {
	vs := check.violation with input as fx.plan_config(
		[fx.rc_unknown("azurerm_postgresql_flexible_server.osmo", {}, {"authentication": true})],
		{"resources": [fx.cfg("azurerm_postgresql_flexible_server", "osmo", {"authentication": [{"password_auth_enabled": fx.refs(["var.password_auth"])}]})]},
	)
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_postgresql_flexible_server.osmo")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.platform.module.sil.azurerm_postgresql_flexible_server.osmo"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"authentication": [{"password_auth_enabled": true}]})])
	fx.resources(vs) == {addr}
}

test_single_server_fires if {
	vs := check.violation with input as fx.hcl("azurerm_postgresql_server", "legacy", {"administrator_login": "psqladmin"})
	count(vs) == 1
}

test_hcl_entra_only_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_postgresql_flexible_server", "osmo", {"authentication": [{"active_directory_auth_enabled": true, "password_auth_enabled": false}]})
	count(vs) == 0
}

test_hcl_unresolvable_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_postgresql_flexible_server", "osmo", {"authentication": [{"password_auth_enabled": "${var.pw}"}]})
	count(vs) == 0
}
