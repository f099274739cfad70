# METADATA
# title: Key material stored in a ConfigMap
# description: |
#   Encryption keys (the OSMO Model Encryption Key, KEK/DEK, master, signing or private
#   keys) kept in a ConfigMap bypass etcd encryption of Secrets, are readable by anyone who
#   may read ConfigMaps and end up in logs and `kubectl describe`. Found by key name (in
#   `data`, `binaryData`, or a YAML/JSON config embedded in a data value) and by value (PEM
#   private key blocks; base64 strings decoding to 16-64 byte keys under a key-like name).
# custom:
#   id: T-1
#   threats: [T-1]
#   severity: high
#   stride: Tampering
#   inputs: [k8s]
#   kinds:
#     - apiGroups: [""]
#       kinds: [ConfigMap]
#   remediation: |
#     Move the key to Azure Key Vault and mount it through the Secrets Store CSI driver
#     (SecretProviderClass, optionally synced to a Kubernetes Secret); reference it from the
#     workload by file path or secretKeyRef, never inline in a ConfigMap.
#   references:
#     - https://learn.microsoft.com/azure/aks/csi-secrets-store-driver
#     - https://kubernetes.io/docs/concepts/configuration/configmap/
package stridegate.kubernetes.configmap_key_material

import data.lib.k8s
import data.lib.result
import data.lib.settings

# strong key names: the value is key material whatever it looks like.
_strong(name) if regex.match(`(?i)^(mek|kek|dek)s?([-_.].*)?$|[-_.](mek|kek|dek)s?([-_.]|$)|encryption[-_.]?keys?|private[-_.]?key|signing[-_.]?key|master[-_.]?key|crypt(o|ographic)?[-_.]?key|aes[-_.]?key|hmac[-_.]?(key|secret)|^tls\.key$|\.key$`, name)

_strong(name) if regex.match(`[a-z0-9](MEK|KEK|DEK)s?([A-Z_.-]|$)`, name)

# weak key names: key material only when the value looks like a key.
_keyish(name) if regex.match(`(?i)key|secret`, name)

_pem_private(v) if regex.match(`-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----`, v)

_b64_key(v) if {
	regex.match(`^[A-Za-z0-9+/]{22,88}={0,2}$`, v)
	regex.match(`[0-9]`, v)
	regex.match(`[A-Z]`, v)
	decoded := base64.decode(v)
	count(decoded) >= 16
}

# a value that points somewhere instead of holding the key
_reference(v) if regex.match(`^\s*$|^(/|file:|https?://|\$\{|\{\{|kv://|secretref:|keyvault:)`, lower(v))

_material(name, v) if {
	_strong(name)
	not _reference(v)
}

_material(_, v) if _pem_private(v)

_material(name, v) if {
	_keyish(name)
	_b64_key(v)
}

_configmaps contains o if {
	some o in k8s.objects
	o.object.kind == "ConfigMap"
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(o.object), o.path, {"key": key}) if {
	some o in _configmaps
	some key, v in o.object.data
	is_string(v)
	_material(key, v)
	not _embedded_hit(o.object, key)
	msg := sprintf("%s holds key material in data key %q: keys belong in a Key Vault-backed Secret", [k8s.resource_id(o.object), key])
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(o.object), o.path, {"key": key}) if {
	some o in _configmaps
	some key, _ in o.object.binaryData
	_strong(key)
	msg := sprintf("%s holds key material in binaryData key %q: keys belong in a Key Vault-backed Secret", [k8s.resource_id(o.object), key])
}

_embedded_hits contains [c.path, c.object, c.key, dotted] if {
	some c in settings.embedded_configs
	walk(c.tree, [p, v])
	count(p) > 0
	is_string(v)
	some name in [x | some x in p; is_string(x)]
	_material(name, v)
	dotted := concat(".", [sprintf("%v", [x]) | some x in p])
}

_embedded_hit(obj, key) if {
	some h in _embedded_hits
	h[1] == obj
	h[2] == key
}

violation contains result.make_with(rego.metadata.chain(), msg, k8s.resource_id(obj), path, {"key": key, "setting": dotted}) if {
	some [path, obj, key, dotted] in _embedded_hits
	msg := sprintf("%s key %q embeds key material at %s: keys belong in a Key Vault-backed Secret", [k8s.resource_id(obj), key, dotted])
}
