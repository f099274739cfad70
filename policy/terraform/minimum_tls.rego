# METADATA
# title: Endpoint accepts TLS below 1.2
# description: |
#   A service whose minimum TLS version setting allows TLS 1.0 or 1.1: storage accounts
#   (`min_tls_version`), Redis caches and Redis Enterprise clusters (`minimum_tls_version`),
#   PostgreSQL flexible servers (`ssl_min_protocol_version` server parameter), legacy
#   PostgreSQL servers (`ssl_minimal_tls_version_enforced`), SQL servers, Event Hubs and
#   Service Bus namespaces (`minimum_tls_version`) and Cosmos DB accounts
#   (`minimal_tls_version`). Absent settings take the provider's TLS 1.2 default and are not
#   findings; unknown values are not findings.
# custom:
#   id: SG-ENC-1
#   threats: [T-3]
#   severity: medium
#   stride: Information Disclosure
#   inputs: [tfplan, hcl]
#   remediation: |
#     Set the minimum TLS version to 1.2 (storage "TLS1_2", Redis "1.2", PostgreSQL
#     `ssl_min_protocol_version = "TLSv1.2"`), or remove the override.
#   references:
#     - https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version
#     - https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-ssl-tls
package stridegate.terraform.minimum_tls

import data.lib.result
import data.lib.terraform as tf

# type -> attribute -> values weaker than TLS 1.2
_weak := {
	"azurerm_storage_account": {"min_tls_version": {"TLS1_0", "TLS1_1"}},
	"azurerm_redis_cache": {"minimum_tls_version": {"1.0", "1.1"}},
	"azurerm_redis_enterprise_cluster": {"minimum_tls_version": {"1.0", "1.1"}},
	"azurerm_postgresql_server": {"ssl_minimal_tls_version_enforced": {"TLS1_0", "TLS1_1", "TLSEnforcementDisabled"}},
	"azurerm_mssql_server": {"minimum_tls_version": {"1.0", "1.1", "Disabled"}},
	"azurerm_eventhub_namespace": {"minimum_tls_version": {"1.0", "1.1"}},
	"azurerm_servicebus_namespace": {"minimum_tls_version": {"1.0", "1.1"}},
	"azurerm_cosmosdb_account": {"minimal_tls_version": {"Tls", "Tls11"}},
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some type, attrs in _weak
	some r in tf.of_type(type)
	some attr, weak in attrs
	v := tf.value(r, [attr])
	v in weak
	msg := sprintf("%s sets %s = %q: clients may connect with TLS older than 1.2", [r.address, attr, v])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_postgresql_flexible_server_configuration")
	tf.value(r, ["name"]) == "ssl_min_protocol_version"
	v := tf.value(r, ["value"])
	v in {"TLSv1", "TLSv1.1"}
	msg := sprintf("%s sets ssl_min_protocol_version = %q: clients may connect with TLS older than 1.2", [r.address, v])
}
