package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stridegate/stridegate/bundle/opabundle"
	"github.com/stridegate/stridegate/policy"
)

func (a *app) bundleCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bundle",
		Short: "Build, sign and verify a standard OPA bundle of the controls",
		Long: `Build the controls (policy/, without the _test.rego files) into a standard OPA bundle
tarball — .manifest (revision, roots, rego_version), the Rego modules, data.json — signed when
a key is given, and verify one. The bundle is what "opa run --server --bundle", OPA's bundle
service and "conftest pull" consume; .opa/capabilities.json pins the builtins it may use.

Keys follow OPA's conventions: an HMAC secret (HS256) or a PEM RSA/EC key (RS256/ES256),
given as the text itself or as a file path.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a.code = exitError
			return fmt.Errorf("bundle: want a subcommand (build or verify)")
		},
	}
	cmd.AddCommand(a.bundleBuildCommand(), a.bundleVerifyCommand())
	return cmd
}

type bundleBuildFlags struct {
	out, policyDir, revision, signingKey, signingAlg, keyID string
}

func (a *app) bundleBuildCommand() *cobra.Command {
	var f bundleBuildFlags
	cmd := &cobra.Command{
		Use:   "build --out FILE [--signing-key KEY]",
		Short: "Write the controls as an OPA bundle tarball, signed when --signing-key is given",
		Long: `Write the controls as an OPA bundle tarball (.tar.gz). The revision defaults to a digest
of the bundle's content; the roots are the top-level packages ("lib", "stridegate").

With --signing-key the bundle carries .signatures.json: a JWT over the SHA-256 of every
file, which "stridegate bundle verify" and OPA (--verification-key) check.

Exit status: 0 written, 2 usage error, unreadable key or policy.`,
		Example: `  stridegate bundle build --out bundle.tar.gz
  stridegate bundle build --out bundle.tar.gz --signing-key private.pem
  stridegate bundle build --out bundle.tar.gz --signing-key "$SECRET" --signing-alg HS256
  opa run --server --bundle bundle.tar.gz`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.bundleBuild(f) },
	}
	cmd.Flags().StringVarP(&f.out, "out", "o", "", "bundle file to write (required)")
	cmd.Flags().StringVar(&f.policyDir, "policy", "", "build from this directory of .rego files instead of the embedded controls")
	cmd.Flags().StringVar(&f.revision, "revision", "", "manifest revision (default: content digest)")
	cmd.Flags().StringVar(&f.signingKey, "signing-key", "", "sign with this key: HMAC secret, PEM private key, or a file holding one")
	cmd.Flags().StringVar(&f.signingAlg, "signing-alg", "", "JWT algorithm, e.g. RS256, ES256, HS256 (default: from the key)")
	cmd.Flags().StringVar(&f.keyID, "key-id", opabundle.DefaultKeyID, "key id recorded in the signature")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}

func (a *app) bundleBuild(f bundleBuildFlags) error {
	a.code = exitError
	var fsys fs.FS = policy.FS
	if f.policyDir != "" {
		fsys = os.DirFS(f.policyDir)
	}
	b, err := opabundle.Build(fsys, opabundle.Options{Revision: f.revision, SigningKey: f.signingKey, SigningAlg: f.signingAlg, KeyID: f.keyID})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := opabundle.Write(&buf, b); err != nil {
		return err
	}
	if err := os.WriteFile(f.out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	signed := "unsigned"
	if len(b.Signatures.Signatures) > 0 {
		signed = "signed"
	}
	fmt.Fprintf(a.stdout, "wrote %s: %d modules, revision %s, roots %s, %s\n", f.out, len(b.Modules), b.Manifest.Revision, strings.Join(*b.Manifest.Roots, ","), signed)
	a.code = exitClean
	return nil
}

type bundleVerifyFlags struct {
	key, alg, keyID string
}

func (a *app) bundleVerifyCommand() *cobra.Command {
	var f bundleVerifyFlags
	cmd := &cobra.Command{
		Use:   "verify --verification-key KEY BUNDLE",
		Short: "Check a bundle's signature and every file's digest",
		Long: `Check a bundle tarball's signature (.signatures.json) with the verification key and the
digest of every file it lists. An unsigned bundle, a signature from another key, or a file
added, removed or changed after signing is rejected.

Exit status: 0 verified, 1 verification failed, 2 usage error or unreadable file.`,
		Example: `  stridegate bundle verify --verification-key public.pem bundle.tar.gz
  stridegate bundle verify --verification-key "$SECRET" bundle.tar.gz`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return a.bundleVerify(args[0], f) },
	}
	cmd.Flags().StringVar(&f.key, "verification-key", "", "HMAC secret, PEM public key or certificate, or a file holding one (required)")
	cmd.Flags().StringVar(&f.alg, "verification-alg", "", "JWT algorithm (default: from the key)")
	cmd.Flags().StringVar(&f.keyID, "key-id", opabundle.DefaultKeyID, "key id the signature must name")
	_ = cmd.MarkFlagRequired("verification-key")
	return cmd
}

func (a *app) bundleVerify(path string, f bundleVerifyFlags) error {
	file, err := os.Open(path)
	if err != nil {
		a.code = exitError
		return fmt.Errorf("read bundle: %w", err)
	}
	defer file.Close()
	b, err := opabundle.Verify(file, f.key, opabundle.VerifyOptions{Alg: f.alg, KeyID: f.keyID})
	if err != nil {
		a.code = exitFindings
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Fprintf(a.stdout, "%s: verified: %d modules, revision %s\n", path, len(b.Modules), b.Manifest.Revision)
	a.code = exitClean
	return nil
}
