package web

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/tractpub/tract/internal/content"
)

// FeedSize is the number of entries in a language's Atom feed.
const FeedSize = 20

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr,omitempty"`
	Href     string `xml:"href,attr"`
	Type     string `xml:"type,attr,omitempty"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Lang      string     `xml:"xml:lang,attr,omitempty"`
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Links     []atomLink `xml:"link"`
	Summary   string     `xml:"summary,omitempty"`
	Category  []atomCat  `xml:"category"`
}

type atomCat struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"` // the tag's name in the feed's language, when tract.toml gives one
}

// feed writes lang's Atom feed: the latest items, as its lists show them.
// encoding/xml escapes every value.
func (r *Renderer) feed(w io.Writer, lang string) error {
	loc := r.cat.Localizer(lang)
	title, err := loc.T("FeedTitle", "Site", r.cfg.SiteTitle(lang))
	if err != nil {
		return err
	}
	var items []*content.Item // newest first
	for _, it := range r.order {
		if it.Section != "pages" && r.visible(it, lang) {
			items = append(items, it)
		}
	}
	items = items[:min(len(items), FeedSize)]
	f := atomFeed{
		Lang:    lang,
		Title:   title,
		ID:      r.cfg.AbsURL(lang + "/"),
		Updated: r.now.UTC().Format(time.RFC3339),
		Links: []atomLink{
			{Rel: "self", Href: r.cfg.AbsURL(lang + "/feed.xml"), Type: "application/atom+xml"},
			{Rel: "alternate", Href: r.cfg.AbsURL(lang + "/"), Type: "text/html"},
		},
		Author: atomAuthor{Name: r.cfg.SiteTitle(lang)},
	}
	if len(items) > 0 && !items[0].SortTime().IsZero() {
		f.Updated = items[0].SortTime().UTC().Format(time.RFC3339)
	}
	for _, it := range items {
		c := r.card(it, lang)
		e := atomEntry{
			Title:   c.Title,
			ID:      r.cfg.AbsURL(c.Path),
			Updated: f.Updated,
			Links:   []atomLink{{Rel: "alternate", Href: r.cfg.AbsURL(c.Path), Type: "text/html", HrefLang: c.Lang}},
			Summary: c.Summary,
		}
		if c.Lang != lang {
			e.Lang = c.Lang
			e.Summary = c.Fallback
			if c.Summary != "" {
				e.Summary += " — " + c.Summary
			}
		}
		if t := it.SortTime(); !t.IsZero() {
			e.Updated = t.UTC().Format(time.RFC3339)
			e.Published = e.Updated
		}
		var keys []string // a tag written twice, "Housing" and "housing ", is one
		for _, t := range it.Meta.Tags {
			k := tagKey(t)
			if slices.Contains(keys, k) {
				continue
			}
			keys = append(keys, k)
			c := atomCat{Term: strings.TrimSpace(t)}
			if name := r.cfg.TagName(t, lang); name != strings.TrimSpace(t) {
				c.Label = name
			}
			e.Category = append(e.Category, c)
		}
		f.Entries = append(f.Entries, e)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("%s/feed.xml: %w", lang, err)
	}
	return enc.Close()
}

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string         `xml:"loc"`
	LastMod string         `xml:"lastmod,omitempty"`
	Links   []sitemapXLink `xml:"xhtml:link"`
}

type sitemapXLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// sitemap lists every home, list, tag and item page, each with its
// language alternates. The pages past a list's first, the search pages
// and the page that sends a reader to their language are left out: a
// search engine finds them from the others, and they say nothing the
// others do not.
func (r *Renderer) sitemap(w io.Writer) error {
	s := r.sitemapSet()
	reserve(w, sitemapSize(s))
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(s); err != nil {
		return err
	}
	return enc.Close()
}

// sitemapSet is what sitemap writes.
func (r *Renderer) sitemapSet() urlset {
	s := urlset{XHTML: "http://www.w3.org/1999/xhtml"}
	abs := r.cfg.AbsURL // escaped, as a sitemap's addresses must be: a slug may have accents
	everyLang := func(rest string) {
		var links []sitemapXLink
		for _, l := range r.cfg.Languages {
			links = append(links, sitemapXLink{"alternate", l, abs(l + "/" + rest)})
		}
		for _, l := range r.cfg.Languages {
			s.URLs = append(s.URLs, sitemapURL{Loc: abs(l + "/" + rest), Links: links})
		}
	}
	// Its alternates, for a page in langs at path(lang).
	alternates := func(langs []string, path func(string) string) []sitemapXLink {
		if len(langs) < 2 {
			return nil
		}
		links := make([]sitemapXLink, len(langs))
		for i, l := range langs {
			links[i] = sitemapXLink{"alternate", l, abs(path(l))}
		}
		return links
	}
	everyLang("")
	for _, sec := range content.Sections {
		everyLang(sec + "/")
	}
	if tags := r.sortedTags(); len(tags) > 0 {
		everyLang("tags/")
		for _, ti := range tags {
			var langs []string
			for _, l := range r.cfg.Languages {
				if len(ti.listed[l]) > 0 {
					langs = append(langs, l)
				}
			}
			path := func(l string) string { return tagPath(l, ti.key) }
			links := alternates(langs, path)
			for _, l := range langs {
				s.URLs = append(s.URLs, sitemapURL{Loc: abs(path(l)), Links: links})
			}
		}
	}
	for _, it := range r.site.Items {
		if it.Original == "" {
			continue
		}
		langs := it.PublishedLangs(r.cfg.Languages)
		links := alternates(langs, it.PagePath)
		for _, l := range langs {
			u := sitemapURL{Loc: abs(it.PagePath(l)), Links: links}
			if !it.Meta.Date.IsZero() {
				u.LastMod = it.Meta.Date.Format(time.DateOnly)
			}
			s.URLs = append(s.URLs, u)
		}
	}
	return s
}

// sitemapSize is about what s weighs as sitemap writes it: a little
// more, for the indents and tags, which are about 30 bytes for a URL
// and 60 for a link.
func sitemapSize(s urlset) int {
	n := 512
	for _, u := range s.URLs {
		n += 40 + len(u.Loc) + len(u.LastMod)
		for _, l := range u.Links {
			n += 64 + len(l.Rel) + len(l.HrefLang) + len(l.Href)
		}
	}
	return n
}

// reserve makes room for n more bytes in w if w can (a bytes.Buffer, as
// a build renders into): a file of megabytes, written in small pieces,
// otherwise doubles its buffer a dozen times and ends in one up to twice
// its size.
func reserve(w io.Writer, n int) {
	if g, ok := w.(interface{ Grow(int) }); ok {
		g.Grow(n)
	}
}
