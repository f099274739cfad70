# METADATA
# title: MLflow configuration on a shared /tmp volume
# description: |
#   MLflow tracking configuration written under /tmp is world-readable by default; when /tmp
#   is a volume shared with other containers (an emptyDir mounted by several containers) or
#   with other pods and the node (hostPath, PVC, NFS), the tracking URI and experiment
#   metadata leak beyond the process. Reported for containers whose MLFLOW_* env or args
#   point under a /tmp mount of that kind.
# custom:
#   id: I-4-K8S
#   threats: [I-4]
#   severity: low
#   stride: Information Disclosure
#   inputs: [k8s]
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod, ReplicationController]
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
#   remediation: |
#     Point MLflow config at a private directory (e.g. an emptyDir mounted only by the
#     MLflow container at /var/run/mlflow, mode 0700), or create it with tempfile.mkstemp;
#     never share /tmp between containers or with the node.
#   references:
#     - https://mlflow.org/docs/latest/tracking.html
#     - https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
package stridegate.kubernetes.mlflow_tmp_config

import data.lib.pods
import data.lib.result

_tmp_path(v) := p if {
	some m in regex.find_all_string_submatch_n(`(?:^|[=:\s]|file://)(/tmp(?:/[^\s;,]*)?)`, v, 1)
	p := m[1]
}

_mlflow_paths(c) := {[e.name, p] |
	some e in object.get(c, "env", [])
	regex.match(`(?i)^MLFLOW_`, e.name)
	is_string(e.value)
	p := _tmp_path(e.value)
} | {[arg, p] |
	some arg in pods.command_line(c)
	is_string(arg)
	regex.match(`(?i)mlflow`, arg)
	p := _tmp_path(arg)
}

# the most specific mount of container c covering path p
_mount(c, p) := m if {
	ms := [[count(m.mountPath), m] | some m in object.get(c, "volumeMounts", []); _covers(m.mountPath, p)]
	m := max(ms)[1]
}

_covers(mount, p) if mount == p

_covers(mount, p) if startswith(p, sprintf("%s/", [trim_right(mount, "/")]))

_shared(spec, vol_name) := "mounted by several containers" if {
	users := {x.container.name |
		some x in pods.containers
		x.spec == spec
		some m in object.get(x.container, "volumeMounts", [])
		m.name == vol_name
	}
	count(users) > 1
}

_shared(spec, vol_name) := sprintf("a %s volume", [kind]) if {
	some v in object.get(spec, "volumes", [])
	v.name == vol_name
	some kind in ["hostPath", "persistentVolumeClaim", "nfs", "azureFile"]
	v[kind]
}

violation contains result.make_with(rego.metadata.chain(), msg, c.resource, c.path, {"container": c.container.name, "setting": setting}) if {
	some c in pods.containers
	some [setting, p] in _mlflow_paths(c.container)
	m := _mount(c.container, p)
	how := _shared(c.spec, m.name)
	msg := sprintf("%s container %q keeps MLflow configuration at %s (%s) on /tmp volume %q, %s", [c.where, c.container.name, p, setting, m.name, how])
}
