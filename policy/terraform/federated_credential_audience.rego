# METADATA
# title: Federated identity credential with an unexpected audience
# description: |
#   A workload identity federation (`azurerm_federated_identity_credential` `audience`, or
#   `azuread_application_federated_identity_credential` `audiences`) whose audience list is
#   empty or holds anything but the expected audience (`api://AzureADTokenExchange`), or
#   whose subject uses a wildcard: tokens minted for other audiences or service accounts
#   could then be exchanged for the identity. Unknown values are not findings.
# custom:
#   id: SG-ID-5
#   threats: []
#   severity: medium
#   stride: Spoofing
#   inputs: [tfplan, hcl]
#   parameters:
#     expected_audiences:
#       type: array
#       description: Audiences a federated credential may accept.
#       default: [api://AzureADTokenExchange]
#   remediation: |
#     Set `audience = ["api://AzureADTokenExchange"]` and a specific subject
#     `system:serviceaccount:<namespace>:<service account>`.
#   references:
#     - https://learn.microsoft.com/azure/aks/workload-identity-overview
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/federated_identity_credential
package stridegate.terraform.federated_credential_audience

import data.lib.params
import data.lib.result
import data.lib.terraform as tf

_expected := {a | some a in params.get("expected_audiences", ["api://AzureADTokenExchange"])}

_attr := {"azurerm_federated_identity_credential": "audience", "azuread_application_federated_identity_credential": "audiences"}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some type, attr in _attr
	some r in tf.of_type(type)
	auds := tf.value(r, [attr])
	is_array(auds)
	some a in auds
	not a in _expected
	msg := sprintf("federated credential %s accepts audience %q: only %v is expected", [r.address, a, sort(_expected)])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some type, attr in _attr
	some r in tf.of_type(type)
	tf.value(r, [attr]) == []
	msg := sprintf("federated credential %s has an empty audience list", [r.address])
}

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some type, _ in _attr
	some r in tf.of_type(type)
	subject := tf.value(r, ["subject"])
	contains(subject, "*")
	msg := sprintf("federated credential %s trusts a wildcard subject %q", [r.address, subject])
}
