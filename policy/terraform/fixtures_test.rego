# Shared builders for the Terraform control tests: plan documents, resource changes,
# plan configuration blocks and HCL files. Test-only (a _test.rego file, never in a bundle).
package stridegate.terraform.fixtures_test

# plan wraps resource changes in a `terraform show -json` document.
plan(rcs) := {
	"format_version": "1.2",
	"terraform_version": "1.9.8",
	"timestamp": "2026-11-20T10:00:00Z",
	"resource_changes": rcs,
}

# plan_config is plan with a configuration root module.
plan_config(rcs, root_module) := object.union(plan(rcs), {"configuration": {"root_module": root_module}})

# rc is a created resource; type, name and module are parsed from the address.
rc(addr, after) := change(addr, ["create"], after, {})

# rc_unknown is rc with after_unknown.
rc_unknown(addr, after, unknown) := change(addr, ["create"], after, unknown)

# deleted is a resource being destroyed.
deleted(addr) := change(addr, ["delete"], null, {})

change(addr, actions, after, unknown) := object.union(base, _module(m[1])) if {
	some m in regex.find_all_string_submatch_n(`^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*)(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)`, addr, 1)
	base := {
		"address": addr,
		"mode": _mode(m[2]),
		"type": m[3],
		"name": m[4],
		"change": {"actions": actions, "after": after, "after_unknown": unknown},
	}
}

_module("") := {}

_module(p) := {"module_address": trim_suffix(p, ".")} if p != ""

_mode("") := "managed"

_mode("data.") := "data"

# cfg is a configuration resource block with expressions.
cfg(type, name, expressions) := {
	"address": sprintf("%s.%s", [type, name]),
	"mode": "managed",
	"type": type,
	"name": name,
	"expressions": expressions,
}

# refs is an expression with references.
refs(list) := {"references": list}

# file is one combined-input document.
file(path, contents) := {"path": path, "contents": contents}

# res is HCL contents holding one resource block.
res(type, name, body) := {"resource": {type: {name: [body]}}}

# hcl is a combined input with one .tf file holding one resource.
hcl(type, name, body) := [file("infra/main.tf", res(type, name, body))]

# hcl_files is a combined input with one .tf file per entry of [type, name, body] triples.
hcl_files(triples) := [file(sprintf("infra/r%d.tf", [i]), res(t[0], t[1], t[2])) | some i, t in triples]

# resources lists the resources of the violations.
resources(vs) := {v.details.resource | some v in vs}
