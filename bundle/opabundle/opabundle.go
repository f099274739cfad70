// Package opabundle builds, signs and verifies standard OPA bundles (the .tar.gz that
// `opa build` writes and `opa run --bundle`, OPA's bundle service and `conftest pull`
// consume) from stridegate's Rego, with OPA's own bundle package.
//
// A bundle holds a manifest (revision, roots, rego_version), the Rego modules without
// their _test.rego files, data.json (data.json / data.yaml files of the source tree,
// merged at their directory), and, when signed, .signatures.json: a JWT over the SHA-256
// of every file. Keys follow OPA's conventions: an HMAC secret (HS256) or a PEM RSA/EC
// key (RS256/ES256); a key argument naming a file is read from it.
package opabundle

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"sigs.k8s.io/yaml"
)

// DefaultKeyID is the key id written into, and expected in, signatures by default.
const DefaultKeyID = "stridegate"

// Options configure Build.
type Options struct {
	// Revision is the manifest revision; default "sha256:" + the first 16 hex digits of
	// a digest over every module and data file.
	Revision string
	// Roots are the manifest roots; default the first segment of every package path
	// and data key (for stridegate: "lib" and "stridegate").
	Roots []string
	// SigningKey signs the bundle when set: an HMAC secret, PEM key text, or a file
	// holding either.
	SigningKey string
	// SigningAlg is the JWT algorithm; default RS256/ES256 for a PEM RSA/EC private
	// key, HS256 otherwise.
	SigningAlg string
	// KeyID is the signature's key id; default DefaultKeyID.
	KeyID string
}

// Build reads every non-test .rego file and data.json/data.yaml of fsys into a bundle,
// and signs it when opts.SigningKey is set.
func Build(fsys fs.FS, opts Options) (*bundle.Bundle, error) {
	b := &bundle.Bundle{Data: map[string]any{}}
	digest := sha256.New()
	roots := map[string]bool{}
	var paths []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read policy: %w", err)
	}
	sort.Strings(paths)
	for _, p := range paths {
		name := path.Base(p)
		isRego := path.Ext(p) == ".rego" && !strings.HasSuffix(p, "_test.rego")
		isData := name == "data.json" || name == "data.yaml" || name == "data.yml"
		if !isRego && !isData {
			continue
		}
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("read policy: %w", err)
		}
		fmt.Fprintf(digest, "%s\x00%d\x00", p, len(raw))
		digest.Write(raw)
		if isData {
			if err := addData(b, p, raw, roots); err != nil {
				return nil, err
			}
			continue
		}
		m, err := ast.ParseModuleWithOpts(p, string(raw), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return nil, fmt.Errorf("parse policy: %w", err)
		}
		if len(m.Package.Path) > 1 {
			if seg, ok := m.Package.Path[1].Value.(ast.String); ok {
				roots[string(seg)] = true
			}
		}
		b.Modules = append(b.Modules, bundle.ModuleFile{URL: p, Path: p, RelativePath: p, Raw: raw, Parsed: m})
	}
	if len(b.Modules) == 0 {
		return nil, errors.New("read policy: no .rego files")
	}
	b.Manifest.Revision = opts.Revision
	if b.Manifest.Revision == "" {
		b.Manifest.Revision = "sha256:" + hex.EncodeToString(digest.Sum(nil))[:16]
	}
	rs := append([]string(nil), opts.Roots...)
	if len(rs) == 0 {
		for r := range roots {
			rs = append(rs, r)
		}
		sort.Strings(rs)
	}
	b.Manifest.Roots = &rs
	b.Manifest.SetRegoVersion(ast.RegoV1)
	if opts.SigningKey != "" {
		if err := Sign(b, opts.SigningKey, opts.SigningAlg, opts.KeyID); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func addData(b *bundle.Bundle, p string, raw []byte, roots map[string]bool) error {
	var v any
	if err := yaml.Unmarshal(raw, &v); err != nil {
		return fmt.Errorf("read data %s: %w", p, err)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("read data %s: want an object at the top", p)
	}
	dir := path.Dir(p)
	target := b.Data
	if dir != "." {
		segs := strings.Split(dir, "/")
		roots[segs[0]] = true
		for _, s := range segs {
			next, ok := target[s].(map[string]any)
			if !ok {
				next = map[string]any{}
				target[s] = next
			}
			target = next
		}
	} else {
		for k := range obj {
			roots[k] = true
		}
	}
	for k, val := range obj {
		if _, dup := target[k]; dup {
			return fmt.Errorf("read data %s: key %q defined twice", p, k)
		}
		target[k] = val
	}
	return nil
}

// Sign adds .signatures.json to b: a JWT signed with key (see Options.SigningKey) over
// the digests of its files.
func Sign(b *bundle.Bundle, key, alg, keyID string) error {
	keyData, err := readKey(key)
	if err != nil {
		return fmt.Errorf("signing key: %w", err)
	}
	if alg == "" {
		alg = detectAlg(keyData)
	}
	if keyID == "" {
		keyID = DefaultKeyID
	}
	if err := b.GenerateSignature(bundle.NewSigningConfig(keyData, alg, ""), keyID, false); err != nil {
		return fmt.Errorf("sign bundle: %w", err)
	}
	return nil
}

// Write writes b as a gzipped tarball.
func Write(w io.Writer, b *bundle.Bundle) error {
	if err := bundle.NewWriter(w).Write(*b); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	return nil
}

// VerifyOptions configure Verify.
type VerifyOptions struct {
	// Alg is the expected JWT algorithm; default RS256/ES256 for a PEM RSA/EC key,
	// HS256 otherwise.
	Alg string
	// KeyID names the key; default DefaultKeyID. A signature naming another key id fails.
	KeyID string
}

// Verify reads a bundle tarball and checks its signature with key (an HMAC secret, a PEM
// public key or certificate, or a file holding one) and every file's digest. An unsigned,
// wrongly signed or modified bundle is an error.
func Verify(r io.Reader, key string, opts VerifyOptions) (bundle.Bundle, error) {
	keyData, err := readKey(key)
	if err != nil {
		return bundle.Bundle{}, fmt.Errorf("verification key: %w", err)
	}
	alg := opts.Alg
	if alg == "" {
		alg = detectAlg(keyData)
	}
	id := opts.KeyID
	if id == "" {
		id = DefaultKeyID
	}
	vc := bundle.NewVerificationConfig(map[string]*bundle.KeyConfig{id: {Key: keyData, Algorithm: alg}}, id, "", nil)
	b, err := bundle.NewReader(r).WithBundleVerificationConfig(vc).WithRegoVersion(ast.RegoV1).Read()
	if err != nil {
		return bundle.Bundle{}, fmt.Errorf("bundle verification failed: %w", err)
	}
	return b, nil
}

// Read reads a bundle tarball without verifying a signature.
func Read(r io.Reader) (bundle.Bundle, error) {
	b, err := bundle.NewReader(r).WithSkipBundleVerification(true).WithRegoVersion(ast.RegoV1).Read()
	if err != nil {
		return bundle.Bundle{}, fmt.Errorf("read bundle: %w", err)
	}
	return b, nil
}

// readKey returns the key text: the content of the file key names, else key itself.
func readKey(key string) (string, error) {
	if key == "" {
		return "", errors.New("empty key")
	}
	if strings.HasPrefix(key, "-----BEGIN") {
		return key, nil
	}
	if st, err := os.Stat(key); err == nil && !st.IsDir() {
		b, err := os.ReadFile(key)
		if err != nil {
			return "", err
		}
		return string(b), nil
	}
	return key, nil
}

// detectAlg picks RS256 or ES256 for PEM RSA/EC keys and certificates, HS256 otherwise.
func detectAlg(keyData string) string {
	block, _ := pem.Decode([]byte(keyData))
	if block == nil {
		return "HS256"
	}
	var k any
	switch block.Type {
	case "RSA PRIVATE KEY", "RSA PUBLIC KEY":
		return "RS256"
	case "EC PRIVATE KEY":
		return "ES256"
	case "PRIVATE KEY":
		k, _ = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "PUBLIC KEY":
		k, _ = x509.ParsePKIXPublicKey(block.Bytes)
	case "CERTIFICATE":
		if c, err := x509.ParseCertificate(block.Bytes); err == nil {
			k = c.PublicKey
		}
	}
	switch k.(type) {
	case *ecdsa.PrivateKey, *ecdsa.PublicKey:
		return "ES256"
	case *rsa.PrivateKey, *rsa.PublicKey:
		return "RS256"
	}
	return "RS256"
}
