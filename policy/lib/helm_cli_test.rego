package lib.helm_cli_test

import data.lib.helm_cli

_sh(lines) := [{"path": "deploy/setup.sh", "contents": {"source": {"language": "shell", "lines": lines}}}]

# the values tree of the Helm command at line n
_tree(lines, n) := t if {
	cs := helm_cli.commands with input as _sh(lines)
	some c in cs
	c.line == n
	t := c.tree
}

test_dotted_paths_and_helm_typing if {
	t := _tree(["helm upgrade --install osmo chart --set a.b.enabled=false --set n=5 --set z=0 --set o=007 --set T=True --set f=1.5"], 1)
	t == {"a": {"b": {"enabled": false}}, "n": 5, "z": 0, "o": "007", "T": true, "f": "1.5"}
}

test_set_string_keeps_strings if {
	t := _tree(["helm install osmo chart --set-string a.enabled=false --set-string n=5"], 1)
	t == {"a": {"enabled": "false"}, "n": "5"}
}

test_list_indices if {
	t := _tree(["helm template chart --set 'sidecars[1].name=envoy,sidecars[1].enabled=false'"], 1)
	t == {"sidecars": [null, {"name": "envoy", "enabled": false}]}
}

test_escaped_dots_in_keys if {
	t := _tree([`helm upgrade osmo chart --set-string "sa.annotations.azure\.workload\.identity/use=true"`], 1)
	t == {"sa": {"annotations": {"azure.workload.identity/use": "true"}}}
}

test_comma_separated_pairs_and_escaped_commas if {
	t := _tree([`helm upgrade osmo chart --set a=1,b.c=x\,y`], 1)
	t == {"a": 1, "b": {"c": "x,y"}}
}

test_equals_form_and_set_literal_and_set_json if {
	t := _tree([`helm upgrade osmo chart --set=a=true --set-literal b=x,y --set-json 'c={"d":[1,2]}'`], 1)
	t == {"a": true, "b": "x,y", "c": {"d": [1, 2]}}
}

test_continuation_lines_joined if {
	t := _tree(["helm upgrade --install osmo chart \\", "  -f values.yaml \\", "  --set a.enabled=false"], 1)
	t == {"a": {"enabled": false}}
}

test_variable_with_one_value_is_resolved if {
	t := _tree(["AUTH=false", `helm upgrade osmo chart --set "a.enabled=$AUTH" --set-string b=${AUTH}`], 2)
	t == {"a": {"enabled": false}, "b": "false"}
}

# a quoted value joined to its key is one shell word: key="value"
test_quoted_value_joined_to_its_key if {
	t := _tree(["AUTH=false", `helm upgrade osmo chart --set sidecars.envoy.enabled="false" --set-string tag='1.0' --set a.enabled="$AUTH"`], 2)
	t == {"sidecars": {"envoy": {"enabled": false}}, "tag": "1.0", "a": {"enabled": false}}
}

test_quoted_unknown_value_joined_to_its_key_is_unknown if {
	t := _tree([`helm upgrade osmo chart --set a.enabled="$FROM_ENV" --set c=1`], 1)
	t == {"c": 1}
}

# one setting spelled with an escaped dot and with a path: one flag each, no conflict
test_escaped_and_dotted_key_of_one_text if {
	cs := helm_cli.commands with input as _sh([`helm upgrade osmo chart --set 'a\.b=1' --set a.b=2 --set c=1`])
	count(cs) == 1
}

# an absurd list index is not expanded into a list of that length: unknown
test_huge_list_index_is_unknown if {
	t := _tree(["helm upgrade osmo chart --set a[100000000]=1 --set b[3]=x --set c=1"], 1)
	t == {"b": [null, null, null, "x"], "c": 1}
}

test_variable_with_several_values_is_unknown if {
	t := _tree(["AUTH=false", "AUTH=true", `helm upgrade osmo chart --set "a.enabled=$AUTH" --set c=1`], 3)
	t == {"c": 1}
}

test_unset_variable_null_and_brace_lists_are_unknown if {
	t := _tree([`helm upgrade osmo chart --set a=$FROM_ENV --set b=null --set l={x,y} --set "d=$(cat f)" --set c=1`], 1)
	t == {"c": 1}
}

test_conflicting_values_in_one_command_are_unknown if {
	t := _tree(["helm upgrade osmo chart --set a.enabled=false --set a.enabled=true --set c=1"], 1)
	t == {"c": 1}
}

test_array_and_appends_in_effect if {
	t := _tree(
		[
			"args=(upgrade osmo chart",
			"  --set a.enabled=false)",
			"case \"$c\" in",
			"  router) args+=(--set b.enabled=false) ;;",
			"esac",
			"helm \"${args[@]}\" --wait",
			"args=(upgrade other chart --set z=1)",
		],
		6,
	)
	t == {"a": {"enabled": false}, "b": {"enabled": false}}
}

test_reassigned_array_only_last_assignment_counts if {
	lines := [
		"base=(--version 1 --set g=1)",
		"helm_args=(\"${base[@]}\" --set a=1)",
		"helm upgrade -i service osmo/service \"${helm_args[@]}\"",
		"helm_args=(\"${base[@]}\" --set b=2)",
		"helm upgrade -i router osmo/router \"${helm_args[@]}\"",
	]
	_tree(lines, 3) == {"g": 1, "a": 1}
	_tree(lines, 5) == {"g": 1, "b": 2}
}

test_other_commands_and_echo_are_not_read if {
	cs := helm_cli.commands with input as _sh([
		"helm repo add osmo https://x --set a=1",
		"echo \"run: helm upgrade osmo chart --set a.enabled=false\"",
		"kubectl set env deploy/x --set b=1",
	])
	count(cs) == 0
}

test_flag_names_the_setting if {
	cs := helm_cli.commands with input as _sh(["helm upgrade osmo chart --set 'sidecars[0].name=envoy,sidecars[0].enabled=false'"])
	some c in cs
	helm_cli.flag(c, "sidecars.0.enabled") == "--set sidecars[0].enabled=false"
	helm_cli.flag(c, "sidecars.0") == "--set sidecars[0].enabled=false"
}

# --- precedence over -f values files -----------------------------------------------------

_values := {"path": "infrastructure/setup/values/osmo.yaml", "contents": {"auth": {"enabled": false}, "x": 1}}

_with_values(lines) := array.concat(_sh(lines), [_values])

test_overrides_lay_set_over_the_named_values_file if {
	ts := helm_cli.overrides(_values) with input as _with_values([
		"VALUES_DIR=\"$SCRIPT_DIR/values\"",
		"helm upgrade osmo chart -f \"$VALUES_DIR/osmo.yaml\" --set auth.enabled=true",
		"helm upgrade osmo chart --values=values/osmo.yaml --set y=2",
	])
	ts == {{"auth": {"enabled": true}, "x": 1}, {"auth": {"enabled": false}, "x": 1, "y": 2}}
}

test_overrides_undefined_without_a_command_naming_the_file if {
	not helm_cli.overrides(_values) with input as _with_values(["helm upgrade osmo chart -f other.yaml --set auth.enabled=true"])
}

test_overrides_undefined_when_a_command_sets_list_entries if {
	not helm_cli.overrides(_values) with input as _with_values(["helm upgrade osmo chart -f osmo.yaml --set auth.enabled=true --set 'l[0].a=1'"])
}

test_overrides_undefined_when_the_file_path_is_ambiguous if {
	not helm_cli.overrides(_values) with input as array.concat(_with_values(["helm upgrade osmo chart -f osmo.yaml --set auth.enabled=true"]), [{"path": "other/osmo.yaml", "contents": {"a": 1}}])
}

test_overrides_undefined_when_the_file_is_unknown if {
	not helm_cli.overrides(_values) with input as _with_values(["helm upgrade osmo chart -f \"$FILE\" --set auth.enabled=true"])
}

# a command whose -f path keeps a variable may deploy any file its literal end fits
test_overrides_undefined_when_another_command_may_deploy_the_file if {
	not helm_cli.overrides(_values) with input as _with_values([
		"helm upgrade osmo chart -f \"$VALUES_DIR/osmo.yaml\" --set auth.enabled=true",
		"for name in osmo osmo-dev; do helm upgrade \"$name\" chart -f \"$VALUES_DIR/$name.yaml\"; done",
	])
	ts := helm_cli.overrides(_values) with input as _with_values([
		"helm upgrade osmo chart -f \"$VALUES_DIR/osmo.yaml\" --set auth.enabled=true",
		"helm upgrade \"$release\" chart -f \"$backup/$release.values.json\"",
	])
	ts == {{"auth": {"enabled": true}, "x": 1}}
}

# -f takes a comma-separated list (a string-slice flag): each file is named
test_overrides_read_comma_separated_values_files if {
	ts := helm_cli.overrides(_values) with input as _with_values([
		"helm upgrade osmo chart -f \"$VALUES_DIR/osmo.yaml\" --set auth.enabled=true",
		"helm upgrade other chart -f values/a.yaml,values/osmo.yaml",
	])
	ts == {{"auth": {"enabled": true}, "x": 1}, {"auth": {"enabled": false}, "x": 1}}
}
