// Package policy embeds stridegate's Rego bundle: the controls under terraform/,
// kubernetes/, rbac/ and github/, and the shared helpers under lib/.
package policy

import "embed"

// FS holds the bundle directory: every .rego file (tests too; the engine skips them).
//
//go:embed */*.rego
var FS embed.FS
