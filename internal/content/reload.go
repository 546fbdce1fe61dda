package content

import (
	"errors"
	"io/fs"
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

// passing reports whether the slash path p, which is not there, is a
// file that came and went in an item's folder, and so changed nothing:
// one that was neither a text nor another file of the item. Editors write
// such files while they save (JetBrains' "en.md___jb_tmp___", say).
func (s *Site) passing(p string) bool {
	parts := strings.Split(p, "/")
	if len(parts) != 4 || parts[0] != ContentDir {
		return false
	}
	it := s.Item(parts[1], parts[2])
	if it == nil || slices.Contains(it.Assets, parts[3]) || slices.Contains(it.unreadable, strings.TrimSuffix(parts[3], ".md")) {
		return false
	}
	v := it.Variants[strings.TrimSuffix(parts[3], ".md")]
	return v == nil || v.Path != p
}

// otherFile returns the item and name of the file at the slash path p if
// it is a file of an existing item's folder other than its texts, added,
// saved or removed (st is nil if it is not there): one directly in the
// folder (an item with files in subfolders is left to a full Load), not a
// Markdown file (a text, or one Load reports), no larger than the limit
// for such files, and published as it is: a file Load passes over, warns
// about or refuses is left to a full Load, which says why.
func (s *Site) otherFile(p string, st fs.FileInfo) (*Item, string, bool) {
	parts := strings.Split(p, "/")
	if len(parts) != 4 || parts[0] != ContentDir || markdownFile(parts[3]) || strings.HasPrefix(parts[3], ".") {
		return nil, "", false
	}
	it := s.Item(parts[1], parts[2])
	if it == nil || slices.ContainsFunc(it.Assets, func(a string) bool { return strings.Contains(a, "/") }) {
		return nil, "", false
	}
	name := parts[3]
	if systemFile(name) || leftover(name) || unpublishable(name) != "" {
		return nil, "", false
	}
	if lang, _ := misnamedVariant(name, s.Config.Languages); lang != "" {
		return nil, "", false
	}
	switch {
	case st != nil && st.Mode().IsRegular() && st.Size() <= s.Config.MaxAssetSize():
		return it, parts[3], true
	case st == nil && slices.Contains(it.Assets, parts[3]):
		return it, parts[3], true
	}
	return nil, "", false
}

// newItemDir returns the folder of the new item whose folder, or a file
// in it, is at the slash path p: one not in s, in a section, with a
// usable slug that differs from every item's in more than case.
func (s *Site) newItemDir(p string) (string, bool) {
	parts := strings.Split(p, "/")
	if len(parts) < 3 || len(parts) > 4 || parts[0] != ContentDir || !slices.Contains(Sections, parts[1]) ||
		!slugRE.MatchString(parts[2]) || s.Item(parts[1], parts[2]) != nil {
		return "", false
	}
	key := strings.ToLower(parts[1] + "/" + parts[2])
	for k := range s.byKey.All() {
		if strings.ToLower(k) == key {
			return "", false
		}
	}
	return path.Join(parts[:3]...), true
}

// newItem reads the new item in the folder dir: nil unless it holds only
// texts, at least one, each in one of the site's languages and readable
// (a full Load reports the rest, and looks at pictures).
func (s *Site) newItem(fsys fs.FS, dir string, diags *diag.List) *Item {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil
	}
	parts := strings.Split(dir, "/")
	it := &Item{Section: parts[1], Slug: parts[2], Dir: dir, Variants: map[string]*Variant{}}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		lang := strings.TrimSuffix(name, ".md")
		if !e.Type().IsRegular() || !langFileRE.MatchString(name) || !slices.Contains(s.Config.Languages, lang) {
			return nil
		}
		it.files++
		it.entries++
		v := s.readVariant(fsys, it, lang, path.Join(dir, name), diags, nil)
		if v == nil {
			return nil
		}
		it.Variants[lang] = v
	}
	if it.files == 0 {
		return nil
	}
	return it
}

// ItemOrder is the order of Site.Items and Site.Unreadable: by section,
// then slug.
func ItemOrder(a, b *Item) int {
	if c := slices.Index(Sections, a.Section) - slices.Index(Sections, b.Section); c != 0 {
		return c
	}
	return strings.Compare(a.Slug, b.Slug)
}

// Change is what an edit changed, as Reload finds it.
type Change struct {
	// Items are the items the edit touched, made anew: texts saved, added
	// (a new translation) or removed, other files of their folders
	// (pictures) added, saved or removed; and the new items.
	Items []*Item
	// Gone are the items whose folder was removed (the old site's).
	Gone []*Item
	// Files are the paths of the other files of items that the edit
	// touched, those of the items gone included.
	Files []string
}

// Reload returns the site after an edit of the files named by paths
// (slash paths in the site) and what changed: texts saved, added to an
// existing item (a new translation) or removed from one; other files of
// an item's folder (pictures) added, saved or removed; new items, named
// by their folder or a text in them; items removed, named by their
// folder or by all their texts, whose folder is gone. Everything else —
// the other items, their variants, the configuration — is shared with s,
// which is not changed: a reader of s (a page being served) is never
// disturbed.
//
// It is the fast path of tract serve. It reports false, having changed
// nothing, when a full Load is needed instead: a path outside the items
// (tract.toml, a template), a text in a language the site lacks, a new
// item with more than texts in it, a file in a subfolder of an item or
// too large, a reloaded item whose original is now another language or
// that has no text left while its folder is there (links from other
// items fall back to its original), an item removed that a bulletin
// lists, a folder the last Load left out (see Left) that now reads, or
// a reloaded item that now has errors. The problems found in
// the reloaded items go to diags: the warnings, and the errors when it
// refuses for them. When it refuses for any other reason, diags is left
// as it was. So diags gets errors only when the edit itself has them: on
// a site that had none, the errors a full Load would report (tract serve
// reports them without one).
//
// A caller must parse again the other texts that link to an item whose
// languages changed (see Item.Langs) or that is gone, or to a file of an
// item the edit saved or removed: where such a link leads, and what it
// shows, depends on them.
func (s *Site) Reload(fsys fs.FS, paths []string, diags *diag.List) (_ *Site, ch Change, ok bool) {
	read := map[*Item][]string{}          // item -> languages read again, or for the first time
	removed := map[*Item][]string{}       // item -> languages whose text was removed
	others := map[*Item]map[string]bool{} // item -> other files added or saved (true), or removed
	dropped := map[*Item]bool{}           // items whose folder is gone
	var added []string                    // the folders of new items
	for _, p := range paths {
		st, err := fs.Stat(fsys, p) // once for each path
		gone := errors.Is(err, fs.ErrNotExist)
		switch {
		case err != nil && !gone:
			return nil, Change{}, false
		case linked(fsys, p):
			// Where a link may lead is Load's to say (see linkProblem).
			return nil, Change{}, false
		case gone && s.passing(p):
			continue
		}
		if it := s.itemAt(p); it != nil && gone {
			dropped[it] = true
			continue
		}
		if dir, ok := s.newItemDir(p); ok {
			if !slices.Contains(added, dir) {
				added = append(added, dir)
			}
			continue
		}
		if it, name, ok := s.otherFile(p, st); ok {
			if others[it] == nil {
				others[it] = map[string]bool{}
			}
			if _, seen := others[it][name]; !seen {
				ch.Files = append(ch.Files, p)
			}
			others[it][name] = !gone
			continue
		}
		it, lang := s.textOf(p)
		switch {
		case it == nil:
			return nil, Change{}, false
		case !gone && st.Mode().IsRegular():
			read[it] = append(read[it], lang)
		case gone && it.Variants[lang] != nil:
			removed[it] = append(removed[it], lang)
		default:
			return nil, Change{}, false
		}
	}
	// An item all of whose texts went, with its folder, is gone.
	for it, langs := range removed {
		if len(langs) == len(it.Variants) && read[it] == nil {
			if _, err := fs.Stat(fsys, it.Dir); errors.Is(err, fs.ErrNotExist) {
				dropped[it] = true
			}
		}
	}
	ns := &Site{Config: s.Config, Items: slices.Clone(s.Items), left: s.left, Unreadable: s.Unreadable}
	keys := s.byKey.Edit()
	var local diag.List
	for i, old := range s.Items {
		if dropped[old] {
			// Its pictures go with it: whatever was made of them is stale.
			for _, name := range old.Assets {
				if p := old.Dir + "/" + name; !slices.Contains(ch.Files, p) {
					ch.Files = append(ch.Files, p)
				}
			}
			keys.Delete(old.Key())
			ch.Gone = append(ch.Gone, old)
			continue
		}
		langs, gone, other := read[old], removed[old], others[old]
		if langs == nil && gone == nil && other == nil {
			continue
		}
		it := &Item{
			Section: old.Section, Slug: old.Slug, Dir: old.Dir, Assets: old.Assets,
			Variants: make(map[string]*Variant, len(old.Variants)+len(langs)),
			files:    old.files, entries: old.entries, unreadable: old.unreadable,
		}
		if other != nil {
			it.Assets = slices.Clone(old.Assets)
			for name, there := range other {
				j, listed := slices.BinarySearch(it.Assets, name) // in the order Load lists them
				switch {
				case there && !listed:
					it.Assets = slices.Insert(it.Assets, j, name)
				case !there && listed:
					it.Assets = slices.Delete(it.Assets, j, j+1)
				}
			}
		}
		for lang, v := range old.Variants {
			if slices.Contains(gone, lang) {
				it.files--
				it.entries--
				continue
			}
			if slices.Contains(langs, lang) {
				continue // read below
			}
			nv := *v
			nv.Item, nv.Outdated, nv.Untranslated, nv.inCycle = it, false, false, false
			nv.CopiedParagraphs, nv.Paragraphs, nv.CopiedLines = 0, 0, nil
			it.Variants[lang] = &nv
		}
		for _, lang := range langs {
			if old.Variants[lang] == nil {
				it.files++
				it.entries++
			}
			nv := ns.readVariant(fsys, it, lang, path.Join(it.Dir, lang+".md"), &local, nil)
			if nv == nil {
				return nil, Change{}, false
			}
			it.Variants[lang] = nv
		}
		ns.Items[i] = it
		keys.Set(it.Key(), it)
		ch.Items = append(ch.Items, it)
	}
	if len(dropped) > 0 {
		ns.Items = slices.DeleteFunc(ns.Items, func(it *Item) bool { return dropped[it] })
	}
	for _, dir := range added {
		it := ns.newItem(fsys, dir, &local)
		if it == nil || s.left[it.Key()] { // a folder left out mended: a full Load makes Left right
			return nil, Change{}, false
		}
		i, _ := slices.BinarySearchFunc(ns.Items, it, ItemOrder)
		ns.Items = slices.Insert(ns.Items, i, it)
		keys.Set(it.Key(), it)
		ch.Items = append(ch.Items, it)
	}
	ns.byKey = keys.Done()
	// A bulletin listing an article that is gone now has an error, which a
	// full Load reports.
	for _, old := range ch.Gone {
		if old.Section == "articles" && ns.listed(old.Slug) {
			return nil, Change{}, false
		}
	}
	retagged := false
	for _, it := range ch.Items {
		ns.linkItem(it, &local)
		ns.checkMeta(it, &local)
		// Links from other items fall back to an item's original: a new
		// original changes where they lead, which only a full load redoes.
		old := s.Item(it.Section, it.Slug)
		if it.Original == "" || old != nil && it.Original != old.Original {
			return nil, Change{}, false
		}
		retagged = retagged || old == nil || !slices.Equal(it.Meta.Tags, old.Meta.Tags)
		if it.Section == "bulletins" && (old == nil || it.Meta.Number != old.Meta.Number) {
			return nil, Change{}, false // whether two share a number is a full load's to say
		}
	}
	for _, old := range ch.Gone {
		retagged = retagged || len(old.Meta.Tags) > 0
	}
	if retagged {
		// Whether a tag tract.toml names is used, and whether one looks
		// mistyped, is the whole site's to say: said again as a full load
		// says it.
		ns.checkTags(&local)
	}
	for _, d := range local.Sorted() {
		diags.Add(d)
	}
	if local.HasErrors() {
		return nil, Change{}, false
	}
	return ns, ch, true
}

// linked reports whether the slash path p is a symbolic link, even one
// to nothing.
func linked(fsys fs.FS, p string) bool {
	st, err := fs.Lstat(fsys, p)
	return err == nil && st.Mode()&fs.ModeSymlink != 0
}

// itemAt returns the item whose folder is at the slash path p, if any.
func (s *Site) itemAt(p string) *Item {
	parts := strings.Split(p, "/")
	if len(parts) != 3 || parts[0] != ContentDir {
		return nil
	}
	return s.Item(parts[1], parts[2])
}

// listed reports whether a bulletin of s lists the article slug.
func (s *Site) listed(slug string) bool {
	for _, it := range s.Items {
		if it.Section == "bulletins" && slices.Contains(it.Meta.Articles, slug) {
			return true
		}
	}
	return false
}
