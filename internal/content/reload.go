package content

import (
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/tractpub/tract/internal/diag"
)

// Variant returns the variant whose text is the file at the slash path p
// in the site ("content/leaflets/rent/en.md"), or nil if there is none.
func (s *Site) Variant(p string) *Variant {
	parts := strings.Split(p, "/")
	if len(parts) != 4 || parts[0] != ContentDir || !langFileRE.MatchString(parts[3]) {
		return nil
	}
	it := s.Item(parts[1], parts[2])
	if it == nil {
		return nil
	}
	v := it.Variants[strings.TrimSuffix(parts[3], ".md")]
	if v == nil || v.Path != p {
		return nil
	}
	return v
}

// Reload returns the site with the variant files named by paths read
// again from fsys, and the items they belong to, made anew. Everything
// else — the other items, their variants, the configuration — is shared
// with s, which is not changed: a reader of s (a page being served) is
// never disturbed.
//
// It is the fast path of tract serve, for the common case of an editor
// saving a text. It reports false, having changed nothing, when a full
// Load is needed instead: a path that is not an existing variant of an
// existing item (a new or removed file, tract.toml, an asset), a
// reloaded item whose original is now another language (links from other
// items fall back to it), or a reloaded item that now has errors, which a
// full Load reports with everything else. Warnings about the reloaded items go to diags.
func (s *Site) Reload(fsys fs.FS, paths []string, diags *diag.List) (*Site, []*Item, bool) {
	changed := map[*Item][]string{} // item -> languages read again
	for _, p := range paths {
		v := s.Variant(p)
		if v == nil {
			return nil, nil, false
		}
		if st, err := fs.Stat(fsys, p); err != nil || !st.Mode().IsRegular() {
			return nil, nil, false
		}
		changed[v.Item] = append(changed[v.Item], v.Lang)
	}
	ns := &Site{Config: s.Config, Items: slices.Clone(s.Items), byKey: maps.Clone(s.byKey)}
	var local diag.List
	var items []*Item
	for i, old := range s.Items {
		langs, ok := changed[old]
		if !ok {
			continue
		}
		it := &Item{
			Section: old.Section, Slug: old.Slug, Dir: old.Dir, Assets: old.Assets,
			Variants: make(map[string]*Variant, len(old.Variants)),
			files:    old.files, unreadable: old.unreadable,
		}
		for lang, v := range old.Variants {
			if slices.Contains(langs, lang) {
				nv := ns.readVariant(fsys, it, lang, path.Join(it.Dir, lang+".md"), &local)
				if nv == nil {
					return nil, nil, false
				}
				it.Variants[lang] = nv
				continue
			}
			nv := *v
			nv.Item, nv.Outdated = it, false
			it.Variants[lang] = &nv
		}
		ns.Items[i] = it
		ns.byKey[it.Key()] = it
		items = append(items, it)
	}
	for _, it := range items {
		ns.linkItem(it, &local)
		ns.checkMeta(it, &local)
		// Links from other items fall back to an item's original: a new
		// original changes where they lead, which only a full load redoes.
		if old := s.Item(it.Section, it.Slug); it.Original != old.Original {
			return nil, nil, false
		}
	}
	if local.HasErrors() {
		return nil, nil, false
	}
	for _, d := range local.Sorted() {
		diags.Add(d)
	}
	return ns, items, true
}
