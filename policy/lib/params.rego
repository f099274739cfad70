# METADATA
# title: Control parameters
# description: |
#   Tunable values of controls (allowed registries, thresholds, role lists). Under
#   Gatekeeper they are the Constraint's parameters (input.parameters); under the harness
#   and conftest, a data document at data.lib.parameters (e.g. `--data params.yaml` holding
#   `lib: {parameters: {...}}`) overrides the control's default. Only data.lib.* is read, so
#   the same Rego passes Gatekeeper's reference check.
# custom:
#   library: true
package lib.params

# get returns parameter name, or fallback when neither runtime sets it.
get(name, _) := input.parameters[name]

get(name, _) := data.lib.parameters[name] if not _in_input(name)

get(name, fallback) := fallback if {
	not _in_input(name)
	not _in_data(name)
}

_in_input(name) if {
	is_object(input)
	is_object(input.parameters)
	name in object.keys(input.parameters)
}

_in_data(name) if {
	is_object(data.lib.parameters)
	name in object.keys(data.lib.parameters)
}
