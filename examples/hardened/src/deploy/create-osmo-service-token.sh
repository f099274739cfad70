#!/usr/bin/env bash
# Creates a short-lived OSMO service token; Key Vault rotation re-runs this weekly.
set -euo pipefail

KEY_VAULT_NAME="${KEY_VAULT_NAME:?}"
TOKEN_NAME="osmo-backend-service"
EXPIRY=$(date -u -d "+7 days" +%Y-%m-%d)

TOKEN=$(osmo token set "${TOKEN_NAME}" \
  --expires-at "${EXPIRY}" \
  --description "OSMO backend service token (rotated weekly)" \
  --format-type json | jq -r .token)

az keyvault secret set --vault-name "${KEY_VAULT_NAME}" --name osmo-service-token \
  --value "${TOKEN}" --expires "$(date -u -d '+7 days' +%Y-%m-%dT%H:%M:%SZ)" --output none
