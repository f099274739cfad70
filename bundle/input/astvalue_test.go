package input

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func decodeNumbers(t *testing.T, s string) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var x any
	require.NoError(t, dec.Decode(&x))
	return x
}

func TestValueBuilderMatchesInterfaceToValue(t *testing.T) {
	for _, s := range []string{
		`null`, `true`, `"s"`, `1`, `1.50`, `-0`, `12345678901234567890`, `[]`, `{}`,
		`{"a":[1,"1",true,null,{"b":{}}],"c":{"d":[[]],"e":"\u00e9\"x"},"f":[1,1.0,"1"]}`,
		`[{"id":true},{"id":true},{"id":"true"},["create"],["create","delete"],{"a":1,"b":2},{"b":2,"a":1}]`,
		`{"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9}`,
	} {
		x := decodeNumbers(t, s)
		want, err := ast.InterfaceToValue(x)
		require.NoError(t, err)
		got, err := newValueBuilder().value(x)
		require.NoError(t, err, s)
		assert.Equal(t, 0, want.Compare(got), "%s:\n%v\n%v", s, want, got)
		assert.Equal(t, want.String(), got.String())
	}
}

func TestValueBuilderSharesRepeats(t *testing.T) {
	x := decodeNumbers(t, `[{"id":true,"n":1},{"n":1,"id":true},{"id":"true","n":1},["create"],["create"],{},{},"name","name",{"deep":{"id":true,"n":1}}]`)
	v, err := newValueBuilder().value(x)
	require.NoError(t, err)
	arr := v.(*ast.Array)
	same := func(i, j int) bool { return arr.Elem(i).Value == arr.Elem(j).Value }
	assert.True(t, same(0, 1), "equal objects, keys in another order")
	assert.False(t, same(0, 2), "true is not \"true\"")
	assert.True(t, same(3, 4))
	assert.True(t, same(5, 6))
	assert.True(t, same(7, 8))
	deep := arr.Elem(9).Value.(ast.Object).Get(ast.InternedTerm("deep"))
	assert.True(t, deep.Value == arr.Elem(0).Value, "a nested repeat is shared too")
}

func TestValueBuilderReportsBadNumbers(t *testing.T) {
	x := decodeNumbers(t, `{"n":[1e999999999999]}`)
	_, want := ast.InterfaceToValue(x)
	require.Error(t, want, "OPA rejects an exponent out of range")
	_, err := newValueBuilder().value(x)
	assert.Error(t, err, "so does the builder")
}
