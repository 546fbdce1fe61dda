package build

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/markdown"
	"github.com/tractpub/tract/internal/web"
)

// A build into an output that the last build wrote renders again only
// the pages of texts, lists and tags whose inputs changed, and links the
// others from the old output (see output.keep). They are most of a site:
// 9,900 of its 10,065 pages at 3,000 items.
//
// What such a page shows comes from three places (see web.File.Shows):
//
//   - the site's frame: the configuration, templates, locales and assets,
//     the menu's sections and pages, where every item is and in which
//     languages (links, the language switcher, the order and length of
//     lists), each variant's front matter. The frame's sum covers every
//     file a build reads outside content/, the names of the items' files
//     in it, and of every variant all but its text and its state (but
//     for the pages the footer lists, whose state every page may show);
//     any change there renders every page.
//
//   - the items it shows: the text of each of their variants, by the
//     bytes of its file (a page's body, summary and headings; a card's
//     summary), and for a translation partly done, the lines of its
//     paragraphs still its source's, which are set in the language they
//     were written in, with its typography, in a summary too
//     (content.Variant.CopiedLines).
//     Its state (original, current, outdated...: a notice on its page
//     and its card, its languages in the switcher) follows from its
//     texts, summed here, and its front matter, in the frame: an edit of
//     an original puts its translations behind it, and the pages that
//     show them render again, not every page.
//
//   - what the text it shows in full (a variant's page) takes from the
//     items it links to, its own included: each such item's print (see
//     Site.itemPrint), which holds the size and copies of its pictures as
//     the build probed them; and the texts whose headings decide where
//     its links to a heading lead (markdown.Doc.LinkedTexts), by the
//     bytes of their files. The bytes of an item's files are not in the
//     frame: a picture replaced renders again the pages of the texts that
//     show it, not every page. A card (on a list, a tag's page, a
//     variant's page) shows a summary, the plain text of its text's first
//     sentences, and a search index its words: neither takes anything
//     from an item linked, beyond what the frame holds.
//
// A page's key is the sum of these and of the PDFs a text's page links.
// What a page reads of "now" (whether an event is past, and so the order
// of the list of events) holds until the next event starts or ends, after
// which no key is trusted (see reusable.keys). Every other file (the home
// pages, feeds, calendars, the sitemap) is rendered on every build: each
// reads the whole site. A language's search index reads the texts in
// that language only (web.File.ShowsLang), so its key leaves the others
// out. A language's search page weighs the other languages' indexes: it
// shows their items, in every language.
type renderKeys struct {
	frame  []byte
	texts  map[string][sha256.Size]byte // the Markdown files, by path (inputSums.texts)
	langs  []string
	pdfs   func(*content.Variant) []web.PDFInfo // nil without PDFs
	docs   *markdown.Docs                       // the texts, for the items they link to
	prints map[string][sha256.Size]byte         // each item's print, by key
	// items is what key writes of each item a page shows, worked out
	// once: a list or a tag's page shows dozens, and looking each of
	// their texts' sums up by path, for every page, was 0.3 s of CPU in
	// a build of 3,000 items.
	items map[*content.Item]*itemSums
}

// itemSums is what renderKeys.key writes of an item a page shows: its
// name, and for each of the site's languages the path and the sum of its
// text, if it has one.
type itemSums struct {
	name  string // "item " and its key
	texts []textSum
}

type textSum struct {
	path   string // "" where the item has no text in the language
	sum    [sha256.Size]byte
	summed bool // the build summed its file
}

// newRenderKeys works out the frame of site, read with the sums given.
func newRenderKeys(sums *inputSums, site *Site, pdfs func(*content.Variant) []web.PDFInfo, prints map[string][sha256.Size]byte) *renderKeys {
	cs := site.Content
	rk := &renderKeys{texts: sums.texts, langs: cs.Config.Languages, pdfs: pdfs, docs: site.Docs, prints: prints,
		items: make(map[*content.Item]*itemSums, len(cs.Items))}
	k := newKeyWriter()
	k.bytes(sums.rest)
	variants := map[string]bool{}
	for _, it := range cs.Items {
		is := &itemSums{name: "item " + it.Key(), texts: make([]textSum, len(rk.langs))}
		for i, l := range rk.langs {
			if v := it.Variants[l]; v != nil {
				sum, ok := sums.texts[v.Path]
				is.texts[i] = textSum{v.Path, sum, ok}
			}
		}
		rk.items[it] = is
		k.str(is.name)
		k.str(it.Original)
		k.json(it.Meta)
		k.json(it.Assets)
		for _, l := range rk.langs {
			v := it.Variants[l]
			if v == nil {
				k.str("none")
				continue
			}
			variants[v.Path] = true
			k.str(v.Path)
			k.bool(v.Untranslated) // a copy not yet translated has no page
			k.json(v.Front)
			k.int(int64(v.BodyLine))
			if it.Section == "pages" { // the footer's
				k.str(it.Status(l).String())
			}
		}
	}
	// A Markdown file that is no variant is read all the same.
	var others []string
	for p := range sums.texts {
		if !variants[p] {
			others = append(others, p)
		}
	}
	slices.Sort(others)
	for _, p := range others {
		sum := sums.texts[p]
		k.str("text " + p)
		k.bytes(sum[:])
	}
	rk.frame = k.sum(nil)
	return rk
}

// key names the inputs of f; "" when it cannot, so that the file is
// rendered: a file that reads the whole site (its Shows are nil) has no
// key short of the whole site, and a text it shows may not be summed.
func (rk *renderKeys) key(f web.File) string {
	if f.Shows == nil {
		return ""
	}
	k := newKeyWriter()
	k.bytes(rk.frame)
	k.str(f.Path)
	for _, it := range f.Shows {
		is := rk.items[it]
		if is == nil { // not an item of the site the keys were made for
			return ""
		}
		k.str(is.name)
		full := f.Variant != nil && it == f.Variant.Item
		for i, l := range rk.langs {
			t := &is.texts[i]
			if t.path == "" || f.ShowsLang != "" && l != f.ShowsLang {
				continue
			}
			if !t.summed {
				return ""
			}
			k.str(t.path)
			k.bytes(t.sum[:])
			// An edit of the source alone may change them (a language's
			// search index reads no other language's files).
			if v := it.Variants[l]; v != nil {
				k.lines(v.CopiedLines)
			}
			if !full {
				continue
			}
			d, ok := rk.docs.Lookup(it.Variants[l])
			if !ok || d == nil {
				return ""
			}
			for _, linked := range d.LinkedItems() {
				print := rk.prints[linked]
				k.str("takes from " + linked)
				k.bytes(print[:])
			}
			for _, text := range d.LinkedTexts() {
				sum, ok := rk.texts[text]
				if !ok {
					return ""
				}
				k.str("takes headings from " + text)
				k.bytes(sum[:])
			}
		}
	}
	if f.Variant != nil && rk.pdfs != nil {
		k.json(rk.pdfs(f.Variant))
	}
	return hex.EncodeToString(k.sum(nil)[:16])
}
