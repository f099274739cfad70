# METADATA
# title: Accepted risks under conftest
# description: |
#   Not a control: the conftest side of `stridegate check --exceptions FILE`. It reads the
#   same exceptions file, loaded with `conftest test --data FILE` (the list arrives at
#   data.stridegate_exceptions), re-evaluates every control's violations and splits them:
#   `violation` holds the open ones (no unexpired exception matches: same control id, the
#   resource and file globs of glob.match with no delimiters), `warn` reports the accepted
#   ones with owner and expiry, the ones whose exception expired, and exceptions that
#   matched nothing. Query it alone (`--namespace stridegate.exceptions`); the controls
#   themselves never read exceptions (Gatekeeper forbids such data references). Without
#   --data it reports no violation, only a warning that no exceptions were loaded.
# custom:
#   library: true
package stridegate.exceptions

# Every control's violations, by area (a new area under policy/ is added here).
_violations contains v if some v in data.stridegate.terraform[_].violation

_violations contains v if some v in data.stridegate.kubernetes[_].violation

_violations contains v if some v in data.stridegate.rbac[_].violation

_violations contains v if some v in data.stridegate.github[_].violation

_violations contains v if some v in data.stridegate.source[_].violation

_loaded if is_array(data.stridegate_exceptions)

_day_ns := ((24 * 60) * 60) * 1000000000

# _end_ns is the first instant an exception no longer applies: the day after a date,
# or the given RFC 3339 date-time.
_end_ns(e) := time.parse_ns("2006-01-02", e.expires) + _day_ns if count(e.expires) == 10

_end_ns(e) := time.parse_rfc3339_ns(e.expires) if count(e.expires) > 10

_expired(e) if time.now_ns() >= _end_ns(e)

# _glob: an absent pattern matches anything.
_glob(pattern, _) if pattern == ""

_glob(pattern, value) if glob.match(pattern, null, value)

_matches(e, v) if {
	e.id == v.details.id
	_glob(object.get(e, "resource", ""), object.get(v.details, "resource", ""))
	_glob(object.get(e, "file", ""), object.get(v.details, "file", ""))
}

_accepted contains v if {
	some v in _violations
	some e in data.stridegate_exceptions
	_matches(e, v)
	not _expired(e)
}

_used contains i if {
	some i, e in data.stridegate_exceptions
	some v in _violations
	_matches(e, v)
}

# violation: the open findings, once exceptions are loaded.
violation contains v if {
	_loaded
	some v in _violations
	not v in _accepted
}

warn contains {"msg": msg, "details": object.union(v.details, {"status": "accepted", "exception": e})} if {
	some v in _accepted
	some e in data.stridegate_exceptions
	_matches(e, v)
	not _expired(e)
	msg := sprintf("accepted risk %s (owner %s, until %s): %s", [v.details.id, e.owner, e.expires, v.msg])
}

warn contains {"msg": msg, "details": object.union(v.details, {"status": "open", "exception": e})} if {
	some v in _violations
	not v in _accepted
	some e in data.stridegate_exceptions
	_matches(e, v)
	msg := sprintf("accepted-risk exception for %s on %s expired %s (owner %s): finding is open again", [v.details.id, object.get(v.details, "resource", ""), e.expires, e.owner])
}

warn contains {"msg": msg} if {
	some i, e in data.stridegate_exceptions
	not i in _used
	msg := sprintf("unused exception %d: %s (resource %q, file %q) matches no finding", [i, e.id, object.get(e, "resource", ""), object.get(e, "file", "")])
}

warn contains {"msg": "stridegate.exceptions: no exceptions loaded (conftest test --data FILE); the controls' own namespaces report every violation"} if {
	not _loaded
}
