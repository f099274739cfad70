# METADATA
# title: Service account bound to a powerful role
# description: |
#   A service account (the namespace's `default` one included, which every pod without
#   `serviceAccountName` runs as) bound to cluster-admin, admin, edit or any role with
#   wildcards, escalate/bind/impersonate, Secret read, RBAC write, pod exec, token minting
#   or node proxy turns any compromise of a pod using it into a cluster or namespace
#   takeover. Bindings are joined to their roles in the same input set (or the Gatekeeper
#   inventory); service accounts of system namespaces are not reported.
# custom:
#   id: SG-K8S-14
#   threats: []
#   severity: high
#   stride: Elevation of Privilege
#   inputs: [k8s]
#   aggregate: true
#   kinds:
#     - apiGroups: [rbac.authorization.k8s.io]
#       kinds: [ClusterRoleBinding, RoleBinding]
#   sync:
#     - {group: rbac.authorization.k8s.io, version: v1, kind: ClusterRole}
#     - {group: rbac.authorization.k8s.io, version: v1, kind: Role}
#   remediation: |
#     Give each workload its own service account bound to a Role with only the verbs and
#     resources it uses; never bind roles to `default`, and set
#     `automountServiceAccountToken: false` where the API is not needed.
#   references:
#     - https://kubernetes.io/docs/concepts/security/service-accounts/
#     - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
package stridegate.rbac.service_account_powerful_role

import data.lib.k8s
import data.lib.k8s_rbac as rbac
import data.lib.result

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(b), o.path, extra) if {
	some o in rbac.bindings
	b := o.object
	not rbac.system_object(b)
	sas := sort({_sa_name(sa) | some s in rbac.subjects(b); sa := rbac.service_account(s); not sa.namespace in k8s.system_namespaces})
	count(sas) > 0
	powers := sort(_powers(b))
	count(powers) > 0
	extra := {"serviceAccounts": sas, "role": rbac.role_ref(b), "powers": powers}
	msg := sprintf("%s binds %s to %s, which can %s%s", [k8s.resource_id(b), concat(", ", sas), rbac.role_ref(b), concat(", ", powers), _default_note(sas)])
}

_powerful_names := {"cluster-admin", "admin", "edit"}

_powers(b) := rbac.powers(rbac.bound_rules(b)) | {sprintf("act as built-in %s", [b.roleRef.name]) | b.roleRef.kind == "ClusterRole"; b.roleRef.name in _powerful_names}

_sa_name(sa) := sprintf("all service accounts in %s", [sa.namespace]) if {
	sa.name == "*"
	sa.namespace != "*"
} else := "all service accounts" if {
	sa.name == "*"
} else := sprintf("ServiceAccount/%s/%s", [sa.namespace, sa.name])

_default_note(sas) := " (the default service account is used by every pod that names none)" if {
	some s in sas
	endswith(s, "/default")
} else := ""
