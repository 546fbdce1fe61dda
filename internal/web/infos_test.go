package web

import (
	"fmt"
	"testing"

	"github.com/tractpub/tract/internal/content"
)

// TestInfosAfterManyEdits edits more variants than infos hold apart, one
// renderer after another: each state gives every current variant its
// latest info, and the base made by fold drops the replaced variants.
func TestInfosAfterManyEdits(t *testing.T) {
	site := &content.Site{}
	in := infos{base: map[*content.Variant]*variantInfo{}}
	for i := range 100 {
		v := &content.Variant{Lang: "en"}
		site.Items = append(site.Items, &content.Item{Slug: fmt.Sprint(i), Variants: map[string]*content.Variant{"en": v}})
		in.set(v, &variantInfo{title: fmt.Sprint(i, " first")})
	}
	folded := false
	for e := range 90 {
		prev := in
		in = prev.edit()
		// Each edit replaces one item with a new variant.
		i := e % 70
		old := site.Items[i].Variants["en"]
		v := &content.Variant{Lang: "en"}
		items := append([]*content.Item(nil), site.Items...)
		items[i] = &content.Item{Slug: fmt.Sprint(i), Variants: map[string]*content.Variant{"en": v}}
		site = &content.Site{Items: items}
		in.set(v, &variantInfo{title: fmt.Sprint(i, " edit ", e)})
		in.fold(site)
		if in.over == nil {
			folded = true
			if _, ok := in.base[old]; ok || len(in.base) != len(site.Items) {
				t.Fatalf("edit %d: the folded base has %d infos, the replaced variant's among them: %v", e, len(in.base), ok)
			}
		}
		if got := in.get(v).title; got != fmt.Sprint(i, " edit ", e) {
			t.Fatalf("edit %d: the edited variant's title is %q", e, got)
		}
		if got := prev.get(old).title; got == "" {
			t.Fatalf("edit %d: the last state lost its variant's info", e)
		}
		for j, it := range site.Items {
			if in.get(it.Variants["en"]) == nil {
				t.Fatalf("edit %d: item %d has no info", e, j)
			}
		}
	}
	if !folded {
		t.Error("90 edits never made a new base")
	}
}
