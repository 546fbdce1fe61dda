package build

import (
	"maps"
	"slices"
	"testing"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/layered"
)

// indexesTheSameLinks fails t unless s has an index of its texts' links
// (made by an edit, or by LoadPreview), listing what an index made
// afresh of them lists.
func indexesTheSameLinks(t *testing.T, s *Site) {
	t.Helper()
	if s.links == nil || s.links.docs != s.Docs {
		t.Error("the site has no index of its texts' links")
		return
	}
	want := indexLinks(s.Docs)
	for _, m := range []struct {
		name      string
		got, want *layered.Map[string, []*content.Variant]
	}{{"items", s.links.items, want.items}, {"texts", s.links.texts, want.texts}} {
		got, wanted := linkSets(m.got), linkSets(m.want)
		if !maps.EqualFunc(got, wanted, slices.Equal) {
			t.Errorf("the links into %s:\n%v\nwant\n%v", m.name, got, wanted)
		}
	}
}

// linkSets is the paths of the texts of each list of m, sorted.
func linkSets(m *layered.Map[string, []*content.Variant]) map[string][]string {
	out := map[string][]string{}
	for k, vs := range m.All() {
		var paths []string
		for _, v := range vs {
			paths = append(paths, v.Path)
		}
		slices.Sort(paths)
		out[k] = slices.Compact(paths)
	}
	return out
}
