# METADATA
# title: Defender for Containers not enabled for AKS
# description: |
#   An `azurerm_kubernetes_cluster` without the `microsoft_defender` block (Defender sensor
#   sending to a Log Analytics workspace), in a deployment that does not enable Defender for
#   Containers at subscription level either (`azurerm_security_center_subscription_pricing`
#   with resource_type Containers and tier Standard). Runtime threats on the nodes and
#   vulnerable images then go undetected. Unknown values are not findings.
# custom:
#   id: SG-CTR-1
#   threats: []
#   severity: medium
#   stride: Tampering
#   inputs: [tfplan, hcl]
#   remediation: |
#     Add `microsoft_defender { log_analytics_workspace_id = ... }` to the cluster (the guide's
#     `should_enable_microsoft_defender`), or enable the Containers plan with
#     `azurerm_security_center_subscription_pricing`.
#   references:
#     - https://learn.microsoft.com/azure/defender-for-cloud/defender-for-containers-introduction
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#microsoft_defender
package stridegate.terraform.aks_defender

import data.lib.azure
import data.lib.result
import data.lib.terraform as tf

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	not tf.unknown(r, ["microsoft_defender"])
	count(tf.blocks(r, "microsoft_defender")) == 0
	not _subscription_plan(r)
	msg := sprintf("AKS cluster %s has no microsoft_defender block and the deployment does not enable Defender for Containers", [r.address])
}

_subscription_plan(r) if {
	some s in azure.stacks(r)
	s in _defended_stacks
}

# the deployments that enable Defender for Containers on the subscription
_defended_stacks contains s if {
	some p in tf.of_type("azurerm_security_center_subscription_pricing")
	tf.value(p, ["resource_type"]) == "Containers"
	tf.value(p, ["tier"]) == "Standard"
	some s in azure.stacks(p)
}
