output "aks_name" {
  value = azurerm_kubernetes_cluster.main.name
}

output "redis_hostname" {
  value = module.data.redis_hostname
}
