package web

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/tractpub/tract/internal/content"
)

// The files of the site, listed (Files) or found by path (FileAt). Both
// make each file with the same functions below, so that what one lists
// the other finds.

// siteFiles are the files at the top of the site, in Files' order.
var siteFiles = []string{"index.html", "404.html", "sitemap.xml", "robots.txt"}

// langHead and langTail are the files every language has in its folder,
// before its lists and after them, in Files' order.
var (
	langHead = []string{"index.html", "404.html", "feed.xml", "events.ics"}
	langTail = []string{"tags/index.html", "search/index.html", searchIndexName}
)

// Files lists every file of the site.
func (r *Renderer) Files() []File {
	files := make([]File, 0, 16+len(r.site.Items)*len(r.cfg.Languages))
	for _, name := range siteFiles {
		f, _ := r.siteFile(name)
		files = append(files, f)
	}
	tags := r.sortedTags()
	for _, lang := range r.cfg.Languages {
		for _, name := range langHead {
			f, _ := r.langFile(lang, name)
			files = append(files, f)
		}
		for _, section := range content.Sections {
			for n := 1; ; n++ {
				f, ok := r.listFile(lang, section, n)
				if !ok {
					break
				}
				files = append(files, f)
			}
		}
		for _, name := range langTail {
			f, _ := r.langFile(lang, name)
			files = append(files, f)
		}
		if f, ok := r.shareFile(lang); ok {
			files = append(files, f)
		}
		for _, ti := range tags {
			for n := 1; ; n++ {
				f, ok := r.tagFile(lang, ti, n)
				if !ok {
					break
				}
				files = append(files, f)
			}
		}
		for i, it := range r.site.Items {
			if !r.hasPage(it, lang) {
				continue
			}
			// The slice of the site's items holding it is what the page
			// shows when it shows no cards: no slice made for each page.
			files = append(files, r.itemFile(it, lang, r.site.Items[i:i+1:i+1]))
			if it.Section == "events" {
				files = append(files, r.eventFile(it, lang))
			}
		}
	}
	return files
}

// FileAt returns the file at the site path name ("en/leaflets/rent/index.html"),
// as Files lists it; ok is false when Files lists none there. It finds it
// without listing the others: tract serve asks it for each page it is
// asked for, and an edit that adds a text or a tag lists nothing again.
func (r *Renderer) FileAt(name string) (_ File, ok bool) {
	if slices.Contains(siteFiles, name) {
		return r.siteFile(name)
	}
	if rest, ok := strings.CutPrefix(name, "assets/share-"); ok {
		if lang, ok := strings.CutSuffix(rest, ".png"); ok && slices.Contains(r.cfg.Languages, lang) {
			return r.shareFile(lang)
		}
		return File{}, false
	}
	lang, rest, ok := strings.Cut(name, "/")
	if !ok || !slices.Contains(r.cfg.Languages, lang) {
		return File{}, false
	}
	if slices.Contains(langHead, rest) || slices.Contains(langTail, rest) {
		return r.langFile(lang, rest)
	}
	first, rest, ok := strings.Cut(rest, "/")
	if !ok {
		return File{}, false
	}
	if first == "tags" {
		key, page, _ := strings.Cut(rest, "/")
		ti := r.tags[key]
		n, ok := listPage(page)
		if ti == nil || !ok {
			return File{}, false
		}
		return r.tagFile(lang, ti, n)
	}
	if !slices.Contains(content.Sections, first) {
		return File{}, false
	}
	if n, ok := listPage(rest); ok {
		return r.listFile(lang, first, n)
	}
	slug, file, _ := strings.Cut(rest, "/")
	it := r.site.Item(first, slug)
	if it == nil || !r.hasPage(it, lang) {
		return File{}, false
	}
	switch {
	case file == "index.html":
		return r.itemFile(it, lang, []*content.Item{it}), true
	case it.Section == "events" && file == it.Slug+".ics":
		return r.eventFile(it, lang), true
	}
	return File{}, false
}

// listPage is the number of the page of a list at rest, what follows the
// list's folder in a path: "index.html" is 1, "page/2/index.html" 2, as
// listPath writes them; ok is false for anything else.
func listPage(rest string) (n int, ok bool) {
	if rest == "index.html" {
		return 1, true
	}
	num, ok := strings.CutPrefix(rest, "page/")
	if !ok {
		return 0, false
	}
	if num, ok = strings.CutSuffix(num, "/index.html"); !ok {
		return 0, false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 2 || strconv.Itoa(n) != num {
		return 0, false
	}
	return n, true
}

// siteFile is the file name at the top of the site, one of siteFiles.
func (r *Renderer) siteFile(name string) (File, bool) {
	f := File{Path: name, r: r}
	switch name {
	case "index.html":
		f.render = func(r *Renderer, _ *File, w io.Writer) error { return r.root(w) }
	case "404.html":
		f.render = func(r *Renderer, _ *File, w io.Writer) error { return r.notFound(w, r.cfg.DefaultLanguage, "404.html") }
	case "sitemap.xml":
		f.render = func(r *Renderer, _ *File, w io.Writer) error { return r.sitemap(w) }
	case "robots.txt":
		f.render = func(r *Renderer, _ *File, w io.Writer) error {
			_, err := fmt.Fprintf(w, "User-agent: *\nAllow: /\nSitemap: %s\n", r.cfg.AbsURL("sitemap.xml"))
			return err
		}
	default:
		return File{}, false
	}
	return f, true
}

// langFile is the file name in lang's folder, one of langHead or langTail.
func (r *Renderer) langFile(lang, name string) (File, bool) {
	f := File{Path: lang + "/" + name, r: r}
	switch name {
	case "index.html":
		f.render = func(r *Renderer, _ *File, w io.Writer) error { return r.home(w, lang) }
	case "404.html":
		f.render = func(r *Renderer, _ *File, w io.Writer) error { return r.notFound(w, lang, lang+"/404.html") }
	case "feed.xml":
		f.render = func(r *Renderer, _ *File, w io.Writer) error { return r.feed(w, lang) }
	case "events.ics":
		f.render = func(r *Renderer, _ *File, w io.Writer) error { return r.calendar(w, lang) }
	case "tags/index.html":
		f.render = func(r *Renderer, _ *File, w io.Writer) error { return r.tagIndex(w, lang) }
	case "search/index.html":
		f.render = func(r *Renderer, _ *File, w io.Writer) error { return r.search(w, lang) }
		// The page weighs every other language's index, and reads
		// nothing else of the texts.
		f.Shows = r.searchedElsewhere(lang)
	case searchIndexName:
		f.render = func(r *Renderer, _ *File, w io.Writer) error { return r.writeSearchIndex(w, lang) }
		// The index reads the words of the language's texts and nothing
		// else of the texts: an edit in one language leaves the others'
		// indexes as they were.
		f.Shows, f.ShowsLang = r.searched(lang), lang
	default:
		return File{}, false
	}
	return f, true
}

// shareFile is lang's default link-preview picture, if the site has them.
func (r *Renderer) shareFile(lang string) (File, bool) {
	if r.ShareFont == nil {
		return File{}, false
	}
	return File{Path: ShareImage(lang), r: r, render: func(r *Renderer, _ *File, w io.Writer) error { return r.shareImage(w, lang) }}, true
}

// listFile is page n of section's list in lang, if the list has that page
// (its first, even empty).
func (r *Renderer) listFile(lang, section string, n int) (File, bool) {
	base, items := lang+"/"+section+"/", r.sectionList(lang, section)
	if n < 1 || n > pageCount(len(items)) {
		return File{}, false
	}
	f := File{Path: listPath(base, n) + "index.html", r: r,
		render: func(r *Renderer, _ *File, w io.Writer) error { return r.list(w, lang, section, n) }}
	_, f.Shows = paginate(base, items, n)
	return f, true
}

// tagFile is page n of the tag ti's list in lang, if it has that page: a
// tag none of whose items lang lists has none.
func (r *Renderer) tagFile(lang string, ti *tagInfo, n int) (File, bool) {
	items := ti.listed[lang]
	if n < 1 || n > (len(items)+PageSize-1)/PageSize {
		return File{}, false
	}
	base := tagPath(lang, ti.key)
	f := File{Path: listPath(base, n) + "index.html", r: r,
		render: func(r *Renderer, _ *File, w io.Writer) error { return r.tagPage(w, lang, ti, n) }}
	_, f.Shows = paginate(base, items, n)
	return f, true
}

// hasPage reports whether it has a page in lang: a text in lang, and an
// original.
func (r *Renderer) hasPage(it *content.Item, lang string) bool {
	return it.Published(lang) != nil && it.Original != ""
}

// itemFile is the page of it in lang, which hasPage says it has. self is
// a slice holding it alone, which Shows may extend with the items the
// page shows as cards.
func (r *Renderer) itemFile(it *content.Item, lang string, self []*content.Item) File {
	return File{Path: it.PagePath(lang) + "index.html", Shows: append(self, r.cardsOn(it)...), Variant: it.Published(lang), render: itemPage, r: r}
}

// eventFile is the calendar file of the event it in lang.
func (r *Renderer) eventFile(it *content.Item, lang string) File {
	return File{Path: it.PagePath(lang) + it.Slug + ".ics", Variant: it.Published(lang), render: eventCalendar, r: r}
}
