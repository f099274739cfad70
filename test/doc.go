// Package test holds stridegate's integration tests: the Rego unit tests run through
// OPA's tester, the `opa fmt` / `opa check --strict` / METADATA gates, and the conftest
// parity test that runs the pinned real conftest on every example.
package test
