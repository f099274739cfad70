package stridegate.terraform.aks_workload_identity_test

import data.stridegate.terraform.aks_workload_identity as check
import data.stridegate.terraform.fixtures_test as fx

test_both_absent_fire_twice if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {})])
	count(vs) == 2
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
	some v in vs
	v.details.id == "SG-ID-2"
}

test_oidc_only_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"oidc_issuer_enabled": true, "workload_identity_enabled": false})])
	count(vs) == 1
	some v in vs
	contains(v.msg, "workload_identity_enabled")
}

test_both_enabled_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"oidc_issuer_enabled": true, "workload_identity_enabled": true})])
	count(vs) == 0
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster.main", {"oidc_issuer_enabled": true}, {"workload_identity_enabled": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_kubernetes_cluster.main")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.a.azurerm_kubernetes_cluster.main"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"oidc_issuer_enabled": true})])
	fx.resources(vs) == {addr}
}

test_hcl_variable if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_kubernetes_cluster", "main", {"oidc_issuer_enabled": true, "workload_identity_enabled": "${var.wi}"}),
		[fx.file("infra/variables.tf", {"variable": {"wi": [{"default": true}]}})],
	)
	count(vs) == 0
}
