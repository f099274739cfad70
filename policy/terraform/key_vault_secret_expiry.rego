# METADATA
# title: Key Vault secret without a near expiry, or key without rotation
# description: |
#   Long-lived credentials in Key Vault (the OSMO service token case): an
#   `azurerm_key_vault_secret` without `expiration_date`, or expiring more than
#   `max_secret_lifetime_days` (365 by default) after the plan's timestamp (the current time
#   for HCL); and an `azurerm_key_vault_key` without a `rotation_policy` with an `automatic`
#   rotation. A secret created through AzAPI (`azapi_resource` of type
#   `Microsoft.KeyVault/vaults/secrets@...`) is judged by `body.properties.attributes.exp`
#   (Unix seconds). An expiry computed at apply time (timeadd(timestamp(), ...)), or a body
#   built by an expression (jsonencode(local.x)), is unknown, not a finding.
# custom:
#   id: E-2
#   threats: [E-2]
#   severity: high
#   stride: Elevation of Privilege
#   inputs: [tfplan, hcl]
#   parameters:
#     max_secret_lifetime_days:
#       type: integer
#       description: Longest accepted time from now to a secret's expiration date.
#       default: 365
#   remediation: |
#     Give secrets an `expiration_date` within the rotation period and rotate them
#     (Event Grid near-expiry event, or a short-lived token issuer); give keys
#     `rotation_policy { expire_after = "P90D" automatic { time_before_expiry = "P30D" } }`.
#   references:
#     - https://learn.microsoft.com/azure/key-vault/secrets/tutorial-rotation
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault_key#rotation_policy
package stridegate.terraform.key_vault_secret_expiry

import data.lib.azure
import data.lib.params
import data.lib.result
import data.lib.terraform as tf

_max_days := params.get("max_secret_lifetime_days", 365)

_day_ns := ((24 * 60) * 60) * 1000000000

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_key_vault_secret")
	tf.absent(r, ["expiration_date"])
	msg := sprintf("Key Vault secret %s has no expiration_date: the credential never expires", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_key_vault_secret")
	exp := tf.value(r, ["expiration_date"])
	days := _days_out(r, exp)
	days > _max_days
	msg := sprintf("Key Vault secret %s expires %s, %d days out (more than %v)", [r.address, exp, floor(days), _max_days])
}

# days from now to an RFC 3339 date; a date past 2262 (9999-12-31, the usual "never") does
# not fit time.parse_rfc3339_ns and is counted from its year
_days_out(r, exp) := d if {
	d := (time.parse_rfc3339_ns(exp) - azure.now_ns(r)) / _day_ns
} else := d if {
	is_string(exp)
	year := to_number(regex.find_all_string_submatch_n(`^(\d{4})-\d{2}-\d{2}T`, exp, 1)[0][1])
	year > 2261
	d := ((year - 1970) * 365.25) - (azure.now_ns(r) / _day_ns)
}

_exp := ["body", "properties", "attributes", "exp"]

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azapi_resource")
	_azapi_secret(r)
	body := _body(r)
	object.get(body, array.slice(_exp, 1, count(_exp)), null) == null
	not tf.unknown(r, _exp)
	msg := sprintf("Key Vault secret %s (AzAPI) has no properties.attributes.exp: the credential never expires", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azapi_resource")
	_azapi_secret(r)
	exp := tf.resolve(r, object.get(_body(r), array.slice(_exp, 1, count(_exp)), null))
	is_number(exp)
	days := ((exp * 1000000000) - azure.now_ns(r)) / _day_ns
	days > _max_days
	msg := sprintf("Key Vault secret %s (AzAPI) expires %s, %d days out (more than %v)", [r.address, _exp_text(exp), floor(days), _max_days])
}

# the expiry as a date, or as Unix seconds past what time.format takes (int64 nanoseconds:
# year 2262; 253402300799, 9999-12-31, is the usual "never")
_exp_text(exp) := t if {
	exp < 9223372036
	t := time.format(exp * 1000000000)
} else := sprintf("at Unix time %s", [format_int(exp, 10)])

_azapi_secret(r) if startswith(lower(tf.value(r, ["type"])), "microsoft.keyvault/vaults/secrets@")

# the request body: an object (HCL, azapi v2 plans) or a JSON string (azapi v1 plans)
_body(r) := b if {
	b := tf.value(r, ["body"])
	is_object(b)
}

_body(r) := b if {
	s := tf.value(r, ["body"])
	is_string(s)
	json.is_valid(s)
	b := json.unmarshal(s)
	is_object(b)
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_key_vault_key")
	not tf.unknown(r, ["rotation_policy"])
	count(tf.blocks(r, "rotation_policy")) == 0
	msg := sprintf("Key Vault key %s has no rotation_policy: the key is never rotated", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_key_vault_key")
	some i, _ in tf.blocks(r, "rotation_policy")
	not tf.unknown(r, ["rotation_policy", i, "automatic"])
	count(object.get(r.values, ["rotation_policy", i, "automatic"], [])) == 0
	msg := sprintf("Key Vault key %s has a rotation_policy without automatic rotation", [r.address])
}
