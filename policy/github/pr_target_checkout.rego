# METADATA
# title: pull_request_target or workflow_run workflow checks out untrusted PR code
# description: |
#   `pull_request_target` and `workflow_run` jobs run with the base repository's secrets and
#   a write-capable token. Checking out the pull request's head (ref, SHA, merge ref or fork
#   repository) and building or running it hands those to anyone who opens a pull request
#   ("pwn request"). The head is recognised in actions/checkout `ref`/`repository`, in git
#   command lines (`pull/N/head` refspecs included) and through environment variables set from it.
# custom:
#   id: SG-SC-2
#   threats: []
#   severity: critical
#   stride: Elevation of Privilege
#   inputs: [workflow]
#   remediation: |
#     Use the `pull_request` trigger for anything that builds or runs PR code; if a privileged
#     follow-up is needed, pass results as artifacts to a separate workflow that never executes
#     them, and keep `pull_request_target` jobs to label/comment steps on the base ref.
#   references:
#     - https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/
#     - https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request_target
package stridegate.github.pr_target_checkout

import data.lib.result
import data.lib.workflow as wf

_privileged := {"pull_request_target", "workflow_run"}

_untrusted := `(?i)github\.event\.pull_request\.head\.|github\.head_ref|refs/pull/|\bpull/.*/(head|merge)\b|github\.event\.workflow_run\.head_|pull_request\.merge`

violation contains result.make_with(rego.metadata.chain(), msg, wf.step_resource(s), s.path, {"trigger": concat(", ", triggers)}) if {
	some s in wf.steps
	triggers := sort(wf.triggers(s.workflow) & _privileged)
	count(triggers) > 0
	_checks_out_head(s)
	msg := sprintf("workflow %s (%s) job %q step %q checks out the pull request's code with the base repository's secrets and token", [s.file, concat(", ", triggers), s.job_id, s.label])
}

_checks_out_head(s) if {
	wf.action(s.step.uses) == "actions/checkout"
	some k in ["ref", "repository"]
	_names_head(sprintf("%v", [s.step.with[k]]), s)
}

_checks_out_head(s) if {
	is_string(s.step.run)
	regex.match(`(?i)gh\s+pr\s+checkout`, s.step.run)
}

# a git command line (continuation lines joined) that names the head
_checks_out_head(s) if {
	is_string(s.step.run)
	some line in split(replace(s.step.run, "\\\n", " "), "\n")
	regex.match(`(?i)git\s+(fetch|checkout|switch|pull)\b`, line)
	_names_head(line, s)
}

_names_head(text, _) if regex.match(_untrusted, text)

# through an environment variable set from the head: ${{ env.HEAD }}, $HEAD, ${HEAD}
_names_head(text, s) if {
	some k in _head_env(s)
	regex.match(sprintf(`(env\.|\$\{?)%s\b`, [k]), text)
}

_env(s) := object.union_n([wf.env_of(s.workflow), wf.env_of(s.job), wf.env_of(s.step)])

_head_env(s) := {k |
	some k, v in _env(s)
	regex.match(`^[A-Za-z_][A-Za-z0-9_]*$`, k)
	is_string(v)
	regex.match(_untrusted, v)
}
