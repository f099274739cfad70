# METADATA
# title: Action or reusable workflow not pinned to a commit SHA
# description: |
#   Every remote `uses:` (an action in a step or a reusable workflow at job level) must name a
#   full 40-hex commit SHA: tags and branches are mutable, and a moved tag runs attacker code
#   with the job's token and OIDC identity (tj-actions/changed-files, 2025). Local `./`
#   actions are fine; `docker://` images must be pinned by `@sha256:` digest. The pinned
#   share is the threat model's supply-chain metric (lib.workflow.pinning).
# custom:
#   id: SG-SC-1
#   threats: []
#   severity: high
#   stride: Tampering
#   inputs: [workflow]
#   remediation: |
#     Replace the tag with the commit it points to and keep the tag as a comment, e.g.
#     `uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2`; let
#     Dependabot or Renovate update the pins.
#   references:
#     - https://docs.github.com/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions
#     - https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/
package stridegate.github.action_pinning

import data.lib.result
import data.lib.workflow as wf

violation contains result.make_with(rego.metadata.chain(), msg, u.resource, u.path, extra) if {
	some u in wf.remote
	not wf.pinned(u.uses)
	extra := {"workflow": u.file, "job": u.job, "step": u.step, "uses": u.uses}
	msg := sprintf("%s uses %q, which is not pinned to a full commit SHA%s", [_where(u), u.uses, _docker(u.uses)])
}

_where(u) := sprintf("workflow %s job %q step %q", [u.file, u.job, u.step]) if u.step != ""

else := sprintf("workflow %s job %q (reusable workflow)", [u.file, u.job])

_docker(ref) := " (docker images need an @sha256: digest)" if wf.docker(ref)

else := ""
