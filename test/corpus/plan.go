package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// stackSize is the number of resources one instance of the stack module holds.
const stackSize = 22

// stacksPerRegion is how many stack instances one region module instance calls.
const stacksPerRegion = 10

// rootResources are the resources declared in the root module itself.
var rootResources = []string{"azurerm_resource_group.shared", "azurerm_security_center_subscription_pricing.containers", "azurerm_log_analytics_workspace.shared"}

// Plan returns a `terraform show -json` plan of n resource_changes: a few root resources,
// then instances module.region["rNN"].module.stack["sNNN"] of a stack module holding an
// AKS cluster with GPU and CPU node pools, storage accounts, a Key Vault, role assignments,
// networking, Redis, PostgreSQL, a registry and an Azure ML workspace. The configuration
// section holds the module tree once (as Terraform writes it), with the references the
// cross-resource controls follow; planned_values and prior_state repeat the after and
// before values laid out by module, as in a real `terraform show -json`.
func Plan(n int, seed uint64) []byte {
	r := rng(seed, 1)
	var changes []any
	for i := 0; i < len(rootResources) && len(changes) < n; i++ {
		changes = append(changes, rootChange(r, i))
	}
	for s := 0; len(changes) < n; s++ {
		module := fmt.Sprintf(`module.region["r%02d"].module.stack["s%03d"]`, s/stacksPerRegion, s)
		for k := 0; k < stackSize && len(changes) < n; k++ {
			changes = append(changes, stackChange(r, module, s, k))
		}
	}
	plan := map[string]any{
		"format_version":    "1.2",
		"terraform_version": "1.9.8",
		"timestamp":         "2026-01-15T10:00:00Z",
		"planned_values":    map[string]any{"root_module": moduleTree(changes, "after")},
		"resource_changes":  changes,
		"configuration":     configuration(),
		"prior_state": map[string]any{
			"format_version":    "1.0",
			"terraform_version": "1.9.8",
			"values":            map[string]any{"root_module": moduleTree(changes, "before")},
		},
	}
	return mustJSON(plan)
}

// moduleTree lays out the resources whose change has a `which` (after or before) value as
// Terraform's planned_values and prior_state do: a root module with its resources and
// child_modules nested by module address (region, then stack).
func moduleTree(changes []any, which string) map[string]any {
	type module struct {
		resources []any
		children  []string
	}
	mods := map[string]*module{"": {}}
	// get returns the module at addr, creating it (and its parents) in order of appearance
	get := func(addr string) *module {
		if m, ok := mods[addr]; ok {
			return m
		}
		parent := ""
		if region, _, nested := strings.Cut(addr, ".module.stack"); nested {
			parent = region
			if _, ok := mods[region]; !ok {
				mods[region] = &module{}
				mods[""].children = append(mods[""].children, region)
			}
		}
		m := &module{}
		mods[addr] = m
		mods[parent].children = append(mods[parent].children, addr)
		return m
	}
	for _, c := range changes {
		rc := c.(map[string]any)
		values := rc["change"].(map[string]any)[which]
		if values == nil {
			continue
		}
		addr, _ := rc["module_address"].(string)
		m := get(addr)
		m.resources = append(m.resources, map[string]any{
			"address":          rc["address"],
			"mode":             rc["mode"],
			"type":             rc["type"],
			"name":             rc["name"],
			"provider_name":    rc["provider_name"],
			"schema_version":   0,
			"values":           values,
			"sensitive_values": map[string]any{},
		})
	}
	var build func(addr string) map[string]any
	build = func(addr string) map[string]any {
		m := mods[addr]
		out := map[string]any{}
		if addr != "" {
			out["address"] = addr
		}
		if len(m.resources) > 0 {
			out["resources"] = m.resources
		}
		var children []any
		for _, c := range m.children {
			children = append(children, build(c))
		}
		if len(children) > 0 {
			out["child_modules"] = children
		}
		return out
	}
	return build("")
}

// attrs collects a resource's after and after_unknown values.
type attrs struct {
	after, unknown map[string]any
}

func newAttrs() attrs {
	return attrs{after: map[string]any{}, unknown: map[string]any{"id": true}}
}

// set stores good, bad or nothing-but-unknown at key, as t says.
func (a attrs) set(key string, t tri, good, bad any) {
	switch t {
	case secure:
		a.after[key] = good
	case insecure:
		a.after[key] = bad
	default:
		a.unknown[key] = true
	}
}

func rootChange(r *rand.Rand, i int) map[string]any {
	a := newAttrs()
	typ, name := split(rootResources[i])
	switch typ {
	case "azurerm_resource_group":
		a.after["name"] = "rg-shared"
		a.after["location"] = "westus3"
	case "azurerm_security_center_subscription_pricing":
		a.after["tier"] = "Standard"
		a.after["resource_type"] = "VirtualMachines"
	case "azurerm_log_analytics_workspace":
		a.after["name"] = "law-shared"
		a.after["retention_in_days"] = 90
	}
	return change(r, "", typ, name, a)
}

func split(addr string) (string, string) {
	for i := len(addr) - 1; i >= 0; i-- {
		if addr[i] == '.' {
			return addr[:i], addr[i+1:]
		}
	}
	return addr, ""
}

// stackResources lists the stack module's resources (type.name), stackSize of them.
var stackResources = []string{
	"azurerm_resource_group.main",
	"azurerm_kubernetes_cluster.main",
	"azurerm_kubernetes_cluster_node_pool.gpu",
	"azurerm_kubernetes_cluster_node_pool.cpu",
	"azurerm_storage_account.data",
	"azurerm_storage_account.logs",
	"azurerm_key_vault.main",
	"azurerm_role_assignment.kv_secrets",
	"azurerm_role_assignment.acr_pull",
	"azurerm_role_assignment.data_owner",
	"azurerm_network_security_group.aks",
	"azurerm_virtual_network.main",
	"azurerm_subnet.aks",
	"azurerm_subnet.endpoints",
	"azurerm_redis_cache.main",
	"azurerm_postgresql_flexible_server.main",
	"azurerm_user_assigned_identity.workload",
	"azurerm_federated_identity_credential.workload",
	"azurerm_private_endpoint.kv",
	"azurerm_container_registry.main",
	"azurerm_machine_learning_workspace.main",
	"azurerm_log_analytics_workspace.main",
}

func stackChange(r *rand.Rand, module string, s, k int) map[string]any {
	typ, name := split(stackResources[k])
	a := newAttrs()
	id := fmt.Sprintf("%03d", s)
	rg := "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-stack-" + id
	a.after["location"] = "westus3"
	switch stackResources[k] {
	case "azurerm_resource_group.main":
		a.after["name"] = "rg-stack-" + id
	case "azurerm_kubernetes_cluster.main":
		a.after["name"] = "aks-" + id
		a.after["dns_prefix"] = "aks-" + id
		a.set("private_cluster_enabled", pick(r), true, false)
		a.set("local_account_disabled", pick(r), true, false)
		a.set("azure_policy_enabled", pick(r), true, false)
		a.set("oidc_issuer_enabled", pick(r), true, false)
		a.set("workload_identity_enabled", pick(r), true, false)
		a.after["role_based_access_control_enabled"] = true
		a.after["sku_tier"] = "Standard"
		a.after["default_node_pool"] = []any{map[string]any{"name": "system", "vm_size": "Standard_D8ds_v5", "node_count": 3, "node_public_ip_enabled": pick(r) == insecure, "only_critical_addons_enabled": true}}
		a.unknown["default_node_pool"] = []any{map[string]any{"vnet_subnet_id": true}}
		a.after["identity"] = []any{map[string]any{"type": map[bool]string{true: "SystemAssigned", false: "UserAssigned"}[r.IntN(2) == 0], "identity_ids": nil}}
		a.unknown["identity"] = []any{map[string]any{"principal_id": true, "tenant_id": true}}
		plugin := map[tri]string{secure: "azure", insecure: "kubenet", unknown: "azure"}[pick(r)]
		np := map[string]any{"network_plugin": plugin, "outbound_type": map[bool]string{true: "userAssignedNATGateway", false: "loadBalancer"}[pick(r) != insecure]}
		if pick(r) != insecure {
			np["network_policy"] = "azure"
		}
		a.after["network_profile"] = []any{np}
		switch pick(r) {
		case secure:
			a.after["azure_active_directory_role_based_access_control"] = []any{map[string]any{"azure_rbac_enabled": true, "admin_group_object_ids": []any{"11111111-2222-3333-4444-555555555555"}}}
		case insecure:
			a.after["azure_active_directory_role_based_access_control"] = []any{}
		default:
			a.unknown["azure_active_directory_role_based_access_control"] = true
		}
		switch pick(r) {
		case secure:
			a.after["key_vault_secrets_provider"] = []any{map[string]any{"secret_rotation_enabled": true, "secret_rotation_interval": "2m"}}
		case insecure:
			a.after["key_vault_secrets_provider"] = []any{map[string]any{"secret_rotation_enabled": false}}
		default:
			a.after["key_vault_secrets_provider"] = []any{}
		}
		switch pick(r) {
		case secure:
			a.after["microsoft_defender"] = []any{map[string]any{}}
			a.unknown["microsoft_defender"] = []any{map[string]any{"log_analytics_workspace_id": true}}
		case insecure:
			a.after["microsoft_defender"] = []any{}
		default:
			a.unknown["microsoft_defender"] = true
		}
		if pick(r) == secure {
			a.after["api_server_access_profile"] = []any{map[string]any{"authorized_ip_ranges": []any{"10.20.0.0/16"}}}
		}
		a.unknown["kube_config"] = true
		a.unknown["kube_admin_config"] = true
		a.unknown["oidc_issuer_url"] = true
		a.unknown["kubelet_identity"] = true
	case "azurerm_kubernetes_cluster_node_pool.gpu":
		a.after["name"] = "gpu"
		a.after["vm_size"] = "Standard_NC24ads_A100_v4"
		a.after["node_count"] = 2
		a.after["priority"] = "Spot"
		a.set("node_taints", pick(r), []any{"nvidia.com/gpu=present:NoSchedule"}, []any{})
		a.set("node_public_ip_enabled", pick(r), false, true)
		a.after["node_labels"] = map[string]any{"accelerator": "nvidia", "pool": "gpu"}
		a.unknown["kubernetes_cluster_id"] = true
	case "azurerm_kubernetes_cluster_node_pool.cpu":
		a.after["name"] = "cpu"
		a.after["vm_size"] = "Standard_D16ds_v5"
		a.after["node_count"] = 3
		a.set("node_public_ip_enabled", pick(r), false, true)
		a.unknown["kubernetes_cluster_id"] = true
	case "azurerm_storage_account.data", "azurerm_storage_account.logs":
		a.after["name"] = fmt.Sprintf("st%s%s", name, id)
		a.after["account_tier"] = "Standard"
		a.after["account_replication_type"] = "ZRS"
		a.set("shared_access_key_enabled", pick(r), false, true)
		a.set("public_network_access_enabled", pick(r), false, true)
		a.set("min_tls_version", pick(r), "TLS1_2", "TLS1_0")
		a.set("allow_nested_items_to_be_public", pick(r), false, true)
		a.after["default_to_oauth_authentication"] = true
		a.unknown["primary_access_key"] = true
		a.unknown["primary_blob_endpoint"] = true
	case "azurerm_key_vault.main":
		a.after["name"] = "kv-" + id
		a.after["sku_name"] = "premium"
		a.set("purge_protection_enabled", pick(r), true, false)
		a.set("enable_rbac_authorization", pick(r), true, false)
		a.set("soft_delete_retention_days", pick(r), 90, 7)
		a.set("public_network_access_enabled", pick(r), false, true)
		a.after["network_acls"] = []any{map[string]any{"bypass": "AzureServices", "default_action": map[bool]string{true: "Deny", false: "Allow"}[pick(r) != insecure]}}
		a.unknown["tenant_id"] = true
		a.unknown["vault_uri"] = true
	case "azurerm_role_assignment.kv_secrets", "azurerm_role_assignment.acr_pull", "azurerm_role_assignment.data_owner":
		role := map[string]string{"kv_secrets": "Key Vault Secrets User", "acr_pull": "AcrPull", "data_owner": "Storage Blob Data Contributor"}[name]
		a.set("role_definition_name", pick(r), role, "Owner")
		if pick(r) == insecure {
			a.after["scope"] = rg
		} else {
			a.unknown["scope"] = true
		}
		a.unknown["principal_id"] = true
		a.after["principal_type"] = "ServicePrincipal"
	case "azurerm_network_security_group.aks":
		a.after["name"] = "nsg-aks-" + id
		src := "10.0.0.0/8"
		if pick(r) == insecure {
			src = "*"
		}
		a.after["security_rule"] = []any{
			map[string]any{"name": "allow-https", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "source_address_prefix": src, "source_port_range": "*", "destination_port_range": "443", "destination_address_prefix": "*"},
			map[string]any{"name": "allow-ssh", "priority": 110, "direction": "Inbound", "access": map[bool]string{true: "Deny", false: "Allow"}[pick(r) != insecure], "protocol": "Tcp", "source_address_prefix": src, "source_port_range": "*", "destination_port_range": "22", "destination_address_prefix": "*"},
		}
	case "azurerm_virtual_network.main":
		a.after["name"] = "vnet-" + id
		a.after["address_space"] = []any{fmt.Sprintf("10.%d.0.0/16", s%250)}
	case "azurerm_subnet.aks", "azurerm_subnet.endpoints":
		a.after["name"] = "snet-" + name
		a.after["address_prefixes"] = []any{fmt.Sprintf("10.%d.%d.0/24", s%250, map[string]int{"aks": 0, "endpoints": 1}[name])}
		a.set("private_endpoint_network_policies", pick(r), "Enabled", "Disabled")
		a.after["service_endpoints"] = []any{"Microsoft.Storage", "Microsoft.KeyVault"}
	case "azurerm_redis_cache.main":
		a.after["name"] = "redis-" + id
		a.after["sku_name"] = "Premium"
		a.after["capacity"] = 1
		a.after["family"] = "P"
		a.set("access_keys_authentication_enabled", pick(r), false, true)
		a.set("minimum_tls_version", pick(r), "1.2", "1.0")
		a.set("public_network_access_enabled", pick(r), false, true)
		a.after["non_ssl_port_enabled"] = false
		a.unknown["primary_access_key"] = true
		a.unknown["hostname"] = true
	case "azurerm_postgresql_flexible_server.main":
		a.after["name"] = "psql-" + id
		a.after["version"] = "16"
		a.after["sku_name"] = "GP_Standard_D4s_v3"
		a.set("public_network_access_enabled", pick(r), false, true)
		switch pick(r) {
		case secure:
			a.after["authentication"] = []any{map[string]any{"active_directory_auth_enabled": true, "password_auth_enabled": false}}
		case insecure:
			a.after["authentication"] = []any{map[string]any{"active_directory_auth_enabled": false, "password_auth_enabled": true}}
			a.after["administrator_login"] = "psqladmin"
		default:
			a.unknown["authentication"] = true
		}
		a.unknown["fqdn"] = true
	case "azurerm_user_assigned_identity.workload":
		a.after["name"] = "id-workload-" + id
		a.unknown["principal_id"] = true
		a.unknown["client_id"] = true
	case "azurerm_federated_identity_credential.workload":
		a.after["name"] = "fic-osmo-" + id
		a.after["audience"] = []any{"api://AzureADTokenExchange"}
		a.after["subject"] = "system:serviceaccount:osmo:osmo-worker"
		a.unknown["issuer"] = true
		a.unknown["parent_id"] = true
	case "azurerm_private_endpoint.kv":
		a.after["name"] = "pe-kv-" + id
		a.after["private_service_connection"] = []any{map[string]any{"name": "kv", "is_manual_connection": false, "subresource_names": []any{"vault"}}}
		a.unknown["subnet_id"] = true
	case "azurerm_container_registry.main":
		a.after["name"] = "acr" + id
		a.after["sku"] = "Premium"
		a.set("admin_enabled", pick(r), false, true)
		a.set("public_network_access_enabled", pick(r), false, true)
	case "azurerm_machine_learning_workspace.main":
		a.after["name"] = "mlw-" + id
		a.set("public_network_access_enabled", pick(r), false, true)
		a.after["identity"] = []any{map[string]any{"type": "SystemAssigned"}}
		a.unknown["application_insights_id"] = true
		a.unknown["key_vault_id"] = true
		a.unknown["storage_account_id"] = true
	case "azurerm_log_analytics_workspace.main":
		a.after["name"] = "law-" + id
		a.after["retention_in_days"] = 30
	}
	return change(r, module, typ, name, a)
}

// change wraps after values in a resource_changes entry: mostly creates, some updates and
// no-ops that carry before values, a few deletes.
func change(r *rand.Rand, module, typ, name string, a attrs) map[string]any {
	addr := typ + "." + name
	if module != "" {
		addr = module + "." + addr
	}
	rc := map[string]any{
		"address":       addr,
		"mode":          "managed",
		"type":          typ,
		"name":          name,
		"provider_name": "registry.terraform.io/hashicorp/azurerm",
	}
	if module != "" {
		rc["module_address"] = module
	}
	var actions []any
	var before, after, afterUnknown any = nil, a.after, a.unknown
	switch n := r.IntN(100); {
	case n < 70:
		actions = []any{"create"}
	case n < 90:
		actions = []any{"update"}
		before = copyMap(a.after)
		before.(map[string]any)["tags"] = map[string]any{"owner": "platform"}
	case n < 97:
		actions = []any{"no-op"}
		before = copyMap(a.after)
		afterUnknown = map[string]any{}
	default:
		actions = []any{"delete"}
		before, after, afterUnknown = copyMap(a.after), nil, map[string]any{}
	}
	rc["change"] = map[string]any{
		"actions":          actions,
		"before":           before,
		"after":            after,
		"after_unknown":    afterUnknown,
		"before_sensitive": false,
		"after_sensitive":  map[string]any{},
	}
	return rc
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// configuration is the plan's module tree: root -> region (for_each) -> stack (for_each),
// with the expression references Terraform records.
func configuration() map[string]any {
	ref := func(refs ...string) map[string]any { return map[string]any{"references": toAny(refs)} }
	lit := func(v any) map[string]any { return map[string]any{"constant_value": v} }
	res := func(addr string, exprs map[string]any) map[string]any {
		typ, name := split(addr)
		return map[string]any{"address": addr, "mode": "managed", "type": typ, "name": name, "provider_config_key": "azurerm", "expressions": exprs, "schema_version": 0}
	}
	var stack []any
	for _, addr := range stackResources {
		exprs := map[string]any{"location": ref("var.location")}
		typ, name := split(addr)
		switch typ {
		case "azurerm_kubernetes_cluster":
			exprs["private_cluster_enabled"] = ref("var.private_cluster")
			exprs["resource_group_name"] = ref("azurerm_resource_group.main.name", "azurerm_resource_group.main")
		case "azurerm_kubernetes_cluster_node_pool":
			exprs["kubernetes_cluster_id"] = ref("azurerm_kubernetes_cluster.main.id", "azurerm_kubernetes_cluster.main")
			exprs["vm_size"] = lit(map[string]string{"gpu": "Standard_NC24ads_A100_v4", "cpu": "Standard_D16ds_v5"}[name])
		case "azurerm_role_assignment":
			scope := map[string]string{"kv_secrets": "azurerm_key_vault.main", "acr_pull": "azurerm_container_registry.main", "data_owner": "azurerm_storage_account.data"}[name]
			exprs["scope"] = ref(scope+".id", scope)
			exprs["principal_id"] = ref("azurerm_user_assigned_identity.workload.principal_id", "azurerm_user_assigned_identity.workload")
		case "azurerm_private_endpoint":
			exprs["subnet_id"] = ref("azurerm_subnet.endpoints.id", "azurerm_subnet.endpoints")
		case "azurerm_federated_identity_credential":
			exprs["parent_id"] = ref("azurerm_user_assigned_identity.workload.id", "azurerm_user_assigned_identity.workload")
			exprs["issuer"] = ref("azurerm_kubernetes_cluster.main.oidc_issuer_url", "azurerm_kubernetes_cluster.main")
		}
		stack = append(stack, res(addr, exprs))
	}
	stackModule := map[string]any{
		"resources": stack,
		"outputs": map[string]any{
			"kube_host":   map[string]any{"expression": ref("azurerm_kubernetes_cluster.main.kube_config[0].host", "azurerm_kubernetes_cluster.main.kube_config[0]", "azurerm_kubernetes_cluster.main")},
			"redis_key":   map[string]any{"sensitive": true, "expression": ref("azurerm_redis_cache.main.primary_access_key", "azurerm_redis_cache.main")},
			"vault_uri":   map[string]any{"expression": ref("azurerm_key_vault.main.vault_uri", "azurerm_key_vault.main")},
			"workload_id": map[string]any{"expression": ref("azurerm_user_assigned_identity.workload.client_id", "azurerm_user_assigned_identity.workload")},
		},
		"variables": map[string]any{"location": map[string]any{}, "private_cluster": map[string]any{"default": true}},
	}
	region := map[string]any{
		"module_calls": map[string]any{
			"stack": map[string]any{"source": "../stack", "for_each_expression": ref("var.stacks"), "expressions": map[string]any{"location": ref("var.location")}, "module": stackModule},
		},
		"variables": map[string]any{"location": map[string]any{}, "stacks": map[string]any{}},
	}
	var rootRes []any
	for _, addr := range rootResources {
		rootRes = append(rootRes, res(addr, map[string]any{}))
	}
	return map[string]any{
		"provider_config": map[string]any{"azurerm": map[string]any{"name": "azurerm", "full_name": "registry.terraform.io/hashicorp/azurerm", "version_constraint": "~> 4.0"}},
		"root_module": map[string]any{
			"resources": rootRes,
			"module_calls": map[string]any{
				"region": map[string]any{"source": "./modules/region", "for_each_expression": ref("local.regions"), "module": region},
			},
		},
	}
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
