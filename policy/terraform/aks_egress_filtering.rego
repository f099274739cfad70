# METADATA
# title: AKS egress without filtering
# description: |
#   An `azurerm_kubernetes_cluster` whose nodes leave through a NAT gateway or the cluster
#   load balancer (`outbound_type` loadBalancer, the default, managedNATGateway or
#   userAssignedNATGateway) in a deployment (one plan, or one HCL root module with its
#   modules) that has no Azure Firewall (`azurerm_firewall`) and no NSG rule denying
#   outbound internet traffic (an NSG rule that cannot be read, standalone or inline, keeps
#   the check silent unless its known direction or access is inbound or allow): nodes and pods can reach any internet destination, for
#   exfiltration or pulling unvetted images. `userDefinedRouting` sends egress to an
#   appliance and is not a finding; an unknown outbound type is not a finding.
# custom:
#   id: D-3
#   threats: [D-3]
#   severity: high
#   stride: Denial of Service
#   inputs: [tfplan, hcl]
#   aggregate: true
#   remediation: |
#     Route node egress through Azure Firewall (outbound_type = "userDefinedRouting", a route
#     table 0.0.0.0/0 -> firewall, application rules for the required FQDNs), or add NSG
#     outbound rules that allow the required service tags and deny Internet.
#   references:
#     - https://learn.microsoft.com/azure/aks/limit-egress-traffic
#     - https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
package stridegate.terraform.aks_egress_filtering

import data.lib.azure
import data.lib.result
import data.lib.terraform as tf

_unfiltered := {"loadBalancer", "managedNATGateway", "userAssignedNATGateway"}

_path := ["network_profile", 0, "outbound_type"]

violation contains result.make_with(rego.metadata.chain(), msg, r.address, r.path, {"outbound_type": t}) if {
	some r in tf.of_type("azurerm_kubernetes_cluster")
	t := _outbound(r)
	t in _unfiltered
	not _filtered(r)
	msg := sprintf("AKS cluster %s sends egress through %s with no Azure Firewall or outbound deny rule in the deployment: egress to the internet is unrestricted", [r.address, t])
}

_outbound(r) := tf.value(r, _path)

_outbound(r) := "loadBalancer" if azure.defaulted(r, _path)

# _filtering_stacks are the deployments (azure.stacks) holding an egress filter, built once
# so that each cluster is one lookup instead of a scan of every firewall and NSG.
_filtering_stacks contains s if {
	some fw in tf.of_type("azurerm_firewall")
	some s in azure.stacks(fw)
}

_filtering_stacks contains s if {
	some rule in tf.of_type("azurerm_network_security_rule")
	_denies_internet(rule, [])
	some s in azure.stacks(rule)
}

_filtering_stacks contains s if {
	some nsg in tf.of_type("azurerm_network_security_group")
	some i, _ in tf.blocks(nsg, "security_rule")
	_denies_internet(nsg, ["security_rule", i])
	some s in azure.stacks(nsg)
}

# an NSG rule whose fields cannot be resolved might be the filter (unless a field that is
# known rules it out: an inbound or allow rule)
_filtering_stacks contains s if {
	some rule in tf.of_type("azurerm_network_security_rule")
	some attr in ["direction", "access"]
	tf.unknown(rule, [attr])
	not _not_a_filter(rule, [])
	some s in azure.stacks(rule)
}

# inline rules that cannot be read (a dynamic security_rule block whose for_each does not
# resolve, or a rule whose direction or access does not) might be the filter too
_filtering_stacks contains s if {
	some nsg in tf.of_type("azurerm_network_security_group")
	_unknown_inline_rule(nsg)
	some s in azure.stacks(nsg)
}

# (security_rule is optional+computed: a plan shows it unknown when it is not configured)
_unknown_inline_rule(nsg) if {
	tf.unknown(nsg, ["security_rule"])
	not azure.defaulted(nsg, ["security_rule"])
}

_unknown_inline_rule(nsg) if {
	some i, _ in tf.blocks(nsg, "security_rule")
	some attr in ["direction", "access"]
	tf.unknown(nsg, ["security_rule", i, attr])
	not _not_a_filter(nsg, ["security_rule", i])
}

_not_a_filter(r, base) if lower(tf.value(r, array.concat(base, ["direction"]))) != "outbound"

_not_a_filter(r, base) if lower(tf.value(r, array.concat(base, ["access"]))) != "deny"

_filtered(r) if {
	some s in azure.stacks(r)
	s in _filtering_stacks
}

_denies_internet(r, base) if {
	lower(tf.value(r, array.concat(base, ["direction"]))) == "outbound"
	lower(tf.value(r, array.concat(base, ["access"]))) == "deny"
	_internet_prefix(r, base)
}

_internet_prefix(r, base) if tf.value(r, array.concat(base, ["destination_address_prefix"])) in {"*", "Internet", "0.0.0.0/0"}

_internet_prefix(r, base) if {
	some p in tf.value(r, array.concat(base, ["destination_address_prefixes"]))
	p in {"*", "Internet", "0.0.0.0/0"}
}
