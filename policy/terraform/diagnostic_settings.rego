# METADATA
# title: AKS cluster or Key Vault without diagnostic settings
# description: |
#   An `azurerm_kubernetes_cluster` or `azurerm_key_vault` that no
#   `azurerm_monitor_diagnostic_setting` in the same deployment targets with at least one
#   log category (`enabled_log` in azurerm v4, `log` with enabled not false in v3): API
#   server audit events and secret access are then not retained. The target is tied by
#   reference or known id; a diagnostic setting whose target cannot be determined keeps the
#   check silent.
# custom:
#   id: SG-MON-1
#   threats: [R-1]
#   severity: medium
#   stride: Repudiation
#   inputs: [tfplan, hcl]
#   aggregate: true
#   parameters:
#     monitored_types:
#       type: array
#       description: Resource types that must have diagnostic settings.
#       default: [azurerm_kubernetes_cluster, azurerm_key_vault]
#   remediation: |
#     Add `azurerm_monitor_diagnostic_setting` with `target_resource_id` set to the cluster
#     (enabled_log kube-audit-admin, guard, kube-apiserver) and to the Key Vault (enabled_log
#     category_group audit), sending to the Log Analytics workspace.
#   references:
#     - https://learn.microsoft.com/azure/aks/monitor-aks#resource-logs
#     - https://learn.microsoft.com/azure/key-vault/general/logging
package stridegate.terraform.diagnostic_settings

import data.lib.azure
import data.lib.params
import data.lib.result
import data.lib.terraform as tf

_types := params.get("monitored_types", ["azurerm_kubernetes_cluster", "azurerm_key_vault"])

violation contains result.make(rego.metadata.chain(), msg, r.address, r.path) if {
	some type in _types
	some r in tf.of_type(type)
	not _monitored(r)
	not _undetermined_setting(r)
	msg := sprintf("%s has no diagnostic setting with logs: audit events are not retained", [r.address])
}

# The settings are indexed once by what their target_resource_id designates (a referenced
# resource, or a known id), so that each monitored resource is a lookup, not a scan of every
# setting (an object of comprehensions OPA indexes: one pass over the [key, setting] pairs).
_target_pairs := {[t, d] |
	some d in tf.of_type("azurerm_monitor_diagnostic_setting")
	some t in azure.referenced(d, ["target_resource_id"])
}

_settings_by_target := {k: ds | some k in {p[0] | some p in _target_pairs}; ds := {p[1] | some p in _target_pairs; k = p[0]}}

_id_pairs := {[id, d] |
	some d in tf.of_type("azurerm_monitor_diagnostic_setting")
	id := tf.value(d, ["target_resource_id"])
}

_settings_by_id := {k: ds | some k in {p[0] | some p in _id_pairs}; ds := {p[1] | some p in _id_pairs; k = p[0]}}

_monitored(r) if {
	some d in object.get(_settings_by_target, [r], set())
	azure.same_stack(d, r)
	_has_log(d)
}

_monitored(r) if {
	some d in object.get(_settings_by_id, [tf.value(r, ["id"])], set())
	azure.same_stack(d, r)
	_has_log(d)
}

_has_log(d) if count(tf.blocks(d, "enabled_log")) > 0

_has_log(d) if {
	some i, _ in tf.blocks(d, "log")
	not _log_disabled(d, i)
}

# (a helper: `not tf.value(...) == false` fails when the value is absent or unknown, since
# the call is evaluated outside the negation)
_log_disabled(d, i) if tf.value(d, ["log", i, "enabled"]) == false

_has_log(d) if tf.unknown(d, ["enabled_log"])

# the deployments holding a setting whose target cannot be determined
_undetermined_stacks contains s if {
	some d in tf.of_type("azurerm_monitor_diagnostic_setting")
	not tf.value(d, ["target_resource_id"])
	count(azure.refs(d, ["target_resource_id"])) == 0
	some s in azure.stacks(d)
}

_undetermined_setting(r) if {
	some s in azure.stacks(r)
	s in _undetermined_stacks
}
