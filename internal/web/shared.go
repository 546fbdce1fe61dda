package web

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"sync"
)

// The parts of the layout that every page of a language shows alike — the
// head's links and site-wide tags, the section menu, the footer — are made
// once and reused: a template writes {{shared "name" .}} where it would
// write {{template "name" .}}. The menu and the footer were a fifth to a
// quarter of the time a page took to render; the head's part, about a
// twentieth (and 60 of its 750 allocations).
//
// A shared part is executed with a SharedView, not the Page: it sees the
// page's language, kind and site-wide links and nothing of the page's own
// content, so a part that reached for the title would fail at once rather
// than show one page's title on all the others. The HTML made for one
// page serves every page of the same language, kind and template in the
// same folder whose menu marks the same section as current: links are
// relative, and a relative link from such a page differs from its
// neighbour's only when it points inside the page's own folder. The links
// a part made are kept with it, and a page one of them points inside gets
// the part made for it alone.

// SharedView is what a shared part is rendered from.
type SharedView struct {
	Lang string   // the page's language
	Kind string   // the page's kind: home, list, item, ...
	Site SiteInfo // site-wide links, with the current section marked
	Feed string   // site path of the language's Atom feed
	// Stylesheet is the site path of the stylesheet, with its version.
	Stylesheet string
	// OG is what the Open Graph tags say of the language.
	OG   SharedOpenGraph
	page *Page
	// links are the site paths URL was asked for, in order.
	links []string
}

// SharedOpenGraph is what a page's Open Graph tags say of its language:
// its locale (fr_FR). The other locales a page names are those it is
// translated into, which differ from item to item.
type SharedOpenGraph struct {
	Locale string
}

// URL links from the page to a site path, as Page.URL does.
func (v *SharedView) URL(to string) string {
	v.links = append(v.links, to)
	return v.page.URL(to)
}

// sharedParts holds the parts made so far, for one state of the site (a
// Renderer): key -> *sharedPart.
type sharedParts struct{ m sync.Map }

type sharedPart struct {
	html  template.HTML
	links []string
}

// fits reports whether the part can stand in p: none of its links points
// inside p's own folder.
func (s *sharedPart) fits(p *Page) bool {
	if p.Absolute {
		return true
	}
	for _, l := range s.links {
		if strings.HasPrefix(l, p.Path) {
			return false
		}
	}
	return true
}

// sharedKey says which pages a part made for p can serve.
func sharedKey(name string, p *Page) string {
	// where is the page's folder's parent, for a page that is a folder
	// ("en/articles/*/" for "en/articles/x/"), or its folder, for a file
	// ("en/*" for "en/page.html").
	trimmed := strings.TrimSuffix(p.Path, "/")
	where := trimmed[:strings.LastIndexByte(trimmed, '/')+1] + "*"
	if strings.HasSuffix(p.Path, "/") {
		where += "/"
	}
	var b strings.Builder
	b.WriteString(name)
	for _, s := range []string{p.Lang, p.Kind, p.tmplName, where} {
		b.WriteByte(0)
		b.WriteString(s)
	}
	b.WriteByte(0)
	if p.Absolute {
		b.WriteByte('a')
	}
	for _, s := range p.Site.Sections {
		switch {
		case s.AriaCurrent == "page":
			b.WriteByte('2')
		case s.Current:
			b.WriteByte('1')
		default:
			b.WriteByte('0')
		}
	}
	return b.String()
}

// shared renders the shared part name for p, or reuses the one made for a
// page like it.
func shared(name string, p *Page) (template.HTML, error) {
	if p == nil || p.tmpl == nil {
		return "", errors.New(`shared: the page must be passed: {{shared "name" .}} at the top of a page template`)
	}
	v := &SharedView{
		Lang: p.Lang, Kind: p.Kind, Site: p.Site, Feed: p.Feed, Stylesheet: p.Stylesheet,
		OG:   SharedOpenGraph{Locale: p.OG.Locale},
		page: p,
	}
	if p.parts == nil {
		return execShared(name, v)
	}
	key := sharedKey(name, p)
	if got, ok := p.parts.m.Load(key); ok {
		if part := got.(*sharedPart); part.fits(p) {
			return part.html, nil
		}
	}
	html, err := execShared(name, v)
	if err != nil {
		return "", err
	}
	part := &sharedPart{html: html, links: v.links}
	if part.fits(p) {
		p.parts.m.Store(key, part)
	}
	return html, nil
}

// execShared renders the shared part name from v.
func execShared(name string, v *SharedView) (template.HTML, error) {
	var buf bytes.Buffer
	if err := v.page.tmpl.ExecuteTemplate(&buf, name, v); err != nil {
		return "", fmt.Errorf("shared %q: %w", name, err)
	}
	// The part was escaped by html/template as HTML text, where shared
	// puts it.
	return template.HTML(buf.String()), nil
}
