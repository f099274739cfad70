"""Blob storage access for datasets and checkpoints."""

import logging
import os

from azure.core.exceptions import ClientAuthenticationError
from azure.identity import DefaultAzureCredential
from azure.storage.blob import BlobServiceClient

logger = logging.getLogger(__name__)


def blob_service(account: str) -> BlobServiceClient:
    url = f"https://{account}.blob.core.windows.net"
    try:
        credential = DefaultAzureCredential()
        credential.get_token("https://storage.azure.com/.default")
        return BlobServiceClient(url, credential=credential)
    except ClientAuthenticationError:
        logger.warning("managed identity unavailable, falling back to account key")
        key = os.environ["AZURE_STORAGE_KEY"]
        return BlobServiceClient(url, credential=key)
