package stridegate.terraform.aks_authorized_ip_ranges_test

import data.stridegate.terraform.aks_authorized_ip_ranges as check
import data.stridegate.terraform.fixtures_test as fx

_aks(after) := fx.plan([fx.rc("azurerm_kubernetes_cluster.main", after)])

test_public_without_ranges_fires if {
	vs := check.violation with input as _aks({"private_cluster_enabled": false})
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
	some v in vs
	v.details.id == "SG-NET-2"
}

test_public_with_empty_profile_fires if {
	vs := check.violation with input as _aks({"api_server_access_profile": [{"authorized_ip_ranges": []}]})
	count(vs) == 1
}

test_public_with_v4_ranges_is_clean if {
	vs := check.violation with input as _aks({"private_cluster_enabled": false, "api_server_access_profile": [{"authorized_ip_ranges": ["203.0.113.0/24"]}]})
	count(vs) == 0
}

test_public_with_v3_ranges_is_clean if {
	vs := check.violation with input as _aks({"private_cluster_enabled": false, "api_server_authorized_ip_ranges": ["203.0.113.0/24"]})
	count(vs) == 0
}

test_open_range_fires if {
	vs := check.violation with input as _aks({"api_server_access_profile": [{"authorized_ip_ranges": ["0.0.0.0/0"]}]})
	count(vs) == 1
}

test_private_is_clean if {
	vs := check.violation with input as _aks({"private_cluster_enabled": true})
	count(vs) == 0
}

test_unknown_ranges_are_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster.main", {"private_cluster_enabled": false}, {"api_server_access_profile": [{"authorized_ip_ranges": true}]})])
	count(vs) == 0
}

test_unknown_private_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster.main", {}, {"private_cluster_enabled": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_kubernetes_cluster.main")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.platform.module.aks.azurerm_kubernetes_cluster.main"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"private_cluster_enabled": false})])
	fx.resources(vs) == {addr}
}

test_hcl_ranges_from_variable_is_clean if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_kubernetes_cluster", "main", {"api_server_access_profile": [{"authorized_ip_ranges": "${var.ranges}"}]}),
		[fx.file("infra/variables.tf", {"variable": {"ranges": [{"default": ["10.8.0.0/24"]}]}})],
	)
	count(vs) == 0
}

test_hcl_unresolvable_ranges_are_clean if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster", "main", {"api_server_access_profile": [{"authorized_ip_ranges": "${var.ranges}"}]})
	count(vs) == 0
}

test_hcl_no_ranges_fires if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster", "main", {"private_cluster_enabled": false})
	count(vs) == 1
}
