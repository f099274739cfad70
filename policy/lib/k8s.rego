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

objects contains {"path": doc.path, "object": item} if {
	some doc in docs.documents
	is_list(doc.contents)
	some item in doc.contents.items
	_plain(item)
}

# A typed list as the API server returns it (ClusterRoleBindingList, RoleList...): its items
# carry neither apiVersion nor kind, which the list's own apiVersion and kind give.
objects contains {"path": doc.path, "object": object.union({"apiVersion": doc.contents.apiVersion, "kind": kind}, item)} if {
	some doc in docs.documents
	is_string(doc.contents.apiVersion)
	is_string(doc.contents.kind)
	doc.contents.kind != "List"
	endswith(doc.contents.kind, "List")
	kind := trim_suffix(doc.contents.kind, "List")
	some item in doc.contents.items
	is_object(item)
	is_object(item.metadata)
}

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

# workloads lists {path, object, spec} for every object that carries a pod template.
workloads contains {"path": o.path, "object": o.object, "spec": spec} if {
	some o in objects
	spec := pod_spec(o.object)
}

# containers returns every container of a pod spec, init and ephemeral ones included,
# each as {"container": c, "type": "containers"|"initContainers"|"ephemeralContainers"}.
containers(spec) := {{"container": c, "type": t} |
	some t in {"containers", "initContainers", "ephemeralContainers"}
	some c in object.get(spec, t, [])
}
