package test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/input"
)

// BenchmarkSource measures the source controls on one long Python file and one long shell
// script of the forms they read (temp-file writes joined onto /tmp names, environment
// reads and logging; helm --set commands with continuations and argument arrays, token
// and role commands), at two lengths: ns/line should stay flat as the files grow, since
// the controls index a file's structural lines once instead of scanning every line per
// lookup (two such scans were quadratic before).
func BenchmarkSource(b *testing.B) {
	engine, err := bundle.New(context.Background())
	require.NoError(b, err)
	for _, n := range []int{200, 1000} {
		docs := sourceDocs(b, n)
		b.Run(fmt.Sprintf("blocks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var findings int
			for b.Loop() {
				fs, errs := engine.Evaluate(context.Background(), docs)
				require.Empty(b, errs)
				findings = len(fs)
			}
			reportPer(b, n, "block")
			b.ReportMetric(float64(findings), "findings")
		})
	}
}

// sourceDocs parses a generated Python file and shell script of n blocks each; every block
// holds one insecure form the source controls report.
func sourceDocs(tb testing.TB, n int) []input.Document {
	var py, sh strings.Builder
	py.WriteString("import logging, os\nfrom pathlib import Path\nBASE = \"/tmp/work\"\n")
	sh.WriteString("#!/usr/bin/env bash\nset -euo pipefail\n")
	for i := range n {
		fmt.Fprintf(&py, "p%d = os.path.join(BASE, \"cfg%d.json\")\nq%d = Path(p%d) / \"x\"\nopen(q%d, \"w\").write(secret)\n", i, i, i, i, i)
		fmt.Fprintf(&py, "logging.debug(\"env %%s\", os.environ.get(\"AZURE_CLIENT_SECRET_%d\"))\n", i)
		fmt.Fprintf(&sh, "args%d=(upgrade --install rel%d osmo/service -f values/rel%d.yaml)\n", i, i, i)
		fmt.Fprintf(&sh, "args%d+=(--set \"sidecars.authz.enabled=false\")\n", i)
		fmt.Fprintf(&sh, "helm \"${args%d[@]}\" \\\n  --set services.service.logLevel=DEBUG \\\n  --namespace osmo\n", i)
		fmt.Fprintf(&sh, "osmo token set svc%d --expires-at \"$(date -d '+1 year' +%%F)\"\n", i)
	}
	pyDocs, _, err := input.Parse("src/training/gen.py", []byte(py.String()), input.KindUnknown)
	require.NoError(tb, err)
	shDocs, _, err := input.Parse("src/deploy/gen.sh", []byte(sh.String()), input.KindUnknown)
	require.NoError(tb, err)
	return append(pyDocs, shDocs...)
}

// TestSourceBenchmarkBody runs BenchmarkSource's body once on a short file, so it stays
// correct: every block is reported.
func TestSourceBenchmarkBody(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates generated sources")
	}
	engine, err := bundle.New(context.Background())
	require.NoError(t, err)
	fs, errs := engine.Evaluate(context.Background(), sourceDocs(t, 5))
	require.Empty(t, errs)
	perID := map[string]int{}
	for _, f := range fs {
		perID[f.ID]++
	}
	assert.GreaterOrEqual(t, perID["I-4"], 5, "temp-file writes: %v", perID)
	assert.GreaterOrEqual(t, perID["E-2-SCRIPT"], 5, "tokens: %v", perID)
	assert.GreaterOrEqual(t, perID["S-1"], 5, "helm --set authz off: %v", perID)
}
