# METADATA
# title: Data service reachable from public networks
# description: |
#   A data or platform service with public network access on: storage accounts, Key Vaults,
#   container registries, AzureML workspaces and Redis caches whose
#   `public_network_access_enabled` is true or absent (provider default true; AzureML v3 also
#   `public_access_behind_virtual_network_enabled`), a PostgreSQL flexible server with
#   `public_network_access_enabled` true, or absent (in a plan: computed because the
#   configuration leaves it out) without VNet integration (`delegated_subnet_id`), and an `azurerm_managed_redis` with
#   `public_network_access = "Enabled"`. The architecture reaches every service through
#   private endpoints. Unknown values are not findings.
# custom:
#   id: SG-NET-5
#   threats: [I-1, I-3]
#   severity: high
#   stride: Information Disclosure
#   inputs: [tfplan, hcl]
#   remediation: |
#     Set `public_network_access_enabled = false` (managed Redis: `public_network_access =
#     "Disabled"`) and reach the service through a private endpoint and private DNS zone.
#   references:
#     - https://learn.microsoft.com/azure/private-link/private-endpoint-overview
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#public_network_access_enabled
package stridegate.terraform.public_network_access

import data.lib.azure
import data.lib.result
import data.lib.terraform as tf

_default_public := {
	"azurerm_storage_account",
	"azurerm_key_vault",
	"azurerm_container_registry",
	"azurerm_machine_learning_workspace",
	"azurerm_redis_cache",
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some type in _default_public
	some r in tf.of_type(type)
	tf.true_or_absent(r, ["public_network_access_enabled"])
	msg := sprintf("%s allows public network access (public_network_access_enabled is not false)", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_machine_learning_workspace")
	tf.value(r, ["public_access_behind_virtual_network_enabled"]) == true
	msg := sprintf("%s sets public_access_behind_virtual_network_enabled = true: the workspace is reachable from public networks", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_postgresql_flexible_server")
	tf.value(r, ["public_network_access_enabled"]) == true
	msg := sprintf("%s sets public_network_access_enabled = true: the server accepts connections from public networks", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_postgresql_flexible_server")
	azure.defaulted(r, ["public_network_access_enabled"])
	tf.absent(r, ["delegated_subnet_id"])
	msg := sprintf("%s has neither VNet integration (delegated_subnet_id) nor public_network_access_enabled = false: the server is public", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_managed_redis")
	tf.value(r, ["public_network_access"]) == "Enabled"
	msg := sprintf("%s sets public_network_access = \"Enabled\": the cache is reachable from public networks", [r.address])
}
