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

variable "log_analytics_workspace_id" {
  type = string
}

data "azurerm_client_config" "current" {}

resource "azurerm_storage_account" "data" {
  name                            = "st${var.resource_prefix}data"
  location                        = var.location
  resource_group_name             = var.resource_group_name
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  min_tls_version                 = "TLS1_2"
  https_traffic_only_enabled      = true
  shared_access_key_enabled       = false
  default_to_oauth_authentication = true
  public_network_access_enabled   = false
  allow_nested_items_to_be_public = false
}

resource "azurerm_container_registry" "main" {
  name                          = "acr${var.resource_prefix}"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  sku                           = "Premium"
  public_network_access_enabled = false
}

resource "azurerm_key_vault" "main" {
  name                          = "kv-${var.resource_prefix}"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = "standard"
  rbac_authorization_enabled    = true
  purge_protection_enabled      = true
  soft_delete_retention_days    = 90
  public_network_access_enabled = false
}

# Operations vault with the azurerm v3 attribute name.
resource "azurerm_key_vault" "ops" {
  name                          = "kv-${var.resource_prefix}-ops"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = "standard"
  enable_rbac_authorization     = true
  purge_protection_enabled      = true
  public_network_access_enabled = false
}

resource "azurerm_monitor_diagnostic_setting" "kv_main" {
  name                       = "diag-kv"
  target_resource_id         = azurerm_key_vault.main.id
  log_analytics_workspace_id = var.log_analytics_workspace_id

  enabled_log {
    category_group = "audit"
  }
}

resource "azurerm_monitor_diagnostic_setting" "kv_ops" {
  name                       = "diag-kv-ops"
  target_resource_id         = azurerm_key_vault.ops.id
  log_analytics_workspace_id = var.log_analytics_workspace_id

  enabled_log {
    category_group = "audit"
  }
}

resource "time_rotating" "osmo_token" {
  rotation_days = 90
}

resource "azurerm_key_vault_secret" "osmo_service_token" {
  name            = "osmo-service-token"
  value           = "placeholder-rotated-by-osmo-scripts"
  key_vault_id    = azurerm_key_vault.main.id
  expiration_date = time_rotating.osmo_token.rotation_rfc3339
}

resource "azurerm_key_vault_key" "mek" {
  name         = "osmo-mek"
  key_vault_id = azurerm_key_vault.main.id
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]

  rotation_policy {
    expire_after         = "P90D"
    notify_before_expiry = "P14D"
    automatic {
      time_before_expiry = "P30D"
    }
  }
}

resource "azurerm_machine_learning_workspace" "main" {
  name                          = "mlw-${var.resource_prefix}"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  application_insights_id       = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-rai-westus3/providers/Microsoft.Insights/components/appi-rai"
  key_vault_id                  = azurerm_key_vault.main.id
  storage_account_id            = azurerm_storage_account.data.id
  public_network_access_enabled = false
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_postgresql_flexible_server" "osmo" {
  name                          = "psql-${var.resource_prefix}-osmo"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  version                       = "16"
  sku_name                      = "GP_Standard_D2ds_v5"
  delegated_subnet_id           = var.postgres_subnet_id
  public_network_access_enabled = false

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = false
    tenant_id                     = data.azurerm_client_config.current.tenant_id
  }
}

resource "azurerm_postgresql_flexible_server_configuration" "ssl_min_protocol_version" {
  name      = "ssl_min_protocol_version"
  server_id = azurerm_postgresql_flexible_server.osmo.id
  value     = "TLSv1.2"
}

module "redis" {
  source              = "./redis"
  name                = "redis-${var.resource_prefix}-osmo"
  location            = var.location
  resource_group_name = var.resource_group_name
}

output "storage_account_id" {
  value = azurerm_storage_account.data.id
}

output "redis_hostname" {
  value = module.redis.hostname
}
