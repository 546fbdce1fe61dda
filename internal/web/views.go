package web

import (
	"html/template"
)

// Page is what every page template receives. Templates reach other pages
// through .URL, which makes a link relative to the page itself.
type Page struct {
	Lang     string // the page's language
	Dir      string // "rtl" when Lang is written right to left, for <html dir>
	Kind     string // home, list, item, tags, tag, 404, root, search
	Path     string // site path: "fr/leaflets/rent/" or "404.html"
	Title    string // the page's own title (without the site's)
	Summary  string // meta description
	Site     SiteInfo
	Switcher []Alt // the same page in each language it exists in (an item's: in every language, see Alt.Note)
	// Alternates are the <link rel=alternate hreflang> of the page: every
	// language version plus x-default.
	Alternates []Alt
	Canonical  string // absolute URL
	OG         OpenGraph
	Feed       string // site path of the language's Atom feed
	Stylesheet string // site path of the stylesheet, with a version query
	// Absolute makes links root-relative under the base path instead of
	// relative to the page: for 404 pages, which are served at any address.
	Absolute bool

	Item       *ItemView
	Cards      []Card
	Upcoming   []Card // home and events list: upcoming events
	Past       []Card // events list: past events
	Bulletin   *Card  // home: the current bulletin
	Tags       []TagLink
	Section    string // list pages: the section, e.g. "leaflets"
	Pagination *Pagination
	Languages  []Alt // root page: every language's home
	Search     *SearchView
	basePath   string
	// The template set and page template rendering the page, and the
	// shared parts made so far (see shared).
	tmpl     *template.Template
	tmplName string
	parts    *sharedParts
}

// URL links from this page to a site path ("fr/leaflets/" or
// "assets/tract.css").
func (p *Page) URL(to string) string {
	if p.Absolute {
		return p.basePath + to
	}
	return relURL(p.Path, to)
}

// setHrefs makes the links of the page's lists relative to the page, as
// URL does: a template writes {{.Href}} for each, where {{$.URL .Path}}
// costs a call through reflection, and an item page shows several.
func (p *Page) setHrefs() {
	for i := range p.Switcher {
		p.Switcher[i].Href = p.URL(p.Switcher[i].Path)
	}
	for i := range p.Languages {
		p.Languages[i].Href = p.URL(p.Languages[i].Path)
	}
	for i := range p.Tags {
		p.Tags[i].Href = p.URL(p.Tags[i].Path)
	}
	if it := p.Item; it != nil {
		it.SectionHref = p.URL(p.Lang + "/" + it.Section + "/")
		for i := range it.Tags {
			it.Tags[i].Href = p.URL(it.Tags[i].Path)
		}
		for i := range it.PartOf {
			it.PartOf[i].Href = p.URL(it.PartOf[i].Path)
		}
		for i := range it.PDFs {
			it.PDFs[i].Href = p.URL(it.PDFs[i].Path)
		}
	}
}

// Card prepares c for this page (see Card's view fields), under a heading
// of level 2.
func (p *Page) Card(c Card) Card {
	c.Href, c.PageLang, c.PageDir, c.Level = p.URL(c.Path), p.Lang, "ltr", 2
	if p.Dir == "rtl" {
		c.PageDir = "rtl"
	}
	return c
}

// SubCard prepares c for this page, under a heading of level 3.
func (p *Page) SubCard(c Card) Card {
	v := p.Card(c)
	v.Level = 3
	return v
}

// LangCodes are the site's languages, for the root page's script.
func (p *Page) LangCodes() []string {
	out := make([]string, len(p.Languages))
	for i, l := range p.Languages {
		out[i] = l.Lang
	}
	return out
}

// SiteInfo is what every page shows of the site: its title and menus.
type SiteInfo struct {
	Title    string // in the page's language
	Home     string // site path of the language's home
	Sections []SectionLink
	Pages    []Card // items of the "pages" section, for the footer: at most footerPages
	AllPages string // site path of the list of pages, when Pages does not hold them all
	Search   string // site path of the search page
	Tags     string // site path of the tags index
}

// SectionLink is one entry of the section menu.
type SectionLink struct {
	Name    string // localised
	Path    string
	Current bool // the page is the section's list, or in the section
	// AriaCurrent is the link's aria-current: "page" on the section's
	// list (the page the link leads to), "true" on its later pages and
	// the items inside the section, "" elsewhere. A screen reader says
	// "current page" for the first only.
	AriaCurrent string
}

// Alt is one language version of a page.
type Alt struct {
	Lang    string // BCP 47 tag, or x-default
	Name    string // the language's name in itself: "Français"
	Path    string // site path
	Href    string // Path as the page links it (set as the page is rendered, as Page.URL makes it)
	Abs     string // absolute URL
	Current bool   // the page being rendered
	Dir     string // the direction of Lang, "ltr" or "rtl" (see locale.Catalog.Dir)
	Status  string // for item switchers: original, current, outdated, untranslated
	// Note, in an item's switcher, is set for a language the item has no
	// text in: why the link goes to that language's list of the section.
	// On the site's own 404 page it is "page not found" in the language.
	Note string
}

// OpenGraph are the link-preview tags.
type OpenGraph struct {
	Type       string // website or article
	Locale     string // fr_FR
	Alternates []string
	Image      string // absolute URL, or ""
	// ImageWidth and ImageHeight are the picture's size in pixels; ImageAlt
	// says what it shows.
	ImageWidth, ImageHeight int
	ImageAlt                string
	Published               string // RFC 3339 date of an article
}

// Card is an item in a list: a link to its page in the reader's language
// or, when it is not translated, in its original language with a notice.
type Card struct {
	Title    string
	Path     string // site path of the page it links to
	Lang     string // the language of Title and Summary
	Fallback string // when Lang is not the page's language: the notice to show
	Summary  string
	Section  string // localised section name
	Date     string // localised publication date, or the event's time
	DateISO  string // for <time datetime>
	Number   int    // bulletins: the issue number
	Venue    string // events
	// VenueLang is the language the venue is written in (the original's),
	// when it is not the page's: the venue is not translated.
	VenueLang string
	Outdated  bool // the translation is behind its original
	// Dir and VenueDir are the directions of Lang and VenueLang, "ltr" or
	// "rtl", for the card's parts in another language than the page's.
	Dir, VenueDir string

	// The view fields, set by Page.Card and Page.SubCard for the page
	// that shows the card. They are Card's own fields rather than those of
	// a view type embedding it: a template reads a promoted field through
	// reflect's slow path, which allocates at every use.
	Href     string // Path, relative to that page
	PageLang string // that page's language
	PageDir  string // its direction, "ltr" or "rtl"
	Level    int    // the heading level: 2, or 3 under one of the page's own headings
}

// TagLink links a tag's page.
type TagLink struct {
	Name  string
	Path  string // site path of the tag's page
	Href  string // Path as the page links it (set as the page is rendered)
	Count int
}

// ItemView is an item page's own content.
type ItemView struct {
	Title       string
	Body        template.HTML // rendered Markdown; raw HTML was removed at parse time
	Summary     string
	Section     string // "leaflets"
	SectionName string
	SectionHref string // the section's list in the page's language, as the page links it
	Date        string
	DateISO     string
	Tags        []TagLink
	// Outdated is set on a translation behind its source; Original links
	// the variant it was translated from, OriginalLang is its language
	// and OriginalName names it in the page's language.
	Outdated bool
	// PartlyCopied is set on a translation, not outdated, with a third
	// or more of its paragraphs still its source's word for word
	// (content.Variant.PartlyCopied): Original and the fields after it
	// name the source.
	PartlyCopied bool
	Original     string
	OriginalLang string
	OriginalName string
	Signatories  []string
	// SignatoriesLang is the language the signatories are written in,
	// the original's, when it is not the page's.
	SignatoriesLang string
	Number          int    // bulletins
	Articles        []Card // bulletins: the articles, in order
	PartOf          []Card // articles: the bulletins that hold them
	Event           *EventView
	TOC             []TOCEntry // pamphlets
	PDFs            []PDFLink
}

// EventView is what an event page shows besides its text.
type EventView struct {
	When     string // localised date and time range, in the event's own zone; it starts a line, so with a capital
	StartISO string
	EndISO   string
	AllDay   bool
	Venue    string
	// VenueLang is the language of Venue and Address (the original's)
	// when it is not the page's.
	VenueLang string
	Address   string
	ICS       string // site path of the event's .ics file
	Past      bool
}

// PDFLink is one PDF edition of a variant, as its page links it.
type PDFLink struct {
	Path  string
	Href  string // Path as the page links it (set as the page is rendered)
	Label string // "PDF · A4 · 1 page · 48 KB", localised
}

// PDFInfo describes a PDF edition the build made, for the page to link.
type PDFInfo struct {
	Path    string // site path
	Edition string // "plain", "2-up" or "booklet"
	Paper   string // the page size: a4, a5, letter, half-letter
	Sheet   string // the paper it prints on
	Pages   int
	Bytes   int
	// Duplex is how it is printed: "" on one side, "long" or "short" on
	// both, turned on that edge (see pdf.Duplex).
	Duplex string
}

// Pagination links the pages of a long list.
type Pagination struct {
	Page, Pages int
	Prev, Next  string // site paths, "" at the ends
}

// TOCEntry is a heading in a pamphlet's contents, with the sections under
// it (see contents).
type TOCEntry struct {
	Level    int
	ID, Text string
	Sections []TOCEntry
}
