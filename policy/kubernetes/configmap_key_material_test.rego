package stridegate.kubernetes.configmap_key_material_test

import data.stridegate.kubernetes.configmap_key_material as check

_cm(d) := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "osmo-mek", "namespace": "osmo"}, "data": d}

_keys(vs) := {v.details.key | some v in vs}

_b64_32 := "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA="

test_mek_by_name_fires if {
	vs := check.violation with input as _cm({"MEK": "anything", "modelEncryptionKey": "k1", "osmo_mek": "x", "region": "westus3"})
	_keys(vs) == {"MEK", "modelEncryptionKey", "osmo_mek"}
	some v in vs
	v.details.id == "T-1"
	v.details.resource == "ConfigMap/osmo/osmo-mek"
}

test_embedded_mek_config_fires if {
	vs := check.violation with input as _cm({"mek.yaml": "currentMek: key1\nmeks:\n  key1: eyJrdHkiOiJvY3QifQ==\n"})
	count(vs) == 1
	some v in vs
	v.details.setting == "meks.key1"
}

test_pem_private_key_value_fires if {
	vs := check.violation with input as _cm({"signer": "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n"})
	_keys(vs) == {"signer"}
}

test_base64_key_under_keyish_name_fires if {
	vs := check.violation with input as _cm({"storageKey": _b64_32, "checksum": _b64_32})
	_keys(vs) == {"storageKey"}
}

test_references_and_certificates_are_clean if {
	vs := check.violation with input as _cm({
		"encryptionKeyPath": "/mnt/secrets-store/osmo-mek",
		"mek_source": "https://kv-robotics.vault.azure.net/secrets/osmo-mek",
		"ca.crt": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
		"publicKey": "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n",
		"keyVaultName": "kv-robotics",
		"monkey": "banana",
	})
	count(vs) == 0
}

test_binary_data_fires if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "k", "namespace": "osmo"}, "binaryData": {"master.key": "AAEC"}}
	vs := check.violation with input as cm
	_keys(vs) == {"master.key"}
}

test_secret_is_not_judged if {
	vs := check.violation with input as {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "osmo-mek", "namespace": "osmo"}, "stringData": {"MEK": "x"}}
	count(vs) == 0
}

test_list_multidoc_and_gatekeeper if {
	vs := check.violation with input as {"apiVersion": "v1", "kind": "List", "items": [_cm({"MEK": "x"})]}
	count(vs) == 1
	vs2 := check.violation with input as [{"path": "a.yaml", "contents": null}, {"path": "a.yaml", "contents": _cm({"MEK": "x"})}]
	count(vs2) == 1
	vs3 := check.violation with input as {"review": {"object": _cm({"MEK": "x"})}}
	count(vs3) == 1
}
