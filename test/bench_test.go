package test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/input"
	"github.com/stridegate/stridegate/test/corpus"
)

// Benchmarks of the embedded engine on the generated corpus (package corpus). They run
// only with -bench; CI runs each once (`-bench . -benchtime=1x`) so they cannot rot.
// `make bench` compares the built binary with conftest and opa eval.

// BenchmarkPrepare measures bundle.New: parse, compile and prepare the whole bundle.
func BenchmarkPrepare(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		_, err := bundle.New(ctx)
		require.NoError(b, err)
	}
}

// BenchmarkPlan loads (decode, validate) and evaluates one plan of 1k, 10k and 50k
// resources, and reports the cost per resource.
func BenchmarkPlan(b *testing.B) {
	ctx := context.Background()
	engine, err := bundle.New(ctx)
	require.NoError(b, err)
	for _, n := range []int{1000, 10000, 50000} {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			data := corpus.Plan(n, 1)
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			var findings int
			for b.Loop() {
				docs, _, err := input.Parse("plan/tfplan.json", data, input.KindUnknown)
				require.NoError(b, err)
				fs, errs := engine.Evaluate(ctx, docs)
				require.Empty(b, errs)
				findings = len(fs)
			}
			reportPer(b, n, "resource")
			b.ReportMetric(float64(findings), "findings")
		})
	}
}

// BenchmarkManifests evaluates 200 manifest files (multi-document streams) as one set.
func BenchmarkManifests(b *testing.B) {
	benchFiles(b, corpus.Options{Manifests: 200, Seed: 1})
}

// BenchmarkWorkflows evaluates 20 GitHub workflows as one set.
func BenchmarkWorkflows(b *testing.B) {
	benchFiles(b, corpus.Options{Workflows: 20, Seed: 1})
}

func benchFiles(b *testing.B, o corpus.Options) {
	ctx := context.Background()
	engine, err := bundle.New(ctx)
	require.NoError(b, err)
	l, err := corpus.Write(b.TempDir(), o)
	require.NoError(b, err)
	files := append(l.Manifests, l.Workflows...)
	b.ReportAllocs()
	var findings int
	for b.Loop() {
		loaded := input.Load(files, input.Options{})
		require.Empty(b, loaded.Errors)
		fs, errs := engine.Evaluate(ctx, loaded.Documents)
		require.Empty(b, errs)
		findings = len(fs)
	}
	reportPer(b, len(files), "file")
	b.ReportMetric(float64(findings), "findings")
}

// reportPer reports time and allocated bytes per unit (resource, file).
func reportPer(b *testing.B, n int, unit string) {
	if b.N == 0 || n == 0 {
		return
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/"+unit)
}
