# METADATA
# title: Source files
# description: |
#   Python and shell source files, a harness-only input kind (conftest cannot read them):
#   the harness hands each file to Rego as {"source": {"language": "python"|"shell",
#   "lines": [...]}} where line N is lines[N-1]. Gives every line with its number, the code
#   part of a line (comments stripped), Python logical statements that span several lines,
#   Python environment reads, and simple shell variable and array assignments.
# custom:
#   library: true
package lib.source

import data.lib.docs

languages := {"python", "shell"}

# files lists every source document as {path, language, lines}.
files contains {"path": doc.path, "language": src.language, "lines": src.lines} if {
	some doc in docs.documents
	src := doc.contents.source
	is_object(src)
	src.language in languages
	is_array(src.lines)
}

# by_path indexes source files by path.
by_path := {f.path: f | some f in files}

# lines lists every line of every source file as {path, language, line, text}; line is
# 1-based.
lines contains {"path": f.path, "language": f.language, "line": i + 1, "text": text} if {
	some f in files
	some i, text in f.lines
	is_string(text)
}

# code_lines are the lines that hold code, as lines entries with "code": the text with a
# trailing comment removed. Blank and comment-only lines (shebang included) are left out.
code_lines contains object.union(l, {"code": c}) if {
	some l in lines
	not comment(l.text)
	c := code(l.text)
	trim_space(c) != ""
}

# comment is true for a comment-only line.
comment(text) if regex.match(`^\s*#`, text)

# code returns text without a trailing `# comment` (a # after whitespace, no quote after).
code(text) := regex.replace(text, `\s+#[^"']*$`, "")

# indent is the number of leading blanks of a line.
indent(text) := count(text) - count(trim_left(text, " \t"))

# line returns the text of line n of the file at path.
line(path, n) := by_path[path].lines[n - 1]

# statement returns the logical statement starting at line n of a file: the line joined
# with the following lines while brackets stay open (at most 8 lines), comments removed.
statement(path, n) := s if {
	ls := by_path[path].lines
	ends := [k |
		some k in numbers.range(0, 7)
		n + k <= count(ls)
		_balanced(concat("\n", array.slice(ls, n - 1, n + k)))
	]
	count(ends) > 0
	s := concat(" ", [trim_space(code(t)) | some t in array.slice(ls, n - 1, (n + ends[0]) + 0)])
} else := code(line(path, n))

_balanced(t) if {
	opened := count(regex.find_all_string_submatch_n(`[(\[{]`, t, -1))
	closed := count(regex.find_all_string_submatch_n(`[)\]}]`, t, -1))
	opened <= closed
}

# --- Python ------------------------------------------------------------------------------

# without_plain_strings replaces the contents of ordinary (non f-) string literals by "",
# so that names inside plain strings are not read as code; f-string contents are kept.
without_plain_strings(text) := regex.replace(
	regex.replace(text, `(^|[^fFA-Za-z0-9_])"[^"]*"`, `$1""`),
	`(^|[^fFA-Za-z0-9_])'[^']*'`, `$1''`,
)

_env_access := `os\.environ\s*\.\s*get\s*\(|os\.getenv\s*\(|os\.environ\s*\[|\benviron\s*\.\s*get\s*\(|\bgetenv\s*\(|\benviron\s*\[`

# env_keys returns the literal environment variable names read in a Python text
# (os.environ["X"], os.environ.get("X"), os.getenv("X")).
env_keys(text) := {m[2] |
	some m in regex.find_all_string_submatch_n(`(?:os\.environ\s*\.\s*get|os\.getenv|\benviron\s*\.\s*get|\bgetenv)\s*\(\s*(["'])([^"']+)["']`, text, -1)
} | {m[2] |
	some m in regex.find_all_string_submatch_n(`\benviron\s*\[\s*(["'])([^"']+)["']\s*\]`, text, -1)
}

# env_bulk is true when a Python text reads the environment as a whole or by a computed
# key: os.environ itself, os.environ.items()/copy(), dict(os.environ), os.environ[k].
env_bulk(text) if {
	t := without_plain_strings(text)
	regex.match(`\bos\.environ\b\s*(?:[^\s.\[]|$|\.\s*(?:items|values|copy)\s*\()|\benviron\s*\[\s*[A-Za-z_]`, t)
}

env_bulk(text) if {
	t := without_plain_strings(text)
	regex.match(`\bos\.environ\s*\.\s*get\s*\(\s*[A-Za-z_]|\bos\.getenv\s*\(\s*[A-Za-z_]`, t)
}

# --- shell -------------------------------------------------------------------------------

_assign := `^\s*(?:export\s+|local\s+|readonly\s+|declare\s+(?:-[a-zA-Z]+\s+)*)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$`

# shell_assignments lists simple shell assignments as {path, line, name, value} (value
# unquoted; array assignments excluded).
shell_assignments contains {"path": l.path, "line": l.line, "name": m[1], "value": unquote(trim_space(m[2]))} if {
	some l in code_lines
	l.language == "shell"
	some m in regex.find_all_string_submatch_n(_assign, l.code, 1)
	not startswith(m[2], "(")
}

# shell_var returns the value of a shell variable when every assignment in the file agrees.
shell_var(path, name) := v if {
	vals := {a.value | some a in shell_assignments; a.path == path; a.name == name}
	count(vals) == 1
	some v in vals
}

# shell_array returns the items of a shell array `name=( ... )`, possibly over several lines.
shell_array(path, name) := items if {
	some l in code_lines
	l.path == path
	l.language == "shell"
	regex.match(sprintf(`^\s*(?:local\s+|declare\s+-a\s+|readonly\s+)?%s=\(`, [name]), l.code)
	ls := by_path[path].lines
	ends := [k |
		some k in numbers.range(0, 40)
		l.line + k <= count(ls)
		contains(code(ls[(l.line + k) - 1]), ")")
	]
	count(ends) > 0
	body := concat(" ", [code(t) | some t in array.slice(ls, l.line - 1, l.line + ends[0])])
	inner := regex.replace(regex.replace(body, `^[^(]*\(`, ""), `\)[^)]*$`, "")
	items := words(inner)
}

# words splits a shell text into words, honouring double and single quotes (unquoted); quoted
# and unquoted parts written together are one word: key="value" is key=value. The control
# operators ; & | < > end a word and are words of their own.
words(text) := [regex.replace(w, `"([^"]*)"|'([^']*)'`, "${1}${2}") | some w in regex.find_all_string_submatch_n(`(?:"[^"]*"|'[^']*'|[^\s"';&|<>])+|[;&|<>]+`, text, -1)[_]]

# unquote removes one level of surrounding double or single quotes.
unquote(s) := substring(s, 1, count(s) - 2) if {
	count(s) >= 2
	regex.match(`^(".*"|'.*')$`, s)
} else := s

# resolve expands a word that is a single shell variable reference ($X, ${X}, with an
# optional literal suffix such as ${DAYS}d) from the file's assignments; other words are
# returned unquoted.
resolve(path, word) := v if {
	w := unquote(word)
	m := regex.find_all_string_submatch_n(`^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?(.*)$`, w, 1)[0]
	v := concat("", [shell_var(path, m[1]), m[2]])
} else := unquote(word)

# expand substitutes the braced references `${X}` in a shell text whose variable has one
# known value in the file: a literal, or the default of `X="${X:-365}"` (what the script
# does unless the caller's environment sets it). Other references stay as they are.
expand(path, text) := strings.replace_n(
	{sprintf("${%s}", [name]): v |
		some m in regex.find_all_string_submatch_n(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`, text, -1)
		name := m[1]
		v := _known_value(path, name)
	},
	text,
)

_known_value(path, name) := d if {
	v := shell_var(path, name)
	d := regex.find_all_string_submatch_n(`^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^${}"']*)\}$`, v, 1)[0][1]
} else := v if {
	v := shell_var(path, name)
	not contains(v, "$")
	not contains(v, "`")
}

# shell_command returns the shell command starting at line n with backslash continuation
# lines joined (at most 20 lines), comments removed.
shell_command(path, n) := trim_space(code(line(path, n))) if {
	not n in _backslash_lines[path] # the common case: a one-line command
} else := s if {
	ls := by_path[path].lines
	ends := [k |
		some k in numbers.range(0, 19)
		n + k <= count(ls)
		not (n + k) in _backslash_lines[path]
	]
	count(ends) > 0
	parts := [trim_suffix(trim_right(code(t), " \t"), "\\") | some t in array.slice(ls, n - 1, n + ends[0])]
	s := concat(" ", [trim_space(p) | some p in parts])
} else := code(line(path, n))

# continued is true when line n continues the command of the previous line.
continued(path, n) if {
	n > 1
	(n - 1) in _backslash_lines[path]
}

# _backslash_lines are, per file, the numbers of the lines whose code ends with a
# backslash (the command goes on on the next line), found in one pass over the file.
_backslash_lines[path] := ns if {
	some path, f in by_path
	ns := {n |
		some i, t in f.lines
		endswith(trim_right(code(t), " \t"), "\\")
		n := i + 1
	}
}

# shell_array_parts returns every assignment of a shell array in a file, `name=( ... )` and
# each append `name+=( ... )` (also after a case label: `router) args+=(...) ;;`), as a
# set of [line, items]. The assignments of different branches are all listed: a caller
# that needs one value must check that they agree.
shell_array_parts(path, name) := {[n, items] |
	some [n, _] in _array_starts_of(path, name)
	items := _array_items(path, name, n)
}

# shell_array_at returns the parts of array name in effect at line n: its last assignment
# `name=( ... )` above line n and the appends `name+=( ... )` between the two, as a set of
# [line, items]; empty when no assignment precedes line n.
shell_array_at(path, name, n) := {[m, items] |
	some [m, append] in starts
	m < n
	_in_effect(m, append, last)
	items := _array_items(path, name, m)
} if {
	starts := _array_starts_of(path, name)
	assigned := {m | some [m, false] in starts; m < n}
	count(assigned) > 0
	last := max(assigned)
} else := set()

_in_effect(m, false, last) if m == last

_in_effect(m, true, last) if m > last

# the [line, append] of the assignments and appends of one array, looked up in an index
# built once per file rather than by scanning every array's assignments per command
_array_starts_of(path, name) := object.get(_array_index, [[path, name]], set())

# _array_index is an object of comprehensions OPA indexes on the key (built in one pass);
# filtering every file's assignments per array name instead was quadratic in the number
# of arrays.
_array_index := {k: s |
	some k in {[p, x] | some [p, x, _, _] in _array_flat}
	s := {[m, a] | some [p, x, m, a] in _array_flat; k = [p, x]}
}

_array_flat contains [path, x, m, a] if {
	some path, starts in _array_starts
	some [x, m, a] in starts
}

_array_items(path, name, n) := items if {
	ls := by_path[path].lines
	rest := regex.replace(code(ls[n - 1]), sprintf(`^.*?(?:^|[\s;(&|])%s\+?=\(`, [name]), "")
	ends := [k |
		some k in numbers.range(0, 40)
		n + k <= count(ls)
		contains(_array_line(ls, n, k, rest), ")")
	]
	count(ends) > 0
	body := concat(" ", array.concat([rest], [code(t) | some t in array.slice(ls, n, n + ends[0])]))
	items := words(regex.replace(body, `\)[^)]*$`, ""))
}

_array_line(_, _, 0, rest) := rest

_array_line(ls, n, k, _) := code(ls[(n + k) - 1]) if k > 0

# _array_starts are, per shell file, the [name, line, append] of every array assignment
# (append false) or append (true), found in one pass over the file.
_array_starts[path] := starts if {
	some path, f in by_path
	f.language == "shell"
	starts := {[m[1], i + 1, m[2] == "+"] |
		some i, t in f.lines
		contains(t, "=(")
		not comment(t)
		some m in regex.find_all_string_submatch_n(`(?:^|[\s;(&|])([A-Za-z_][A-Za-z0-9_]*)(\+?)=\(`, code(t), -1)
	}
}
