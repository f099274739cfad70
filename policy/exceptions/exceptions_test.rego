package stridegate.exceptions_test

import data.stridegate.exceptions as ex

_input := [{"path": "values/osmo-control-plane-values.yaml", "contents": {"services": {"service": {"auth": {"enabled": false}}}}}]

_resource := "values:services.service.auth.enabled"

# 2026-06-01T00:00:00Z
_now := 1780272000000000000

_exception(extra) := object.union(
	{"id": "S-1", "rationale": "r", "owner": "o", "expires": "2027-06-30"},
	extra,
)

_s1(vs) := {v | some v in vs; v.details.id == "S-1"}

# _vs stands in for the controls' violations (the first tests evaluate the real ones).
_vs := {{"msg": "m", "details": {"id": "S-1", "resource": _resource, "file": "values/osmo-control-plane-values.yaml"}}}

test_without_data_no_violation_and_a_warning if {
	count(ex.violation) == 0 with input as _input
	some w in ex.warn with input as _input
	contains(w.msg, "no exceptions loaded")
}

test_empty_list_keeps_every_violation_open if {
	vs := ex.violation with input as _input with data.stridegate_exceptions as []
	count(_s1(vs)) == 1
}

test_matching_exception_accepts if {
	excs := [_exception({"resource": "values:*.auth.*"})]
	vs := ex.violation with ex._violations as _vs with data.stridegate_exceptions as excs with time.now_ns as _now
	count(_s1(vs)) == 0
	ws := ex.warn with ex._violations as _vs with data.stridegate_exceptions as excs with time.now_ns as _now
	some w in ws
	w.details.status == "accepted"
	w.details.resource == _resource
	w.details.exception.owner == "o"
}

test_file_glob_accepts if {
	excs := [_exception({"file": "values/*"})]
	vs := ex.violation with ex._violations as _vs with data.stridegate_exceptions as excs with time.now_ns as _now
	count(_s1(vs)) == 0
}

test_other_resource_or_id_does_not_accept if {
	excs := [
		_exception({"resource": "Deployment/*"}),
		object.union(_exception({"resource": "*"}), {"id": "S-2"}),
	]
	vs := ex.violation with ex._violations as _vs with data.stridegate_exceptions as excs with time.now_ns as _now
	count(_s1(vs)) == 1
	ws := ex.warn with ex._violations as _vs with data.stridegate_exceptions as excs with time.now_ns as _now
	unused := {w.msg | some w in ws; startswith(w.msg, "unused exception")}
	count(unused) == 2
}

test_expiry_day_still_holds_next_day_open if {
	excs := [_exception({"resource": "*", "expires": "2026-05-31"})]

	# 2026-05-31T23:59:59Z
	vs := ex.violation with ex._violations as _vs with data.stridegate_exceptions as excs with time.now_ns as 1780271999000000000
	count(_s1(vs)) == 0

	open := ex.violation with ex._violations as _vs with data.stridegate_exceptions as excs with time.now_ns as _now
	count(_s1(open)) == 1
	ws := ex.warn with ex._violations as _vs with data.stridegate_exceptions as excs with time.now_ns as _now
	some w in ws
	w.details.status == "open"
	contains(w.msg, "expired 2026-05-31")
}

test_rfc3339_expiry if {
	excs := [_exception({"resource": "*", "expires": "2026-06-01T00:00:01Z"})]
	vs := ex.violation with ex._violations as _vs with data.stridegate_exceptions as excs with time.now_ns as _now
	count(_s1(vs)) == 0
	later := ex.violation with ex._violations as _vs with data.stridegate_exceptions as excs with time.now_ns as _now + 1000000000
	count(_s1(later)) == 1
}
