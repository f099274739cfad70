package stridegate.rbac.cluster_secret_read_test

import data.stridegate.rbac.cluster_secret_read as check

_cr(name, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": name}, "rules": rules}

_crb(name, role, subjects) := {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": name},
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role}, "subjects": subjects,
}

_sa(ns, n) := {"kind": "ServiceAccount", "name": n, "namespace": ns}

_secrets(verbs) := {"apiGroups": [""], "resources": ["secrets"], "verbs": verbs}

_docs(objs) := [{"path": "rbac.json", "contents": o} | some o in objs]

test_cluster_binding_to_secret_reader_fires if {
	vs := check.violation with input as _docs([_cr("secret-reader", [_secrets(["get", "list"])]), _crb("training-secrets", "secret-reader", [_sa("training", "default")])])
	count(vs) == 1
	some v in vs
	v.details.id == "SG-K8S-13"
	v.details.resource == "ClusterRoleBinding/training-secrets"
	v.details.verbs == ["get", "list"]
	v.details.role == "ClusterRole/secret-reader"
	v.details.subjects == ["ServiceAccount/training/default"]
}

test_kubectl_list_export_joins if {
	lst := {"apiVersion": "v1", "kind": "List", "items": [_cr("r", [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["watch"]}]), _crb("b", "r", [{"kind": "User", "name": "u"}])]}
	vs := check.violation with input as lst
	some v in vs
	v.details.verbs == ["watch"]
}

test_builtin_roles_known_without_definition if {
	vs := check.violation with input as _crb("edit-everywhere", "edit", [{"kind": "Group", "name": "devs"}])
	count(vs) == 1
	count(check.violation) == 0 with input as _crb("view-everywhere", "view", [{"kind": "Group", "name": "devs"}])
}

test_unknown_role_gives_no_finding if {
	count(check.violation) == 0 with input as _crb("b", "custom", [_sa("osmo", "x")])
}

test_role_without_secret_read_is_clean if {
	count(check.violation) == 0 with input as _docs([_cr("r", [_secrets(["create"]), {"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}]), _crb("b", "r", [_sa("osmo", "x")])])
}

test_resource_names_limit_is_clean if {
	rule := object.union(_secrets(["get"]), {"resourceNames": ["osmo-db"]})
	count(check.violation) == 0 with input as _docs([_cr("r", [rule]), _crb("b", "r", [_sa("osmo", "x")])])
}

test_rolebinding_is_namespaced_not_cluster_wide if {
	rb := {
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": {"name": "b", "namespace": "osmo"},
		"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "r"}, "subjects": [_sa("osmo", "x")],
	}
	count(check.violation) == 0 with input as _docs([_cr("r", [_secrets(["get"])]), rb])
}

test_system_subjects_are_clean if {
	count(check.violation) == 0 with input as _docs([_cr("r", [_secrets(["get"])]), _crb("b", "r", [_sa("kube-system", "x"), {"kind": "User", "name": "system:kube-controller-manager"}])])
}

test_aggregated_cluster_role_is_resolved if {
	agg := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "agg"}, "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"rbac.example.com/aggregate-to-agg": "true"}}]}}
	part := object.union(_cr("part", [_secrets(["list"])]), {"metadata": {"labels": {"rbac.example.com/aggregate-to-agg": "true"}}})
	vs := check.violation with input as _docs([agg, part, _crb("b", "agg", [_sa("osmo", "x")])])
	some v in vs
	v.details.role == "ClusterRole/agg"
}

test_gatekeeper_resolves_from_inventory if {
	inv := {"cluster": {"rbac.authorization.k8s.io/v1": {"ClusterRole": {"r": _cr("r", [_secrets(["get"])])}}}}
	vs := check.violation with input as {"review": {"object": _crb("b", "r", [_sa("osmo", "x")])}} with data.inventory as inv
	count(vs) == 1
}

# the API server's typed lists: items carry no apiVersion/kind
_bare(o) := object.remove(o, ["apiVersion", "kind"])

test_typed_lists_from_the_api_join if {
	roles := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleList", "metadata": {"resourceVersion": "1"}, "items": [_bare(_cr("secret-reader", [_secrets(["list"])]))]}
	bindings := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBindingList", "metadata": {}, "items": [_bare(_crb("b", "secret-reader", [_sa("ci", "deployer")])), null]}
	vs := check.violation with input as _docs([roles, bindings])
	{[v.details.resource, v.details.file] | some v in vs} == {["ClusterRoleBinding/b", "rbac.json"]}
}
