package stridegate.github.oidc_token_scope_test

import data.stridegate.github.oidc_token_scope as check

_in(w) := [{"path": "repo/.github/workflows/ci.yml", "contents": w}]

_login := {"name": "Azure login", "uses": "azure/login@a457da9ea143d694b1b9c7c869ebb04ebe844ef5", "with": {"client-id": "${{ vars.AZURE_CLIENT_ID }}"}}

_job(steps, extra) := object.union({"runs-on": "ubuntu-latest", "steps": steps}, extra)

_res(vs) := {v.details.resource | some v in vs}

test_workflow_level_id_token_reaches_lint_job if {
	w := {"on": "push", "permissions": {"contents": "read", "id-token": "write"}, "jobs": {
		"lint": _job([{"run": "make lint"}], {}),
		"plan": _job([_login, {"run": "terraform plan"}], {}),
	}}
	vs := check.violation with input as _in(w)
	_res(vs) == {".github/workflows/ci.yml/lint"}
	some v in vs
	v.details.id == "SG-SC-4"
	v.details.inherited == true
	contains(v.msg, "workflow-level")
}

test_job_level_id_token_without_oidc_fires if {
	w := {"on": "push", "permissions": {}, "jobs": {"build": _job([{"run": "make"}], {"permissions": {"id-token": "write"}})}}
	vs := check.violation with input as _in(w)
	some v in vs
	v.details.inherited == false
}

test_oidc_users_are_clean if {
	w := {"on": "push", "permissions": {}, "jobs": {
		"login": _job([_login], {"permissions": {"id-token": "write"}}),
		"tf": _job([{"run": "terraform apply"}], {"permissions": {"id-token": "write"}, "env": {"ARM_USE_OIDC": true}}),
		"sign": _job([{"run": "cosign sign --yes $IMAGE"}], {"permissions": {"id-token": "write"}}),
		"call": {"uses": "org/r/.github/workflows/x.yml@11bd71901bbe5b1630ceea73d27597364c9af683", "permissions": {"id-token": "write"}},
		"none": _job([{"run": "make"}], {"permissions": {"contents": "read"}}),
	}}
	count(check.violation) == 0 with input as _in(w)
}

test_oidc_action_list_is_a_parameter if {
	w := {"on": "push", "permissions": {}, "jobs": {"login": _job([_login], {"permissions": {"id-token": "write"}})}}
	count(check.violation) == 1 with input as _in(w) with data.lib.parameters as {"oidcActions": ["other/action"]}
}

# the platform's deploy-docs.yml and pytest-shared-ci.yml
test_pages_deploy_and_codecov_oidc_are_clean if {
	w := {"on": "push", "permissions": {"contents": "read"}, "jobs": {
		"deploy": _job([{"uses": "actions/deploy-pages@368f82528645a54fb793d4d04e342629a3f51346", "id": "deployment"}], {"permissions": {"pages": "write", "id-token": "write"}}),
		"test": _job([{"run": "uv run pytest"}, {"uses": "codecov/codecov-action@0b35c9ecc4f0529d0eb674914510c22f85b196b4", "with": {"use_oidc": true}}], {"permissions": {"id-token": "write"}}),
		"jfrog": _job([{"uses": "jfrog/setup-jfrog-cli@ff5cb544114ffc152db9cea1cd3d5978d5074946", "with": {"oidc-provider-name": "github"}}], {"permissions": {"id-token": "write"}}),
	}}
	count(check.violation) == 0 with input as _in(w)
}

test_oidc_switched_off_fires if {
	w := {"on": "push", "permissions": {}, "jobs": {
		"test": _job([{"uses": "codecov/codecov-action@0b35c9ecc4f0529d0eb674914510c22f85b196b4", "with": {"use_oidc": false}}], {"permissions": {"id-token": "write"}}),
	}}
	_res(check.violation) == {".github/workflows/ci.yml/test"} with input as _in(w)
}

test_azd_federated_login_and_local_action_are_clean if {
	w := {"on": "push", "permissions": {}, "jobs": {
		"azd": _job([{"run": "azd auth login --client-id \"$ID\" --federated-credential-provider github --tenant-id \"$TENANT\""}], {"permissions": {"id-token": "write"}}),
		"local": _job([{"uses": "./.github/actions/azure-login"}, {"run": "az aks list"}], {"permissions": {"id-token": "write"}}),
		"plain": _job([{"uses": "actions/checkout@b4ffde65f46336ab88eb53be808477a3936a9f2e"}, {"run": "azd deploy"}], {"permissions": {"id-token": "write"}}),
	}}
	vs := check.violation with input as _in(w)
	_res(vs) == {".github/workflows/ci.yml/plain"}
}
