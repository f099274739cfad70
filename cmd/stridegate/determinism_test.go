package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOutputIsDeterministic runs check twice on the same inputs (findings from several
// concurrently evaluated controls, input errors and not-checked files together) and
// expects byte-identical stdout and stderr, in each format.
func TestOutputIsDeterministic(t *testing.T) {
	inputs := []string{filepath.Join(examples, "baseline"), filepath.Join("..", "..", "test", "testdata", "badinput")}
	for _, format := range []string{"json", "table"} {
		t.Run(format, func(t *testing.T) {
			args := append([]string{"check", "--format", format}, inputs...)
			first := runCLI(t, "", args...)
			require.Equal(t, exitError, first.code, "the corpus has bad inputs")
			require.NotEmpty(t, first.stdout)
			second := runCLI(t, "", args...)
			assert.Equal(t, first.stdout, second.stdout)
			assert.Equal(t, first.stderr, second.stderr)
		})
	}
}
