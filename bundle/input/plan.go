package input

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/hashicorp/go-version"
	tfjson "github.com/hashicorp/terraform-json"
)

// validatePlan checks a decoded `terraform show -json` document the way terraform-json
// does, without decoding the file a second time into tfjson.Plan (which tripled the
// loader's allocations on large plans): format_version must satisfy terraform-json's
// tfjson.PlanFormatVersionConstraints, each top-level field present must have the JSON
// type of its tfjson.Plan field, and resource_changes (what the controls read) must be an
// array of objects with string address/type/mode/name/module_address, an object change
// and a string-array change.actions.
func validatePlan(v any) error {
	if err := checkPlan(v); err != nil {
		return fmt.Errorf("invalid Terraform plan: %w", err)
	}
	return nil
}

func checkPlan(v any) error {
	plan, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("want a JSON object, got %s", jsonType(v))
	}
	for name, kind := range planFields {
		if x, ok := plan[name]; ok && x != nil && jsonType(x) != kind {
			return fmt.Errorf("%s: want %s, got %s", name, kind, jsonType(x))
		}
	}
	if err := checkFormatVersion(plan["format_version"]); err != nil {
		return err
	}
	changes, _ := plan["resource_changes"].([]any)
	for i, c := range changes {
		if err := checkResourceChange(c); err != nil {
			return fmt.Errorf("resource_changes[%d]: %w", i, err)
		}
	}
	return nil
}

var planConstraint = version.MustConstraints(version.NewConstraint(tfjson.PlanFormatVersionConstraints))

func checkFormatVersion(v any) error {
	s, _ := v.(string)
	if s == "" {
		return errors.New("unexpected plan input, format version is missing")
	}
	ver, err := version.NewVersion(s)
	if err != nil {
		return fmt.Errorf("invalid format version %q: %w", s, err)
	}
	if !planConstraint.Check(ver) {
		return fmt.Errorf("unsupported plan format version: %q does not satisfy %q", ver, planConstraint)
	}
	return nil
}

func checkResourceChange(v any) error {
	rc, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("want an object, got %s", jsonType(v))
	}
	for _, name := range []string{"address", "previous_address", "module_address", "mode", "type", "name", "provider_name", "deposed", "action_reason"} {
		if x, ok := rc[name]; ok && x != nil && jsonType(x) != "a string" {
			return fmt.Errorf("%s: want a string, got %s", name, jsonType(x))
		}
	}
	change, ok := rc["change"]
	if !ok || change == nil {
		return nil
	}
	c, ok := change.(map[string]any)
	if !ok {
		return fmt.Errorf("change: want an object, got %s", jsonType(change))
	}
	actions, ok := c["actions"]
	if !ok || actions == nil {
		return nil
	}
	list, ok := actions.([]any)
	if !ok {
		return fmt.Errorf("change.actions: want an array, got %s", jsonType(actions))
	}
	for i, a := range list {
		if _, ok := a.(string); !ok {
			return fmt.Errorf("change.actions[%d]: want a string, got %s", i, jsonType(a))
		}
	}
	return nil
}

// planFields maps each JSON field of tfjson.Plan to the JSON type it decodes from.
var planFields = jsonFields(reflect.TypeFor[tfjson.Plan]())

// jsonFields lists the JSON fields of a struct type with the JSON type each one takes.
func jsonFields(t reflect.Type) map[string]string {
	out := map[string]string{}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		if kind := jsonKind(f.Type); kind != "" {
			out[name] = kind
		}
	}
	return out
}

// jsonKind is the JSON type a Go type decodes from ("" when it accepts several).
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(reflect.TypeFor[json.Unmarshaler]()) {
		return "" // decodes itself: leave it to its own rules
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "a number"
	}
	return ""
}

// jsonType names the JSON type of a decoded value.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number, float64:
		return "a number"
	}
	return fmt.Sprintf("%T", v)
}
