"""Writes the MLflow tracking configuration used by the training loop."""

import json
import os
import tempfile


def write_tracking_config(tracking_uri: str, experiment: str) -> str:
    config_dir = tempfile.mkdtemp(prefix="mlflow-config-")
    fd, path = tempfile.mkstemp(dir=config_dir, suffix=".json")
    with os.fdopen(fd, "w") as f:
        json.dump({"tracking_uri": tracking_uri, "experiment": experiment}, f)
    return path
