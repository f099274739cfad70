package stridegate.source.tmp_config_world_readable_test

import data.stridegate.source.tmp_config_world_readable as check

_py(lines) := [{"path": "src/training/rl/utils/mlflow_config.py", "contents": {"source": {"language": "python", "lines": lines}}}]

_lines(vs) := {v.details.line | some v in vs}

test_direct_and_variable_writes_fire if {
	vs := check.violation with input as _py([
		"CONFIG_DIR = \"/tmp/mlflow-config\"",
		"config_path = os.path.join(\"/tmp\", \"mlflow-config\", \"tracking.json\")",
		"with open(config_path, \"w\") as f:",
		"    json.dump(cfg, f)",
		"Path(\"/tmp/mlflow-config/run.yaml\").write_text(text)",
		"with open(\"/tmp/mlflow.ini\", mode=\"a\") as f:",
		"    f.write(x)",
	])
	_lines(vs) == {3, 5, 6}
	some v in vs
	v.details.id == "I-4"
}

test_reads_and_other_paths_are_clean if {
	vs := check.violation with input as _py([
		"p = \"/tmp/mlflow-config\"",
		"with open(p) as f:",
		"    cfg = f.read()",
		"with open(p, \"r\") as f:",
		"    pass",
		"with open(\"/var/run/mlflow/config.json\", \"w\") as f:",
		"    pass",
		"fd, path = tempfile.mkstemp(prefix=\"mlflow-\")",
	])
	count(vs) == 0
}

test_chmod_owner_only_and_umask_are_clean if {
	vs := check.violation with input as _py([
		"cfg = \"/tmp/mlflow-config\"",
		"with open(cfg, \"w\") as f:",
		"    f.write(x)",
		"os.chmod(cfg, 0o600)",
	])
	count(vs) == 0
	vs2 := check.violation with input as _py(["os.umask(0o077)", "open(\"/tmp/a\", \"w\").write(x)"])
	count(vs2) == 0
}

test_world_readable_chmod_fires if {
	vs := check.violation with input as _py(["cfg = \"/tmp/mlflow-config\"", "os.makedirs(cfg, exist_ok=True)", "os.chmod(cfg, 0o755)"])
	_lines(vs) == {3}
}

test_rebound_variable_is_clean if {
	vs := check.violation with input as _py(["p = \"/tmp/x\"", "p = private_dir / \"x\"", "open(p, \"w\")"])
	count(vs) == 0
}

test_paths_derived_from_a_tmp_name_fire if {
	vs := check.violation with input as _py([
		"MLFLOW_DIR = \"/tmp/mlflow-config\"",
		"config_path = os.path.join(MLFLOW_DIR, \"tracking.json\")",
		"run_file = Path(config_path) / \"run.yaml\"",
		"with open(config_path, \"w\") as f:",
		"    json.dump(cfg, f)",
		"run_file.write_text(text)",
		"safe = os.path.join(private_dir, \"x.json\")",
		"with open(safe, \"w\") as f:",
		"    pass",
	])
	_lines(vs) == {4, 6}
}

test_gettempdir_is_tmp if {
	vs := check.violation with input as _py([
		"cfg = os.path.join(tempfile.gettempdir(), \"mlflow-config.json\")",
		"with open(cfg, \"w\") as f:",
		"    f.write(x)",
		"reg = Path(gettempdir()) / \"mlflow\" / \"tracking.yaml\"",
		"reg.write_text(y)",
		"os.chmod(reg, 0o600)",
	])
	_lines(vs) == {2}
}

# every write of a long script is reported (bindings and mode changes are indexed once
# per file; BenchmarkSource in test/ watches that the cost stays linear in its length)
test_many_writes_are_each_reported if {
	lines := array.concat(["BASE = \"/tmp/work\""], [l |
		some i in numbers.range(1, 50)
		some l in [sprintf("p%d = os.path.join(BASE, \"x%d\")", [i, i]), sprintf("q%d = Path(p%d) / \"y\"", [i, i]), sprintf("open(q%d, \"w\").write(\"x\")", [i])]
	])
	vs := check.violation with input as _py(lines)
	count(vs) == 50
}
