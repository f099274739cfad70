package stridegate.terraform.federated_credential_audience_test

import data.stridegate.terraform.federated_credential_audience as check
import data.stridegate.terraform.fixtures_test as fx

_fic(after) := fx.plan([fx.rc("azurerm_federated_identity_credential.osmo", object.union({"subject": "system:serviceaccount:osmo:osmo-backend"}, after))])

test_wrong_audience_fires if {
	vs := check.violation with input as _fic({"audience": ["api://AzureADTokenExchange", "https://kubernetes.default.svc"]})
	fx.resources(vs) == {"azurerm_federated_identity_credential.osmo"}
	count(vs) == 1
	some v in vs
	v.details.id == "SG-ID-5"
}

test_expected_audience_is_clean if {
	vs := check.violation with input as _fic({"audience": ["api://AzureADTokenExchange"]})
	count(vs) == 0
}

test_empty_fires if {
	vs := check.violation with input as _fic({"audience": []})
	count(vs) == 1
}

test_wildcard_subject_fires if {
	vs := check.violation with input as _fic({"audience": ["api://AzureADTokenExchange"], "subject": "system:serviceaccount:osmo:*"})
	count(vs) == 1
}

test_azuread_audiences_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azuread_application_federated_identity_credential.gh", {"audiences": ["api://other"], "subject": "repo:org/repo:ref:refs/heads/main"})])
	count(vs) == 1
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_federated_identity_credential.osmo", {}, {"audience": true, "subject": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_federated_identity_credential.osmo")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.wi.azurerm_federated_identity_credential.osmo[\"backend\"]"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"audience": ["x"]})])
	fx.resources(vs) == {addr}
}

test_parameter if {
	vs := check.violation with input as _fic({"audience": ["api://custom"]})
		with data.lib.parameters as {"expected_audiences": ["api://custom"]}
	count(vs) == 0
}

test_hcl_variable_fires if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_federated_identity_credential", "osmo", {"audience": "${var.aud}", "subject": "system:serviceaccount:osmo:osmo"}),
		[fx.file("infra/variables.tf", {"variable": {"aud": [{"default": ["api://other"]}]}})],
	)
	count(vs) == 1
}

_fic_with_var(aud) := [
	fx.file("infra/variables.tf", {"variable": {"audience": [{"type": "string", "default": aud}]}}),
	fx.file("infra/main.tf", object.union({"provider": {"azurerm": [{}]}}, fx.res("azurerm_federated_identity_credential", "osmo", {"audience": ["${var.audience}"], "subject": "system:serviceaccount:osmo:osmo"}))),
]

test_hcl_audience_through_a_variable if {
	good := check.violation with input as _fic_with_var("api://AzureADTokenExchange")
	count(good) == 0
	bad := check.violation with input as _fic_with_var("api://other")
	fx.resources(bad) == {"azurerm_federated_identity_credential.osmo"}
}

test_hcl_unresolvable_audience_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_federated_identity_credential", "osmo", {"audience": ["${local.audience}"], "subject": "system:serviceaccount:osmo:osmo"})
	count(vs) == 0
}
