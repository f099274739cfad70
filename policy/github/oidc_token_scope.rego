# METADATA
# title: id-token write on a job that does not use OIDC
# description: |
#   `id-token: write` lets a job request GitHub OIDC tokens, which the platform's Entra ID
#   federated credentials trade for Azure access. Only jobs that log in with OIDC (azure/login
#   and similar actions, Terraform with ARM_USE_OIDC, keyless signing) should get it; set at
#   workflow level it reaches every job, including ones that run third-party code. `az login
#   --federated-token` and `azd auth login --federated-credential-provider` count as OIDC
#   logins; a job that runs a local action (`./path`) is not reported, as that action may log in.
# custom:
#   id: SG-SC-4
#   threats: [E-4]
#   severity: medium
#   stride: Elevation of Privilege
#   inputs: [workflow]
#   parameters:
#     oidcActions:
#       type: array
#       items: {type: string}
#       description: Actions (owner/repo[/path], without @ref) that use the job's OIDC token.
#       default: [azure/login, aws-actions/configure-aws-credentials, google-github-actions/auth, hashicorp/vault-action, sigstore/cosign-installer, sigstore/gh-action-sigstore-python, actions/attest-build-provenance, actions/attest-sbom, actions/attest, actions/deploy-pages, pypa/gh-action-pypi-publish, octo-sts/action]
#   remediation: |
#     Grant `id-token: write` only in the `permissions` block of the job that logs in with
#     OIDC, and keep the workflow-level block at `{}` or `contents: read`.
#   references:
#     - https://docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect
#     - https://learn.microsoft.com/azure/developer/github/connect-from-azure-openid-connect
package stridegate.github.oidc_token_scope

import data.lib.params
import data.lib.result
import data.lib.workflow as wf

_oidc_actions := {lower(a) | some a in params.get("oidcActions", [
	"azure/login", "aws-actions/configure-aws-credentials", "google-github-actions/auth",
	"hashicorp/vault-action", "sigstore/cosign-installer", "sigstore/gh-action-sigstore-python",
	"actions/attest-build-provenance", "actions/attest-sbom", "actions/attest",
	"actions/deploy-pages", "pypa/gh-action-pypi-publish", "octo-sts/action",
])}

violation contains result.make_with(rego.metadata.chain(), msg, wf.job_resource(j), j.path, {"inherited": inherited}) if {
	some j in wf.jobs
	perms := wf.effective_permissions(j)
	is_object(perms)
	perms["id-token"] == "write"
	not _uses_oidc(j)
	inherited := _inherited(j)
	msg := sprintf("workflow %s job %q gets id-token: write%s but does not use OIDC", [j.file, j.id, _from(inherited)])
}

_inherited(j) if wf.inherits(j)

_inherited(j) := false if not wf.inherits(j)

_from(true) := " from the workflow-level permissions"

_from(false) := ""

# a reusable workflow call passes the permission on to the called workflow
_uses_oidc(j) if is_string(j.job.uses)

_uses_oidc(j) if {
	some step in j.job.steps
	is_string(step.uses)
	wf.action(step.uses) in _oidc_actions
}

_uses_oidc(j) if {
	some step in j.job.steps
	some text in _texts(step)
	regex.match(`(?i)ACTIONS_ID_TOKEN_REQUEST|federated-token|federated-credential-provider|getIDToken|cosign\s+(sign|attest)|--provenance`, text)
}

# a local action (`./path`) is not visible here: whether it logs in with OIDC is unknown
_uses_oidc(j) if {
	some step in j.job.steps
	is_string(step.uses)
	wf.local(step.uses)
}

# an action told to authenticate with OIDC: codecov/codecov-action `use_oidc: true`,
# `oidc: true`, `use-oidc`, an `oidc-audience` or `oidc-provider-name`
_uses_oidc(j) if {
	some step in j.job.steps
	some k, v in object.get(step, "with", {})
	regex.match(`(?i)^(use[-_]?)?oidc$`, k)
	lower(sprintf("%v", [v])) in {"true", "1", "yes"}
}

_uses_oidc(j) if {
	some step in j.job.steps
	some k, v in object.get(step, "with", {})
	regex.match(`(?i)^oidc[-_](audience|provider[-_]name|provider)$`, k)
	v != ""
}

_uses_oidc(j) if {
	some obj in array.concat([j.workflow, j.job], [s | some s in j.job.steps])
	some k, v in wf.env_of(obj)
	k in {"ARM_USE_OIDC", "ARM_OIDC_TOKEN", "AZURE_FEDERATED_TOKEN_FILE"}
	lower(sprintf("%v", [v])) != "false"
}

_texts(step) := {t |
	some t in [object.get(step, "run", ""), object.get(object.get(step, "with", {}), "script", "")]
	is_string(t)
}
