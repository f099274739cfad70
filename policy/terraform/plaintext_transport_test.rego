package stridegate.terraform.plaintext_transport_test

import data.stridegate.terraform.fixtures_test as fx
import data.stridegate.terraform.plaintext_transport as check

test_v4_names_fire if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_storage_account.data", {"https_traffic_only_enabled": false}),
		fx.rc("azurerm_redis_cache.osmo", {"non_ssl_port_enabled": true}),
		fx.rc("azurerm_managed_redis.r", {"default_database": [{"client_protocol": "Plaintext"}]}),
		fx.rc("azurerm_postgresql_flexible_server_configuration.sec", {"name": "require_secure_transport", "value": "OFF"}),
	])
	fx.resources(vs) == {"azurerm_storage_account.data", "azurerm_redis_cache.osmo", "azurerm_managed_redis.r", "azurerm_postgresql_flexible_server_configuration.sec"}
	some v in vs
	v.details.id == "SG-ENC-2"
}

test_v3_names_fire if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_storage_account.data", {"enable_https_traffic_only": false}),
		fx.rc("azurerm_redis_cache.osmo", {"enable_non_ssl_port": true}),
	])
	count(vs) == 2
}

test_secure_is_clean if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_storage_account.data", {"https_traffic_only_enabled": true}),
		fx.rc("azurerm_redis_cache.osmo", {"non_ssl_port_enabled": false}),
		fx.rc("azurerm_managed_redis.r", {"default_database": [{"client_protocol": "Encrypted"}]}),
		fx.rc("azurerm_postgresql_flexible_server_configuration.sec", {"name": "require_secure_transport", "value": "on"}),
	])
	count(vs) == 0
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_redis_cache.osmo", {}, {"non_ssl_port_enabled": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_redis_cache.osmo")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.a.azurerm_storage_account.data"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"https_traffic_only_enabled": false})])
	fx.resources(vs) == {addr}
}

test_hcl_fires if {
	vs := check.violation with input as fx.hcl("azurerm_redis_cache", "osmo", {"non_ssl_port_enabled": true})
	count(vs) == 1
}
