# METADATA
# title: Workflow token or GitHub App token broader than the jobs need
# description: |
#   The GITHUB_TOKEN and GitHub App tokens a workflow creates should carry only the scopes
#   each job uses: `permissions: write-all`; write scopes set at workflow level and so
#   inherited by several jobs when only one needs them; no `permissions` block at all (the
#   token gets the repository default, often read/write on everything); and
#   `actions/create-github-app-token` without `permission-*` inputs (the token gets every
#   permission of the App installation) or with write access to administration, workflows,
#   secrets or members (tibdex/github-app-token: its JSON `permissions` input; one set from
#   an expression is unknown and not reported). The threat model accepts release-please and dependency review
#   needing `contents: write`: record that as an exception, not a rule change.
# custom:
#   id: E-4
#   threats: [E-4]
#   severity: low
#   stride: Elevation of Privilege
#   inputs: [workflow]
#   parameters:
#     appTokenSensitiveScopes:
#       type: array
#       items: {type: string}
#       description: GitHub App permission names a workflow-minted App token must not get with write or admin access.
#       default: [administration, workflows, secrets, members, organization-administration, organization-secrets]
#   remediation: |
#     Set `permissions: {}` (or `contents: read`) at workflow level and give each job only the
#     write scopes it uses, in its own `permissions` block; pass `permission-<scope>: read|write`
#     inputs to actions/create-github-app-token for exactly the scopes the job uses.
#   references:
#     - https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token
#     - https://github.com/actions/create-github-app-token#permission-permission-name
package stridegate.github.token_permissions

import data.lib.params
import data.lib.result
import data.lib.workflow as wf

_sensitive := params.get("appTokenSensitiveScopes", ["administration", "workflows", "secrets", "members", "organization-administration", "organization-secrets"])

_app_token_actions := {"actions/create-github-app-token", "tibdex/github-app-token"}

# write-all at workflow level
violation contains result.make(rego.metadata.chain(), msg, w.file, w.path) if {
	some w in wf.workflows
	w.workflow.permissions == "write-all"
	msg := sprintf("workflow %s sets `permissions: write-all`: every job's token can write to every scope", [w.file])
}

# write-all at job level
violation contains result.make(rego.metadata.chain(), msg, wf.job_resource(j), j.path) if {
	some j in wf.jobs
	j.job.permissions == "write-all"
	msg := sprintf("workflow %s job %q sets `permissions: write-all`", [j.file, j.id])
}

# workflow-level write scopes inherited by several jobs
violation contains result.make_with(rego.metadata.chain(), msg, w.file, w.path, {"scopes": scopes, "jobs": heirs}) if {
	some w in wf.workflows
	is_object(w.workflow.permissions)
	scopes := sort({s | some s in wf.write_scopes(w.workflow.permissions); s != "id-token"})
	count(scopes) > 0
	heirs := sort([j.id | some j in wf.jobs; j.path == w.path; j.workflow == w.workflow; wf.inherits(j)])
	count(heirs) > 1
	msg := sprintf("workflow %s grants %s write at workflow level, inherited by jobs %s: move the write scopes to the job that needs them", [w.file, concat(", ", scopes), concat(", ", heirs)])
}

# no permissions block: jobs get the repository default
violation contains result.make_with(rego.metadata.chain(), msg, w.file, w.path, {"jobs": bare}) if {
	some w in wf.workflows
	not wf.has_permissions(w.workflow)
	not _called_only(w.workflow)
	bare := sort([j.id | some j in wf.jobs; j.path == w.path; j.workflow == w.workflow; not wf.has_permissions(j.job)])
	count(bare) > 0
	msg := sprintf("workflow %s has no permissions block for jobs %s: their token gets the repository default permissions", [w.file, concat(", ", bare)])
}

# a reusable workflow only runs with its caller's token
_called_only(w) if wf.triggers(w) == {"workflow_call"}

# GitHub App token without permission inputs
violation contains result.make_with(rego.metadata.chain(), msg, wf.step_resource(s), s.path, {"uses": s.step.uses}) if {
	some s in wf.steps
	is_string(s.step.uses)
	wf.action(s.step.uses) in _app_token_actions
	count(_app_permissions(s.step)) == 0
	msg := sprintf("workflow %s job %q step %q mints a GitHub App token without permission inputs: it gets every permission of the App installation", [s.file, s.job_id, s.label])
}

# GitHub App token with write/admin on sensitive scopes
violation contains result.make_with(rego.metadata.chain(), msg, wf.step_resource(s), s.path, {"uses": s.step.uses, "scopes": broad}) if {
	some s in wf.steps
	is_string(s.step.uses)
	wf.action(s.step.uses) in _app_token_actions
	perms := _app_permissions(s.step)
	broad := sort([sprintf("%s: %s", [k, v]) | some k, v in perms; k in _sensitive; v in {"write", "admin"}])
	count(broad) > 0
	msg := sprintf("workflow %s job %q step %q mints a GitHub App token with %s", [s.file, s.job_id, s.label, concat(", ", broad)])
}

_with(step) := step.with if is_object(step.with)

else := {}

# create-github-app-token: permission-<scope> inputs
_app_permissions(step) := {substring(k, count("permission-"), -1): lower(sprintf("%v", [v])) |
	some k, v in _with(step)
	startswith(k, "permission-")
} if wf.action(step.uses) == "actions/create-github-app-token"

# tibdex/github-app-token: a JSON `permissions` input
_app_permissions(step) := {k: lower(sprintf("%v", [v])) | some k, v in perms} if {
	wf.action(step.uses) == "tibdex/github-app-token"
	perms := _tibdex(step)
}

# undefined (unknown, not reported) when the input is an expression or otherwise not JSON
_tibdex(step) := json.unmarshal(p) if {
	p := _with(step).permissions
	is_string(p)
	json.is_valid(p)
} else := p if {
	p := _with(step).permissions
	is_object(p)
} else := {} if not "permissions" in object.keys(_with(step))
