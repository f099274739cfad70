package bundle_test

import (
	"context"
	"fmt"
	"os"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/input"
)

// Check a Kubernetes manifest against the shipped bundle, from a user's own Go test.
func Example() {
	ctx := context.Background()
	engine, err := bundle.New(ctx) // the embedded controls, compiled once
	if err != nil {
		panic(err)
	}
	manifest := []byte(`apiVersion: v1
kind: ConfigMap
metadata:
  name: osmo-mek
  namespace: osmo
data:
  MEK: c2VjcmV0LWtleQ==
`)
	docs, _, err := input.Parse("osmo-mek.yaml", manifest, input.KindUnknown)
	if err != nil {
		panic(err)
	}
	findings, errs := engine.Evaluate(ctx, docs)
	if len(errs) > 0 {
		panic(errs[0])
	}
	for _, f := range findings {
		if f.ID == "T-1" { // assert on the control under test
			fmt.Println(f.ID, f.Severity, f.Threats, f.Resource)
		}
	}
	// Output:
	// T-1 high [T-1] ConfigMap/osmo/osmo-mek
}

// Load a user's own directory of controls instead of the shipped bundle.
func Example_withFS() {
	ctx := context.Background()
	engine, err := bundle.New(ctx, bundle.WithFS(os.DirFS("testdata/userpolicy")))
	if err != nil {
		panic(err)
	}
	for _, c := range engine.Controls() {
		fmt.Println("control", c.ID, c.Severity, c.Inputs)
	}
	docs, _, err := input.Parse("deploy.yaml", []byte(`apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: osmo}
spec:
  replicas: 1
`), input.KindUnknown)
	if err != nil {
		panic(err)
	}
	findings, _ := engine.Evaluate(ctx, docs)
	for _, f := range findings {
		fmt.Printf("%s %s %s: %s\n", f.ID, f.Status, f.Resource, f.Message)
	}
	// Output:
	// control ACME-1 low [k8s]
	// ACME-1 open Deployment/osmo/api: Deployment/osmo/api runs a single replica
}
