# METADATA
# title: Key Vault uses access policies instead of Azure RBAC
# description: |
#   An `azurerm_key_vault` whose RBAC authorization is off: `rbac_authorization_enabled`
#   (azurerm v4.42+) and `enable_rbac_authorization` (azurerm v3 and early v4) are both false
#   or absent (default false). Vault access policies grant whole-vault permissions outside
#   Azure RBAC, PIM and role-assignment audit. In a plan, the attribute that is not
#   configured is computed from the other one and may be unknown. Unknown configured values
#   are not findings.
# custom:
#   id: SG-SEC-2
#   threats: [E-2]
#   severity: medium
#   stride: Elevation of Privilege
#   inputs: [tfplan, hcl]
#   remediation: |
#     Set `rbac_authorization_enabled = true` (v3: `enable_rbac_authorization = true`), replace
#     access policies with Key Vault data-plane role assignments scoped to the vault or secret.
#   references:
#     - https://learn.microsoft.com/azure/key-vault/general/rbac-guide
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#rbac_authorization_enabled
package stridegate.terraform.key_vault_rbac

import data.lib.azure
import data.lib.result
import data.lib.terraform as tf

_attrs := ["rbac_authorization_enabled", "enable_rbac_authorization"]

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_key_vault")
	every attr in _attrs {
		_off(r, attr)
	}
	msg := sprintf("Key Vault %s does not enable RBAC authorization: access policies grant vault-wide data permissions outside Azure RBAC", [r.address])
}

_off(r, attr) if tf.value(r, [attr]) == false

# absent, or computed from the other attribute because this one is not configured
_off(r, attr) if azure.defaulted(r, [attr])
