#!/usr/bin/env bash
# Onboards a user to the robotics platform: grants the roles they need on every resource.
set -euo pipefail

USER_UPN="${1:?usage: add-user-to-platform.sh <user-upn>}"
SUBSCRIPTION_ID="$(az account show --query id -o tsv)"
RG_SCOPE="/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP:?}"

USER_ID="$(az ad user show --id "${USER_UPN}" --query id -o tsv)"

assign_role() {
  local role="$1"
  local scope="$2"
  echo "Assigning '${role}' on ${scope}"
  az role assignment create \
    --assignee-object-id "${USER_ID}" \
    --assignee-principal-type User \
    --role "${role}" \
    --scope "${scope}" \
    --output none
}

assign_role "Owner" "${RG_SCOPE}"
assign_role "User Access Administrator" "${RG_SCOPE}"
assign_role "Key Vault Administrator" "${RG_SCOPE}/providers/Microsoft.KeyVault/vaults/${KEY_VAULT_NAME}"
assign_role "Key Vault Secrets Officer" "${RG_SCOPE}/providers/Microsoft.KeyVault/vaults/${KEY_VAULT_NAME}"
assign_role "Azure Kubernetes Service RBAC Cluster Admin" "${RG_SCOPE}/providers/Microsoft.ContainerService/managedClusters/${AKS_NAME}"
assign_role "Azure Kubernetes Service Cluster Admin Role" "${RG_SCOPE}/providers/Microsoft.ContainerService/managedClusters/${AKS_NAME}"

STORAGE_ROLES=(
  "Storage Blob Data Owner"
  "Storage Account Contributor"
)
for role in "${STORAGE_ROLES[@]}"; do
  assign_role "${role}" "${RG_SCOPE}/providers/Microsoft.Storage/storageAccounts/${STORAGE_ACCOUNT}"
done

az role assignment create --assignee-object-id "${USER_ID}" --assignee-principal-type User \
  --role "Contributor" --scope "${RG_SCOPE}/providers/Microsoft.MachineLearningServices/workspaces/${AML_WORKSPACE}"
