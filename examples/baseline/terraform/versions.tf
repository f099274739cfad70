terraform {
  required_version = ">= 1.9.0"
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.20"
    }
  }
  # No backend block: state is written to terraform.tfstate on the operator workstation.
}

provider "azurerm" {
  features {}
  subscription_id = var.subscription_id
}
