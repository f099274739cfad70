package bundle

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPartitionKeepsFamiliesTogether(t *testing.T) {
	ctl := func(id, pkg string) Control { return Control{ID: id, Package: pkg} }
	tf1, tf2, tf3 := ctl("T-1", "data.stridegate.terraform.a"), ctl("T-2", "data.stridegate.terraform.b"), ctl("T-3", "data.stridegate.terraform.c")
	k1, k2 := ctl("K-1", "data.stridegate.kubernetes.a"), ctl("K-2", "data.stridegate.kubernetes.b")
	gh := ctl("G-1", "data.stridegate.github.a")

	// one family: one group, however many workers
	assert.Equal(t, [][]Control{{tf1, tf2, tf3}}, partition([]Control{tf1, tf2, tf3}, 4))
	// families are dealt to the smallest group, largest family first, each in catalog order
	assert.Equal(t, [][]Control{{tf1, tf2, tf3}, {k1, k2, gh}}, partition([]Control{tf1, k1, gh, tf2, k2, tf3}, 2))
	assert.Equal(t, [][]Control{{tf1, tf2, tf3, k1, k2, gh}}, partition([]Control{tf1, tf2, tf3, k1, k2, gh}, 1))
	assert.Len(t, partition([]Control{tf1, k1, gh}, 8), 3)
	assert.Nil(t, partition(nil, 2))
}
