package input

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/open-policy-agent/opa/v1/ast"
)

// valueBuilder converts decoded JSON (maps, slices, json.Number, strings, booleans, nil)
// into OPA values exactly as ast.InterfaceToValue does, but shares what repeats within
// one document: every string is one ast.String value, and every small object or array of
// scalars ({"id": true}, ["create"], {} ...) is built once and reused wherever an equal
// one occurs. On a generated 10k-resource plan half of the objects and arrays are such
// repeats. OPA never mutates an input value (the engine already shares one input among
// concurrent evaluations), so sharing equal values is safe. A builder is used for one
// document and then dropped, with its tables.
type valueBuilder struct {
	strs   map[string]ast.Value
	leaves map[string]ast.Value
	key    []byte
	names  []string
}

// maxLeaf bounds the containers that are shared: at most this many scalar elements.
const maxLeaf = 8

func newValueBuilder() *valueBuilder {
	return &valueBuilder{strs: map[string]ast.Value{}, leaves: map[string]ast.Value{}}
}

// value converts x.
func (b *valueBuilder) value(x any) (ast.Value, error) {
	switch x := x.(type) {
	case string:
		return b.str(x), nil
	case []any:
		key, leaf := b.leafKey(x, nil)
		return b.shared(key, leaf, func() (ast.Value, error) { return b.array(x) })
	case map[string]any:
		key, leaf := b.leafKey(nil, x)
		return b.shared(key, leaf, func() (ast.Value, error) { return b.object(x) })
	}
	return ast.InterfaceToValue(x) // nil, bool, json.Number: interned or small
}

// shared returns the value already built for a leaf container with this key, or builds
// it (and, for a leaf, remembers it).
func (b *valueBuilder) shared(key string, leaf bool, build func() (ast.Value, error)) (ast.Value, error) {
	if !leaf {
		return build()
	}
	if v, seen := b.leaves[key]; seen {
		return v, nil
	}
	v, err := build()
	if err == nil {
		b.leaves[key] = v
	}
	return v, err
}

func (b *valueBuilder) str(s string) ast.Value {
	if v, ok := b.strs[s]; ok {
		return v
	}
	v, _ := ast.InterfaceToValue(s) // OPA's own interned strings first
	b.strs[s] = v
	return v
}

func (b *valueBuilder) array(x []any) (ast.Value, error) {
	terms := make([]ast.Term, len(x))
	ptrs := make([]*ast.Term, len(x))
	for i, e := range x {
		v, err := b.value(e)
		if err != nil {
			return nil, err
		}
		terms[i].Value = v
		ptrs[i] = &terms[i]
	}
	return ast.NewArray(ptrs...), nil
}

func (b *valueBuilder) object(x map[string]any) (ast.Value, error) {
	terms := make([]ast.Term, 2*len(x))
	pairs := make([][2]*ast.Term, 0, len(x))
	i := 0
	for k, e := range x {
		v, err := b.value(e)
		if err != nil {
			return nil, err
		}
		terms[i].Value = b.str(k)
		terms[i+1].Value = v
		pairs = append(pairs, [2]*ast.Term{&terms[i], &terms[i+1]})
		i += 2
	}
	return ast.NewObject(pairs...), nil
}

// leafKey returns an unambiguous encoding of a small array (arr) or object (obj) whose
// elements are all scalars, and false for any other container.
func (b *valueBuilder) leafKey(arr []any, obj map[string]any) (string, bool) {
	if len(arr) > maxLeaf || len(obj) > maxLeaf {
		return "", false
	}
	b.key = b.key[:0]
	if obj == nil {
		b.key = append(b.key, '[')
		for _, e := range arr {
			if !b.appendScalar(e) {
				return "", false
			}
		}
		return string(b.key), true
	}
	b.names = b.names[:0]
	for k := range obj {
		b.names = append(b.names, k)
	}
	slices.Sort(b.names)
	b.key = append(b.key, '{')
	for _, k := range b.names {
		b.key = strconv.AppendQuote(b.key, k)
		if !b.appendScalar(obj[k]) {
			return "", false
		}
	}
	return string(b.key), true
}

// appendScalar appends one scalar, tagged by type, to the key; false for a container.
func (b *valueBuilder) appendScalar(x any) bool {
	switch x := x.(type) {
	case nil:
		b.key = append(b.key, 'z')
	case bool:
		b.key = strconv.AppendBool(append(b.key, 'b'), x)
	case json.Number:
		b.key = append(append(b.key, 'n'), x...)
		b.key = append(b.key, ' ')
	case string:
		b.key = strconv.AppendQuote(append(b.key, 's'), x)
	default:
		return false
	}
	return true
}
