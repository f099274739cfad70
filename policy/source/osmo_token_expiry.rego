# METADATA
# title: Deployment script creates a long-lived OSMO token
# description: |
#   A shell script that creates an OSMO service or access token (`osmo token set|create`,
#   or a request to the OSMO API's `access_token` endpoint with curl or wget) with an
#   expiry beyond the limit (default 90 days), given as a date (`--expires-at 2027-01-01`,
#   `?expires_at=...`, `$(date -d "+1 year" +%F)`, possibly through a variable whose
#   default assignment sets it, or `date -d "+${DAYS} days"` with `DAYS="${DAYS:-365}"`) or a duration (`--expiry 365d`, `--ttl 8760h`), issues a
#   credential that is not rotated (E-2).
# custom:
#   id: E-2-SCRIPT
#   threats: [E-2]
#   severity: high
#   stride: Elevation of Privilege
#   inputs: [source]
#   parameters:
#     max_token_days:
#       type: integer
#       description: Longest accepted OSMO token lifetime in days.
#       default: 90
#   remediation: |
#     Issue short-lived OSMO tokens (days, not a year), store them in Key Vault with a
#     rotation policy and an expiry notification, and rotate them from automation.
#   references:
#     - https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation
#     - https://nvidia.github.io/OSMO/
package stridegate.source.osmo_token_expiry

import data.lib.params
import data.lib.result
import data.lib.source

_max_days := params.get("max_token_days", 90)

_unit_days := {"y": 365, "year": 365, "mo": 30, "month": 30, "w": 7, "week": 7, "d": 1, "day": 1, "h": 1 / 24, "hour": 1 / 24, "m": 1 / 1440, "min": 1 / 1440, "minute": 1 / 1440, "s": 1 / 86400, "sec": 1 / 86400, "second": 1 / 86400}

_token_commands contains [l, cmd] if {
	some l in source.code_lines
	l.language == "shell"
	not source.continued(l.path, l.line)
	cmd := source.shell_command(l.path, l.line)
	regex.match(`(^|[\s;&|(])osmo\s+(\S+\s+)*token\s+(set|create|generate|issue|new)\b`, cmd)
}

# the OSMO API: curl -X POST "$URL/api/auth/access_token/service/$NAME?expires_at=$DATE"
_token_commands contains [l, cmd] if {
	some l in source.code_lines
	l.language == "shell"
	not source.continued(l.path, l.line)
	cmd := source.shell_command(l.path, l.line)
	regex.match(`(^|[\s;&|(])(curl|wget)\s.*/access_token\b`, cmd)
}

# absolute dates are compared with today by calendar arithmetic (no nanosecond overflow
# for far-future years such as 2999).

# relative dates: date -d "+1 year", date --date='+365 days', date -v+1y
_relative_days(text) := {d |
	some m in regex.find_all_string_submatch_n(`(?:-d|--date)[= ]\s*["']?\+?\s*(\d+)\s*(year|month|week|day|hour)s?`, text, -1)
	d := to_number(m[1]) * _unit_days[m[2]]
} | {d |
	some m in regex.find_all_string_submatch_n(`-v\+?(\d+)([ymwd])\b`, text, -1)
	d := to_number(m[1]) * _unit_days[m[2]]
}

_date_days(text) := {d |
	some m in regex.find_all_string_submatch_n(`\b(\d{4})-(\d{2})-(\d{2})\b`, text, -1)
	[y, mo, dd] := time.date(time.now_ns())
	d := (((to_number(m[1]) - y) * 365) + ((to_number(m[2]) - mo) * 30)) + (to_number(m[3]) - dd)
}

_duration_days(value, option) := to_number(m[1]) * _unit_days[lower(m[2])] if {
	m := regex.find_all_string_submatch_n(`^(\d+)\s*([A-Za-z]+?)s?$`, value, 1)[0]
	_unit_days[lower(m[2])]
} else := to_number(value) if {
	regex.match(`^\d+$`, value)
	regex.match(`(?i)days?$`, option)
} else := to_number(value) / 86400 if regex.match("^\\d+$", value)

_days(path, cmd) := ((_relative_days(source.expand(path, cmd)) | _date_days(cmd)) | {d |
	some m in regex.find_all_string_submatch_n(`--(expires-at|expiry|expires|expiration|expire|ttl|duration|lifetime|valid-for|expires-in|expiry-days|days)(?:=|\s+)("[^"]*"|'[^']*'|\S+)`, cmd, -1)
	some v in _word_values(path, m[2])
	some d in _value_days(v, m[1])
}) | {d |
	some m in regex.find_all_string_submatch_n(`[?&](expires_at|expires_in|expiry|ttl)=([^&"'\s]+)`, cmd, -1)
	some v in _word_values(path, m[2])
	some d in _value_days(v, m[1])
}

# _word_values are the values a word may take: the variable's value when every assignment
# agrees, else each assignment's value (a default such as `EXPIRY=$(date -d "+1 year")` in
# the branch taken when no --expires-at option is given still issues year-long tokens).
_word_values(path, word) := {source.resolve(path, word)} | {a.value |
	some m in regex.find_all_string_submatch_n(`^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$`, source.unquote(word), 1)
	some a in source.shell_assignments
	a.path == path
	a.name == m[1]
}

_value_days(v, option) := (_relative_days(v) | _date_days(v)) | {d | d := _duration_days(v, option)}

violation contains result.make_with(rego.metadata.chain(), msg, sprintf("%s:%d", [l.path, l.line]), l.path, {"line": l.line, "days": round(days)}) if {
	some [l, cmd] in _token_commands
	days := max(_days(l.path, cmd))
	days > _max_days
	msg := sprintf("%s line %d creates an OSMO token valid for about %d days (limit %v): `%s`", [l.path, l.line, round(days), _max_days, cmd])
}
