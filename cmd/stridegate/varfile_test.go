package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// --var-file values reach module variables, override terraform.tfvars, and later files win.
func TestVarFile(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) string {
		p := filepath.Join(root, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o600))
		return p
	}
	write("infra/main.tf", `
terraform {
  backend "azurerm" {}
}
provider "azurerm" {
  features {}
}
variable "private" {
  type = bool
}
module "aks" {
  source  = "./modules/aks"
  private = var.private
}
`)
	write("infra/modules/aks/main.tf", `
variable "private" {
  type    = bool
  default = false
}
resource "azurerm_kubernetes_cluster" "this" {
  name                    = "aks"
  private_cluster_enabled = var.private
}
`)
	write("infra/terraform.tfvars", "private = true\n")
	dev := write("envs/dev.tfvars", "private = false\n")
	prod := write("envs/prod.tfvars.json", `{"private": true}`)
	infra := filepath.Join(root, "infra")

	ids := func(r result) []string {
		var out []string
		for _, f := range decode(t, r.stdout).Findings {
			if f.ID == "SG-NET-1" {
				out = append(out, f.Resource)
			}
		}
		return out
	}
	assert.Empty(t, ids(runCLI(t, "", "check", "-f", "json", infra)), "terraform.tfvars sets private = true")
	assert.Equal(t, []string{"azurerm_kubernetes_cluster.this"}, ids(runCLI(t, "", "check", "-f", "json", "--var-file", dev, infra)))
	assert.Empty(t, ids(runCLI(t, "", "check", "-f", "json", "--var-file", dev, "--var-file", prod, infra)), "the later var file wins")

	r := runCLI(t, "", "check", "--var-file", filepath.Join(root, "missing.tfvars"), infra)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "missing.tfvars")
}
