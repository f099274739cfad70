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
