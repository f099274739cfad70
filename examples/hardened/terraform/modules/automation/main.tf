variable "resource_prefix" {
  type = string
}

variable "location" {
  type = string
}

variable "resource_group_name" {
  type = string
}

variable "resource_group_id" {
  type = string
}

resource "azurerm_automation_account" "maintenance" {
  name                = "aa-${var.resource_prefix}"
  location            = var.location
  resource_group_name = var.resource_group_name
  sku_name            = "Basic"

  identity {
    type = "SystemAssigned"
  }
}

# Only the actions the AKS start/stop runbooks need.
resource "azurerm_role_definition" "aks_start_stop" {
  name        = "${var.resource_prefix}-aks-start-stop"
  scope       = var.resource_group_id
  description = "Start and stop AKS clusters on a schedule"

  permissions {
    actions = [
      "Microsoft.ContainerService/managedClusters/read",
      "Microsoft.ContainerService/managedClusters/start/action",
      "Microsoft.ContainerService/managedClusters/stop/action",
    ]
  }

  assignable_scopes = [var.resource_group_id]
}

resource "azurerm_role_assignment" "automation_start_stop" {
  scope              = var.resource_group_id
  role_definition_id = azurerm_role_definition.aks_start_stop.role_definition_resource_id
  principal_id       = azurerm_automation_account.maintenance.identity[0].principal_id
}

output "principal_id" {
  value = azurerm_automation_account.maintenance.identity[0].principal_id
}
