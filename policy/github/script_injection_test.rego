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

test_bracket_whole_event_and_any_case_references_fire if {
	steps := [
		{"name": "brackets", "run": "echo \"${{ github.event['issue'][\"title\"] }} ${{ github.event.commits[0].message }}\""},
		{"name": "whole", "run": "echo '${{ toJSON(github.event) }}' > event.json"},
		{"name": "case", "run": "echo \"${{ GitHub.Event.Issue.Body }}\""},
		{"name": "format", "run": "echo \"${{ format('{0}-x', github.event.pull_request.head.ref) }}\""},
	]
	vs := check.violation with input as _in(steps)
	{v.details.resource: v.details.expressions | some v in vs} == {
		".github/workflows/ci.yml/check/brackets": ["github.event.commits.0.message", "github.event.issue.title"],
		".github/workflows/ci.yml/check/whole": ["github.event"],
		".github/workflows/ci.yml/check/case": ["GitHub.Event.Issue.Body"],
		".github/workflows/ci.yml/check/format": ["github.event.pull_request.head.ref"],
	}
}

test_enum_boolean_and_base_repository_fields_are_clean if {
	run := concat("\n", [
		"echo ${{ github.event.action }} ${{ github.event.pull_request.draft }} ${{ github.event.pull_request.merged }}",
		"echo ${{ github.event.pull_request.head.repo.fork }} ${{ github.event.before }} ${{ github.event.after }}",
		"git fetch origin ${{ github.event.repository.default_branch }} ${{ github.event.pull_request.base.ref }}",
		"echo ${{ github.event.workflow_run.conclusion }} ${{ toJSON(github.event.repository) }}",
	])
	count(check.violation) == 0 with input as _in([{"run": run}])
}

test_dispatch_inputs_named_like_ids_fire if {
	vs := check.violation with input as _in([{"run": "deploy ${{ github.event.inputs.sha }} ${{ github.event.client_payload.id }}"}])
	some v in vs
	v.details.expressions == ["github.event.client_payload.id", "github.event.inputs.sha"]
}

test_azure_cli_inline_script_fires_and_env_is_clean if {
	step := {"uses": "Azure/cli@089eac9d8cc39f5d003e94f8b65efc51076c9cbd", "with": {"inlineScript": "az group create -n ${{ github.event.issue.title }}"}}
	safe := {"uses": "azure/cli@089eac9d8cc39f5d003e94f8b65efc51076c9cbd", "env": {"T": "${{ github.event.issue.title }}"}, "with": {"inlineScript": "az group create -n \"$T\""}}
	vs := check.violation with input as _in([step, safe])
	{v.details.resource | some v in vs} == {".github/workflows/ci.yml/check/step 1"}
}

test_composite_action_run_step_fires if {
	action := {"runs": {"using": "composite", "steps": [
		{"name": "greet", "shell": "bash", "run": "echo \"${{ github.event.issue.title }}\""},
		{"name": "safe", "shell": "bash", "env": {"T": "${{ github.event.issue.title }}"}, "run": "echo \"$T\""},
	]}}
	vs := check.violation with input as [{"path": "repo/.github/actions/greet/action.yml", "contents": action}]
	{v.details.resource | some v in vs} == {".github/actions/greet/action.yml/runs/greet"}
}

test_boolean_expressions_are_clean_but_operand_returning_ones_fire if {
	steps := [
		{"name": "bools", "run": concat("\n", [
			"echo ${{ contains(github.event.pull_request.labels.*.name, 'deploy') }}",
			"echo ${{ !startsWith(github.event.issue.title, '[bot]') }}",
			"echo ${{ github.event.comment.body == '/deploy' }}",
		])},
		{"name": "operand", "run": "echo ${{ github.event.issue.title != '' && github.event.issue.title || 'none' }}"},
		{"name": "nested", "run": "echo ${{ contains(toJSON(github.event.issue), 'x') && github.event.issue.body }}"},
		{"name": "markup", "run": "echo \"${{ format('<b>{0}</b>', github.event.issue.title) }}\""},
	]
	vs := check.violation with input as _in(steps)
	{v.details.resource | some v in vs} == {".github/workflows/ci.yml/check/operand", ".github/workflows/ci.yml/check/nested", ".github/workflows/ci.yml/check/markup"}
}
