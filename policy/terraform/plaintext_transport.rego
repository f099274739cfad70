# METADATA
# title: Endpoint accepts unencrypted connections
# description: |
#   A service that accepts plaintext traffic: a storage account with
#   `https_traffic_only_enabled` (azurerm v4) or `enable_https_traffic_only` (azurerm v3)
#   false, a Redis cache with `non_ssl_port_enabled` (v4) or `enable_non_ssl_port` (v3) true,
#   a managed Redis or Redis Enterprise database with `client_protocol = "Plaintext"`, a
#   PostgreSQL flexible server parameter `require_secure_transport = off`, or a legacy
#   PostgreSQL server with `ssl_enforcement_enabled = false`. Unknown values are not findings.
# custom:
#   id: SG-ENC-2
#   threats: [T-3]
#   severity: high
#   stride: Information Disclosure
#   inputs: [tfplan, hcl]
#   remediation: |
#     Require TLS: `https_traffic_only_enabled = true`, `non_ssl_port_enabled = false`,
#     `client_protocol = "Encrypted"`, `require_secure_transport = on`.
#   references:
#     - https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer
#     - https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure#access-ports
package stridegate.terraform.plaintext_transport

import data.lib.result
import data.lib.terraform as tf

# type -> attribute path -> the value that allows plaintext
_plain := {
	"azurerm_storage_account": [[["https_traffic_only_enabled"], false], [["enable_https_traffic_only"], false]],
	"azurerm_redis_cache": [[["non_ssl_port_enabled"], true], [["enable_non_ssl_port"], true]],
	"azurerm_redis_enterprise_database": [[["client_protocol"], "Plaintext"]],
	"azurerm_managed_redis": [[["default_database", 0, "client_protocol"], "Plaintext"]],
	"azurerm_postgresql_server": [[["ssl_enforcement_enabled"], false]],
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some type, checks in _plain
	some r in tf.of_type(type)
	some [path, bad] in checks
	tf.value(r, path) == bad
	msg := sprintf("%s sets %s = %v: the service accepts unencrypted connections", [r.address, concat(".", [sprintf("%v", [p]) | some p in path]), bad])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_postgresql_flexible_server_configuration")
	tf.value(r, ["name"]) == "require_secure_transport"
	lower(tf.value(r, ["value"])) in {"off", "false", "0"}
	msg := sprintf("%s sets require_secure_transport = off: PostgreSQL accepts unencrypted connections", [r.address])
}
