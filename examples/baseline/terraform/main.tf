resource "azurerm_resource_group" "main" {
  name     = "rg-${var.resource_prefix}-${var.location}"
  location = var.location
}

resource "azurerm_user_assigned_identity" "osmo" {
  name                = "id-${var.resource_prefix}-osmo"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
}

resource "azurerm_kubernetes_cluster" "main" {
  name                      = "aks-${var.resource_prefix}"
  location                  = azurerm_resource_group.main.location
  resource_group_name       = azurerm_resource_group.main.name
  dns_prefix                = "aks-${var.resource_prefix}"
  private_cluster_enabled   = var.should_enable_private_aks_cluster
  local_account_disabled    = false
  oidc_issuer_enabled       = true
  workload_identity_enabled = true
  azure_policy_enabled      = true

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_D8ds_v5"
    node_count     = 2
    vnet_subnet_id = azurerm_subnet.aks.id
  }

  identity {
    type = "SystemAssigned"
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
    tenant_id          = var.tenant_id
  }

  key_vault_secrets_provider {
    secret_rotation_enabled = false
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
    outbound_type  = "userAssignedNATGateway"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name                   = "gpu"
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.main.id
  vm_size                = var.gpu_vm_size
  node_count             = 1
  vnet_subnet_id         = azurerm_subnet.aks.id
  node_public_ip_enabled = var.should_enable_node_public_ip
  node_labels = {
    "accelerator" = "nvidia"
  }
}

resource "azurerm_kubernetes_cluster_extension" "azureml" {
  name           = "azureml"
  cluster_id     = azurerm_kubernetes_cluster.main.id
  extension_type = "Microsoft.AzureML.Kubernetes"
  configuration_settings = {
    enableTraining               = "True"
    enableInference              = "True"
    inferenceRouterServiceType   = "LoadBalancer"
    internalLoadBalancerProvider = "azure"
    allowInsecureConnections     = "True"
  }
}

resource "azurerm_federated_identity_credential" "osmo" {
  name                = "osmo-backend"
  resource_group_name = azurerm_resource_group.main.name
  parent_id           = azurerm_user_assigned_identity.osmo.id
  issuer              = azurerm_kubernetes_cluster.main.oidc_issuer_url
  audience            = ["api://AzureADTokenExchange"]
  subject             = "system:serviceaccount:osmo:*"
}

resource "azurerm_role_assignment" "osmo_contributor" {
  scope                = azurerm_resource_group.main.id
  role_definition_name = "Contributor"
  principal_id         = azurerm_user_assigned_identity.osmo.principal_id
}

module "automation" {
  source              = "./modules/automation"
  resource_prefix     = var.resource_prefix
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  resource_group_id   = azurerm_resource_group.main.id
}

module "data" {
  source              = "./modules/data"
  resource_prefix     = var.resource_prefix
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  postgres_subnet_id  = azurerm_subnet.postgres.id
}
