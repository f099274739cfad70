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
	assocs := {a | some a in tf.of_type("azurerm_subnet_network_security_group_association"); azure.same_stack(a, n)}
	count(assocs) > 1
	every a in assocs {
		azure.points_to(a, ["network_security_group_id"], n, "id")
	}
	msg := sprintf("network security group %s is shared by all %d subnet associations: one rule set for every tier", [n.address, count(assocs)])
}

_no_inline_rules(n) if tf.value(n, ["security_rule"]) == []

# security_rule is optional+computed: unknown on create unless configured
_no_inline_rules(n) if azure.defaulted(n, ["security_rule"])

_maybe_standalone_rule(n) if {
	some rule in tf.of_type("azurerm_network_security_rule")
	azure.same_stack(rule, n)
	azure.points_to(rule, ["network_security_group_name"], n, "name")
}

_maybe_standalone_rule(n) if {
	some rule in tf.of_type("azurerm_network_security_rule")
	azure.same_stack(rule, n)
	not tf.value(rule, ["network_security_group_name"])
	count(azure.refs(rule, ["network_security_group_name"])) == 0
}
