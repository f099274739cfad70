package stridegate.terraform.aks_managed_identity_test

import data.stridegate.terraform.aks_managed_identity as check
import data.stridegate.terraform.fixtures_test as fx

test_system_assigned_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"identity": [{"type": "SystemAssigned"}]})])
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
	some v in vs
	v.details.id == "SG-ID-1"
}

test_service_principal_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"identity": [], "service_principal": [{"client_id": "x", "client_secret": "y"}]})])
	count(vs) == 1
}

test_user_assigned_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster.main", {"identity": [{"type": "UserAssigned"}]}, {"identity": [{"identity_ids": true, "principal_id": true}]})])
	count(vs) == 0
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster.main", {}, {"identity": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_kubernetes_cluster.main")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.a.module.aks.azurerm_kubernetes_cluster.main"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"identity": [{"type": "SystemAssigned"}]})])
	fx.resources(vs) == {addr}
}

test_hcl_system_assigned_fires if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster", "main", {"identity": [{"type": "SystemAssigned"}]})
	count(vs) == 1
}

test_hcl_user_assigned_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster", "main", {"identity": [{"type": "UserAssigned", "identity_ids": ["${azurerm_user_assigned_identity.aks.id}"]}]})
	count(vs) == 0
}
