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

# Scheduled AKS start/stop runbooks run as the account's identity (E-1, Open).
resource "azurerm_role_assignment" "automation_contributor" {
  scope                = var.resource_group_id
  role_definition_name = "Contributor"
  principal_id         = azurerm_automation_account.maintenance.identity[0].principal_id
}

output "principal_id" {
  value = azurerm_automation_account.maintenance.identity[0].principal_id
}
