# METADATA
# title: Untrusted event data interpolated into a script
# description: |
#   `${{ github.event.* }}` (and `github.head_ref`) expressions are pasted into a `run:`
#   script or an actions/github-script `script:` before the shell or JavaScript runs, so a
#   pull request title, branch name, issue comment or commit message can inject commands
#   that run with the job's token and secrets. azure/cli and azure/powershell `inlineScript:`
#   count as scripts too. Bracket (`github.event['issue']['title']`), whole-object
#   (`toJSON(github.event)`) and any-case references are read; numeric ids, SHAs, booleans,
#   enum fields, the base repository's own data and expressions that can only print true or
#   false (`contains(...)`, comparisons) are not reported.
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

# actions whose input is a script run as written: actions/github-script `script`,
# azure/cli and azure/powershell `inlineScript`
_script_inputs := {"actions/github-script": "script", "azure/cli": "inlineScript", "azure/powershell": "inlineScript"}

_scripts(step) := {script} if {
	not _has_run(step)
	some action, key in _script_inputs
	startswith(wf.action(step.uses), action)
	script := step.with[key]
	is_string(script)
}

# every ${{ }} expression (lazily, so that `}` inside one, as in format('{0}', ...), does not
# end it), then every reference to event data in it; contexts are case-insensitive and
# github.event['issue']["title"] / commits[0] index forms read as dotted paths.
_tainted(script) := {ref |
	some expr in regex.find_n(`(?s)\$\{\{.*?\}\}`, script, -1)
	not _boolean(expr)
	some ref in regex.find_n(`(?i)\bgithub\.event\b(\.[A-Za-z0-9_\-*]+)*|\bgithub\.head_ref\b`, _dotted(expr), -1)
	not _safe(lower(ref))
}

# an expression that can only print true or false: one contains/startsWith/endsWith call, or
# comparisons without calls or && / || (which return an operand, not a boolean)
_boolean(expr) if regex.match(`(?is)^\$\{\{\s*!?\s*(contains|startswith|endswith)\([^()]*\)\s*\}\}$`, expr)

_boolean(expr) if regex.match(`(?s)^\$\{\{[^&|()]*(==|!=|<|>)[^&|()]*\}\}$`, expr)

_dotted(expr) := regex.replace(regex.replace(expr, `\[\s*['"]([^'"\]]*)['"]\s*\]`, ".$1"), `\[\s*([0-9]+|\*)\s*\]`, ".$1")

# numbers, ids, SHAs and enum/boolean fields, and the base repository's own data
_safe(ref) if {
	not _free_text(ref)
	regex.match(`(\.|_)(number|id|sha)$|\.(before|after|action|merged|draft|fork|private|locked|state|conclusion|status)$`, ref)
}

_safe(ref) if regex.match(`^github\.event\.(repository|pull_request\.base)(\.|$)`, ref)

# inputs and dispatch payloads are free text whatever their names
_free_text(ref) if startswith(ref, "github.event.inputs.")

_free_text(ref) if startswith(ref, "github.event.client_payload.")
