package stridegate.terraform.gpu_node_taint_test

import data.stridegate.terraform.fixtures_test as fx
import data.stridegate.terraform.gpu_node_taint as check

_pool(after) := fx.plan([fx.rc("azurerm_kubernetes_cluster_node_pool.gpu", object.union({"name": "gpu", "vm_size": "Standard_NC24ads_A100_v4"}, after))])

test_untainted_gpu_pool_fires if {
	vs := check.violation with input as _pool({"node_taints": []})
	fx.resources(vs) == {"azurerm_kubernetes_cluster_node_pool.gpu"}
	some v in vs
	v.details.id == "SG-GPU-1"
	v.details.node_pool == "gpu"
}

test_other_taint_fires if {
	vs := check.violation with input as _pool({"node_taints": ["workload=training:PreferNoSchedule"]})
	count(vs) == 1
}

test_nvidia_taint_is_clean if {
	vs := check.violation with input as _pool({"node_taints": ["nvidia.com/gpu=present:NoSchedule"]})
	count(vs) == 0
}

test_sku_taint_is_clean if {
	vs := check.violation with input as _pool({"node_taints": ["sku=gpu:NoSchedule"]})
	count(vs) == 0
}

test_cpu_pool_is_ignored if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster_node_pool.cpu", {"name": "cpu", "vm_size": "Standard_D8ds_v5"})])
	count(vs) == 0
}

test_gpu_default_pool_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_kubernetes_cluster.main", {"default_node_pool": [{"name": "system", "vm_size": "Standard_NC6s_v3"}]})])
	fx.resources(vs) == {"azurerm_kubernetes_cluster.main"}
}

test_unknown_taints_are_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster_node_pool.gpu", {"name": "gpu", "vm_size": "Standard_NC24ads_A100_v4"}, {"node_taints": true})])
	count(vs) == 0
}

test_unknown_size_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_kubernetes_cluster_node_pool.gpu", {"name": "gpu"}, {"vm_size": true})])
	count(vs) == 0
}

test_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_kubernetes_cluster_node_pool.gpu")])
	count(vs) == 0
}

test_nested_module if {
	addr := "module.platform.module.aks.azurerm_kubernetes_cluster_node_pool.gpu"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"name": "gpu", "vm_size": "Standard_ND96asr_v4"})])
	fx.resources(vs) == {addr}
}

test_pattern_parameter if {
	vs := check.violation with input as _pool({})
		with data.lib.parameters as {"gpu_vm_size_pattern": "^Standard_ND"}
	count(vs) == 0
}

test_hcl_taint_variable_is_clean if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_kubernetes_cluster_node_pool", "gpu", {"name": "gpu", "vm_size": "${var.size}", "node_taints": ["${var.taint}"]}),
		[fx.file("infra/variables.tf", {"variable": {"size": [{"default": "Standard_NC24ads_A100_v4"}], "taint": [{"default": "nvidia.com/gpu=present:NoSchedule"}]}})],
	)
	count(vs) == 0
}

test_hcl_list_variable_fires if {
	vs := check.violation with input as array.concat(
		fx.hcl("azurerm_kubernetes_cluster_node_pool", "gpu", {"name": "gpu", "vm_size": "Standard_NC24ads_A100_v4", "node_taints": "${var.taints}"}),
		[fx.file("infra/variables.tf", {"variable": {"taints": [{"default": []}]}})],
	)
	count(vs) == 1
}

test_hcl_unresolvable_taint_is_clean if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster_node_pool", "gpu", {"name": "gpu", "vm_size": "Standard_NC24ads_A100_v4", "node_taints": ["${local.gpu_taint}"]})
	count(vs) == 0
}

test_hcl_absent_taints_fires if {
	vs := check.violation with input as fx.hcl("azurerm_kubernetes_cluster_node_pool", "gpu", {"name": "gpu", "vm_size": "Standard_NC24ads_A100_v4"})
	count(vs) == 1
}

_azapi(pools) := fx.hcl("azapi_resource", "aks", {"type": "Microsoft.ContainerService/managedClusters@2024-05-01", "body": {"properties": {"agentPoolProfiles": pools}}})

test_azapi_agent_pool_without_taint_fires if {
	vs := check.violation with input as _azapi([
		{"name": "system", "vmSize": "Standard_D8ds_v5", "mode": "System"},
		{"name": "gpu", "vmSize": "Standard_NC24ads_A100_v4", "mode": "User"},
	])
	{v.details.node_pool | some v in vs} == {"gpu"}
	fx.resources(vs) == {"azapi_resource.aks"}
}

test_azapi_agent_pool_with_taint_or_unknown_is_clean if {
	tainted := check.violation with input as _azapi([{"name": "gpu", "vmSize": "Standard_NC24ads_A100_v4", "nodeTaints": ["nvidia.com/gpu=present:NoSchedule"]}])
	count(tainted) == 0
	expr := check.violation with input as _azapi(["${local.gpu_pool}"])
	count(expr) == 0
	all := check.violation with input as _azapi("${local.pools}")
	count(all) == 0
}

# terraform show -json marks known nested values in after_unknown with empty objects and
# lists of them ({"agentPoolProfiles": [{}]}): only a true is unknown
test_plan_azapi_agent_pool_known_in_after_unknown_fires if {
	pools := [{"name": "gpu", "vmSize": "Standard_NC24ads_A100_v4"}]
	aks := fx.rc_unknown(
		"azapi_resource.aks",
		{"type": "Microsoft.ContainerService/managedClusters@2024-05-01", "name": "aks", "body": {"properties": {"agentPoolProfiles": pools}}},
		{"body": {"properties": {"agentPoolProfiles": [{}]}}, "id": true},
	)
	vs := check.violation with input as fx.plan([aks])
	{v.details.node_pool | some v in vs} == {"gpu"}
	unknown := fx.rc_unknown(
		"azapi_resource.aks",
		{"type": "Microsoft.ContainerService/managedClusters@2024-05-01", "name": "aks", "body": {"properties": {"agentPoolProfiles": pools}}},
		{"body": {"properties": {"agentPoolProfiles": [{"nodeTaints": true}]}}},
	)
	count(check.violation) == 0 with input as fx.plan([unknown])
}
