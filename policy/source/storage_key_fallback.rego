# METADATA
# title: Python code falls back to a storage account key
# description: |
#   Training code that reads AZURE_STORAGE_KEY (or another storage account key or
#   key-based connection string) from the environment, builds an `AccountKey=` connection
#   string, constructs a StorageSharedKeyCredential or AzureNamedKeyCredential or passes an
#   `account_key` credential uses shared-key access, typically
#   as a fallback when DefaultAzureCredential fails. Reported at the line, marked as a
#   fallback when it sits in an `except` block.
# custom:
#   id: I-1-SRC
#   threats: [I-1]
#   severity: medium
#   stride: Information Disclosure
#   inputs: [source]
#   remediation: |
#     Remove the key fallback: let DefaultAzureCredential fail loudly, fix the workload
#     identity federation instead, and disable shared key access on the storage account.
#   references:
#     - https://learn.microsoft.com/azure/storage/blobs/authorize-access-azure-active-directory
#     - https://learn.microsoft.com/python/api/azure-identity/azure.identity.defaultazurecredential
package stridegate.source.storage_key_fallback

import data.lib.result
import data.lib.source

_py := {l | some l in source.code_lines; l.language == "python"}

_key_name(k) if regex.match(`(?i)^([a-z0-9]+_)*(storage_(account_)?key|account_key|storage_connection_string)$`, k)

_hit(l) := sprintf("reads %s from the environment", [concat(", ", sort(keys))]) if {
	keys := {k | some k in source.env_keys(l.code); _key_name(k)}
	count(keys) > 0
} else := "builds an AccountKey= connection string" if {
	regex.match(`AccountKey=`, l.code)
} else := "uses a StorageSharedKeyCredential" if {
	regex.match(`\bStorageSharedKeyCredential\s*\(`, source.without_plain_strings(l.code))
} else := "uses an AzureNamedKeyCredential" if {
	# the Python SDK's shared-key credential (azure.core.credentials)
	regex.match(`\bAzureNamedKeyCredential\s*\(`, source.without_plain_strings(l.code))
} else := "passes an account_key credential" if {
	# credential={"account_name": ..., "account_key": ...} or account_key=... keyword
	regex.match(`["']account_key["']\s*:|\baccount_key\s*=\s*[^=\s]`, l.code)
	not regex.match(`\baccount_key\s*=\s*None\b`, l.code)
}

# inside an except block: an earlier `except` line with smaller indent and no line in
# between at or below that indent.
_in_except(l) if {
	some e in _py
	e.path == l.path
	e.line < l.line
	regex.match(`^\s*except\b`, e.code)
	source.indent(e.text) < source.indent(l.text)
	not _closed(e, l)
}

_closed(e, l) if {
	some x in _py
	x.path == e.path
	x.line > e.line
	x.line < l.line
	source.indent(x.text) <= source.indent(e.text)
}

_extra(l) := {"line": l.line, "fallback": true} if _in_except(l)

else := {"line": l.line}

violation contains result.make_with(rego.metadata.chain(), msg, sprintf("%s:%d", [l.path, l.line]), l.path, _extra(l)) if {
	some l in _py
	what := _hit(l)
	where := _where(l)
	msg := sprintf("%s line %d %s%s: shared-key access to storage", [l.path, l.line, what, where])
}

_where(l) := " in an except block (credential fallback)" if _in_except(l)

else := ""
