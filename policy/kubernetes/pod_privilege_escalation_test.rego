package stridegate.kubernetes.pod_privilege_escalation_test

import data.stridegate.kubernetes.pod_privilege_escalation as check

_good_sc := {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}

_pod(containers) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "training"}, "spec": {"containers": containers}}

_job(containers) := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "train", "namespace": "training"}, "spec": {"template": {"spec": {"initContainers": containers, "containers": [{"name": "main", "image": "x", "securityContext": _good_sc}]}}}}

test_compliant_is_clean if {
	vs := check.violation with input as _pod([{"name": "a", "image": "x", "securityContext": _good_sc}])
	count(vs) == 0
	vs2 := check.violation with input as _pod([{"name": "a", "image": "x", "securityContext": object.union(_good_sc, {"capabilities": {"drop": ["all"], "add": ["NET_BIND_SERVICE"]}})}])
	count(vs2) == 0
}

test_missing_security_context_fires_twice if {
	vs := check.violation with input as _pod([{"name": "a", "image": "x"}])
	count(vs) == 2
	every v in vs {
		v.details.id == "SG-K8S-2"
		v.details.container == "a"
	}
}

test_escalation_true_fires if {
	vs := check.violation with input as _pod([{"name": "a", "image": "x", "securityContext": object.union(_good_sc, {"allowPrivilegeEscalation": true})}])
	count(vs) == 1
	some v in vs
	contains(v.msg, "allowPrivilegeEscalation")
}

test_added_capabilities_fire if {
	vs := check.violation with input as _pod([{"name": "a", "image": "x", "securityContext": object.union(_good_sc, {"capabilities": {"drop": ["ALL"], "add": ["SYS_ADMIN", "CAP_IPC_LOCK", "NET_BIND_SERVICE"]}})}])
	count(vs) == 1
	some v in vs
	contains(v.msg, "IPC_LOCK, SYS_ADMIN")
}

test_init_container_of_job_fires if {
	vs := check.violation with input as _job([{"name": "fetch", "image": "x", "securityContext": {"capabilities": {"drop": ["ALL"]}}}])
	{[v.details.resource, v.details.container] | some v in vs} == {["Job/training/train", "fetch"]}
}

test_multidoc_statefulset if {
	ss := {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "db", "namespace": "osmo"}, "spec": {"template": {"spec": {"containers": [{"name": "pg", "image": "x"}]}}}}
	vs := check.violation with input as [{"path": "a.yaml", "contents": ss}, {"path": "a.yaml", "contents": _pod([{"name": "a", "image": "x", "securityContext": _good_sc}])}]
	{v.details.resource | some v in vs} == {"StatefulSet/osmo/db"}
}

test_unresolved_settings_are_silent if {
	vs := check.violation with input as _pod([
		{"name": "a", "image": "x", "securityContext": {"allowPrivilegeEscalation": "${ALLOW_ESCALATION}", "capabilities": {"drop": ["${DROP_CAPS}"], "add": ["${EXTRA_CAP}"]}}},
		{"name": "b", "image": "x", "securityContext": {"allowPrivilegeEscalation": false, "capabilities": "{{ toYaml .Values.capabilities }}"}},
		{"name": "c", "image": "x", "securityContext": "${SECURITY_CONTEXT}"},
	])
	count(vs) == 0
}

test_null_capabilities_still_fire if {
	vs := check.violation with input as _pod([{"name": "a", "image": "x", "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": null, "add": ["SYS_ADMIN", "${EXTRA}"]}}}])
	{v.msg | some v in vs} == {
		`Pod/training/p container "a" adds capabilities SYS_ADMIN`,
		`Pod/training/p container "a" does not drop ALL capabilities`,
	}
}
