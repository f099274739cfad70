# METADATA
# title: GitHub Actions workflows
# description: |
#   GitHub Actions workflow files, recognised by a path under `.github/workflows/` or by
#   shape (`jobs` plus a trigger key). YAML 1.1 parsers turn the `on:` key into "true" (conftest)
#   or boolean true; all three spellings are read. Gives jobs, steps and every `uses:`
#   reference with the workflow file, job and step that name it, token permissions as written
#   and as a job effectively gets them, and the SHA-pinned share of `uses:` references.
#   Composite actions (action.yml, `runs.using: composite`) give their steps as job "runs".
# custom:
#   library: true
package lib.workflow

import data.lib.docs

_on_keys := {"on", "true", true}

# on returns the workflow's trigger value (string, list or map), whatever YAML made of `on`.
on(w) := v if {
	some k, v in w
	k in _on_keys
}

# triggers lists the event names a workflow runs on.
triggers(w) := {on(w)} if is_string(on(w))

triggers(w) := {e | some e in on(w)} if is_array(on(w))

triggers(w) := {e | some e, _ in on(w)} if is_object(on(w))

_is_workflow(doc) if contains(doc.path, ".github/workflows/")

_is_workflow(doc) if count(triggers(doc.contents)) > 0

# file names a workflow for findings: its path from `.github/workflows/` on, else the file
# name, else the workflow's name.
file(path, w) := concat("", [".github/workflows/", parts[count(parts) - 1]]) if {
	parts := split(path, ".github/workflows/")
	count(parts) > 1
} else := docs.base(path) if {
	path != ""
} else := w.name if {
	is_string(w.name)
} else := "workflow"

# workflows lists every workflow document as {path, file, workflow}.
workflows contains {"path": doc.path, "file": file(doc.path, doc.contents), "workflow": doc.contents} if {
	some doc in docs.documents
	is_object(doc.contents)
	is_object(doc.contents.jobs)
	_is_workflow(doc)
}

# jobs lists every job as {path, file, workflow, id, job}. A composite action file
# (`runs.using: composite`) counts as one job, id "runs", whose steps are runs.steps: it has
# no triggers or permissions of its own, but its steps run in the caller's job.
jobs contains {"path": wf.path, "file": wf.file, "workflow": wf.workflow, "id": id, "job": job} if {
	some wf in workflows
	some id, job in wf.workflow.jobs
	is_object(job)
}

jobs contains {"path": doc.path, "file": action_file(doc.path), "workflow": doc.contents, "id": "runs", "job": {"steps": doc.contents.runs.steps}} if {
	some doc in docs.documents
	composite_action(doc.contents)
}

# composite_action is true for a composite action's action.yml.
composite_action(a) if {
	is_object(a)
	is_object(a.runs)
	is_string(a.runs.using)
	lower(a.runs.using) == "composite"
	is_array(a.runs.steps)
}

# action_file names an action file from its `.github/` directory on, else by its path.
action_file(path) := concat("", [".github/", parts[count(parts) - 1]]) if {
	parts := split(path, ".github/")
	count(parts) > 1
} else := path

# step_label names a step: its name, else its id, else "step N" (1-based).
step_label(step, i) := step.name if {
	is_string(step.name)
	step.name != ""
} else := step.id if {
	is_string(step.id)
	step.id != ""
} else := sprintf("step %d", [i + 1])

# steps lists every step as {path, file, workflow, job_id, job, index, step, label}.
steps contains {
	"path": j.path, "file": j.file, "workflow": j.workflow, "job_id": j.id, "job": j.job,
	"index": i, "step": step, "label": step_label(step, i),
} if {
	some j in jobs
	some i, step in j.job.steps
	is_object(step)
}

# step_resource names a step as <workflow file>/<job>/<step label>.
step_resource(s) := sprintf("%s/%s/%s", [s.file, s.job_id, s.label])

# job_resource names a job as <workflow file>/<job>.
job_resource(j) := sprintf("%s/%s", [j.file, j.id])

# uses lists every `uses:` reference (step actions and job-level reusable workflows) as
# {path, file, job, step, index, uses, resource}; step is "" for a job-level reference.
uses contains {
	"path": s.path, "file": s.file, "job": s.job_id, "step": s.label, "index": s.index,
	"uses": s.step.uses, "resource": step_resource(s),
} if {
	some s in steps
	is_string(s.step.uses)
}

uses contains {
	"path": j.path, "file": j.file, "job": j.id, "step": "", "index": -1,
	"uses": j.job.uses, "resource": job_resource(j),
} if {
	some j in jobs
	is_string(j.job.uses)
}

# local is true for actions in the same repository (`./path`).
local(ref) if startswith(trim_space(ref), "./")

# docker is true for `docker://image` references.
docker(ref) if startswith(trim_space(ref), "docker://")

# pinned is true when a remote reference is immutable: a full 40-hex commit SHA, or a
# docker image digest.
pinned(ref) if regex.match(`^[^@\s]+@[0-9a-fA-F]{40}$`, trim_space(ref))

pinned(ref) if {
	docker(ref)
	regex.match(`@sha256:[0-9a-fA-F]{64}$`, trim_space(ref))
}

# remote lists the `uses:` references that fetch code from outside the repository.
remote contains u if {
	some u in uses
	not local(u.uses)
}

# pinning is the SHA-pinned share of remote `uses:` references over all workflow documents:
# {"pinned": n, "total": m}. Local `./` actions are not counted.
pinning := {
	"pinned": count({u | some u in remote; pinned(u.uses)}),
	"total": count(remote),
}

# action returns the owner/repo[/path] part of a reference, lower-cased ("" for local/docker).
action(ref) := lower(split(trim_space(ref), "@")[0]) if {
	not local(ref)
	not docker(ref)
} else := ""

_has_key(obj, key) if {
	is_object(obj)
	key in object.keys(obj)
}

# has_permissions is true when the workflow or job object sets `permissions`.
has_permissions(obj) if _has_key(obj, "permissions")

# effective_permissions returns the permissions a job's token gets as written in the file:
# the job's block, else the workflow's; undefined when neither sets one (repository default).
effective_permissions(j) := j.job.permissions if {
	has_permissions(j.job)
} else := j.workflow.permissions if {
	has_permissions(j.workflow)
}

# inherits is true when the job takes the workflow-level permissions.
inherits(j) if {
	not has_permissions(j.job)
	has_permissions(j.workflow)
}

# write_scopes returns the scopes a permissions value grants write on ({"*"} for write-all).
write_scopes(p) := {"*"} if p == "write-all"

write_scopes(p) := {k | some k, v in p; v == "write"} if is_object(p)

write_scopes(p) := set() if {
	is_string(p)
	p != "write-all"
}

write_scopes(p) := set() if p == null

# env_of returns the env map of a workflow, job or step ({} when absent or not a map).
env_of(obj) := obj.env if {
	is_object(obj.env)
} else := {}
