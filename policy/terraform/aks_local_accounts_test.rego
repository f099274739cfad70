package stridegate.terraform.aks_local_accounts_test

import data.stridegate.terraform.aks_local_accounts as check
import data.stridegate.terraform.fixtures_test as fx

test_false_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"local_account_disabled": false})])
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
	some v in vs
	v.details.id == "SG-ID-4"
}

test_absent_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {})])
	count(vs) == 1
}

test_true_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"local_account_disabled": true})])
	count(vs) == 0
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster.main", {}, {"local_account_disabled": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_kubernetes_cluster.main")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.x[0].azurerm_kubernetes_cluster.main"
	vs := check.violation with input as fx.plan([fx.rc(addr, {})])
	fx.resources(vs) == {addr}
}

test_hcl_local_resolves if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_kubernetes_cluster", "main", {"local_account_disabled": "${local.disable}"}),
		[fx.file("infra/locals.tf", {"locals": [{"disable": true}]})],
	)
	count(vs) == 0
}
