package stridegate.kubernetes.osmo_rate_limit_proxy_test

import data.stridegate.kubernetes.osmo_rate_limit_proxy as check

_res(vs) := {v.details.resource | some v in vs}

test_reference_values_fire_twice if {
	vs := check.violation with input as [{"path": "helm/osmo-control-plane-values.yaml", "contents": {
		"services": {"service": {"rateLimit": {"enabled": false}}},
		"sidecars": {"envoy": {"enabled": false}},
	}}]
	_res(vs) == {"values:services.service.rateLimit.enabled", "values:sidecars.envoy.enabled"}
	some v in vs
	v.details.id == "D-4"
	v.details.file == "helm/osmo-control-plane-values.yaml"
}

test_renamed_keys_fire if {
	vs := check.violation with input as {
		"gateway": {"rateLimiting": false, "envoyProxy": {"enabled": "false"}},
		"router": {"disableRateLimit": true},
		"backend": {"rate_limit_enabled": false},
	}
	_res(vs) == {"values:gateway.rateLimiting", "values:gateway.envoyProxy.enabled", "values:router.disableRateLimit", "values:backend.rate_limit_enabled"}
}

test_enabled_is_clean if {
	vs := check.violation with input as {"services": {"service": {"rateLimit": {"enabled": true, "requestsPerSecond": 50}}}, "sidecars": {"envoy": {"enabled": true}}, "proxy": {"enabled": false}, "metrics": {"enabled": false}}
	count(vs) == 0
}

test_configmap_embedded if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "osmo-config", "namespace": "osmo"}, "data": {"config.yaml": "service:\n  rateLimit:\n    enabled: false\n"}}
	vs := check.violation with input as {"apiVersion": "v1", "kind": "List", "items": [cm]}
	_res(vs) == {"ConfigMap/osmo/osmo-config"}
}

test_env_and_args if {
	d := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "osmo-service", "namespace": "osmo"}, "spec": {"template": {"spec": {"containers": [{
		"name": "service", "image": "x",
		"env": [{"name": "OSMO_RATE_LIMIT_ENABLED", "value": "false"}, {"name": "LOG_LEVEL", "value": "false"}],
		"args": ["--port=8000", "--rate-limit=false"],
	}]}}}}
	vs := check.violation with input as [{"path": "r.yaml", "contents": d}]
	count(vs) == 2
	every v in vs {
		v.details.container == "service"
	}
}

test_gatekeeper_review if {
	d := {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "osmo-router", "namespace": "osmo"}, "spec": {"template": {"spec": {"containers": [{"name": "router", "image": "x", "args": ["--no-envoy"]}]}}}}
	vs := check.violation with input as {"review": {"object": d}}
	_res(vs) == {"StatefulSet/osmo/osmo-router"}
}

test_named_list_entries_and_env_lists_in_values if {
	vs := check.violation with input as [{"path": "v/osmo-values.yaml", "contents": {
		"sidecars": [{"name": "envoy", "enabled": false}, {"name": "logAgent", "enabled": false}, {"name": "rateLimit", "enabled": true}],
		"service": {"extraEnv": [{"name": "OSMO_RATE_LIMIT_ENABLED", "value": "false"}, {"name": "OSMO_ENVOY_ENABLED", "value": "{{ .Values.envoy }}"}]},
	}}]
	_res(vs) == {"values:sidecars.0.enabled", "values:service.extraEnv.0"}
}

test_flat_configmap if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "osmo-env", "namespace": "osmo"}, "data": {"RATE_LIMIT_ENABLED": "false", "ENVOY_ENABLED": "true", "METRICS_ENABLED": "false"}}
	vs := check.violation with input as [{"path": "c.yaml", "contents": cm}]
	{v.details.key | some v in vs} == {"RATE_LIMIT_ENABLED"}
}

test_args_beside_a_null_command if {
	d := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "osmo-service", "namespace": "osmo"}, "spec": {"template": {"spec": {"containers": [{"name": "service", "image": "x", "command": null, "args": ["--disable-rate-limit"]}]}}}}
	vs := check.violation with input as d
	count(vs) == 1
}

test_values_inside_a_helm_release if {
	hr := {"apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease", "metadata": {"name": "osmo", "namespace": "osmo"}, "spec": {"values": {
		"sidecars": {"envoy": {"enabled": false}, "rateLimit": {"enabled": true}},
		"service": {"extraEnv": [{"name": "OSMO_RATE_LIMIT_ENABLED", "value": "false"}]},
	}}}
	vs := check.violation with input as [{"path": "gitops/osmo.yaml", "contents": hr}]
	{[v.details.resource, v.details.setting] | some v in vs} == {["HelmRelease/osmo/osmo", "spec.values.sidecars.envoy.enabled"], ["HelmRelease/osmo/osmo", "spec.values.service.extraEnv.0"]}
}

# --- helm --set in shell scripts ---------------------------------------------------------

_script(lines) := [{"path": "deploy/upgrade-osmo.sh", "contents": {"source": {"language": "shell", "lines": lines}}}]

test_helm_set_envoy_and_rate_limit_off_fire if {
	vs := check.violation with input as _script([
		"args=(upgrade osmo chart",
		"  --set sidecars.envoy.enabled=false)",
		"args+=(--set sidecars.rateLimit.enabled=false)",
		"helm \"${args[@]}\" --wait",
	])
	{[v.details.resource, v.details.setting] | some v in vs} == {["deploy/upgrade-osmo.sh:4", "sidecars.envoy.enabled"], ["deploy/upgrade-osmo.sh:4", "sidecars.rateLimit.enabled"]}
}

test_helm_set_env_list_fires if {
	vs := check.violation with input as _script(["helm upgrade osmo chart --set 'extraEnv[0].name=OSMO_RATE_LIMIT_ENABLED,extraEnv[0].value=false'"])
	{v.details.setting | some v in vs} == {"extraEnv.0"}
}

test_helm_set_envoy_on_is_clean if {
	vs := check.violation with input as _script(["helm upgrade osmo chart --set sidecars.envoy.enabled=true --set-string gateway.envoy.image=envoy"])
	count(vs) == 0
}

test_helm_set_unknown_value_is_silent if {
	vs := check.violation with input as _script(["helm upgrade osmo chart --set sidecars.envoy.enabled=$ENVOY"])
	count(vs) == 0
}

test_helm_set_fixing_the_values_file_suppresses_it if {
	doc := {"path": "values/osmo.yaml", "contents": {"sidecars": {"envoy": {"enabled": false}, "rateLimit": {"enabled": false}}}}
	vs := check.violation with input as array.concat(_script(["helm upgrade osmo chart -f values/osmo.yaml --set sidecars.envoy.enabled=true"]), [doc])
	_res(vs) == {"values:sidecars.rateLimit.enabled"}
}
