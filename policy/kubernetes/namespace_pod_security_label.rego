# METADATA
# title: Namespace without an enforced Pod Security level
# description: |
#   Every workload namespace must carry the `pod-security.kubernetes.io/enforce` label with
#   an allowed level (default `baseline` or `restricted`), so Pod Security Admission rejects
#   privileged pods at admission time. System namespaces managed by AKS are not judged.
# custom:
#   id: SG-K8S-4
#   threats: []
#   severity: medium
#   stride: Elevation of Privilege
#   inputs: [k8s]
#   kinds:
#     - apiGroups: [""]
#       kinds: [Namespace]
#   parameters:
#     allowed_levels:
#       type: array
#       items: {type: string}
#       description: Pod Security Standard levels accepted in the enforce label.
#       default: [baseline, restricted]
#   remediation: |
#     Label each workload namespace `pod-security.kubernetes.io/enforce: restricted` (or
#     `baseline` where a workload really needs it), with `enforce-version: latest`, and
#     record any namespace that must stay privileged (GPU operator) as an exception.
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-admission/
#     - https://learn.microsoft.com/azure/aks/use-psa
package stridegate.kubernetes.namespace_pod_security_label

import data.lib.k8s
import data.lib.params
import data.lib.result

_label := "pod-security.kubernetes.io/enforce"

_namespaces contains o if {
	some o in k8s.objects
	o.object.kind == "Namespace"
	not o.object.metadata.name in k8s.system_namespaces
}

violation contains result.make(rego.metadata.chain(), msg, k8s.resource_id(o.object), o.path) if {
	some o in _namespaces
	not o.object.metadata.labels[_label]
	msg := sprintf("namespace %q has no %s label: Pod Security Admission does not block privileged pods there", [o.object.metadata.name, _label])
}

violation contains result.make(rego.metadata.chain(), msg, k8s.resource_id(o.object), o.path) if {
	some o in _namespaces
	level := o.object.metadata.labels[_label]
	allowed := params.get("allowed_levels", ["baseline", "restricted"])
	not level in allowed
	not k8s.unresolved(level)
	msg := sprintf("namespace %q enforces Pod Security level %q; allowed: %s", [o.object.metadata.name, level, concat(", ", allowed)])
}
