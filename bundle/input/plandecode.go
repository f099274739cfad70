package input

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/open-policy-agent/opa/v1/ast"
)

// A `terraform show -json` plan is decoded straight into OPA's value representation
// (ast.Value), one resource change at a time, instead of into a tree of Go maps that is
// converted afterwards: the two representations were both alive at the peak, and the Go
// tree alone was three times the file. The parts of a plan no shipped control reads are
// skipped while decoding (their JSON type is still checked): see trimmedPlanFields and
// trimmedChangeFields. Options.FullPlan keeps them, for policies that read them.

// trimmedPlanFields are the top-level plan fields no shipped control reads. They repeat
// what the controls do read: planned_values and prior_state are the after- and
// before-state of resource_changes laid out by module, resource_drift and
// relevant_attributes describe refresh-only changes.
var trimmedPlanFields = map[string]bool{
	"planned_values":      true,
	"prior_state":         true,
	"resource_drift":      true,
	"relevant_attributes": true,
}

// trimmedChangeFields are the fields of a resource change's `change` no shipped control
// reads (the controls judge the planned after-state and after_unknown).
var trimmedChangeFields = []string{"before", "before_sensitive", "after_sensitive"}

// errNotStreamed sends a document back to the generic JSON path.
var errNotStreamed = errors.New("not a streamable plan")

// kindOnly records the JSON type of a value without keeping (or copying) it.
type kindOnly string

// UnmarshalJSON implements json.Unmarshaler.
func (k *kindOnly) UnmarshalJSON(b []byte) error {
	*k = kindOnly(rawJSONType(b))
	return nil
}

// rawJSONType names the JSON type of a raw value by its first byte, as jsonType does
// for a decoded one.
func rawJSONType(b []byte) string {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// decodePlan reads data as a plan straight into an ast.Object, validating it as
// validatePlan does. It returns errNotStreamed when data is not a well-formed JSON object
// with a string format_version and (unless forced) terraform_version, the shape
// detectObject calls a plan: the caller then decodes it the generic way, which detects
// its kind or reports the error. With full set nothing is skipped.
func decodePlan(data []byte, forced, full bool) (ast.Value, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errNotStreamed
	}
	top := map[string]any{}
	b := newValueBuilder()
	var (
		changes  *ast.Term
		typeErr  error // a field of the wrong JSON type, found while streaming
		rcErr    error // the first invalid resource change
		streamed = map[string]bool{}
	)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, errNotStreamed
		}
		key, _ := tok.(string)
		if streamed[key] {
			return nil, errNotStreamed // a repeated key: the generic path keeps the last
		}
		switch {
		case key == "resource_changes":
			streamed[key] = true
			var wrongType error
			changes, wrongType, rcErr, err = decodeChanges(dec, b, full)
			if err != nil {
				return nil, errNotStreamed
			}
			typeErr = cmp.Or(typeErr, wrongType)
		case trimmedPlanFields[key] && !full:
			streamed[key] = true
			var k kindOnly
			if err := dec.Decode(&k); err != nil {
				return nil, errNotStreamed
			}
			if want, ok := planFields[key]; ok && k != "null" && string(k) != want && typeErr == nil {
				typeErr = fmt.Errorf("%s: want %s, got %s", key, want, k)
			}
		default:
			var v any
			if err := dec.Decode(&v); err != nil {
				return nil, errNotStreamed
			}
			top[key] = v
		}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return nil, errNotStreamed
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errNotStreamed // trailing data: the generic path reports it
	}
	if !isString(top["format_version"]) || (!forced && !isString(top["terraform_version"])) {
		return nil, errNotStreamed
	}
	// validatePlan's checks in its order: field types, format version, resource changes
	if err := cmp.Or(typeErr, checkPlan(top), rcErr); err != nil {
		return nil, fmt.Errorf("invalid Terraform plan: %w", err)
	}
	if changes != nil {
		top["resource_changes"] = changes.Value
	}
	v, err := b.value(top)
	if err != nil {
		return nil, fmt.Errorf("invalid Terraform plan: %w", err)
	}
	return v, nil
}

// decodeChanges reads the resource_changes value one element at a time, validating each
// as checkResourceChange does and converting it to an ast.Term with b. wrongType reports a value
// that is not an array (or null); bad is the first invalid element (decoding goes on, so
// that malformed JSON further on is still reported as such); err is a decoding failure.
func decodeChanges(dec *json.Decoder, b *valueBuilder, full bool) (changes *ast.Term, wrongType, bad, err error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, nil, err
	}
	switch tok {
	case json.Delim('['):
	case nil:
		return ast.NullTerm(), nil, nil, nil
	case json.Delim('{'):
		if err := skipRest(dec); err != nil {
			return nil, nil, nil, err
		}
		return nil, errors.New("resource_changes: want an array, got an object"), nil, nil
	default:
		return nil, fmt.Errorf("resource_changes: want an array, got %s", jsonType(tok)), nil, nil
	}
	var terms []*ast.Term
	for i := 0; dec.More(); i++ {
		var rc any
		if err := dec.Decode(&rc); err != nil {
			return nil, nil, nil, err
		}
		if bad == nil {
			if err := checkResourceChange(rc); err != nil {
				bad = fmt.Errorf("resource_changes[%d]: %w", i, err)
			}
		}
		if bad != nil {
			continue // the plan is rejected: nothing more is kept
		}
		if !full {
			trimChange(rc)
		}
		v, err := b.value(rc)
		if err != nil {
			return nil, nil, nil, err
		}
		terms = append(terms, ast.NewTerm(v))
	}
	if _, err := dec.Token(); err != nil { // ']'
		return nil, nil, nil, err
	}
	return ast.ArrayTerm(terms...), nil, bad, nil
}

// skipRest consumes the rest of an object or array whose opening delimiter was read.
func skipRest(dec *json.Decoder) error {
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				depth++
			default:
				depth--
			}
		}
	}
	return nil
}

// trimChange drops the trimmed fields of a resource change's change object.
func trimChange(rc any) {
	m, _ := rc.(map[string]any)
	change, _ := m["change"].(map[string]any)
	for _, f := range trimmedChangeFields {
		delete(change, f)
	}
}
