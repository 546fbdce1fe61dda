package web

import (
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/markdown"
)

// Renderers made one after another, each after an edit of one text (as
// tract serve makes them), hold the title and summary of every variant of
// their site as a new renderer works them out, and none of the variants
// the edits replaced, over more edits than their infos keep apart from
// the shared ones; the renderer before each edit keeps its own.
func TestInfosAfterManyEdits(t *testing.T) {
	r, files := generatedRenderer(t, 40)
	var texts []string
	for _, it := range r.site.Items {
		for _, v := range it.Variants {
			texts = append(texts, v.Path)
		}
	}
	for e := range 150 {
		name := texts[e*7%len(texts)]
		files[name] = &fstest.MapFile{Data: fmt.Appendf(files[name].Data, "\nEdit %d.\n", e)}
		var diags diag.List
		site, ch, ok := r.site.Reload(files, []string{name}, &diags)
		if !ok {
			t.Fatalf("edit %d of %s: %v", e, name, diags.Sorted())
		}
		p := markdown.NewParser(site, nil)
		docs := r.docs.Edit()
		for _, it := range ch.Items {
			for _, v := range r.site.Item(it.Section, it.Slug).Variants {
				docs.Delete(v)
			}
			for _, v := range it.Variants {
				docs.Set(v, p.Parse(v, &diags))
			}
		}
		prev := r
		r = r.With(site, docs.Done())

		n := 0
		for _, it := range site.Items {
			for _, v := range it.Variants {
				n++
				got, want := r.info.Get(v), r.variantInfo(v)
				if got == nil || *got != *want {
					t.Fatalf("edit %d: %s has info %v, want %v", e, v.Path, got, want)
				}
			}
		}
		if r.info.Len() != n {
			t.Fatalf("edit %d: %d infos for %d variants", e, r.info.Len(), n)
		}
		old := prev.site.Variant(name)
		if prev.info.Get(old) == nil || r.info.Get(old) != nil {
			t.Fatalf("edit %d: the edited text's old variant has info %v before and %v after", e, prev.info.Get(old), r.info.Get(old))
		}
	}
}
