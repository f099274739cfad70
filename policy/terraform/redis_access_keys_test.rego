package stridegate.terraform.redis_access_keys_test

import data.stridegate.terraform.fixtures_test as fx
import data.stridegate.terraform.redis_access_keys as check

test_cache_absent_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_redis_cache.osmo", {"name": "r"})])
	fx.resources(vs) == {"azurerm_redis_cache.osmo"}
	some v in vs
	v.details.id == "I-3"
}

test_cache_disabled_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_redis_cache.osmo", {"access_keys_authentication_enabled": false})])
	count(vs) == 0
}

test_cache_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_redis_cache.osmo", {}, {"access_keys_authentication_enabled": true})])
	count(vs) == 0
}

test_managed_redis_enabled_fires_in_nested_module if {
	addr := "module.platform.module.redis.azurerm_managed_redis.this"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"default_database": [{"access_keys_authentication_enabled": true}]})])
	fx.resources(vs) == {addr}
}

test_managed_redis_default_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_managed_redis.this", {"default_database": [{"client_protocol": "Encrypted"}]})])
	count(vs) == 0
}

test_enterprise_database_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_redis_enterprise_database.db", {"client_protocol": "Encrypted"})])
	count(vs) == 1
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_redis_cache.osmo")])
	count(vs) == 0
}

test_plan_output_in_module_fires if {
	p := object.union(fx.plan([fx.rc("azurerm_managed_redis.this", {"default_database": [{"access_keys_authentication_enabled": false}]})]), {"configuration": {"root_module": {"module_calls": {"redis": {"source": "./modules/redis", "module": {"outputs": {
		"primary_access_key": {"sensitive": true, "expression": fx.refs(["azurerm_managed_redis.this.default_database[0].primary_access_key", "azurerm_managed_redis.this.default_database[0]", "azurerm_managed_redis.this.default_database", "azurerm_managed_redis.this"])},
		"hostname": {"expression": fx.refs(["azurerm_managed_redis.this.hostname", "azurerm_managed_redis.this"])},
	}}}}}}})
	vs := check.violation with input as p
	fx.resources(vs) == {"module.redis.output.primary_access_key"}
}

test_hcl_output_fires if {
	vs := check.violation with input as [fx.file("infra/outputs.tf", {"output": {
		"redis_key": [{"value": "${azurerm_redis_cache.osmo.primary_access_key}", "sensitive": true}],
		"redis_host": [{"value": "${azurerm_redis_cache.osmo.hostname}"}],
	}})]
	fx.resources(vs) == {"output.redis_key"}
}

test_hcl_v3_cache_without_attribute_fires if {
	vs := check.violation with input as fx.hcl("azurerm_redis_cache", "osmo", {"redis_configuration": [{"active_directory_authentication_enabled": true}]})
	count(vs) == 1
}

test_hcl_disabled_via_variable_is_clean if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_managed_redis", "this", {"default_database": [{"access_keys_authentication_enabled": "${var.keys}"}]}),
		[fx.file("infra/variables.tf", {"variable": {"keys": [{"default": false}]}})],
	)
	count(vs) == 0
}
