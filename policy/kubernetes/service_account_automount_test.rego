package stridegate.kubernetes.service_account_automount_test

import data.stridegate.kubernetes.service_account_automount as check

_sa(ns, name, extra) := object.union({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name, "namespace": ns}}, extra)

_rb(ns, sa_ns, sa) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": {"name": "rb", "namespace": ns}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "r"}, "subjects": [{"kind": "ServiceAccount", "name": sa, "namespace": sa_ns}]}

_docs(objs) := [{"path": "m.yaml", "contents": o} | some o in objs]

test_unbound_automounting_sa_fires if {
	vs := check.violation with input as _docs([_sa("training", "trainer", {})])
	{v.details.resource | some v in vs} == {"ServiceAccount/training/trainer"}
	some v in vs
	v.details.id == "SG-ID-11"
}

test_explicit_true_fires if {
	vs := check.violation with input as _docs([_sa("training", "trainer", {"automountServiceAccountToken": true})])
	count(vs) == 1
}

test_opt_out_is_clean if {
	vs := check.violation with input as _docs([_sa("training", "trainer", {"automountServiceAccountToken": false})])
	count(vs) == 0
}

test_bound_sa_needs_the_api if {
	vs := check.violation with input as _docs([_sa("osmo", "osmo-backend", {}), _rb("osmo", "osmo", "osmo-backend")])
	count(vs) == 0
}

test_binding_in_other_namespace_for_other_sa if {
	vs := check.violation with input as _docs([_sa("osmo", "osmo-backend", {}), _rb("osmo", "training", "osmo-backend")])
	count(vs) == 1
}

test_lone_document_not_judged if {
	vs := check.violation with input as _sa("training", "trainer", {})
	count(vs) == 0
}

test_list_is_complete if {
	vs := check.violation with input as {"apiVersion": "v1", "kind": "List", "items": [_sa("training", "trainer", {}), _sa("kube-system", "x", {})]}
	count(vs) == 1
}

test_gatekeeper_inventory_binding if {
	inv := {"namespace": {"osmo": {"rbac.authorization.k8s.io/v1": {"RoleBinding": {"rb": _rb("osmo", "osmo", "osmo-backend")}}}}}
	vs := check.violation with input as {"review": {"object": _sa("osmo", "osmo-backend", {})}} with data.inventory as inv
	count(vs) == 0
	vs2 := check.violation with input as {"review": {"object": _sa("osmo", "osmo-backend", {})}} with data.inventory as {}
	count(vs2) == 1
}

test_unresolved_automount_is_silent if {
	vs := check.violation with input as _docs([_sa("training", "trainer", {"automountServiceAccountToken": "${AUTOMOUNT}"}), _sa("training", "other", {"automountServiceAccountToken": null})])
	{v.details.resource | some v in vs} == {"ServiceAccount/training/other"}
}

_group_rb(kind, name) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "crb"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"}, "subjects": [{"kind": kind, "apiGroup": "rbac.authorization.k8s.io", "name": name}]}

test_group_and_user_subjects_bind if {
	every subject in [["Group", "system:serviceaccounts"], ["Group", "system:serviceaccounts:training"], ["User", "system:serviceaccount:training:trainer"]] {
		vs := check.violation with input as _docs([_sa("training", "trainer", {}), _group_rb(subject[0], subject[1])])
		count(vs) == 0
	}
	vs := check.violation with input as _docs([_sa("training", "trainer", {}), _group_rb("Group", "system:serviceaccounts:osmo"), _group_rb("User", "system:serviceaccount:training:other")])
	count(vs) == 1
}
