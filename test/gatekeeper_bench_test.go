package test

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/stridegate/stridegate/bundle"
)

// benchPod is a GPU training pod as the platform runs them: one container, a GPU request,
// a projected token, a toleration and a node selector.
func benchPod() *unstructured.Unstructured {
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "v1",
		"kind":       "Pod",
		"metadata": map[string]any{
			"name": "isaac-lab-ppo-train-0", "namespace": "training",
			"labels": map[string]any{"app.kubernetes.io/name": "isaac-lab", "azure.workload.identity/use": "true"},
		},
		"spec": map[string]any{
			"serviceAccountName": "trainer",
			"nodeSelector":       map[string]any{"kubernetes.azure.com/accelerator": "nvidia"},
			"tolerations":        []any{map[string]any{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}},
			"securityContext":    map[string]any{"runAsNonRoot": true, "seccompProfile": map[string]any{"type": "RuntimeDefault"}},
			"containers": []any{map[string]any{
				"name":  "trainer",
				"image": "platformacr01.azurecr.io/isaac-lab/train@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
				"args":  []any{"--task", "Isaac-Velocity-Rough-Anymal-C-v0", "--headless"},
				"env":   []any{map[string]any{"name": "LOG_LEVEL", "value": "info"}},
				"resources": map[string]any{
					"requests": map[string]any{"cpu": "8", "memory": "32Gi", "nvidia.com/gpu": "1"},
					"limits":   map[string]any{"memory": "32Gi", "nvidia.com/gpu": "1"},
				},
				"securityContext": map[string]any{
					"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
					"capabilities": map[string]any{"drop": []any{"ALL"}},
				},
			}},
		},
	}}
}

// BenchmarkGatekeeperPodReview measures one Pod admission review through Gatekeeper's
// constraint framework client against every exported template (the hardened platform
// synced as inventory), and reports p50/p99 latency per review.
func BenchmarkGatekeeperPodReview(b *testing.B) {
	engine, err := bundle.New(context.Background())
	require.NoError(b, err)
	x := exportGatekeeper(b, engine)
	gk := newGKClient(b, x)
	objs, _, _ := k8sObjects(b, exampleDir("hardened"))
	gk.addInventory(b, objs)
	nss := namespaceObjects(b, objs)
	review := admissionReview(b, benchPod(), nss)
	gk.review(b, review) // warm up
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		gk.review(b, review)
		durations = append(durations, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
	pct := func(p float64) float64 {
		return float64(durations[int(p*float64(len(durations)-1))].Microseconds())
	}
	b.ReportMetric(pct(0.50), "p50-µs/review")
	b.ReportMetric(pct(0.99), "p99-µs/review")
	b.ReportMetric(float64(len(x.Controls)), "templates")
}
