package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/gatekeeper"
)

func (a *app) gatekeeperCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "gatekeeper",
		Short: "Export the Kubernetes controls for Gatekeeper",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(a.gatekeeperExportCommand())
	return cmd
}

func (a *app) gatekeeperExportCommand() *cobra.Command {
	var out string
	var opts gatekeeper.Options
	cmd := &cobra.Command{
		Use:   "export --out DIR",
		Short: "Write ConstraintTemplates, Constraints, sync Config, Helm values and kustomizations",
		Long: `Writes, for every control whose inputs include k8s, a ConstraintTemplate
(templates.gatekeeper.sh/v1, Rego v1: the control's own file plus the policy/lib files it
imports) and a Constraint (match kinds from METADATA, system namespaces excluded,
enforcementAction deny for critical/high and warn below unless --enforcement is given).
Also writes Gatekeeper's sync Config for what referential controls read from
data.inventory, Helm values that run Gatekeeper on the GPU node pools, and kustomizations:

  DIR/kustomization.yaml             templates + sync Config  (kubectl apply -k DIR)
  DIR/constraints/kustomization.yaml constraints              (kubectl apply -k DIR/constraints)
  DIR/gatekeeper-values.yaml         helm install ... -f DIR/gatekeeper-values.yaml

Apply the constraints once Gatekeeper has created their CRDs:
  kubectl wait --for condition=established crd -l gatekeeper.sh/constraint=yes`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				a.code = exitError
				return fmt.Errorf("gatekeeper export: --out is required")
			}
			engine, err := bundle.New(cmd.Context())
			if err != nil {
				a.code = exitError
				return err
			}
			x, err := gatekeeper.Build(engine, opts)
			if err != nil {
				a.code = exitError
				return err
			}
			files, err := x.Files()
			if err != nil {
				a.code = exitError
				return err
			}
			if err := gatekeeper.Write(out, files); err != nil {
				a.code = exitError
				return err
			}
			fmt.Fprintf(a.stdout, "wrote %d template(s), %d constraint(s), %d synced kind(s) to %s\n",
				len(x.Controls), len(x.Controls), len(x.Config.Spec.Sync.SyncOnly), out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "", "output directory (created if missing)")
	cmd.Flags().StringVar(&opts.Enforcement, "enforcement", "", "enforcementAction for every constraint: "+strings.Join(gatekeeper.Enforcements(), "|")+" (default: deny for critical/high, warn below)")
	cmd.Flags().StringVar(&opts.GPUNodeLabel, "gpu-node-label", "kubernetes.azure.com/accelerator=nvidia", "node label (key=value) of the GPU node pools Gatekeeper runs on")
	cmd.Flags().StringVar(&opts.GPUTaint, "gpu-taint", "nvidia.com/gpu", "taint key of the GPU node pools (tolerated with effect NoSchedule)")
	return cmd
}
