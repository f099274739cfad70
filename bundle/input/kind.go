// Package input finds, reads, parses and classifies the files stridegate checks:
// Terraform plan JSON, Terraform HCL, Kubernetes manifests (single objects, Lists,
// multi-document streams), Helm values, Azure role-assignment exports, GitHub workflows
// and source files. Every document keeps the raw shape its native tool produces, so
// the same Rego sees the same input under the harness and under conftest.
package input

import (
	"fmt"
	"strings"
)

// Kind is the detected kind of a document. The names match the `inputs` field of
// a control's METADATA.
type Kind string

// The kinds stridegate understands.
const (
	KindUnknown    Kind = ""
	KindPlan       Kind = "tfplan"
	KindHCL        Kind = "hcl"
	KindK8s        Kind = "k8s"
	KindHelmValues Kind = "helm-values"
	KindAzureRBAC  Kind = "azure-rbac"
	KindWorkflow   Kind = "workflow"
	KindSource     Kind = "source"
)

// Kinds lists every known kind, for flag validation and help texts.
var Kinds = []Kind{KindPlan, KindHCL, KindK8s, KindHelmValues, KindAzureRBAC, KindWorkflow, KindSource}

// ParseKind validates a --kind value.
func ParseKind(s string) (Kind, error) {
	if s == "" {
		return KindUnknown, nil
	}
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return KindUnknown, fmt.Errorf("unknown kind %q (want one of %s)", s, strings.Join(names, ", "))
}

// detectObject classifies one decoded JSON/YAML document by its shape.
func detectObject(path string, v any) Kind {
	switch t := v.(type) {
	case map[string]any:
		if isString(t["format_version"]) && isString(t["terraform_version"]) {
			return KindPlan
		}
		if isString(t["apiVersion"]) && isString(t["kind"]) {
			return KindK8s
		}
		if t["kind"] == "List" {
			if _, ok := t["items"].([]any); ok {
				return KindK8s
			}
		}
		if _, ok := t["jobs"].(map[string]any); ok {
			if _, on := t["on"]; on {
				return KindWorkflow
			}
			if _, on := t["true"]; on {
				return KindWorkflow
			}
		}
		if isCompositeAction(t) {
			return KindWorkflow
		}
		if isRBACRecord(t) || isRBACList(t) {
			return KindAzureRBAC
		}
		if isValuesPath(path) {
			return KindHelmValues
		}
	case []any:
		if len(t) > 0 {
			for _, e := range t {
				m, ok := e.(map[string]any)
				if !ok || !isRBACRecord(m) {
					return KindUnknown
				}
			}
			return KindAzureRBAC
		}
	}
	return KindUnknown
}

// isCompositeAction recognises a composite action file (action.yml with
// `runs.using: composite` and its steps); its steps are checked like a workflow's.
func isCompositeAction(m map[string]any) bool {
	runs, ok := m["runs"].(map[string]any)
	if !ok {
		return false
	}
	using, _ := runs["using"].(string)
	_, steps := runs["steps"].([]any)
	return strings.EqualFold(using, "composite") && steps
}

// isRBACList recognises an ARM REST listing (`az rest --url .../roleAssignments`,
// {"value": [...]}) or a Resource Graph result (`az graph query`, {"data": [...]}) whose
// elements are role assignments with their fields under properties.
func isRBACList(m map[string]any) bool {
	for _, key := range []string{"value", "data"} {
		items, ok := m[key].([]any)
		if !ok || len(items) == 0 {
			continue
		}
		all := true
		for _, e := range items {
			em, ok := e.(map[string]any)
			all = all && ok && isRBACRecord(em)
		}
		if all {
			return true
		}
	}
	return false
}

// isRBACRecord recognises an element of `az role assignment list`, `az identity list`
// or `az ad sp list` output, an ARM REST role assignment (fields under properties) or an
// Azure PowerShell one (Get-AzRoleAssignment, PascalCase fields).
func isRBACRecord(m map[string]any) bool {
	if p, ok := m["properties"].(map[string]any); ok && isString(p["principalId"]) && isString(p["roleDefinitionId"]) {
		return true
	}
	if isString(m["principalId"]) && (isString(m["roleDefinitionName"]) || isString(m["roleDefinitionId"])) {
		return true
	}
	if isString(m["ObjectId"]) && isString(m["Scope"]) && (isString(m["RoleDefinitionName"]) || isString(m["RoleDefinitionId"])) {
		return true // Get-AzRoleAssignment | ConvertTo-Json
	}
	if isString(m["principalId"]) && isString(m["clientId"]) {
		return true // az identity list
	}
	if isString(m["appId"]) && isString(m["servicePrincipalType"]) {
		return true // az ad sp list
	}
	return false
}

func isString(v any) bool {
	_, ok := v.(string)
	return ok
}

// isValuesPath tells whether a YAML/JSON file is a Helm values file by its name or place:
// values*.yaml, anything under a values/ or helm/ directory or next to a Chart.yaml.
func isValuesPath(path string) bool {
	p := strings.ToLower(strings.ReplaceAll(path, "\\", "/"))
	base := p[strings.LastIndex(p, "/")+1:]
	if strings.HasPrefix(base, "values") || strings.HasSuffix(strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml"), "-values") {
		return true
	}
	for _, dir := range []string{"/values/", "/helm/", "/charts/"} {
		if strings.Contains("/"+p, dir) {
			return true
		}
	}
	return false
}

// isWorkflowPath tells whether a file lives under .github/workflows.
func isWorkflowPath(path string) bool {
	p := "/" + strings.ReplaceAll(path, "\\", "/")
	return strings.Contains(p, "/.github/workflows/")
}
