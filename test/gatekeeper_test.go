package test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/yaml"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/gatekeeper"
	"github.com/stridegate/stridegate/bundle/input"
)

// aggregateIDs are the controls whose METADATA says they read several documents.
func aggregateIDs() map[string]bool {
	engine, err := bundle.New(context.Background())
	if err != nil {
		return nil
	}
	out := map[string]bool{}
	for _, c := range engine.Controls() {
		if c.Aggregate {
			out[c.ID] = true
		}
	}
	return out
}

// TestGatekeeperParity drives the exported templates through Gatekeeper's own constraint
// framework client with AdmissionReview requests for every object of the Kubernetes
// examples, and asserts the violations (control id + resource) the embedded engine
// reports: per object for single-object controls, and over the whole set (Gatekeeper
// with every object synced into data.inventory) for every control, referential D-1 too.
func TestGatekeeperParity(t *testing.T) {
	engine, err := bundle.New(context.Background())
	require.NoError(t, err)
	x := exportGatekeeper(t, engine)
	exported := map[string]gatekeeper.Control{}
	for _, c := range x.Controls {
		exported[c.ID] = c
	}
	agg := aggregateIDs()
	for _, set := range []string{"baseline", "hardened"} {
		t.Run(set, func(t *testing.T) {
			objs, docs, _ := k8sObjects(t, exampleDir(set))
			require.NotEmpty(t, objs)
			gk := newGKClient(t, x)
			gk.addInventory(t, objs)
			nss := namespaceObjects(t, objs)

			engineKeys := func(findings []bundle.Finding, single bool) []string {
				var out []string
				for _, f := range findings {
					c, ok := exported[f.ID]
					if !ok || (single && (len(c.Sync) > 0 || agg[f.ID])) || excludedResource(f.Resource) {
						continue
					}
					out = append(out, key(f.ID, f.Resource))
				}
				return uniqSorted(out)
			}
			var union []string
			for i, obj := range objs {
				got := gk.review(t, admissionReview(t, obj, nss))
				var all, single []string
				for _, v := range got {
					all = append(all, key(v.ID, v.Resource))
					if c := exported[v.ID]; len(c.Sync) == 0 && !agg[v.ID] {
						single = append(single, key(v.ID, v.Resource))
					}
				}
				union = append(union, all...)
				findings, errs := engine.Evaluate(context.Background(), docs[i:i+1])
				require.Empty(t, errs)
				assert.Equal(t, engineKeys(findings, true), uniqSorted(single), "%s %s/%s", obj.GetKind(), obj.GetNamespace(), obj.GetName())
			}
			findings, errs := engine.Evaluate(context.Background(), docs)
			require.Empty(t, errs)
			want := engineKeys(findings, false)
			assert.Equal(t, want, uniqSorted(union))
			if set == "baseline" {
				assert.NotEmpty(t, want, "the baseline should violate Kubernetes controls")
			} else {
				assert.Empty(t, want, "the hardened platform should pass every Kubernetes control")
			}
		})
	}
}

// excludedResource reports whether a finding's resource (Kind/namespace/name, or
// Namespace/name) lives in a namespace every Constraint excludes: Gatekeeper never
// reviews it (nor does AKS send kube-system to admission webhooks), while CI still
// reports it.
func excludedResource(resource string) bool {
	parts := strings.Split(resource, "/")
	ns := ""
	switch {
	case len(parts) == 3:
		ns = parts[1]
	case len(parts) == 2 && parts[0] == "Namespace":
		ns = parts[1]
	}
	for _, s := range gatekeeper.SystemNamespaces() {
		if ns == s {
			return true
		}
	}
	return false
}

func uniqSorted(in []string) []string {
	sort.Strings(in)
	out := []string{}
	for i, s := range in {
		if i == 0 || s != in[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// TestGatekeeperExportRegoCapabilities: every exported template compiles with the
// builtins of OPA 1.17 (the oldest OPA in play, inside Gatekeeper v3.23.1) minus the
// builtins Gatekeeper disables (http.send).
func TestGatekeeperExportRegoCapabilities(t *testing.T) {
	engine, err := bundle.New(context.Background())
	require.NoError(t, err)
	x := exportGatekeeper(t, engine)
	for _, c := range x.Controls {
		src := c.Template.Spec.Targets[0].Code[0].Source
		require.NoError(t, gatekeeper.CheckCapabilities(src, "v1.17.0", []string{"http.send"}), c.ID)
		assert.NotContains(t, src.Rego, "rego.metadata.chain()", "%s: the chain must be inlined", c.ID)
	}
}

// writeSuite exports into dir and writes, for every exported control, an allowed and a
// disallowed sample picked by Gatekeeper's own client from the example sets and the
// extra samples under test/gatekeeper/, plus a gator verify Suite. It returns the
// controls that have no disallowed or no allowed sample.
func writeSuite(t *testing.T, dir string) (missing []string) {
	t.Helper()
	engine, err := bundle.New(context.Background())
	require.NoError(t, err)
	x := exportGatekeeper(t, engine)
	files, err := x.Files()
	require.NoError(t, err)
	require.NoError(t, gatekeeper.Write(dir, files))

	type pool struct {
		name string
		objs []*unstructured.Unstructured
	}
	badObjs, _, _ := k8sObjects(t, existing(exampleDir("baseline"), filepath.Join("gatekeeper", "disallowed.yaml"))...)
	goodObjs, _, _ := k8sObjects(t, existing(exampleDir("hardened"), filepath.Join("gatekeeper", "allowed.yaml"))...)
	pools := []pool{{"disallowed", badObjs}, {"allowed", goodObjs}}

	picked := map[string]map[string]*unstructured.Unstructured{} // pool -> control id -> object
	for _, p := range pools {
		invPath := filepath.Join(dir, "samples", "inventory_"+p.name+".yaml")
		writeObjects(t, invPath, p.objs)
		gk := newGKClient(t, x)
		gk.addInventory(t, p.objs)
		nss := namespaceObjects(t, p.objs)
		picked[p.name] = map[string]*unstructured.Unstructured{}
		for _, obj := range p.objs {
			viol := map[string]bool{}
			for _, v := range gk.review(t, admissionReview(t, obj, nss)) {
				viol[v.ID] = true
			}
			for _, c := range x.Controls {
				if _, done := picked[p.name][c.ID]; done {
					continue
				}
				if p.name == "disallowed" && viol[c.ID] {
					picked[p.name][c.ID] = obj
				}
				if p.name == "allowed" && !viol[c.ID] && matches(c, obj) {
					picked[p.name][c.ID] = obj
				}
			}
		}
	}
	type assertion struct {
		Violations string `json:"violations"`
	}
	type tcase struct {
		Name       string      `json:"name"`
		Object     string      `json:"object"`
		Inventory  []string    `json:"inventory,omitempty"`
		Assertions []assertion `json:"assertions"`
	}
	type test struct {
		Name       string  `json:"name"`
		Template   string  `json:"template"`
		Constraint string  `json:"constraint"`
		Cases      []tcase `json:"cases"`
	}
	var tests []test
	for _, c := range x.Controls {
		name := c.Template.Metadata.Name
		tt := test{
			Name:       c.ID,
			Template:   "templates/" + name + ".yaml",
			Constraint: "constraints/" + c.Constraint.Metadata.Name + ".yaml",
		}
		for _, p := range pools {
			obj, ok := picked[p.name][c.ID]
			if !ok {
				missing = append(missing, c.ID+" ("+p.name+")")
				continue
			}
			file := filepath.Join("samples", name, "example_"+p.name+".yaml")
			writeObjects(t, filepath.Join(dir, file), []*unstructured.Unstructured{obj})
			want := "no"
			if p.name == "disallowed" {
				want = "yes"
			}
			tt.Cases = append(tt.Cases, tcase{
				Name:       p.name,
				Object:     file,
				Inventory:  []string{filepath.Join("samples", "inventory_"+p.name+".yaml")},
				Assertions: []assertion{{Violations: want}},
			})
		}
		if len(tt.Cases) > 0 {
			tests = append(tests, tt)
		}
	}
	suite := map[string]any{"apiVersion": "test.gatekeeper.sh/v1alpha1", "kind": "Suite", "metadata": map[string]any{"name": "stridegate"}, "tests": tests}
	b, err := json.Marshal(suite)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "suite.yaml"), b, 0o644))
	return missing
}

func existing(paths ...string) []string {
	var out []string
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// matches reports whether c's Constraint reviews obj (kind and namespace).
func matches(c gatekeeper.Control, obj *unstructured.Unstructured) bool {
	for _, ns := range c.Constraint.Spec.Match.ExcludedNamespaces {
		if obj.GetNamespace() == ns {
			return false
		}
	}
	gvk := obj.GroupVersionKind()
	for _, k := range c.Constraint.Spec.Match.Kinds {
		groupOK, kindOK := false, false
		for _, g := range k.APIGroups {
			groupOK = groupOK || g == "*" || g == gvk.Group
		}
		for _, kk := range k.Kinds {
			kindOK = kindOK || kk == "*" || kk == gvk.Kind
		}
		if groupOK && kindOK {
			return true
		}
	}
	return false
}

func writeObjects(t *testing.T, path string, objs []*unstructured.Unstructured) {
	t.Helper()
	var b bytes.Buffer
	for i, o := range objs {
		if i > 0 {
			b.WriteString("---\n")
		}
		// Through JSON: the loader keeps numbers exact as json.Number.
		j, err := json.Marshal(o.Object)
		require.NoError(t, err)
		y, err := yaml.JSONToYAML(j)
		require.NoError(t, err)
		b.Write(y)
	}
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
}

// TestGatorVerify runs the real gator (`go tool gator verify`) on the exported templates
// with an allowed and a disallowed sample per control.
func TestGatorVerify(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real gator")
	}
	dir := t.TempDir()
	missing := writeSuite(t, dir)
	assert.Empty(t, missing, "controls without a Gatekeeper sample: add an object to examples/ or test/gatekeeper/{allowed,disallowed}.yaml")
	cmd := exec.Command("go", "tool", "gator", "verify", filepath.Join(dir, "suite.yaml"), "-v")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	t.Logf("%s", out)
	assert.Contains(t, string(out), "ok")
}

// gatorTest runs `go tool gator test` on the exported templates and constraints and the
// manifests of an example set and returns one key per violation.
func gatorTest(t *testing.T, dir string, files []string) []string {
	t.Helper()
	args := []string{"tool", "gator", "test", "-o", "json", "-f", filepath.Join(dir, gatekeeper.TemplatesDir), "-f", filepath.Join(dir, gatekeeper.ConstraintsDir)}
	for _, f := range files {
		args = append(args, "-f", f)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("go", args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, "%s", stderr.String())
		require.Equal(t, 1, exit.ExitCode(), "%s", stderr.String())
	}
	var results []struct {
		Metadata struct {
			Details map[string]any `json:"details"`
		} `json:"metadata"`
	}
	out := bytes.TrimSpace(stdout.Bytes())
	if len(out) > 0 && !bytes.Equal(out, []byte("null")) {
		require.NoError(t, json.Unmarshal(out, &results), "%s", out)
	}
	keys := make([]string, 0, len(results))
	for _, r := range results {
		id, _ := r.Metadata.Details["id"].(string)
		res, _ := r.Metadata.Details["resource"].(string)
		keys = append(keys, key(id, res))
	}
	return uniqSorted(keys)
}

// TestGatorTest runs the real gator (`go tool gator test`) on the exported templates and
// constraints with the baseline manifests (the engine's Kubernetes violations) and the
// hardened ones (none).
func TestGatorTest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real gator")
	}
	engine, err := bundle.New(context.Background())
	require.NoError(t, err)
	x := exportGatekeeper(t, engine)
	files, err := x.Files()
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, gatekeeper.Write(dir, files))
	exported := map[string]bool{}
	for _, c := range x.Controls {
		exported[c.ID] = true
	}
	for _, set := range []string{"baseline", "hardened"} {
		t.Run(set, func(t *testing.T) {
			// gator reads YAML and JSON only (not manifests in shell heredocs), and reviews
			// a `List` as one object: hand it the objects one document each, the way
			// `kubectl apply` creates them.
			objs, all, _ := k8sObjects(t, exampleDir(set))
			var docs []input.Document
			var items []*unstructured.Unstructured
			for i, d := range all {
				switch strings.ToLower(filepath.Ext(d.Path)) {
				case ".yaml", ".yml", ".json":
					docs = append(docs, d)
					items = append(items, objs[i])
				}
			}
			manifest := filepath.Join(t.TempDir(), set+".yaml")
			writeObjects(t, manifest, items)
			paths := []string{manifest}
			findings, errs := engine.Evaluate(context.Background(), docs)
			require.Empty(t, errs)
			var want []string
			for _, f := range findings {
				if exported[f.ID] && !excludedResource(f.Resource) {
					want = append(want, key(f.ID, f.Resource))
				}
			}
			got := gatorTest(t, dir, paths)
			assert.Equal(t, uniqSorted(want), got, strings.Join(paths, " "))
			if set == "baseline" {
				assert.NotEmpty(t, got)
			} else {
				assert.Empty(t, got)
			}
		})
	}
}

// TestGatekeeperHelmValuesKeys: every key the generated Helm values set exists in the
// values.yaml of the official chart shipped in the pinned gatekeeper module (free-form
// maps such as nodeSelector and resources are checked down to their own key).
func TestGatekeeperHelmValuesKeys(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/open-policy-agent/gatekeeper/v3").Output()
	require.NoError(t, err)
	chartValues := filepath.Join(strings.TrimSpace(string(out)), "charts", "gatekeeper", "values.yaml")
	if _, err := os.Stat(chartValues); err != nil {
		t.Skipf("chart not in the module cache: %v", err)
	}
	b, err := os.ReadFile(chartValues)
	require.NoError(t, err)
	var chart map[string]any
	require.NoError(t, yaml.Unmarshal(b, &chart))
	engine, err := bundle.New(context.Background())
	require.NoError(t, err)
	var ours map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(exportGatekeeper(t, engine).Values), &ours))
	freeForm := map[string]bool{"nodeSelector": true, "resources": true, "tolerations": true}
	var check func(prefix string, ours, chart map[string]any)
	check = func(prefix string, ours, chart map[string]any) {
		for k, v := range ours {
			cv, ok := chart[k]
			if !assert.True(t, ok, "chart has no value %s%s", prefix, k) {
				continue
			}
			om, oIsMap := v.(map[string]any)
			cm, cIsMap := cv.(map[string]any)
			if oIsMap && cIsMap && !freeForm[k] {
				check(prefix+k+".", om, cm)
			}
		}
	}
	check("", ours, chart)
}
