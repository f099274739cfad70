# METADATA
# title: Helm command lines in shell scripts
# description: |
#   Reads `helm install|upgrade|template` commands of shell scripts (continuation lines
#   joined; words of bash arrays passed as "${args[@]}", with their `+=` appends) and turns
#   their `--set`, `--set-string`, `--set-literal` and single-pair `--set-json` flags into a
#   values tree, so the value-based controls check a `--set` like a values file. Helm's
#   syntax: dotted keys, `a[0].b` list indices, `a\.b` escaped dots, `--set a=1,b=2`, `\,` in
#   values; `--set` types true/false and integers as Helm does, `--set-string` keeps
#   strings. A value read from a shell variable is resolved only when every assignment of
#   the variable in the file agrees; a setting given different values in one command (two
#   branches, or last-wins overrides), a `{a,b}` list, `null`, or an unresolved variable is
#   unknown and left out of the tree, so it is never reported.
# custom:
#   library: true
package lib.helm_cli

import data.lib.settings
import data.lib.source

# commands lists the Helm commands of shell scripts that carry settings, as {path, line,
# tree, flags, values_files}: tree is the values object the flags build, flags maps each
# setting's dotted path (list indices as numbers: `a.0.b`) to the flag that sets it,
# values_files lists the `-f`/`--values` files the command names (see overrides).
commands := {c | some c in _installs; count(c.flags) > 0}

_installs contains {"path": l.path, "line": l.line, "tree": tree, "flags": flags, "values_files": files, "unknown_files": unknown} if {
	some l in source.code_lines
	l.language == "shell"
	contains(l.code, "helm")
	not source.continued(l.path, l.line)
	cmd := source.shell_command(l.path, l.line)
	lists := _word_lists(l.path, l.line, cmd)
	_helm_install(cmd, lists)
	pairs := {p | some ws in lists; some p in _pairs(l.path, ws)}
	kept := _kept(pairs)
	tree := _tree(kept)
	flags := {d: sort([f | some [q, _, f] in pairs; _dotted(q) == d])[0] | some [k, _] in kept; d := _dotted(k)}
	files := {f | some ws in lists; some f in _values_files(l.path, ws)}
	unknown := {t | some ws in lists; some t in _unknown_files(l.path, ws)}
}

# overrides returns, for a values document doc named with `-f` by Helm commands of the
# scripts checked with it, the values each such command deploys: doc's tree with the
# command's --set tree laid over it (--set wins over every -f file), one tree per command.
# A `-f` path is matched by its suffix (`"$VALUES_DIR/osmo.yaml"` -> `osmo.yaml`) against
# exactly one values document. Undefined when no command names doc, or when one of them
# sets list entries (Helm edits the file's list in place; merging would be a guess), so a
# caller that suppresses a values finding on every tree being secure never guesses.
overrides(doc) := trees if {
	using := {c | some c in _installs; _uses(c, doc.path)}
	count(using) > 0
	not _maybe_used(doc.path)
	every c in using {
		not _has_list(c.tree)
	}
	trees := {object.union(doc.contents, c.tree) | some c in using}
}

# apart is true for two values documents a and b that the Helm commands of the run deploy
# separately: a command names one of them with -f, and no command names both. Such files
# are two releases even when their names look layered (settings.layered_with).
apart(a, b) if {
	some c in _installs
	_uses_one(c, a.path, b.path)
	not _together(a.path, b.path)
	not _maybe_used(a.path)
	not _maybe_used(b.path)
}

_uses_one(c, pa, _) if _uses(c, pa)

_uses_one(c, _, pb) if _uses(c, pb)

_together(pa, pb) if {
	some c in _installs
	_uses(c, pa)
	_uses(c, pb)
}

_uses(c, path) if {
	some f in c.values_files
	_file_matches(f, path)
	count({d.path | some d in settings.values_docs; _file_matches(f, d.path)}) == 1
}

_file_matches(f, path) if path == f

_file_matches(f, path) if endswith(path, concat("", ["/", f]))

_has_list(tree) if {
	walk(tree, [_, v])
	is_array(v)
}

# a command whose -f path keeps a variable (`-f "$DIR/$name.yaml"`) may name any file
# ending in its literal end (`.yaml`)
_maybe_used(path) if {
	some c in _installs
	some t in c.unknown_files
	endswith(path, t)
}

# -f FILE, --values FILE, -f=FILE, --values=FILE, each a comma-separated list (Helm's
# string-slice flag): resolved, a leading unknown directory ($VALUES_DIR/, ${dir}/, ./, ../)
# dropped; a path still holding a variable is left out (see _unknown_files)
_values_files(file, ws) := {f |
	some raw in _values_args(ws)
	some part in split(raw, ",")
	f := _values_path(file, part)
}

_values_args(ws) := {ws[i + 1] |
	some i, w in ws
	w in {"-f", "--values"}
} | {m[1] |
	some w in ws
	some m in regex.find_all_string_submatch_n(`^(?:-f|--values)=(.+)$`, w, 1)
}

# the literal ends of the -f paths that still hold a variable after resolution: the text
# after the last variable reference or command substitution
_unknown_files(file, ws) := {t |
	some raw in _values_args(ws)
	some part in split(raw, ",")
	not _values_path(file, part)
	v := source.resolve(file, part)
	regex.match("[$`]", v)
	t := regex.replace(v, "^.*(?:\\$\\{[^}]*\\}|\\$\\([^)]*\\)|\\$[A-Za-z_][A-Za-z0-9_]*|`[^`]*`)", "")
}

_values_path(file, raw) := f if {
	v := source.resolve(file, raw)
	f := regex.replace(v, `^(?:(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\.\.?)/)+`, "")
	f != ""
	not contains(f, "$")
	not contains(f, "`")
}

# flag returns the flag of cmd that sets the setting at dotted path p, or one below or
# above it (a named list entry, a --set-json object).
flag(cmd, p) := cmd.flags[p]

flag(cmd, p) := f if {
	not cmd.flags[p]
	fs := sort([g | some k, g in cmd.flags; _related(k, p)])
	f := fs[0]
} else := "--set" if not cmd.flags[p]

_related(k, p) if startswith(k, concat("", [p, "."]))

_related(k, p) if startswith(p, concat("", [k, "."]))

_dotted(path) := concat(".", [sprintf("%v", [x]) | some x in path])

# the command's own words and the words of the arrays it expands ("${args[@]}": the
# array's last assignment above the command and its appends since), with one level of
# arrays expanded inside them: helm_args=("${base_helm_args[@]}" --set ...)
_word_lists(path, n, cmd) := ({source.words(cmd)} | _array_lists(path, n, cmd)) | {items |
	some [m, outer] in _array_parts(path, n, cmd)
	some [_, items] in _array_parts(path, m, concat(" ", outer))
}

_array_lists(path, n, text) := {items | some [_, items] in _array_parts(path, n, text)}

_array_parts(path, n, text) := {part |
	some m in regex.find_all_string_submatch_n(`\$\{([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]\}`, text, -1)
	some part in source.shell_array_at(path, m[1], n)
}

_command_start := `(?:^|[;&|(]|\b(?:then|do|else|exec|sudo|time|if|!)\s)\s*helm\s+`

_helm_install(cmd, _) if regex.match(concat("", [_command_start, `(?:upgrade|install|template)\b`]), cmd)

# helm "${args[@]}" where args=(upgrade ...)
_helm_install(cmd, lists) if {
	regex.match(concat("", [_command_start, `"?\$\{[A-Za-z_][A-Za-z0-9_]*\[[@*]\]\}`]), cmd)
	some ws in lists
	ws[0] in {"upgrade", "install", "template"}
}

# --- flags -------------------------------------------------------------------------------

_set_flags := {"--set", "--set-string", "--set-literal", "--set-json"}

# [flag, argument] of every settings flag in a word list: `--set a=b` and `--set=a=b`
_flags(ws) := {[w, ws[i + 1]] |
	some i, w in ws
	w in _set_flags
} | {[m[1], m[2]] |
	some w in ws
	some m in regex.find_all_string_submatch_n(`^(--set(?:-string|-literal|-json)?)=(.+)$`, w, 1)
}

# [path, value, flag text] for every known setting of a word list
_pairs(file, ws) := ({[path, v, sprintf("%s %s", [f, text])] |
	some [f, arg] in _flags(ws)
	f in {"--set", "--set-string"}
	not regex.match(`(?:^|,)(?:\\.|[^=,\\])*=\{`, arg) # {a,b} lists: commas are not separators
	some m in regex.find_all_string_submatch_n(`(?:\\.|[^,\\])+`, arg, -1)
	text := m[0]
	[key, raw] := _split_pair(text)
	path := _key_path(key)
	v := _typed(f, _resolved(file, regex.replace(raw, `\\(.)`, "$1")))
} | {[path, raw, sprintf("%s %s", [f, arg])] |
	some [f, arg] in _flags(ws)
	f == "--set-literal"
	[key, raw] := _split_pair(arg)
	not contains(raw, "$")
	path := _key_path(key)
}) | {[path, v, sprintf("%s %s", [f, arg])] |
	some [f, arg] in _flags(ws)
	f == "--set-json"
	[key, raw] := _split_pair(arg)
	not contains(raw, "$")
	json.is_valid(raw)
	v := json.unmarshal(raw)
	v != null
	path := _key_path(key)
}

_split_pair(text) := [m[1], m[2]] if {
	m := regex.find_all_string_submatch_n(`^((?:\\.|[^=\\])+)=(.*)$`, text, 1)[0]
}

# a.b\.c[0].d -> ["a", "b.c", 0, "d"]; undefined for a key holding a shell variable, or a
# list index above _max_index (Helm's limit is 65536; a list that long would be built
# entry by entry and walked by every control, for a setting no chart has)
_key_path(key) := path if {
	not contains(key, "$")
	segs := [m[0] | some m in regex.find_all_string_submatch_n(`(?:\\.|[^.\\])+`, key, -1)]
	count(segs) > 0
	path := [x | some s in segs; some x in _segment(s)]
	count(path) == count(segs) + count([i | some s in segs; some i in regex.find_all_string_submatch_n(`\[[0-9]+\]`, s, -1)])
	every x in path {
		_index_ok(x)
	}
}

_max_index := 1000

_index_ok(x) if not is_number(x)

_index_ok(x) if x <= _max_index

_segment(s) := array.concat([name], [to_number(i[1]) | some i in regex.find_all_string_submatch_n(`\[([0-9]+)\]`, idx, -1)]) if {
	m := regex.find_all_string_submatch_n(`^((?:\\.|[^\[\\])+)((?:\[[0-9]+\])*)$`, s, 1)[0]
	name := regex.replace(m[1], `\\(.)`, "$1")
	idx := m[2]
}

# a value with shell expansions: resolved when the file assigns the variable one value
_resolved(_, raw) := raw if {
	not contains(raw, "$")
	not contains(raw, "`")
}

_resolved(file, raw) := v if {
	contains(raw, "$")
	v := source.resolve(file, raw)
	not contains(v, "$")
	not contains(v, "`")
}

# Helm's typing of --set values (strvals.typedVal); --set-string keeps the text. null
# removes a key: unknown here.
_typed("--set-string", v) := v

_typed("--set", v) if lower(v) == "true"

_typed("--set", v) := false if lower(v) == "false"

_typed("--set", v) := to_number(v) if regex.match(`^(0|[-+]?[1-9][0-9]{0,17})$`, v)

_typed("--set", v) := v if {
	not lower(v) in {"true", "false", "null"}
	not regex.match(`^(0|[-+]?[1-9][0-9]{0,17})$`, v)
}

# --- tree --------------------------------------------------------------------------------

# [path, value] of the paths set to one value, none of which is inside another set path
_kept(pairs) := {[path, v] |
	some [path, v, _] in pairs
	count({w | some [q, w, _] in pairs; q == path}) == 1
	not _nested(pairs, path)
	not _mixed(pairs, path)
}

_nested(pairs, path) if {
	some [other, _, _] in pairs
	other != path
	_prefix(other, path)
}

_nested(pairs, path) if {
	some [other, _, _] in pairs
	other != path
	_prefix(path, other)
}

_prefix(a, b) if {
	count(a) < count(b)
	array.slice(b, 0, count(a)) == a
}

# a level addressed both as a list and as a map
_mixed(pairs, path) if {
	count(path) > 1
	some i in numbers.range(1, count(path) - 1)
	prefix := array.slice(path, 0, i)
	kinds := {is_number(other[i]) |
		some [other, _, _] in pairs
		count(other) > i
		array.slice(other, 0, i) == prefix
	}
	count(kinds) > 1
}

_tree(kept) := json.patch({}, [op | some [_, _, op] in sort(_containers(kept) | _leaves(kept))])

_leaves(kept) := {[count(path), path, {"op": _op(path), "path": path, "value": v}] | some [path, v] in kept}

_containers(kept) := {[count(prefix), prefix, {"op": _op(prefix), "path": prefix, "value": _container(kept, prefix)}] |
	some [path, _] in kept
	count(path) > 1
	some i in numbers.range(1, count(path) - 1)
	prefix := array.slice(path, 0, i)
}

_container(kept, prefix) := [null | some _ in numbers.range(0, max(idx))] if {
	idx := {p[count(prefix)] |
		some [p, _] in kept
		count(p) > count(prefix)
		array.slice(p, 0, count(prefix)) == prefix
	}
	every i in idx {
		is_number(i)
	}
} else := {}

# list elements exist already (filled with null): replace them
_op(path) := "replace" if is_number(path[count(path) - 1])

_op(path) := "add" if not is_number(path[count(path) - 1])
