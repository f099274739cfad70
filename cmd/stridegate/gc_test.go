package main

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// gcPercent reads the collector's target without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestFrugalGC(t *testing.T) {
	prev := gcPercent()
	defer debug.SetGCPercent(prev)

	t.Setenv("GOGC", "")
	settle := frugalGC()
	assert.Equal(t, largeInputGCPercent, gcPercent(), "lowered for the load")
	settle(largeInput - 1)
	assert.Equal(t, prev, gcPercent(), "a small input restores the target")

	settle = frugalGC()
	settle(largeInput)
	assert.Equal(t, largeInputGCPercent, gcPercent(), "a large input keeps it low")
	debug.SetGCPercent(prev)

	t.Setenv("GOGC", "200")
	frugalGC()(largeInput)
	assert.Equal(t, prev, gcPercent(), "GOGC set by the user wins")
}
