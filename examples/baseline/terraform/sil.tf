# Software-in-the-loop simulation cluster, created with provider defaults.
resource "azurerm_kubernetes_cluster" "sil" {
  name                    = "aks-${var.resource_prefix}-sil"
  location                = azurerm_resource_group.main.location
  resource_group_name     = azurerm_resource_group.main.name
  dns_prefix              = "aks-${var.resource_prefix}-sil"
  private_cluster_enabled = true

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4ds_v5"
    node_count = 1
  }

  identity {
    type = "SystemAssigned"
  }
}
