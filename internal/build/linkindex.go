package build

import (
	"slices"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/layered"
	"github.com/tractpub/tract/internal/markdown"
)

// linkIndex lists, for one version of a site's texts (its Docs), the
// texts that link into each item and to each text's headings: those an
// edit parses again when what they link to changes (see Site.linking).
// Finding them by asking every text took 4-8 ms of each edit in tract
// serve at 3,000 items: it read a few links from each of 8,700 texts
// scattered in memory, while the editor waited. An edit updates the
// index with the texts it changed, a few.
type linkIndex struct {
	docs  *markdown.Docs                           // the texts indexed
	items *layered.Map[string, []*content.Variant] // item key -> the texts linking into it
	texts *layered.Map[string, []*content.Variant] // text path -> the texts linking to its headings
}

// indexLinks indexes the links of every text of docs.
func indexLinks(docs *markdown.Docs) *linkIndex {
	items, texts := map[string][]*content.Variant{}, map[string][]*content.Variant{}
	for v, d := range docs.All() {
		for _, k := range d.LinkedItems() {
			items[k] = append(items[k], v)
		}
		for _, p := range d.LinkedTexts() {
			texts[p] = append(texts[p], v)
		}
	}
	return &linkIndex{docs: docs, items: layered.Of(items), texts: layered.Of(texts)}
}

// linkIndexOf returns the index of s's texts: the one s keeps when it is
// of them, else a new one.
func (s *Site) linkIndexOf() *linkIndex {
	if x := s.links; x != nil && x.docs == s.Docs {
		return x
	}
	return indexLinks(s.Docs)
}

// edited returns the index of docs, which are x's texts but for those of
// changed: each is indexed as docs has it (if at all) instead of as x's
// texts had it. The lists of x are not changed.
func (x *linkIndex) edited(docs *markdown.Docs, changed []*content.Variant) *linkIndex {
	items, texts := x.items.Edit(), x.texts.Edit()
	for _, v := range changed {
		was, is := x.docs.Get(v), docs.Get(v)
		if was == is {
			continue
		}
		if was != nil {
			unlink(items, was.LinkedItems(), v)
			unlink(texts, was.LinkedTexts(), v)
		}
		if is != nil {
			link(items, is.LinkedItems(), v)
			link(texts, is.LinkedTexts(), v)
		}
	}
	return &linkIndex{docs: docs, items: items.Done(), texts: texts.Done()}
}

// link adds v to the lists of keys, in copies.
func link(e *layered.Edit[string, []*content.Variant], keys []string, v *content.Variant) {
	for _, k := range keys {
		if vs := e.Get(k); !slices.Contains(vs, v) {
			e.Set(k, append(slices.Clip(vs), v))
		}
	}
}

// unlink takes v out of the lists of keys, in copies.
func unlink(e *layered.Edit[string, []*content.Variant], keys []string, v *content.Variant) {
	for _, k := range keys {
		vs := e.Get(k)
		if !slices.Contains(vs, v) {
			continue
		}
		if vs = slices.DeleteFunc(slices.Clone(vs), func(w *content.Variant) bool { return w == v }); len(vs) == 0 {
			e.Delete(k)
		} else {
			e.Set(k, vs)
		}
	}
}

// textsEdit is an edit of a site's texts that notes the texts it sets
// and deletes, for linkIndex.edited.
type textsEdit struct {
	*layered.Edit[*content.Variant, *markdown.Doc]
	changed []*content.Variant
}

func (e *textsEdit) Set(v *content.Variant, d *markdown.Doc) {
	e.Edit.Set(v, d)
	e.changed = append(e.changed, v)
}

func (e *textsEdit) Delete(v *content.Variant) {
	e.Edit.Delete(v)
	e.changed = append(e.changed, v)
}
