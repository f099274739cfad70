# METADATA
# title: Result construction
# description: |
#   Builds the violation object every control emits: {"msg", "details"} for conftest and
#   Gatekeeper, with the control's id, threats, severity and remediation read from the
#   calling control's METADATA through rego.metadata.chain(), never from a second list.
# custom:
#   library: true
package lib.result

# custom returns the first `custom` annotation of the chain that carries an id.
custom(chain) := c if {
	some entry in chain
	c := entry.annotations.custom
	c.id
}

# make builds a violation for resource with message msg. chain is the caller's
# rego.metadata.chain(); file is the document path ("" when unknown).
make(chain, msg, resource, file) := make_with(chain, msg, resource, file, {})

# make_with is make with extra details (e.g. container, principal, line) merged in.
make_with(chain, msg, resource, file, extra) := {"msg": msg, "details": details} if {
	c := custom(chain)
	base := {
		"id": c.id,
		"threats": object.get(c, "threats", []),
		"severity": c.severity,
		"resource": resource,
		"remediation": object.get(c, "remediation", ""),
	}
	details := object.union(object.union(base, _file(file)), extra)
}

_file(file) := {"file": file} if file != ""

_file("") := {}
