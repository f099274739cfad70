package stridegate.kubernetes.default_deny_network_policy_test

import data.stridegate.kubernetes.default_deny_network_policy as check
import data.stridegate.kubernetes.fixtures_test as fx

_ns(name) := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}

_deploy(ns, name) := {
	"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": name, "namespace": ns},
	"spec": {"template": {"spec": {"containers": [{"name": "c", "image": "x"}]}}},
}

_np(ns, name, types, selector, rules) := {
	"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": name, "namespace": ns},
	"spec": object.union({"podSelector": selector, "policyTypes": types}, rules),
}

_docs(objs) := [{"path": "m.yaml", "contents": o} | some o in objs]

_res(vs) := {v.details.resource | some v in vs}

test_namespace_without_policy_fires_once_with_workloads if {
	vs := check.violation with input as _docs([_ns("training"), _deploy("training", "a"), _deploy("training", "b")])
	count(vs) == 1
	some v in vs
	v.details.resource == "Namespace/training"
	v.details.workloads == ["Deployment/training/a", "Deployment/training/b"]
	v.details.id == "D-1"
}

test_workload_namespace_without_namespace_object_fires if {
	vs := check.violation with input as _docs([_deploy("inference", "a")])
	_res(vs) == {"Namespace/inference"}
}

test_default_deny_both_is_clean if {
	vs := check.violation with input as _docs([_ns("training"), _deploy("training", "a"), _np("training", "deny", ["Ingress", "Egress"], {}, {})])
	count(vs) == 0
}

test_split_policies_are_clean if {
	vs := check.violation with input as _docs([
		_ns("training"),
		_np("training", "deny-in", ["Ingress"], {}, {}),
		_np("training", "deny-out", ["Egress"], {}, {}),
	])
	count(vs) == 0
}

test_ingress_only_fires_for_egress if {
	vs := check.violation with input as _docs([_ns("training"), _np("training", "deny-in", ["Ingress"], {}, {})])
	count(vs) == 1
	some v in vs
	contains(v.msg, "Egress")
	not contains(v.msg, "Ingress and")
}

test_policy_with_allow_rules_is_not_default_deny if {
	vs := check.violation with input as _docs([_ns("training"), _np("training", "allow", ["Ingress", "Egress"], {}, {"ingress": [{"from": [{"podSelector": {}}]}]})])
	count(vs) == 1
}

test_policy_selecting_some_pods_is_not_default_deny if {
	vs := check.violation with input as _docs([_ns("training"), _np("training", "deny", ["Ingress", "Egress"], {"matchLabels": {"app": "x"}}, {})])
	count(vs) == 1
}

test_policy_in_other_namespace_does_not_cover if {
	vs := check.violation with input as _docs([_ns("training"), _np("osmo", "deny", ["Ingress", "Egress"], {}, {})])
	_res(vs) == {"Namespace/training"}
}

test_system_namespaces_ignored if {
	vs := check.violation with input as _docs([_ns("kube-system"), _deploy("kube-system", "coredns")])
	count(vs) == 0
}

test_list_input_is_complete if {
	vs := check.violation with input as {"apiVersion": "v1", "kind": "List", "items": [_ns("osmo"), _deploy("osmo", "api")]}
	_res(vs) == {"Namespace/osmo"}
}

test_lone_document_is_not_judged if {
	vs := check.violation with input as _ns("training")
	count(vs) == 0
}

test_gatekeeper_uses_inventory if {
	inv := {"namespace": {"training": {"networking.k8s.io/v1": {"NetworkPolicy": {"deny": _np("training", "deny", ["Ingress", "Egress"], {}, {})}}}}}
	vs := check.violation with input as {"review": {"object": _deploy("training", "a")}} with data.inventory as inv
	count(vs) == 0
	vs2 := check.violation with input as {"review": {"object": _deploy("training", "a")}} with data.inventory as {}
	count(vs2) == 1
}

test_each_namespace_once_with_all_workload_kinds if {
	job := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "train", "namespace": "training"}, "spec": {"template": {"spec": {"containers": []}}}}
	cj := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "eval", "namespace": "training"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": []}}}}}}
	pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "dbg", "namespace": "training"}, "spec": {"containers": []}}
	vs := check.violation with input as _docs([_ns("training"), job, cj, pod, _deploy("training", "a")])
	count(vs) == 1
	some v in vs
	v.details.workloads == ["CronJob/training/eval", "Deployment/training/a", "Job/training/train", "Pod/training/dbg"]
	v.details.file == "m.yaml"
}

test_unresolved_namespace_without_any_policy_fires if {
	vs := check.violation with input as _docs([_deploy("$NS_OSMO_CONTROL_PLANE", "a"), _deploy("training", "c")])
	_res(vs) == {"Namespace/$NS_OSMO_CONTROL_PLANE", "Namespace/training"}
}

test_unresolved_namespace_may_be_a_covered_one if {
	deny := _np("training", "deny", ["Ingress", "Egress"], {}, {})
	vs := check.violation with input as _docs([_deploy("${NS}", "a"), _deploy("training", "c"), deny, _deploy("osmo", "d")])
	_res(vs) == {"Namespace/osmo"}
	deny_var := _np("{{ .Release.Namespace }}", "deny", ["Ingress", "Egress"], {}, {})
	vs2 := check.violation with input as _docs([_deploy("training", "c"), deny_var])
	count(vs2) == 0
	ingress_only := _np("training", "deny", ["Ingress"], {}, {})
	vs3 := check.violation with input as _docs([_deploy("${NS}", "a"), ingress_only])
	{v.msg | some v in vs3} == {`namespace "${NS}" has no default-deny NetworkPolicy for Egress; its pod traffic is unrestricted (workloads: Deployment/${NS}/a)`}
}

test_null_fields_read_as_absent if {
	# `podSelector:` and `ingress:` left empty in YAML are null
	deny := {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "deny", "namespace": "training"}, "spec": {"podSelector": null, "policyTypes": ["Ingress", "Egress"], "ingress": null, "egress": null}}
	vs := check.violation with input as _docs([_deploy("training", "a"), deny])
	count(vs) == 0
	ingress_only := {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "deny", "namespace": "training"}, "spec": {"podSelector": {"matchLabels": null}, "policyTypes": null}}
	vs2 := check.violation with input as _docs([_deploy("training", "a"), ingress_only])
	{v.msg | some v in vs2} == {`namespace "training" has no default-deny NetworkPolicy for Egress; its pod traffic is unrestricted (workloads: Deployment/training/a)`}
	allow_all := json.patch(deny, [{"op": "replace", "path": "/spec/ingress", "value": [{}]}])
	vs3 := check.violation with input as _docs([_deploy("training", "a"), allow_all])
	count(vs3) == 1
}

test_training_crd_namespace_fires_listing_the_job_once if {
	job := fx.pytorchjob(fx.secure_spec("pytorch"), fx.secure_spec("pytorch"))
	vs := check.violation with input as _docs([_ns("training"), job])
	_res(vs) == {"Namespace/training"}
	every v in vs {
		v.details.workloads == ["PyTorchJob/training/train"]
	}
}
