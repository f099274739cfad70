package stridegate.terraform.node_public_ip_test

import data.stridegate.terraform.fixtures_test as fx
import data.stridegate.terraform.node_public_ip as check

test_v4_pool_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster_node_pool.gpu", {"name": "gpu", "vm_size": "Standard_NC24ads_A100_v4", "node_public_ip_enabled": true})])
	fx.resources(vs) == {"azurerm_kubernetes_cluster_node_pool.gpu"}
	some v in vs
	v.details.id == "SG-NET-6"
	v.details.node_pool == "gpu"
	startswith(v.msg, "GPU node pool")
}

test_v3_default_pool_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"default_node_pool": [{"name": "system", "enable_node_public_ip": true}]})])
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
}

test_disabled_is_clean if {
	vs := check.violation with input as fx.plan([
		fx.rc("azurerm_kubernetes_cluster.main", {"default_node_pool": [{"name": "system", "node_public_ip_enabled": false}]}),
		fx.rc("azurerm_kubernetes_cluster_node_pool.gpu", {"name": "gpu"}),
	])
	count(vs) == 0
}

test_unknown_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster_node_pool.gpu", {"name": "gpu"}, {"node_public_ip_enabled": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_kubernetes_cluster_node_pool.gpu")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.platform.module.aks.azurerm_kubernetes_cluster_node_pool.gpu[\"a100\"]"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"name": "a100", "node_public_ip_enabled": true})])
	fx.resources(vs) == {addr}
}

test_hcl_variable_fires if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_kubernetes_cluster_node_pool", "gpu", {"name": "gpu", "node_public_ip_enabled": "${var.pip}"}),
		[fx.file("infra/variables.tf", {"variable": {"pip": [{"default": true}]}})],
	)
	count(vs) == 1
}

test_hcl_unresolvable_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster_node_pool", "gpu", {"name": "gpu", "node_public_ip_enabled": "${var.pip}"})
	count(vs) == 0
}
