# METADATA
# title: Terraform state without a remote backend
# description: |
#   A root module (a directory with a provider block, backend or cloud block, or a
#   terraform.tfvars / *.auto.tfvars file, that no module block calls; `required_providers`
#   alone marks a reusable module) keeps its state locally when none of its .tf files
#   configures a remote backend or a
#   `cloud` block, or when it selects `backend "local"`. Local state holds storage keys,
#   passwords and VPN shared keys in plaintext on an operator workstation.
# custom:
#   id: T-2
#   threats: [T-2, I-2]
#   severity: critical
#   stride: Tampering
#   inputs: [hcl]
#   aggregate: true
#   remediation: |
#     Configure an `azurerm` backend (Azure Storage with encryption, versioning and state
#     locking) or a `cloud` block in the root module, then run `terraform init -migrate-state`.
#   references:
#     - https://developer.hashicorp.com/terraform/language/backend/azurerm
#     - https://learn.microsoft.com/azure/developer/terraform/store-state-in-azure-storage
package stridegate.terraform.remote_backend

import data.lib.result
import data.lib.terraform as tf

violation contains result.make(rego.metadata.chain(), msg, _resource(dir), _file(dir)) if {
	some dir in tf.root_dirs
	not tf.remote_state(dir)
	not _local(dir)
	msg := sprintf("root module %s has no remote backend: Terraform state, with every secret in it, stays in a local plaintext file", [_name(dir)])
}

violation contains result.make(rego.metadata.chain(), msg, _resource(dir), _file(dir)) if {
	some dir in tf.root_dirs
	_local(dir)
	msg := sprintf("root module %s selects backend \"local\": Terraform state, with every secret in it, stays in a local plaintext file", [_name(dir)])
}

_local(dir) if {
	not tf.remote_state(dir)
	"local" in tf.backends(dir)
}

_name(dir) := sprintf("%q", [dir]) if dir != ""

_name("") := "(current directory)"

_resource(dir) := sprintf("terraform (%s)", [dir]) if dir != ""

_resource("") := "terraform"

# the file with the terraform block when there is one, else the first .tf file.
_file(dir) := f if {
	files := sort([d.path | some d in tf.docs_in(dir); d.contents.terraform])
	count(files) > 0
	f := files[0]
} else := f if {
	files := sort([d.path | some d in tf.docs_in(dir)])
	f := files[0]
}
