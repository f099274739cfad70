#!/usr/bin/env bash
# Creates the OSMO service token the backend uses and stores it in Key Vault.
set -euo pipefail

KEY_VAULT_NAME="${KEY_VAULT_NAME:?}"
TOKEN_NAME="osmo-backend-service"
EXPIRY=$(date -u -d "+1 year" +%Y-%m-%d)

osmo login "${OSMO_URL:?}" --method dev --username admin
TOKEN=$(osmo token set "${TOKEN_NAME}" \
  --expires-at "${EXPIRY}" \
  --description "OSMO backend service token" \
  --format-type json | jq -r .token)

az keyvault secret set --vault-name "${KEY_VAULT_NAME}" --name osmo-service-token --value "${TOKEN}" --output none

kubectl apply -f - <<MANIFEST
apiVersion: v1
kind: Secret
metadata:
  name: osmo-operator-token
  namespace: osmo
  annotations:
    kubernetes.io/service-account.name: osmo-operator
type: kubernetes.io/service-account-token
MANIFEST
