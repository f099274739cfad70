package stridegate.terraform.minimum_tls_test

import data.stridegate.terraform.fixtures_test as fx
import data.stridegate.terraform.minimum_tls as check

test_weak_settings_fire if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_storage_account.data", {"min_tls_version": "TLS1_0"}),
		fx.rc("azurerm_redis_cache.osmo", {"minimum_tls_version": "1.1"}),
		fx.rc("azurerm_postgresql_flexible_server_configuration.tls", {"name": "ssl_min_protocol_version", "value": "TLSv1.1"}),
		fx.rc("azurerm_cosmosdb_account.db", {"minimal_tls_version": "Tls"}),
	])
	fx.resources(vs) == {"azurerm_storage_account.data", "azurerm_redis_cache.osmo", "azurerm_postgresql_flexible_server_configuration.tls", "azurerm_cosmosdb_account.db"}
	some v in vs
	v.details.id == "SG-ENC-1"
}

test_tls12_and_absent_are_clean if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_storage_account.data", {"min_tls_version": "TLS1_2"}),
		fx.rc("azurerm_redis_cache.osmo", {}),
		fx.rc("azurerm_postgresql_flexible_server_configuration.tls", {"name": "ssl_min_protocol_version", "value": "TLSv1.3"}),
		fx.rc("azurerm_postgresql_flexible_server_configuration.other", {"name": "max_connections", "value": "TLSv1"}),
	])
	count(vs) == 0
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_storage_account.data", {}, {"min_tls_version": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_storage_account.data")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.a.module.b.azurerm_redis_cache.osmo"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"minimum_tls_version": "1.0"})])
	fx.resources(vs) == {addr}
}

test_hcl_variable_fires if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_storage_account", "data", {"min_tls_version": "${var.tls}"}),
		[fx.file("infra/variables.tf", {"variable": {"tls": [{"default": "TLS1_1"}]}})],
	)
	count(vs) == 1
}
