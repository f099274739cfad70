package stridegate.source.debug_log_env_test

import data.stridegate.source.debug_log_env as check

_py(lines) := [{"path": "src/training/rl/utils/env.py", "contents": {"source": {"language": "python", "lines": lines}}}]

_lines(vs) := {v.details.line | some v in vs}

test_direct_azure_value_fires if {
	vs := check.violation with input as _py([
		"import logging, os",
		"logger = logging.getLogger(__name__)",
		"logger.debug(\"client secret: %s\", os.environ[\"AZURE_CLIENT_SECRET\"])",
		"logging.debug(f\"tenant={os.getenv('AZURE_TENANT_ID')}\")",
	])
	_lines(vs) == {3, 4}
	some v in vs
	v.details.id == "I-5"
	v.details.resource == "src/training/rl/utils/env.py:3"
	v.details.file == "src/training/rl/utils/env.py"
}

test_mentioning_azure_is_not_a_finding if {
	vs := check.violation with input as _py([
		"import logging, os",
		"logger.debug(\"AZURE_CLIENT_SECRET is set: %s\", \"AZURE_CLIENT_SECRET\" in os.environ.keys())",
		"logger.debug(\"reading os.environ['AZURE_CLIENT_ID']\")",
		"logger.info(\"secret %s\", os.environ[\"AZURE_CLIENT_SECRET\"])",
		"# logger.debug(os.environ)",
		"logger.debug(\"home %s\", os.getenv(\"HOME\"))",
	])
	count(vs) == 0
}

test_value_from_environ_on_previous_line_fires if {
	vs := check.violation with input as _py([
		"secret = os.environ.get(\"AZURE_CLIENT_SECRET\", \"\")",
		"logger.debug(\"using %s\", secret)",
	])
	_lines(vs) == {2}
	some v in vs
	contains(v.msg, "secret (from environment value AZURE_CLIENT_SECRET on line 1)")
}

test_reassigned_name_is_clean if {
	vs := check.violation with input as _py([
		"secret = os.environ.get(\"AZURE_CLIENT_SECRET\", \"\")",
		"secret = \"***\"",
		"logger.debug(\"using %s\", secret)",
		"logger.debug(\"the word secret\")",
	])
	count(vs) == 0
}

test_filtered_environment_loop_fires if {
	vs := check.violation with input as _py([
		"def dump_azure_env(logger):",
		"    azure_env = {k: v for k, v in os.environ.items() if k.startswith(\"AZURE_\")}",
		"    for key, value in azure_env.items():",
		"        logger.debug(\"%s=%s\", key, value)",
		"    for key in azure_env:",
		"        logger.debug(\"found %s\", key)",
	])
	_lines(vs) == {4}
}

test_whole_environment_and_multiline_call_fire if {
	vs := check.violation with input as _py([
		"log.debug(\"env: %s\", dict(os.environ))",
		"self.logger.debug(",
		"    \"storage key %s\",",
		"    os.environ[\"AZURE_STORAGE_KEY\"],",
		")",
		"logger.log(logging.DEBUG, \"%r\", os.environ)",
	])
	_lines(vs) == {1, 2, 6}
}

test_other_documents_ignored if {
	vs := check.violation with input as [{"path": "x.sh", "contents": {"source": {"language": "shell", "lines": ["logger.debug(os.environ)"]}}}]
	count(vs) == 0
}

test_logging_names_only_is_clean if {
	vs := check.violation with input as _py([
		"azure_env = {k: v for k, v in os.environ.items() if k.startswith(\"AZURE_\")}",
		"logger.debug(\"present: %s (%d)\", sorted(azure_env.keys()), len(azure_env))",
		"logger.debug(\"values: %s\", azure_env)",
	])
	_lines(vs) == {3}
}

test_environment_names_and_membership_are_clean if {
	vs := check.violation with input as _py([
		"logger.debug(\"env names: %s\", sorted(os.environ))",
		"logger.debug(\"azure: %s\", [k for k in os.environ if k.startswith(\"AZURE_\")])",
		"logger.debug(\"has secret: %s\", \"AZURE_CLIENT_SECRET\" in os.environ)",
		"logger.debug(\"count %d\", len(os.environ))",
		"logger.debug(\"full %s\", dict(os.environ))",
		"logger.debug(\"items %s\", sorted(os.environ.items()))",
		"logger.debug(\"pairs %s\", [(k, v) for k, v in os.environ.items()])",
	])
	_lines(vs) == {5, 6, 7}
}
