package gatekeeper_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/gatekeeper"
)

func TestNames(t *testing.T) {
	for _, tc := range []struct{ id, template, kind, constraint string }{
		{"SG-K8S-1", "stridegatesgk8s1", "StridegateSgK8s1", "sg-k8s-1"},
		{"D-1", "stridegated1", "StridegateD1", "d-1"},
		{"E-2-K8S", "stridegatee2k8s", "StridegateE2K8s", "e-2-k8s"},
	} {
		t.Run(tc.id, func(t *testing.T) {
			assert.Equal(t, tc.template, gatekeeper.TemplateName(tc.id))
			assert.Equal(t, tc.kind, gatekeeper.KindName(tc.id))
			assert.Equal(t, tc.constraint, gatekeeper.ConstraintName(tc.id))
		})
	}
}

// A small bundle: two libs (one importing the other), an unrelated lib, a pod control
// with parameters and custom.kinds, and a referential control without kinds.
func testBundle() fstest.MapFS {
	return fstest.MapFS{
		"lib/docs.rego": {Data: []byte(`# METADATA
# custom:
#   library: true
package lib.docs

documents contains input.review.object if input.review.object
`)},
		"lib/k8s.rego": {Data: []byte(`# METADATA
# custom:
#   library: true
package lib.k8s

import data.lib.docs

objects contains o if some o in docs.documents

workload_kinds := {"Pod", "Deployment"}

workloads contains o if {
	some o in objects
	o.kind in workload_kinds
}
`)},
		"lib/result.rego": {Data: []byte(`# METADATA
# custom:
#   library: true
package lib.result

make(chain, msg) := {"msg": msg, "details": {"id": c.id, "severity": c.severity}} if {
	some entry in chain
	c := entry.annotations.custom
	c.id
}
`)},
		"lib/unused.rego": {Data: []byte(`# METADATA
# custom:
#   library: true
package lib.unused

x := 1
`)},
		"kubernetes/pod.rego": {Data: []byte(`# METADATA
# title: Pod
# description: A pod control.
# custom:
#   id: SG-T-1
#   threats: [T-9]
#   severity: medium
#   inputs: [k8s]
#   kinds:
#     - apiGroups: [""]
#       kinds: [Pod]
#   parameters:
#     allowed:
#       type: array
#       items: {type: string}
#       description: Allowed things.
#       default: [a, b]
package t.pod

import data.lib.k8s
import data.lib.result

violation contains result.make(rego.metadata.chain(), "bad") if {
	some o in k8s.objects
	o.kind == "Pod"
}
`)},
		"kubernetes/ns.rego": {Data: []byte(`# METADATA
# title: Namespace
# custom:
#   id: T-9
#   severity: critical
#   inputs: [k8s]
#   sync: [{group: "", version: v1, kind: Namespace}]
package t.ns

import data.lib.k8s
import data.lib.result

violation contains result.make(rego.metadata.chain(), "ns") if {
	some o in k8s.objects
	o.kind == "Namespace"
	some w in k8s.workloads
	w.metadata.namespace == o.metadata.name
}
`)},
		"terraform/tf.rego": {Data: []byte(`# METADATA
# title: TF
# custom:
#   id: T-8
#   severity: low
#   inputs: [tfplan]
package t.tf

violation contains {"msg": "x"} if false
`)},
	}
}

func build(t *testing.T, opts gatekeeper.Options) *gatekeeper.Export {
	t.Helper()
	e, err := bundle.New(context.Background(), bundle.WithFS(testBundle()))
	require.NoError(t, err)
	x, err := gatekeeper.Build(e, opts)
	require.NoError(t, err)
	return x
}

func TestBuild(t *testing.T) {
	x := build(t, gatekeeper.Options{})
	require.Len(t, x.Controls, 2, "only k8s controls")
	byID := map[string]gatekeeper.Control{}
	for _, c := range x.Controls {
		byID[c.ID] = c
	}

	pod := byID["SG-T-1"]
	src := pod.Template.Spec.Targets[0].Code[0].Source
	assert.Equal(t, "v1", src.Version)
	assert.Equal(t, gatekeeper.Target, pod.Template.Spec.Targets[0].Target)
	assert.NotContains(t, src.Rego, "rego.metadata.chain()")
	assert.Contains(t, src.Rego, `"id": "SG-T-1"`, "chain inlined from METADATA")
	require.Len(t, src.Libs, 3, "k8s, its import docs, and result; not unused")
	assert.Contains(t, src.Libs[0], "package lib.docs")
	assert.Contains(t, src.Libs[1], "package lib.k8s")
	assert.Contains(t, src.Libs[2], "package lib.result")
	assert.Equal(t, "stridegatesgt1", pod.Template.Metadata.Name)
	assert.Equal(t, "StridegateSgT1", pod.Template.Spec.CRD.Spec.Names.Kind)
	assert.Equal(t, "T-9", pod.Template.Metadata.Annotations["stridegate.dev/threats"])
	assert.Equal(t, "medium", pod.Template.Metadata.Annotations["stridegate.dev/severity"])
	schema := pod.Template.Spec.CRD.Spec.Validation.OpenAPIV3Schema
	assert.Equal(t, map[string]any{"type": "object", "properties": map[string]any{
		"allowed": map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "description": "Allowed things."},
	}}, schema)
	assert.Equal(t, map[string]any{"allowed": []any{"a", "b"}}, pod.Constraint.Spec.Parameters)
	assert.Equal(t, "warn", pod.Constraint.Spec.EnforcementAction, "medium warns")
	assert.Equal(t, []gatekeeper.KindMatch{{APIGroups: []string{""}, Kinds: []string{"Pod"}}}, pod.Constraint.Spec.Match.Kinds)
	assert.Equal(t, gatekeeper.SystemNamespaces(), pod.Constraint.Spec.Match.ExcludedNamespaces)

	ns := byID["T-9"]
	assert.Equal(t, "deny", ns.Constraint.Spec.EnforcementAction, "critical denies")
	assert.Equal(t, []gatekeeper.KindMatch{
		{APIGroups: []string{""}, Kinds: []string{"Namespace", "Pod"}},
		{APIGroups: []string{"apps"}, Kinds: []string{"Deployment"}},
	}, ns.Constraint.Spec.Match.Kinds, "derived: kind literals + workload kinds of lib.k8s")
	assert.Nil(t, ns.Template.Spec.CRD.Spec.Validation)
	assert.Contains(t, ns.Template.Metadata.Annotations["metadata.gatekeeper.sh/requires-sync-data"], `"kinds":["Namespace"]`)
	assert.Equal(t, []gatekeeper.GVK{{Group: "", Version: "v1", Kind: "Namespace"}}, x.Config.Spec.Sync.SyncOnly)
	assert.Equal(t, "gatekeeper-system", x.Config.Metadata.Namespace)
}

func TestEnforcementOverride(t *testing.T) {
	x := build(t, gatekeeper.Options{Enforcement: "dryrun"})
	for _, c := range x.Controls {
		assert.Equal(t, "dryrun", c.Constraint.Spec.EnforcementAction)
	}
	e, err := bundle.New(context.Background(), bundle.WithFS(testBundle()))
	require.NoError(t, err)
	_, err = gatekeeper.Build(e, gatekeeper.Options{Enforcement: "block"})
	assert.ErrorContains(t, err, `enforcement "block"`)
	_, err = gatekeeper.Build(e, gatekeeper.Options{GPUNodeLabel: "novalue"})
	assert.ErrorContains(t, err, "want key=value")
}

func TestFiles(t *testing.T) {
	x := build(t, gatekeeper.Options{GPUNodeLabel: "kubernetes.azure.com/agentpool=gpu"})
	files, err := x.Files()
	require.NoError(t, err)
	byPath := map[string]string{}
	for _, f := range files {
		byPath[f.Path] = string(f.Data)
	}
	for _, p := range []string{"templates/stridegatesgt1.yaml", "templates/stridegatet9.yaml", "sync-config.yaml",
		"kustomization.yaml", "constraints/kustomization.yaml", "constraints/sg-t-1.yaml", "constraints/t-9.yaml", "gatekeeper-values.yaml"} {
		assert.Contains(t, byPath, p)
	}
	assert.Contains(t, byPath["kustomization.yaml"], "- templates/stridegatesgt1.yaml")
	assert.NotContains(t, byPath["kustomization.yaml"], "constraints/")
	assert.Contains(t, byPath["constraints/kustomization.yaml"], "- sg-t-1.yaml")
	assert.Contains(t, byPath["templates/stridegatesgt1.yaml"], "rego: |\n")
	values := byPath["gatekeeper-values.yaml"]
	for _, want := range []string{"kubernetes.azure.com/agentpool: gpu", "key: nvidia.com/gpu", "validatingWebhookFailurePolicy: Fail",
		"replicas: 3", "minAvailable: 2", "priorityClassName: system-cluster-critical"} {
		assert.Contains(t, values, want)
	}
	again, err := build(t, gatekeeper.Options{GPUNodeLabel: "kubernetes.azure.com/agentpool=gpu"}).Files()
	require.NoError(t, err)
	assert.Equal(t, files, again, "the export is deterministic")
}

func TestCheckCapabilities(t *testing.T) {
	ok := gatekeeper.Source{Version: "v1", Rego: "package x\n\nviolation contains {\"msg\": \"m\"} if input.review.object\n"}
	require.NoError(t, gatekeeper.CheckCapabilities(ok, "v1.17.0", []string{"http.send"}))
	bad := gatekeeper.Source{Version: "v1", Rego: "package x\n\nviolation contains {\"msg\": r.body} if r := http.send({\"method\": \"get\", \"url\": \"https://x\"})\n"}
	err := gatekeeper.CheckCapabilities(bad, "v1.17.0", []string{"http.send"})
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "http.send"), err.Error())
}
