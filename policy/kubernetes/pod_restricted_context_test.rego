package stridegate.kubernetes.pod_restricted_context_test

import data.stridegate.kubernetes.fixtures_test as fx
import data.stridegate.kubernetes.pod_restricted_context as check

_pod_sc := {"runAsNonRoot": true, "runAsUser": 1000, "seccompProfile": {"type": "RuntimeDefault"}}

_deploy(pod_sc, c_sc) := {
	"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "mlflow", "namespace": "mlflow"},
	"spec": {"template": {"spec": {"securityContext": pod_sc, "containers": [{"name": "server", "image": "x", "securityContext": c_sc}]}}},
}

_msgs(vs) := [v.msg | some v in vs]

test_compliant_is_clean if {
	vs := check.violation with input as _deploy(_pod_sc, {"readOnlyRootFilesystem": true})
	count(vs) == 0
}

test_container_level_settings_are_enough if {
	vs := check.violation with input as _deploy({}, {"readOnlyRootFilesystem": true, "runAsNonRoot": true, "seccompProfile": {"type": "Localhost", "localhostProfile": "p.json"}})
	count(vs) == 0
}

test_nothing_set_fires_three if {
	vs := check.violation with input as _deploy({}, {})
	count(vs) == 3
	every v in vs {
		v.details.resource == "Deployment/mlflow/mlflow"
		v.details.id == "SG-K8S-3"
	}
}

test_container_overrides_pod if {
	vs := check.violation with input as _deploy(_pod_sc, {"readOnlyRootFilesystem": true, "runAsNonRoot": false, "seccompProfile": {"type": "Unconfined"}})
	count(vs) == 2
}

test_run_as_root_uid_fires if {
	vs := check.violation with input as _deploy(_pod_sc, {"readOnlyRootFilesystem": true, "runAsUser": 0})
	count(vs) == 1
	some v in vs
	contains(v.msg, "UID 0")
}

test_ephemeral_needs_no_read_only_root if {
	pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "training"}, "spec": {
		"securityContext": _pod_sc,
		"containers": [{"name": "a", "image": "x", "securityContext": {"readOnlyRootFilesystem": true}}],
		"ephemeralContainers": [{"name": "dbg", "image": "x"}],
		"initContainers": [{"name": "init", "image": "x"}],
	}}
	vs := check.violation with input as pod
	{v.details.container | some v in vs} == {"init"}
}

test_list_input if {
	vs := check.violation with input as {"apiVersion": "v1", "kind": "List", "items": [_deploy({}, {"readOnlyRootFilesystem": true})]}
	count(vs) == 2
}

test_unresolved_settings_are_silent if {
	# container values left to envsubst override the pod's: unknown, never reported
	c_sc := {"readOnlyRootFilesystem": "${READ_ONLY}", "runAsNonRoot": "${NON_ROOT}", "seccompProfile": {"type": "${SECCOMP}"}}
	vs := check.violation with input as _deploy(_pod_sc, c_sc)
	count(vs) == 0
	vs2 := check.violation with input as _deploy({"runAsNonRoot": "{{ .Values.nonRoot }}", "seccompProfile": "${PROFILE}"}, {"readOnlyRootFilesystem": true})
	count(vs2) == 0
	vs3 := check.violation with input as _deploy(_pod_sc, "${CONTAINER_SECURITY_CONTEXT}")
	count(vs3) == 0
}

test_known_insecure_beside_unresolved_still_fires if {
	vs := check.violation with input as _deploy({"runAsNonRoot": "${NON_ROOT}"}, {"readOnlyRootFilesystem": false, "seccompProfile": {"type": "Unconfined"}})
	count(vs) == 2
	every v in vs {
		not contains(v.msg, "runAsNonRoot")
	}
}

# --- pod templates inside training-job CRDs ---

test_secure_training_crds_are_clean if {
	spec := fx.secure_spec("trainer")
	every obj in [
		fx.pytorchjob(spec, spec),
		fx.volcano_job([{"name": "worker", "spec": spec}]),
		fx.rayjob(spec, spec),
		fx.jobset(spec),
	] {
		count(check.violation) == 0 with input as obj
	}
}

test_rayjob_root_worker_fires_once_for_the_worker_group if {
	worker := object.union(fx.secure_spec("ray-worker"), {"securityContext": {"runAsNonRoot": true, "runAsUser": 0, "seccompProfile": {"type": "RuntimeDefault"}}})
	vs := check.violation with input as fx.rayjob(fx.secure_spec("ray-head"), worker)
	{v.msg | some v in vs} == {`RayJob/training/train worker group gpu container "ray-worker" runs as UID 0 (root)`}
}

test_argo_workflow_security_context_applies_to_every_template if {
	c := object.union(fx.secure_container("x"), {"name": "main"})
	tpl := {"name": "train", "container": object.remove(c, ["name"])}
	ok := check.violation with input as fx.workflow({"securityContext": fx.secure_spec("x").securityContext, "templates": [tpl]})
	count(ok) == 0
	bad := check.violation with input as fx.workflow({"templates": [tpl]})
	{v.msg | some v in bad} == {
		`Workflow/training/train template train container "main" does not set runAsNonRoot: true (on the container or the pod)`,
		`Workflow/training/train template train container "main" has no RuntimeDefault or Localhost seccomp profile`,
	}
}

# a pod securityContext left to a variable does not hide what the container sets itself:
# the container's own runAsNonRoot: false and Unconfined profile win over any pod value
test_container_insecure_values_fire_under_an_unknown_pod_context if {
	vs := check.violation with input as _deploy("${POD_SECURITY_CONTEXT}", {"readOnlyRootFilesystem": true, "runAsNonRoot": false, "seccompProfile": {"type": "Unconfined"}})
	count(vs) == 2
	some v1 in vs
	contains(v1.msg, "runAsNonRoot")
	some v2 in vs
	contains(v2.msg, "seccomp")
}

test_container_fields_left_to_an_unknown_pod_context_stay_silent if {
	vs := check.violation with input as _deploy("${POD_SECURITY_CONTEXT}", {"readOnlyRootFilesystem": true})
	count(vs) == 0
}
