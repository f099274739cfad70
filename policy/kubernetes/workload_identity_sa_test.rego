package stridegate.kubernetes.workload_identity_sa_test

import data.stridegate.kubernetes.fixtures_test as fx
import data.stridegate.kubernetes.workload_identity_sa as check

_sa(name, annotations) := {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name, "namespace": "training", "annotations": annotations}}

_job(sa, labels) := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "train", "namespace": "training"}, "spec": {"template": {
	"metadata": {"labels": labels},
	"spec": object.union({"containers": [{"name": "c", "image": "x"}]}, sa),
}}}

_wi := {"azure.workload.identity/use": "true"}

_docs(objs) := [{"path": "m.yaml", "contents": o} | some o in objs]

test_annotated_sa_is_clean if {
	vs := check.violation with input as _docs([_sa("trainer", {"azure.workload.identity/client-id": "00000000-0000-0000-0000-000000000001"}), _job({"serviceAccountName": "trainer"}, _wi)])
	count(vs) == 0
}

test_unannotated_sa_fires if {
	vs := check.violation with input as _docs([_sa("trainer", {}), _job({"serviceAccountName": "trainer"}, _wi)])
	{v.details.resource | some v in vs} == {"Job/training/train"}
	some v in vs
	v.details.serviceAccount == "trainer"
	v.details.id == "SG-ID-10"
}

test_default_sa_fires if {
	vs := check.violation with input as _job({}, _wi)
	count(vs) == 1
}

test_sa_not_in_input_is_unknown if {
	vs := check.violation with input as _job({"serviceAccountName": "trainer"}, _wi)
	count(vs) == 0
}

test_unlabelled_pod_not_judged if {
	vs := check.violation with input as _docs([_sa("trainer", {}), _job({"serviceAccountName": "trainer"}, {"app": "x"})])
	count(vs) == 0
	vs2 := check.violation with input as _docs([_sa("trainer", {}), _job({"serviceAccountName": "trainer"}, {"azure.workload.identity/use": "false"})])
	count(vs2) == 0
}

test_pod_and_deployment_kinds if {
	pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "training", "labels": _wi}, "spec": {"serviceAccountName": "trainer", "containers": []}}
	dep := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d", "namespace": "training"}, "spec": {"template": {"metadata": {"labels": _wi}, "spec": {"serviceAccountName": "trainer", "containers": []}}}}
	vs := check.violation with input as {"apiVersion": "v1", "kind": "List", "items": [_sa("trainer", {"azure.workload.identity/client-id": ""}), pod, dep]}
	{v.details.resource | some v in vs} == {"Pod/training/p", "Deployment/training/d"}
}

test_gatekeeper_inventory if {
	inv := {"namespace": {"training": {"v1": {"ServiceAccount": {"trainer": _sa("trainer", {})}}}}}
	vs := check.violation with input as {"review": {"object": _job({"serviceAccountName": "trainer"}, _wi)}} with data.inventory as inv
	count(vs) == 1
}

test_deprecated_service_account_field if {
	vs := check.violation with input as _docs([_sa("trainer", {"azure.workload.identity/client-id": "00000000-0000-0000-0000-000000000001"}), _job({"serviceAccount": "trainer"}, _wi)])
	count(vs) == 0
	vs2 := check.violation with input as _docs([_sa("trainer", {}), _job({"serviceAccount": "trainer"}, _wi)])
	{v.details.serviceAccount | some v in vs2} == {"trainer"}
}

# --- pod templates inside training-job CRDs ---

test_pytorchjob_template_labelled_for_workload_identity_on_default_sa_fires if {
	job := fx.pytorchjob(object.remove(fx.secure_spec("pytorch"), ["serviceAccountName"]), fx.secure_spec("pytorch"))
	labelled := json.patch(job, [
		{"op": "add", "path": "/spec/pytorchReplicaSpecs/Master/template/metadata", "value": {"labels": {"azure.workload.identity/use": "true"}}},
		{"op": "add", "path": "/spec/pytorchReplicaSpecs/Worker/template/metadata", "value": {"labels": {"azure.workload.identity/use": "true"}}},
	])
	vs := check.violation with input as labelled
	{v.msg | some v in vs} == {"PyTorchJob/training/train replica Master is labelled for workload identity but runs as the default service account"}
	unlabelled := check.violation with input as job
	count(unlabelled) == 0
}
