package output_test

import (
	"time"

	"github.com/stridegate/stridegate/bundle"
	"github.com/stridegate/stridegate/bundle/exceptions"
	"github.com/stridegate/stridegate/bundle/input"
	"github.com/stridegate/stridegate/bundle/output"
)

var controls = []bundle.Control{
	{ID: "T-2", Title: "Terraform state without a remote backend", Description: "State stays local.", Threats: []string{"T-2", "I-2"}, Severity: "critical", Stride: "Tampering", Remediation: "Configure an azurerm backend.", References: []string{"https://developer.hashicorp.com/terraform/language/backend/azurerm"}},
	{ID: "S-2", Title: "PostgreSQL allows password authentication", Threats: []string{"S-2"}, Severity: "medium", Stride: "Spoofing", Remediation: "Use Entra ID authentication."},
	{ID: "SG-SC-1", Title: "Action not pinned by SHA", Severity: "high", Stride: "Tampering", Remediation: "Pin by commit SHA."},
	{ID: "SG-CTR-5", Title: "Image not pinned by digest", Severity: "low", Stride: "Tampering", Remediation: "Pin by digest."},
}

// fixture is a report with an HCL finding (file and line), a plan finding (no line), an
// accepted finding, one with an expired exception, characters that need escaping, and
// an input error.
func fixture() output.Report {
	findings := []bundle.Finding{
		{ID: "T-2", Title: controls[0].Title, Threats: controls[0].Threats, Severity: "critical", Stride: "Tampering", Status: "open", File: "infra/versions.tf", Line: 1, Resource: "terraform (infra)", Message: "root module \"infra\" has no remote backend", Remediation: controls[0].Remediation},
		{ID: "S-2", Title: controls[1].Title, Threats: []string{"S-2"}, Severity: "medium", Stride: "Spoofing", Status: "open", File: "plan/tfplan.json", Resource: "module.data.azurerm_postgresql_flexible_server.osmo", Message: "password authentication: 100% shared, admin, login", Remediation: "Use Entra ID authentication."},
		{ID: "S-2", Title: controls[1].Title, Threats: []string{"S-2"}, Severity: "medium", Stride: "Spoofing", Status: "open", File: "infra/db.tf", Line: 12, Resource: "azurerm_postgresql_flexible_server.legacy", Message: "password authentication", Remediation: "Use Entra ID authentication."},
		{ID: "SG-SC-1", Title: controls[2].Title, Severity: "high", Stride: "Tampering", Status: "open", File: ".github/workflows/ci.yml", Line: 20, Resource: ".github/workflows/ci.yml/lint/Set up, then: lint", Message: "uses \"x/y@v4\"\r\nnot pinned", Remediation: "Pin by commit SHA."},
	}
	set, err := exceptions.Parse("exceptions.yaml", []byte(`stridegate_exceptions:
  - id: S-2
    resource: "*azurerm_postgresql_flexible_server.osmo"
    rationale: Single-purpose database
    owner: platform-team
    expires: 2027-06-30
    ticket: TM-S-2
  - id: S-2
    resource: "*.legacy"
    rationale: Legacy server
    owner: dba
    expires: 2025-01-31
`))
	if err != nil {
		panic(err)
	}
	sum := set.Apply(findings, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	errs := []input.FileError{{Path: "broken.json", Document: -1, Err: "unexpected end of JSON input"}}
	s := output.NewSummary(findings, 4, 5, len(controls), nil, len(errs))
	s.Exceptions = &sum
	return output.Report{Findings: findings, Errors: errs, Summary: s, Controls: controls}
}
