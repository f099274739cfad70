package stridegate.github.script_injection_test

import data.stridegate.github.script_injection as check

_in(steps) := [{"path": "repo/.github/workflows/ci.yml", "contents": {"true": {"pull_request": null}, "permissions": {}, "jobs": {"check": {"runs-on": "ubuntu-latest", "steps": steps}}}}]

test_title_in_run_fires if {
	vs := check.violation with input as _in([{"name": "Lint title", "run": "echo \"${{ github.event.pull_request.title }}\" | ./lint-title.sh"}])
	count(vs) == 1
	some v in vs
	v.details.id == "SG-SC-3"
	v.details.resource == ".github/workflows/ci.yml/check/Lint title"
	v.details.expressions == ["github.event.pull_request.title"]
}

test_head_ref_and_comment_body_fire if {
	vs := check.violation with input as _in([{"run": "git push origin ${{ github.head_ref }}\necho '${{ github.event.comment.body }}'"}])
	some v in vs
	v.details.expressions == ["github.event.comment.body", "github.head_ref"]
}

test_github_script_fires if {
	step := {"uses": "actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea", "with": {"script": "core.info('${{ github.event.issue.title }}')"}}
	count(check.violation) == 1 with input as _in([step])
}

test_env_indirection_and_safe_values_are_clean if {
	steps := [
		{"env": {"TITLE": "${{ github.event.pull_request.title }}"}, "run": "echo \"$TITLE\""},
		{"run": "echo ${{ github.event.pull_request.number }} ${{ github.event.pull_request.head.sha }} ${{ github.sha }}"},
		{"run": "echo github.event.pull_request.title is not an expression"},
	]
	count(check.violation) == 0 with input as _in(steps)
}
