# METADATA
# title: PostgreSQL allows password authentication
# description: |
#   An `azurerm_postgresql_flexible_server` whose `authentication.password_auth_enabled` is
#   true or absent (no authentication block: password only) keeps a shared password
#   administrator (psqladmin) instead of Entra ID authentication only; in a plan, an
#   authentication block the configuration leaves out is computed (unknown) but still the
#   password default. A legacy
#   `azurerm_postgresql_server` (single server) only supports the password administrator.
#   Unknown values are not findings.
# custom:
#   id: S-2
#   threats: [S-2]
#   severity: medium
#   stride: Spoofing
#   inputs: [tfplan, hcl]
#   remediation: |
#     Add `authentication { active_directory_auth_enabled = true, password_auth_enabled = false }`,
#     make a group or the OSMO workload identity the Entra administrator
#     (`azurerm_postgresql_flexible_server_active_directory_administrator`), and give each
#     service its own database role.
#   references:
#     - https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-azure-ad-authentication
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_flexible_server#authentication
package stridegate.terraform.postgresql_password_auth

import data.lib.azure
import data.lib.result
import data.lib.terraform as tf

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_postgresql_flexible_server")
	_password_auth(r)
	msg := sprintf("PostgreSQL flexible server %s allows password authentication: one shared administrator password instead of Entra ID identities", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_postgresql_server")
	msg := sprintf("PostgreSQL single server %s only supports a password administrator: migrate to a flexible server with Entra ID authentication", [r.address])
}

_password_auth(r) if tf.true_or_absent(r, ["authentication", 0, "password_auth_enabled"])

# the authentication block is optional and computed: a plan whose configuration does not
# set it shows it unknown, and the server gets password authentication
_password_auth(r) if azure.defaulted(r, ["authentication", 0, "password_auth_enabled"])
