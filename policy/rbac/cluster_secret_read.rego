# METADATA
# title: Cluster-wide read access to Secrets
# description: |
#   A ClusterRoleBinding that gives a non-system principal get, list or watch on Secrets (by
#   name, wildcard or a built-in role such as cluster-admin, admin or edit) exposes every
#   Secret in every namespace: Key Vault values synced by the CSI driver, service account
#   tokens, registry credentials. The binding is joined to its ClusterRole in the same
#   input set (or the Gatekeeper inventory); an unknown role gives no finding.
# custom:
#   id: SG-K8S-13
#   threats: []
#   severity: high
#   stride: Information Disclosure
#   inputs: [k8s]
#   aggregate: true
#   kinds:
#     - apiGroups: [rbac.authorization.k8s.io]
#       kinds: [ClusterRoleBinding]
#   sync: [{group: rbac.authorization.k8s.io, version: v1, kind: ClusterRole}]
#   remediation: |
#     Grant Secret access with RoleBindings in the namespaces that need it, limited by
#     resourceNames where possible, or mount secrets through the Key Vault CSI driver
#     instead of reading them through the API.
#   references:
#     - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets
#     - https://learn.microsoft.com/azure/aks/csi-secrets-store-driver
package stridegate.rbac.cluster_secret_read

import data.lib.k8s
import data.lib.k8s_rbac as rbac
import data.lib.result

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(b), o.path, extra) if {
	some o in rbac.bindings
	b := o.object
	b.kind == "ClusterRoleBinding"
	not rbac.system_object(b)
	ids := sort([rbac.subject_id(s) | some s in rbac.subjects(b)])
	count(ids) > 0
	verbs := sort({v | some r in rbac.bound_rules(b); some v in rbac.reads_secrets(r)})
	count(verbs) > 0
	extra := {"subjects": ids, "role": rbac.role_ref(b), "verbs": verbs}
	msg := sprintf("%s lets %s %s Secrets in every namespace through %s", [k8s.resource_id(b), concat(", ", ids), concat("/", verbs), rbac.role_ref(b)])
}
