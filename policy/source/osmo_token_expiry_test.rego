package stridegate.source.osmo_token_expiry_test

import data.stridegate.source.osmo_token_expiry as check

_sh(lines) := [{"path": "deploy/osmo/create-service-token.sh", "contents": {"source": {"language": "shell", "lines": lines}}}]

_lines(vs) := {v.details.line | some v in vs}

test_relative_date_fires if {
	vs := check.violation with input as _sh([
		"#!/usr/bin/env bash",
		"osmo token set backend-token --expires-at \"$(date -d '+1 year' +%F)\" --description backend",
	])
	_lines(vs) == {2}
	some v in vs
	v.details.id == "E-2-SCRIPT"
	v.details.days == 365
}

test_variable_and_continuation_fire if {
	vs := check.violation with input as _sh([
		"EXPIRY=$(date -u -d \"+365 days\" +%Y-%m-%d)",
		"osmo token set \"$TOKEN_NAME\" \\",
		"  --expires-at \"${EXPIRY}\" \\",
		"  --service",
	])
	_lines(vs) == {2}
}

test_duration_and_far_date_fire if {
	vs := check.violation with input as _sh([
		"osmo token create ci --ttl 8760h",
		"osmo token create ci2 --expires-at 2999-01-01",
		"osmo token create ci3 --expiry-days 400",
	])
	_lines(vs) == {1, 2, 3}
}

test_short_tokens_and_other_commands_are_clean if {
	vs := check.violation with input as _sh([
		"osmo token set backend-token --expires-at \"$(date -d '+7 days' +%F)\"",
		"osmo token create ci --ttl 24h",
		"osmo workflow submit train.yaml --timeout 400d",
		"# osmo token set old --expires-at 2999-01-01",
		"echo 'token valid until 2999-01-01'",
	])
	count(vs) == 0
}

test_parameter_limit if {
	vs := check.violation with input as _sh(["osmo token create ci --ttl 30d"]) with data.lib.parameters as {"max_token_days": 7}
	count(vs) == 1
}

# the platform's 04-deploy-osmo-backend.sh: the OSMO API issues the token, and the expiry
# defaults to a year unless --expires-at is given
test_api_request_with_default_expiry_fires if {
	vs := check.violation with input as _sh([
		"if [[ -n \"$custom_expiry\" ]]; then",
		"  expiry_date=$(date -u -d \"$custom_expiry\" +%F 2>/dev/null) || \\",
		"    fatal \"--expires-at must be YYYY-MM-DD format\"",
		"else",
		"  expiry_date=$(date -u -d \"+1 year\" +%F 2>/dev/null) || \\",
		"    expiry_date=$(date -u -v+1y +%F 2>/dev/null)",
		"fi",
		"OSMO_SERVICE_TOKEN=$(curl -sf -X POST \\",
		"  \"${service_url}/api/auth/access_token/service/${token_name}?expires_at=${expiry_date}&roles=osmo-backend\" \\",
		"  -H \"x-osmo-user: admin\")",
	])
	_lines(vs) == {8}
	some v in vs
	v.details.days == 365
}

test_api_request_with_short_expiry_is_clean if {
	vs := check.violation with input as _sh([
		"expiry_date=$(date -u -d \"+30 days\" +%F)",
		"curl -sf -X POST \"$URL/api/auth/access_token/service/t?expires_at=${expiry_date}\"",
		"curl -sf \"$URL/api/workflow?expires_at=2999-01-01\"",
	])
	count(vs) == 0
}

test_relative_date_through_a_defaulted_variable if {
	vs := check.violation with input as [{"path": "setup/04-deploy-osmo-backend.sh", "contents": {"source": {"language": "shell", "lines": [
		"TOKEN_DAYS=\"${TOKEN_DAYS:-365}\"",
		"SHORT=\"${SHORT:-30}\"",
		"osmo token set ci --expires-at \"$(date -u -d \"+${TOKEN_DAYS} days\" +%F)\"",
		"osmo token set ci2 --expires-at \"$(date -u -d \"+${SHORT} days\" +%F)\"",
	]}}}]
	{v.details.line | some v in vs} == {3}
}
