package stridegate.terraform.key_vault_secret_expiry_test

import data.stridegate.terraform.fixtures_test as fx
import data.stridegate.terraform.key_vault_secret_expiry as check

# fx.plan's timestamp is 2026-11-20T10:00:00Z

test_secret_without_expiry_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault_secret.osmo_token", {"name": "osmo-token"})])
	fx.resources(vs) == {"azurerm_key_vault_secret.osmo_token"}
	some v in vs
	v.details.id == "E-2"
}

test_secret_expiring_far_out_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault_secret.osmo_token", {"expiration_date": "2028-01-01T00:00:00Z"})])
	count(vs) == 1
}

test_secret_expiring_within_a_year_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault_secret.osmo_token", {"expiration_date": "2027-02-18T00:00:00Z"})])
	count(vs) == 0
}

test_parameter if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault_secret.osmo_token", {"expiration_date": "2027-02-18T00:00:00Z"})])
		with data.lib.parameters as {"max_secret_lifetime_days": 30}
	count(vs) == 1
}

test_unknown_expiry_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_key_vault_secret.osmo_token", {}, {"expiration_date": true})])
	count(vs) == 0
}

test_key_without_policy_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault_key.cmk", {"rotation_policy": []})])
	fx.resources(vs) == {"azurerm_key_vault_key.cmk"}
}

test_key_policy_without_automatic_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault_key.cmk", {"rotation_policy": [{"expire_after": "P90D", "automatic": []}]})])
	count(vs) == 1
}

test_key_with_automatic_rotation_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault_key.cmk", {"rotation_policy": [{"expire_after": "P90D", "automatic": [{"time_before_expiry": "P30D"}]}]})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_key_vault_secret.osmo_token")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.osmo.azurerm_key_vault_secret.token"
	vs := check.violation with input as fx.plan([fx.rc(addr, {})])
	fx.resources(vs) == {addr}
}

test_hcl_far_expiry_fires if {
	vs := check.violation with input as fx.hcl("azurerm_key_vault_secret", "token", {"expiration_date": "2099-01-01T00:00:00Z"})
	count(vs) == 1
}

test_hcl_computed_expiry_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_key_vault_secret", "token", {"expiration_date": "${timeadd(timestamp(), \"2160h\")}"})
	count(vs) == 0
}

_azapi_secret(body) := {"type": "Microsoft.KeyVault/vaults/secrets@2025-05-01", "name": "psql-admin-password", "parent_id": "${azurerm_key_vault.main.id}", "body": body}

test_azapi_secret_without_expiry_fires if {
	vs := check.violation with input as fx.hcl("azapi_resource", "psql", _azapi_secret({"properties": {"value": "${random_password.pg.result}"}}))
	fx.resources(vs) == {"azapi_resource.psql"}
}

test_azapi_secret_expiring_far_out_fires if {
	# 2099-01-01
	vs := check.violation with input as fx.plan([fx.rc("azapi_resource.psql", _azapi_secret({"properties": {"attributes": {"exp": 4070908800}}}))])
	count(vs) == 1
}

test_azapi_secret_expiring_within_a_year_is_clean if {
	# 2027-02-20, within a year of fx.plan's timestamp
	vs := check.violation with input as fx.plan([fx.rc("azapi_resource.psql", _azapi_secret({"properties": {"attributes": {"exp": 1803081600}}}))])
	count(vs) == 0
}

test_azapi_v1_json_body if {
	fires := check.violation with input as fx.plan([fx.rc("azapi_resource.psql", _azapi_secret(`{"properties":{"value":"x"}}`))])
	count(fires) == 1
	clean := check.violation with input as fx.plan([fx.rc("azapi_resource.psql", _azapi_secret(`{"properties":{"attributes":{"exp":1803081600}}}`))])
	count(clean) == 0
}

test_azapi_unknown_body_is_clean if {
	expr := check.violation with input as fx.hcl("azapi_resource", "psql", _azapi_secret("${jsonencode(local.secret)}"))
	count(expr) == 0
	nested := check.violation with input as fx.hcl("azapi_resource", "psql", _azapi_secret({"properties": "${local.props}"}))
	count(nested) == 0
	plan := check.violation with input as fx.plan([fx.rc_unknown("azapi_resource.psql", _azapi_secret({"properties": {}}), {"body": {"properties": {"attributes": true}}})])
	count(plan) == 0
}

test_azapi_other_types_are_ignored if {
	vs := check.violation with input as fx.hcl("azapi_resource", "aks", {"type": "Microsoft.ContainerService/managedClusters@2024-05-01", "body": {"properties": {}}})
	count(vs) == 0
}

# the "never" convention: 9999-12-31 in Unix seconds, past what nanoseconds can hold
test_azapi_secret_expiring_in_year_9999_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azapi_resource.psql", _azapi_secret({"properties": {"attributes": {"exp": 253402300799}}}))])
	count(vs) == 1
}

test_secret_expiring_in_year_9999_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_key_vault_secret.osmo_token", {"expiration_date": "9999-12-31T23:59:59Z"})])
	count(vs) == 1
}
