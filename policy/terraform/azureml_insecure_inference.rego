# METADATA
# title: AzureML on AKS allows insecure inference connections
# description: |
#   The AzureML Kubernetes extension (`azurerm_kubernetes_cluster_extension` of type
#   `Microsoft.AzureML.Kubernetes`) with `allowInsecureConnections` true in its configuration
#   settings serves inference endpoints over plain HTTP: scoring requests and responses
#   travel without TLS inside the VNet.
# custom:
#   id: T-3
#   threats: [T-3]
#   severity: medium
#   stride: Tampering
#   inputs: [tfplan, hcl]
#   remediation: |
#     Remove `allowInsecureConnections` (or set it to "False") and configure TLS for the
#     inference router (`sslSecret` / `sslCname`, or `sslCertPemFile` and `sslKeyPemFile`).
#   references:
#     - https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension
#     - https://learn.microsoft.com/azure/machine-learning/how-to-secure-kubernetes-inferencing-communication
package stridegate.terraform.azureml_insecure_inference

import data.lib.result
import data.lib.terraform as tf

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some r in tf.of_type("azurerm_kubernetes_cluster_extension")
	lower(tf.value(r, ["extension_type"])) == "microsoft.azureml.kubernetes"
	some attr in ["configuration_settings", "configuration_protected_settings"]
	lower(sprintf("%v", [tf.value(r, [attr, "allowInsecureConnections"])])) == "true"
	msg := sprintf("AzureML extension %s sets allowInsecureConnections = true in %s: inference traffic is served without TLS", [r.address, attr])
}
