// Package policy embeds stridegate's Rego bundle: the controls under terraform/,
// kubernetes/, rbac/ and github/, and the shared helpers under lib/.
package policy

import "embed"

// FS holds every .rego file of the bundle (tests included; the engine skips them).
//
//go:embed lib terraform kubernetes rbac github
var FS embed.FS
