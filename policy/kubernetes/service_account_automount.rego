# METADATA
# title: Service account mounts an API token it does not need
# description: |
#   A ServiceAccount that no RoleBinding or ClusterRoleBinding among the documents checked
#   grants anything does not need the Kubernetes API, yet unless it sets
#   `automountServiceAccountToken: false` every pod using it gets a bearer token mounted.
#   Workload identity does not need it either: the webhook projects its own token. Judged
#   over all documents together (bindings can be in other files).
# custom:
#   id: SG-ID-11
#   threats: []
#   severity: low
#   stride: Elevation of Privilege
#   inputs: [k8s]
#   aggregate: true
#   sync: [{group: rbac.authorization.k8s.io, version: v1, kind: RoleBinding}, {group: rbac.authorization.k8s.io, version: v1, kind: ClusterRoleBinding}]
#   kinds:
#     - apiGroups: [""]
#       kinds: [ServiceAccount]
#   remediation: |
#     Set `automountServiceAccountToken: false` on service accounts that do not call the
#     Kubernetes API (and on pods using them); bind a Role to the few that do.
#   references:
#     - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
#     - https://learn.microsoft.com/azure/aks/operator-best-practices-identity
package stridegate.kubernetes.service_account_automount

import data.lib.docs
import data.lib.k8s
import data.lib.pods
import data.lib.result

_complete if docs.combined

_complete if docs.gatekeeper

_complete if k8s.is_list(input)

# the service accounts some binding names, as [name, namespace], collected once
_bound_accounts contains [s.name, object.get(s, "namespace", k8s.namespace(b))] if {
	some kind in {"RoleBinding", "ClusterRoleBinding"}
	some b in k8s.of_kind(kind)
	some s in b.subjects
	s.kind == "ServiceAccount"
}

_bound(sa) if [sa.metadata.name, k8s.namespace(sa)] in _bound_accounts

# a binding to the groups of all service accounts (system:serviceaccounts) or of the
# namespace's (system:serviceaccounts:<ns>), or to the account's user name
# (system:serviceaccount:<ns>:<name>), grants the account too
_bound_subjects contains [s.kind, s.name] if {
	some kind in {"RoleBinding", "ClusterRoleBinding"}
	some b in k8s.of_kind(kind)
	some s in b.subjects
	s.kind in {"Group", "User"}
}

_bound(_) if ["Group", "system:serviceaccounts"] in _bound_subjects

_bound(sa) if ["Group", sprintf("system:serviceaccounts:%s", [k8s.namespace(sa)])] in _bound_subjects

_bound(sa) if ["User", sprintf("system:serviceaccount:%s:%s", [k8s.namespace(sa), sa.metadata.name])] in _bound_subjects

violation contains result.make(rego.metadata.chain(), msg, k8s.resource_id(o.object), o.path) if {
	_complete
	some o in k8s.objects
	o.object.kind == "ServiceAccount"
	not k8s.namespace(o.object) in k8s.system_namespaces
	not o.object.automountServiceAccountToken == false
	not _automount_unknown(o.object)
	not _bound(o.object)
	msg := sprintf("%s is bound to no role yet does not set automountServiceAccountToken: false: its pods carry an unused API token", [k8s.resource_id(o.object)])
}

# set to a template or variable string: unknown, never reported
_automount_unknown(sa) if pods.unknown_bool(sa.automountServiceAccountToken)
