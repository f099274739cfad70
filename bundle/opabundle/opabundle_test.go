package opabundle_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stridegate/stridegate/bundle/opabundle"
	"github.com/stridegate/stridegate/policy"
)

type keyPair struct {
	name         string
	signing      string
	verification string
}

func keyPairs(t *testing.T) []keyPair {
	t.Helper()
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	rsaPub, err := x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	require.NoError(t, err)
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	ecPriv, err := x509.MarshalECPrivateKey(ecKey)
	require.NoError(t, err)
	ecPub, err := x509.MarshalPKIXPublicKey(&ecKey.PublicKey)
	require.NoError(t, err)
	pemOf := func(typ string, b []byte) string { return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: b})) }

	dir := t.TempDir()
	privFile := filepath.Join(dir, "rsa.pem")
	pubFile := filepath.Join(dir, "rsa.pub.pem")
	require.NoError(t, os.WriteFile(privFile, []byte(pemOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey))), 0o600))
	require.NoError(t, os.WriteFile(pubFile, []byte(pemOf("PUBLIC KEY", rsaPub)), 0o600))
	return []keyPair{
		{"hs256 secret", "s3cret-shared-key", "s3cret-shared-key"},
		{"rsa pem files", privFile, pubFile},
		{"ec pem text", pemOf("EC PRIVATE KEY", ecPriv), pemOf("PUBLIC KEY", ecPub)},
	}
}

func build(t *testing.T, opts opabundle.Options) []byte {
	t.Helper()
	b, err := opabundle.Build(policy.FS, opts)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, opabundle.Write(&buf, b))
	return buf.Bytes()
}

// tarFiles lists the tarball's files and their content.
func tarFiles(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	tr := tar.NewReader(gz)
	out := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		require.NoError(t, err)
		b, err := io.ReadAll(tr)
		require.NoError(t, err)
		out[h.Name] = b
	}
}

// rewrite copies the tarball, passing each file through edit.
func rewrite(t *testing.T, data []byte, edit func(name string, b []byte) []byte) []byte {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	tr := tar.NewReader(gz)
	var out bytes.Buffer
	gw := gzip.NewWriter(&out)
	tw := tar.NewWriter(gw)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		b, err := io.ReadAll(tr)
		require.NoError(t, err)
		b = edit(h.Name, b)
		h.Size = int64(len(b))
		require.NoError(t, tw.WriteHeader(h))
		_, err = tw.Write(b)
		require.NoError(t, err)
	}
	require.NoError(t, tw.Close())
	require.NoError(t, gw.Close())
	return out.Bytes()
}

func TestBuildContents(t *testing.T) {
	data := build(t, opabundle.Options{})
	files := tarFiles(t, data)
	require.Contains(t, files, "/.manifest")
	require.Contains(t, files, "/data.json")
	assert.Contains(t, files, "/terraform/remote_backend.rego")
	assert.Contains(t, files, "/lib/result.rego")
	assert.NotContains(t, files, "/.signatures.json", "unsigned without a key")
	for name := range files {
		assert.False(t, strings.HasSuffix(name, "_test.rego"), "test file %s shipped", name)
	}
	manifest := string(files["/.manifest"])
	assert.Contains(t, manifest, `"revision":"sha256:`)
	assert.Contains(t, manifest, `"roots":["lib","stridegate"]`)
	assert.Contains(t, manifest, `"rego_version":1`)

	again := build(t, opabundle.Options{})
	assert.Equal(t, string(tarFiles(t, again)["/.manifest"]), manifest, "revision is a content digest")
	custom := tarFiles(t, build(t, opabundle.Options{Revision: "v1.2.3"}))
	assert.Contains(t, string(custom["/.manifest"]), `"revision":"v1.2.3"`)
}

func TestSignVerifyTamper(t *testing.T) {
	for _, kp := range keyPairs(t) {
		t.Run(kp.name, func(t *testing.T) {
			data := build(t, opabundle.Options{SigningKey: kp.signing})
			require.Contains(t, tarFiles(t, data), "/.signatures.json")

			b, err := opabundle.Verify(bytes.NewReader(data), kp.verification, opabundle.VerifyOptions{})
			require.NoError(t, err)
			assert.NotEmpty(t, b.Modules)
			assert.True(t, strings.HasPrefix(b.Manifest.Revision, "sha256:"))

			tampered := rewrite(t, data, func(name string, b []byte) []byte {
				if name == "/terraform/remote_backend.rego" {
					return bytes.Replace(b, []byte("violation contains"), []byte("_disabled contains"), 1)
				}
				return b
			})
			_, err = opabundle.Verify(bytes.NewReader(tampered), kp.verification, opabundle.VerifyOptions{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "bundle verification failed")
			assert.Contains(t, err.Error(), "remote_backend.rego")

			manifest := rewrite(t, data, func(name string, b []byte) []byte {
				if name == "/.manifest" {
					return bytes.Replace(b, []byte(`"roots":["lib","stridegate"]`), []byte(`"roots":[""]`), 1)
				}
				return b
			})
			_, err = opabundle.Verify(bytes.NewReader(manifest), kp.verification, opabundle.VerifyOptions{})
			require.Error(t, err, "a modified manifest is rejected")

			_, err = opabundle.Verify(bytes.NewReader(data), "some-other-secret", opabundle.VerifyOptions{Alg: "HS256"})
			require.Error(t, err, "wrong key")
		})
	}
}

func TestVerifyUnsignedFails(t *testing.T) {
	_, err := opabundle.Verify(bytes.NewReader(build(t, opabundle.Options{})), "secret", opabundle.VerifyOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), ".signatures.json")
}

func TestBuildUserTree(t *testing.T) {
	fsys := fstest.MapFS{
		"acme/deny.rego":      {Data: []byte("package acme.deny\n\nviolation contains {\"msg\": \"x\"} if data.acme.limits.max < 1\n")},
		"acme/deny_test.rego": {Data: []byte("package acme.deny_test\n")},
		"acme/data.yaml":      {Data: []byte("limits:\n  max: 0\n")},
	}
	b, err := opabundle.Build(fsys, opabundle.Options{})
	require.NoError(t, err)
	require.Len(t, b.Modules, 1)
	assert.Equal(t, []string{"acme"}, *b.Manifest.Roots)
	assert.Equal(t, map[string]any{"acme": map[string]any{"limits": map[string]any{"max": float64(0)}}}, b.Data)

	_, err = opabundle.Build(fstest.MapFS{"x.txt": {Data: []byte("x")}}, opabundle.Options{})
	require.Error(t, err)
}

// TestBuiltBundleEvaluates loads the tarball the way OPA does (rego.LoadBundle, as
// `opa run --bundle`), and a verified signed one (rego.ParsedBundle), and evaluates a
// control on the combined input shape.
func TestBuiltBundleEvaluates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bundle.tar.gz")
	require.NoError(t, os.WriteFile(path, build(t, opabundle.Options{}), 0o600))
	signed, err := opabundle.Verify(bytes.NewReader(build(t, opabundle.Options{SigningKey: "k"})), "k", opabundle.VerifyOptions{})
	require.NoError(t, err)

	cm := map[string]any{
		"apiVersion": "v1", "kind": "ConfigMap",
		"metadata": map[string]any{"name": "osmo-mek", "namespace": "osmo"},
		"data":     map[string]any{"MEK": "c2VjcmV0LWtleQ=="},
	}
	input := []any{map[string]any{"path": "mek.yaml", "contents": cm}}
	for name, load := range map[string]func(*rego.Rego){
		"tarball": rego.LoadBundle(path),
		"signed":  rego.ParsedBundle("stridegate", &signed),
	} {
		t.Run(name, func(t *testing.T) {
			rs, err := rego.New(
				rego.Query("data.stridegate.kubernetes.configmap_key_material.violation"),
				load,
				rego.Input(input),
			).Eval(context.Background())
			require.NoError(t, err)
			require.Len(t, rs, 1)
			set, ok := rs[0].Expressions[0].Value.([]any)
			require.True(t, ok)
			require.Len(t, set, 1)
			details := set[0].(map[string]any)["details"].(map[string]any)
			assert.Equal(t, "T-1", details["id"])
			assert.Equal(t, "ConfigMap/osmo/osmo-mek", details["resource"])
		})
	}
}
