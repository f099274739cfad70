# METADATA
# title: Kubernetes objects
# description: |
#   Kubernetes objects from every runtime: a single object, a `List` or typed list
#   (`RoleBindingList` from the API, items without kind), a multi-document
#   stream (conftest splits it; --combine and the harness hand every document), and the
#   Gatekeeper review object. Also the pod template of every workload kind and its
#   containers, and the Gatekeeper inventory for referential controls.
# custom:
#   library: true
package lib.k8s

import data.lib.docs

# objects lists every Kubernetes object as {path, object}; List items are expanded.
objects contains {"path": doc.path, "object": obj} if {
	some doc in docs.documents
	obj := doc.contents
	_plain(obj)
}

objects contains {"path": doc.path, "object": obj} if {
	some doc in docs.documents
	is_list(doc.contents)
	some item in doc.contents.items
	obj := _list_item(doc.contents, item)
	_plain(obj)
}

# _list_item returns an item of a list as an object: the items of a typed list as the API
# server returns it (ClusterRoleBindingList, RoleList...) carry neither apiVersion nor
# kind, which the list's own apiVersion and kind give (an item's own values win).
_list_item(list, item) := object.union({"apiVersion": list.apiVersion, "kind": trim_suffix(list.kind, "List")}, item) if {
	list.kind != "List"
	is_string(list.apiVersion)
	is_object(item)
} else := item

_plain(o) if {
	is_string(o.apiVersion)
	is_string(o.kind)
	is_object(o.metadata)
	not is_list(o)
}

# is_list is true for a `List` (kubectl get -o yaml) or a typed list as the API server
# returns it (`PodList`, `DeploymentList`): its objects are its items.
is_list(o) if o.kind == "List"

is_list(o) if {
	is_string(o.kind)
	endswith(o.kind, "List")
	is_array(o.items)
}

# inventory lists the objects Gatekeeper syncs into data.inventory (empty elsewhere).
inventory contains obj if {
	some obj in data.inventory.cluster[_][_]
}

inventory contains obj if {
	some obj in data.inventory.namespace[_][_][_]
}

# all_objects is every object in scope: the documents given and, under Gatekeeper, the
# synced inventory too.
all_objects contains o.object if some o in objects

all_objects contains obj if some obj in inventory

# Indexes of all_objects, each built once per evaluation in one pass (an object of
# comprehensions OPA indexes on the key), so that a control looks objects up instead of
# scanning every object for each object or namespace.

# by_kind indexes all_objects by kind.
by_kind := {kind: objs |
	some kind in {o.kind | some o in all_objects}
	objs := {o | some o in all_objects; kind = o.kind}
}

# of_kind returns the objects in scope of a kind (an empty set when there are none).
of_kind(kind) := object.get(by_kind, kind, set())

# by_kind_namespace indexes all_objects by [kind, namespace].
by_kind_namespace := {k: objs |
	some k in {[o.kind, namespace(o)] | some o in all_objects}
	objs := {o | some o in all_objects; k = [o.kind, namespace(o)]}
}

# in_namespace returns the objects in scope of a kind in namespace ns.
in_namespace(kind, ns) := object.get(by_kind_namespace, [[kind, ns]], set())

# by_name indexes all_objects by [kind, metadata.name] (objects of every namespace).
by_name := {k: objs |
	some k in {[o.kind, o.metadata.name] | some o in all_objects}
	objs := {o | some o in all_objects; k = [o.kind, o.metadata.name]}
}

# named returns the objects in scope of a kind named name in namespace ns.
named(kind, ns, name) := {o |
	some o in object.get(by_name, [[kind, name]], set())
	namespace(o) == ns
}

# cluster_named returns the objects in scope of a kind named name, whatever their namespace
# (for cluster-scoped kinds).
cluster_named(kind, name) := object.get(by_name, [[kind, name]], set())

# namespace of an object; objects without one are in "default" (kubectl's default).
namespace(obj) := obj.metadata.namespace if {
	is_string(obj.metadata.namespace)
	obj.metadata.namespace != ""
} else := "default"

# resource_id names an object as Kind/namespace/name (Kind/name when cluster-scoped or
# when the manifest does not set a namespace).
resource_id(obj) := sprintf("%s/%s/%s", [obj.kind, obj.metadata.namespace, _name(obj)]) if {
	is_string(obj.metadata.namespace)
	obj.metadata.namespace != ""
} else := sprintf("%s/%s", [obj.kind, _name(obj)])

_name(obj) := n if {
	n := obj.metadata.name
	is_string(n)
} else := n if {
	n := obj.metadata.generateName
	is_string(n)
} else := "<unnamed>"

# unresolved is true for a string a manifest leaves to be filled in later: a shell or
# envsubst variable (`${X}`, `$X`, `$(cmd)` in a heredoc or a Flux/kustomize substitution),
# a Go/Helm template (`{{ .Values.x }}`) or a `<placeholder>`. Controls never report such a
# value as insecure: it is unknown.
unresolved(v) if {
	is_string(v)
	regex.match(`\$\{|\$\(|\$[A-Za-z_]|\{\{|\}\}|<[^<>\s]*>`, v)
}

# system_namespaces are never reported for workload isolation controls.
system_namespaces := {
	"kube-system", "kube-public", "kube-node-lease", "gatekeeper-system",
	"calico-system", "tigera-operator", "azure-arc",
}

workload_kinds := {"Pod", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet", "ReplicationController"}

# pod_spec returns the pod spec of a workload of any kind.
pod_spec(obj) := obj.spec if obj.kind == "Pod"

pod_spec(obj) := obj.spec.template.spec if {
	obj.kind in {"Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet", "ReplicationController"}
}

pod_spec(obj) := obj.spec.jobTemplate.spec.template.spec if obj.kind == "CronJob"

# pod_metadata returns the pod template's metadata ({} when absent).
pod_metadata(obj) := object.get(obj, "metadata", {}) if obj.kind == "Pod"

pod_metadata(obj) := object.get(obj.spec.template, "metadata", {}) if {
	obj.kind in {"Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet", "ReplicationController"}
}

pod_metadata(obj) := object.get(obj.spec.jobTemplate.spec.template, "metadata", {}) if obj.kind == "CronJob"

# workloads lists every pod template in the documents as {path, object, spec, metadata,
# template, where}: object is the workload (a core kind or a batch CRD), spec and metadata
# the template's pod spec and metadata, template names the template within the object
# ("" for core kinds, which have one; "replica Worker", "task trainer"... for CRDs, which
# may have several) and where says it for messages (the resource id, then the template).
workloads contains {
	"path": o.path,
	"object": o.object,
	"spec": spec,
	"metadata": pod_metadata(o.object),
	"template": "",
	"where": resource_id(o.object),
} if {
	some o in objects
	spec := pod_spec(o.object)
}

workloads contains {
	"path": o.path,
	"object": o.object,
	"spec": t.spec,
	"metadata": t.metadata,
	"template": t.name,
	"where": sprintf("%s %s", [resource_id(o.object), t.name]),
} if {
	some [group, kind] in crd_workload_kinds
	some o in object.get(_documents_by_kind, kind, set())
	api_group(o.object) == group
	some t in pod_templates(o.object)
}

# _documents_by_kind indexes objects ({path, object}) by kind, built once per evaluation,
# so that the CRD kinds below are looked up rather than every object tried against each.
_documents_by_kind := {kind: os |
	some kind in {o.object.kind | some o in objects}
	os := {o | some o in objects; kind = o.object.kind}
}

# api_group of an object: the part of apiVersion before "/" ("" for the core group, v1).
api_group(obj) := g if {
	parts := split(obj.apiVersion, "/")
	count(parts) == 2
	g := parts[0]
} else := ""

# crd_workload_kinds lists [apiGroup, kind] of the batch and training CRDs whose pod
# templates pod_templates reads: Volcano, the Kubeflow training operator (and MPI operator),
# KubeRay, JobSet and Argo Workflows. The Kubeflow v2 TrainJob is not among them: it
# carries no pod spec (its pods come from the referenced TrainingRuntime).
crd_workload_kinds := {
	["batch.volcano.sh", "Job"],
	["kubeflow.org", "PyTorchJob"],
	["kubeflow.org", "TFJob"],
	["kubeflow.org", "MPIJob"],
	["kubeflow.org", "XGBoostJob"],
	["kubeflow.org", "PaddleJob"],
	["kubeflow.org", "JAXJob"],
	["ray.io", "RayJob"],
	["ray.io", "RayCluster"],
	["ray.io", "RayService"],
	["jobset.x-k8s.io", "JobSet"],
	["argoproj.io", "Workflow"],
	["argoproj.io", "CronWorkflow"],
	["argoproj.io", "WorkflowTemplate"],
	["argoproj.io", "ClusterWorkflowTemplate"],
}

# pod_templates returns the pod templates of a CRD object of crd_workload_kinds, each as
# {name, spec, metadata}. A template whose pod spec is not an object (left to a template or
# variable) is not returned: unknown.
pod_templates(obj) := {_template(sprintf("task %s", [_label(object.get(t, "name", ""), i)]), t.template) |
	some i, t in obj.spec.tasks
} if {
	api_group(obj) == "batch.volcano.sh"
	obj.kind == "Job"
}

pod_templates(obj) := {_template(sprintf("replica %s", [r]), rs.template) |
	some r, rs in obj.spec[_replica_specs[obj.kind]]
} if api_group(obj) == "kubeflow.org"

pod_templates(obj) := _ray_templates(obj) if api_group(obj) == "ray.io"

pod_templates(obj) := {_template(sprintf("replicated job %s", [_label(object.get(rj, "name", ""), i)]), rj.template.spec.template) |
	some i, rj in obj.spec.replicatedJobs
} if {
	api_group(obj) == "jobset.x-k8s.io"
	obj.kind == "JobSet"
}

pod_templates(obj) := {_argo_template(ws, t, i) |
	ws := _argo_spec(obj)
	some i, t in ws.templates
} if api_group(obj) == "argoproj.io"

_template(name, t) := {"name": name, "spec": t.spec, "metadata": object.get(t, "metadata", {})} if is_object(t.spec)

# _label names a task or group by its name, else (unnamed) by its position.
_label(name, i) := name if {
	is_string(name)
	name != ""
} else := sprintf("#%d", [i])

# Kubeflow training operator: the field holding the replica specs (Master, Worker, Chief,
# PS, Launcher...) of each job kind.
_replica_specs := {
	"PyTorchJob": "pytorchReplicaSpecs",
	"TFJob": "tfReplicaSpecs",
	"MPIJob": "mpiReplicaSpecs",
	"XGBoostJob": "xgbReplicaSpecs",
	"PaddleJob": "paddleReplicaSpecs",
	"JAXJob": "jaxReplicaSpecs",
}

# KubeRay: the cluster spec of a RayCluster, RayJob or RayService.
_ray_cluster(obj) := obj.spec if obj.kind == "RayCluster"

_ray_cluster(obj) := obj.spec.rayClusterSpec if obj.kind == "RayJob"

_ray_cluster(obj) := obj.spec.rayClusterConfig if obj.kind == "RayService"

_ray_templates(obj) := (_ray_head(obj) | _ray_workers(obj)) | _ray_submitter(obj)

_ray_head(obj) := {t} if {
	t := _template("head group", _ray_cluster(obj).headGroupSpec.template)
} else := set()

_ray_workers(obj) := {_template(sprintf("worker group %s", [_label(object.get(g, "groupName", ""), i)]), g.template) |
	some i, g in _ray_cluster(obj).workerGroupSpecs
}

# a RayJob's submitter pod (spec.submitterPodTemplate) runs the job's entrypoint
_ray_submitter(obj) := {_template("submitter", obj.spec.submitterPodTemplate) | obj.kind == "RayJob"}

# Argo Workflows: a template that runs a pod (container, script or containerSet; steps, dag,
# suspend and resource templates run none of the user's containers) is modelled as a pod
# spec: its containers (the main one is named "main" unless named), sidecars and init
# containers; the template's securityContext, serviceAccountName,
# automountServiceAccountToken, nodeSelector, tolerations and affinity over the workflow's
# (spec, or spec.workflowSpec of a CronWorkflow); the workflow's hostNetwork; the
# workflow's volumes and the template's; metadata labels and annotations from
# spec.podMetadata and the template's metadata. podSpecPatch and templateDefaults are not
# applied.
_argo_spec(obj) := obj.spec.workflowSpec if obj.kind == "CronWorkflow"

_argo_spec(obj) := obj.spec if obj.kind in {"Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate"}

_argo_template(ws, t, i) := {
	"name": sprintf("template %s", [_label(object.get(t, "name", ""), i)]),
	"spec": object.union(
		{k: v |
			some k in ["securityContext", "serviceAccountName", "automountServiceAccountToken", "nodeSelector", "tolerations", "affinity", "hostNetwork", "volumes"]
			v := _argo_field(ws, t, k)
		},
		{
			"containers": array.concat(cs, _array(object.get(t, "sidecars", []))),
			"initContainers": _array(object.get(t, "initContainers", [])),
		},
	),
	"metadata": {
		"labels": object.union(_map(object.get(ws, ["podMetadata", "labels"], {})), _map(object.get(t, ["metadata", "labels"], {}))),
		"annotations": object.union(_map(object.get(ws, ["podMetadata", "annotations"], {})), _map(object.get(t, ["metadata", "annotations"], {}))),
	},
} if {
	cs := _argo_containers(t)
	count(cs) > 0
}

_argo_containers(t) := [object.union({"name": "main"}, t.container)] if is_object(t.container)

else := [object.union({"name": "main"}, t.script)] if is_object(t.script)

else := [c | some c in t.containerSet.containers]

# a field the template sets wins over the workflow's; volumes add up; hostNetwork is
# workflow-wide
_argo_field(ws, t, "volumes") := array.concat(ws.volumes, t.volumes) if {
	is_array(ws.volumes)
	is_array(t.volumes)
} else := _set_field(t, ws, "volumes")

_argo_field(ws, t, k) := _set_field(t, ws, k) if not k in {"volumes", "hostNetwork"}

_argo_field(ws, _, "hostNetwork") := ws.hostNetwork

_set_field(t, ws, k) := t[k] if t[k] != null

else := ws[k]

_array(v) := v if is_array(v)

else := []

_map(v) := v if is_object(v)

else := {}

# containers returns every container of a pod spec, init and ephemeral ones included,
# each as {"container": c, "type": "containers"|"initContainers"|"ephemeralContainers"}.
containers(spec) := {{"container": c, "type": t} |
	some t in {"containers", "initContainers", "ephemeralContainers"}
	some c in object.get(spec, t, [])
}
