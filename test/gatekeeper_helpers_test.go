package test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"testing"

	"github.com/open-policy-agent/frameworks/constraint/pkg/apis"
	constraintclient "github.com/open-policy-agent/frameworks/constraint/pkg/client"
	"github.com/open-policy-agent/frameworks/constraint/pkg/client/drivers/rego"
	"github.com/open-policy-agent/frameworks/constraint/pkg/client/reviews"
	"github.com/open-policy-agent/gatekeeper/v3/pkg/gator/reader"
	mutationtypes "github.com/open-policy-agent/gatekeeper/v3/pkg/mutation/types"
	"github.com/open-policy-agent/gatekeeper/v3/pkg/target"
	"github.com/open-policy-agent/gatekeeper/v3/pkg/util"
	"github.com/stretchr/testify/require"
	admissionv1 "k8s.io/api/admission/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/yaml"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/gatekeeper"
	"github.com/stridegate/stridegate/bundle/input"
)

// exportGatekeeper builds the Gatekeeper export of the embedded bundle.
func exportGatekeeper(t testing.TB, engine *bundle.Engine) *gatekeeper.Export {
	t.Helper()
	x, err := gatekeeper.Build(engine, gatekeeper.Options{})
	require.NoError(t, err)
	require.NotEmpty(t, x.Controls)
	return x
}

// toUnstructured renders v (a template, constraint, ...) through its YAML, the way
// kubectl or gator would read the exported file.
func toUnstructured(t testing.TB, v any) *unstructured.Unstructured {
	t.Helper()
	b, err := gatekeeper.Marshal(v)
	require.NoError(t, err)
	u := &unstructured.Unstructured{}
	require.NoError(t, yaml.Unmarshal(b, &u.Object))
	return u
}

// gkClient is Gatekeeper's constraint framework client (Rego driver, k8s validation
// target) loaded with every exported template and constraint.
type gkClient struct {
	client *constraintclient.Client
	byKind map[string]gatekeeper.Control
}

func newGKClient(t testing.TB, x *gatekeeper.Export) *gkClient {
	t.Helper()
	scheme := runtime.NewScheme()
	require.NoError(t, apis.AddToScheme(scheme))
	driver, err := rego.New()
	require.NoError(t, err)
	c, err := constraintclient.NewClient(
		constraintclient.Targets(&target.K8sValidationTarget{}),
		constraintclient.Driver(driver),
		constraintclient.EnforcementPoints(util.WebhookEnforcementPoint),
	)
	require.NoError(t, err)
	ctx := context.Background()
	g := &gkClient{client: c, byKind: map[string]gatekeeper.Control{}}
	for _, ctl := range x.Controls {
		templ, err := reader.ToTemplate(scheme, toUnstructured(t, ctl.Template))
		require.NoError(t, err, ctl.ID)
		_, err = c.AddTemplate(ctx, templ)
		require.NoError(t, err, "template of %s", ctl.ID)
		_, err = c.AddConstraint(ctx, toUnstructured(t, ctl.Constraint))
		require.NoError(t, err, "constraint of %s", ctl.ID)
		g.byKind[ctl.Constraint.Kind] = ctl
	}
	return g
}

// addInventory syncs objs into data.inventory, as Gatekeeper's sync Config would.
func (g *gkClient) addInventory(t testing.TB, objs []*unstructured.Unstructured) {
	t.Helper()
	for _, o := range objs {
		_, err := g.client.AddData(context.Background(), o)
		require.NoError(t, err)
	}
}

// gkViolation is one Gatekeeper result.
type gkViolation struct {
	ID, Resource, Msg, Action string
}

// admissionReview builds the AdmissionReview request the API server would send for
// creating obj.
func admissionReview(t testing.TB, obj *unstructured.Unstructured, namespaces map[string]*corev1.Namespace) *target.AugmentedReview {
	t.Helper()
	raw, err := json.Marshal(obj.Object)
	require.NoError(t, err)
	gvk := obj.GroupVersionKind()
	req := &admissionv1.AdmissionRequest{
		UID:       "stridegate-test",
		Kind:      metav1.GroupVersionKind{Group: gvk.Group, Version: gvk.Version, Kind: gvk.Kind},
		Name:      obj.GetName(),
		Namespace: obj.GetNamespace(),
		Operation: admissionv1.Create,
		Object:    runtime.RawExtension{Raw: raw},
	}
	if gvk.Kind == "Namespace" && gvk.Group == "" {
		req.Namespace = ""
	}
	review := &target.AugmentedReview{AdmissionRequest: req, Source: mutationtypes.SourceTypeOriginal, IsAdmission: true}
	if ns, ok := namespaces[req.Namespace]; ok && req.Namespace != "" {
		review.Namespace = ns
	}
	return review
}

// review runs one admission review through every exported constraint.
func (g *gkClient) review(t testing.TB, review *target.AugmentedReview) []gkViolation {
	t.Helper()
	resp, err := g.client.Review(context.Background(), review, reviews.EnforcementPoint(util.WebhookEnforcementPoint))
	require.NoError(t, err)
	var out []gkViolation
	for _, r := range resp.Results() {
		details, _ := r.Metadata["details"].(map[string]any)
		id, _ := details["id"].(string)
		res, _ := details["resource"].(string)
		out = append(out, gkViolation{ID: id, Resource: res, Msg: r.Msg, Action: r.EnforcementAction})
	}
	return out
}

// k8sObjects loads the Kubernetes objects of an example set (List items expanded), as
// unstructured objects and as the engine's documents, plus the files they came from.
func k8sObjects(t testing.TB, dirs ...string) ([]*unstructured.Unstructured, []input.Document, []string) {
	t.Helper()
	loaded := input.Load(dirs, input.Options{})
	require.Empty(t, loaded.Errors)
	var objs []*unstructured.Unstructured
	var docs []input.Document
	files := map[string]bool{}
	for _, d := range loaded.Documents {
		if d.Kind != input.KindK8s {
			continue
		}
		m, ok := d.Contents.(map[string]any)
		if !ok {
			continue
		}
		files[d.Path] = true
		items := []any{m}
		if m["kind"] == "List" {
			items, _ = m["items"].([]any)
		}
		for _, it := range items {
			o, ok := it.(map[string]any)
			if !ok {
				continue
			}
			objs = append(objs, &unstructured.Unstructured{Object: o})
			docs = append(docs, input.Document{Path: d.Path, Index: d.Index, Line: d.Line, Kind: input.KindK8s, Contents: o})
		}
	}
	list := make([]string, 0, len(files))
	for f := range files {
		list = append(list, f)
	}
	sort.Strings(list)
	return objs, docs, list
}

func namespaceObjects(t testing.TB, objs []*unstructured.Unstructured) map[string]*corev1.Namespace {
	t.Helper()
	out := map[string]*corev1.Namespace{}
	for _, o := range objs {
		if o.GetKind() != "Namespace" {
			continue
		}
		ns := &corev1.Namespace{}
		require.NoError(t, runtime.DefaultUnstructuredConverter.FromUnstructured(o.Object, ns))
		out[ns.Name] = ns
	}
	return out
}

func exampleDir(set string) string { return filepath.Join("..", "examples", set) }

func key(id, resource string) string { return fmt.Sprintf("%s | %s", id, resource) }
