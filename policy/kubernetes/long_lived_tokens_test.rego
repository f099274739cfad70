package stridegate.kubernetes.long_lived_tokens_test

import data.stridegate.kubernetes.long_lived_tokens as check

_secret(t) := {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "osmo-backend-token", "namespace": "osmo", "annotations": {"kubernetes.io/service-account.name": "osmo-backend"}}, "type": t}

_pod(secs) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "osmo"}, "spec": {"containers": [], "volumes": [{"name": "osmo-token", "projected": {"sources": [{"serviceAccountToken": {"audience": "osmo", "expirationSeconds": secs, "path": "token"}}]}}]}}

test_sa_token_secret_fires if {
	vs := check.violation with input as _secret("kubernetes.io/service-account-token")
	{v.details.resource | some v in vs} == {"Secret/osmo/osmo-backend-token"}
	some v in vs
	v.details.id == "E-2-K8S"
}

test_opaque_secret_is_clean if {
	vs := check.violation with input as _secret("Opaque")
	count(vs) == 0
}

test_long_projected_token_fires if {
	vs := check.violation with input as _pod(31536000)
	count(vs) == 1
	some v in vs
	v.details.volume == "osmo-token"
}

test_short_projected_token_is_clean if {
	vs := check.violation with input as _pod(3600)
	count(vs) == 0
	vs2 := check.violation with input as _pod(86400)
	count(vs2) == 0
}

test_parameter_limit if {
	vs := check.violation with input as _pod(7200) with data.lib.parameters as {"max_token_expiration_seconds": 3600}
	count(vs) == 1
}

test_deployment_in_list_and_gatekeeper if {
	d := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "osmo-backend", "namespace": "osmo"}, "spec": {"template": {"spec": _pod(604800).spec}}}
	vs := check.violation with input as {"apiVersion": "v1", "kind": "List", "items": [d, _secret("kubernetes.io/service-account-token")]}
	count(vs) == 2
	vs2 := check.violation with input as {"review": {"object": d}, "parameters": {"max_token_expiration_seconds": 1209600}}
	count(vs2) == 0
}
