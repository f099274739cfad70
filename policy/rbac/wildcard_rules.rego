# METADATA
# title: Role or ClusterRole with wildcard verbs or resources
# description: |
#   A Role or ClusterRole whose rules use `*` for verbs, resources or non-resource URLs grants
#   every current and future permission in that dimension, including subresources and
#   custom resources added later. Kubernetes' and AKS's own roles (bootstrap defaults,
#   addon-managed, `system:` names) are not reported.
# custom:
#   id: SG-K8S-11
#   threats: []
#   severity: high
#   stride: Elevation of Privilege
#   inputs: [k8s]
#   kinds:
#     - apiGroups: [rbac.authorization.k8s.io]
#       kinds: [ClusterRole, Role]
#   remediation: |
#     List the exact verbs and resources the role needs (`kubectl auth can-i --list` on a test
#     identity, or audit logs, show which are used) instead of `*`.
#   references:
#     - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#minimize-wildcard-permissions
package stridegate.rbac.wildcard_rules

import data.lib.k8s
import data.lib.k8s_rbac as rbac
import data.lib.result

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(role), o.path, {"rules": idx}) if {
	some o in rbac.roles
	role := o.object
	not rbac.system_object(role)
	idx := [i | some i, r in object.get(role, "rules", []); _wild(r)]
	count(idx) > 0
	kinds := sort({w | some i in idx; some w in _what(role.rules[i])})
	msg := sprintf("%s uses %s in rule(s) %v", [k8s.resource_id(role), concat(" and ", kinds), idx])
}

_wild(r) if rbac.wildcard_verbs(r)

_wild(r) if rbac.wildcard_resources(r)

_what(r) := {"wildcard verbs" | rbac.wildcard_verbs(r)} | {"wildcard resources" | rbac.wildcard_resources(r)}
