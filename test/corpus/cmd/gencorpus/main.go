// Command gencorpus writes stridegate's benchmark corpus: a Terraform plan, Kubernetes
// manifests and GitHub workflows (see package corpus).
//
//	go run ./test/corpus/cmd/gencorpus -out /tmp/corpus -resources 10000
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/stridegate/stridegate/test/corpus"
)

func main() {
	o := corpus.Default
	out := flag.String("out", "", "output directory (required)")
	flag.IntVar(&o.Resources, "resources", o.Resources, "resource_changes in the plan (0: no plan)")
	flag.IntVar(&o.Manifests, "manifests", o.Manifests, "Kubernetes manifest files")
	flag.IntVar(&o.Workflows, "workflows", o.Workflows, "GitHub workflow files")
	flag.Uint64Var(&o.Seed, "seed", o.Seed, "seed of the secure/insecure/unknown mix")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gencorpus: -out is required")
		os.Exit(2)
	}
	l, err := corpus.Write(*out, o)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gencorpus: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("plan %s (%d resources), %d manifests, %d workflows under %s\n", l.Plan, o.Resources, len(l.Manifests), len(l.Workflows), *out)
}
