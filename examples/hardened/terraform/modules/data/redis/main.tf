variable "name" {
  type = string
}

variable "location" {
  type = string
}

variable "resource_group_name" {
  type = string
}

variable "access_keys_authentication_enabled" {
  type    = bool
  default = false
}

resource "azurerm_managed_redis" "this" {
  name                  = var.name
  location              = var.location
  resource_group_name   = var.resource_group_name
  sku_name              = "Balanced_B3"
  public_network_access = "Disabled"

  default_database {
    access_keys_authentication_enabled = var.access_keys_authentication_enabled
    client_protocol                    = "Encrypted"
  }
}

output "hostname" {
  value = azurerm_managed_redis.this.hostname
}
