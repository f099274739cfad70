package stridegate.rbac.wildcard_rules_test

import data.stridegate.rbac.wildcard_rules as check

_cr(name, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": name}, "rules": rules}

_role(ns, name, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": name, "namespace": ns}, "rules": rules}

_rule(groups, resources, verbs) := {"apiGroups": groups, "resources": resources, "verbs": verbs}

test_wildcard_resources_fire if {
	vs := check.violation with input as _cr("osmo-controller", [_rule([""], ["pods"], ["get"]), _rule(["workflow.osmo.nvidia.com"], ["*"], ["get", "list"])])
	count(vs) == 1
	some v in vs
	v.details.id == "SG-K8S-11"
	v.details.resource == "ClusterRole/osmo-controller"
	v.details.rules == [1]
	contains(v.msg, "wildcard resources")
	not contains(v.msg, "wildcard verbs")
}

test_wildcard_verbs_in_role_fire if {
	vs := check.violation with input as _role("training", "jobs", [_rule(["batch"], ["jobs"], ["*"])])
	some v in vs
	v.details.resource == "Role/training/jobs"
	contains(v.msg, "wildcard verbs")
}

test_non_resource_url_wildcard_fires if {
	count(check.violation) == 1 with input as _cr("metrics", [{"nonResourceURLs": ["*"], "verbs": ["get"]}])
}

test_explicit_rules_are_clean if {
	count(check.violation) == 0 with input as _cr("reader", [_rule([""], ["pods", "pods/log"], ["get", "list", "watch"])])
}

test_system_roles_are_skipped if {
	admin := object.union(_cr("cluster-admin", [_rule(["*"], ["*"], ["*"])]), {"metadata": {"labels": {"kubernetes.io/bootstrapping": "rbac-defaults"}}})
	count(check.violation) == 0 with input as admin
	count(check.violation) == 0 with input as _cr("system:controller:foo", [_rule(["*"], ["*"], ["*"])])
	count(check.violation) == 0 with input as object.union(_cr("aks-addon", [_rule(["*"], ["*"], ["*"])]), {"metadata": {"labels": {"addonmanager.kubernetes.io/mode": "Reconcile"}}})
	count(check.violation) == 0 with input as _role("kube-system", "x", [_rule(["*"], ["*"], ["*"])])
}

test_role_without_rules_is_clean if {
	count(check.violation) == 0 with input as {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "agg"}, "aggregationRule": {"clusterRoleSelectors": []}}
}

test_non_rbac_kinds_ignored if {
	count(check.violation) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "rules": [_rule(["*"], ["*"], ["*"])]}
}
