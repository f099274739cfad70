# METADATA
# title: Storage account key or connection string handed to workloads
# description: |
#   A storage account key, or a connection string carrying `AccountKey=`, placed in
#   container env, a ConfigMap (flat or embedded config) or Helm values gives full data-plane
#   access that outlives any identity and bypasses Entra ID auditing; workloads must use
#   workload identity (DefaultAzureCredential) instead. Env entries named
#   AZURE_STORAGE_KEY / *_ACCOUNT_KEY / *_CONNECTION_STRING are reported even when fed from a
#   Secret: they are the key fallback the threat model describes.
#   Helm values are read from values files, from HelmRelease (`spec.values`), Argo CD
#   Application (`helm.valuesObject`/`helm.values`) and k3s HelmChart (`valuesContent`), and
#   from the `--set`/`--set-string` flags of `helm install|upgrade|template` in shell scripts.
# custom:
#   id: I-1-K8S
#   threats: [I-1]
#   severity: medium
#   stride: Information Disclosure
#   inputs: [helm-values, k8s, source]
#   kinds:
#     - apiGroups: [""]
#       kinds: [ConfigMap, Pod, ReplicationController]
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
#     - apiGroups: [helm.toolkit.fluxcd.io]
#       kinds: [HelmRelease]
#     - apiGroups: [argoproj.io]
#       kinds: [Application, ApplicationSet]
#     - apiGroups: [helm.cattle.io]
#       kinds: [HelmChart]
#   remediation: |
#     Remove storage keys and key-based connection strings; grant the workload's managed
#     identity `Storage Blob Data Contributor` on the container, use workload identity, and
#     disable shared key access on the storage account.
#   references:
#     - https://learn.microsoft.com/azure/storage/common/storage-auth-aad-app
#     - https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent
package stridegate.kubernetes.storage_account_key

import data.lib.helm_cli
import data.lib.k8s
import data.lib.pods
import data.lib.result
import data.lib.settings

_account_key(v) if regex.match(`(?i)(^|;)\s*AccountKey\s*=\s*[^;\s]+`, v)

_key_env(name) if regex.match(`(?i)^([a-z0-9]+_)*(storage_(account_)?key|account_key|storage_connection_string|connection_string)$`, name)

_key_setting(key) if regex.match(`(?i)^(azure[-_]?)?(storage[-_]?(account[-_]?)?key|account[-_]?key|storage[-_]?connection[-_]?string)$`, key)

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": c.container.name, "env": e.name}) if {
	some c in pods.containers
	some e in object.get(c.container, "env", [])
	_env_hit(e)
	msg := sprintf("%s container %q receives a storage account key in %s: use workload identity instead", [c.where, c.container.name, e.name])
}

_env_hit(e) if _key_env(e.name)

_env_hit(e) if {
	is_string(e.value)
	_account_key(e.value)
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(o.object), o.path, {"key": key}) if {
	some o in k8s.objects
	o.object.kind == "ConfigMap"
	some key, v in o.object.data
	is_string(v)
	_account_key(v)
	msg := sprintf("%s key %q holds a storage connection string with AccountKey=", [k8s.resource_id(o.object), key])
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(o.object), o.path, {"key": key}) if {
	some o in k8s.objects
	o.object.kind == "ConfigMap"
	some key, v in o.object.data
	is_string(v)
	not _account_key(v)
	_key_setting(key)
	trim_space(v) != ""
	not k8s.unresolved(v)
	msg := sprintf("%s key %q holds a storage account key", [k8s.resource_id(o.object), key])
}

_tree_hits(tree) := {concat(".", [sprintf("%v", [x]) | some x in p]) |
	walk(tree, [p, v])
	count(p) > 0
	is_string(v)
	_tree_hit(p, v)
}

_tree_hit(_, v) if _account_key(v)

_tree_hit(p, v) if {
	_key_setting(sprintf("%v", [p[count(p) - 1]]))
	trim_space(v) != ""
	not k8s.unresolved(v) # `$STORAGE_KEY` may be empty (workload identity mode): unknown
}

_tree_hit(p, v) if {
	p[count(p) - 1] == "name"
	_key_env(v)
}

violation contains result.make(rego.metadata.chain(), msg, sprintf("values:%s", [p]), doc.path) if {
	some doc in settings.values_docs
	some p in _tree_hits(doc.contents)
	not _fixed(doc, p)
	msg := sprintf("Helm values carry a storage account key or key-based connection string at %s", [p])
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(c.object), c.path, {"key": c.key}) if {
	some c in settings.embedded_configs
	some p in _tree_hits(c.tree)
	msg := sprintf("%s key %q carries a storage account key at %s", [k8s.resource_id(c.object), c.key, p])
}

# values inside a HelmRelease, Argo CD Application or k3s HelmChart
violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(e.object), e.path, {"setting": sprintf("%s.%s", [e.at, p])}) if {
	some e in settings.embedded_values
	some p in _tree_hits(e.tree)
	msg := sprintf("%s values carry a storage account key or key-based connection string at %s.%s", [k8s.resource_id(e.object), e.at, p])
}

# --set flags of helm install/upgrade/template in shell scripts
violation contains result.make_with(rego.metadata.chain(), msg, sprintf("%s:%d", [c.path, c.line]), c.path, {"line": c.line, "setting": p}) if {
	some c in helm_cli.commands
	some p in _tree_hits(c.tree)
	msg := sprintf("%s line %d runs helm with %s: the release's values carry a storage account key or key-based connection string at %s", [c.path, c.line, helm_cli.flag(c, p), p])
}

# a values-file setting that every Helm command deploying the file (in the scripts checked
# with it) overrides with a --set that holds no key: helm_cli.overrides
_fixed(doc, p) if {
	trees := helm_cli.overrides(doc)
	every t in trees {
		not p in _tree_hits(t)
	}
}
