# METADATA
# title: AKS without Entra ID integration and Azure RBAC
# description: |
#   An `azurerm_kubernetes_cluster` without the `azure_active_directory_role_based_access_control`
#   block, with `azure_rbac_enabled` false or absent, with the legacy non-managed integration
#   (`managed = false`, azurerm v3), or with `role_based_access_control_enabled = false`:
#   cluster access is then not governed by Entra ID identities and Azure role assignments.
#   Unknown values are not findings.
# custom:
#   id: SG-ID-3
#   threats: [E-3]
#   severity: high
#   stride: Elevation of Privilege
#   inputs: [tfplan, hcl]
#   remediation: |
#     Add `azure_active_directory_role_based_access_control { azure_rbac_enabled = true,
#     admin_group_object_ids = [...] }` (azurerm v3 also `managed = true`) and keep
#     `role_based_access_control_enabled = true`.
#   references:
#     - https://learn.microsoft.com/azure/aks/manage-azure-rbac
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#azure_active_directory_role_based_access_control
package stridegate.terraform.aks_entra_rbac

import data.lib.result
import data.lib.terraform as tf

_block := "azure_active_directory_role_based_access_control"

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	not tf.unknown(r, [_block])
	count(tf.blocks(r, _block)) == 0
	msg := sprintf("AKS cluster %s has no Entra ID integration (azure_active_directory_role_based_access_control)", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	some i, _ in tf.blocks(r, _block)
	tf.false_or_absent(r, [_block, i, "azure_rbac_enabled"])
	msg := sprintf("AKS cluster %s integrates Entra ID without Azure RBAC (azure_rbac_enabled): Kubernetes authorization stays in cluster-local bindings", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	some i, _ in tf.blocks(r, _block)
	tf.value(r, [_block, i, "managed"]) == false
	msg := sprintf("AKS cluster %s uses the legacy (non-managed) Entra ID integration with a server application secret", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	tf.value(r, ["role_based_access_control_enabled"]) == false
	msg := sprintf("AKS cluster %s sets role_based_access_control_enabled = false: Kubernetes RBAC is off", [r.address])
}
