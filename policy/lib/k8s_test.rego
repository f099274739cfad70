package lib.k8s_test

import data.lib.k8s

test_resource_id_namespaced if {
	k8s.resource_id({"kind": "Pod", "metadata": {"name": "p", "namespace": "ns"}}) == "Pod/ns/p"
}

test_resource_id_cluster_scoped if {
	k8s.resource_id({"kind": "Namespace", "metadata": {"name": "ns"}}) == "Namespace/ns"
}

test_resource_id_generate_name if {
	k8s.resource_id({"kind": "Job", "metadata": {"generateName": "train-", "namespace": "t"}}) == "Job/t/train-"
}

test_resource_id_unnamed if {
	k8s.resource_id({"kind": "Pod", "metadata": {}}) == "Pod/<unnamed>"
}

test_objects_expand_lists_and_skip_non_objects if {
	objs := k8s.objects with input as [
		{"path": "a.yaml", "contents": {"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}]}},
		{"path": "b.yaml", "contents": {"a": 1}},
	]
	{o.object.metadata.name | some o in objs} == {"p"}
}

test_workloads_of_every_kind if {
	spec := {"containers": [{"name": "c", "image": "i"}]}
	objs := [
		{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "pod"}, "spec": spec},
		{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}, "spec": {"template": {"spec": spec}}},
		{"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "cj"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": spec}}}}},
	]
	ws := k8s.workloads with input as [{"path": "w.yaml", "contents": o} | some o in objs]
	{w.object.metadata.name | some w in ws} == {"pod", "d", "cj"}
}

test_containers_include_init_and_ephemeral if {
	cs := k8s.containers({"containers": [{"name": "a"}], "initContainers": [{"name": "b"}], "ephemeralContainers": [{"name": "c"}]})
	{c.container.name | some c in cs} == {"a", "b", "c"}
}

test_typed_lists_expand if {
	pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "t"}, "spec": {"containers": [{"name": "c", "image": "i"}]}}
	objs := k8s.objects with input as [
		{"path": "a.json", "contents": {"apiVersion": "v1", "kind": "PodList", "metadata": {"resourceVersion": "1"}, "items": [pod]}},
		{"path": "b.yaml", "contents": {"apiVersion": "example.com/v1", "kind": "AllowList", "metadata": {"name": "al"}, "spec": {}}},
	]
	{o.object.kind | some o in objs} == {"Pod", "AllowList"}
	ws := k8s.workloads with input as {"apiVersion": "apps/v1", "kind": "DeploymentList", "metadata": {}, "items": [{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}, "spec": {"template": {"spec": pod.spec}}}]}
	{w.object.metadata.name | some w in ws} == {"d"}
}

_spec := {"containers": [{"name": "c", "image": "i"}]}

_where(objs) := {w.where | some w in ws} if {
	ws := k8s.workloads with input as [{"path": "crd.yaml", "contents": o} | some o in objs]
}

test_workloads_of_training_crds if {
	objs := [
		{"apiVersion": "batch.volcano.sh/v1alpha1", "kind": "Job", "metadata": {"name": "vj", "namespace": "t"}, "spec": {"tasks": [
			{"name": "master", "template": {"spec": _spec}},
			{"template": {"spec": _spec}},
		]}},
		{"apiVersion": "kubeflow.org/v1", "kind": "PyTorchJob", "metadata": {"name": "pt", "namespace": "t"}, "spec": {"pytorchReplicaSpecs": {
			"Master": {"template": {"spec": _spec}},
			"Worker": {"template": {"spec": _spec}},
		}}},
		{"apiVersion": "kubeflow.org/v1", "kind": "TFJob", "metadata": {"name": "tf", "namespace": "t"}, "spec": {"tfReplicaSpecs": {"Chief": {"template": {"spec": _spec}}}}},
		{"apiVersion": "kubeflow.org/v2beta1", "kind": "MPIJob", "metadata": {"name": "mpi", "namespace": "t"}, "spec": {"mpiReplicaSpecs": {"Launcher": {"template": {"spec": _spec}}}}},
		{"apiVersion": "ray.io/v1", "kind": "RayJob", "metadata": {"name": "rj", "namespace": "t"}, "spec": {
			"rayClusterSpec": {
				"headGroupSpec": {"template": {"spec": _spec}},
				"workerGroupSpecs": [{"groupName": "gpu", "template": {"spec": _spec}}],
			},
			"submitterPodTemplate": {"spec": _spec},
		}},
		{"apiVersion": "ray.io/v1", "kind": "RayCluster", "metadata": {"name": "rc", "namespace": "t"}, "spec": {"headGroupSpec": {"template": {"spec": _spec}}}},
		{"apiVersion": "ray.io/v1", "kind": "RayService", "metadata": {"name": "rs", "namespace": "t"}, "spec": {"rayClusterConfig": {"workerGroupSpecs": [{"template": {"spec": _spec}}]}}},
		{"apiVersion": "jobset.x-k8s.io/v1alpha2", "kind": "JobSet", "metadata": {"name": "js", "namespace": "t"}, "spec": {"replicatedJobs": [{"name": "workers", "template": {"spec": {"template": {"spec": _spec}}}}]}},
	]
	_where(objs) == {
		"Job/t/vj task master", "Job/t/vj task #1",
		"PyTorchJob/t/pt replica Master", "PyTorchJob/t/pt replica Worker",
		"TFJob/t/tf replica Chief", "MPIJob/t/mpi replica Launcher",
		"RayJob/t/rj head group", "RayJob/t/rj worker group gpu", "RayJob/t/rj submitter",
		"RayCluster/t/rc head group", "RayService/t/rs worker group #0",
		"JobSet/t/js replicated job workers",
	}
}

test_crd_workload_keeps_object_resource_and_template_metadata if {
	pt := {"apiVersion": "kubeflow.org/v1", "kind": "PyTorchJob", "metadata": {"name": "pt", "namespace": "t"}, "spec": {"pytorchReplicaSpecs": {"Worker": {"template": {
		"metadata": {"labels": {"azure.workload.identity/use": "true"}},
		"spec": _spec,
	}}}}}
	ws := k8s.workloads with input as pt
	[w] := [w | some w in ws]
	k8s.resource_id(w.object) == "PyTorchJob/t/pt"
	w.template == "replica Worker"
	w.metadata.labels["azure.workload.identity/use"] == "true"
	w.spec == _spec
}

test_crd_kinds_need_their_group if {
	objs := [
		# a core Job has no tasks, a PyTorchJob of another group is not Kubeflow's
		{"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"}, "spec": {"tasks": [{"name": "x", "template": {"spec": _spec}}]}},
		{"apiVersion": "example.com/v1", "kind": "PyTorchJob", "metadata": {"name": "p"}, "spec": {"pytorchReplicaSpecs": {"Worker": {"template": {"spec": _spec}}}}},
		{"apiVersion": "trainer.kubeflow.org/v1alpha1", "kind": "TrainJob", "metadata": {"name": "tj"}, "spec": {"trainer": {"image": "i"}}},
	]
	_where(objs) == set()
}

test_crd_templates_left_to_variables_are_unknown if {
	objs := [
		{"apiVersion": "kubeflow.org/v1", "kind": "PyTorchJob", "metadata": {"name": "a"}, "spec": {"pytorchReplicaSpecs": "${REPLICAS}"}},
		{"apiVersion": "kubeflow.org/v1", "kind": "PyTorchJob", "metadata": {"name": "b"}, "spec": {"pytorchReplicaSpecs": {"Worker": {"template": {"spec": "{{ .Values.pod }}"}}}}},
		{"apiVersion": "kubeflow.org/v1", "kind": "TFJob", "metadata": {"name": "e"}, "spec": {"tfReplicaSpecs": {"Worker": "${WORKER}"}}},
		{"apiVersion": "batch.volcano.sh/v1alpha1", "kind": "Job", "metadata": {"name": "c"}, "spec": {"tasks": "${TASKS}"}},
		{"apiVersion": "batch.volcano.sh/v1alpha1", "kind": "Job", "metadata": {"name": "f"}, "spec": {"tasks": ["${TASK}"]}},
		{"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"name": "g"}, "spec": {"templates": [{"name": "t", "container": "${C}"}]}},
		{"apiVersion": "ray.io/v1", "kind": "RayCluster", "metadata": {"name": "d"}, "spec": {"headGroupSpec": "${HEAD}", "workerGroupSpecs": [{"groupName": "g", "template": "${T}"}]}},
	]
	_where(objs) == set()
}

test_argo_templates_as_pod_specs if {
	wf := {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"name": "wf", "namespace": "t"}, "spec": {
		"serviceAccountName": "wf-sa",
		"securityContext": {"runAsNonRoot": true},
		"hostNetwork": true,
		"volumes": [{"name": "data", "emptyDir": {}}],
		"podMetadata": {"labels": {"team": "ml"}},
		"templates": [
			{"name": "main", "steps": [[{"name": "s", "template": "train"}]]},
			{
				"name": "train",
				"serviceAccountName": "train-sa",
				"metadata": {"labels": {"azure.workload.identity/use": "true"}},
				"volumes": [{"name": "ckpt", "emptyDir": {}}],
				"container": {"image": "trainer:1"},
				"sidecars": [{"name": "proxy", "image": "proxy:1"}],
				"initContainers": [{"name": "fetch", "image": "fetch:1"}],
			},
			{"name": "eval", "script": {"image": "python:3.12", "source": "print(1)"}},
			{"name": "multi", "containerSet": {"containers": [{"name": "a", "image": "a:1"}, {"name": "b", "image": "b:1"}]}},
		],
	}}
	ws := k8s.workloads with input as wf
	{w.where | some w in ws} == {"Workflow/t/wf template train", "Workflow/t/wf template eval", "Workflow/t/wf template multi"}
	some train in ws
	train.template == "template train"
	train.spec.serviceAccountName == "train-sa"
	train.spec.securityContext == {"runAsNonRoot": true}
	train.spec.hostNetwork == true
	{v.name | some v in train.spec.volumes} == {"data", "ckpt"}
	train.metadata.labels == {"team": "ml", "azure.workload.identity/use": "true"}
	{[c.type, c.container.name] | some c in k8s.containers(train.spec)} == {["containers", "main"], ["containers", "proxy"], ["initContainers", "fetch"]}
	some ev in ws
	ev.template == "template eval"
	ev.spec.serviceAccountName == "wf-sa"
	{c.container.name | some c in k8s.containers(ev.spec)} == {"main"}
	some multi in ws
	multi.template == "template multi"
	{c.container.name | some c in k8s.containers(multi.spec)} == {"a", "b"}
}

test_argo_cron_workflow_and_templates if {
	spec := {"templates": [{"name": "t", "container": {"name": "train", "image": "i:1"}}]}
	objs := [
		{"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow", "metadata": {"name": "cw", "namespace": "t"}, "spec": {"schedule": "0 * * * *", "workflowSpec": spec}},
		{"apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTemplate", "metadata": {"name": "wt", "namespace": "t"}, "spec": spec},
		{"apiVersion": "argoproj.io/v1alpha1", "kind": "ClusterWorkflowTemplate", "metadata": {"name": "cwt"}, "spec": spec},
		# a Workflow that only references a WorkflowTemplate has no pod of its own
		{"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"name": "ref", "namespace": "t"}, "spec": {"workflowTemplateRef": {"name": "wt"}}},
	]
	_where(objs) == {"CronWorkflow/t/cw template t", "WorkflowTemplate/t/wt template t", "ClusterWorkflowTemplate/cwt template t"}
}

test_core_workloads_have_no_template_name if {
	ws := k8s.workloads with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "t", "labels": {"a": "b"}}, "spec": _spec}
	[w] := [w | some w in ws]
	w.template == ""
	w.where == "Pod/t/p"
	w.metadata.labels == {"a": "b"}
}
