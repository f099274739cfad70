package stridegate.rbac.cluster_admin_binding_test

import data.stridegate.rbac.cluster_admin_binding as check

_crb(name, role, subjects) := {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
	"metadata": {"name": name},
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role},
	"subjects": subjects,
}

_rb(ns, name, role, subjects) := {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
	"metadata": {"name": name, "namespace": ns},
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role},
	"subjects": subjects,
}

_user(n) := {"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": n}

_group(n) := {"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": n}

_sa(ns, n) := {"kind": "ServiceAccount", "name": n, "namespace": ns}

test_user_bound_to_cluster_admin_fires if {
	vs := check.violation with input as _crb("ops-admins", "cluster-admin", [_user("ops@contoso.com"), _group("system:masters")])
	count(vs) == 1
	some v in vs
	v.details.id == "SG-K8S-10"
	v.details.resource == "ClusterRoleBinding/ops-admins"
	v.details.subjects == ["User/ops@contoso.com"]
	contains(v.msg, "cluster-wide")
}

test_system_masters_is_clean if {
	crb := object.union(_crb("cluster-admin", "cluster-admin", [_group("system:masters")]), {"metadata": {"name": "cluster-admin", "labels": {"kubernetes.io/bootstrapping": "rbac-defaults"}}})
	count(check.violation) == 0 with input as crb
}

test_kube_system_service_account_is_clean if {
	count(check.violation) == 0 with input as _crb("addon", "cluster-admin", [_sa("kube-system", "addon")])
}

test_workload_service_account_fires if {
	vs := check.violation with input as _crb("osmo", "cluster-admin", [_sa("osmo", "osmo-backend")])
	{v.details.resource | some v in vs} == {"ClusterRoleBinding/osmo"}
}

test_everyone_groups_are_not_system if {
	vs := check.violation with input as _crb("oops", "cluster-admin", [_group("system:authenticated"), _group("system:serviceaccounts")])
	some v in vs
	v.details.subjects == ["Group/system:authenticated", "Group/system:serviceaccounts"]
}

test_rolebinding_to_cluster_admin_fires_in_namespace if {
	vs := check.violation with input as _rb("training", "admins", "cluster-admin", [_group("0b2c3d4e-aad-group")])
	some v in vs
	v.details.resource == "RoleBinding/training/admins"
	contains(v.msg, `namespace "training"`)
}

test_other_roles_are_clean if {
	count(check.violation) == 0 with input as _crb("viewers", "view", [_user("ops@contoso.com")])
}

test_list_and_combined_and_gatekeeper if {
	b := _crb("ops", "cluster-admin", [_user("u")])
	count(check.violation) == 1 with input as {"apiVersion": "v1", "kind": "List", "items": [b]}
	count(check.violation) == 1 with input as [{"path": "rbac.json", "contents": b}]
	count(check.violation) == 1 with input as {"review": {"object": b}}
}

test_aks_reconciled_binding_is_clean_and_system_name_is_not_enough if {
	labels := {"addonmanager.kubernetes.io/mode": "Reconcile", "kubernetes.io/cluster-service": "true"}
	aks := object.union(_crb("aks-cluster-admin-binding", "cluster-admin", [_user("clusterAdmin"), _user("clusterUser")]), {"metadata": {"labels": labels}})
	disguised := _crb("system:metrics", "cluster-admin", [_user("mallory")])
	vs := check.violation with input as {"apiVersion": "v1", "kind": "List", "items": [aks, disguised]}
	{v.details.resource | some v in vs} == {"ClusterRoleBinding/system:metrics"}
}

test_typed_binding_list_items_without_kind if {
	item := object.remove(_crb("ops", "cluster-admin", [_user("ops@contoso.com")]), ["apiVersion", "kind"])
	lst := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBindingList", "metadata": {}, "items": [item]}
	vs := check.violation with input as lst
	{v.details.resource | some v in vs} == {"ClusterRoleBinding/ops"}
}
