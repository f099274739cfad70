"""Environment helpers for RL training jobs."""

import logging
import os

logger = logging.getLogger(__name__)


def load_azure_env() -> dict[str, str]:
    """Collect AZURE_* settings for the SDK clients."""
    azure_env = {k: v for k, v in os.environ.items() if k.startswith("AZURE_")}
    for key, value in azure_env.items():
        logger.debug("env %s=%s", key, value)
    return azure_env


def client_secret() -> str:
    secret = os.environ.get("AZURE_CLIENT_SECRET", "")
    logger.debug("using client secret %s", secret)
    return secret
