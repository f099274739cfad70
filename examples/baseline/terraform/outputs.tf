output "aks_name" {
  value = azurerm_kubernetes_cluster.main.name
}

output "redis_primary_access_key" {
  value     = module.data.redis_primary_access_key
  sensitive = true
}
