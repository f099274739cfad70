# METADATA
# title: Network security group without custom rules, or shared by every subnet
# description: |
#   An `azurerm_network_security_group` with no inline `security_rule` and no
#   `azurerm_network_security_rule` attached to it in the same deployment (only Azure's
#   default rules apply: all VNet traffic allowed, all outbound internet allowed), and an NSG
#   that every subnet association of a deployment uses (one flat segment, no per-tier
#   rules). In a plan, inline rules left unknown are read from the configuration. A rule or
#   association whose NSG cannot be determined keeps the check silent.
# custom:
#   id: D-2
#   threats: [D-2]
#   severity: low
#   stride: Denial of Service
#   inputs: [tfplan, hcl]
#   aggregate: true
#   remediation: |
#     Give each subnet tier (AKS nodes, GPU nodes, private endpoints, PostgreSQL) its own NSG
#     with explicit allow rules for the observed flows (NSG flow logs) and a final deny.
#   references:
#     - https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
#     - https://learn.microsoft.com/azure/aks/concepts-network#network-security-groups
package stridegate.terraform.nsg_rules

import data.lib.azure
import data.lib.result
import data.lib.terraform as tf

violation contains result.make(rego.metadata.chain(), msg, n.address, n.path) if {
	some n in tf.of_type("azurerm_network_security_group")
	_no_inline_rules(n)
	not _maybe_standalone_rule(n)
	msg := sprintf("network security group %s has no custom rules: only Azure's default rules apply", [n.address])
}

violation contains result.make_with(rego.metadata.chain(), msg, n.address, n.path, {"subnets": count(assocs)}) if {
	some n in tf.of_type("azurerm_network_security_group")
	assocs := _stack_assocs(n)
	count(assocs) > 1
	count({a | some a in _assocs_pointing(n); a in assocs}) == count(assocs)
	msg := sprintf("network security group %s is shared by all %d subnet associations: one rule set for every tier", [n.address, count(assocs)])
}

_no_inline_rules(n) if tf.value(n, ["security_rule"]) == []

# security_rule is optional+computed: unknown on create unless configured
_no_inline_rules(n) if azure.defaulted(n, ["security_rule"])

_maybe_standalone_rule(n) if {
	some rule in object.get(_rules_by_target, [n], set())
	azure.same_stack(rule, n)
}

_maybe_standalone_rule(n) if {
	some rule in object.get(_rules_by_name, [tf.value(n, ["name"])], set())
	azure.same_stack(rule, n)
}

_maybe_standalone_rule(n) if {
	some s in azure.stacks(n)
	s in _unresolved_rule_stacks
}

# Rules and associations are indexed once (by deployment, by the NSG they reference, by
# the known NSG id or name they hold), so that each NSG is a few lookups, not a scan of
# every rule and association. Each index is an object of comprehensions OPA indexes (one
# pass over its [key, resource] pairs).
_rule_target_pairs := {[n, rule] |
	some rule in tf.of_type("azurerm_network_security_rule")
	some n in azure.referenced(rule, ["network_security_group_name"])
}

_rules_by_target := {k: rs | some k in {p[0] | some p in _rule_target_pairs}; rs := {p[1] | some p in _rule_target_pairs; k = p[0]}}

_rule_name_pairs := {[name, rule] |
	some rule in tf.of_type("azurerm_network_security_rule")
	name := tf.value(rule, ["network_security_group_name"])
}

_rules_by_name := {k: rs | some k in {p[0] | some p in _rule_name_pairs}; rs := {p[1] | some p in _rule_name_pairs; k = p[0]}}

# deployments with a rule whose NSG cannot be determined
_unresolved_rule_stacks contains s if {
	some rule in tf.of_type("azurerm_network_security_rule")
	not tf.value(rule, ["network_security_group_name"])
	count(azure.refs(rule, ["network_security_group_name"])) == 0
	some s in azure.stacks(rule)
}

_assoc_stack_pairs := {[s, a] |
	some a in tf.of_type("azurerm_subnet_network_security_group_association")
	some s in azure.stacks(a)
}

_assocs_by_stack := {k: vs | some k in {p[0] | some p in _assoc_stack_pairs}; vs := {p[1] | some p in _assoc_stack_pairs; k = p[0]}}

_assoc_target_pairs := {[n, a] |
	some a in tf.of_type("azurerm_subnet_network_security_group_association")
	some n in azure.referenced(a, ["network_security_group_id"])
}

_assocs_by_target := {k: vs | some k in {p[0] | some p in _assoc_target_pairs}; vs := {p[1] | some p in _assoc_target_pairs; k = p[0]}}

_assoc_id_pairs := {[id, a] |
	some a in tf.of_type("azurerm_subnet_network_security_group_association")
	id := tf.value(a, ["network_security_group_id"])
}

_assocs_by_id := {k: vs | some k in {p[0] | some p in _assoc_id_pairs}; vs := {p[1] | some p in _assoc_id_pairs; k = p[0]}}

# _stack_assocs are the associations deployed with n.
_stack_assocs(n) := object.get(_assocs_by_stack, [s], set()) if {
	stacks := azure.stacks(n)
	count(stacks) == 1
	some s in stacks
}

_stack_assocs(n) := {a | some s in azure.stacks(n); some a in object.get(_assocs_by_stack, [s], set())} if count(azure.stacks(n)) > 1

# _assocs_pointing are the associations whose network_security_group_id designates n.
_assocs_pointing(n) := object.get(_assocs_by_target, [n], set()) | {a |
	some a in object.get(_assocs_by_id, [tf.value(n, ["id"])], set())
}
