resource "azurerm_resource_group" "main" {
  name     = "rg-${var.resource_prefix}-${var.location}"
  location = var.location
}

resource "azurerm_kubernetes_cluster" "main" {
  name                    = "aks-${var.resource_prefix}"
  location                = azurerm_resource_group.main.location
  resource_group_name     = azurerm_resource_group.main.name
  dns_prefix              = "aks-${var.resource_prefix}"
  private_cluster_enabled = var.should_enable_private_aks_cluster

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_D8ds_v5"
    node_count     = 2
    vnet_subnet_id = azurerm_subnet.aks.id
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
    outbound_type  = "userAssignedNATGateway"
  }
}

resource "azurerm_virtual_network" "main" {
  name                = "vnet-${var.resource_prefix}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "aks" {
  name                 = "snet-aks"
  resource_group_name  = azurerm_resource_group.main.name
  virtual_network_name = azurerm_virtual_network.main.name
  address_prefixes     = ["10.0.0.0/20"]
}
