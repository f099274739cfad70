// Package gatekeeper exports the bundle's Kubernetes controls for Gatekeeper: one
// ConstraintTemplate per control (the control's own Rego file plus the lib files it
// imports, transitively), one Constraint each, the sync Config for what referential
// controls read from data.inventory, Helm values for the official chart and kustomizations.
// Everything is derived from the controls' METADATA, so a new control exports without
// code changes.
package gatekeeper

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/stridegate/stridegate/bundle"
)

// Gatekeeper API identifiers.
const (
	Target               = "admission.k8s.gatekeeper.sh"
	TemplateAPIVersion   = "templates.gatekeeper.sh/v1"
	ConstraintAPIVersion = "constraints.gatekeeper.sh/v1beta1"
	ConfigAPIVersion     = "config.gatekeeper.sh/v1alpha1"
	Namespace            = "gatekeeper-system"
	annotationPrefix     = "stridegate.dev/"
)

// Enforcement actions accepted by Options.Enforcement ("" picks one by severity).
func Enforcements() []string { return []string{"dryrun", "warn", "deny"} }

// SystemNamespaces are excluded from every Constraint.
func SystemNamespaces() []string {
	return []string{"gatekeeper-system", "kube-node-lease", "kube-public", "kube-system"}
}

// Options tunes an export.
type Options struct {
	// Enforcement overrides every Constraint's enforcementAction (dryrun|warn|deny).
	// Empty: deny for critical and high controls, warn below.
	Enforcement string
	// GPUNodeLabel is the node label (key=value) that selects the GPU node pools the Helm
	// values place Gatekeeper on. Empty: kubernetes.azure.com/accelerator=nvidia, the
	// label AKS puts on every GPU node.
	GPUNodeLabel string
	// GPUTaint is the taint key of the GPU node pools. Empty: nvidia.com/gpu.
	GPUTaint string
}

// Meta is an object's metadata.
type Meta struct {
	Name        string            `yaml:"name"`
	Namespace   string            `yaml:"namespace,omitempty"`
	Labels      map[string]string `yaml:"labels,omitempty"`
	Annotations map[string]string `yaml:"annotations,omitempty"`
}

// Template is a templates.gatekeeper.sh/v1 ConstraintTemplate.
type Template struct {
	APIVersion string       `yaml:"apiVersion"`
	Kind       string       `yaml:"kind"`
	Metadata   Meta         `yaml:"metadata"`
	Spec       TemplateSpec `yaml:"spec"`
}

// TemplateSpec is a ConstraintTemplate's spec.
type TemplateSpec struct {
	CRD     CRD          `yaml:"crd"`
	Targets []TargetCode `yaml:"targets"`
}

// CRD describes the Constraint CRD Gatekeeper creates for a template.
type CRD struct {
	Spec CRDSpec `yaml:"spec"`
}

// CRDSpec holds the Constraint kind and its parameters schema.
type CRDSpec struct {
	Names      Names       `yaml:"names"`
	Validation *Validation `yaml:"validation,omitempty"`
}

// Names holds the Constraint kind.
type Names struct {
	Kind string `yaml:"kind"`
}

// Validation holds the structural schema of a Constraint's spec.parameters.
type Validation struct {
	OpenAPIV3Schema map[string]any `yaml:"openAPIV3Schema"`
}

// TargetCode is one target of a template with its code.
type TargetCode struct {
	Target string `yaml:"target"`
	Code   []Code `yaml:"code"`
}

// Code is one engine's source.
type Code struct {
	Engine string `yaml:"engine"`
	Source Source `yaml:"source"`
}

// Source is the Rego engine's source: Rego v1, the control file and its lib files.
type Source struct {
	Version string   `yaml:"version"`
	Rego    string   `yaml:"rego"`
	Libs    []string `yaml:"libs,omitempty"`
}

// Constraint is a constraints.gatekeeper.sh/v1beta1 object of a template's kind.
type Constraint struct {
	APIVersion string         `yaml:"apiVersion"`
	Kind       string         `yaml:"kind"`
	Metadata   Meta           `yaml:"metadata"`
	Spec       ConstraintSpec `yaml:"spec"`
}

// ConstraintSpec is a Constraint's spec.
type ConstraintSpec struct {
	EnforcementAction string         `yaml:"enforcementAction"`
	Match             Match          `yaml:"match"`
	Parameters        map[string]any `yaml:"parameters,omitempty"`
}

// Match selects the objects a Constraint reviews.
type Match struct {
	Kinds              []KindMatch `yaml:"kinds"`
	ExcludedNamespaces []string    `yaml:"excludedNamespaces,omitempty"`
}

// KindMatch is one entry of match.kinds.
type KindMatch struct {
	APIGroups []string `yaml:"apiGroups"`
	Kinds     []string `yaml:"kinds"`
}

// GVK names a resource type Gatekeeper syncs into data.inventory.
type GVK struct {
	Group   string `yaml:"group"`
	Version string `yaml:"version"`
	Kind    string `yaml:"kind"`
}

// Config is Gatekeeper's config.gatekeeper.sh/v1alpha1 Config (sync settings).
type Config struct {
	APIVersion string     `yaml:"apiVersion"`
	Kind       string     `yaml:"kind"`
	Metadata   Meta       `yaml:"metadata"`
	Spec       ConfigSpec `yaml:"spec"`
}

// ConfigSpec holds the sync list.
type ConfigSpec struct {
	Sync Sync `yaml:"sync"`
}

// Sync lists the resources Gatekeeper replicates into data.inventory.
type Sync struct {
	SyncOnly []GVK `yaml:"syncOnly"`
}

// Control is one exported control.
type Control struct {
	ID         string
	Severity   string
	Template   Template
	Constraint Constraint
	Sync       []GVK
}

// Export is the whole export: the controls, the sync Config and the Helm values.
type Export struct {
	Controls []Control
	Config   Config
	Values   string
}

// Build exports every control of e whose inputs include k8s.
func Build(e *bundle.Engine, opts Options) (*Export, error) {
	if opts.Enforcement != "" && !contains(Enforcements(), opts.Enforcement) {
		return nil, fmt.Errorf("enforcement %q is not one of %v", opts.Enforcement, Enforcements())
	}
	src, err := parseSource(e.Modules())
	if err != nil {
		return nil, fmt.Errorf("gatekeeper export: %w", err)
	}
	out := &Export{}
	syncSet := map[GVK]bool{}
	for _, c := range e.Controls() {
		if !contains(c.Inputs, "k8s") {
			continue
		}
		x, err := exportControl(src, c, opts)
		if err != nil {
			return nil, fmt.Errorf("gatekeeper export %s: %w", c.ID, err)
		}
		for _, g := range x.Sync {
			syncSet[g] = true
		}
		out.Controls = append(out.Controls, x)
	}
	syncOnly := make([]GVK, 0, len(syncSet))
	for g := range syncSet {
		syncOnly = append(syncOnly, g)
	}
	sort.Slice(syncOnly, func(i, j int) bool {
		a, b := syncOnly[i], syncOnly[j]
		if a.Group != b.Group {
			return a.Group < b.Group
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Version < b.Version
	})
	out.Config = Config{
		APIVersion: ConfigAPIVersion,
		Kind:       "Config",
		Metadata:   Meta{Name: "config", Namespace: Namespace},
		Spec:       ConfigSpec{Sync: Sync{SyncOnly: syncOnly}},
	}
	values, err := helmValues(opts)
	if err != nil {
		return nil, err
	}
	out.Values = values
	return out, nil
}

// TemplateName is the ConstraintTemplate name of a control id: SG-K8S-1 -> stridegatesgk8s1.
func TemplateName(id string) string { return strings.ToLower(KindName(id)) }

// KindName is the Constraint CRD kind of a control id: SG-K8S-1 -> StridegateSgK8s1.
func KindName(id string) string {
	var b strings.Builder
	b.WriteString("Stridegate")
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		part = strings.ToLower(part)
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// ConstraintName is the Constraint name of a control id: SG-K8S-1 -> sg-k8s-1.
func ConstraintName(id string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(id) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteRune('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

func exportControl(src *source, c bundle.Control, opts Options) (Control, error) {
	mod, ok := src.modules[c.File]
	if !ok {
		return Control{}, fmt.Errorf("no module %s", c.File)
	}
	rego, err := src.inlineMetadata(c.File)
	if err != nil {
		return Control{}, err
	}
	var libs []string
	for _, f := range src.libFiles(c.File) {
		text, err := src.inlineMetadata(f)
		if err != nil {
			return Control{}, err
		}
		libs = append(libs, text)
	}
	kinds, err := matchKinds(c, func() []string {
		ks := kindLiterals(mod)
		if readsWorkloads(mod) {
			wk := src.setRule("data.lib.k8s", "workload_kinds")
			if len(wk) == 0 {
				wk = []string{"CronJob", "DaemonSet", "Deployment", "Job", "Pod", "ReplicaSet", "ReplicationController", "StatefulSet"}
			}
			ks = append(ks, wk...)
		}
		return ks
	})
	if err != nil {
		return Control{}, err
	}
	schema, defaults, err := parameters(c.Custom["parameters"])
	if err != nil {
		return Control{}, err
	}
	syncs, err := syncList(c.Custom["sync"])
	if err != nil {
		return Control{}, err
	}
	kind := KindName(c.ID)
	ann := map[string]string{
		"metadata.gatekeeper.sh/title": c.Title,
		"description":                  c.Description,
		annotationPrefix + "id":        c.ID,
		annotationPrefix + "threats":   strings.Join(c.Threats, ","),
		annotationPrefix + "severity":  c.Severity,
		annotationPrefix + "stride":    c.Stride,
		annotationPrefix + "source":    "policy/" + c.File,
	}
	if len(syncs) > 0 {
		ann["metadata.gatekeeper.sh/requires-sync-data"] = requiresSyncData(syncs)
	}
	labels := map[string]string{"app.kubernetes.io/part-of": "stridegate"}
	t := Template{
		APIVersion: TemplateAPIVersion,
		Kind:       "ConstraintTemplate",
		Metadata:   Meta{Name: TemplateName(c.ID), Labels: labels, Annotations: ann},
		Spec: TemplateSpec{
			CRD: CRD{Spec: CRDSpec{Names: Names{Kind: kind}}},
			Targets: []TargetCode{{
				Target: Target,
				Code:   []Code{{Engine: "Rego", Source: Source{Version: "v1", Rego: rego, Libs: libs}}},
			}},
		},
	}
	if schema != nil {
		t.Spec.CRD.Spec.Validation = &Validation{OpenAPIV3Schema: schema}
	}
	action := opts.Enforcement
	if action == "" {
		action = "warn"
		if bundle.SeverityRank(c.Severity) >= bundle.SeverityRank("high") {
			action = "deny"
		}
	}
	k := Constraint{
		APIVersion: ConstraintAPIVersion,
		Kind:       kind,
		Metadata: Meta{Name: ConstraintName(c.ID), Labels: labels, Annotations: map[string]string{
			annotationPrefix + "id":       c.ID,
			annotationPrefix + "severity": c.Severity,
		}},
		Spec: ConstraintSpec{
			EnforcementAction: action,
			Match:             Match{Kinds: kinds, ExcludedNamespaces: SystemNamespaces()},
			Parameters:        defaults,
		},
	}
	return Control{ID: c.ID, Severity: c.Severity, Template: t, Constraint: k, Sync: syncs}, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
