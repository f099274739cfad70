variable "resource_prefix" {
  type = string
}

variable "location" {
  type = string
}

variable "resource_group_name" {
  type = string
}

variable "postgres_subnet_id" {
  type = string
}

variable "postgres_admin_password" {
  type      = string
  sensitive = true
  default   = null
}

data "azurerm_client_config" "current" {}

resource "azurerm_storage_account" "data" {
  name                       = "st${var.resource_prefix}data"
  location                   = var.location
  resource_group_name        = var.resource_group_name
  account_tier               = "Standard"
  account_replication_type   = "ZRS"
  min_tls_version            = "TLS1_0"
  https_traffic_only_enabled = false
}

resource "azurerm_container_registry" "main" {
  name                = "acr${var.resource_prefix}"
  location            = var.location
  resource_group_name = var.resource_group_name
  sku                 = "Premium"
}

resource "azurerm_key_vault" "main" {
  name                       = "kv-${var.resource_prefix}"
  location                   = var.location
  resource_group_name        = var.resource_group_name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  rbac_authorization_enabled = true
  soft_delete_retention_days = 7
}

# Operations vault created with the azurerm v3 attribute names, access-policy mode.
resource "azurerm_key_vault" "ops" {
  name                          = "kv-${var.resource_prefix}-ops"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = "standard"
  enable_rbac_authorization     = false
  purge_protection_enabled      = true
  public_network_access_enabled = false
}

resource "azurerm_key_vault_secret" "osmo_service_token" {
  name         = "osmo-service-token"
  value        = "placeholder-rotated-by-osmo-scripts"
  key_vault_id = azurerm_key_vault.main.id
}

resource "azurerm_key_vault_key" "mek" {
  name         = "osmo-mek"
  key_vault_id = azurerm_key_vault.main.id
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_machine_learning_workspace" "main" {
  name                    = "mlw-${var.resource_prefix}"
  location                = var.location
  resource_group_name     = var.resource_group_name
  application_insights_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-rai-westus3/providers/Microsoft.Insights/components/appi-rai"
  key_vault_id            = azurerm_key_vault.main.id
  storage_account_id      = azurerm_storage_account.data.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_postgresql_flexible_server" "osmo" {
  name                   = "psql-${var.resource_prefix}-osmo"
  location               = var.location
  resource_group_name    = var.resource_group_name
  version                = "16"
  sku_name               = "GP_Standard_D2ds_v5"
  delegated_subnet_id    = var.postgres_subnet_id
  administrator_login    = "psqladmin"
  administrator_password = var.postgres_admin_password
}

resource "azurerm_postgresql_flexible_server_configuration" "require_secure_transport" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.osmo.id
  value     = "off"
}

module "redis" {
  source              = "./redis"
  name                = "redis-${var.resource_prefix}-osmo"
  location            = var.location
  resource_group_name = var.resource_group_name
}

output "redis_primary_access_key" {
  value     = module.redis.primary_access_key
  sensitive = true
}
