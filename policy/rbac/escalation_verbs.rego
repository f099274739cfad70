# METADATA
# title: Role or ClusterRole grants escalate, bind or impersonate
# description: |
#   `escalate` lets a subject create or edit roles with permissions it does not hold, `bind`
#   lets it bind any role to anyone, and `impersonate` lets it act as other users, groups or
#   service accounts: each is a direct path to cluster-admin. Only verbs on the resources
#   they act on count (roles/clusterroles, users/groups/serviceaccounts/uids/userextras), and
#   rules limited by resourceNames are not reported. Kubernetes' and AKS's own roles are not
#   reported; wildcard verbs are reported by SG-K8S-11.
# custom:
#   id: SG-K8S-12
#   threats: []
#   severity: high
#   stride: Elevation of Privilege
#   inputs: [k8s]
#   kinds:
#     - apiGroups: [rbac.authorization.k8s.io]
#       kinds: [ClusterRole, Role]
#   remediation: |
#     Remove the escalate, bind and impersonate verbs; let a restricted GitOps or admin
#     identity manage RBAC objects, and scope any remaining grant with resourceNames.
#   references:
#     - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks
#     - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping
package stridegate.rbac.escalation_verbs

import data.lib.k8s
import data.lib.k8s_rbac as rbac
import data.lib.result

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(role), o.path, {"verbs": verbs}) if {
	some o in rbac.roles
	role := o.object
	not rbac.system_object(role)
	verbs := sort({v | some r in object.get(role, "rules", []); some v in rbac.escalation(r)})
	count(verbs) > 0
	msg := sprintf("%s grants %s: holders can raise their own privileges", [k8s.resource_id(role), concat(", ", verbs)])
}
