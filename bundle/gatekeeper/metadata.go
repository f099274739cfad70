package gatekeeper

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/stridegate/stridegate/bundle"
)

// apiGroups maps well-known kinds to their API group, for controls whose METADATA has no
// custom.kinds and whose match kinds are derived from the kinds the Rego compares against.
// A kind not listed matches in any group ("*").
func apiGroups() map[string]string {
	return map[string]string{
		"Pod": "", "ReplicationController": "", "Namespace": "", "ConfigMap": "", "Secret": "",
		"Service": "", "ServiceAccount": "", "PersistentVolumeClaim": "",
		"Deployment": "apps", "StatefulSet": "apps", "DaemonSet": "apps", "ReplicaSet": "apps",
		"Job": "batch", "CronJob": "batch",
		"NetworkPolicy": "networking.k8s.io", "Ingress": "networking.k8s.io",
		"Role": "rbac.authorization.k8s.io", "ClusterRole": "rbac.authorization.k8s.io",
		"RoleBinding": "rbac.authorization.k8s.io", "ClusterRoleBinding": "rbac.authorization.k8s.io",
	}
}

// matchKinds returns match.kinds: custom.kinds when present, else the derived kinds
// grouped by API group, else every kind.
func matchKinds(c bundle.Control, derive func() []string) ([]KindMatch, error) {
	if raw, ok := c.Custom["kinds"]; ok {
		var out []KindMatch
		if err := convert(raw, &out); err != nil {
			return nil, fmt.Errorf("custom.kinds: %w", err)
		}
		for i, k := range out {
			if len(k.Kinds) == 0 {
				return nil, fmt.Errorf("custom.kinds[%d] lists no kinds", i)
			}
			if k.APIGroups == nil {
				out[i].APIGroups = []string{"*"}
			}
		}
		return out, nil
	}
	groups := apiGroups()
	byGroup := map[string][]string{}
	seen := map[string]bool{}
	for _, k := range derive() {
		if seen[k] || k == "List" {
			continue
		}
		seen[k] = true
		g, ok := groups[k]
		if !ok {
			g = "*"
		}
		byGroup[g] = append(byGroup[g], k)
	}
	if len(byGroup) == 0 {
		return []KindMatch{{APIGroups: []string{"*"}, Kinds: []string{"*"}}}, nil
	}
	keys := make([]string, 0, len(byGroup))
	for g := range byGroup {
		keys = append(keys, g)
	}
	sort.Strings(keys)
	out := make([]KindMatch, 0, len(keys))
	for _, g := range keys {
		ks := byGroup[g]
		sort.Strings(ks)
		out = append(out, KindMatch{APIGroups: []string{g}, Kinds: ks})
	}
	return out, nil
}

// parameters turns custom.parameters (name -> OpenAPI schema with an optional default)
// into the template's structural schema and the Constraint's parameter values.
func parameters(raw any) (map[string]any, map[string]any, error) {
	if raw == nil {
		return nil, nil, nil
	}
	params, ok := raw.(map[string]any)
	if !ok {
		return nil, nil, fmt.Errorf("custom.parameters is %T, want a map of name to schema", raw)
	}
	props := map[string]any{}
	defaults := map[string]any{}
	for name, s := range params {
		schema, ok := s.(map[string]any)
		if !ok {
			return nil, nil, fmt.Errorf("custom.parameters.%s is %T, want a schema", name, s)
		}
		clean, err := structural(schema, "custom.parameters."+name)
		if err != nil {
			return nil, nil, err
		}
		props[name] = clean
		if d, ok := schema["default"]; ok {
			defaults[name] = d
		}
	}
	if len(defaults) == 0 {
		defaults = nil
	}
	return map[string]any{"type": "object", "properties": props}, defaults, nil
}

// structural copies a schema without defaults (they go into the Constraint, where the
// cluster's values stay visible) and checks every node has a type.
func structural(schema map[string]any, where string) (map[string]any, error) {
	t, _ := schema["type"].(string)
	if t == "" {
		return nil, fmt.Errorf("%s has no type (a structural schema needs one on every node)", where)
	}
	out := map[string]any{}
	for k, v := range schema {
		switch k {
		case "default":
		case "items":
			m, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s.items is %T, want a schema", where, v)
			}
			c, err := structural(m, where+".items")
			if err != nil {
				return nil, err
			}
			out[k] = c
		case "properties":
			m, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s.properties is %T, want a map", where, v)
			}
			props := map[string]any{}
			for name, p := range m {
				pm, ok := p.(map[string]any)
				if !ok {
					return nil, fmt.Errorf("%s.properties.%s is %T, want a schema", where, name, p)
				}
				c, err := structural(pm, where+".properties."+name)
				if err != nil {
					return nil, err
				}
				props[name] = c
			}
			out[k] = props
		default:
			out[k] = v
		}
	}
	return out, nil
}

// syncList reads custom.sync: [{group, version, kind}].
func syncList(raw any) ([]GVK, error) {
	if raw == nil {
		return nil, nil
	}
	var out []GVK
	if err := convert(raw, &out); err != nil {
		return nil, fmt.Errorf("custom.sync: %w", err)
	}
	for i, g := range out {
		if g.Version == "" || g.Kind == "" {
			return nil, fmt.Errorf("custom.sync[%d] needs version and kind", i)
		}
	}
	return out, nil
}

// requiresSyncData renders the metadata.gatekeeper.sh/requires-sync-data annotation
// (gatekeeper-library's format: a JSON list of requirements, each a list of
// equivalent {groups, versions, kinds}).
func requiresSyncData(syncs []GVK) string {
	type entry struct {
		Groups   []string `json:"groups"`
		Versions []string `json:"versions"`
		Kinds    []string `json:"kinds"`
	}
	reqs := make([][]entry, 0, len(syncs))
	for _, g := range syncs {
		reqs = append(reqs, []entry{{Groups: []string{g.Group}, Versions: []string{g.Version}, Kinds: []string{g.Kind}}})
	}
	b, _ := json.Marshal(reqs)
	return string(b)
}

// convert re-decodes a METADATA value (map/list from YAML) into a typed value through
// JSON, matching lower-case field names.
func convert(raw any, into any) error {
	b, err := json.Marshal(raw)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	return dec.Decode(into)
}
