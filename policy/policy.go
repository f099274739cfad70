// Package policy embeds stridegate's Rego bundle: the controls under terraform/,
// kubernetes/, rbac/ and github/, and the shared helpers under lib/.
package policy

import "embed"

// FS holds every .rego file of the bundle (tests included; the engine skips them).
//
//go:embed all:lib all:terraform all:kubernetes all:rbac all:github
var FS embed.FS
