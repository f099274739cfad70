package test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/stretchr/testify/assert"
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
			before := totalAlloc()
			for b.Loop() {
				findings = evalPlan(b, engine, data)
			}
			reportPer(b, n, "resource")
			b.ReportMetric(float64(totalAlloc()-before)/float64(b.N)/float64(n), "B/resource")
			b.ReportMetric(float64(findings), "findings")
		})
	}
}

// BenchmarkParsePlan splits the load of a 10k-resource plan: "decode" is encoding/json
// into any alone; "parse" is input.Parse (streamed straight into OPA values, the parts no
// control reads skipped, validated as terraform-json does); "full" is input.ParseFull,
// which keeps every part; "generic" is the path parse replaced: decode into any, then
// ast.InterfaceToValue. Each reports the heap its result keeps alive per resource.
func BenchmarkParsePlan(b *testing.B) {
	const n = 10000
	data := corpus.Plan(n, 1)
	parsers := []struct {
		name  string
		parse func() any
	}{
		{"decode", func() any {
			var v any
			require.NoError(b, json.Unmarshal(data, &v))
			return v
		}},
		{"parse", func() any {
			docs, _, err := input.Parse("plan/tfplan.json", data, input.KindUnknown)
			require.NoError(b, err)
			return docs
		}},
		{"full", func() any {
			docs, _, err := input.ParseFull("plan/tfplan.json", data, input.KindUnknown)
			require.NoError(b, err)
			return docs
		}},
		{"generic", func() any {
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.UseNumber()
			var v any
			require.NoError(b, dec.Decode(&v))
			value, err := ast.InterfaceToValue(v)
			require.NoError(b, err)
			return value
		}},
	}
	for _, p := range parsers {
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				p.parse()
			}
			b.ReportMetric(float64(retained(p.parse))/n, "retained-B/resource")
		})
	}
}

// retained is the heap that f's result keeps alive.
func retained(f func() any) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := f()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	if after.HeapAlloc < before.HeapAlloc {
		return 0
	}
	return after.HeapAlloc - before.HeapAlloc
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
	before := totalAlloc()
	for b.Loop() {
		findings = evalFiles(b, engine, files)
	}
	reportPer(b, len(files), "file")
	b.ReportMetric(float64(totalAlloc()-before)/float64(b.N)/float64(len(files)), "B/file")
	b.ReportMetric(float64(findings), "findings")
}

// evalPlan is one iteration of BenchmarkPlan: decode and validate the plan, evaluate it.
func evalPlan(tb testing.TB, engine *bundle.Engine, data []byte) int {
	docs, _, err := input.Parse("plan/tfplan.json", data, input.KindUnknown)
	require.NoError(tb, err)
	fs, errs := engine.Evaluate(context.Background(), docs)
	require.Empty(tb, errs)
	return len(fs)
}

// evalFiles is one iteration of BenchmarkManifests and BenchmarkWorkflows.
func evalFiles(tb testing.TB, engine *bundle.Engine, files []string) int {
	loaded := input.Load(files, input.Options{})
	require.Empty(tb, loaded.Errors)
	fs, errs := engine.Evaluate(context.Background(), loaded.Documents)
	require.Empty(tb, errs)
	return len(fs)
}

// TestBenchmarkBodies runs the benchmarks' bodies once on a small corpus, so they stay
// working under `go test ./...` without timing anything.
func TestBenchmarkBodies(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates a generated corpus")
	}
	engine, err := bundle.New(context.Background())
	require.NoError(t, err)
	assert.Equal(t, corpus.Plan(300, 1), corpus.Plan(300, 1), "the generator is deterministic")
	assert.Positive(t, evalPlan(t, engine, corpus.Plan(300, 1)))
	l, err := corpus.Write(t.TempDir(), corpus.Options{Manifests: 10, Workflows: 4, Seed: 1})
	require.NoError(t, err)
	assert.Positive(t, evalFiles(t, engine, l.Manifests))
	assert.Positive(t, evalFiles(t, engine, l.Workflows))
}

// reportPer reports time and allocated bytes per unit (resource, file).
func reportPer(b *testing.B, n int, unit string) {
	if b.N == 0 || n == 0 {
		return
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/"+unit)
}

// totalAlloc is the cumulative number of bytes allocated so far.
func totalAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}
