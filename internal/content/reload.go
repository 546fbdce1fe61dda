package content

import (
	"errors"
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

// textOf returns the item and language of the text at the slash path p
// in the site ("content/leaflets/rent/fr.md"), whether the text exists
// or not: nil if p cannot be a text of an existing item in one of the
// site's languages.
func (s *Site) textOf(p string) (*Item, string) {
	parts := strings.Split(p, "/")
	if len(parts) != 4 || parts[0] != ContentDir || !langFileRE.MatchString(parts[3]) {
		return nil, ""
	}
	it := s.Item(parts[1], parts[2])
	lang := strings.TrimSuffix(parts[3], ".md")
	if it == nil || !slices.Contains(s.Config.Languages, lang) || slices.Contains(it.unreadable, lang) {
		return nil, ""
	}
	if v := it.Variants[lang]; v != nil && v.Path != p {
		return nil, ""
	}
	return it, lang
}

// Reload returns the site with the variant files named by paths read
// again from fsys, and the items they belong to, made anew. A path may
// also name a text added to an existing item (a new translation), or one
// of its texts removed. Everything else — the other items, their
// variants, the configuration — is shared with s, which is not changed:
// a reader of s (a page being served) is never disturbed.
//
// It is the fast path of tract serve, for the common case of an editor
// saving a text. It reports false, having changed nothing, when a full
// Load is needed instead: a path that is not a text of an existing item
// in one of the site's languages (a new item, tract.toml, an asset), a
// reloaded item whose original is now another language or that has no
// text left (links from other items fall back to its original), or a
// reloaded item that now has errors, which a full Load reports with
// everything else. Warnings about the reloaded items go to diags.
//
// A caller must check that no other text links to an item whose
// languages changed (see Item.Langs): where such a link leads depends
// on them.
func (s *Site) Reload(fsys fs.FS, paths []string, diags *diag.List) (*Site, []*Item, bool) {
	read := map[*Item][]string{}    // item -> languages read again, or for the first time
	removed := map[*Item][]string{} // item -> languages whose text was removed
	for _, p := range paths {
		it, lang := s.textOf(p)
		if it == nil {
			return nil, nil, false
		}
		st, err := fs.Stat(fsys, p)
		switch {
		case err == nil && st.Mode().IsRegular():
			read[it] = append(read[it], lang)
		case errors.Is(err, fs.ErrNotExist) && it.Variants[lang] != nil:
			removed[it] = append(removed[it], lang)
		default:
			return nil, nil, false
		}
	}
	ns := &Site{Config: s.Config, Items: slices.Clone(s.Items), byKey: maps.Clone(s.byKey)}
	var local diag.List
	var items []*Item
	for i, old := range s.Items {
		langs, gone := read[old], removed[old]
		if langs == nil && gone == nil {
			continue
		}
		it := &Item{
			Section: old.Section, Slug: old.Slug, Dir: old.Dir, Assets: old.Assets,
			Variants: make(map[string]*Variant, len(old.Variants)+len(langs)),
			files:    old.files, unreadable: old.unreadable,
		}
		for lang, v := range old.Variants {
			if slices.Contains(gone, lang) {
				it.files--
				continue
			}
			if slices.Contains(langs, lang) {
				continue // read below
			}
			nv := *v
			nv.Item, nv.Outdated = it, false
			it.Variants[lang] = &nv
		}
		for _, lang := range langs {
			if old.Variants[lang] == nil {
				it.files++
			}
			nv := ns.readVariant(fsys, it, lang, path.Join(it.Dir, lang+".md"), &local)
			if nv == nil {
				return nil, nil, false
			}
			it.Variants[lang] = nv
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
		if old := s.Item(it.Section, it.Slug); it.Original != old.Original || it.Original == "" {
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
