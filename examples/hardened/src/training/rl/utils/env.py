"""Environment helpers for RL training jobs."""

import logging
import os

logger = logging.getLogger(__name__)

_REDACT = ("SECRET", "KEY", "TOKEN", "PASSWORD", "CONNECTION_STRING")


def load_azure_env() -> dict[str, str]:
    """Collect AZURE_* settings for the SDK clients; log names only."""
    azure_env = {k: v for k, v in os.environ.items() if k.startswith("AZURE_")}
    logger.debug("azure settings present: %s", sorted(azure_env.keys()))
    return azure_env


def redacted(name: str, value: str) -> str:
    return "***" if any(part in name for part in _REDACT) else value
