package stridegate.github.action_pinning_test

import data.stridegate.github.action_pinning as check

_sha := "11bd71901bbe5b1630ceea73d27597364c9af683"

_in(w) := [{"path": "repo/.github/workflows/ci.yml", "contents": w}]

_w(steps) := {"true": {"push": null}, "permissions": {}, "jobs": {"build": {"runs-on": "ubuntu-latest", "steps": steps}}}

test_tag_fires_naming_workflow_job_step if {
	vs := check.violation with input as _in(_w([{"name": "Set up Go", "uses": "actions/setup-go@v5"}]))
	count(vs) == 1
	some v in vs
	v.details.id == "SG-SC-1"
	v.details.resource == ".github/workflows/ci.yml/build/Set up Go"
	v.details.workflow == ".github/workflows/ci.yml"
	v.details.job == "build"
	v.details.step == "Set up Go"
	v.details.uses == "actions/setup-go@v5"
	v.details.file == "repo/.github/workflows/ci.yml"
}

test_sha_local_and_digest_are_clean if {
	steps := [
		{"uses": sprintf("actions/checkout@%s", [_sha])},
		{"uses": "./.github/actions/setup"},
		{"uses": sprintf("docker://ghcr.io/org/tool@sha256:%s", [concat("", [_sha, "0123456789abcdef01234567"])])},
	]
	count(check.violation) == 0 with input as _in(_w(steps))
}

test_branch_short_sha_and_docker_tag_fire if {
	steps := [
		{"uses": "actions/checkout@main"},
		{"uses": "actions/checkout@11bd719"},
		{"uses": "docker://alpine:3.20"},
		{"uses": "actions/checkout"},
	]
	vs := check.violation with input as _in(_w(steps))
	count(vs) == 4
	some v in vs
	v.details.uses == "docker://alpine:3.20"
	contains(v.msg, "sha256")
}

test_reusable_workflow_at_job_level if {
	w := {"on": {"push": null}, "jobs": {"deploy": {"uses": "org/infra/.github/workflows/deploy.yml@v2"}}}
	vs := check.violation with input as _in(w)
	some v in vs
	v.details.resource == ".github/workflows/ci.yml/deploy"
	contains(v.msg, "reusable workflow")
}

test_single_document_by_shape if {
	count(check.violation) == 1 with input as _w([{"uses": "actions/checkout@v4"}])
}

test_non_workflow_yaml_ignored if {
	count(check.violation) == 0 with input as [{"path": "charts/values.yaml", "contents": {"jobs": {"a": {"steps": [{"uses": "x@v1"}]}}}}]
}

test_composite_action_steps_are_checked if {
	action := {"name": "setup", "runs": {"using": "composite", "steps": [
		{"name": "node", "uses": "actions/setup-node@v4"},
		{"uses": "actions/cache@0c45773b623bea8c8e75f6c82b208c3cf94ea4f9"},
		{"uses": "./.github/actions/other"},
	]}}
	vs := check.violation with input as [{"path": "repo/.github/actions/setup/action.yml", "contents": action}]
	{v.details.resource | some v in vs} == {".github/actions/setup/action.yml/runs/node"}
}
