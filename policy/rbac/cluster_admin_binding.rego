# METADATA
# title: cluster-admin bound to a non-system principal
# description: |
#   A RoleBinding or ClusterRoleBinding that grants the built-in `cluster-admin` ClusterRole
#   to anything other than the control plane's own principals (system:masters, system:
#   users, service accounts of system namespaces) hands full control of the cluster (or of a
#   namespace, for a RoleBinding) to that user, group or service account. Groups standing for
#   everyone or for all service accounts (system:authenticated, system:serviceaccounts) count
#   as non-system. Bindings AKS's addon manager reconciles (aks-cluster-admin-binding and
#   -aad: local accounts and the cluster's configured Entra ID admin groups) are not reported:
#   they follow the cluster's Terraform settings (local accounts, admin group ids). A binding
#   merely named `system:...` is still checked.
# custom:
#   id: SG-K8S-10
#   threats: []
#   severity: critical
#   stride: Elevation of Privilege
#   inputs: [k8s]
#   kinds:
#     - apiGroups: [rbac.authorization.k8s.io]
#       kinds: [ClusterRoleBinding, RoleBinding]
#   remediation: |
#     Bind people and workloads to narrower ClusterRoles/Roles (view, edit, or a custom role),
#     grant cluster administration through Entra ID groups mapped to Azure RBAC roles with
#     just-in-time activation, and keep cluster-admin for break-glass only.
#   references:
#     - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#     - https://learn.microsoft.com/azure/aks/manage-azure-rbac
package stridegate.rbac.cluster_admin_binding

import data.lib.k8s
import data.lib.k8s_rbac as rbac
import data.lib.result

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(b), o.path, {"subjects": ids}) if {
	some o in rbac.bindings
	b := o.object
	b.roleRef.kind == "ClusterRole"
	b.roleRef.name == "cluster-admin"
	not rbac.managed_object(b)
	ids := sort([rbac.subject_id(s) | some s in rbac.subjects(b)])
	count(ids) > 0
	msg := sprintf("%s grants cluster-admin%s to %s", [k8s.resource_id(b), _where(b), concat(", ", ids)])
}

_where(b) := sprintf(" in namespace %q", [k8s.namespace(b)]) if b.kind == "RoleBinding"

else := " cluster-wide"
