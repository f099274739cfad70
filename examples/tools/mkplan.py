#!/usr/bin/env python3
"""Generate examples/{baseline,hardened}/plan/tfplan.json.

The plans mirror examples/*/terraform/ in the shape `terraform show -json planfile` produces
(format 1.2): planned_values with nested child_modules, resource_changes with
change.actions/before/after/after_unknown/before_sensitive/after_sensitive, output_changes,
variables, and configuration (root_module, module_calls, resources with expressions and
references, outputs). Run from the repository root: python3 examples/tools/mkplan.py
"""
import json

AZURERM = "registry.terraform.io/hashicorp/azurerm"
PROVIDERS = {"azurerm": AZURERM, "tls": "registry.terraform.io/hashicorp/tls",
             "random": "registry.terraform.io/hashicorp/random", "time": "registry.terraform.io/hashicorp/time"}
SUB = "00000000-0000-0000-0000-000000000000"
RG_ID = f"/subscriptions/{SUB}/resourceGroups/rg-rai-westus3"


def ref(*addrs):
    """An expression referencing addrs, with the prefixes Terraform lists."""
    out = []
    for a in addrs:
        parts, cur = [], ""
        for seg in a.replace("[", ".[").split("."):
            if not seg:
                continue
            cur = (cur + ("" if seg.startswith("[") else ".") + seg) if cur else seg
            parts.append(cur)
        # Terraform lists the full reference first, then shorter prefixes down to type.name
        keep = [p for p in parts if p.count(".") >= 1 and not p.startswith("module.") or p.count(".") >= 2]
        for p in reversed(keep):
            if p not in out:
                out.append(p)
    return {"references": out}


def const(v):
    return {"constant_value": v}


class R:
    def __init__(self, module, type, name, after, unknown=None, expr=None, sensitive=None,
                 actions=("create",), mode="managed", before=None):
        self.module, self.type, self.name = module, type, name
        self.after, self.unknown = after, dict(unknown or {})
        self.expr, self.sensitive = expr or {}, sensitive or {}
        self.actions, self.mode, self.before = list(actions), mode, before
        if "create" in self.actions and mode == "managed":
            self.unknown.setdefault("id", True)

    @property
    def local(self):
        return ("data." if self.mode == "data" else "") + f"{self.type}.{self.name}"

    @property
    def address(self):
        return f"{self.module}.{self.local}" if self.module else self.local

    @property
    def provider(self):
        return PROVIDERS[self.type.split("_")[0]]


def expressions(after, expr):
    """constant_value expressions for literal attributes, merged with explicit references."""
    out = {}
    for k, v in (after or {}).items():
        if k in expr or v is None or k in ("id",):
            continue
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            out[k] = [expressions(x, {}) for x in v]
        else:
            out[k] = const(v)
    for k, v in expr.items():
        out[k] = v
    return out


def change(r):
    rc = {"address": r.address, "mode": r.mode, "type": r.type, "name": r.name,
          "provider_name": r.provider,
          "change": {"actions": r.actions, "before": r.before, "after": r.after,
                     "after_unknown": r.unknown if r.after is not None else {},
                     "before_sensitive": {} if r.before is not None else False,
                     "after_sensitive": r.sensitive if r.after is not None else False}}
    if r.module:
        rc["module_address"] = r.module
    if r.mode == "data":
        rc["action_reason"] = "read_because_dependency_pending"
    return rc


def planned(resources):
    mods = {}
    for r in resources:
        if r.after is None:
            continue
        mods.setdefault(r.module, []).append({
            "address": r.address, "mode": r.mode, "type": r.type, "name": r.name,
            "provider_name": r.provider, "schema_version": 0,
            "values": r.after, "sensitive_values": r.sensitive})

    def build(addr):
        m = {"resources": mods.get(addr, [])}
        if addr:
            m["address"] = addr
        kids = sorted({k for k in mods if k and k != addr and k.startswith(addr + ".module." if addr else "module.")
                       and k.count(".module.") == (addr.count(".module.") + 1 if addr else 0)})
        # also include intermediate modules that only hold child modules
        if kids:
            m["child_modules"] = [build(k) for k in kids]
        return m
    return {"root_module": build("")}


def configuration(resources, calls, outputs):
    """calls: {module address: {"source": ..., "expressions": {...}}}; outputs: {module: {name: expr}}"""
    def module(addr):
        res = [{"address": r.local, "mode": r.mode, "type": r.type, "name": r.name,
                "provider_config_key": r.type.split("_")[0] if not addr else f"{addr.split('.')[-1]}:{r.type.split('_')[0]}",
                "expressions": expressions(r.after, r.expr), "schema_version": 0}
               for r in resources if r.module == addr and r.after is not None]
        m = {"resources": res}
        if outputs.get(addr):
            m["outputs"] = {n: {"expression": e, **({"sensitive": True} if "key" in n else {})}
                            for n, e in outputs[addr].items()}
        kids = {k: v for k, v in calls.items() if k.rsplit(".module.", 1)[0] == addr
                or (not addr and k.count(".module.") == 0)}
        kids = {k: v for k, v in kids.items() if k != addr and (k.rsplit(".module.", 1)[0] if ".module." in k else "") == addr}
        if kids:
            m["module_calls"] = {k.split(".")[-1]: {"source": v["source"], "expressions": v.get("expressions", {}),
                                                     "module": module(k)} for k, v in kids.items()}
        if not addr:
            m["variables"] = {"subscription_id": {"description": "Subscription to deploy into"},
                              "resource_prefix": {"default": "rai"}, "location": {"default": "westus3"}}
        return m
    return {"provider_config": {
        "azurerm": {"name": "azurerm", "full_name": AZURERM, "version_constraint": "~> 4.20",
                    "expressions": {"features": [{}], "subscription_id": ref("var.subscription_id")}},
        "tls": {"name": "tls", "full_name": PROVIDERS["tls"]},
        "random": {"name": "random", "full_name": PROVIDERS["random"]},
        "time": {"name": "time", "full_name": PROVIDERS["time"]}},
        "root_module": module("")}


def document(resources, calls, outputs, output_values):
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "variables": {"subscription_id": {"value": SUB}, "tenant_id": {"value": "11111111-1111-1111-1111-111111111111"},
                      "resource_prefix": {"value": "rai"}, "location": {"value": "westus3"}},
        "planned_values": {"outputs": {n: {"sensitive": s} for n, (s, _) in output_values.items()}, **planned(resources)},
        "resource_changes": [change(r) for r in resources],
        "output_changes": {n: {"actions": ["create"], "before": None, "after_unknown": True,
                               "before_sensitive": False, "after_sensitive": s, "after": None}
                           for n, (s, _) in output_values.items()},
        "configuration": configuration(resources, calls, outputs),
        "relevant_attributes": [],
        "timestamp": "2026-11-20T10:00:00Z",
        "applyable": True,
        "complete": True,
        "errored": False,
    }


# --- shared pieces -----------------------------------------------------------------------

LOC = {"location": "westus3", "resource_group_name": "rg-rai-westus3"}
RGREF = {"location": ref("azurerm_resource_group.main.location"), "resource_group_name": ref("azurerm_resource_group.main.name")}
MODLOC = {"location": ref("var.location"), "resource_group_name": ref("var.resource_group_name")}


def common(hardened):
    rs = [
        R("", "azurerm_resource_group", "main", {"name": "rg-rai-westus3", "location": "westus3", "tags": None}),
        R("", "azurerm_resource_group", "legacy", None, actions=("delete",),
          before={"id": f"/subscriptions/{SUB}/resourceGroups/rg-rai-legacy", "name": "rg-rai-legacy", "location": "westus3"}),
        R("", "azurerm_user_assigned_identity", "osmo", {"name": "id-rai-osmo", **LOC},
          {"principal_id": True, "client_id": True, "tenant_id": True}, RGREF),
        R("", "azurerm_virtual_network", "main", {"name": "vnet-rai", "address_space": ["10.0.0.0/16"], **LOC}, {"subnet": True, "guid": True}, RGREF),
    ]
    for n, sn, prefix in [("aks", "snet-aks", "10.0.0.0/20"), ("private_endpoints", "snet-pe", "10.0.16.0/24"),
                          ("postgres", "snet-postgres", "10.0.17.0/24"), ("gateway", "GatewaySubnet", "10.0.255.0/27")]:
        after = {"name": sn, "resource_group_name": "rg-rai-westus3", "virtual_network_name": "vnet-rai", "address_prefixes": [prefix]}
        if n == "postgres":
            after["delegation"] = [{"name": "postgres", "service_delegation": [{"name": "Microsoft.DBforPostgreSQL/flexibleServers", "actions": None}]}]
        rs.append(R("", "azurerm_subnet", n, after, {}, {"virtual_network_name": ref("azurerm_virtual_network.main.name"),
                                                         "resource_group_name": ref("azurerm_resource_group.main.name")}))
    rs.append(R("", "azurerm_public_ip", "vpn", {"name": "pip-rai-vpn", "allocation_method": "Static", "sku": "Standard", **LOC}, {"ip_address": True}, RGREF))
    return rs


def aks(name, after, unknown_extra=None, expr_extra=None):
    unknown = {"kube_config": True, "kube_admin_config": True, "fqdn": True, "oidc_issuer_url": True, "node_resource_group": True,
               "kubelet_identity": True, "identity": [{"principal_id": True, "tenant_id": True}],
               "default_node_pool": [{"vnet_subnet_id": True, "orchestrator_version": True}]}
    unknown.update(unknown_extra or {})
    expr = {**RGREF, **(expr_extra or {})}
    return R("", "azurerm_kubernetes_cluster", name, after, unknown, expr,
             sensitive={"kube_config": True, "kube_admin_config": True, "kube_config_raw": True, "kube_admin_config_raw": True})


# --- baseline ----------------------------------------------------------------------------

def baseline():
    rs = common(False)
    rs += [
        aks("main", {
            "name": "aks-rai", "dns_prefix": "aks-rai", **LOC,
            "private_cluster_enabled": False, "local_account_disabled": False,
            "oidc_issuer_enabled": True, "workload_identity_enabled": True, "azure_policy_enabled": True,
            "api_server_access_profile": [], "microsoft_defender": [],
            "default_node_pool": [{"name": "system", "vm_size": "Standard_D8ds_v5", "node_count": 2, "node_public_ip_enabled": False}],
            "identity": [{"type": "SystemAssigned", "identity_ids": None}],
            "azure_active_directory_role_based_access_control": [{"azure_rbac_enabled": True, "tenant_id": "11111111-1111-1111-1111-111111111111", "admin_group_object_ids": None}],
            "key_vault_secrets_provider": [{"secret_rotation_enabled": False, "secret_rotation_interval": "2m"}],
            "network_profile": [{"network_plugin": "azure", "network_policy": "azure", "outbound_type": "userAssignedNATGateway", "network_plugin_mode": None}],
        }, {"key_vault_secrets_provider": [{"secret_identity": True}]},
            {"private_cluster_enabled": ref("var.should_enable_private_aks_cluster"),
             "default_node_pool": [{"vnet_subnet_id": ref("azurerm_subnet.aks.id")}]}),
        aks("sil", {
            "name": "aks-rai-sil", "dns_prefix": "aks-rai-sil", **LOC, "private_cluster_enabled": True,
            "local_account_disabled": False, "oidc_issuer_enabled": False, "workload_identity_enabled": False,
            "azure_policy_enabled": None, "microsoft_defender": [], "key_vault_secrets_provider": [],
            "azure_active_directory_role_based_access_control": [],
            "default_node_pool": [{"name": "system", "vm_size": "Standard_D4ds_v5", "node_count": 1}],
            "identity": [{"type": "SystemAssigned", "identity_ids": None}],
        }, {"network_profile": True}),
        R("", "azurerm_kubernetes_cluster_node_pool", "gpu", {
            "name": "gpu", "vm_size": "Standard_NC24ads_A100_v4", "node_count": 1, "node_public_ip_enabled": True,
            "node_taints": None, "node_labels": {"accelerator": "nvidia"}},
          {"kubernetes_cluster_id": True, "vnet_subnet_id": True, "node_taints": False},
          {"kubernetes_cluster_id": ref("azurerm_kubernetes_cluster.main.id"), "vnet_subnet_id": ref("azurerm_subnet.aks.id"),
           "vm_size": ref("var.gpu_vm_size"), "node_public_ip_enabled": ref("var.should_enable_node_public_ip")}),
        R("", "azurerm_kubernetes_cluster_extension", "azureml", {
            "name": "azureml", "extension_type": "Microsoft.AzureML.Kubernetes",
            "configuration_settings": {"enableTraining": "True", "enableInference": "True", "inferenceRouterServiceType": "LoadBalancer",
                                       "internalLoadBalancerProvider": "azure", "allowInsecureConnections": "True"},
            "configuration_protected_settings": None},
          {"cluster_id": True, "current_version": True}, {"cluster_id": ref("azurerm_kubernetes_cluster.main.id")}),
        R("", "azurerm_federated_identity_credential", "osmo", {
            "name": "osmo-backend", "resource_group_name": "rg-rai-westus3", "audience": ["api://AzureADTokenExchange"],
            "subject": "system:serviceaccount:osmo:*"},
          {"parent_id": True, "issuer": True},
          {"parent_id": ref("azurerm_user_assigned_identity.osmo.id"), "issuer": ref("azurerm_kubernetes_cluster.main.oidc_issuer_url")}),
        R("", "azurerm_role_assignment", "osmo_contributor", {"role_definition_name": "Contributor", "skip_service_principal_aad_check": False},
          {"principal_id": True, "scope": True, "role_definition_id": True, "principal_type": True},
          {"scope": ref("azurerm_resource_group.main.id"), "principal_id": ref("azurerm_user_assigned_identity.osmo.principal_id")}),
        # network: one NSG, default rules only, shared by both subnets
        R("", "azurerm_network_security_group", "main", {"name": "nsg-rai", **LOC}, {"security_rule": True}, RGREF),
        R("", "azurerm_subnet_network_security_group_association", "aks", {}, {"subnet_id": True, "network_security_group_id": True},
          {"subnet_id": ref("azurerm_subnet.aks.id"), "network_security_group_id": ref("azurerm_network_security_group.main.id")}),
        R("", "azurerm_subnet_network_security_group_association", "private_endpoints", {}, {"subnet_id": True, "network_security_group_id": True},
          {"subnet_id": ref("azurerm_subnet.private_endpoints.id"), "network_security_group_id": ref("azurerm_network_security_group.main.id")}),
        R("", "azurerm_public_ip", "nat", {"name": "pip-rai-nat", "allocation_method": "Static", "sku": "Standard", **LOC}, {"ip_address": True}, RGREF),
        R("", "azurerm_nat_gateway", "main", {"name": "ng-rai", "sku_name": "Standard", **LOC}, {"resource_guid": True}, RGREF),
        R("", "azurerm_subnet_nat_gateway_association", "aks", {}, {"subnet_id": True, "nat_gateway_id": True},
          {"subnet_id": ref("azurerm_subnet.aks.id"), "nat_gateway_id": ref("azurerm_nat_gateway.main.id")}),
        # VPN: tls-generated P2S root and an IPsec shared key from random_password
        R("", "tls_private_key", "vpn_root", {"algorithm": "RSA", "rsa_bits": 4096, "ecdsa_curve": "P224"},
          {"private_key_pem": True, "private_key_openssh": True, "public_key_pem": True}, {},
          {"private_key_pem": True, "private_key_openssh": True, "private_key_pem_pkcs8": True}),
        R("", "tls_self_signed_cert", "vpn_root", {"validity_period_hours": 8760, "is_ca_certificate": True,
                                                    "allowed_uses": ["cert_signing", "crl_signing"], "subject": [{"common_name": "rai-p2s-root"}]},
          {"cert_pem": True, "private_key_pem": True}, {"private_key_pem": ref("tls_private_key.vpn_root.private_key_pem")},
          {"private_key_pem": True}),
        R("", "azurerm_virtual_network_gateway", "vpn", {
            "name": "vgw-rai", **LOC, "type": "Vpn", "vpn_type": "RouteBased", "sku": "VpnGw1",
            "ip_configuration": [{"name": "default"}],
            "vpn_client_configuration": [{"address_space": ["192.168.200.0/24"], "vpn_client_protocols": ["OpenVPN"],
                                          "vpn_auth_types": None, "radius_server": [], "root_certificate": [{"name": "rai-p2s-root"}]}]},
          {"ip_configuration": [{"public_ip_address_id": True, "subnet_id": True}],
           "vpn_client_configuration": [{"root_certificate": [{"public_cert_data": True}]}]},
          {**RGREF, "ip_configuration": [{"name": const("default"), "public_ip_address_id": ref("azurerm_public_ip.vpn.id"), "subnet_id": ref("azurerm_subnet.gateway.id")}],
           "vpn_client_configuration": [{"address_space": const(["192.168.200.0/24"]), "vpn_client_protocols": const(["OpenVPN"]),
                                         "root_certificate": [{"name": const("rai-p2s-root"),
                                                               "public_cert_data": ref("tls_self_signed_cert.vpn_root.cert_pem")}]}]}),
        R("", "random_password", "vpn_shared_key", {"length": 32, "special": False}, {"result": True, "bcrypt_hash": True}, {},
          {"result": True, "bcrypt_hash": True}),
        R("", "azurerm_local_network_gateway", "lab", {"name": "lgw-rai-lab", **LOC, "gateway_address": "203.0.113.10", "address_space": ["172.16.0.0/16"]}, {}, RGREF),
        R("", "azurerm_virtual_network_gateway_connection", "lab", {"name": "cn-rai-lab", **LOC, "type": "IPsec"},
          {"shared_key": True, "virtual_network_gateway_id": True, "local_network_gateway_id": True},
          {"shared_key": ref("random_password.vpn_shared_key.result"), "virtual_network_gateway_id": ref("azurerm_virtual_network_gateway.vpn.id"),
           "local_network_gateway_id": ref("azurerm_local_network_gateway.lab.id")}, {"shared_key": True}),
        # module.automation
        R("module.automation", "azurerm_automation_account", "maintenance", {"name": "aa-rai", "sku_name": "Basic", **LOC,
                                                                             "identity": [{"type": "SystemAssigned", "identity_ids": None}]},
          {"identity": [{"principal_id": True, "tenant_id": True}], "dsc_primary_access_key": True}, MODLOC,
          {"dsc_primary_access_key": True, "dsc_secondary_access_key": True}),
        R("module.automation", "azurerm_role_assignment", "automation_contributor", {"role_definition_name": "Contributor"},
          {"principal_id": True, "scope": True, "role_definition_id": True, "principal_type": True},
          {"scope": ref("var.resource_group_id"), "principal_id": ref("azurerm_automation_account.maintenance.identity[0].principal_id")}),
        # module.data
        R("module.data", "azurerm_client_config", "current", {}, {"tenant_id": True, "object_id": True}, mode="data", actions=("read",)),
        R("module.data", "azurerm_storage_account", "data", {"name": "straidata", **LOC, "account_tier": "Standard", "account_replication_type": "ZRS",
                                                             "min_tls_version": "TLS1_0", "https_traffic_only_enabled": False,
                                                             "shared_access_key_enabled": True, "public_network_access_enabled": True},
          {"primary_access_key": True, "primary_connection_string": True}, MODLOC, {"primary_access_key": True, "primary_connection_string": True}),
        R("module.data", "azurerm_container_registry", "main", {"name": "acrrai", **LOC, "sku": "Premium", "public_network_access_enabled": True}, {"login_server": True}, MODLOC),
        R("module.data", "azurerm_key_vault", "main", {"name": "kv-rai", **LOC, "sku_name": "standard", "rbac_authorization_enabled": True,
                                                       "enable_rbac_authorization": True, "purge_protection_enabled": False,
                                                       "soft_delete_retention_days": 7, "public_network_access_enabled": True},
          {"tenant_id": True, "vault_uri": True}, {**MODLOC, "tenant_id": ref("data.azurerm_client_config.current.tenant_id")}),
        R("module.data", "azurerm_key_vault", "ops", {"name": "kv-rai-ops", **LOC, "sku_name": "standard", "enable_rbac_authorization": False,
                                                      "purge_protection_enabled": True, "public_network_access_enabled": False,
                                                      "soft_delete_retention_days": 90},
          {"tenant_id": True, "vault_uri": True, "rbac_authorization_enabled": True},
          {**MODLOC, "tenant_id": ref("data.azurerm_client_config.current.tenant_id")}),
        R("module.data", "azurerm_key_vault_secret", "osmo_service_token", {"name": "osmo-service-token", "value": "placeholder-rotated-by-osmo-scripts",
                                                                            "expiration_date": None, "not_before_date": None},
          {"key_vault_id": True, "version": True}, {"key_vault_id": ref("azurerm_key_vault.main.id")}, {"value": True}),
        R("module.data", "azurerm_key_vault_key", "mek", {"name": "osmo-mek", "key_type": "RSA", "key_size": 3072, "key_opts": ["wrapKey", "unwrapKey"],
                                                         "rotation_policy": []},
          {"key_vault_id": True, "version": True, "public_key_pem": True}, {"key_vault_id": ref("azurerm_key_vault.main.id")}),
        R("module.data", "azurerm_machine_learning_workspace", "main", {"name": "mlw-rai", **LOC, "public_network_access_enabled": True,
                                                                        "identity": [{"type": "SystemAssigned", "identity_ids": None}]},
          {"key_vault_id": True, "storage_account_id": True, "workspace_id": True, "identity": [{"principal_id": True}]},
          {**MODLOC, "key_vault_id": ref("azurerm_key_vault.main.id"), "storage_account_id": ref("azurerm_storage_account.data.id")}),
        R("module.data", "azurerm_postgresql_flexible_server", "osmo", {"name": "psql-rai-osmo", **LOC, "version": "16", "sku_name": "GP_Standard_D2ds_v5",
                                                                        "administrator_login": "psqladmin", "authentication": [],
                                                                        "public_network_access_enabled": False},
          {"delegated_subnet_id": True, "fqdn": True, "administrator_password": True},
          {**MODLOC, "delegated_subnet_id": ref("var.postgres_subnet_id"), "administrator_password": ref("var.postgres_admin_password")},
          {"administrator_password": True}),
        R("module.data", "azurerm_postgresql_flexible_server_configuration", "require_secure_transport", {"name": "require_secure_transport", "value": "off"},
          {"server_id": True}, {"server_id": ref("azurerm_postgresql_flexible_server.osmo.id")}),
        R("module.data.module.redis", "azurerm_managed_redis", "this", {
            "name": "redis-rai-osmo", **LOC, "sku_name": "Balanced_B3", "public_network_access": "Disabled",
            "default_database": [{"access_keys_authentication_enabled": True, "client_protocol": "Encrypted", "clustering_policy": "OSSCluster"}]},
          {"hostname": True, "default_database": [{"primary_access_key": True, "secondary_access_key": True, "port": True}]},
          {"name": ref("var.name"), **MODLOC,
           "default_database": [{"access_keys_authentication_enabled": ref("var.access_keys_authentication_enabled"), "client_protocol": const("Encrypted")}]},
          {"default_database": [{"primary_access_key": True, "secondary_access_key": True}]}),
    ]
    calls = {
        "module.automation": {"source": "./modules/automation", "expressions": {
            "resource_prefix": ref("var.resource_prefix"), "location": ref("azurerm_resource_group.main.location"),
            "resource_group_name": ref("azurerm_resource_group.main.name"), "resource_group_id": ref("azurerm_resource_group.main.id")}},
        "module.data": {"source": "./modules/data", "expressions": {
            "resource_prefix": ref("var.resource_prefix"), "location": ref("azurerm_resource_group.main.location"),
            "resource_group_name": ref("azurerm_resource_group.main.name"), "postgres_subnet_id": ref("azurerm_subnet.postgres.id")}},
        "module.data.module.redis": {"source": "./redis", "expressions": {"name": {"references": ["var.resource_prefix"]},
                                                                         "location": ref("var.location"), "resource_group_name": ref("var.resource_group_name")}},
    }
    outputs = {
        "": {"aks_name": ref("azurerm_kubernetes_cluster.main.name"), "redis_primary_access_key": {"references": ["module.data.redis_primary_access_key", "module.data"]}},
        "module.automation": {"principal_id": ref("azurerm_automation_account.maintenance.identity[0].principal_id")},
        "module.data": {"redis_primary_access_key": {"references": ["module.redis.primary_access_key", "module.redis"]}},
        "module.data.module.redis": {"primary_access_key": ref("azurerm_managed_redis.this.default_database[0].primary_access_key")},
    }
    return document(rs, calls, outputs, {"aks_name": (False, None), "redis_primary_access_key": (True, None)})


# --- hardened ----------------------------------------------------------------------------

def hardened():
    rs = common(True)
    law_ref = ref("azurerm_log_analytics_workspace.main.id")
    aks_common = {"local_account_disabled": True, "oidc_issuer_enabled": True, "workload_identity_enabled": True,
                  "azure_policy_enabled": True, "private_cluster_enabled": True,
                  "identity": [{"type": "UserAssigned"}],
                  "azure_active_directory_role_based_access_control": [{"azure_rbac_enabled": True, "tenant_id": "11111111-1111-1111-1111-111111111111",
                                                                        "admin_group_object_ids": ["22222222-2222-2222-2222-222222222222"]}],
                  "key_vault_secrets_provider": [{"secret_rotation_enabled": True, "secret_rotation_interval": "2m"}],
                  "microsoft_defender": [{}]}
    aks_unknown = {"identity": [{"identity_ids": True, "principal_id": True, "tenant_id": True}],
                   "microsoft_defender": [{"log_analytics_workspace_id": True}], "key_vault_secrets_provider": [{"secret_identity": True}]}
    aks_expr = {"identity": [{"type": const("UserAssigned"), "identity_ids": ref("azurerm_user_assigned_identity.aks.id")}],
                "microsoft_defender": [{"log_analytics_workspace_id": law_ref}]}
    rs += [
        R("", "azurerm_user_assigned_identity", "aks", {"name": "id-rai-aks", **LOC}, {"principal_id": True, "client_id": True, "tenant_id": True}, RGREF),
        R("", "azurerm_log_analytics_workspace", "main", {"name": "log-rai", **LOC, "sku": "PerGB2018", "retention_in_days": 90},
          {"workspace_id": True, "primary_shared_key": True}, RGREF, {"primary_shared_key": True, "secondary_shared_key": True}),
        aks("main", {"name": "aks-rai", "dns_prefix": "aks-rai", **LOC, **aks_common,
                     "default_node_pool": [{"name": "system", "vm_size": "Standard_D8ds_v5", "node_count": 2, "only_critical_addons_enabled": True,
                                            "node_public_ip_enabled": False}],
                     "network_profile": [{"network_plugin": "azure", "network_policy": "cilium", "network_data_plane": "cilium",
                                          "outbound_type": "userDefinedRouting"}]},
            aks_unknown, {**aks_expr, "private_cluster_enabled": ref("var.should_enable_private_aks_cluster")}),
        aks("sil", {"name": "aks-rai-sil", "dns_prefix": "aks-rai-sil", **LOC, **aks_common,
                    "default_node_pool": [{"name": "system", "vm_size": "Standard_D4ds_v5", "node_count": 1}],
                    "network_profile": [{"network_plugin": "azure", "network_policy": "azure", "outbound_type": "userDefinedRouting"}]},
            aks_unknown, aks_expr),
        R("", "azurerm_kubernetes_cluster_node_pool", "gpu", {
            "name": "gpu", "vm_size": "Standard_NC24ads_A100_v4", "node_count": 1, "node_public_ip_enabled": False,
            "node_taints": ["nvidia.com/gpu=present:NoSchedule"], "node_labels": {"accelerator": "nvidia"}},
          {"kubernetes_cluster_id": True, "vnet_subnet_id": True},
          {"kubernetes_cluster_id": ref("azurerm_kubernetes_cluster.main.id"), "vnet_subnet_id": ref("azurerm_subnet.aks.id"),
           "vm_size": ref("var.gpu_vm_size"), "node_public_ip_enabled": ref("var.should_enable_node_public_ip")}),
        R("", "azurerm_kubernetes_cluster_extension", "azureml", {
            "name": "azureml", "extension_type": "Microsoft.AzureML.Kubernetes",
            "configuration_settings": {"enableTraining": "True", "enableInference": "True", "inferenceRouterServiceType": "LoadBalancer",
                                       "internalLoadBalancerProvider": "azure", "allowInsecureConnections": "False",
                                       "sslCname": "inference.rai.internal", "sslSecret": "azureml-inference-tls"}},
          {"cluster_id": True, "current_version": True}, {"cluster_id": ref("azurerm_kubernetes_cluster.main.id")}),
        R("", "azurerm_federated_identity_credential", "osmo", {
            "name": "osmo-backend", "resource_group_name": "rg-rai-westus3", "audience": ["api://AzureADTokenExchange"],
            "subject": "system:serviceaccount:osmo:osmo-backend"},
          {"parent_id": True, "issuer": True},
          {"parent_id": ref("azurerm_user_assigned_identity.osmo.id"), "issuer": ref("azurerm_kubernetes_cluster.main.oidc_issuer_url")}),
        R("", "azurerm_role_assignment", "osmo_blob", {"role_definition_name": "Storage Blob Data Contributor"},
          {"principal_id": True, "scope": True, "role_definition_id": True},
          {"scope": {"references": ["module.data.storage_account_id", "module.data"]},
           "principal_id": ref("azurerm_user_assigned_identity.osmo.principal_id")}),
        R("", "azurerm_monitor_diagnostic_setting", "aks", {"name": "diag-aks", "enabled_log": [{"category": "kube-audit-admin", "category_group": None},
                                                                                                {"category": "guard", "category_group": None}]},
          {"target_resource_id": True, "log_analytics_workspace_id": True},
          {"target_resource_id": ref("azurerm_kubernetes_cluster.main.id"), "log_analytics_workspace_id": law_ref}),
        R("", "azurerm_monitor_diagnostic_setting", "sil", {"name": "diag-aks-sil", "enabled_log": [{"category": "kube-audit-admin", "category_group": None}]},
          {"target_resource_id": True, "log_analytics_workspace_id": True},
          {"target_resource_id": ref("azurerm_kubernetes_cluster.sil.id"), "log_analytics_workspace_id": law_ref}),
        # network: per-tier NSGs with rules, egress through Azure Firewall
        R("", "azurerm_subnet", "firewall", {"name": "AzureFirewallSubnet", "address_prefixes": ["10.0.254.0/26"], "resource_group_name": "rg-rai-westus3",
                                             "virtual_network_name": "vnet-rai"}, {}, {"virtual_network_name": ref("azurerm_virtual_network.main.name")}),
        R("", "azurerm_network_security_group", "aks", {"name": "nsg-rai-aks", **LOC}, {"security_rule": True}, RGREF),
        R("", "azurerm_network_security_rule", "aks_deny_internet_out", {
            "name": "deny-internet-outbound", "priority": 4000, "direction": "Outbound", "access": "Deny", "protocol": "*",
            "source_port_range": "*", "destination_port_range": "*", "source_address_prefix": "*", "destination_address_prefix": "Internet",
            "resource_group_name": "rg-rai-westus3", "network_security_group_name": "nsg-rai-aks"}, {},
          {"resource_group_name": ref("azurerm_resource_group.main.name"), "network_security_group_name": ref("azurerm_network_security_group.aks.name")}),
        R("", "azurerm_network_security_group", "private_endpoints", {"name": "nsg-rai-pe", **LOC, "security_rule": [
            {"name": "allow-vnet-https", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "source_port_range": "*",
             "destination_port_ranges": ["443", "5432", "10000"], "source_address_prefix": "10.0.0.0/20", "destination_address_prefix": "*"},
            {"name": "deny-all-inbound", "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*", "source_port_range": "*",
             "destination_port_range": "*", "source_address_prefix": "*", "destination_address_prefix": "*"}]}, {}, RGREF),
        R("", "azurerm_subnet_network_security_group_association", "aks", {}, {"subnet_id": True, "network_security_group_id": True},
          {"subnet_id": ref("azurerm_subnet.aks.id"), "network_security_group_id": ref("azurerm_network_security_group.aks.id")}),
        R("", "azurerm_subnet_network_security_group_association", "private_endpoints", {}, {"subnet_id": True, "network_security_group_id": True},
          {"subnet_id": ref("azurerm_subnet.private_endpoints.id"), "network_security_group_id": ref("azurerm_network_security_group.private_endpoints.id")}),
        R("", "azurerm_public_ip", "firewall", {"name": "pip-rai-fw", "allocation_method": "Static", "sku": "Standard", **LOC}, {"ip_address": True}, RGREF),
        R("", "azurerm_firewall_policy", "main", {"name": "afwp-rai", **LOC}, {}, RGREF),
        R("", "azurerm_firewall", "main", {"name": "afw-rai", **LOC, "sku_name": "AZFW_VNet", "sku_tier": "Standard", "ip_configuration": [{"name": "default"}]},
          {"firewall_policy_id": True, "ip_configuration": [{"subnet_id": True, "public_ip_address_id": True, "private_ip_address": True}]},
          {**RGREF, "firewall_policy_id": ref("azurerm_firewall_policy.main.id")}),
        R("", "azurerm_route_table", "aks", {"name": "rt-rai-aks", **LOC, "route": [{"name": "default-via-firewall", "address_prefix": "0.0.0.0/0",
                                                                                   "next_hop_type": "VirtualAppliance"}]},
          {"route": [{"next_hop_in_ip_address": True}]}, RGREF),
        R("", "azurerm_subnet_route_table_association", "aks", {}, {"subnet_id": True, "route_table_id": True},
          {"subnet_id": ref("azurerm_subnet.aks.id"), "route_table_id": ref("azurerm_route_table.aks.id")}),
        # VPN with Entra ID authentication
        R("", "azurerm_virtual_network_gateway", "vpn", {
            "name": "vgw-rai", **LOC, "type": "Vpn", "vpn_type": "RouteBased", "sku": "VpnGw1", "ip_configuration": [{"name": "default"}],
            "vpn_client_configuration": [{"address_space": ["192.168.200.0/24"], "vpn_client_protocols": ["OpenVPN"], "vpn_auth_types": ["AAD"],
                                          "aad_tenant": "https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111/",
                                          "aad_audience": "c632b3df-fb67-4d84-bdcf-b95ad541b5c8",
                                          "aad_issuer": "https://sts.windows.net/11111111-1111-1111-1111-111111111111/",
                                          "root_certificate": [], "revoked_certificate": [], "radius_server": []}]},
          {"ip_configuration": [{"public_ip_address_id": True, "subnet_id": True}]},
          {**RGREF, "ip_configuration": [{"public_ip_address_id": ref("azurerm_public_ip.vpn.id"), "subnet_id": ref("azurerm_subnet.gateway.id")}]}),
        # module.automation: custom role
        R("module.automation", "azurerm_automation_account", "maintenance", {"name": "aa-rai", "sku_name": "Basic", **LOC,
                                                                             "identity": [{"type": "SystemAssigned", "identity_ids": None}]},
          {"identity": [{"principal_id": True, "tenant_id": True}]}, MODLOC),
        R("module.automation", "azurerm_role_definition", "aks_start_stop", {"name": "rai-aks-start-stop", "description": "Start and stop AKS clusters on a schedule",
                                                                            "permissions": [{"actions": ["Microsoft.ContainerService/managedClusters/read",
                                                                                                         "Microsoft.ContainerService/managedClusters/start/action",
                                                                                                         "Microsoft.ContainerService/managedClusters/stop/action"]}]},
          {"scope": True, "assignable_scopes": True, "role_definition_resource_id": True, "role_definition_id": True},
          {"scope": ref("var.resource_group_id"), "assignable_scopes": ref("var.resource_group_id")}),
        R("module.automation", "azurerm_role_assignment", "automation_start_stop", {},
          {"principal_id": True, "scope": True, "role_definition_id": True, "role_definition_name": True},
          {"scope": ref("var.resource_group_id"), "role_definition_id": ref("azurerm_role_definition.aks_start_stop.role_definition_resource_id"),
           "principal_id": ref("azurerm_automation_account.maintenance.identity[0].principal_id")}),
        # module.data
        R("module.data", "azurerm_client_config", "current", {}, {"tenant_id": True, "object_id": True}, mode="data", actions=("read",)),
        R("module.data", "azurerm_storage_account", "data", {"name": "straidata", **LOC, "account_tier": "Standard", "account_replication_type": "ZRS",
                                                             "min_tls_version": "TLS1_2", "https_traffic_only_enabled": True,
                                                             "shared_access_key_enabled": False, "default_to_oauth_authentication": True,
                                                             "public_network_access_enabled": False, "allow_nested_items_to_be_public": False},
          {"primary_access_key": True}, MODLOC, {"primary_access_key": True}),
        R("module.data", "azurerm_container_registry", "main", {"name": "acrrai", **LOC, "sku": "Premium", "public_network_access_enabled": False}, {"login_server": True}, MODLOC),
        R("module.data", "azurerm_key_vault", "main", {"name": "kv-rai", **LOC, "sku_name": "standard", "rbac_authorization_enabled": True,
                                                       "purge_protection_enabled": True, "soft_delete_retention_days": 90, "public_network_access_enabled": False},
          {"tenant_id": True, "vault_uri": True, "enable_rbac_authorization": True}, {**MODLOC, "tenant_id": ref("data.azurerm_client_config.current.tenant_id")}),
        R("module.data", "azurerm_key_vault", "ops", {"name": "kv-rai-ops", **LOC, "sku_name": "standard", "enable_rbac_authorization": True,
                                                      "purge_protection_enabled": True, "public_network_access_enabled": False, "soft_delete_retention_days": 90},
          {"tenant_id": True, "vault_uri": True, "rbac_authorization_enabled": True}, {**MODLOC, "tenant_id": ref("data.azurerm_client_config.current.tenant_id")}),
        R("module.data", "azurerm_monitor_diagnostic_setting", "kv_main", {"name": "diag-kv", "enabled_log": [{"category": None, "category_group": "audit"}]},
          {"target_resource_id": True, "log_analytics_workspace_id": True},
          {"target_resource_id": ref("azurerm_key_vault.main.id"), "log_analytics_workspace_id": ref("var.log_analytics_workspace_id")}),
        R("module.data", "azurerm_monitor_diagnostic_setting", "kv_ops", {"name": "diag-kv-ops", "enabled_log": [{"category": None, "category_group": "audit"}]},
          {"target_resource_id": True, "log_analytics_workspace_id": True},
          {"target_resource_id": ref("azurerm_key_vault.ops.id"), "log_analytics_workspace_id": ref("var.log_analytics_workspace_id")}),
        R("module.data", "time_rotating", "osmo_token", {"id": "2026-11-20T09:00:00Z", "rfc3339": "2026-11-20T09:00:00Z", "rotation_days": 90,
                                                         "rotation_rfc3339": "2027-02-18T09:00:00Z"}, {}, {}, actions=("no-op",),
          before={"id": "2026-11-20T09:00:00Z", "rfc3339": "2026-11-20T09:00:00Z", "rotation_days": 90, "rotation_rfc3339": "2027-02-18T09:00:00Z"}),
        R("module.data", "azurerm_key_vault_secret", "osmo_service_token", {"name": "osmo-service-token", "value": "placeholder-rotated-by-osmo-scripts",
                                                                            "expiration_date": "2027-02-18T09:00:00Z"},
          {"key_vault_id": True, "version": True},
          {"key_vault_id": ref("azurerm_key_vault.main.id"), "expiration_date": ref("time_rotating.osmo_token.rotation_rfc3339")}, {"value": True}),
        R("module.data", "azurerm_key_vault_key", "mek", {"name": "osmo-mek", "key_type": "RSA", "key_size": 3072, "key_opts": ["wrapKey", "unwrapKey"],
                                                         "rotation_policy": [{"expire_after": "P90D", "notify_before_expiry": "P14D",
                                                                              "automatic": [{"time_before_expiry": "P30D", "time_after_creation": None}]}]},
          {"key_vault_id": True, "version": True}, {"key_vault_id": ref("azurerm_key_vault.main.id")}),
        R("module.data", "azurerm_machine_learning_workspace", "main", {"name": "mlw-rai", **LOC, "public_network_access_enabled": False,
                                                                        "identity": [{"type": "SystemAssigned", "identity_ids": None}]},
          {"key_vault_id": True, "storage_account_id": True, "workspace_id": True, "identity": [{"principal_id": True}]},
          {**MODLOC, "key_vault_id": ref("azurerm_key_vault.main.id"), "storage_account_id": ref("azurerm_storage_account.data.id")}),
        R("module.data", "azurerm_postgresql_flexible_server", "osmo", {"name": "psql-rai-osmo", **LOC, "version": "16", "sku_name": "GP_Standard_D2ds_v5",
                                                                        "public_network_access_enabled": False,
                                                                        "authentication": [{"active_directory_auth_enabled": True, "password_auth_enabled": False}]},
          {"delegated_subnet_id": True, "fqdn": True, "authentication": [{"tenant_id": True}]},
          {**MODLOC, "delegated_subnet_id": ref("var.postgres_subnet_id")}),
        R("module.data", "azurerm_postgresql_flexible_server_configuration", "ssl_min_protocol_version", {"name": "ssl_min_protocol_version", "value": "TLSv1.2"},
          {"server_id": True}, {"server_id": ref("azurerm_postgresql_flexible_server.osmo.id")}),
        R("module.data.module.redis", "azurerm_managed_redis", "this", {
            "name": "redis-rai-osmo", **LOC, "sku_name": "Balanced_B3", "public_network_access": "Disabled",
            "default_database": [{"access_keys_authentication_enabled": False, "client_protocol": "Encrypted", "clustering_policy": "OSSCluster"}]},
          {"hostname": True, "default_database": [{"primary_access_key": True, "secondary_access_key": True, "port": True}]},
          {"name": ref("var.name"), **MODLOC,
           "default_database": [{"access_keys_authentication_enabled": ref("var.access_keys_authentication_enabled"), "client_protocol": const("Encrypted")}]},
          {"default_database": [{"primary_access_key": True, "secondary_access_key": True}]}),
    ]
    calls = {
        "module.automation": {"source": "./modules/automation", "expressions": {
            "resource_prefix": ref("var.resource_prefix"), "location": ref("azurerm_resource_group.main.location"),
            "resource_group_name": ref("azurerm_resource_group.main.name"), "resource_group_id": ref("azurerm_resource_group.main.id")}},
        "module.data": {"source": "./modules/data", "expressions": {
            "resource_prefix": ref("var.resource_prefix"), "location": ref("azurerm_resource_group.main.location"),
            "resource_group_name": ref("azurerm_resource_group.main.name"), "postgres_subnet_id": ref("azurerm_subnet.postgres.id"),
            "log_analytics_workspace_id": ref("azurerm_log_analytics_workspace.main.id")}},
        "module.data.module.redis": {"source": "./redis", "expressions": {"name": {"references": ["var.resource_prefix"]},
                                                                         "location": ref("var.location"), "resource_group_name": ref("var.resource_group_name")}},
    }
    outputs = {
        "": {"aks_name": ref("azurerm_kubernetes_cluster.main.name"), "redis_hostname": {"references": ["module.data.redis_hostname", "module.data"]}},
        "module.automation": {"principal_id": ref("azurerm_automation_account.maintenance.identity[0].principal_id")},
        "module.data": {"storage_account_id": ref("azurerm_storage_account.data.id"),
                        "redis_hostname": {"references": ["module.redis.hostname", "module.redis"]}},
        "module.data.module.redis": {"hostname": ref("azurerm_managed_redis.this.hostname")},
    }
    return document(rs, calls, outputs, {"aks_name": (False, None), "redis_hostname": (False, None)})


if __name__ == "__main__":
    for name, fn in (("baseline", baseline), ("hardened", hardened)):
        with open(f"examples/{name}/plan/tfplan.json", "w") as f:
            json.dump(fn(), f, indent=2)
            f.write("\n")
