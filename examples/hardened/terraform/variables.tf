variable "subscription_id" {
  type        = string
  description = "Subscription to deploy into"
}

variable "resource_prefix" {
  type    = string
  default = "rai"
}

variable "location" {
  type    = string
  default = "westus3"
}

variable "should_enable_private_aks_cluster" {
  type        = bool
  description = "Whether the AKS API server only has a private endpoint"
  default     = true
}
