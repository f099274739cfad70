package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBundleBuildVerifyTamper(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "bundle.tar.gz")
	r := runCLI(t, "", "bundle", "build", "--out", out, "--signing-key", "s3cret")
	require.Equal(t, exitClean, r.code, r.stderr)
	assert.Contains(t, r.stdout, "signed")

	r = runCLI(t, "", "bundle", "verify", "--verification-key", "s3cret", out)
	require.Equal(t, exitClean, r.code, r.stderr)
	assert.Contains(t, r.stdout, "verified")

	r = runCLI(t, "", "bundle", "verify", "--verification-key", "other", out)
	assert.Equal(t, exitFindings, r.code)
	assert.Contains(t, r.stderr, "bundle verification failed")

	data, err := os.ReadFile(out)
	require.NoError(t, err)
	tampered := filepath.Join(dir, "tampered.tar.gz")
	require.NoError(t, os.WriteFile(tampered, retar(t, data, "/lib/result.rego"), 0o600))
	r = runCLI(t, "", "bundle", "verify", "--verification-key", "s3cret", tampered)
	assert.Equal(t, exitFindings, r.code)
	assert.Contains(t, r.stderr, "bundle verification failed")
	assert.Contains(t, r.stderr, "lib/result.rego")

	r = runCLI(t, "", "bundle", "verify", out)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "verification-key")
	r = runCLI(t, "", "bundle", "build")
	assert.Equal(t, exitError, r.code)
}

// retar copies a bundle tarball, appending a comment line to the named file.
func retar(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	tr := tar.NewReader(gz)
	var buf bytes.Buffer
	gw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gw)
	found := false
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		b, err := io.ReadAll(tr)
		require.NoError(t, err)
		if h.Name == name {
			b = append(b, []byte("\n# tampered\n")...)
			found = true
		}
		h.Size = int64(len(b))
		require.NoError(t, tw.WriteHeader(h))
		_, err = tw.Write(b)
		require.NoError(t, err)
	}
	require.True(t, found, name)
	require.NoError(t, tw.Close())
	require.NoError(t, gw.Close())
	return buf.Bytes()
}
