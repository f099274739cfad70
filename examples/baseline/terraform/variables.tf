variable "subscription_id" {
  type        = string
  description = "Subscription to deploy into"
}

variable "tenant_id" {
  type        = string
  description = "Entra ID tenant of the cluster administrators"
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
  default     = false
}

variable "gpu_vm_size" {
  type    = string
  default = "Standard_NC24ads_A100_v4"
}

variable "should_enable_node_public_ip" {
  type    = bool
  default = true
}

variable "lab_gateway_address" {
  type        = string
  description = "Public IP of the robotics lab VPN device"
  default     = "203.0.113.10"
}
