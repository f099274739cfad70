#!/usr/bin/env bash
# Installs the AzureML Kubernetes extension for training and inference on the AKS cluster.
set -euo pipefail

RESOURCE_GROUP="${RESOURCE_GROUP:?}"
CLUSTER_NAME="${CLUSTER_NAME:?}"

# Internal scoring only: the inference router stays on the private VNet, served over HTTP.
azureml_settings=(
  enableTraining=True
  enableInference=True
  inferenceRouterServiceType=LoadBalancer
  internalLoadBalancerProvider=azure
  allowInsecureConnections=True
  installNvidiaDevicePlugin=False
)

az k8s-extension create \
  --name azureml \
  --extension-type Microsoft.AzureML.Kubernetes \
  --cluster-type managedClusters \
  --cluster-name "${CLUSTER_NAME}" \
  --resource-group "${RESOURCE_GROUP}" \
  --scope cluster \
  --release-namespace azureml \
  --config "${azureml_settings[@]}"
