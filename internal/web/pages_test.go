package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/build"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
	"github.com/tractpub/tract/internal/web"
)

// renderPages loads the txtar site archive and renders the pages at
// paths, by path.
func renderPages(t *testing.T, archive string, paths ...string) map[string]string {
	t.Helper()
	var diags diag.List
	s := build.Load(context.Background(), testsite.FS(archive), now, 0, &diags)
	if s == nil || diags.HasErrors() {
		t.Fatalf("load: %v", diags.Err())
	}
	out := map[string]string{}
	for _, f := range s.Renderer.Files() {
		for _, p := range paths {
			if f.Path == p {
				var buf bytes.Buffer
				if err := f.Render(&buf); err != nil {
					t.Fatalf("%s: %v", f.Path, err)
				}
				out[p] = buf.String()
			}
		}
	}
	for _, p := range paths {
		if _, ok := out[p]; !ok {
			t.Fatalf("no page %s", p)
		}
	}
	return out
}

// between returns the text of page between the first from and the to
// after it, or "" when there is none.
func between(page, from, to string) string {
	_, rest, ok := strings.Cut(page, from)
	if !ok {
		return ""
	}
	s, _, _ := strings.Cut(rest, to)
	return s
}

// manyArticles is a site of n articles in English and French, all tagged
// "rent": a list of them and the tag's page run to several pages.
func manyArticles(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "-- content/articles/a%02d/en.md --\n---\ntitle: Article %d\ndate: 2026-01-%02d\ntags: [rent]\n---\nText.\n", i, i, i%28+1)
		fmt.Fprintf(&b, "-- content/articles/a%02d/fr.md --\n---\ntitle: Article %d\ntranslated_from: en@000000000000\n---\nTexte.\n", i, i)
	}
	return b.String()
}

// Page 2 of a list is not page 1 again to a reader who hears the title
// and the main heading: both say which page it is; page 1 says nothing.
func TestLaterPagesOfAListSayWhichPageTheyAre(t *testing.T) {
	pages := renderPages(t, manyArticles(45),
		"en/articles/index.html", "en/articles/page/2/index.html", "fr/articles/page/3/index.html",
		"en/tags/rent/page/2/index.html")
	for _, tc := range []struct{ path, title, h1 string }{
		{"en/articles/index.html", "Articles · Workers’ Bulletin", "Articles"},
		{"en/articles/page/2/index.html", "Articles · Page 2 of 3 · Workers’ Bulletin", `Articles <span class="page-of">Page 2 of 3</span>`},
		{"fr/articles/page/3/index.html", "Articles · Page 3 sur 3 · Bulletin ouvrier", `Articles <span class="page-of">Page 3 sur 3</span>`},
		{"en/tags/rent/page/2/index.html", "rent · Page 2 of 3 · Workers’ Bulletin", `Topic: rent <span class="page-of">Page 2 of 3</span>`},
	} {
		page := pages[tc.path]
		if got := between(page, "<title>", "</title>"); got != tc.title {
			t.Errorf("%s: title %q, want %q", tc.path, got, tc.title)
		}
		if got := between(page, "<h1>", "</h1>"); got != tc.h1 {
			t.Errorf("%s: h1 %q, want %q", tc.path, got, tc.h1)
		}
	}
}

// The section menu says "current page" only on the page its link leads
// to, the section's list; on the list's later pages and on an item, it
// marks the section as the one the reader is in, not as the page they
// are on.
func TestTheMenuMarksTheCurrentPageOnlyOnTheSectionsList(t *testing.T) {
	pages := renderPages(t, manyArticles(25),
		"en/articles/index.html", "en/articles/page/2/index.html", "en/articles/a03/index.html", "en/tags/rent/index.html")
	for _, tc := range []struct{ path, want string }{
		{"en/articles/index.html", `<a href="./" aria-current="page">Articles</a>`},
		{"en/articles/page/2/index.html", `<a href="../../" aria-current="true">Articles</a>`},
		{"en/articles/a03/index.html", `<a href="../" aria-current="true">Articles</a>`},
		{"en/tags/rent/index.html", `<a href="../../articles/">Articles</a>`},
	} {
		menu := between(pages[tc.path], `<nav class="sections"`, "</nav>")
		if !strings.Contains(menu, tc.want) {
			t.Errorf("%s: the menu lacks %s:\n%s", tc.path, tc.want, menu)
		}
	}
}

// The outdated translation's link to its original says the language it
// leads to, as every link to a page in another language does.
func TestTheLinkToAnOutdatedTranslationsOriginalSaysItsLanguage(t *testing.T) {
	page := renderPages(t, manyArticles(1), "fr/articles/a00/index.html")["fr/articles/a00/index.html"]
	notice := between(page, `<p class="notice" role="note">`, "</p>")
	if want := `<a href="../../../en/articles/a00/" hreflang="en">`; !strings.Contains(notice, want) {
		t.Errorf("the outdated notice lacks %s:\n%s", want, notice)
	}
}

// The arrows of the links to the newer and older pages of a list are
// drawn for the eye and hidden from screen readers.
func TestPaginationArrowsAreNotReadAloud(t *testing.T) {
	page := renderPages(t, manyArticles(45), "fr/articles/page/2/index.html")["fr/articles/page/2/index.html"]
	nav := between(page, `<nav class="pages"`, "</nav>")
	for _, want := range []string{
		`<a href="../../" rel="prev"><span aria-hidden="true">←</span> Plus récents</a>`,
		`<a href="../3/" rel="next">Plus anciens <span aria-hidden="true">→</span></a>`,
	} {
		if !strings.Contains(nav, want) {
			t.Errorf("the pagination lacks %s:\n%s", want, nav)
		}
	}
}

// An element in another language than the page's is laid out in its own
// direction: an English card on a Persian page reads left to right, with
// its full stop at its end, and a Persian one on an English page the
// other way.
func TestTextInAnotherLanguageIsLaidOutInItsDirection(t *testing.T) {
	en, err := fs.ReadFile(tract.Defaults, "locales/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	pages := renderPages(t, "-- tract.toml --\nbase_url = \"https://example.net\"\nlanguages = [\"en\", \"fa\"]\ntitle = \"Site\"\n"+
		"-- locales/fa.toml --\n"+string(en)+
		"-- content/leaflets/a/en.md --\n---\ntitle: Rent\n---\nNo to the rise.\n"+
		"-- content/leaflets/b/fa.md --\n---\ntitle: اجاره\n---\nنه به افزایش اجاره.\n",
		"fa/leaflets/index.html", "en/leaflets/index.html")
	if !strings.Contains(pages["fa/leaflets/index.html"], `<article class="card" lang="en" dir="ltr">`) {
		t.Errorf("the English card on the Persian page:\n%s", between(pages["fa/leaflets/index.html"], `<article class="card"`, "</article>"))
	}
	if !strings.Contains(pages["en/leaflets/index.html"], `<article class="card" lang="fa" dir="rtl">`) {
		t.Errorf("the Persian card on the English page:\n%s", between(pages["en/leaflets/index.html"], `<article class="card"`, "</article>"))
	}
}

// The list of tags is in the language's alphabetical order: Swedish puts
// å, ä and ö after z, where folding their accents away would put them
// among the a and the o.
func TestTagsAreListedInTheLanguagesOrder(t *testing.T) {
	en, err := fs.ReadFile(tract.Defaults, "locales/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	pages := renderPages(t, "-- tract.toml --\nbase_url = \"https://example.net\"\nlanguages = [\"sv\"]\ntitle = \"Sajt\"\n"+
		"-- locales/sv.toml --\n"+string(en)+
		"-- content/leaflets/a/sv.md --\n---\ntitle: Hyra\ntags: [öppet möte, arbete, zon, Ålder, bostad]\n---\nText.\n",
		"sv/tags/index.html")
	page := pages["sv/tags/index.html"]
	last := -1
	for _, name := range []string{"arbete", "bostad", "zon", "Ålder", "öppet möte"} {
		at := strings.Index(page, ">"+name+"<")
		if at < 0 || at < last {
			t.Fatalf("%s is missing or listed too early (at %d, the tag before it at %d):\n%s", name, at, last, between(page, "<main", "</main>"))
		}
		last = at
	}
}

// An A5 leaflet's page links its two copies to an A4 sheet first: most
// volunteers' printers take A4 only. A Letter leaflet's Letter PDF stays
// first.
func TestAnA5LeafletLinksItsA4SheetFirst(t *testing.T) {
	var diags diag.List
	s := build.Load(context.Background(), testsite.FS("-- content/leaflets/a/en.md --\n---\ntitle: A\npaper: a5\n---\nText.\n-- content/leaflets/l/en.md --\n---\ntitle: L\npaper: letter\n---\nText.\n"), now, 0, &diags)
	if s == nil || diags.HasErrors() {
		t.Fatalf("load: %v", diags.Err())
	}
	s.Renderer.PDFs = func(v *content.Variant) []web.PDFInfo {
		half, sheet := "a5", "a4"
		if v.Item.Meta.Paper == "letter" {
			half, sheet = "half-letter", "letter"
		}
		base := v.Item.PagePath(v.Lang) + v.Item.Slug
		return []web.PDFInfo{
			{Path: base + "-plain.pdf", Edition: "plain", Paper: v.Item.Meta.Paper, Sheet: v.Item.Meta.Paper, Pages: 1, Bytes: 1000},
			{Path: base + "-2up.pdf", Edition: "2-up", Paper: half, Sheet: sheet, Pages: 1, Bytes: 1000},
		}
	}
	for path, first := range map[string]string{"en/leaflets/a/index.html": "a-2up.pdf", "en/leaflets/l/index.html": "l-plain.pdf"} {
		var page string
		for _, f := range s.Renderer.Files() {
			if f.Path == path {
				var buf bytes.Buffer
				if err := f.Render(&buf); err != nil {
					t.Fatal(err)
				}
				page = buf.String()
			}
		}
		i := strings.Index(page, ".pdf\"")
		if i < 0 || !strings.HasSuffix(page[:i+4], first) {
			t.Errorf("%s: the first PDF link is not %s:\n%s", path, first, between(page, `class="print"`, "</section>"))
		}
	}
}

// A text missing in a language says so on its page, in that language,
// where a reader of it sees it: a reader who follows a shared link to the
// English page learns in Spanish that there is no Spanish one, and how to
// reach the Spanish section. (It was said only in the language link's
// title, which phones never show.)
func TestATextMissingInALanguageSaysSoOnItsPageInThatLanguage(t *testing.T) {
	pages := renderPages(t, "-- content/articles/a/en.md --\n---\ntitle: A\n---\nText.\n"+
		"-- content/articles/b/en.md --\n---\ntitle: B\n---\nText.\n-- content/articles/b/fr.md --\n---\ntitle: B\ntranslated_from: en@4f1c2a9e0b7d\n---\nTexte.\n-- content/articles/b/es.md --\n---\ntitle: B\ntranslated_from: en@4f1c2a9e0b7d\n---\nTexto.\n",
		"en/articles/a/index.html", "en/articles/b/index.html")
	header := between(pages["en/articles/a/index.html"], "<header>", "</header>")
	for _, want := range []string{
		`<p class="meta" lang="fr" dir="ltr"><a href="../../../fr/articles/" hreflang="fr">Français`,
		`<p class="meta" lang="es" dir="ltr"><a href="../../../es/articles/" hreflang="es">Español: todavía sin traducir. Ir a la sección en español</a></p>`,
	} {
		if !strings.Contains(header, want) {
			t.Errorf("the header lacks %s:\n%s", want, header)
		}
	}
	if header := between(pages["en/articles/b/index.html"], "<header>", "</header>"); strings.Contains(header, "sin traducir") {
		t.Errorf("a text in every language says one is missing:\n%s", header)
	}
}

// A tag is named as most of its items write it: one item writing
// Housing does not rename the topic of the two that write housing, even
// when it comes first.
func TestATagIsNamedAsMostItemsWriteIt(t *testing.T) {
	item := func(slug, tags string) string {
		return "-- content/leaflets/" + slug + "/en.md --\n---\ntitle: " + slug + "\ntags: [" + tags + "]\n---\nText.\n"
	}
	pages := renderPages(t, item("a", "Housing")+item("b", "housing")+item("c", "housing"), "en/tags/housing/index.html", "en/tags/index.html")
	if h1 := between(pages["en/tags/housing/index.html"], "<h1>", "</h1>"); strings.Contains(h1, "Housing") || !strings.Contains(h1, "housing") {
		t.Errorf("the tag page's title is %q, want housing", h1)
	}
	if !strings.Contains(pages["en/tags/index.html"], ">housing</a>") {
		t.Errorf("the list of topics does not name housing:\n%s", between(pages["en/tags/index.html"], "<main", "</main>"))
	}
}

// An event page's date starts a line of its own, and so a capital, in
// every language, one a site adds included, though most write a weekday
// small: "samedi", "poniedziałek" and "понеділок" started it. In a
// list, after the section's name, it stays small.
func TestAnEventPagesDateStartsWithACapital(t *testing.T) {
	variant := func(lang, title string) string {
		return "-- content/events/e/" + lang + ".md --\n---\ntitle: " + title + "\ntranslated_from: en@000000000000\n---\nText.\n"
	}
	pages := renderPages(t, "-- tract.toml --\nbase_url = \"https://example.net\"\nlanguages = [\"en\", \"fr\", \"pl\", \"uk\"]\ntitle = \"Site\"\n"+
		"-- locales/pl.toml --\nWeekday6 = \"sobota\"\nMonth12 = \"grudnia\"\nDateLongFormat = \"{{.Weekday}}, {{.Day}}\\u00a0{{.Month}} {{.Year}}\"\n"+
		"-- locales/uk.toml --\nWeekday6 = \"субота\"\nMonth12 = \"грудня\"\nDateLongFormat = \"{{.Weekday}}, {{.Day}}\\u00a0{{.Month}} {{.Year}}\\u00a0р.\"\n"+
		"-- content/events/e/en.md --\n---\ntitle: Meeting\nstarts: 2026-12-12\n---\nText.\n"+
		variant("fr", "Réunion")+variant("pl", "Zebranie")+variant("uk", "Збори"),
		"en/events/e/index.html", "fr/events/e/index.html", "pl/events/e/index.html", "uk/events/e/index.html", "pl/events/index.html")
	for page, want := range map[string]string{
		"en/events/e/index.html": `<dd><time datetime="2026-12-12">Saturday 12`,
		"fr/events/e/index.html": `<dd><time datetime="2026-12-12">Samedi 12`,
		"pl/events/e/index.html": `<dd><time datetime="2026-12-12">Sobota, 12`,
		"uk/events/e/index.html": `<dd><time datetime="2026-12-12">Субота, 12`,
		"pl/events/index.html":   ` · <time datetime="2026-12-12">sobota, 12`,
	} {
		if !strings.Contains(pages[page], want) {
			t.Errorf("%s lacks %q:\n%s", page, want, between(pages[page], "<main", "</main>"))
		}
	}
}

// The footer lists the pages of the "pages" section, up to footerPages;
// a site with more lists one fewer and links to the list of them all,
// which lists every one. Every page carries the footer: a list that grew
// with the site made every page larger the larger the site.
func TestTheFooterListsAFewPagesAndLinksToTheRest(t *testing.T) {
	const footerPages = 12
	site := func(n int) string {
		var b strings.Builder
		b.WriteString("-- content/articles/a/en.md --\n---\ntitle: An article\ndate: 2026-01-01\n---\nText.\n")
		for i := range n {
			fmt.Fprintf(&b, "-- content/pages/p%02d/en.md --\n---\ntitle: Page %02d\n---\nText.\n", i, i)
		}
		return b.String()
	}
	footer := func(page string) string { return between(page, `<footer class="site">`, "</footer>") }
	for _, tt := range []struct {
		pages, listed int
		all           bool
	}{
		{footerPages, footerPages, false},
		{footerPages + 1, footerPages - 1, true},
		{200, footerPages - 1, true},
	} {
		pages := renderPages(t, site(tt.pages), "en/articles/a/index.html", "en/pages/index.html")
		f := footer(pages["en/articles/a/index.html"])
		if got := strings.Count(f, `<a href="../../pages/p`); got != tt.listed {
			t.Errorf("%d pages: the footer lists %d of them, want %d:\n%s", tt.pages, got, tt.listed, f)
		}
		if got := strings.Contains(f, `<a href="../../pages/">All pages</a>`); got != tt.all {
			t.Errorf("%d pages: the footer links to the list of pages: %v, want %v:\n%s", tt.pages, got, tt.all, f)
		}
		if main := between(pages["en/pages/index.html"], "<main", "</main>"); tt.all && !strings.Contains(main, "Page 00") {
			t.Errorf("%d pages: the list of pages does not list the first:\n%s", tt.pages, main)
		}
	}
}
