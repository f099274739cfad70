"""Writes the MLflow tracking configuration used by the training loop."""

import json
import os

CONFIG_DIR = "/tmp/mlflow-config"


def write_tracking_config(tracking_uri: str, experiment: str) -> str:
    os.makedirs(CONFIG_DIR, exist_ok=True)
    path = os.path.join("/tmp", "mlflow-config", "tracking.json")
    with open(path, "w") as f:
        json.dump({"tracking_uri": tracking_uri, "experiment": experiment}, f)
    return path
