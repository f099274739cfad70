# METADATA
# title: Untrusted event data interpolated into a script
# description: |
#   `${{ github.event.* }}` (and `github.head_ref`) expressions are pasted into a `run:`
#   script or an actions/github-script `script:` before the shell or JavaScript runs, so a
#   pull request title, branch name, issue comment or commit message can inject commands
#   that run with the job's token and secrets. Numeric ids and SHAs are not reported.
# custom:
#   id: SG-SC-3
#   threats: []
#   severity: high
#   stride: Tampering
#   inputs: [workflow]
#   remediation: |
#     Pass the value through an environment variable and quote it in the script:
#     `env: {TITLE: "${{ github.event.pull_request.title }}"}` then `run: echo "$TITLE"`.
#   references:
#     - https://docs.github.com/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections
#     - https://securitylab.github.com/resources/github-actions-untrusted-input/
package stridegate.github.script_injection

import data.lib.result
import data.lib.workflow as wf

violation contains result.make_with(rego.metadata.chain(), msg, wf.step_resource(s), s.path, {"expressions": exprs}) if {
	some s in wf.steps
	exprs := sort({e | some script in _scripts(s.step); some e in _tainted(script)})
	count(exprs) > 0
	msg := sprintf("workflow %s job %q step %q interpolates %s into a script: event data can inject commands", [s.file, s.job_id, s.label, concat(", ", exprs)])
}

_scripts(step) := {step.run} if _has_run(step)

_has_run(step) if is_string(step.run)

_scripts(step) := {step.with.script} if {
	not _has_run(step)
	startswith(wf.action(step.uses), "actions/github-script")
	is_string(step.with.script)
}

_tainted(script) := {ref |
	some expr in regex.find_n(`\$\{\{[^}]*\}\}`, script, -1)
	some ref in regex.find_n(`github\.event\.[A-Za-z0-9_.\-\[\]'"*]+|github\.head_ref`, expr, -1)
	not _safe(ref)
}

_safe(ref) if regex.match(`(\.|_)(number|id|sha)$`, ref)
