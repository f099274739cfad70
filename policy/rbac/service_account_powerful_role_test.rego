package stridegate.rbac.service_account_powerful_role_test

import data.stridegate.rbac.service_account_powerful_role as check

_cr(name, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": name}, "rules": rules}

_role(ns, name, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": name, "namespace": ns}, "rules": rules}

_binding(kind, ns, name, ref_kind, ref, subjects) := {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": object.union({"name": name}, _ns(ns)),
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": ref_kind, "name": ref}, "subjects": subjects,
}

_ns("") := {}

_ns(ns) := {"namespace": ns} if ns != ""

_sa(ns, n) := {"kind": "ServiceAccount", "name": n, "namespace": ns}

_docs(objs) := [{"path": "rbac.json", "contents": o} | some o in objs]

test_default_sa_bound_to_edit_fires if {
	vs := check.violation with input as _binding("RoleBinding", "training", "default-edit", "ClusterRole", "edit", [{"kind": "ServiceAccount", "name": "default"}])
	count(vs) == 1
	some v in vs
	v.details.id == "SG-K8S-14"
	v.details.resource == "RoleBinding/training/default-edit"
	v.details.serviceAccounts == ["ServiceAccount/training/default"]
	"act as built-in edit" in v.details.powers
	"read secrets" in v.details.powers
	contains(v.msg, "default service account")
}

test_sa_bound_to_custom_wildcard_role_fires if {
	vs := check.violation with input as _docs([
		_cr("osmo-controller", [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["get", "list", "create"]}]),
		_binding("ClusterRoleBinding", "", "osmo-controller", "ClusterRole", "osmo-controller", [_sa("osmo", "osmo-backend")]),
	])
	some v in vs
	v.details.powers == ["exec into pods", "mint service account tokens", "proxy to nodes", "read secrets", "wildcard resources", "write RBAC"]
	not contains(v.msg, "default service account")
}

test_sa_bound_to_namespaced_role_with_exec_fires if {
	vs := check.violation with input as _docs([
		_role("inference", "debug", [{"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]}]),
		_binding("RoleBinding", "inference", "debug", "Role", "debug", [_sa("inference", "triton")]),
	])
	some v in vs
	v.details.role == "Role/inference/debug"
	v.details.powers == ["exec into pods"]
}

test_role_in_other_namespace_is_not_joined if {
	count(check.violation) == 0 with input as _docs([
		_role("osmo", "debug", [{"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]}]),
		_binding("RoleBinding", "inference", "debug", "Role", "debug", [_sa("inference", "triton")]),
	])
}

test_narrow_role_is_clean if {
	count(check.violation) == 0 with input as _docs([
		_role("osmo", "scheduler", [{"apiGroups": ["", "batch"], "resources": ["pods", "jobs"], "verbs": ["create", "delete", "get", "list", "watch"]}]),
		_binding("RoleBinding", "osmo", "scheduler", "Role", "scheduler", [_sa("osmo", "osmo-backend")]),
	])
}

test_users_are_not_service_accounts if {
	count(check.violation) == 0 with input as _binding("ClusterRoleBinding", "", "b", "ClusterRole", "cluster-admin", [{"kind": "User", "name": "ops@contoso.com"}])
}

test_service_account_user_name_and_groups if {
	vs := check.violation with input as _binding("ClusterRoleBinding", "", "b", "ClusterRole", "admin", [
		{"kind": "User", "name": "system:serviceaccount:osmo:router"},
		{"kind": "Group", "name": "system:serviceaccounts:training"},
	])
	some v in vs
	v.details.serviceAccounts == ["ServiceAccount/osmo/router", "all service accounts in training"]
}

test_system_namespace_sa_and_system_bindings_skipped if {
	count(check.violation) == 0 with input as _binding("ClusterRoleBinding", "", "b", "ClusterRole", "cluster-admin", [_sa("kube-system", "x")])
	count(check.violation) == 0 with input as _binding("ClusterRoleBinding", "", "system:controller:x", "ClusterRole", "cluster-admin", [_sa("osmo", "x")])
}

test_unknown_role_gives_no_finding if {
	count(check.violation) == 0 with input as _binding("RoleBinding", "osmo", "b", "Role", "missing", [_sa("osmo", "x")])
}
