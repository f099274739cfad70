package input

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDetectObjectExportShapes(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want Kind
	}{
		{"az role assignment list", `[{"principalId":"p","roleDefinitionId":"/providers/Microsoft.Authorization/roleDefinitions/g","scope":"/"}]`, KindAzureRBAC},
		{"ARM REST listing", `{"value":[{"id":"a","name":"a","properties":{"principalId":"p","roleDefinitionId":"/r/g","scope":"/subscriptions/s"}}]}`, KindAzureRBAC},
		{"ARM REST assignment", `{"id":"a","properties":{"principalId":"p","roleDefinitionId":"/r/g","scope":"/subscriptions/s"}}`, KindAzureRBAC},
		{"ARM listing of other things", `{"value":[{"id":"a","properties":{"displayName":"x"}}]}`, KindUnknown},
		{"empty ARM listing", `{"value":[]}`, KindUnknown},
		{"Resource Graph result", `{"count":1,"data":[{"id":"a","properties":{"principalId":"p","roleDefinitionId":"/r/g","scope":"/"}}],"skip_token":null}`, KindAzureRBAC},
		{"Resource Graph result of other things", `{"count":1,"data":[{"id":"a","type":"microsoft.compute/virtualmachines"}]}`, KindUnknown},
		{"Get-AzRoleAssignment", `[{"RoleAssignmentId":"/subscriptions/s/providers/Microsoft.Authorization/roleAssignments/a","Scope":"/subscriptions/s","DisplayName":"Alice","SignInName":"alice@contoso.com","RoleDefinitionName":"Owner","RoleDefinitionId":"8e3af657-a8ff-443c-a75c-2fe8c4bcb635","ObjectId":"u","ObjectType":"User","CanDelegate":false}]`, KindAzureRBAC},
		{"composite action", `{"name":"x","runs":{"using":"composite","steps":[{"run":"make"}]}}`, KindWorkflow},
		{"node action", `{"name":"x","runs":{"using":"node20","main":"index.js"}}`, KindUnknown},
		{"composite without steps", `{"runs":{"using":"composite"}}`, KindUnknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var v any
			require.NoError(t, json.Unmarshal([]byte(tc.doc), &v))
			assert.Equal(t, tc.want, detectObject("in.json", v))
		})
	}
}
