# METADATA
# title: Azure Policy add-on not enabled for AKS
# description: |
#   An `azurerm_kubernetes_cluster` with `azure_policy_enabled` false or absent (default
#   false): the Azure Policy add-on (Gatekeeper managed by Azure) does not audit or enforce
#   pod security and image policies in the cluster. Unknown values are not findings.
# custom:
#   id: SG-CTR-2
#   threats: []
#   severity: medium
#   stride: Elevation of Privilege
#   inputs: [tfplan, hcl]
#   remediation: |
#     Set `azure_policy_enabled = true` and assign the Kubernetes pod security baseline
#     initiative to the cluster's scope.
#   references:
#     - https://learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#azure_policy_enabled
package stridegate.terraform.aks_azure_policy

import data.lib.result
import data.lib.terraform as tf

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	tf.false_or_absent(r, ["azure_policy_enabled"])
	msg := sprintf("AKS cluster %s does not enable the Azure Policy add-on (azure_policy_enabled)", [r.address])
}
