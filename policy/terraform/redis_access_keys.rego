# METADATA
# title: Redis access-key authentication enabled or access keys exposed
# description: |
#   Redis with access-key authentication on: `azurerm_redis_cache` whose
#   `access_keys_authentication_enabled` is true or absent (provider default true),
#   `azurerm_managed_redis` whose `default_database.access_keys_authentication_enabled` is
#   true, or `azurerm_redis_enterprise_database` (keys always on unless the attribute says
#   false). Also any Terraform `output` whose expression reads a Redis access key or
#   connection string: the key is copied into state as an output. Unknown values are not
#   findings.
# custom:
#   id: I-3
#   threats: [I-3]
#   severity: low
#   stride: Information Disclosure
#   inputs: [tfplan, hcl]
#   remediation: |
#     Use Microsoft Entra ID authentication (`access_keys_authentication_enabled = false`,
#     access policy assignments for the workload identities) and remove outputs that return
#     access keys or connection strings.
#   references:
#     - https://learn.microsoft.com/azure/redis/entra-for-authentication
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/managed_redis
package stridegate.terraform.redis_access_keys

import data.lib.azure
import data.lib.result
import data.lib.terraform as tf

_redis_types := {"azurerm_redis_cache", "azurerm_managed_redis", "azurerm_redis_enterprise_database"}

_key_attr := `^(\[[^\]]*\])*(\.default_database(\[[^\]]*\])?)?\.(primary|secondary)_(access_key|connection_string)`

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some type in {"azurerm_redis_cache", "azurerm_redis_enterprise_database"}
	some r in tf.of_type(type)
	tf.true_or_absent(r, ["access_keys_authentication_enabled"])
	msg := sprintf("Redis %s has access-key authentication enabled: a leaked key opens the cache without Entra ID", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_managed_redis")
	some i, _ in tf.blocks(r, "default_database")
	tf.value(r, ["default_database", i, "access_keys_authentication_enabled"]) == true
	msg := sprintf("managed Redis %s sets default_database.access_keys_authentication_enabled = true: a leaked key opens the cache without Entra ID", [r.address])
}

# outputs in plan configuration
violation contains result.make(rego.metadata.chain(), msg, addr, m.path) if {
	some m in azure.config_modules
	some name, out in object.get(m.cfg, "outputs", {})
	some s in object.get(object.get(out, "expression", {}), "references", [])
	_plan_key_ref(s)
	addr := _output_address(m.module, name)
	msg := sprintf("%s returns a Redis access key (%s): the key is stored in Terraform state as an output", [addr, s])
}

# outputs in HCL
violation contains result.make(rego.metadata.chain(), msg, addr, d.path) if {
	some d in tf.hcl_docs
	some name, blocks in d.contents.output
	some b in blocks
	some chunk in regex.find_all_string_submatch_n(`\$\{(.*?)\}`, _text(b.value), -1)
	some m in regex.find_all_string_submatch_n(`(azurerm_[a-z_]+)\.[A-Za-z0-9_-]+((?:\[[^\]]*\])?(?:\.[a-z_]+(?:\[[^\]]*\])?)*)`, chunk[1], -1)
	m[1] in _redis_types
	regex.match(_key_attr, m[2])
	addr := sprintf("output.%s", [name])
	msg := sprintf("%s returns a Redis access key: the key is stored in Terraform state as an output", [addr])
}

_plan_key_ref(s) if {
	some m in regex.find_all_string_submatch_n(`^(azurerm_[a-z_]+)\.[A-Za-z0-9_-]+(.*)$`, s, 1)
	m[1] in _redis_types
	regex.match(concat("", [_key_attr, "$"]), m[2])
}

_output_address("", name) := sprintf("output.%s", [name])

_output_address(module, name) := sprintf("%s.output.%s", [module, name]) if module != ""

_text(v) := v if is_string(v)

_text(v) := json.marshal(v) if not is_string(v)
