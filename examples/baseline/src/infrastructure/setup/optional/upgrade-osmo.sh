#!/usr/bin/env bash
# Upgrades the OSMO control-plane releases in place, keeping their current values.
set -euo pipefail

NS_OSMO_CONTROL_PLANE="${NS_OSMO_CONTROL_PLANE:-osmo-control-plane}"
backup_dir="$1"

for release in osmo-service osmo-router; do
    args=(upgrade "$release" "osmo/${release#osmo-}" -n "$NS_OSMO_CONTROL_PLANE"
        -f "$backup_dir/$release.values.json"
        --set-string "global.osmoImageTag=6.2.10"
        --set sidecars.envoy.enabled=false)
    [[ "$release" == osmo-router ]] && args+=(--set sidecars.authz.enabled=false)
    helm "${args[@]}" --wait --timeout 10m
done
