// Package corpus generates deterministic, realistic large inputs for stridegate's
// benchmarks: a Terraform plan (`terraform show -json` shape) of N resources spread over
// nested module instances, Kubernetes manifest files (GPU Deployments, ConfigMaps, RBAC,
// NetworkPolicies, multi-document streams) and GitHub workflows. Attribute values are a
// seeded mix of secure, insecure and unknown-at-plan-time, so every run of the same
// generator produces byte-identical files and the same findings.
package corpus

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// Options say how much to generate.
type Options struct {
	// Resources is the number of resource_changes in the plan (0: no plan).
	Resources int
	// Manifests is the number of Kubernetes manifest files (0: none).
	Manifests int
	// Workflows is the number of GitHub workflow files (0: none).
	Workflows int
	// Seed makes the secure/insecure/unknown mix reproducible (0 means 1).
	Seed uint64
}

// Default is the corpus the issue asks for: a 10k-resource plan, 200 manifests, 20 workflows.
var Default = Options{Resources: 10000, Manifests: 200, Workflows: 20, Seed: 1}

// Layout names the files Write produced, relative to the output directory's parent as
// passed in (paths are joined onto dir).
type Layout struct {
	Plan      string
	Manifests []string
	Workflows []string
}

// Files returns the paths Write creates for o, relative to its directory.
func Files(o Options) Layout {
	var l Layout
	if o.Resources > 0 {
		l.Plan = filepath.Join("plan", "tfplan.json")
	}
	for i := 0; i < o.Manifests; i++ {
		name, _ := Manifest(i, o.Seed)
		l.Manifests = append(l.Manifests, filepath.Join("manifests", name))
	}
	for i := 0; i < o.Workflows; i++ {
		name, _ := Workflow(i, o.Seed)
		l.Workflows = append(l.Workflows, filepath.Join(".github", "workflows", name))
	}
	return l
}

// Write generates the corpus under dir: plan/tfplan.json, manifests/NNN-*.yaml and
// .github/workflows/NN-*.yml.
func Write(dir string, o Options) (Layout, error) {
	var l Layout
	if o.Resources > 0 {
		l.Plan = filepath.Join(dir, "plan", "tfplan.json")
		if err := writeFile(l.Plan, Plan(o.Resources, o.Seed)); err != nil {
			return l, err
		}
	}
	for i := 0; i < o.Manifests; i++ {
		name, data := Manifest(i, o.Seed)
		p := filepath.Join(dir, "manifests", name)
		if err := writeFile(p, data); err != nil {
			return l, err
		}
		l.Manifests = append(l.Manifests, p)
	}
	for i := 0; i < o.Workflows; i++ {
		name, data := Workflow(i, o.Seed)
		p := filepath.Join(dir, ".github", "workflows", name)
		if err := writeFile(p, data); err != nil {
			return l, err
		}
		l.Workflows = append(l.Workflows, p)
	}
	return l, nil
}

func writeFile(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	return nil
}

func rng(seed uint64, stream uint64) *rand.Rand {
	if seed == 0 {
		seed = 1
	}
	return rand.New(rand.NewPCG(seed, stream))
}

// tri picks a value: secure (60%), insecure (25%) or unknown at plan time (15%).
type tri int

const (
	secure tri = iota
	insecure
	unknown
)

func pick(r *rand.Rand) tri {
	switch n := r.IntN(100); {
	case n < 60:
		return secure
	case n < 85:
		return insecure
	default:
		return unknown
	}
}

func mustJSON(v any) []byte {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		panic(err) // only maps, slices and scalars are marshalled
	}
	return append(b, '\n')
}
