# METADATA
# title: Python code writes configuration to /tmp without a restrictive mode
# description: |
#   Files created under /tmp with `open(..., "w")` or `Path.write_text()` get the process
#   umask (usually 0644: world-readable), so MLflow tracking configuration and experiment
#   metadata written there (`/tmp/mlflow-config`) are readable by every process sharing
#   /tmp. Reported unless the file sets a restrictive umask first or chmods the same path to
#   an owner-only mode; an explicit world-readable chmod of a /tmp path is reported too.
#   /tmp is a literal, `tempfile.gettempdir()`, or a name joined onto either
#   (`os.path.join(CONFIG_DIR, "x.json")`, `Path(CONFIG_DIR) / "x"`, two levels deep).
# custom:
#   id: I-4
#   threats: [I-4]
#   severity: low
#   stride: Information Disclosure
#   inputs: [source]
#   remediation: |
#     Create configuration with `tempfile.mkstemp()` / `tempfile.mkdtemp()` (0600/0700), or
#     `os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)`, in a private directory rather than
#     a fixed /tmp path.
#   references:
#     - https://docs.python.org/3/library/tempfile.html#tempfile.mkstemp
#     - https://cwe.mitre.org/data/definitions/377.html
package stridegate.source.tmp_config_world_readable

import data.lib.result
import data.lib.source

_py := {l | some l in source.code_lines; l.language == "python"}

_tmp_literal := `(?:Path\s*\(\s*)?f?["']/tmp(?:/[^"']*)?["']|os\.path\.join\s*\(\s*f?["']/tmp["']|(?:Path\s*\(\s*|os\.path\.join\s*\(\s*)?(?:tempfile\.)?gettempdir\s*\(\s*\)`

# names bound to a /tmp path: NAME = "/tmp/..." | Path("/tmp") / "x" | os.path.join("/tmp", ...)
_tmp_names contains [l.path, l.line, m[1]] if {
	some l in _py
	some m in regex.find_all_string_submatch_n(sprintf(`^\s*([A-Za-z_][\w.]*)\s*(?::[^=]*)?=\s*(?:%s)`, [_tmp_literal]), l.code, 1)
}

# names bound to a path under a /tmp name: config_path = os.path.join(CONFIG_DIR, "x.json"),
# Path(CONFIG_DIR) / "x", CONFIG_DIR / "x", f"{CONFIG_DIR}/x" (two levels deep)
_derived := `^\s*([A-Za-z_][\w.]*)\s*(?::[^=]*)?=\s*(?:os\.path\.join\s*\(\s*|Path\s*\(\s*|f["']\{)?([A-Za-z_][\w.]*)\s*(?:\)|\}|,|/)`

_tmp_names_2 contains [l.path, l.line, m[1]] if {
	some l in _py
	some m in regex.find_all_string_submatch_n(_derived, l.code, 1)
	m[2] != m[1]
	_tmp_var_in(_tmp_names, l.path, m[2], l.line)
}

_tmp_names_3 contains [l.path, l.line, m[1]] if {
	some l in _py
	some m in regex.find_all_string_submatch_n(_derived, l.code, 1)
	m[2] != m[1]
	_tmp_var_in(_tmp_names_2, l.path, m[2], l.line)
}

_tmp_var(path, name, line) if _tmp_var_in(_tmp_all, path, name, line)

_tmp_all := (_tmp_names | _tmp_names_2) | _tmp_names_3

_tmp_var_in(names, path, name, line) if {
	prior := [b | some b in object.get(object.get(_bindings, path, {}), name, set()); b < line]
	count(prior) > 0
	[path, max(prior), name] in names
}

# _bindings are, per file, the lines that bind each name (`name = ...`, `name: T = ...`),
# found in one pass over the lines rather than once per name looked up
_bindings[path] := {name: lines |
	some [p, name, _] in _assigned
	p == path
	lines := {a[2] | some a in _assigned; a[0] == path; a[1] == name}
} if some path in {a[0] | some a in _assigned}

_assigned contains [l.path, m[1], l.line] if {
	some l in _py
	some m in regex.find_all_string_submatch_n(`^\s*([A-Za-z_][\w.]*)\s*(?::[^=]*)?=[^=]`, l.code, 1)
}

# writes: [target text, how]
_writes(l) := {[t, "open"] |
	some m in regex.find_all_string_submatch_n(`\bopen\s*\(\s*([^,()]+?)\s*,\s*(?:mode\s*=\s*)?["'][^"']*[wax][^"']*["']`, l.code, -1)
	t := trim_space(m[1])
} | {[t, "write_text"] |
	some m in regex.find_all_string_submatch_n(`((?:Path\s*\(\s*f?["'][^"']*["']\s*\))|[A-Za-z_][\w.]*)\s*\.\s*write_(?:text|bytes)\s*\(`, l.code, -1)
	t := trim_space(m[1])
}

_target_tmp(_, t) if regex.match(sprintf(`^(?:%s)\s*\)?$`, [_tmp_literal]), t)

_target_tmp(l, t) if {
	regex.match(`^[A-Za-z_][\w.]*$`, t)
	_tmp_var(l.path, t, l.line)
}

_restricted(l, _) if {
	some u in _umask_lines
	u.path == l.path
	u.line < l.line
}

_restricted(l, t) if {
	some c in _chmod_lines
	c.path == l.path
	c.line >= l.line
	regex.match(sprintf(`os\.chmod\s*\(\s*%s\s*,\s*(?:0o?[0-7]00\b|stat\.S_IRUSR|stat\.S_IRWXU)`, [_quote_text(t)]), c.code)
}

# the lines that restrict the mode, found in one pass (not once per write)
_umask_lines := {u | some u in _py; regex.match(`os\.umask\s*\(\s*0o?[0-7]?[0-7]77\s*\)`, u.code)}

_chmod_lines := {c | some c in _py; contains(c.code, "chmod")}

_quote_text(t) := regex.replace(t, `([.()\[\]*+?^$|{}\\])`, `\$1`)

violation contains result.make_with(rego.metadata.chain(), msg, sprintf("%s:%d", [l.path, l.line]), l.path, {"line": l.line}) if {
	some l in _py
	some [t, how] in _writes(l)
	_target_tmp(l, t)
	not _restricted(l, t)
	msg := sprintf("%s line %d writes %s under /tmp with %s and no owner-only mode: the file is world-readable", [l.path, l.line, t, how])
}

violation contains result.make_with(rego.metadata.chain(), msg, sprintf("%s:%d", [l.path, l.line]), l.path, {"line": l.line}) if {
	some l in _py
	some m in regex.find_all_string_submatch_n(`os\.chmod\s*\(\s*([^,]+?)\s*,\s*(0o?[0-7]*[4-7])\s*\)`, l.code, -1)
	_target_tmp(l, trim_space(m[1]))
	msg := sprintf("%s line %d makes %s world-readable (mode %s)", [l.path, l.line, trim_space(m[1]), m[2]])
}
