package lib.workflow_test

import data.lib.workflow as wf

_sha := "11bd71901bbe5b1630ceea73d27597364c9af683"

_w := {
	"name": "ci",
	"true": {"push": {"branches": ["main"]}, "pull_request": null},
	"permissions": {},
	"jobs": {
		"build": {"runs-on": "ubuntu-latest", "steps": [
			{"uses": sprintf("actions/checkout@%s", [_sha])},
			{"name": "setup", "uses": "actions/setup-go@v5"},
			{"uses": "./.github/actions/lint"},
			{"uses": "docker://alpine:3.20"},
			{"uses": sprintf("docker://alpine@sha256:%s", [concat("", [_sha, "0123456789abcdef01234567"])])},
			{"run": "make test"},
		]},
		"reuse": {"uses": "org/shared/.github/workflows/deploy.yml@main"},
	},
}

test_yaml11_on_key_and_path if {
	ws := wf.workflows with input as [{"path": "repo/.github/workflows/ci.yml", "contents": _w}]
	count(ws) == 1
	some w in ws
	w.file == ".github/workflows/ci.yml"
	wf.triggers(_w) == {"push", "pull_request"}
}

test_triggers_spellings if {
	wf.triggers({"on": "push"}) == {"push"}
	wf.triggers({"on": ["push", "pull_request_target"]}) == {"push", "pull_request_target"}
	wf.triggers({true: {"workflow_dispatch": null}}) == {"workflow_dispatch"}
}

test_shape_without_workflow_path if {
	count(wf.workflows) == 1 with input as _w
	count(wf.workflows) == 0 with input as {"jobs": {"a": {}}, "name": "not a workflow"}
	count(wf.workflows) == 1 with input as [{"path": "x/.github/workflows/a.yml", "contents": {"jobs": {"a": {}}}}]
}

test_pinning_counts_remote_only if {
	p := wf.pinning with input as [{"path": "r/.github/workflows/ci.yml", "contents": _w}]
	p == {"pinned": 2, "total": 5}
}

test_pinning_empty if {
	wf.pinning == {"pinned": 0, "total": 0} with input as {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x"}}
}

test_step_labels_and_resources if {
	us := wf.uses with input as [{"path": "r/.github/workflows/ci.yml", "contents": _w}]
	{u.resource | some u in us} == {
		".github/workflows/ci.yml/build/step 1", ".github/workflows/ci.yml/build/setup",
		".github/workflows/ci.yml/build/step 3", ".github/workflows/ci.yml/build/step 4",
		".github/workflows/ci.yml/build/step 5", ".github/workflows/ci.yml/reuse",
	}
}

test_write_scopes if {
	wf.write_scopes("write-all") == {"*"}
	wf.write_scopes("read-all") == set()
	wf.write_scopes({"contents": "write", "id-token": "write", "pull-requests": "read"}) == {"contents", "id-token"}
}

test_pinned if {
	wf.pinned(sprintf("actions/checkout@%s", [_sha]))
	not wf.pinned("actions/checkout@v4")
	not wf.pinned(sprintf("actions/checkout@%s", [substring(_sha, 0, 7)]))
}

_composite := {"name": "setup", "runs": {"using": "composite", "steps": [
	{"uses": "actions/setup-node@v4"},
	{"shell": "bash", "run": "make"},
]}}

test_composite_action_steps_are_a_job if {
	docs := [{"path": "repo/.github/actions/setup/action.yml", "contents": _composite}]
	js := wf.jobs with input as docs
	[[j.file, j.id] | some j in js] == [[".github/actions/setup/action.yml", "runs"]]
	count(wf.workflows) == 0 with input as docs
	{u.resource | some u in wf.remote} == {".github/actions/setup/action.yml/runs/step 1"} with input as docs
}

test_non_composite_actions_have_no_jobs if {
	docker := {"name": "d", "runs": {"using": "docker", "image": "Dockerfile"}}
	node := {"name": "n", "runs": {"using": "node20", "main": "index.js", "steps": []}}
	count(wf.jobs) == 0 with input as [{"path": "action.yml", "contents": docker}, {"path": "b/action.yml", "contents": node}]
}
