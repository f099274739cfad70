package stridegate.kubernetes.osmo_auth_test

import data.stridegate.kubernetes.osmo_auth as check

_res(vs) := {v.details.resource | some v in vs}

test_values_auth_enabled_false_fires if {
	vs := check.violation with input as [{"path": "values/osmo-control-plane-values.yaml", "contents": {"services": {"service": {"auth": {"enabled": false}}}}}]
	_res(vs) == {"values:services.service.auth.enabled"}
	some v in vs
	v.details.id == "S-1"
	v.details.file == "values/osmo-control-plane-values.yaml"
}

test_values_renamed_keys_fire if {
	vs := check.violation with input as {
		"gateway": {"authn": {"enabled": "false"}},
		"sidecars": {"envoy": {"authEnabled": false}},
		"router": {"disableAuth": true},
	}
	_res(vs) == {"values:gateway.authn.enabled", "values:sidecars.envoy.authEnabled", "values:router.disableAuth"}
}

test_values_auth_enabled_is_clean if {
	vs := check.violation with input as {"services": {"service": {"auth": {"enabled": true}}}, "router": {"disableAuth": false}}
	count(vs) == 0
}

test_values_templated_value_is_not_a_finding if {
	vs := check.violation with input as {"auth": {"enabled": "{{ .Values.global.auth }}"}}
	count(vs) == 0
}

test_unrelated_enabled_false_is_clean if {
	vs := check.violation with input as {"metrics": {"enabled": false}, "author": {"enabled": false}}
	count(vs) == 0
}

_cm := {
	"apiVersion": "v1", "kind": "ConfigMap",
	"metadata": {"name": "osmo-config", "namespace": "osmo"},
	"data": {"config.yaml": "service:\n  auth:\n    enabled: false\n"},
}

test_configmap_embedded_config_fires if {
	vs := check.violation with input as _cm
	_res(vs) == {"ConfigMap/osmo/osmo-config"}
}

test_configmap_in_list_and_multidoc if {
	vs := check.violation with input as {"apiVersion": "v1", "kind": "List", "items": [_cm]}
	count(vs) == 1
	vs2 := check.violation with input as [{"path": "r.yaml", "contents": _cm}, {"path": "r.yaml", "contents": null}]
	count(vs2) == 1
}

_deploy(env, args) := {
	"apiVersion": "apps/v1", "kind": "Deployment",
	"metadata": {"name": "osmo-service", "namespace": "osmo"},
	"spec": {"template": {"spec": {"containers": [{"name": "api", "image": "nvcr.io/nvidia/osmo/service:6.0", "env": env, "args": args}]}}},
}

test_env_auth_disabled_fires if {
	vs := check.violation with input as _deploy([{"name": "OSMO_AUTH_ENABLED", "value": "False"}], [])
	count(vs) == 1
	some v in vs
	v.details.container == "api"
}

test_args_disable_auth_fires if {
	vs := check.violation with input as _deploy([], ["--port=8000", "--disable-auth"])
	count(vs) == 1
}

test_deploy_with_auth_is_clean if {
	vs := check.violation with input as _deploy([{"name": "OSMO_AUTH_ENABLED", "value": "true"}], ["--port=8000"])
	count(vs) == 0
}

test_gatekeeper_review if {
	vs := check.violation with input as {"review": {"object": _deploy([], ["--no-auth"])}, "parameters": {}}
	count(vs) == 1
}

test_values_auth_mode_none_and_env_list if {
	vs := check.violation with input as [{"path": "helm/osmo-backend-values.yaml", "contents": {
		"services": {"backend": {"auth": {"mode": "none"}, "extraEnv": [{"name": "OSMO_AUTH_ENABLED", "value": "false"}]}},
		"gateway": {"authType": "Anonymous"},
		"router": {"auth": {"provider": "entra-id"}, "extraEnv": [{"name": "OSMO_AUTH_ENABLED", "value": "true"}]},
	}}]
	_res(vs) == {"values:services.backend.auth.mode", "values:services.backend.extraEnv.0", "values:gateway.authType"}
}

test_flat_configmap_fires if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "osmo-env", "namespace": "osmo"}, "data": {"OSMO_AUTH_ENABLED": "false", "LOG_LEVEL": "info"}}
	vs := check.violation with input as cm
	_res(vs) == {"ConfigMap/osmo/osmo-env"}
	cm2 := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "osmo-env", "namespace": "osmo"}, "data": {"OSMO_AUTH_ENABLED": "true"}}
	vs2 := check.violation with input as cm2
	count(vs2) == 0
}

test_embedded_mode_none_fires if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "osmo-config", "namespace": "osmo"}, "data": {"config.json": "{\"service\": {\"authentication\": {\"provider\": \"none\"}}}"}}
	vs := check.violation with input as cm
	count(vs) == 1
}

test_every_workload_kind if {
	spec := {"containers": [{"name": "api", "image": "x", "args": ["--auth-enabled=false"]}]}
	every kind in ["Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet"] {
		vs := check.violation with input as {"apiVersion": "apps/v1", "kind": kind, "metadata": {"name": "w", "namespace": "osmo"}, "spec": {"template": {"spec": spec}}}
		_res(vs) == {sprintf("%s/osmo/w", [kind])}
	}
	cj := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "w", "namespace": "osmo"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"initContainers": spec.containers, "containers": []}}}}}}
	vs := check.violation with input as cj
	_res(vs) == {"CronJob/osmo/w"}
}

test_env_from_valuefrom_is_not_false if {
	vs := check.violation with input as _deploy([{"name": "OSMO_AUTH_ENABLED", "valueFrom": {"configMapKeyRef": {"name": "c", "key": "k"}}}], [])
	count(vs) == 0
}

# the layout of the OSMO control plane chart's values in the platform repository
test_values_chart_layout_fires if {
	vs := check.violation with input as [{"path": "infrastructure/setup/values/osmo-control-plane.yaml", "contents": {
		"sidecars": {"envoy": {"enabled": false}, "osmoauth": {"enabled": false}, "logAgent": {"enabled": false}},
		"gateway": {"oauth2Proxy": {"enabled": false}, "authz": {"enabled": false}, "envoy": {"service": {"type": "ClusterIP"}}},
	}}]
	_res(vs) == {"values:sidecars.osmoauth.enabled", "values:gateway.oauth2Proxy.enabled", "values:gateway.authz.enabled"}
}

test_values_chart_layout_enabled_is_clean if {
	vs := check.violation with input as [{"path": "values/osmo-control-plane.yaml", "contents": {
		"sidecars": {"osmoauth": {"enabled": true}},
		"gateway": {"oauth2Proxy": {"enabled": true}, "authz": {"enabled": true}},
		"author": {"enabled": false},
		"authorizedNetworks": {"enabled": false},
		"router": {"disableAuth": false, "skipAuth": false},
	}}]
	count(vs) == 0
}

test_proxy_off_with_authentication_on_is_clean if {
	# Envoy validates OSMO tokens (osmoauth) without the browser-login OAuth2 proxy
	tier2 := {"sidecars": {"envoy": {"enabled": true, "osmoauth": {"enabled": true}}, "oauth2Proxy": {"enabled": false}}, "gateway": {"authz": {"enabled": false}}}
	vs := check.violation with input as [{"path": "values/osmo-control-plane.yaml", "contents": tier2}]
	count(vs) == 0
}

test_proxy_off_with_nothing_on_fires if {
	# the platform's dev mode: every authentication feature off
	dev := {"sidecars": {"envoy": {"enabled": false, "osmoauth": {"enabled": false}}, "oauth2Proxy": {"enabled": false}}, "gateway": {"oauth2Proxy": {"enabled": false}, "authz": {"enabled": false}}}
	vs := check.violation with input as [{"path": "values/osmo-control-plane.yaml", "contents": dev}]
	_res(vs) == {"values:sidecars.envoy.osmoauth.enabled", "values:sidecars.oauth2Proxy.enabled", "values:gateway.oauth2Proxy.enabled", "values:gateway.authz.enabled"}

	# an authz sidecar on does not authenticate: the proxy off still counts
	vs2 := check.violation with input as [{"path": "v.yaml", "contents": {"oauth2Proxy": {"enabled": false}, "authz": {"enabled": true}}}]
	_res(vs2) == {"values:oauth2Proxy.enabled"}
}

test_primary_auth_off_fires_even_beside_auth_on if {
	vs := check.violation with input as {"services": {"api": {"auth": {"enabled": true}}, "worker": {"auth": {"enabled": false}}}}
	_res(vs) == {"values:services.worker.auth.enabled"}
}

test_named_list_entries if {
	vs := check.violation with input as [{"path": "v.yaml", "contents": {"gateway": {"filters": [{"name": "jwt", "enabled": false}, {"name": "cors", "enabled": false}]}}}]
	_res(vs) == {"values:gateway.filters.0.enabled"}
}

test_args_beside_a_null_command if {
	# `command: {{ .Values.command }}` rendered empty is null: the args still count
	d := json.patch(_deploy([], ["--disable-auth"]), [{"op": "add", "path": "/spec/template/spec/containers/0/command", "value": null}])
	vs := check.violation with input as d
	count(vs) == 1
}

_hr(values) := {"apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease", "metadata": {"name": "osmo", "namespace": "osmo"}, "spec": {"chart": {"spec": {"chart": "service"}}, "values": values}}

test_values_inside_gitops_objects if {
	vs := check.violation with input as [{"path": "gitops/osmo.yaml", "contents": _hr({"sidecars": {"envoy": {"osmoauth": {"enabled": false}}}})}]
	{[v.details.resource, v.details.setting] | some v in vs} == {["HelmRelease/osmo/osmo", "spec.values.sidecars.envoy.osmoauth.enabled"]}
	app := {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "osmo", "namespace": "argocd"}, "spec": {"sources": [
		{"repoURL": "https://helm.ngc.nvidia.com/nvidia/osmo", "chart": "service", "helm": {"values": "gateway:\n  authn:\n    enabled: false\n"}},
		{"repoURL": "https://example.com/x", "chart": "router", "helm": {"valuesObject": {"auth": {"mode": "none"}}}},
	]}}
	vs2 := check.violation with input as app
	{v.details.setting | some v in vs2} == {"spec.sources.0.helm.values.gateway.authn.enabled", "spec.sources.1.helm.valuesObject.auth.mode"}
	k3s := {"apiVersion": "helm.cattle.io/v1", "kind": "HelmChart", "metadata": {"name": "osmo", "namespace": "kube-system"}, "spec": {"valuesContent": "auth:\n  enabled: true\n"}}
	vs3 := check.violation with input as [{"path": "k3s.yaml", "contents": k3s}, {"path": "hr.yaml", "contents": _hr({"auth": {"enabled": "{{ .Values.auth }}"}})}]
	count(vs3) == 0
}

test_idp_login_off_with_token_auth_on_is_clean if {
	vs := check.violation with input as {"sidecars": {"envoy": {"jwt": {"enabled": true}}, "oidc": {"enabled": false}, "basicAuth": {"enabled": false}}}
	count(vs) == 0
	vs2 := check.violation with input as {"sidecars": {"oidc": {"enabled": false}, "basicAuth": {"enabled": false}}}
	_res(vs2) == {"values:sidecars.oidc.enabled", "values:sidecars.basicAuth.enabled"}
}

test_jwt_providers_authenticate if {
	tier3 := {"sidecars": {"envoy": {"enabled": true, "jwt": {"providers": [{"issuer": "https://sts.windows.net/t/", "audience": "c"}]}}, "oauth2Proxy": {"enabled": false}}}
	vs := check.violation with input as tier3
	count(vs) == 0
	no_providers := json.patch(tier3, [{"op": "replace", "path": "/sidecars/envoy/jwt/providers", "value": []}])
	vs2 := check.violation with input as no_providers
	_res(vs2) == {"values:sidecars.oauth2Proxy.enabled"}
}

# --- helm --set in shell scripts ---------------------------------------------------------

_script(lines) := [{"path": "deploy/03-deploy-osmo.sh", "contents": {"source": {"language": "shell", "lines": lines}}}]

test_helm_set_disable_auth_fires if {
	vs := check.violation with input as _script(["helm upgrade --install osmo chart -f values/osmo.yaml \\", "  --set services.service.disableAuth=true"])
	{[v.details.resource, v.details.setting, v.details.line] | some v in vs} == {["deploy/03-deploy-osmo.sh:1", "services.service.disableAuth", 1]}
	some v in vs
	v.details.file == "deploy/03-deploy-osmo.sh"
	contains(v.msg, "--set services.service.disableAuth=true")
}

test_helm_set_authz_sidecar_off_through_array_fires if {
	vs := check.violation with input as _script([
		"args=(upgrade osmo chart --set sidecars.authz.enabled=false)",
		"helm \"${args[@]}\" --wait",
	])
	{[v.details.resource, v.details.setting] | some v in vs} == {["deploy/03-deploy-osmo.sh:2", "sidecars.authz.enabled"]}
}

test_helm_set_auth_on_is_clean if {
	vs := check.violation with input as _script(["helm upgrade osmo chart --set services.service.disableAuth=false --set sidecars.authz.enabled=true"])
	count(vs) == 0
}

test_helm_set_string_auth_mode_none_fires if {
	vs := check.violation with input as _script(["helm upgrade osmo chart --set-string services.service.auth.mode=none"])
	_res(vs) == {"deploy/03-deploy-osmo.sh:1"}
}

test_helm_set_unknown_variable_is_silent if {
	vs := check.violation with input as _script(["DISABLE=true", "DISABLE=false", "helm upgrade osmo chart --set services.service.disableAuth=$DISABLE --set b=$UNSET"])
	count(vs) == 0
}

test_helm_set_resolved_variable_fires if {
	vs := check.violation with input as _script(["DISABLE=true", "helm upgrade osmo chart --set services.service.disableAuth=$DISABLE"])
	_res(vs) == {"deploy/03-deploy-osmo.sh:2"}
}

# a --set that switches authentication back on for the values file it deploys
_values_doc := {"path": "infrastructure/setup/values/osmo.yaml", "contents": {"services": {"service": {"disableAuth": true}}}}

test_helm_set_fixing_the_values_file_suppresses_it if {
	vs := check.violation with input as array.concat(_script(["helm upgrade osmo chart -f \"$VALUES_DIR/osmo.yaml\" --set services.service.disableAuth=false"]), [_values_doc])
	count(vs) == 0
}

test_values_file_deployed_without_override_still_fires if {
	vs := check.violation with input as array.concat(
		_script([
			"helm upgrade osmo chart -f \"$VALUES_DIR/osmo.yaml\" --set services.service.disableAuth=false",
			"helm upgrade osmo-dev chart -f \"$VALUES_DIR/osmo.yaml\"",
		]),
		[_values_doc],
	)
	_res(vs) == {"values:services.service.disableAuth"}
}

test_values_file_with_unknown_override_still_fires if {
	vs := check.violation with input as array.concat(_script(["helm upgrade osmo chart -f \"$VALUES_DIR/osmo.yaml\" --set services.service.disableAuth=$DISABLE"]), [_values_doc])
	_res(vs) == {"values:services.service.disableAuth"}
}
