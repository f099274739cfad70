package stridegate.github.token_permissions_test

import data.stridegate.github.token_permissions as check

_in(w) := [{"path": "repo/.github/workflows/release.yml", "contents": w}]

_job(extra) := object.union({"runs-on": "ubuntu-latest", "steps": [{"run": "echo"}]}, extra)

_res(vs) := {v.details.resource | some v in vs}

test_write_all_at_workflow_fires if {
	vs := check.violation with input as _in({"true": {"push": null}, "permissions": "write-all", "jobs": {"a": _job({})}})
	count(vs) == 1
	some v in vs
	v.details.id == "E-4"
	v.details.resource == ".github/workflows/release.yml"
	contains(v.msg, "write-all")
}

test_write_all_at_job_fires if {
	vs := check.violation with input as _in({"on": "push", "permissions": {}, "jobs": {"a": _job({"permissions": "write-all"})}})
	_res(vs) == {".github/workflows/release.yml/a"}
}

test_workflow_write_inherited_by_two_jobs_fires if {
	w := {"on": "push", "permissions": {"contents": "write", "pull-requests": "write", "id-token": "write"}, "jobs": {
		"release": _job({}), "test": _job({}), "lint": _job({"permissions": {"contents": "read"}}),
	}}
	vs := check.violation with input as _in(w)
	count(vs) == 1
	some v in vs
	v.details.scopes == ["contents", "pull-requests"]
	v.details.jobs == ["release", "test"]
}

test_workflow_write_with_single_job_is_clean if {
	w := {"on": "push", "permissions": {"contents": "write"}, "jobs": {"release": _job({})}}
	count(check.violation) == 0 with input as _in(w)
}

test_job_level_write_is_clean if {
	w := {"on": "push", "permissions": {}, "jobs": {"release": _job({"permissions": {"contents": "write", "pull-requests": "write"}}), "test": _job({"permissions": {"contents": "read"}})}}
	count(check.violation) == 0 with input as _in(w)
}

test_missing_permissions_fires if {
	w := {"on": "pull_request", "jobs": {"review": _job({}), "ok": _job({"permissions": {"contents": "read"}})}}
	vs := check.violation with input as _in(w)
	some v in vs
	v.details.jobs == ["review"]
	contains(v.msg, "repository default")
}

test_reusable_callee_without_permissions_is_clean if {
	w := {"on": {"workflow_call": {}}, "jobs": {"a": _job({})}}
	count(check.violation) == 0 with input as _in(w)
}

test_app_token_without_permission_inputs_fires if {
	step := {"id": "app-token", "uses": "actions/create-github-app-token@v1", "with": {"app-id": "${{ vars.APP_ID }}", "private-key": "${{ secrets.KEY }}"}}
	w := {"on": "push", "permissions": {}, "jobs": {"release": _job({"steps": [step]})}}
	vs := check.violation with input as _in(w)
	_res(vs) == {".github/workflows/release.yml/release/app-token"}
}

test_app_token_with_scoped_permissions_is_clean if {
	step := {"id": "t", "uses": "actions/create-github-app-token@5d869da34e18e7287c1daad50e0b8ea0f506ce69", "with": {"app-id": "1", "private-key": "k", "permission-contents": "write", "permission-pull-requests": "write"}}
	w := {"on": "push", "permissions": {}, "jobs": {"release": _job({"steps": [step]})}}
	count(check.violation) == 0 with input as _in(w)
}

test_app_token_with_sensitive_write_fires if {
	step := {"id": "t", "uses": "actions/create-github-app-token@v2", "with": {"permission-contents": "write", "permission-workflows": "write", "permission-administration": "read"}}
	w := {"on": "push", "permissions": {}, "jobs": {"release": _job({"steps": [step]})}}
	vs := check.violation with input as _in(w)
	some v in vs
	v.details.scopes == ["workflows: write"]
}

test_tibdex_permissions_input if {
	step := {"uses": "tibdex/github-app-token@v2", "with": {"permissions": "{\"secrets\": \"write\"}"}}
	bare := {"uses": "tibdex/github-app-token@v2", "with": {"app_id": "1"}}
	w := {"on": "push", "permissions": {}, "jobs": {"a": _job({"steps": [step, bare]})}}
	vs := check.violation with input as _in(w)
	count(vs) == 2
}

test_tibdex_permissions_from_an_expression_are_unknown if {
	unknown := {"id": "expr", "uses": "tibdex/github-app-token@v2", "with": {"app_id": "1", "permissions": "${{ vars.APP_PERMISSIONS }}"}}
	scoped := {"id": "scoped", "uses": "tibdex/github-app-token@v2", "with": {"app_id": "1", "permissions": "{\"contents\": \"read\"}"}}
	bare := {"id": "bare", "uses": "tibdex/github-app-token@v2", "with": {"app_id": "1"}}
	w := {"on": "push", "permissions": {}, "jobs": {"a": _job({"steps": [unknown, scoped, bare]})}}
	vs := check.violation with input as _in(w)
	_res(vs) == {".github/workflows/release.yml/a/bare"}
}
