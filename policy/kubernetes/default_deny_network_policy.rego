# METADATA
# title: Workload namespace without a default-deny NetworkPolicy
# description: |
#   Every namespace that runs workloads (or is declared for them) needs NetworkPolicies
#   that select all its pods and deny both ingress and egress by default, so traffic has to
#   be allow-listed. Evaluated over all documents checked together (conftest --combine, the
#   harness's file set, a `List` export, or Gatekeeper's synced inventory); a lone document
#   is not a complete view and gives no finding.
# custom:
#   id: D-1
#   threats: [D-1]
#   severity: high
#   stride: Denial of Service
#   inputs: [k8s]
#   aggregate: true
#   kinds:
#     - apiGroups: [""]
#       kinds: [Namespace, Pod, ReplicationController]
#     - apiGroups: [apps]
#       kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet]
#     - apiGroups: [batch]
#       kinds: [Job, CronJob]
#     - apiGroups: [batch.volcano.sh]
#       kinds: [Job]
#     - apiGroups: [kubeflow.org]
#       kinds: [PyTorchJob, TFJob, MPIJob, XGBoostJob, PaddleJob, JAXJob]
#     - apiGroups: [ray.io]
#       kinds: [RayJob, RayCluster, RayService]
#     - apiGroups: [jobset.x-k8s.io]
#       kinds: [JobSet]
#     - apiGroups: [argoproj.io]
#       kinds: [Workflow, CronWorkflow, WorkflowTemplate, ClusterWorkflowTemplate]
#   sync: [{group: "", version: v1, kind: Namespace}, {group: networking.k8s.io, version: v1, kind: NetworkPolicy}]
#   remediation: |
#     Add a NetworkPolicy with `podSelector: {}` and `policyTypes: [Ingress, Egress]` and no
#     rules to each workload namespace, then allow-list the flows each workload needs.
#   references:
#     - https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies
#     - https://learn.microsoft.com/azure/aks/use-network-policies
package stridegate.kubernetes.default_deny_network_policy

import data.lib.docs
import data.lib.k8s
import data.lib.result

_complete if docs.combined

_complete if docs.gatekeeper

_complete if k8s.is_list(input)

# namespaces declared by a Namespace object or used by a workload, as ns -> path.
_declared contains [o.object.metadata.name, o.path] if {
	some o in k8s.objects
	o.object.kind == "Namespace"
}

_namespaces contains ns if {
	some [ns, _] in _declared
}

_namespaces contains k8s.namespace(w.object) if some w in k8s.workloads

# workloads and Namespace declarations by namespace, each indexed once (an object of
# comprehensions OPA indexes) instead of scanned for each namespace
_workloads_by_ns := {ns: ws |
	some ns in {k8s.namespace(w.object) | some w in k8s.workloads}
	ws := {w | some w in k8s.workloads; ns = k8s.namespace(w.object)}
}

_declared_by_ns := {ns: paths |
	some [ns, _] in _declared
	paths := {path | some [n, path] in _declared; ns = n}
}

_workloads_in(ns) := object.get(_workloads_by_ns, ns, set())

_workloads(ns) := sort({k8s.resource_id(w.object) | some w in _workloads_in(ns)})

_policies(ns) := k8s.in_namespace("NetworkPolicy", ns)

# null fields (`podSelector:` left empty, `ingress: null`) are absent, as the API server
# reads them
_field(obj, key, fallback) := v if {
	v := object.get(obj, key, fallback)
	v != null
} else := fallback

_selects_all(p) if {
	sel := _field(p.spec, "podSelector", {})
	count(_field(sel, "matchLabels", {})) + count(_field(sel, "matchExpressions", [])) == 0
}

_types(p) := {t | some t in p.spec.policyTypes} if is_array(p.spec.policyTypes)

_types(p) := {"Ingress"} if _field(p.spec, "policyTypes", null) == null

_denies(p, "Ingress") if {
	_selects_all(p)
	"Ingress" in _types(p)
	count(_field(p.spec, "ingress", [])) == 0
}

_denies(p, "Egress") if {
	_selects_all(p)
	"Egress" in _types(p)
	count(_field(p.spec, "egress", [])) == 0
}

_missing(ns) := {dir |
	some dir in ["Ingress", "Egress"]
	not _covered(ns, dir)
}

_covered(ns, dir) if {
	some p in _policies(ns)
	_denies(p, dir)
}

# a namespace left to a variable (`namespace: $NS` in a heredoc, `{{ .Release.Namespace }}`)
# may be the namespace of any denying policy, and a policy whose namespace is left to a
# variable may be in any namespace: unknown, so not reported. With no denying policy
# anywhere, the namespace is uncovered whatever it resolves to.
_covered(ns, dir) if {
	k8s.unresolved(ns)
	some p in k8s.of_kind("NetworkPolicy")
	_denies(p, dir)
}

_covered(_, dir) if {
	some p in k8s.of_kind("NetworkPolicy")
	k8s.unresolved(k8s.namespace(p))
	_denies(p, dir)
}

_file(ns) := path if {
	paths := sort(object.get(_declared_by_ns, ns, set()))
	path := paths[0]
} else := path if {
	paths := sort([w.path | some w in _workloads_in(ns)])
	path := paths[0]
}

violation contains result.make_with(rego.metadata.chain(), msg, sprintf("Namespace/%s", [ns]), _file(ns), {"workloads": _workloads(ns)}) if {
	_complete
	some ns in _namespaces
	not ns in k8s.system_namespaces
	missing := _missing(ns)
	count(missing) > 0
	msg := sprintf("namespace %q has no default-deny NetworkPolicy for %s; its pod traffic is unrestricted (workloads: %s)", [ns, concat(" and ", sort(missing)), _list(_workloads(ns))])
}

_list(ws) := concat(", ", ws) if count(ws) > 0

_list(ws) := "none yet" if count(ws) == 0
