package stridegate.terraform.azureml_insecure_inference_test

import data.stridegate.terraform.azureml_insecure_inference as check
import data.stridegate.terraform.fixtures_test as fx

_ext(settings) := {"extension_type": "Microsoft.AzureML.Kubernetes", "configuration_settings": settings}

test_insecure_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster_extension.azureml", _ext({"allowInsecureConnections": "True", "enableInference": "True"}))])
	fx.resources(vs) == {"azurerm_kubernetes_cluster_extension.azureml"}
	some v in vs
	v.details.id == "T-3"
}

test_secure_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster_extension.azureml", _ext({"allowInsecureConnections": "False", "sslCname": "inference.example"}))])
	count(vs) == 0
}

test_absent_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster_extension.azureml", _ext({"enableInference": "True"}))])
	count(vs) == 0
}

test_other_extension_is_ignored if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster_extension.flux", {"extension_type": "microsoft.flux", "configuration_settings": {"allowInsecureConnections": "true"}})])
	count(vs) == 0
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster_extension.azureml", {"extension_type": "Microsoft.AzureML.Kubernetes"}, {"configuration_settings": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_kubernetes_cluster_extension.azureml")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.platform.module.aml.azurerm_kubernetes_cluster_extension.azureml"
	vs := check.violation with input as fx.plan([fx.rc(addr, _ext({"allowInsecureConnections": "true"}))])
	fx.resources(vs) == {addr}
}

test_hcl_variable_fires if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_kubernetes_cluster_extension", "azureml", _ext({"allowInsecureConnections": "${var.insecure}"})),
		[fx.file("infra/variables.tf", {"variable": {"insecure": [{"default": "True"}]}})],
	)
	count(vs) == 1
}

test_hcl_unresolvable_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster_extension", "azureml", _ext({"allowInsecureConnections": "${tostring(var.insecure)}"}))
	count(vs) == 0
}
