# METADATA
# title: Deployment with a single replica
# description: A user's own control, loaded with bundle.WithFS (see example_test.go).
# custom:
#   id: ACME-1
#   threats: [D-4]
#   severity: low
#   stride: Denial of Service
#   inputs: [k8s]
#   remediation: Run at least two replicas.
package acme.replicas

violation contains {"msg": msg, "details": {"resource": resource, "file": doc.path}} if {
	some doc in input
	doc.contents.kind == "Deployment"
	object.get(doc.contents.spec, "replicas", 1) < 2
	resource := sprintf("Deployment/%s/%s", [doc.contents.metadata.namespace, doc.contents.metadata.name])
	msg := sprintf("%s runs a single replica", [resource])
}
