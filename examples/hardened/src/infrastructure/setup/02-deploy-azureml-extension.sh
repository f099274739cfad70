#!/usr/bin/env bash
# Installs the AzureML Kubernetes extension for training and inference on the AKS cluster;
# the inference router serves TLS with a certificate from Key Vault.
set -euo pipefail

RESOURCE_GROUP="${RESOURCE_GROUP:?}"
CLUSTER_NAME="${CLUSTER_NAME:?}"
SCORING_FQDN="${SCORING_FQDN:?}"
CERT_DIR="${CERT_DIR:?}"

azureml_settings=(
  enableTraining=True
  enableInference=True
  inferenceRouterServiceType=LoadBalancer
  internalLoadBalancerProvider=azure
  allowInsecureConnections=False
  "sslCname=${SCORING_FQDN}"
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
  --config "${azureml_settings[@]}" \
  --config-protected "sslCertPemFile=${CERT_DIR}/scoring.pem" "sslKeyPemFile=${CERT_DIR}/scoring.key"
