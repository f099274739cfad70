package stridegate.source.storage_key_fallback_test

import data.stridegate.source.storage_key_fallback as check

_py(lines) := [{"path": "src/training/rl/utils/storage.py", "contents": {"source": {"language": "python", "lines": lines}}}]

test_fallback_in_except_fires if {
	vs := check.violation with input as _py([
		"def blob_client(account):",
		"    try:",
		"        cred = DefaultAzureCredential()",
		"        cred.get_token(\"https://storage.azure.com/.default\")",
		"        return BlobServiceClient(url, credential=cred)",
		"    except ClientAuthenticationError:",
		"        # fall back to the account key",
		"        key = os.environ[\"AZURE_STORAGE_KEY\"]",
		"        return BlobServiceClient(url, credential=key)",
		"",
		"LOCAL = os.getenv(\"AZURE_STORAGE_CONNECTION_STRING\")",
	])
	{[v.details.line, object.get(v.details, "fallback", false)] | some v in vs} == {[8, true], [11, false]}
	some v in vs
	v.details.id == "I-1-SRC"
}

test_connection_string_and_shared_key_credential if {
	vs := check.violation with input as _py([
		"conn = f\"DefaultEndpointsProtocol=https;AccountName={name};AccountKey={key}\"",
		"cred = StorageSharedKeyCredential(name, key)",
	])
	{v.details.line | some v in vs} == {1, 2}
}

test_identity_only_is_clean if {
	vs := check.violation with input as _py([
		"# AZURE_STORAGE_KEY is not supported any more",
		"account = os.environ[\"AZURE_STORAGE_ACCOUNT\"]",
		"cred = DefaultAzureCredential()",
		"logger.info(\"no AZURE_STORAGE_KEY fallback\")",
		"client = BlobServiceClient(f\"https://{account}.blob.core.windows.net\", credential=cred)",
	])
	count(vs) == 0
}

test_python_sdk_shared_key_forms if {
	vs := check.violation with input as _py([
		"cred = AzureNamedKeyCredential(account, key)",
		"client = BlobServiceClient(url, credential={\"account_name\": account, \"account_key\": key})",
		"fs = AzureBlobFileSystem(account_name=account, account_key=key)",
		"fs2 = AzureBlobFileSystem(account_name=account, account_key=None, credential=cred)",
		"# AzureNamedKeyCredential is not used",
	])
	{v.details.line | some v in vs} == {1, 2, 3}
}
