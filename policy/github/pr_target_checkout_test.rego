package stridegate.github.pr_target_checkout_test

import data.stridegate.github.pr_target_checkout as check

_in(w) := [{"path": "repo/.github/workflows/preview.yml", "contents": w}]

_w(on, steps) := {"true": on, "permissions": {}, "jobs": {"preview": {"runs-on": "ubuntu-latest", "steps": steps}}}

_checkout(args) := {"name": "Checkout PR", "uses": "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", "with": args}

test_head_sha_checkout_fires if {
	vs := check.violation with input as _in(_w({"pull_request_target": {"types": ["opened"]}}, [_checkout({"ref": "${{ github.event.pull_request.head.sha }}"}), {"run": "npm ci && npm test"}]))
	count(vs) == 1
	some v in vs
	v.details.id == "SG-SC-2"
	v.details.resource == ".github/workflows/preview.yml/preview/Checkout PR"
	v.details.trigger == "pull_request_target"
}

test_fork_repository_and_merge_ref_fire if {
	count(check.violation) == 1 with input as _in(_w("pull_request_target", [_checkout({"repository": "${{ github.event.pull_request.head.repo.full_name }}"})]))
	count(check.violation) == 1 with input as _in(_w(["pull_request_target"], [_checkout({"ref": "refs/pull/${{ github.event.number }}/merge"})]))
}

test_gh_pr_checkout_in_run_fires if {
	count(check.violation) == 1 with input as _in(_w("pull_request_target", [{"run": "gh pr checkout ${{ github.event.pull_request.number }}"}]))
}

test_workflow_run_head_checkout_fires if {
	count(check.violation) == 1 with input as _in(_w({"workflow_run": {"workflows": ["ci"]}}, [_checkout({"ref": "${{ github.event.workflow_run.head_sha }}"})]))
}

test_base_checkout_is_clean if {
	count(check.violation) == 0 with input as _in(_w("pull_request_target", [_checkout({})]))
}

test_pull_request_trigger_is_clean if {
	count(check.violation) == 0 with input as _in(_w("pull_request", [_checkout({"ref": "${{ github.event.pull_request.head.sha }}"})]))
}

test_head_through_env_fires if {
	w := object.union(
		_w("pull_request_target", [
			_checkout({"ref": "${{ env.HEAD_SHA }}"}),
			{"name": "fetch", "env": {"PR_REF": "${{ github.event.pull_request.head.ref }}"}, "run": "git fetch origin \"$PR_REF\"\ngit checkout FETCH_HEAD"},
		]),
		{"env": {"HEAD_SHA": "${{ github.event.pull_request.head.sha }}"}},
	)
	vs := check.violation with input as _in(w)
	{v.details.resource | some v in vs} == {".github/workflows/preview.yml/preview/Checkout PR", ".github/workflows/preview.yml/preview/fetch"}
}

test_pull_refspec_on_git_line_fires if {
	run := "git fetch origin \\\n  pull/${{ github.event.pull_request.number }}/head:pr\ngit checkout pr"
	count(check.violation) == 1 with input as _in(_w("pull_request_target", [{"run": run}]))
}

test_head_outside_git_lines_and_base_env_are_clean if {
	steps := [
		{"run": "git fetch origin main\necho \"PR ${{ github.event.number }}\""},
		{"env": {"PR": "${{ github.event.number }}"}, "run": "git checkout -b \"pr-${{ github.event.number }}\" && git push origin \"pr-$PR\""},
		{"env": {"BASE": "${{ github.event.pull_request.base.sha }}"}, "run": "git checkout \"$BASE\""},
		_checkout({"ref": "${{ env.BASE_REF }}"}),
	]
	count(check.violation) == 0 with input as _in(object.union(_w("pull_request_target", steps), {"env": {"BASE_REF": "main", "HEAD": "${{ github.event.pull_request.head.sha }}"}}))
}
