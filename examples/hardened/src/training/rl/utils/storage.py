"""Blob storage access for datasets and checkpoints (workload identity only)."""

import logging

from azure.identity import DefaultAzureCredential
from azure.storage.blob import BlobServiceClient

logger = logging.getLogger(__name__)


def blob_service(account: str) -> BlobServiceClient:
    url = f"https://{account}.blob.core.windows.net"
    credential = DefaultAzureCredential()
    return BlobServiceClient(url, credential=credential)
