package stridegate.rbac.escalation_verbs_test

import data.stridegate.rbac.escalation_verbs as check

_cr(name, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": name}, "rules": rules}

test_escalate_and_bind_fire_once if {
	vs := check.violation with input as _cr("ci-deployer", [
		{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"], "verbs": ["get", "escalate", "bind"]},
		{"apiGroups": [""], "resources": ["users"], "verbs": ["impersonate"]},
	])
	count(vs) == 1
	some v in vs
	v.details.id == "SG-K8S-12"
	v.details.verbs == ["bind", "escalate", "impersonate"]
	v.details.resource == "ClusterRole/ci-deployer"
}

test_role_in_namespace_fires if {
	role := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "r", "namespace": "osmo"}, "rules": [{"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": ["impersonate"]}]}
	vs := check.violation with input as [{"path": "rbac.yaml", "contents": role}]
	some v in vs
	v.details.resource == "Role/osmo/r"
	v.details.file == "rbac.yaml"
}

test_plain_verbs_are_clean if {
	count(check.violation) == 0 with input as _cr("editor", [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["rolebindings"], "verbs": ["get", "list"]}])
}

test_wildcard_verbs_left_to_sg_k8s_11 if {
	count(check.violation) == 0 with input as _cr("w", [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}])
}

test_system_roles_are_skipped if {
	count(check.violation) == 0 with input as _cr("system:controller:clusterrole-aggregation-controller", [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["escalate"]}])
}

test_resource_names_limited_grants_are_clean if {
	count(check.violation) == 0 with input as _cr("limited-binder", [
		{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"], "verbs": ["bind"], "resourceNames": ["view"]},
		{"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": ["impersonate"], "resourceNames": ["deployer"]},
	])
}

test_verbs_on_unrelated_resources_are_clean if {
	count(check.violation) == 0 with input as _cr("odd", [
		{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "bind", "escalate"]},
		{"apiGroups": [""], "resources": ["pods"], "verbs": ["impersonate"]},
	])
}

test_wildcard_groups_and_extra_impersonation_fire if {
	vs := check.violation with input as _cr("escalator", [
		{"apiGroups": ["*"], "resources": ["roles"], "verbs": ["escalate"]},
		{"apiGroups": ["authentication.k8s.io"], "resources": ["userextras/scopes"], "verbs": ["impersonate"]},
	])
	some v in vs
	v.details.verbs == ["escalate", "impersonate"]
}

test_unrestricted_rule_next_to_restricted_one_fires if {
	vs := check.violation with input as _cr("mixed", [
		{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"], "verbs": ["bind"], "resourceNames": ["view"]},
		{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"], "verbs": ["bind"], "resourceNames": []},
	])
	some v in vs
	v.details.verbs == ["bind"]
}
