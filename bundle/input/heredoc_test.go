package input

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHeredocManifests(t *testing.T) {
	const ns = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s\n"
	manifest := func(name string) string { return strings.ReplaceAll(ns, "%s", name) }
	script := strings.Join([]string{
		"#!/usr/bin/env bash",
		"kubectl apply -f - <<EOF",
		manifest("direct") + "EOF",
		"cat <<'EOF' | kubectl apply -f -",
		manifest("piped") + "EOF",
		"generate() {",
		"  cat <<EOF",
		manifest("function") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: $NAME\ndata:\n  k: ${VALUE}\nEOF",
		"}",
		"generate | kubectl apply -f -",
		"cat > out.yaml <<-\"END\"",
		"\t" + strings.ReplaceAll(strings.TrimSuffix(manifest("tabbed"), "\n"), "\n", "\n\t"),
		"\tEND",
		"cat <<EOF",
		"usage: deploy.sh [--force]",
		"EOF",
		"read -r x <<< \"kind: Namespace\"",
		"echo $(( 1 << 2 ))  # <<EOF in a comment",
	}, "\n")
	docs, _, err := Parse("deploy.sh", []byte(script), KindUnknown)
	require.NoError(t, err)
	var names []string
	for _, d := range docs[1:] {
		require.Equal(t, KindK8s, d.Kind)
		meta := d.Contents.(map[string]any)["metadata"].(map[string]any)
		names = append(names, meta["name"].(string))
	}
	assert.Equal(t, []string{"direct", "piped", "function", "$NAME", "tabbed"}, names)
	assert.Equal(t, KindSource, docs[0].Kind)
	assert.Equal(t, 3, docs[1].Line, "the document's first line in the script")
}
