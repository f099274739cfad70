# METADATA
# title: pull_request_target or workflow_run workflow checks out untrusted PR code
# description: |
#   `pull_request_target` and `workflow_run` jobs run with the base repository's secrets and
#   a write-capable token. Checking out the pull request's head (ref, SHA, merge ref or fork
#   repository) and building or running it hands those to anyone who opens a pull request
#   ("pwn request").
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

_untrusted := `(?i)github\.event\.pull_request\.head\.|github\.head_ref|refs/pull/|github\.event\.workflow_run\.head_|github\.event\.number|pull_request\.merge`

violation contains result.make_with(rego.metadata.chain(), msg, wf.step_resource(s), s.path, {"trigger": concat(", ", triggers)}) if {
	some s in wf.steps
	triggers := sort(wf.triggers(s.workflow) & _privileged)
	count(triggers) > 0
	_checks_out_head(s.step)
	msg := sprintf("workflow %s (%s) job %q step %q checks out the pull request's code with the base repository's secrets and token", [s.file, concat(", ", triggers), s.job_id, s.label])
}

_checks_out_head(step) if {
	wf.action(step.uses) == "actions/checkout"
	some k in ["ref", "repository"]
	regex.match(_untrusted, sprintf("%v", [step.with[k]]))
}

_checks_out_head(step) if {
	is_string(step.run)
	regex.match(`(?i)gh\s+pr\s+checkout`, step.run)
}

_checks_out_head(step) if {
	is_string(step.run)
	regex.match(`(?i)git\s+(fetch|checkout|switch|pull)\b[^\n]*`, step.run)
	regex.match(_untrusted, step.run)
}
