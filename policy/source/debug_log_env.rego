# METADATA
# title: Python code logs Azure credentials or environment values at debug level
# description: |
#   A debug-level log call (`logger.debug(...)`, `logging.debug(...)`,
#   `log(logging.DEBUG, ...)`) that formats an AZURE_* or credential-like environment
#   value, the whole environment, or a variable that was filled from the environment on an
#   earlier line (and not reassigned since) writes credentials to pod logs and Log
#   Analytics. A message that only mentions a variable's name is not a finding.
# custom:
#   id: I-5
#   threats: [I-5, R-1]
#   severity: medium
#   stride: Information Disclosure
#   inputs: [source]
#   remediation: |
#     Do not log environment values; log the variable names only, or pass values through a
#     redaction helper (`"***" if name.startswith("AZURE_")`), and rely on
#     DefaultAzureCredential without printing its inputs.
#   references:
#     - https://learn.microsoft.com/azure/developer/python/sdk/azure-sdk-logging
#     - https://owasp.org/Top10/A09_2021-Security_Logging_and_Monitoring_Failures/
package stridegate.source.debug_log_env

import data.lib.result
import data.lib.source

_debug_call := `[\w)\]]\.debug\s*\(|\.log\s*\(\s*(?:logging\.)?DEBUG\b`

_sensitive_key(k) if regex.match(`^AZURE_|(?i)(secret|password|passwd|token|credential|connection_?string|account_?key|api_?key|sas)`, k)

_env_code(text) if regex.match(`os\.environ|getenv\s*\(|\benviron\s*[\[.]`, source.without_plain_strings(text))

# the value read from the environment is sensitive
_env_source(text) := sprintf("environment value %s", [concat(", ", sort(keys))]) if {
	_env_code(text)
	keys := {k | some k in source.env_keys(text); _sensitive_key(k)}
	count(keys) > 0
} else := "the process environment" if source.env_bulk(_names_only_removed(text))

# uses of the environment that yield variable names or a count, not values: sorted(os.environ),
# len(os.environ), "X" in os.environ, [k for k in os.environ if ...]
_names_only_removed(text) := regex.replace(
	regex.replace(text, `\b(sorted|list|set|frozenset|tuple|len)\s*\(\s*os\.environ\s*\)`, "$1()"),
	`\bin\s+os\.environ(\s*([^\s.\[(]|$))`, "in names$1",
)

_py := {l | some l in source.code_lines; l.language == "python"}

# --- assignments: name -> tainted? -------------------------------------------------------

_assign_re := `^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*(?::[^=]*)?=[^=](.*)$`

_for_re := `^\s*(?:async\s+)?for\s+\(?([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\)?\s+in\s+(.+?):\s*$`

# every binding of a name: {path, line, name, rhs, kind}
_bindings contains {"path": l.path, "line": l.line, "name": trim_space(n), "rhs": regex.replace(source.statement(l.path, l.line), `^\s*[A-Za-z_][\w\s,]*(?::[^=]*)?=`, ""), "kind": "assign"} if {
	some l in _py
	some m in regex.find_all_string_submatch_n(_assign_re, l.code, 1)
	some n in split(m[1], ",")
}

_bindings contains {"path": l.path, "line": l.line, "name": trim_space(n), "rhs": m[2], "kind": kind} if {
	some l in _py
	some m in regex.find_all_string_submatch_n(_for_re, l.code, 1)
	names := split(m[1], ",")
	some i, n in names
	kind := _loop_kind(count(names), i, m[2])
}

# `for k, v in X.items()`: v is a value, k a name; `for k in os.environ`: k is a name
_loop_kind(2, 1, iter) := "assign" if regex.match(`\.items\s*\(`, iter)

_loop_kind(n, i, iter) := "key" if {
	not _loop_value(n, i, iter)
}

_loop_value(2, 1, iter) if regex.match(`\.items\s*\(`, iter)

_loop_value(1, 0, iter) if regex.match(`\.values\s*\(`, iter)

_loop_kind(1, 0, iter) := "assign" if regex.match(`\.values\s*\(`, iter)

# a use of name in text; its names only (name.keys(), len(name)) are not a use of its values
_uses(text, name) if {
	names_only := sprintf(`\blen\s*\(\s*%s\s*\)|(^|[^\w.])%s\s*\.\s*keys\s*\(\s*\)`, [name, name])
	t := regex.replace(source.without_plain_strings(text), names_only, "$1")
	regex.match(sprintf(`(^|[^\w.])%s\b`, [name]), t)
}

# level 1: bound straight from the environment
_taint1 contains [b.path, b.line, b.name, src] if {
	some b in _bindings
	b.kind == "assign"
	src := _env_source(b.rhs)
}

_tainted_at(level, path, name, line) := src if {
	prior := [b.line | some b in _bindings; b.path == path; b.name == name; b.line < line]
	count(prior) > 0
	last := max(prior)
	some t in level
	t[0] == path
	t[1] == last
	t[2] == name
	src := t[3]
}

# level 2: bound from a level-1 name (a filtered copy of the environment, its items)
_taint2 contains [b.path, b.line, b.name, src] if {
	some b in _bindings
	b.kind == "assign"
	not _env_source(b.rhs)
	some t in _taint1
	t[0] == b.path
	_uses(b.rhs, t[2])
	src := _tainted_at(_taint1, b.path, t[2], b.line)
}

_tainted := _taint1 | _taint2

# --- findings ------------------------------------------------------------------------------

_debug_lines contains [l, stmt] if {
	some l in _py
	regex.match(_debug_call, l.code)
	stmt := source.statement(l.path, l.line)
}

_what(l, stmt) := src if {
	src := _env_source(stmt)
} else := descs[0] if {
	descs := sort(_tainted_uses(l, stmt))
	count(descs) > 0
}

_tainted_uses(l, stmt) := {sprintf("%s (from %s on line %d)", [name, src, line]) |
	some t in _tainted
	t[0] == l.path
	name := t[2]
	_uses(stmt, name)
	src := _tainted_at(_tainted, l.path, name, l.line)
	line := max([b.line | some b in _bindings; b.path == l.path; b.name == name; b.line < l.line])
}

violation contains result.make_with(rego.metadata.chain(), msg, sprintf("%s:%d", [l.path, l.line]), l.path, {"line": l.line}) if {
	some [l, stmt] in _debug_lines
	what := _what(l, stmt)
	msg := sprintf("%s line %d logs %s at debug level: `%s`", [l.path, l.line, what, trim_space(l.code)])
}
