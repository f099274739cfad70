package stridegate.terraform.aks_entra_rbac_test

import data.stridegate.terraform.aks_entra_rbac as check
import data.stridegate.terraform.fixtures_test as fx

_aks(after) := fx.plan([fx.rc("azurerm_kubernetes_cluster.main", after)])

test_no_block_fires if {
	vs := check.violation with input as _aks({"azure_active_directory_role_based_access_control": []})
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
	some v in vs
	v.details.id == "SG-ID-3"
}

test_without_azure_rbac_fires if {
	vs := check.violation with input as _aks({"azure_active_directory_role_based_access_control": [{"admin_group_object_ids": ["g"]}]})
	count(vs) == 1
}

test_v3_unmanaged_fires if {
	vs := check.violation with input as _aks({"azure_active_directory_role_based_access_control": [{"managed": false, "azure_rbac_enabled": true}]})
	count(vs) == 1
	some v in vs
	contains(v.msg, "legacy")
}

test_rbac_disabled_fires if {
	vs := check.violation with input as _aks({"role_based_access_control_enabled": false, "azure_active_directory_role_based_access_control": [{"azure_rbac_enabled": true}]})
	count(vs) == 1
}

test_v4_azure_rbac_is_clean if {
	vs := check.violation with input as _aks({"role_based_access_control_enabled": true, "azure_active_directory_role_based_access_control": [{"azure_rbac_enabled": true, "tenant_id": "t"}]})
	count(vs) == 0
}

test_v3_managed_azure_rbac_is_clean if {
	vs := check.violation with input as _aks({"azure_active_directory_role_based_access_control": [{"managed": true, "azure_rbac_enabled": true}]})
	count(vs) == 0
}

test_unknown_block_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster.main", {}, {"azure_active_directory_role_based_access_control": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_kubernetes_cluster.main")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.a.azurerm_kubernetes_cluster.main"
	vs := check.violation with input as fx.plan([fx.rc(addr, {})])
	fx.resources(vs) == {addr}
}

test_hcl_fires_without_block if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster", "main", {"name": "aks"})
	count(vs) == 1
}

test_hcl_unresolvable_flag_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster", "main", {"azure_active_directory_role_based_access_control": [{"azure_rbac_enabled": "${var.rbac}"}]})
	count(vs) == 0
}
