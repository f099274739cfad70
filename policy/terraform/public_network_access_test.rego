package stridegate.terraform.public_network_access_test

import data.stridegate.terraform.fixtures_test as fx
import data.stridegate.terraform.public_network_access as check

test_each_default_public_type_fires if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_storage_account.data", {}),
		fx.rc("azurerm_key_vault.main", {"public_network_access_enabled": true}),
		fx.rc("azurerm_container_registry.acr", {}),
		fx.rc("azurerm_machine_learning_workspace.aml", {}),
		fx.rc("azurerm_redis_cache.osmo", {}),
	])
	fx.resources(vs) == {"azurerm_storage_account.data", "azurerm_key_vault.main", "azurerm_container_registry.acr", "azurerm_machine_learning_workspace.aml", "azurerm_redis_cache.osmo"}
	some v in vs
	v.details.id == "SG-NET-5"
}

test_disabled_is_clean if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_storage_account.data", {"public_network_access_enabled": false}),
		fx.rc("azurerm_managed_redis.r", {"public_network_access": "Disabled"}),
		fx.rc("azurerm_postgresql_flexible_server.pg", {"public_network_access_enabled": false}),
	])
	count(vs) == 0
}

test_aml_v3_behind_vnet_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_machine_learning_workspace.aml", {"public_network_access_enabled": false, "public_access_behind_virtual_network_enabled": true})])
	count(vs) == 1
}

test_postgres_v3_delegated_subnet_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_postgresql_flexible_server.pg", {"delegated_subnet_id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pg"}, {})])
	count(vs) == 0
}

test_postgres_v4_absent_without_subnet_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_postgresql_flexible_server.pg", {"sku_name": "GP_Standard_D2s_v3"})])
	count(vs) == 1
}

test_postgres_public_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_postgresql_flexible_server.pg", {"public_network_access_enabled": true})])
	count(vs) == 1
}

test_managed_redis_enabled_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_managed_redis.r", {"public_network_access": "Enabled"})])
	count(vs) == 1
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([
		fx.rc_unknown("azurerm_storage_account.data", {}, {"public_network_access_enabled": true}),
		fx.rc_unknown("azurerm_postgresql_flexible_server.pg", {}, {"delegated_subnet_id": true}),
	])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_storage_account.data")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.platform.module.acr.azurerm_container_registry.acr"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"public_network_access_enabled": true})])
	fx.resources(vs) == {addr}
}

test_hcl_variable if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_key_vault", "main", {"public_network_access_enabled": "${var.public}"}),
		[fx.file("infra/variables.tf", {"variable": {"public": [{"default": false}]}})],
	)
	count(vs) == 0
}

test_hcl_postgres_with_subnet_reference_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_postgresql_flexible_server", "pg", {"delegated_subnet_id": "${azurerm_subnet.pg.id}"})
	count(vs) == 0
}

test_postgres_computed_access_left_out_of_the_configuration_fires if {
	vs := check.violation with input as fx.plan_config(
		[fx.rc_unknown("azurerm_postgresql_flexible_server.pg", {"sku_name": "GP_Standard_D2s_v3"}, {"public_network_access_enabled": true})],
		{"resources": [fx.cfg("azurerm_postgresql_flexible_server", "pg", {"sku_name": {"constant_value": "GP_Standard_D2s_v3"}})]},
	)
	fx.resources(vs) == {"azurerm_postgresql_flexible_server.pg"}
	subnet := check.violation with input as fx.plan_config(
		[fx.rc_unknown("azurerm_postgresql_flexible_server.pg", {}, {"public_network_access_enabled": true, "delegated_subnet_id": true})],
		{"resources": [fx.cfg("azurerm_postgresql_flexible_server", "pg", {"delegated_subnet_id": fx.refs(["azurerm_subnet.pg.id", "azurerm_subnet.pg"])})]},
	)
	count(subnet) == 0
	configured := check.violation with input as fx.plan_config(
		[fx.rc_unknown("azurerm_postgresql_flexible_server.pg", {}, {"public_network_access_enabled": true})],
		{"resources": [fx.cfg("azurerm_postgresql_flexible_server", "pg", {"public_network_access_enabled": fx.refs(["var.public"])})]},
	)
	count(configured) == 0
}
