// Package web renders a site's pages with html/template: the home page,
// section lists, tag pages and item pages of every language, plus the Atom
// feeds, iCalendar files, sitemap and the language chooser at the root.
// It produces bytes; only the build stage writes them to disk.
package web

import (
	"cmp"
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/imaging"
	"github.com/tractpub/tract/internal/layered"
	"github.com/tractpub/tract/internal/locale"
	"github.com/tractpub/tract/internal/markdown"
)

// PageSize is the number of items on one page of a list.
const PageSize = 20

// GoMessages are the message IDs this package's Go code renders (section
// names, notices, event times); every locale must define them.
var GoMessages = []string{
	"SectionLeaflets", "SectionArticles", "SectionBulletins", "SectionPamphlets", "SectionEvents", "SectionPages",
	"NotTranslated", "EventDays", "EventSameDay", "EventFrom", "EventZone", "DateTime",
	"Tags", "NotFoundTitle", "FeedTitle",
	"PDFPlain", "PDFTwoUp", "PDFBooklet", "PageCount", "SizeKB", "SizeMB",
	"PrintBothSides", "PrintBothSidesShortEdge",
	"PaperA4", "PaperA5", "PaperLetter", "PaperHalfLetter",
	"Search", "SearchResults", "InLanguage", "SheetCount", "NotTranslatedInto", "SearchAlsoIn", "ListAnd",
	// The PDFs' own words, which the templates use too unless a site's own
	// templates leave them out.
	"BulletinNumber", "Contents", "Signatories",
}

func sectionMessage(section string) string {
	return "Section" + strings.ToUpper(section[:1]) + section[1:]
}

// Renderer renders every page of one site. It is read-only once made, so
// its files render in parallel.
type Renderer struct {
	site  *content.Site
	cfg   *content.Config
	cat   *locale.Catalog
	tmpl  *Templates
	docs  *markdown.Docs
	now   time.Time
	style string // site path of the stylesheet with its version
	// shareColors are the default link-preview pictures' colours, the
	// stylesheet's accent.
	shareColors imaging.CardColors
	info        *layered.Map[*content.Variant, *variantInfo]
	// tagKeys memoises tagKey, which normalises Unicode.
	tagKeys map[string]string
	tags    map[string]*tagInfo // by key
	// sections holds each section's items, newest first; bulletins the
	// bulletins each article slug appears in; langs what every page of a
	// language shares.
	sections  map[string][]*content.Item
	bulletins map[string][]*content.Item
	langs     map[string]*langInfo
	order     []*content.Item // every item, newest first (content.NewestFirst)
	parts     *sharedParts    // the shared parts of the layout made so far
	// names are each language's names, worked out once: every page
	// names each language (see langNames).
	names map[string]langNames
	// PDFs returns the PDF editions of a variant, if the build makes them.
	PDFs func(*content.Variant) []PDFInfo
	// SearchScript is the site path of the search page's script, with a
	// version query (see Versioned).
	SearchScript string
	// ShareFont is the TrueType font the default link-preview pictures
	// are drawn in (see ShareImage); without it there are none.
	ShareFont []byte
	// indexes are each language's search index, made at most once (see
	// indexOf).
	indexes map[string]*searchIndexFile
	// whens holds when each event is, as its cards say it in each
	// language (whenKey -> string): a card shows on its section's list,
	// each of its tags' pages and the home page, and writing its dates
	// and times out anew each time took 0.1 s of the 7 s of CPU of a
	// --no-pdf build of 3,000 items (profile). A pointer: a copy of the
	// renderer that differs in its PDFs (see build's newPreview) shares it.
	whens *sync.Map
}

// whenKey is an event and a language, for Renderer.whens.
type whenKey struct {
	it   *content.Item
	lang string
}

// langInfo is what every page of one language shares, computed once.
type langInfo struct {
	lists    map[string][]*content.Item // section -> items listed in this language, newest first
	sections []SectionLink              // the menu, Current unset
	pages    []Card                     // the "pages" section, for the footer (see pageCards)
	allPages string                     // the list of pages, when pages does not hold them all
	// upcoming and past are the events of lists, soonest and latest
	// first, and events both, in the order the events list shows them
	// (see splitEvents). Each list page once sorted them all again: 64,000
	// events took 55 s to check.
	upcoming, past, events []*content.Item
}

type variantInfo struct {
	title, summary string
}

type tagInfo struct {
	name  string // as first written
	key   string // lower case, NFC: the folder name
	items []*content.Item
	// listed holds, for each language, the items its tag pages list
	// (Renderer.listed): worked out once, not for each of the pages.
	listed map[string][]*content.Item
}

// File is one output file: its path under dist/ and how to make it, by
// the renderer that listed it (Renderer.Files) or found it (FileAt).
type File struct {
	Path string
	// Shows are the items whose texts a page shows: for the page of a
	// variant (Variant), its item and the items it shows as cards; for a
	// page of a list or a tag, the items on it; for a search page, the
	// items of the other languages' indexes, which it weighs. Apart from
	// those, such a page reads only the site's frame: every input but the
	// texts, and of each text its front matter and state (see the
	// build's renderKeys). Shows is nil for files that read the whole
	// site.
	Shows []*content.Item
	// ShowsLang, when not "", says the file reads of the items it Shows
	// only their texts in that language: a language's search index.
	ShowsLang string
	// Variant is what the page of a variant, or an event's calendar file,
	// is made from; nil for the other files.
	Variant *content.Variant
	render  func(r *Renderer, f *File, w io.Writer) error
	r       *Renderer
}

// Render writes the file. After an error, what it wrote is incomplete:
// every caller renders into a buffer it then drops.
func (f File) Render(w io.Writer) error { return f.render(f.r, &f, w) }

// NewRenderer prepares the pages of site. docs holds every variant's parsed
// body; now decides which events are upcoming; stylesheet is the CSS, used
// to version its URL so browsers never keep a stale copy.
func NewRenderer(site *content.Site, cat *locale.Catalog, tmpl *Templates, docs *markdown.Docs, now time.Time, stylesheet []byte) *Renderer {
	r := newRenderer(site, cat, tmpl, docs, now, nil)
	r.style, r.shareColors = stylePath(stylesheet), imaging.StyleColors(stylesheet)
	return r
}

// newRenderer makes a renderer. With prev, the renderer of an earlier
// state of the same site whose items an edit partly replaced, added to or
// removed (see content.Site.Reload), what prev worked out for the items
// the edit left alone is reused: an edit costs little more than its own
// items.
func newRenderer(site *content.Site, cat *locale.Catalog, tmpl *Templates, docs *markdown.Docs, now time.Time, prev *Renderer) *Renderer {
	r := &Renderer{
		site: site, cfg: site.Config, cat: cat, tmpl: tmpl, docs: docs, now: now,
		tags:      map[string]*tagInfo{},
		sections:  map[string][]*content.Item{},
		bulletins: map[string][]*content.Item{},
		langs:     map[string]*langInfo{},
		parts:     &sharedParts{},
		names:     map[string]langNames{},
		indexes:   map[string]*searchIndexFile{},
		whens:     new(sync.Map),
	}
	for _, l := range cat.Languages() {
		r.names[l] = newLangNames(l)
		r.indexes[l] = &searchIndexFile{}
	}
	if prev != nil {
		r.tagKeys = prev.tagKeys // listAll and listChanged copy it before adding to it
	}
	r.setInfos(prev)
	if prev != nil {
		// An edit of a few items changes a few lists; a larger one (a
		// git pull) makes them all again, which costs less than
		// changing each.
		if gone, fresh := changes(prev.site, site); len(gone)+len(fresh) <= max(8, len(site.Items)/8) {
			r.listChanged(prev, gone, fresh)
			return r
		}
	}
	r.order = slices.Clone(site.Items)
	content.SortNewestFirst(r.order)
	r.listAll()
	return r
}

// listAll works out the lists of items: by tag, section, bulletin and
// language.
func (r *Renderer) listAll() {
	r.tagKeys = maps.Clone(r.tagKeys)
	if r.tagKeys == nil {
		r.tagKeys = map[string]string{}
	}
	for _, it := range r.site.Items {
		for _, t := range it.Meta.Tags {
			key, ok := r.tagKeys[t]
			if !ok {
				key = tagKey(t)
				r.tagKeys[t] = key
			}
			if r.tags[key] == nil {
				r.tags[key] = &tagInfo{key: key}
			}
		}
	}
	r.nameTags(nil)
	// Every list below is the items it holds, newest first: a part of
	// the one order of all items, made without sorting it again.
	for _, it := range r.order {
		for _, t := range it.Meta.Tags {
			ti := r.tags[r.tagKeys[t]]
			if n := len(ti.items); n == 0 || ti.items[n-1] != it { // a tag written twice
				ti.items = append(ti.items, it)
			}
		}
		r.sections[it.Section] = append(r.sections[it.Section], it)
		if it.Section == "bulletins" && it.Original != "" {
			for _, slug := range it.Meta.Articles {
				r.bulletins[slug] = append(r.bulletins[slug], it)
			}
		}
	}
	for _, ti := range r.tags {
		r.listTag(ti)
	}
	for _, lang := range r.cfg.Languages {
		li := &langInfo{lists: map[string][]*content.Item{}}
		for _, sec := range content.Sections {
			li.lists[sec] = r.listed(r.sections[sec], lang)
		}
		r.menu(li, lang)
		li.pages, li.allPages = r.pageCards(li.lists["pages"], lang)
		r.splitEvents(li)
		r.langs[lang] = li
	}
}

// nameTags names the tags whose keys are in keys (every tag, if keys is
// nil) as most of their items write them, the first written (in the
// items' order) among equals: one new item writing Housing does not
// rename the topic of six that write housing.
func (r *Renderer) nameTags(keys map[string]bool) {
	for key := range keys {
		if ti := r.tags[key]; ti != nil {
			ti.name = ""
		}
	}
	written := map[string]int{} // a tag as written -> how many times
	for _, it := range r.site.Items {
		for _, t := range it.Meta.Tags {
			key := r.tagKeys[t]
			if keys != nil && !keys[key] {
				continue
			}
			written[t]++
			if ti := r.tags[key]; written[t] > written[ti.name] {
				ti.name = t
			}
		}
	}
}

// menu sets the menu of lang's pages from li's lists: the sections with
// items in them, but the pages, which the footer lists.
func (r *Renderer) menu(li *langInfo, lang string) {
	loc := r.cat.Localizer(lang)
	li.sections = nil
	for _, sec := range content.Sections {
		if sec != "pages" && len(li.lists[sec]) > 0 {
			name, _ := loc.T(sectionMessage(sec))
			li.sections = append(li.sections, SectionLink{Name: name, Path: lang + "/" + sec + "/"})
		}
	}
}

// listTag works out what each language's pages of the tag ti list.
func (r *Renderer) listTag(ti *tagInfo) {
	ti.listed = make(map[string][]*content.Item, len(r.cfg.Languages))
	for _, lang := range r.cfg.Languages {
		ti.listed[lang] = r.listed(ti.items, lang)
	}
}

// footerPages is the most pages of the "pages" section the footer lists.
// Every page of the site carries the footer: a site that kept 189 items
// in pages made each of its 11,000 pages some 20 KB larger, a cost per
// page that grew with the site.
const footerPages = 12

// pageCards are the cards of the "pages" section the footer lists, in path
// order: all of them, or, when there are more than footerPages, one fewer
// and all, the path of the list of them all.
func (r *Renderer) pageCards(pages []*content.Item, lang string) (cards []Card, all string) {
	for _, it := range pages {
		cards = append(cards, r.card(it, lang))
	}
	slices.SortFunc(cards, func(a, b Card) int { return strings.Compare(a.Path, b.Path) })
	if len(cards) > footerPages {
		return cards[:footerPages-1], lang + "/pages/"
	}
	return cards, ""
}

// changes compares the items of prev's site with those of site, both in
// content.ItemOrder: gone are the items prev's site has and site has not
// (the old versions of the items an edit replaced, and those it removed),
// fresh those site has and prev's site had not, newest first.
func changes(prev, site *content.Site) (gone []*content.Item, fresh []*content.Item) {
	a, b := prev.Items, site.Items
	for len(a) > 0 || len(b) > 0 {
		var c int
		switch {
		case len(a) == 0:
			c = 1
		case len(b) == 0:
			c = -1
		default:
			c = content.ItemOrder(a[0], b[0])
		}
		switch {
		case c < 0:
			gone, a = append(gone, a[0]), a[1:]
		case c > 0:
			fresh, b = append(fresh, b[0]), b[1:]
		default:
			if a[0] != b[0] {
				gone, fresh = append(gone, a[0]), append(fresh, b[0])
			}
			a, b = a[1:], b[1:]
		}
	}
	content.SortNewestFirst(fresh)
	return gone, fresh
}

// relist returns list, newest first, without the items of gone and with
// those of fresh (newest first) that keep keeps. list is not changed.
func relist(list, gone, fresh []*content.Item, keep func(*content.Item) bool) []*content.Item {
	out := make([]*content.Item, 0, len(list)+len(fresh))
	for _, it := range list {
		if !slices.Contains(gone, it) {
			out = append(out, it)
		}
	}
	for _, it := range fresh {
		if keep(it) {
			i, _ := slices.BinarySearchFunc(out, it, content.NewestFirst)
			out = slices.Insert(out, i, it)
		}
	}
	return slices.Clip(out)
}

// listChanged works out the lists of items from prev's, the renderer of
// the state before an edit: the lists that held an item of gone or may
// hold one of fresh (see changes) are made again from prev's, the others
// are shared with prev, which never changes them. An edit of one text
// costs the lists of its item, not those of the whole site.
func (r *Renderer) listChanged(prev *Renderer, gone, fresh []*content.Item) {
	both := slices.Concat(gone, fresh)
	r.order = relist(prev.order, gone, fresh, func(*content.Item) bool { return true })

	// The tags of the items changed, and the spellings whose count changed.
	cloned := false
	tags := map[string]bool{} // by key
	counts := map[string]int{}
	for i, it := range both {
		for _, t := range it.Meta.Tags {
			key, ok := r.tagKeys[t]
			if !ok {
				if !cloned {
					r.tagKeys, cloned = maps.Clone(prev.tagKeys), true
				}
				key = tagKey(t)
				r.tagKeys[t] = key
			}
			tags[key] = true
			if i < len(gone) {
				counts[t]--
			} else {
				counts[t]++
			}
		}
	}
	r.tags = maps.Clone(prev.tags)
	renamed := map[string]bool{} // by key
	for t, n := range counts {
		if n != 0 {
			renamed[r.tagKeys[t]] = true
		}
	}
	for key := range tags {
		ti := &tagInfo{key: key}
		if p := prev.tags[key]; p != nil {
			ti.name, ti.items = p.name, p.items
		}
		ti.items = relist(ti.items, gone, fresh, func(it *content.Item) bool {
			return slices.ContainsFunc(it.Meta.Tags, func(t string) bool { return r.tagKeys[t] == key })
		})
		if len(ti.items) == 0 {
			delete(r.tags, key)
			continue
		}
		r.listTag(ti)
		r.tags[key] = ti
	}
	if len(renamed) > 0 {
		r.nameTags(renamed)
	}

	r.sections = maps.Clone(prev.sections)
	sections := map[string]bool{}
	r.bulletins = maps.Clone(prev.bulletins)
	articles := map[string]bool{}
	for _, it := range both {
		sections[it.Section] = true
		if it.Section == "bulletins" && it.Original != "" {
			for _, slug := range it.Meta.Articles {
				articles[slug] = true
			}
		}
	}
	for sec := range sections {
		r.sections[sec] = relist(prev.sections[sec], gone, fresh, func(it *content.Item) bool { return it.Section == sec })
	}
	for slug := range articles {
		printed := relist(prev.bulletins[slug], gone, fresh, func(it *content.Item) bool {
			return it.Section == "bulletins" && it.Original != "" && slices.Contains(it.Meta.Articles, slug)
		})
		if len(printed) == 0 {
			delete(r.bulletins, slug)
		} else {
			r.bulletins[slug] = printed
		}
	}

	for lang, pl := range prev.langs {
		li := &langInfo{lists: maps.Clone(pl.lists), sections: pl.sections, pages: pl.pages, allPages: pl.allPages,
			upcoming: pl.upcoming, past: pl.past, events: pl.events}
		menu := false // a section of the menu has items now, or none
		for sec := range sections {
			li.lists[sec] = relist(pl.lists[sec], gone, fresh, func(it *content.Item) bool { return it.Section == sec && r.visible(it, lang) })
			menu = menu || (len(li.lists[sec]) > 0) != (len(pl.lists[sec]) > 0)
		}
		if menu {
			r.menu(li, lang)
		}
		if sections["pages"] {
			li.pages, li.allPages = r.pageCards(li.lists["pages"], lang)
		}
		if sections["events"] {
			r.splitEvents(li)
		}
		r.langs[lang] = li
	}
}

// With returns a renderer of a new state of the same site — the items and
// their parsed texts after an edit — with r's templates, catalog, clock,
// stylesheet, script and share font. Its PDFs are unset.
func (r *Renderer) With(site *content.Site, docs *markdown.Docs) *Renderer {
	n := newRenderer(site, r.cat, r.tmpl, docs, r.now, r)
	n.style, n.SearchScript, n.ShareFont, n.shareColors = r.style, r.SearchScript, r.ShareFont, r.shareColors
	return n
}

// WithFrame returns a renderer of the same state of the site with other
// templates, stylesheet and search script (their site path with its
// version, see Versioned). What r worked out of the items is reused, the
// parts of the layout it made are not. Its PDFs are unset.
func (r *Renderer) WithFrame(tmpl *Templates, stylesheet []byte, searchScript string) *Renderer {
	n := newRenderer(r.site, r.cat, tmpl, r.docs, r.now, r)
	n.style, n.SearchScript, n.ShareFont = stylePath(stylesheet), searchScript, r.ShareFont
	n.shareColors = imaging.StyleColors(stylesheet)
	return n
}

// setInfos works out the title and summary of each variant: all of them,
// or after an edit (prev is the renderer before it) those of the items
// the edit made, sharing the others' with prev. The infos of the items
// the edit replaced or removed are dropped.
func (r *Renderer) setInfos(prev *Renderer) {
	site := r.site
	if prev == nil {
		all := make(map[*content.Variant]*variantInfo, 3*len(site.Items))
		for _, it := range site.Items {
			for _, v := range it.Variants {
				all[v] = r.variantInfo(v)
			}
		}
		r.info = layered.Of(all)
		return
	}
	e := prev.info.Edit()
	add := func(it *content.Item) {
		for _, v := range it.Variants {
			e.Set(v, r.variantInfo(v))
		}
	}
	drop := func(it *content.Item) {
		for _, v := range it.Variants {
			e.Delete(v)
		}
	}
	// The items prev had are in the same places unless the edit added or
	// removed some (see content.Site.Reload).
	if len(prev.site.Items) == len(site.Items) {
		for i, it := range site.Items {
			if old := prev.site.Items[i]; old != it {
				drop(old)
				add(it)
			}
		}
	} else {
		now := make(map[*content.Item]bool, len(site.Items))
		for _, it := range site.Items {
			now[it] = true
		}
		had := make(map[*content.Item]bool, len(prev.site.Items))
		for _, it := range prev.site.Items {
			had[it] = true
			if !now[it] {
				drop(it)
			}
		}
		for _, it := range site.Items {
			if !had[it] {
				add(it)
			}
		}
	}
	r.info = e.Done()
}

// variantInfo works out the title and summary of v.
func (r *Renderer) variantInfo(v *content.Variant) *variantInfo {
	typo := locale.TypographyFor(v.Lang)
	vi := &variantInfo{title: markdown.Typeset(v.Title(), typo)}
	if v.Front.Summary != "" {
		vi.summary = markdown.Typeset(v.Front.Summary, typo)
	} else if d := r.docs.Get(v); d != nil {
		vi.summary = d.Summary(200)
	}
	return vi
}

// stylePath is the site path of the stylesheet, versioned.
func stylePath(stylesheet []byte) string { return Versioned("assets/tract.css", stylesheet) }

// Versioned is the site path of an asset with a query naming its version,
// so that browsers never keep a stale copy: "assets/tract.css?v=1f2e3d4c".
func Versioned(path string, data []byte) string {
	return fmt.Sprintf("%s?v=%x", path, hash8(data))
}

func hash8(b []byte) uint32 {
	var h uint32 = 2166136261
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

// tagKey is the folder name of a tag (see content.TagKey).
func tagKey(t string) string { return content.TagKey(t) }

// tagPath is the site path of a tag's page (not URL-escaped: it is also
// the folder name; html/template escapes it in links).
func tagPath(lang, key string) string { return lang + "/tags/" + key + "/" }

func relURL(from, to string) string { return content.RelURL(from, to) }

// visible reports whether an item appears in lang's lists.
func (r *Renderer) visible(it *content.Item, lang string) bool {
	if it.Original == "" {
		return false
	}
	return it.Published(lang) != nil || r.cfg.Fallback == content.FallbackOriginal
}

func (r *Renderer) listed(items []*content.Item, lang string) []*content.Item {
	out := make([]*content.Item, 0, len(items))
	for _, it := range items {
		if r.visible(it, lang) {
			out = append(out, it)
		}
	}
	return out
}

// itemPage renders the page of f's variant: a function rather than a
// closure per page, so that listing the files of a site of thousands of
// items does not make one for each. So does an event's calendar file
// (eventCalendar).
func itemPage(r *Renderer, f *File, w io.Writer) error { return r.item(w, f.Variant) }

// eventCalendar renders the calendar file of f's variant, an event.
func eventCalendar(r *Renderer, f *File, w io.Writer) error { return r.eventICS(w, f.Variant) }

func listPath(base string, n int) string {
	if n <= 1 {
		return base
	}
	return fmt.Sprintf("%spage/%d/", base, n)
}

func (r *Renderer) sortedTags() []*tagInfo {
	out := make([]*tagInfo, 0, len(r.tags))
	for _, t := range r.tags {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b *tagInfo) int { return strings.Compare(a.key, b.key) })
	return out
}

// page fills the parts every page of lang shares.
func (r *Renderer) page(lang, kind, path, title string) *Page {
	loc := r.cat.Localizer(lang)
	p := &Page{
		Lang: lang, Dir: loc.Dir, Kind: kind, Path: path, Title: title,
		Site: SiteInfo{
			Title:  markdown.Typeset(r.cfg.SiteTitle(lang), loc.Typography),
			Home:   lang + "/",
			Search: lang + "/search/",
			Tags:   lang + "/tags/",
		},
		Canonical:  r.cfg.AbsURL(path),
		Feed:       lang + "/feed.xml",
		Stylesheet: r.style,
		basePath:   r.cfg.BasePath(),
		OG:         OpenGraph{Type: "website", Locale: r.namesOf(lang).og},
		parts:      r.parts,
	}
	for _, l := range r.cfg.Languages {
		if l != lang {
			p.OG.Alternates = append(p.OG.Alternates, r.namesOf(l).og)
		}
	}
	if r.ShareFont != nil {
		p.OG.Image = r.cfg.AbsURL(ShareImage(lang))
		p.OG.ImageWidth, p.OG.ImageHeight = imaging.CardWidth, imaging.CardHeight
		p.OG.ImageAlt = p.Site.Title
	}
	li := r.langs[lang]
	p.Site.Sections = slices.Clone(li.sections)
	for i := range p.Site.Sections {
		s := &p.Site.Sections[i]
		if s.Current = strings.HasPrefix(path, s.Path); s.Current {
			// "page" where the link leads: the list's first page. On
			// its later pages and its items, the reader is in the
			// section, not on the page the link leads to.
			s.AriaCurrent = "true"
			if path == s.Path {
				s.AriaCurrent = "page"
			}
		}
	}
	p.Site.Pages, p.Site.AllPages = li.pages, li.allPages
	return p
}

// sameInEveryLanguage sets the switcher and alternates of a page that exists
// in every language at the same path under each language's folder.
func (r *Renderer) sameInEveryLanguage(p *Page, rest string) {
	r.inLanguages(p, rest, nil, "")
}

// inLanguages sets the switcher and alternates of a page found at rest
// under the folder of each language for which has says so (every one if
// has is nil). In another language, the switcher leads to instead, under
// its folder, and no alternate names the page: a tag whose items are
// all in English has no French page with fallback = "hide", nor does a
// list's page 3 where the language has two.
func (r *Renderer) inLanguages(p *Page, rest string, has func(lang string) bool, instead string) {
	for _, l := range r.cfg.Languages {
		there := l == p.Lang || has == nil || has(l)
		path := l + "/" + rest
		if !there {
			path = l + "/" + instead
		}
		a := Alt{Lang: l, Name: r.namesOf(l).self, Dir: r.cat.Dir(l), Path: path, Abs: r.cfg.AbsURL(path), Current: l == p.Lang}
		p.Switcher = append(p.Switcher, a)
		if there {
			p.Alternates = append(p.Alternates, a)
		}
	}
	if def := r.cfg.DefaultLanguage; def == p.Lang || has == nil || has(def) {
		path := def + "/" + rest
		p.Alternates = append(p.Alternates, Alt{Lang: "x-default", Path: path, Abs: r.cfg.AbsURL(path)})
	}
}

// pageCount is how many pages a list of n items takes.
func pageCount(n int) int { return max(1, (n+PageSize-1)/PageSize) }

// ogLocale is Open Graph's name of lang's locale ("fr_FR" for "fr").
func ogLocale(lang string) string {
	tag := language.Make(lang)
	base, _ := tag.Base()
	region, _ := tag.Region()
	return base.String() + "_" + region.String()
}

// langNames are the names a page gives a language: Open Graph's locale
// (ogLocale) and the language's name in itself, as the switcher shows
// it (locale.SelfName). A page asks them of every language of its item,
// and each parses the language's tag: the renderer works them out once
// for each of the site's languages (Renderer.names). Parsing the tag
// for every page took 3% of an item page's time for the locale, and
// another 2.8% for the name.
type langNames struct{ og, self string }

func newLangNames(lang string) langNames {
	return langNames{og: ogLocale(lang), self: locale.SelfName(lang)}
}

// namesOf is the names of lang, from r.names for the site's languages.
func (r *Renderer) namesOf(lang string) langNames {
	if n, ok := r.names[lang]; ok {
		return n
	}
	return newLangNames(lang)
}

func (r *Renderer) exec(w io.Writer, name string, p *Page) error {
	t := r.tmpl.byLang[p.Lang][name]
	if t == nil {
		return fmt.Errorf("no template %s for %s", name, p.Lang)
	}
	p.tmpl, p.tmplName = t, name
	p.setHrefs()
	if err := t.ExecuteTemplate(w, name, p); err != nil {
		if msg, hint := err.Error(), FieldHint(err.Error()); hint != msg {
			return fmt.Errorf("%s: %s", p.Path, hint)
		}
		return fmt.Errorf("%s: %w", p.Path, err)
	}
	return nil
}

// card shows item it in a list of lang.
func (r *Renderer) card(it *content.Item, lang string) Card {
	rl := it.ReaderLang(lang)
	v := it.Variants[rl]
	loc := r.cat.Localizer(lang)
	c := Card{
		Title:    r.info.Get(v).title,
		Path:     it.PagePath(rl),
		Lang:     rl,
		Summary:  r.info.Get(v).summary,
		Number:   it.Meta.Number,
		Venue:    it.Meta.Venue,
		Outdated: v.Outdated,
	}
	c.Section, _ = loc.T(sectionMessage(it.Section))
	c.Dir = r.cat.Dir(rl)
	if c.Venue != "" && it.Original != lang {
		c.VenueLang, c.VenueDir = it.Original, r.cat.Dir(it.Original)
	}
	if rl != lang {
		c.Fallback, _ = loc.T("NotTranslated", "Language", loc.LanguageName(rl))
	}
	if it.Section == "events" && !it.Meta.Starts.IsZero() {
		c.Date = r.eventWhen(it, lang)
		c.DateISO = whenISO(it.Meta.Starts)
	} else if !it.Meta.Date.IsZero() {
		c.Date = loc.Date(it.Meta.Date.Time)
		c.DateISO = it.Meta.Date.Format(time.DateOnly)
	}
	return c
}

func (r *Renderer) cards(items []*content.Item, lang string) []Card {
	out := make([]Card, 0, len(items))
	for _, it := range items {
		out = append(out, r.card(it, lang))
	}
	return out
}

// eventWhen is when event it is, in lang, made once (see Renderer.whens).
func (r *Renderer) eventWhen(it *content.Item, lang string) string {
	k := whenKey{it, lang}
	if s, ok := r.whens.Load(k); ok {
		return s.(string)
	}
	s := eventWhen(r.cat.Localizer(lang), it.Meta, r.cfg.OtherZone(it.Meta.Starts))
	r.whens.Store(k, s)
	return s
}

// eventWhen writes an event's dates and times as written, in loc's
// language.
func eventWhen(loc *locale.Localizer, m content.Meta, zone string) string {
	return loc.EventWhen(m.Starts.Time, m.Ends.Time, m.Starts.AllDay, zone, func(id string, args ...any) string {
		out, _ := loc.T(id, args...)
		return out
	})
}

func whenISO(w content.When) string {
	switch {
	case w.AllDay:
		return w.Time.Format(time.DateOnly)
	case w.Floating:
		return w.Time.Format("2006-01-02T15:04")
	}
	return w.Time.Format(time.RFC3339)
}

// upcoming reports whether an event has not ended yet.
func (r *Renderer) upcoming(m content.Meta) bool {
	at, ok := eventOver(m)
	return ok && !at.Before(r.now)
}

// eventOver is the moment after which an event is past: its end; the end
// of its last day, for an all-day event; and for an event with a start
// time and no end, the end of the day it starts, rather than the moment
// it starts (a meeting at 19:00 is still tonight's at 19:30). ok is false
// for an event without a start.
func eventOver(m content.Meta) (at time.Time, ok bool) {
	end := m.Ends
	if end.IsZero() {
		end = m.Starts
		if end.IsZero() {
			return time.Time{}, false
		}
		if !end.AllDay {
			y, mo, d := end.Time.Date()
			return time.Date(y, mo, d+1, 0, 0, 0, 0, end.Time.Location()), true
		}
	}
	if end.AllDay {
		return end.Time.AddDate(0, 0, 1), true
	}
	return end.Time, true
}

// NextChange is the first moment after the renderer's now at which an
// event starts or ends being upcoming, so that pages made now go out of
// date; zero if none will.
func (r *Renderer) NextChange() time.Time {
	var next time.Time
	for _, it := range r.sections["events"] {
		at, ok := eventOver(it.Meta)
		if !ok {
			continue
		}
		// upcoming turns false once now passes this moment.
		at = at.Add(time.Nanosecond)
		if at.After(r.now) && (next.IsZero() || at.Before(next)) {
			next = at
		}
	}
	return next
}

// events returns lang's upcoming events, soonest first, and its past
// ones, latest first. The slices are shared: append to them copies.
func (r *Renderer) events(lang string) (upcoming, past []*content.Item) {
	li := r.langs[lang]
	return li.upcoming, li.past
}

// splitEvents sorts li's events into upcoming and past ones.
func (r *Renderer) splitEvents(li *langInfo) {
	var upcoming, past []*content.Item
	for _, it := range li.lists["events"] {
		if r.upcoming(it.Meta) {
			upcoming = append(upcoming, it)
		} else {
			past = append(past, it)
		}
	}
	byStart := func(a, b *content.Item) int { return a.Meta.Starts.Time.Compare(b.Meta.Starts.Time) }
	slices.SortStableFunc(upcoming, byStart) // soonest first
	slices.SortStableFunc(past, func(a, b *content.Item) int { return byStart(b, a) })
	li.upcoming, li.past = slices.Clip(upcoming), slices.Clip(past)
	li.events = slices.Concat(upcoming, past)
}

func (r *Renderer) home(w io.Writer, lang string) error {
	p := r.page(lang, "home", lang+"/", "")
	r.sameInEveryLanguage(p, "")
	var latest []*content.Item // newest first
	for _, it := range r.order {
		if it.Section != "pages" && it.Section != "events" && r.visible(it, lang) {
			latest = append(latest, it)
		}
	}
	bulletins := r.langs[lang].lists["bulletins"]
	if len(bulletins) > 0 {
		cur := slices.MaxFunc(bulletins, func(a, b *content.Item) int {
			return cmp.Or(cmp.Compare(a.Meta.Number, b.Meta.Number), a.SortTime().Compare(b.SortTime()))
		})
		c := r.card(cur, lang)
		p.Bulletin = &c
		latest = slices.DeleteFunc(latest, func(it *content.Item) bool { return it == cur })
	}
	p.Cards = r.cards(latest[:min(len(latest), 10)], lang)
	up, _ := r.events(lang)
	p.Upcoming = r.cards(up[:min(len(up), 5)], lang)
	p.Summary = p.Site.Title
	return r.exec(w, "home.html", p)
}

func (r *Renderer) list(w io.Writer, lang, section string, n int) error {
	loc := r.cat.Localizer(lang)
	title, _ := loc.T(sectionMessage(section))
	base := lang + "/" + section + "/"
	p := r.page(lang, "list", listPath(base, n), title)
	p.Section = section
	r.inLanguages(p, strings.TrimPrefix(p.Path, lang+"/"), func(l string) bool {
		return n <= pageCount(len(r.sectionList(l, section)))
	}, section+"/")
	var items []*content.Item
	p.Pagination, items = paginate(base, r.sectionList(lang, section), n)
	for _, it := range items {
		if section == "events" && r.upcoming(it.Meta) {
			p.Upcoming = append(p.Upcoming, r.card(it, lang))
		} else if section == "events" {
			p.Past = append(p.Past, r.card(it, lang))
		} else {
			p.Cards = append(p.Cards, r.card(it, lang))
		}
	}
	return r.exec(w, "list.html", p)
}

// sectionList returns the items section's list in lang shows, in order:
// for events, the upcoming ones first.
func (r *Renderer) sectionList(lang, section string) []*content.Item {
	if section == "events" {
		return r.langs[lang].events
	}
	return r.langs[lang].lists[section]
}

func paginate(base string, items []*content.Item, n int) (*Pagination, []*content.Item) {
	pages := pageCount(len(items))
	pg := &Pagination{Page: n, Pages: pages}
	if n > 1 {
		pg.Prev = listPath(base, n-1)
	}
	if n < pages {
		pg.Next = listPath(base, n+1)
	}
	lo := min((n-1)*PageSize, len(items))
	hi := min(n*PageSize, len(items))
	if pages == 1 {
		pg = nil
	}
	return pg, items[lo:hi]
}

func (r *Renderer) tagIndex(w io.Writer, lang string) error {
	title, _ := r.cat.Localizer(lang).T("Tags")
	p := r.page(lang, "tags", lang+"/tags/", title)
	r.sameInEveryLanguage(p, "tags/")
	for _, ti := range r.sortedTags() {
		if n := len(ti.listed[lang]); n > 0 {
			p.Tags = append(p.Tags, TagLink{Name: r.cfg.TagName(ti.name, lang), Path: tagPath(lang, ti.key), Count: n})
		}
	}
	// In the order of the names shown, the language's alphabetical order
	// (its collation, from the Unicode CLDR): a tag tract.toml names in
	// lang is not where its key would put it, "égalité" goes among the e
	// in French, and Ukrainian puts "і" after "и" and Polish "ś" after
	// "s", where the order of code points puts them after the last letter.
	// (The tables add 1.4 MB to the binary.)
	col := collate.New(language.Make(lang), collate.IgnoreCase)
	slices.SortStableFunc(p.Tags, func(a, b TagLink) int { return col.CompareString(a.Name, b.Name) })
	return r.exec(w, "tags.html", p)
}

func (r *Renderer) tagPage(w io.Writer, lang string, ti *tagInfo, n int) error {
	base := tagPath(lang, ti.key)
	p := r.page(lang, "tag", listPath(base, n), r.cfg.TagName(ti.name, lang))
	r.inLanguages(p, strings.TrimPrefix(p.Path, lang+"/"), func(l string) bool {
		return len(ti.listed[l]) > 0 && n <= pageCount(len(ti.listed[l]))
	}, "tags/")
	items := ti.listed[lang] // newest first, as ti.items
	p.Pagination, items = paginate(base, items, n)
	p.Cards = r.cards(items, lang)
	return r.exec(w, "list.html", p)
}

func (r *Renderer) notFound(w io.Writer, lang, path string) error {
	title, _ := r.cat.Localizer(lang).T("NotFoundTitle")
	p := r.page(lang, "404", path, title)
	p.Absolute = true
	p.Canonical = ""
	for _, l := range r.cfg.Languages {
		a := Alt{Lang: l, Name: r.namesOf(l).self, Dir: r.cat.Dir(l), Path: l + "/", Current: l == lang}
		if path == "404.html" && l != lang {
			// The site's own 404 is what a static host shows for any
			// address, /fr/… too: each language says it in its words.
			a.Note, _ = r.cat.Localizer(l).T("NotFoundTitle")
		}
		p.Languages = append(p.Languages, a)
	}
	return r.exec(w, "404.html", p)
}

func (r *Renderer) root(w io.Writer) error {
	lang := r.cfg.DefaultLanguage
	p := r.page(lang, "root", "", r.cfg.SiteTitle(lang))
	r.sameInEveryLanguage(p, "")
	for _, l := range r.cfg.Languages {
		p.Languages = append(p.Languages, Alt{Lang: l, Name: r.namesOf(l).self, Dir: r.cat.Dir(l), Path: l + "/", Abs: r.cfg.AbsURL(l + "/")})
	}
	return r.exec(w, "root.html", p)
}

// item renders the page of one variant.
func (r *Renderer) item(w io.Writer, v *content.Variant) error {
	it := v.Item
	lang := v.Lang
	loc := r.cat.Localizer(lang)
	vi := r.info.Get(v)
	p := r.page(lang, "item", it.PagePath(lang), vi.title)
	p.Summary = vi.summary
	p.OG.Type = "article"
	p.Switcher = make([]Alt, 0, len(r.cfg.Languages))
	p.Alternates = make([]Alt, 0, len(r.cfg.Languages)+1)
	for _, l := range r.cfg.Languages {
		if it.Published(l) == nil {
			// A reader of l who followed a link to this text in another
			// language keeps a way back: to l's list of the section, which
			// shows the text with its notice, or hides it (fallback).
			note, _ := r.cat.Localizer(l).T("NotTranslatedInto")
			p.Switcher = append(p.Switcher, Alt{Lang: l, Name: r.namesOf(l).self, Dir: r.cat.Dir(l), Path: l + "/" + it.Section + "/", Note: note})
			continue
		}
		path := it.PagePath(l)
		a := Alt{Lang: l, Name: r.namesOf(l).self, Dir: r.cat.Dir(l), Path: path, Abs: r.cfg.AbsURL(path), Current: l == lang, Status: it.Status(l).String()}
		p.Switcher = append(p.Switcher, a)
		p.Alternates = append(p.Alternates, a)
	}
	xdef := it.ReaderLang(r.cfg.DefaultLanguage)
	p.Alternates = append(p.Alternates, Alt{Lang: "x-default", Path: it.PagePath(xdef), Abs: r.cfg.AbsURL(it.PagePath(xdef))})
	p.OG.Alternates = nil
	for _, l := range it.PublishedLangs(r.cfg.Languages) {
		if l != lang {
			p.OG.Alternates = append(p.OG.Alternates, r.namesOf(l).og)
		}
	}

	doc := r.docs.Get(v)
	body, err := doc.HTMLString()
	if err != nil {
		return err
	}
	sectionName, _ := loc.T(sectionMessage(it.Section))
	iv := &ItemView{
		Title:       vi.title,
		Body:        template.HTML(body), // goldmark output: raw HTML and script URLs were removed at parse time
		Summary:     vi.summary,
		Section:     it.Section,
		SectionName: sectionName,
		Signatories: typesetAll(it.Meta.Signatories, locale.TypographyFor(it.Original)),
		Number:      it.Meta.Number,
	}
	if len(iv.Signatories) > 0 && it.Original != v.Lang {
		iv.SignatoriesLang = it.Original
	}
	if !it.Meta.Date.IsZero() {
		iv.DateISO = it.Meta.Date.Format(time.DateOnly)
		p.OG.Published = iv.DateISO
		// An event shows when it happens instead; a page is timeless.
		if it.Section != "events" && it.Section != "pages" {
			iv.Date = loc.Date(it.Meta.Date.Time)
		}
	}
	// Tags written twice in one item, "Housing" and "housing ", are one
	// tag with one page: linked once, as the item first writes it.
	tags, keys := content.DistinctTags(it.Meta.Tags)
	for i, t := range tags {
		iv.Tags = append(iv.Tags, TagLink{Name: r.cfg.TagName(t, lang), Path: tagPath(lang, keys[i])})
	}
	if v.Outdated || v.PartlyCopied() {
		iv.Outdated, iv.PartlyCopied = v.Outdated, !v.Outdated
		src := v.TranslatedFrom().Lang
		iv.Original = it.PagePath(src)
		iv.OriginalLang = src
		iv.OriginalName = loc.LanguageName(src)
	}
	if img := doc.LeadImage(); img != nil {
		p.OG.Image = r.cfg.AbsURL(img.Path)
		p.OG.ImageWidth, p.OG.ImageHeight, p.OG.ImageAlt = img.Width, img.Height, img.Alt
	}
	switch it.Section {
	case "bulletins":
		iv.Articles = r.cards(r.cardsOn(it), lang)
	case "articles":
		iv.PartOf = r.cards(r.cardsOn(it), lang)
	case "events":
		iv.Event = &EventView{
			When:     loc.Capitalize(r.eventWhen(it, lang)),
			StartISO: whenISO(it.Meta.Starts),
			AllDay:   it.Meta.Starts.AllDay,
			Venue:    markdown.Typeset(it.Meta.Venue, locale.TypographyFor(it.Original)), // neutral: written in the original's language
			Address:  it.Meta.Address,
			ICS:      it.PagePath(lang) + it.Slug + ".ics",
			Past:     !r.upcoming(it.Meta),
		}
		if !it.Meta.Ends.IsZero() {
			iv.Event.EndISO = whenISO(it.Meta.Ends)
		}
		if it.Original != lang {
			iv.Event.VenueLang = it.Original
		}
	case "pamphlets":
		iv.TOC = contents(doc.Headings())
	}
	if r.PDFs != nil {
		infos := r.PDFs(v)
		if len(infos) > 1 && infos[0].Paper == "a5" && infos[1].Edition == "2-up" {
			// Two A5 copies to an A4 sheet first: most printers take
			// A4 paper only.
			infos = append([]PDFInfo{infos[1], infos[0]}, infos[2:]...)
		}
		for _, info := range infos {
			iv.PDFs = append(iv.PDFs, PDFLink{Path: info.Path, Label: pdfLabel(loc, info)})
		}
	}
	p.Item = iv
	return r.exec(w, "item.html", p)
}

// cardsOn returns the items the page of it shows as cards: a bulletin's
// articles, an article's bulletins.
func (r *Renderer) cardsOn(it *content.Item) []*content.Item {
	switch it.Section {
	case "bulletins":
		var out []*content.Item
		for _, slug := range it.Meta.Articles {
			if a := r.site.Item("articles", slug); a != nil && a.Original != "" {
				out = append(out, a)
			}
		}
		return out
	case "articles":
		return r.bulletins[it.Slug]
	}
	return nil
}

// ShareImage is the site path of lang's default link-preview picture.
func ShareImage(lang string) string { return "assets/share-" + lang + ".png" }

// shareImage draws lang's default link-preview picture: the site's title,
// but for a language written right to left, whose letters the drawing
// would set left to right and not join: the picture is then the colours
// alone.
func (r *Renderer) shareImage(w io.Writer, lang string) error {
	title := r.cfg.SiteTitle(lang)
	if r.cat.Dir(lang) == "rtl" {
		title = ""
	}
	png, err := imaging.ShareCard(title, r.ShareFont, r.shareColors)
	if err != nil {
		return err
	}
	_, err = w.Write(png)
	return err
}

// listAnd joins items as the page's language lists them: "a", "a and
// b", "a, b and c".
func listAnd(loc *locale.Localizer, items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	s, _ := loc.T("ListAnd", "List", strings.Join(items[:len(items)-1], ", "), "Last", items[len(items)-1])
	return s
}

// sizeText is a file's size as the page's language writes it: "48 KB",
// "1.2 MB", "1,2 Mo".
func sizeText(loc *locale.Localizer, bytes int) string {
	if bytes >= 1<<20 {
		s, _ := loc.T("SizeMB", "Size", message.NewPrinter(loc.Tag).Sprintf("%.1f", float64(bytes)/(1<<20)))
		return s
	}
	s, _ := loc.T("SizeKB", "Size", max(1, (bytes+512)/1024))
	return s
}

// pdfLabel describes a PDF edition in the page's language:
// "PDF · A4 · 1 page · 48 KB".
func pdfLabel(loc *locale.Localizer, info PDFInfo) string {
	t := func(id string, args ...any) string { s, _ := loc.T(id, args...); return s }
	paper := func(p string) string {
		switch p {
		case "a4":
			return t("PaperA4")
		case "a5":
			return t("PaperA5")
		case "letter":
			return t("PaperLetter")
		}
		return t("PaperHalfLetter")
	}
	size := sizeText(loc, info.Bytes)
	id := map[string]string{"plain": "PDFPlain", "2-up": "PDFTwoUp", "booklet": "PDFBooklet"}[info.Edition]
	// A booklet's sheet of paper holds four of its pages, two a side.
	sheets := t("SheetCount", (info.Pages+3)/4)
	// Pages to print on both sides say so (a booklet's label says how
	// already): printed on one, a run of leaflets comes out as a stack
	// of fronts and a stack of backs. Two copies to a landscape sheet
	// are turned over on its short edge, or their backs come out upside
	// down.
	pages := t("PageCount", info.Pages)
	switch {
	case info.Edition == "booklet":
	case info.Duplex == "short":
		pages += ", " + t("PrintBothSidesShortEdge")
	case info.Duplex == "long":
		pages += ", " + t("PrintBothSides")
	}
	return t(id, "Paper", paper(info.Paper), "Sheet", paper(info.Sheet), "Pages", pages, "Sheets", sheets, "Size", size)
}

// typesetAll applies a language's typography to each of a list of names.
func typesetAll(list []string, t locale.Typography) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = markdown.Typeset(s, t)
	}
	return out
}

// contents is a pamphlet's table of contents: its chapters (h2), each
// with its sections (h3) nested, so that the chapters are numbered 1, 2,
// 3 and a screen reader hears the outline. A section before the first
// chapter is listed as one.
func contents(headings []markdown.Heading) []TOCEntry {
	var toc []TOCEntry
	for _, h := range headings {
		e := TOCEntry{Level: h.Level, ID: h.ID, Text: h.Text}
		switch {
		case h.Level == 3 && len(toc) > 0 && toc[len(toc)-1].Level == 2:
			last := &toc[len(toc)-1]
			last.Sections = append(last.Sections, e)
		case h.Level == 2 || h.Level == 3:
			toc = append(toc, e)
		}
	}
	return toc
}
