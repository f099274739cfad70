# METADATA
# title: User provisioning script grants too many privileged roles
# description: |
#   A shell script (such as add-user-to-platform.sh) that runs `az role assignment create
#   --role ...` for more distinct privileged roles than the threshold (default 3) gives
#   every onboarded user an admin profile. Roles are counted when given literally or
#   through a variable, through a shell function that wraps `az role assignment create`
#   (`assign_role "Owner" "$SCOPE"`), and through `for` loops over role lists or arrays;
#   a built-in role given by its GUID or role definition id counts under its name.
#   The privileged-role list and threshold are the same parameters the E-3 export control
#   uses.
# custom:
#   id: E-3-SCRIPT
#   threats: [E-3]
#   severity: high
#   stride: Elevation of Privilege
#   inputs: [source]
#   parameters:
#     privilegedRoleThreshold:
#       type: integer
#       description: A script may grant at most this many distinct privileged roles.
#       default: 3
#     privilegedRoles:
#       type: array
#       items: {type: string}
#       description: Role names that count as privileged.
#   remediation: |
#     Replace the fixed role list with tiered profiles (reader, contributor, admin) chosen
#     per user, assign the minimum at the narrowest scope, and grant admin roles just in
#     time through Privileged Identity Management.
#   references:
#     - https://learn.microsoft.com/azure/role-based-access-control/best-practices
#     - https://learn.microsoft.com/cli/azure/role/assignment#az-role-assignment-create
package stridegate.source.user_provisioning_roles

import data.lib.azure_rbac
import data.lib.params
import data.lib.result
import data.lib.source

_threshold := params.get("privilegedRoleThreshold", 3)

_privileged := {lower(r) | some r in params.get("privilegedRoles", azure_rbac.default_privileged_roles)}

_sh := {l | some l in source.code_lines; l.language == "shell"}

_commands contains [l, source.shell_command(l.path, l.line)] if {
	some l in _sh
	not source.continued(l.path, l.line)
}

_az_create := `\baz\s+role\s+assignment\s+create\b`

_role_word(cmd) := m[1] if {
	regex.match(_az_create, cmd)
	m := regex.find_all_string_submatch_n(`--role(?:=|\s+)("[^"]*"|'[^']*'|\S+)`, cmd, 1)[0]
}

# --- shell functions wrapping az role assignment create ----------------------------------

_fn_starts contains [l.path, l.line, m[1], source.indent(l.text)] if {
	some l in _sh
	some m in regex.find_all_string_submatch_n(`^\s*(?:function\s+)?([A-Za-z_][\w-]*)\s*\(\s*\)\s*\{?\s*$|^\s*function\s+([A-Za-z_][\w-]*)\s*\{?\s*$`, l.code, 1)
	m[1] != ""
}

# the lines that close a function body or a loop, found in one pass: [path, line, indent]
_closing_braces contains [l.path, l.line, source.indent(l.text)] if {
	some l in _sh
	regex.match(`^\s*\}\s*;?\s*$`, l.code)
}

_dones contains [l.path, l.line, source.indent(l.text)] if {
	some l in _sh
	regex.match(`^\s*done\b`, l.code)
}

_fn_end(path, start, ind) := min([line |
	some [p, line, i] in _closing_braces
	p == path
	line > start
	i <= ind
])

# position of the positional parameter a variable stands for in a function body
_position(word, _, _, _) := to_number(m[1]) if {
	m := regex.find_all_string_submatch_n(`^\$\{?([1-9])\}?$`, source.unquote(word), 1)[0]
}

_position(word, path, start, end) := to_number(p[1]) if {
	v := regex.find_all_string_submatch_n(`^\$\{?([A-Za-z_]\w*)\}?$`, source.unquote(word), 1)[0][1]
	some text in array.slice(source.by_path[path].lines, start, end - 1) # the body's lines
	p := regex.find_all_string_submatch_n(sprintf(`^\s*(?:local\s+|declare\s+)?%s=["']?\$\{?([1-9])\}?["']?\s*$`, [v]), source.code(text), 1)[0]
}

# the commands that create role assignments, with their role word
_role_commands contains [l, word] if {
	some [l, cmd] in _commands
	word := _role_word(cmd)
}

_wrappers contains [path, name, pos] if {
	some [path, start, name, ind] in _fn_starts
	end := _fn_end(path, start, ind)
	some [l, word] in _role_commands
	l.path == path
	l.line > start
	l.line < end
	pos := _position(word, path, start, end)
}

# --- for loops -------------------------------------------------------------------------------

_loops contains [l.path, l.line, m[1], m[2], source.indent(l.text)] if {
	some l in _sh
	some m in regex.find_all_string_submatch_n(`^\s*for\s+([A-Za-z_]\w*)\s+in\s+(.+?)\s*(?:;\s*do\s*)?$`, l.code, 1)
}

_loop_items(path, list) := source.shell_array(path, m[1]) if {
	m := regex.find_all_string_submatch_n(`^"?\$\{([A-Za-z_]\w*)\[[@*]\]\}"?$`, trim_space(list), 1)[0]
} else := [source.resolve(path, w) | some w in source.words(list)]

# the items a loop variable ranges over at line n
_loop_values(path, var, n) := items if {
	some lp in _loops
	lp[0] == path
	lp[2] == var
	lp[1] < n
	not _loop_closed(path, lp[1], lp[4], n)
	items := _loop_items(path, lp[3])
}

_loop_closed(path, start, ind, n) if {
	some [p, line, i] in _dones
	p == path
	line > start
	line < n
	i <= ind
}

# --- roles granted -------------------------------------------------------------------------

# a role word at line n: a literal, a resolved variable, or a loop variable's items
_roles_of(path, word, n) := [r] if {
	r := source.resolve(path, word)
	not contains(r, "$")
} else := [r] if {
	# a role definition id whose subscription is a variable still names its role
	r := source.unquote(word)
	_role_name(r) != r
} else := _loop_values(path, v, n) if {
	v := regex.find_all_string_submatch_n(`^\$\{?([A-Za-z_]\w*)\}?$`, source.unquote(word), 1)[0][1]
} else := []

_grants contains [l.path, l.line, _role_name(r)] if {
	some [l, cmd] in _commands
	word := _role_word(cmd)
	some r in _roles_of(l.path, word, l.line)
}

# a built-in role given by its GUID (or role definition id ending in it) is named
_guid_names := {lower(guid): name | some name, guid in azure_rbac.builtin_roles}

_role_name(r) := _guid_names[lower(g)] if {
	parts := split(r, "/")
	g := parts[count(parts) - 1]
} else := r

_grants contains [l.path, l.line, _role_name(r)] if {
	some [l, cmd] in _commands
	some [path, name, pos] in _wrappers
	l.path == path
	m := regex.find_all_string_submatch_n(sprintf(`^\s*%s\s+(.*)$`, [name]), cmd, 1)[0]
	args := regex.find_all_string_submatch_n(`"[^"]*"|'[^']*'|[^\s"']+`, m[1], -1)
	word := args[pos - 1][0]
	some r in _roles_of(l.path, word, l.line)
}

_scripts := {g[0] | some g in _grants}

violation contains result.make_with(rego.metadata.chain(), msg, path, path, {"line": first, "roles": roles}) if {
	some path in _scripts
	granted := [[line, role] | some [p, line, role] in _grants; p == path; lower(role) in _privileged]
	roles := sort({role | some [_, role] in granted})
	count(roles) > _threshold
	first := min([line | some [line, _] in granted])
	msg := sprintf("%s grants %d privileged roles to each user (threshold %v): %s", [path, count(roles), _threshold, concat(", ", roles)])
}
