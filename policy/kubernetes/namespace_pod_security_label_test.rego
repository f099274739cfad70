package stridegate.kubernetes.namespace_pod_security_label_test

import data.stridegate.kubernetes.namespace_pod_security_label as check

_ns(name, labels) := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name, "labels": labels}}

test_missing_label_fires if {
	vs := check.violation with input as _ns("training", {"team": "robotics"})
	{v.details.resource | some v in vs} == {"Namespace/training"}
	some v in vs
	v.details.id == "SG-K8S-4"
}

test_restricted_is_clean if {
	vs := check.violation with input as _ns("training", {"pod-security.kubernetes.io/enforce": "restricted"})
	count(vs) == 0
}

test_privileged_level_fires if {
	vs := check.violation with input as _ns("gpu-operator", {"pod-security.kubernetes.io/enforce": "privileged"})
	count(vs) == 1
}

test_warn_only_fires if {
	vs := check.violation with input as _ns("osmo", {"pod-security.kubernetes.io/warn": "restricted"})
	count(vs) == 1
}

test_system_namespace_ignored if {
	vs := check.violation with input as _ns("kube-system", {})
	count(vs) == 0
}

test_parameter_narrows_levels if {
	vs := check.violation with input as _ns("training", {"pod-security.kubernetes.io/enforce": "baseline"}) with data.lib.parameters as {"allowed_levels": ["restricted"]}
	count(vs) == 1
}

test_multidoc_and_list if {
	vs := check.violation with input as [{"path": "ns.yaml", "contents": _ns("osmo", {})}, {"path": "ns.yaml", "contents": _ns("training", {"pod-security.kubernetes.io/enforce": "restricted"})}]
	{v.details.resource | some v in vs} == {"Namespace/osmo"}
	vs2 := check.violation with input as {"apiVersion": "v1", "kind": "List", "items": [_ns("osmo", {}), _ns("mlflow", {})]}
	count(vs2) == 2
}

test_gatekeeper_review if {
	vs := check.violation with input as {"review": {"object": _ns("osmo", {})}, "parameters": {"allowed_levels": ["restricted"]}}
	count(vs) == 1
}

test_other_kinds_ignored if {
	vs := check.violation with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "osmo"}}
	count(vs) == 0
}

test_unresolved_level_is_silent if {
	vs := check.violation with input as _ns("training", {"pod-security.kubernetes.io/enforce": "${PSS_LEVEL}"})
	count(vs) == 0
}
