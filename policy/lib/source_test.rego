package lib.source_test

import data.lib.source

_py(lines) := [{"path": "src/training/rl/utils/env.py", "contents": {"source": {"language": "python", "lines": lines}}}]

_sh(lines) := [{"path": "scripts/add-user.sh", "contents": {"source": {"language": "shell", "lines": lines}}}]

test_lines_are_numbered_from_one if {
	ls := source.lines with input as _py(["import os", "", "x = 1"])
	{[l.line, l.text] | some l in ls} == {[1, "import os"], [2, ""], [3, "x = 1"]}
}

test_code_lines_skip_comments_and_blanks if {
	ls := source.code_lines with input as _py(["#!/usr/bin/env python3", "  # note", "", "x = 1  # one"])
	{[l.line, l.code] | some l in ls} == {[4, "x = 1"]}
}

test_non_source_documents_ignored if {
	fs := source.files with input as [{"path": "a.yaml", "contents": {"source": {"language": "ruby", "lines": ["x"]}}}, {"path": "b.yaml", "contents": {"kind": "Pod"}}]
	count(fs) == 0
}

test_single_document_input if {
	fs := source.files with input as {"source": {"language": "shell", "lines": ["echo hi"]}}
	count(fs) == 1
}

test_statement_joins_open_brackets if {
	s := source.statement("src/training/rl/utils/env.py", 1) with input as _py([
		"logger.debug(",
		"    \"secret %s\",",
		"    os.environ[\"AZURE_CLIENT_SECRET\"])",
		"x = 1",
	])
	s == "logger.debug( \"secret %s\", os.environ[\"AZURE_CLIENT_SECRET\"])"
}

test_statement_single_line if {
	s := source.statement("src/training/rl/utils/env.py", 2) with input as _py(["a = (", "x = 1  # c"])
	s == "x = 1"
}

test_env_keys if {
	source.env_keys(`a = os.environ.get("AZURE_CLIENT_ID", "") + os.getenv('HOME') + os.environ["AZURE_TENANT_ID"]`) == {"AZURE_CLIENT_ID", "HOME", "AZURE_TENANT_ID"}
}

test_env_bulk if {
	source.env_bulk("env = dict(os.environ)")
	source.env_bulk("for k, v in os.environ.items():")
	source.env_bulk("v = os.environ[k]")
	not source.env_bulk(`v = os.environ["AZURE_CLIENT_ID"]`)
	not source.env_bulk(`v = os.environ.get("X")`)
	not source.env_bulk(`print("os.environ is big")`)
}

test_shell_vars_and_arrays if {
	inp := _sh([
		"#!/usr/bin/env bash",
		"EXPIRY_DAYS=365",
		"ROLES=(",
		"  \"Owner\"   # full control",
		"  'Key Vault Administrator'",
		")",
		"export SCOPE=\"/subscriptions/x\"",
	])
	source.shell_var("scripts/add-user.sh", "EXPIRY_DAYS") == "365" with input as inp
	source.shell_var("scripts/add-user.sh", "SCOPE") == "/subscriptions/x" with input as inp
	source.shell_array("scripts/add-user.sh", "ROLES") == ["Owner", "Key Vault Administrator"] with input as inp
	source.resolve("scripts/add-user.sh", "\"${EXPIRY_DAYS}d\"") == "365d" with input as inp
	source.resolve("scripts/add-user.sh", "$UNKNOWN") == "$UNKNOWN" with input as inp
}

test_conflicting_assignments_unknown if {
	inp := _sh(["A=1", "A=2"])
	not source.shell_var("scripts/add-user.sh", "A") with input as inp
}

test_without_plain_strings_keeps_fstrings if {
	source.without_plain_strings(`log("v is %s", v, f"{v}")`) == `log("", v, f"{v}")`
}

test_shell_command_joins_continuations if {
	inp := _sh(["az role assignment create \\", "  --role \"Owner\" \\", "  --scope \"$S\"  # why", "echo done"])
	source.shell_command("scripts/add-user.sh", 1) == "az role assignment create --role \"Owner\" --scope \"$S\"" with input as inp
	source.continued("scripts/add-user.sh", 2) with input as inp
	not source.continued("scripts/add-user.sh", 4) with input as inp
}

test_expand_braced_references if {
	inp := _sh(["TOKEN_DAYS=\"${TOKEN_DAYS:-365}\"", "UNIT=day", "ROLE=$1", "A=1", "A=2"])
	source.expand("scripts/add-user.sh", `date -d "+${TOKEN_DAYS} ${UNIT}s" ${ROLE} ${A} $UNIT`) == `date -d "+365 days" ${ROLE} ${A} $UNIT` with input as inp
}

test_shell_array_parts_lists_assignment_and_appends if {
	inp := _sh([
		"args=(upgrade \"$release\" \"$tgz\"",
		"    --set a.b=false)",
		"case \"$chart\" in",
		"    router) args+=(--set c=1) ;;",
		"esac",
		"other=(x)",
		"helm \"${args[@]}\"",
	])
	parts := source.shell_array_parts("scripts/add-user.sh", "args") with input as inp
	parts == {[1, ["upgrade", "$release", "$tgz", "--set", "a.b=false"]], [4, ["--set", "c=1"]]}
}

test_shell_array_parts_ignores_command_substitution if {
	inp := _sh(["x=$(date)", "# args=(a)"])
	xs := source.shell_array_parts("scripts/add-user.sh", "x") with input as inp
	count(xs) == 0
	ys := source.shell_array_parts("scripts/add-user.sh", "args") with input as inp
	count(ys) == 0
}

test_words_join_quoted_parts_and_split_operators if {
	source.words(`helm upgrade x -f "$DIR/$n.yaml"; echo --set a="b c" 'd'e|tee f`) == ["helm", "upgrade", "x", "-f", "$DIR/$n.yaml", ";", "echo", "--set", "a=b c", "de", "|", "tee", "f"]
}
