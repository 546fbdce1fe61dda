package build

import (
	"context"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
)

// now is the build time of these tests: events before it are past.
var now = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// writeSite writes a txtar site to a new directory and returns it.
func writeSite(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	a := txtar.Parse([]byte(strings.TrimLeft(archive, "\n")))
	hasConfig := false
	for _, f := range a.Files {
		if f.Name == "tract.toml" {
			hasConfig = true
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !hasConfig {
		if err := os.WriteFile(filepath.Join(dir, "tract.toml"), []byte(testsite.DefaultConfig), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// buildSite builds a txtar site, without PDFs, and returns its output directory.
func buildSite(t *testing.T, archive string) string {
	t.Helper()
	dir := writeSite(t, archive)
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res.OutDir
}

func read(t *testing.T, dist, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dist, filepath.FromSlash(name)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(b)
}

func contains(t *testing.T, name, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, w) {
			t.Errorf("%s lacks %q", name, w)
		}
	}
}

func lacks(t *testing.T, name, page string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(page, b) {
			t.Errorf("%s contains %q", name, b)
		}
	}
}

const trilingual = `
-- content/leaflets/rent/en.md --
---
title: No to the rent rise
date: 2026-10-01
summary: "Tenants say no."
tags: [housing, québec]
---
The landlord wants 14% more. Read [the statement](../../leaflets/statement/en.md).
-- content/leaflets/rent/fr.md --
---
title: Non à la hausse des loyers
translated_from: en@DIGEST
---
Le propriétaire veut 14 % de plus : non ! Lire [la déclaration](../../leaflets/statement/en.md).
-- content/leaflets/statement/en.md --
---
title: Solidarity statement
date: 2026-10-05
signatories: ["Union one (UK)", "Bolşevik Parti (Kuzey Kürdistan-Türkiye)", "Związek Łódź (Polska)"]
---
We stand together.
-- content/articles/one/en.md --
---
title: Article one
date: 2026-09-01
---
First.
-- content/articles/one/es.md --
---
title: Artículo uno
translated_from: en@000000000000
---
Primero.
-- content/articles/two/fr.md --
---
title: Article deux
date: 2026-09-02
---
Deuxième.
-- content/bulletins/b1/en.md --
---
title: Bulletin one
date: 2026-11-01
number: 1
articles: [two, one]
---
Editorial.
-- content/events/meeting/en.md --
---
title: Public meeting
date: 2026-10-01
starts: 2026-12-12T19:00:00+01:00
ends: 2026-12-12T21:30:00+01:00
venue: "The Hall; upstairs, room 2"
address: "1 High St, Town"
---
Come.
-- content/events/meeting/fr.md --
---
title: Réunion publique
translated_from: en@DIGEST
---
Venez.
-- content/events/assembly/en.md --
---
title: Assembly
starts: 2027-01-23
---
All day.
-- content/events/old/en.md --
---
title: Old meeting
starts: 2026-10-15T18:30:00+01:00
---
Past.
-- content/pages/about/en.md --
---
title: About us
---
Who we are.
`

// withDigests fills each DIGEST placeholder with the current digest of the
// variant's source, so those translations are current.
func withDigests(t *testing.T, archive string) string {
	t.Helper()
	dir := writeSite(t, strings.ReplaceAll(archive, "en@DIGEST", "en@000000000000"))
	root, _ := os.OpenRoot(dir)
	defer root.Close()
	s := loadForTest(t, root.FS())
	out := archive
	for _, it := range s.Content.Items {
		for _, v := range it.Variants {
			if ref := v.TranslatedFrom(); ref != nil && strings.Contains(out, "-- "+v.Path+" --\n") {
				i := strings.Index(out, "-- "+v.Path+" --\n")
				j := i + strings.Index(out[i:], "en@DIGEST")
				if j > i {
					out = out[:j] + "en@" + it.Variants[ref.Lang].Digest + out[j+len("en@DIGEST"):]
				}
			}
		}
	}
	return out
}

func TestEveryVariantHasItsPageWithSwitcherAndAlternates(t *testing.T) {
	dist := buildSite(t, withDigests(t, trilingual))
	page := read(t, dist, "fr/leaflets/rent/index.html")
	contains(t, "fr rent", page,
		`<html lang="fr">`,
		`<link rel="canonical" href="https://x.org/fr/leaflets/rent/">`,
		`<link rel="alternate" hreflang="en" href="https://x.org/en/leaflets/rent/">`,
		`<link rel="alternate" hreflang="fr" href="https://x.org/fr/leaflets/rent/">`,
		`<link rel="alternate" hreflang="x-default" href="https://x.org/en/leaflets/rent/">`,
		`<a href="../../../en/leaflets/rent/" hreflang="en" lang="en" dir="ltr">English</a>`,
		`<span aria-current="true" lang="fr" dir="ltr">Français</span>`,
		`<meta property="og:locale" content="fr_FR">`,
		`<meta property="og:locale:alternate" content="en_US">`,
		"Non à la hausse des loyers",
		"14\u202f% de plus\u00a0: non\u202f!",
		// The statement has no French: the link goes to the English page.
		`href="../../../en/leaflets/statement/"`,
	)
	// No Spanish variant: no page, and no alternate; the switcher takes a
	// Spanish reader who came by a link to the Spanish leaflets, saying why.
	if _, err := os.Stat(filepath.Join(dist, "es/leaflets/rent/index.html")); err == nil {
		t.Error("es/leaflets/rent exists but the item has no Spanish variant")
	}
	lacks(t, "fr rent", page, `<link rel="alternate" hreflang="es"`)
	contains(t, "fr rent", page, `<a class="untranslated" href="../../../es/leaflets/" hreflang="es" lang="es" dir="ltr" title="Español: todavía sin traducir. Ir a la sección en español" aria-label="Español: todavía sin traducir. Ir a la sección en español">Español</a>`)
}

func TestFallbackOriginalListsUntranslatedItemsWithNotice(t *testing.T) {
	dist := buildSite(t, withDigests(t, trilingual))
	list := read(t, dist, "fr/leaflets/index.html")
	contains(t, "fr leaflets", list,
		`<article class="card" lang="en" dir="ltr">`,
		`href="../../en/leaflets/statement/" hreflang="en"`,
		"Pas encore traduit — original en anglais",
		`href="rent/"`,
	)
	es := read(t, dist, "es/articles/index.html")
	contains(t, "es articles", es, "Aún sin traducir — original en francés", `href="../../fr/articles/two/" hreflang="fr"`)
}

func TestFallbackHideLeavesUntranslatedItemsOut(t *testing.T) {
	cfg := strings.Replace(testsite.DefaultConfig, `default_language = "en"`, "default_language = \"en\"\nfallback = \"hide\"", 1)
	dist := buildSite(t, withDigests(t, trilingual)+"-- tract.toml --\n"+cfg)
	list := read(t, dist, "fr/leaflets/index.html")
	contains(t, "fr leaflets", list, `href="rent/"`)
	lacks(t, "fr leaflets", list, "statement", "Pas encore traduit")
	// A link to a hidden item still leads to a page that exists.
	contains(t, "fr rent", read(t, dist, "fr/leaflets/rent/index.html"), `href="../../../en/leaflets/statement/"`)
}

func TestOutdatedTranslationShowsANoticeInItsOwnLanguage(t *testing.T) {
	dist := buildSite(t, withDigests(t, trilingual))
	page := read(t, dist, "es/articles/one/index.html")
	contains(t, "es one", page, "Es posible que esta traducción no esté al día", `<a href="../../../en/articles/one/" hreflang="en">Leer el original (inglés)</a>`)
	lacks(t, "fr rent", read(t, dist, "fr/leaflets/rent/index.html"), "plus à jour")
}

func TestStatementListsNumberedSignatoriesWithALocalisedCount(t *testing.T) {
	dist := buildSite(t, withDigests(t, trilingual))
	en := read(t, dist, "en/leaflets/statement/index.html")
	contains(t, "statement", en, "3 signatories", "<li>Bolşevik Parti (Kuzey Kürdistan-Türkiye)</li>", "<ol>")

	// A translation's page says the names are the original's words, for
	// screen readers to pronounce.
	dist = buildSite(t, withDigests(t, trilingual+`-- content/leaflets/statement/fr.md --
---
title: Déclaration de solidarité
translated_from: en@DIGEST
---
Nous sommes ensemble.
`))
	contains(t, "fr statement", read(t, dist, "fr/leaflets/statement/index.html"), "3 signataires", `<ol lang="en" dir="ltr">`)
}

func TestBulletinListsItsArticlesInOrderAndArticlesLinkBack(t *testing.T) {
	dist := buildSite(t, withDigests(t, trilingual))
	b := read(t, dist, "en/bulletins/b1/index.html")
	contains(t, "bulletin", b, "No.\u00a01", "In this issue: 2 articles")
	two, one := strings.Index(b, "Article deux"), strings.Index(b, "Article one")
	if two < 0 || one < 0 || two > one {
		t.Errorf("articles not in front matter order (two at %d, one at %d)", two, one)
	}
	contains(t, "article", read(t, dist, "en/articles/one/index.html"), "Published in", `href="../../bulletins/b1/"`)
}

func TestEventsShowTheirTimeAsWrittenAndSplitUpcomingFromPast(t *testing.T) {
	dist := buildSite(t, withDigests(t, trilingual))
	fr := read(t, dist, "fr/events/meeting/index.html")
	contains(t, "fr event", fr, "Samedi 12\u00a0décembre 2026, de 19\u00a0h à 21\u00a0h\u00a030", "The Hall; upstairs, room 2", "1 High St, Town", `href="meeting.ics"`)
	contains(t, "all-day", read(t, dist, "en/events/assembly/index.html"), "Saturday 23\u00a0January 2027</time>")
	list := read(t, dist, "en/events/index.html")
	up, past, old, assembly := strings.Index(list, "Upcoming events"), strings.Index(list, "Past events"), strings.Index(list, "Old meeting"), strings.Index(list, "Assembly")
	if !(up < assembly && assembly < past && past < old) {
		t.Errorf("upcoming/past split wrong: up %d assembly %d past %d old %d", up, assembly, past, old)
	}
	ics := read(t, dist, "fr/events/meeting/meeting.ics")
	contains(t, "ics", ics, "BEGIN:VCALENDAR\r\n", "DTSTART:20261212T180000Z\r\n", "DTEND:20261212T203000Z\r\n",
		`LOCATION:The Hall\; upstairs\, room 2\, 1 High St\, Town`, "SUMMARY:Réunion publique\r\n")
	// The whole calendar is linked from the list of events.
	contains(t, "fr events", read(t, dist, "fr/events/index.html"), `<a href="../events.ics" type="text/calendar">Ajouter toutes les dates à mon agenda (.ics)</a>`)
	all := read(t, dist, "en/events.ics")
	contains(t, "events.ics", all, "DTSTART;VALUE=DATE:20270123\r\n", "DTEND;VALUE=DATE:20270124\r\n")
	for _, line := range strings.Split(all, "\r\n") {
		if len(line) > 75 {
			t.Errorf("ics line longer than 75 octets: %q", line)
		}
	}
}

func TestTagPagesWorkWithNonASCIITags(t *testing.T) {
	dist := buildSite(t, withDigests(t, trilingual))
	page := read(t, dist, "fr/tags/québec/index.html")
	contains(t, "tag", page, "Thème\u00a0: québec", "Non à la hausse des loyers")
	contains(t, "rent", read(t, dist, "en/leaflets/rent/index.html"), `href="../../tags/qu%c3%a9bec/"`)
}

// One tag written twice in an item, in two spellings that make one
// page, is linked once from the item's page.
func TestATagWrittenTwiceIsLinkedOnce(t *testing.T) {
	dist := buildSite(t, `
-- tract.toml --
base_url = "https://example.org"
languages = ["en"]
title = "Bulletin"
-- content/articles/strike/en.md --
---
title: Strike
date: 2024-03-01
tags: ["Housing", "housing ", "Rent Strike"]
---
On strike.
`)
	page := read(t, dist, "en/articles/strike/index.html")
	if n := strings.Count(page, `href="../../tags/housing/"`); n != 1 {
		t.Errorf("the housing tag is linked %d times from the item's page, want once", n)
	}
	contains(t, "strike", page, `rel="tag">Housing</a>`, `href="../../tags/rent-strike/"`)
}

func TestFeedsAndSitemapAreValidXML(t *testing.T) {
	dist := buildSite(t, withDigests(t, trilingual))
	for _, name := range []string{"en/feed.xml", "fr/feed.xml", "es/feed.xml", "sitemap.xml"} {
		data := read(t, dist, name)
		dec := xml.NewDecoder(strings.NewReader(data))
		for {
			if _, err := dec.Token(); err != nil {
				if err.Error() != "EOF" {
					t.Errorf("%s: %v", name, err)
				}
				break
			}
		}
	}
	contains(t, "fr feed", read(t, dist, "fr/feed.xml"), `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">`, "<title>Bulletin ouvrier</title>", `<entry xml:lang="en">`)
	contains(t, "sitemap", read(t, dist, "sitemap.xml"), `<xhtml:link rel="alternate" hreflang="fr" href="https://x.org/fr/leaflets/rent/"></xhtml:link>`)
}

// The sitemap lists the tags' pages, each in the languages that list
// something under it, with those languages as its alternates, and the
// tags' index in every language. A site that hides what a language has
// no text of has no page for a tag none of its texts has.
func TestTheSitemapListsTheTagsPages(t *testing.T) {
	dist := buildSite(t, `
-- tract.toml --
base_url = "https://example.org"
languages = ["en", "fr"]
title = "Bulletin"
fallback = "hide"
-- content/articles/strike/en.md --
---
title: Strike
date: 2024-03-01
tags: ["Été", "Housing"]
---
On strike.
-- content/articles/grève/fr.md --
---
title: Grève
date: 2024-03-02
tags: ["Été"]
---
En grève.
`)
	sm := read(t, dist, "sitemap.xml")
	ete := `<url>
  <loc>https://example.org/fr/tags/%C3%A9t%C3%A9/</loc>
  <xhtml:link rel="alternate" hreflang="en" href="https://example.org/en/tags/%C3%A9t%C3%A9/"></xhtml:link>
  <xhtml:link rel="alternate" hreflang="fr" href="https://example.org/fr/tags/%C3%A9t%C3%A9/"></xhtml:link>
 </url>`
	housing := `<url>
  <loc>https://example.org/en/tags/housing/</loc>
 </url>`
	contains(t, "sitemap", sm, ete, housing, "<loc>https://example.org/fr/tags/</loc>", "<loc>https://example.org/en/tags/</loc>")
	// Housing is listed in English alone: it has no French page.
	lacks(t, "sitemap", sm, "https://example.org/fr/tags/housing/")
	if _, err := os.Stat(filepath.Join(dist, "fr/tags/housing/index.html")); err == nil {
		t.Error("fr/tags/housing/ was written, yet no French text is tagged Housing: the sitemap would leave out a page")
	}
}

func TestRootAnd404LetReadersPickALanguage(t *testing.T) {
	dist := buildSite(t, withDigests(t, trilingual))
	root := read(t, dist, "index.html")
	contains(t, "root", root, `<a href="fr/" hreflang="fr" lang="fr" dir="ltr">Français</a>`, `data-langs="en fr es"`, `getAttribute("data-langs")`, "navigator.languages")
	nf := read(t, dist, "fr/404.html")
	contains(t, "404", nf, "Page introuvable", `href="/es/" hreflang="es" lang="es" dir="ltr">Español`, `href="/assets/tract.css`)
	// The site's own 404, shown by a static host for /fr/… too, says it
	// in every language.
	contains(t, "root 404", read(t, dist, "404.html"), "Page not found", `lang="fr" dir="ltr">Français</a> <span lang="fr" dir="ltr">· Page introuvable</span>`, `<span lang="es" dir="ltr">· Página no encontrada</span>`)
}

// TestNothingEnglishOnFrenchAndSpanishPages looks for every English UI
// message that differs from its translation on the other languages' pages.
func TestNothingEnglishOnFrenchAndSpanishPages(t *testing.T) {
	dist := buildSite(t, withDigests(t, trilingual))
	messages := func(lang string) map[string]any {
		var m map[string]any
		if err := toml.Unmarshal([]byte(read(t, "../..", "locales/"+lang+".toml")), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	en := messages("en")
	for _, lang := range []string{"fr", "es"} {
		var english []string
		for id, v := range messages(lang) {
			if s, ok := en[id].(string); ok && s != v && len(s) > 4 && !strings.Contains(s, "{{") {
				english = append(english, s)
			}
		}
		if len(english) < 20 {
			t.Fatalf("found only %d English messages", len(english))
		}
		filepath.WalkDir(filepath.Join(dist, lang), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
				return err
			}
			b, _ := os.ReadFile(p)
			page := string(b)
			// A link to the English section says, in English, that the
			// text is not in English: lang="en" marks it.
			page = strings.ReplaceAll(page, `lang="en" dir="ltr" title="`+en["NotTranslatedInto"].(string)+`" aria-label="`+en["NotTranslatedInto"].(string)+`"`, "")
			// So does the line under the title of a text with no
			// English, in a paragraph marked lang="en".
			page = strings.ReplaceAll(page, `hreflang="en">`+en["NotTranslatedInto"].(string)+`</a></p>`, "")
			for _, m := range english {
				if strings.Contains(page, ">"+m+"<") || strings.Contains(page, `"`+m+`"`) {
					t.Errorf("%s shows the English %q", p, m)
				}
			}
			return nil
		})
	}
}

// TestEveryInternalLinkResolves crawls dist/ and checks that every
// relative href and src points at a file that exists.
func TestEveryInternalLinkResolves(t *testing.T) {
	checkLinks(t, buildSite(t, withDigests(t, trilingual)))
}

func checkLinks(t *testing.T, dist string) {
	t.Helper()
	pages := 0
	filepath.WalkDir(dist, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		rel, _ := filepath.Rel(dist, p)
		f, _ := os.Open(p)
		defer f.Close()
		doc, err := html.Parse(f)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		for n := range doc.Descendants() {
			var refs []string
			for _, a := range n.Attr {
				switch a.Key {
				case "href", "src":
					refs = append(refs, a.Val)
				case "srcset":
					for _, c := range strings.Split(a.Val, ",") {
						refs = append(refs, strings.Fields(c)[0])
					}
				}
			}
			for _, ref := range refs {
				u, err := url.Parse(ref)
				if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
					continue
				}
				var target string
				if strings.HasPrefix(u.Path, "/") {
					target = strings.TrimPrefix(u.Path, "/")
				} else {
					target = path.Join(path.Dir(filepath.ToSlash(rel)), u.Path)
				}
				if strings.HasSuffix(u.Path, "/") || u.Path == "." || u.Path == "./" {
					target = path.Join(target, "index.html")
				}
				if _, err := os.Stat(filepath.Join(dist, filepath.FromSlash(target))); err != nil {
					t.Errorf("%s: broken link %s", rel, ref)
				}
			}
		}
		return nil
	})
	if pages == 0 {
		t.Fatal("no pages")
	}
}

func TestSampleSiteBuildsWithoutErrorsAndItsLinksResolve(t *testing.T) {
	out := t.TempDir()
	res, err := Build(context.Background(), Options{SiteDir: "../..", OutDir: filepath.Join(out, "dist"), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	outdated := 0
	for _, d := range res.Diagnostics {
		switch {
		case strings.Contains(d.Message, "outdated translation"):
			outdated++
		case strings.HasPrefix(d.Message, "base_url is still example.org"):
			// The sample site is published nowhere: its base_url says so.
		default:
			t.Errorf("sample site: %s", d)
		}
	}
	if outdated != 1 {
		t.Errorf("the sample site should have exactly one outdated translation, on purpose; it has %d", outdated)
	}
	checkLinks(t, res.OutDir)
}

func TestSiteTemplatesOverrideTheDefaultsFileByFile(t *testing.T) {
	dist := buildSite(t, withDigests(t, trilingual)+`
-- templates/home.html --
{{template "base" .}}
{{define "main"}}<h1>Our own home: {{T "Latest"}}</h1>{{end}}
`)
	contains(t, "home", read(t, dist, "fr/index.html"), "Our own home: Dernières publications", `<nav class="langs"`)
	contains(t, "item", read(t, dist, "fr/leaflets/rent/index.html"), "Non à la hausse")
}

// A misspelt field in a site's template stops the build at the
// template's line, with the name it was meant to be, as check says it.
func TestATemplateFieldMisspeltIsReportedAtItsLine(t *testing.T) {
	dir := writeSite(t, withDigests(t, trilingual)+`
-- templates/home.html --
{{template "base" .}}
{{define "main"}}
<h1>{{.Site.Titel}}</h1>{{end}}
`)
	want := `templates/home.html:3: executing "main" at <.Site.Titel>: SiteInfo has no field Titel: did you mean .Title?`
	_, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true})
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("build: %v\nwant an error with %s", err, want)
	}
	ds, err := Check(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return strings.Contains(d.Error(), want) }) {
		t.Errorf("check: %v\nwant a diagnostic with %s", ds, want)
	}
}

func TestAFailedBuildLeavesThePreviousOutputUntouched(t *testing.T) {
	dir := writeSite(t, withDigests(t, trilingual))
	if _, err := Build(context.Background(), Options{SiteDir: dir, Now: now}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, filepath.Join(dir, "dist"))
	bad := filepath.Join(dir, "content/leaflets/rent/en.md")
	if err := os.WriteFile(bad, []byte("---\ntitle: T\ncolour: red\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: now})
	if err == nil || !strings.Contains(err.Error(), "content/leaflets/rent/en.md:3: unknown key") {
		t.Fatalf("error %v", err)
	}
	if len(res.Diagnostics) == 0 {
		t.Error("no diagnostics")
	}
	if after := snapshot(t, filepath.Join(dir, "dist")); after != before {
		t.Error("dist changed after a failed build")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tract-") {
			t.Errorf("left behind %s", e.Name())
		}
	}
}

func TestARebuildLeavesNoStaleFiles(t *testing.T) {
	dir := writeSite(t, withDigests(t, trilingual))
	if _, err := Build(context.Background(), Options{SiteDir: dir, Now: now}); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "content/pages/about")); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), Options{SiteDir: dir, Now: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "dist/en/pages/about")); err == nil {
		t.Error("the removed item's page is still there")
	}
}

// snapshot lists every file of a tree with its contents.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		b.WriteString(p + "\n" + string(data) + "\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A tag [tags] names in a language is shown by that name on the pages of
// the language (the item's tags, the list of tags, the tag's page), in
// its order, found by search and labelled in the feed; its page keeps
// the tag's one address.
func TestTagsNamedInTractTomlAreShownByTheirNames(t *testing.T) {
	config := "-- tract.toml --\n" + testsite.DefaultConfig + `[tags]
housing = { fr = "logement", es = "vivienda" }
"Québec" = { es = "Quebec" }
`
	dist := buildSite(t, config+withDigests(t, trilingual))
	contains(t, "fr rent", read(t, dist, "fr/leaflets/rent/index.html"), `<a href="../../tags/housing/" rel="tag">logement</a>`, `rel="tag">québec</a>`)
	contains(t, "en rent", read(t, dist, "en/leaflets/rent/index.html"), `<a href="../../tags/housing/" rel="tag">housing</a>`)
	contains(t, "fr tag", read(t, dist, "fr/tags/housing/index.html"), "<h1>Thème\u00a0: logement</h1>")
	es := read(t, dist, "es/tags/index.html")
	contains(t, "es tags", es, `">Quebec</a>`, `">vivienda</a>`)
	if strings.Index(es, ">Quebec<") > strings.Index(es, ">vivienda<") {
		t.Errorf("es tags not in the order of their names:\n%s", es)
	}
	contains(t, "es feed", read(t, dist, "es/feed.xml"), `<category term="housing" label="vivienda"></category>`)
	contains(t, "fr search", read(t, dist, "fr/search-index.json"), "logement")
}

// A block the site defines again in a template file of its own replaces
// tract's, whatever the file is called: aaa.html sorts before tract's
// layout.html and used to lose to it without a word.
func TestASitesOwnTemplateFileRedefinesABlockWhateverItsName(t *testing.T) {
	for _, name := range []string{"aaa.html", "ours.html"} {
		dist := buildSite(t, withDigests(t, trilingual)+"-- templates/"+name+" --\n{{define \"footer\"}}<p>Our own footer</p>{{end}}\n")
		contains(t, name, read(t, dist, "en/leaflets/rent/index.html"), "<p>Our own footer</p>")
	}
}

// The list of events is paginated as one list, upcoming then past: a page
// past the first that lists no upcoming event does not say that none is
// planned, while the first page lists them.
func TestLaterPagesOfEventsDoNotSayNoneIsPlanned(t *testing.T) {
	var site strings.Builder
	for i := range 25 {
		fmt.Fprintf(&site, "-- content/events/old-%02d/en.md --\n---\ntitle: Old meeting %d\nstarts: 2020-03-%02dT19:00:00Z\n---\nDone.\n", i, i, i+1)
	}
	for i := range 5 {
		fmt.Fprintf(&site, "-- content/events/next-%d/en.md --\n---\ntitle: Next meeting %d\nstarts: 2030-03-%02dT19:00:00Z\n---\nCome.\n", i, i, i+1)
	}
	dist := buildSite(t, site.String())
	first, second := read(t, dist, "en/events/index.html"), read(t, dist, "en/events/page/2/index.html")
	contains(t, "first page", first, "Upcoming events", "Next meeting 0")
	if strings.Contains(first, "No events planned") {
		t.Error("the first page says no events are planned")
	}
	if strings.Contains(second, "Upcoming events") || strings.Contains(second, "No events planned") {
		t.Errorf("page 2 speaks of upcoming events:\n%s", second)
	}
	contains(t, "second page", second, "Past events", "Old meeting")
}

// A feed entry names a tag written twice in an item once, and the note of
// a text shown in another language ends with the summary, or without a
// dash when there is none.
func TestFeedEntriesNameATagOnceAndEndTheirNoteCleanly(t *testing.T) {
	dist := buildSite(t, `
-- content/leaflets/rent/en.md --
---
title: Rent
tags: [Housing, "housing ", strike]
---
We refuse the rent rise.
-- content/bulletins/b/fr.md --
---
title: Bulletin
number: 1
articles: [a]
---
-- content/articles/a/fr.md --
---
title: Article
---
Le texte.
`)
	feed := read(t, dist, "en/feed.xml")
	if n := strings.Count(feed, `<category term="Housing"`) + strings.Count(feed, `<category term="housing"`); n != 1 {
		t.Errorf("the tag written twice is %d categories:\n%s", n, feed)
	}
	contains(t, "en feed", feed, `<category term="strike">`)
	if strings.Contains(feed, "—</summary>") || strings.Contains(feed, "— </summary>") {
		t.Errorf("a summary ends with a dash:\n%s", feed)
	}
}

// With fallback = "hide", a tag whose items are all in English has no
// French page: the English page's switcher leads French readers to the
// French list of tags, and no alternate names a page that does not exist.
// A list's later pages do the same where a language has fewer.
func TestTheSwitcherLeadsOnlyToPagesThatExist(t *testing.T) {
	var site strings.Builder
	site.WriteString("-- tract.toml --\nfallback = \"hide\"\n" + testsite.DefaultConfig)
	for i := range 25 {
		fmt.Fprintf(&site, "-- content/articles/a%02d/en.md --\n---\ntitle: Article %d\ndate: 2026-03-%02d\ntags: [housing]\n---\nText.\n", i, i, i+1)
	}
	site.WriteString("-- content/articles/b/fr.md --\n---\ntitle: Article français\ndate: 2026-04-01\n---\nTexte.\n")
	dist := buildSite(t, site.String())
	for _, page := range []string{"en/tags/housing/index.html", "en/articles/page/2/index.html"} {
		html := read(t, dist, page)
		if strings.Contains(html, `<link rel="alternate" hreflang="fr"`) || strings.Contains(html, `<link rel="alternate" hreflang="es"`) {
			t.Errorf("%s names a French or Spanish page that does not exist:\n%s", page, html)
		}
		for _, l := range []string{"fr", "es"} {
			to := map[string]string{"en/tags/housing/index.html": "../../../" + l + "/tags/", "en/articles/page/2/index.html": "../../../../" + l + "/articles/"}[page]
			contains(t, page, html, `href="`+to+`"`)
		}
		if _, err := os.Stat(filepath.Join(dist, "fr", strings.TrimPrefix(page, "en/"))); err == nil {
			t.Errorf("fr/%s exists", strings.TrimPrefix(page, "en/"))
		}
	}
	contains(t, "en articles", read(t, dist, "en/articles/index.html"), `<link rel="alternate" hreflang="fr"`)
}

// An event with a start time and no end stays upcoming until its day is
// over, not from the moment it starts: at 20:00, the meeting that began
// at 19:00 is still tonight's, and its page does not call it past.
func TestAnEventWithoutAnEndIsUpcomingUntilItsDayEnds(t *testing.T) {
	dir := writeSite(t, `
-- content/events/tonight/en.md --
---
title: Meeting tonight
starts: 2026-11-22T19:00:00Z
---
Come.
-- content/events/yesterday/en.md --
---
title: Meeting yesterday
starts: 2026-11-21T19:00:00Z
---
Came.
`)
	at := time.Date(2026, 11, 22, 20, 0, 0, 0, time.UTC)
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: at, NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	list := read(t, res.OutDir, "en/events/index.html")
	up, past := strings.Index(list, "Upcoming events"), strings.Index(list, "Past events")
	tonight, yesterday := strings.Index(list, "Meeting tonight"), strings.Index(list, "Meeting yesterday")
	if !(up < tonight && tonight < past && past < yesterday) {
		t.Errorf("at 20:00, tonight's meeting is not upcoming and yesterday's past: up %d tonight %d past %d yesterday %d", up, tonight, past, yesterday)
	}
	if page := read(t, res.OutDir, "en/events/tonight/index.html"); strings.Contains(page, `class="past"`) {
		t.Error("tonight's meeting is called past at 20:00")
	}
}
