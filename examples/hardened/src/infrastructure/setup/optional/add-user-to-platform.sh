#!/usr/bin/env bash
# Onboards a user with a tiered role profile (reader | contributor).
set -euo pipefail

USER_UPN="${1:?usage: add-user-to-platform.sh <user-upn> <reader|contributor>}"
PROFILE="${2:-reader}"
SUBSCRIPTION_ID="$(az account show --query id -o tsv)"
RG_SCOPE="/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP:?}"
USER_ID="$(az ad user show --id "${USER_UPN}" --query id -o tsv)"

assign_role() {
  local role="$1"
  local scope="$2"
  az role assignment create \
    --assignee-object-id "${USER_ID}" \
    --assignee-principal-type User \
    --role "${role}" \
    --scope "${scope}" \
    --output none
}

assign_role "Reader" "${RG_SCOPE}"
assign_role "Azure Kubernetes Service RBAC Reader" "${RG_SCOPE}/providers/Microsoft.ContainerService/managedClusters/${AKS_NAME}"
if [[ "${PROFILE}" == "contributor" ]]; then
  assign_role "Storage Blob Data Contributor" "${RG_SCOPE}/providers/Microsoft.Storage/storageAccounts/${STORAGE_ACCOUNT}"
  assign_role "AzureML Data Scientist" "${RG_SCOPE}/providers/Microsoft.MachineLearningServices/workspaces/${AML_WORKSPACE}"
fi
