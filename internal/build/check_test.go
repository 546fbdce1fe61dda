package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
)

var checkNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestCheckWritesNothing(t *testing.T) {
	dir := testsite.Dir(t, `
-- content/leaflets/rent/en.md --
---
title: Rent
date: 2024-02-24
---
Text.
`)
	ds, err := Check(context.Background(), Options{SiteDir: dir, Now: checkNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 0 {
		t.Errorf("diagnostics on a good site: %v", ds)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "tract.toml" && e.Name() != "content" {
			t.Errorf("check wrote %s", e.Name())
		}
	}
}

func TestCheckReportsStaticFileThatReplacesAGeneratedOne(t *testing.T) {
	dir := testsite.Dir(t, `
-- content/leaflets/rent/en.md --
---
title: Rent
date: 2024-02-24
---
Text.
-- static/sitemap.xml --
<urlset/>
`)
	ds, err := Check(context.Background(), Options{SiteDir: dir, Now: checkNow})
	if err != nil {
		t.Fatal(err)
	}
	want := "static/sitemap.xml: error: would replace the generated sitemap.xml: rename it"
	if len(ds) != 1 || ds[0].String() != want {
		t.Errorf("got %v, want %q", ds, want)
	}
}

// A file of static/ at the path of an item's own file: the build refuses
// it when it copies, so check says so too.
func TestCheckReportsStaticFileThatReplacesAnItemsFile(t *testing.T) {
	dir := testsite.Dir(t, `
-- content/leaflets/rent/en.md --
---
title: Rent
date: 2024-02-24
---
Text, and [our notes](notes.txt).
-- content/leaflets/rent/notes.txt --
ours
-- static/leaflets/rent/notes.txt --
theirs
`)
	ds, err := Check(context.Background(), Options{SiteDir: dir, Now: checkNow, NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "static/leaflets/rent/notes.txt: error: would replace the generated leaflets/rent/notes.txt: rename it"
	if len(ds) != 1 || ds[0].String() != want {
		t.Errorf("got %v, want %q", ds, want)
	}
	if _, err := Build(context.Background(), Options{SiteDir: dir, Now: checkNow, NoPDF: true}); err == nil {
		t.Error("the build published it")
	}
}

// pdfProblemsSite is a site whose PDFs have problems: an article a
// bulletin prints has a character the fonts lack, and a leaflet is too
// long for its page.
var pdfProblemsSite = `
-- content/articles/b/en.md --
---
title: Glyph
date: 2024-02-24
---
Solidarity ✊.
-- content/bulletins/one/en.md --
---
title: One
number: 1
articles: [b]
date: 2024-02-24
---
The first issue.
-- content/leaflets/long/en.md --
---
title: Long
date: 2024-02-24
---
` + strings.Repeat("The rent rose again this year, and the repairs still wait. ", 140) + `
`

// TestCheckLaysOutEveryPDFAfterAnError checks, on one core, a site whose
// first text has an error: the PDFs of the texts parsed after it are
// still laid out (a build stops making them), and a character the fonts
// lack in an article a bulletin prints is reported once, at the article.
func TestCheckLaysOutEveryPDFAfterAnError(t *testing.T) {
	dir := testsite.Dir(t, `
-- content/leaflets/a/en.md --
---
title: Broken
date: 2024-02-24
---
A [link](../none/en.md) to nothing.
`+pdfProblemsSite)
	ds, err := Check(context.Background(), Options{SiteDir: dir, Now: checkNow, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	want := []string{
		`content/articles/b/en.md:5: warning: PDF: the PDF font cannot draw U+270A '✊': it is printed as "�"`,
		`content/leaflets/a/en.md:5: error: link "../none/en.md": there is no item content/leaflets/none`,
		`content/leaflets/long/en.md: warning: PDF: does not fit on one A4 page even at 8.5 pt: the PDF has 2 pages (front and back)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCheckTakesThePDFsABuildLeft builds a site, then checks it: every
// PDF is taken from the cache the build filled, and the check finds what
// a check without the cache finds, the PDFs' problems included. After an
// edit, only the edited leaflet's PDF is laid out again.
func TestCheckTakesThePDFsABuildLeft(t *testing.T) {
	dir := testsite.Dir(t, pdfProblemsSite+`
-- content/pamphlets/p/en.md --
---
title: Pamphlet
---
## One

A chapter.
`)
	ctx := context.Background()
	res, err := Build(ctx, Options{SiteDir: dir, OutDir: filepath.Join(t.TempDir(), "dist"), Now: checkNow})
	if err != nil {
		t.Fatal(err)
	}
	checkAgainst := func(what string, wantCached int) {
		t.Helper()
		want, cached, err := CheckCached(ctx, Options{SiteDir: dir, Now: checkNow, NoCache: true})
		if err != nil || cached.PDFs != 0 {
			t.Fatalf("%s: without the cache: %d PDFs taken from it, %v", what, cached.PDFs, err)
		}
		got, cached, err := CheckCached(ctx, Options{SiteDir: dir, Now: checkNow})
		if err != nil {
			t.Fatal(err)
		}
		if cached.PDFs != wantCached {
			t.Errorf("%s: %d PDFs taken from the cache, want %d", what, cached.PDFs, wantCached)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: with the cache:\n%v\nwithout:\n%v", what, got, want)
		}
		if !slices.ContainsFunc(got, func(d diag.Diagnostic) bool { return strings.Contains(d.Message, "does not fit") }) {
			t.Errorf("%s: the long leaflet's problem is missing: %v", what, got)
		}
	}
	if res.PDFs < 6 {
		t.Fatalf("the build made %d PDFs", res.PDFs)
	}
	checkAgainst("after the build", res.PDFs)
	f := filepath.Join(dir, "content", "leaflets", "long", "en.md")
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, append(data, "\nOne more sentence.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	checkAgainst("after an edit of the leaflet", res.PDFs-1)
}

// cachedCheck checks dir with its PDFs, caching them in cache ("" for no
// cache), and returns the diagnostics and how many PDFs it took from the
// cache.
func cachedCheck(t *testing.T, dir, cache string) ([]diag.Diagnostic, int) {
	t.Helper()
	ds, cached, err := CheckCached(context.Background(), Options{SiteDir: dir, Now: now, CacheDir: cache, NoCache: cache == ""})
	if err != nil {
		t.Fatal(err)
	}
	return ds, cached.PDFs
}

// samePDFs reports each PDF of got that is not the one of want.
func samePDFs(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d PDFs, want %d", what, len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s: %s is not the PDF a build without the cache makes", what, name)
		}
	}
}

// TestABuildAfterACheckMakesNoPDF checks a site, then builds it: the
// build takes every PDF from what the check stored, and they and their
// warnings are those a build without the cache makes.
func TestABuildAfterACheckMakesNoPDF(t *testing.T) {
	dir, cache := cacheSite(t), t.TempDir()
	plain, want := cachedBuild(t, dir, "", now)
	if _, cached := cachedCheck(t, dir, cache); cached != 0 {
		t.Fatalf("a check with an empty cache took %d PDFs from it", cached)
	}
	res, got := cachedBuild(t, dir, cache, now)
	if res.PDFs == 0 || remade(res) != 0 {
		t.Errorf("after a check, the build made %d of its %d PDFs", remade(res), res.PDFs)
	}
	samePDFs(t, "after a check", got, want)
	if w, pw := pdfWarnings(res.Diagnostics), pdfWarnings(plain.Diagnostics); len(pw) < 2 || !slices.Equal(w, pw) {
		t.Errorf("warnings from what the check stored:\n%s\nwant:\n%s", strings.Join(w, "\n"), strings.Join(pw, "\n"))
	}
}

// TestASecondCheckLaysOutNoPDF checks a site twice: the second check
// takes every PDF from what the first stored, and both report what a
// check without the cache reports.
func TestASecondCheckLaysOutNoPDF(t *testing.T) {
	dir, cache := cacheSite(t), t.TempDir()
	res, err := Build(context.Background(), Options{SiteDir: dir, OutDir: t.TempDir(), Now: now, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := cachedCheck(t, dir, "")
	for i, wantCached := range []int{0, res.PDFs} {
		got, cached := cachedCheck(t, dir, cache)
		if cached != wantCached {
			t.Errorf("check %d took %d PDFs from the cache, want %d", i+1, cached, wantCached)
		}
		if !slices.Equal(got, want) {
			t.Errorf("check %d with the cache:\n%v\nwithout:\n%v", i+1, got, want)
		}
	}
}

// TestAnEditAfterACheckIsMadeAgain checks a site, then edits a leaflet
// and the photo of an article a bulletin prints, and builds it: the
// build makes again the PDFs that print them, and only those, and takes
// none that is not the PDF of the site as it now is.
func TestAnEditAfterACheckIsMadeAgain(t *testing.T) {
	dir, cache := cacheSite(t), t.TempDir()
	cachedCheck(t, dir, cache)
	f := filepath.Join(dir, "content", "leaflets", "long", "en.md")
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/leaflets/long/en.md", string(data)+"\nOne more sentence.\n")
	writeFile(t, dir, "content/articles/one/gate.jpg", string(photo(t, 200, 300)))
	_, want := cachedBuild(t, dir, "", now)
	res, got := cachedBuild(t, dir, cache, now)
	// The leaflet's PDF; the article's, and the bulletin's two.
	if n := remade(res); n != 4 {
		t.Errorf("after the edits, the build made %d PDFs; want 4", n)
	}
	samePDFs(t, "after the edits", got, want)
}

// TestACorruptEntryACheckLeftIsIgnored spoils the entries a check
// stored: a second check and a build take nothing from them, and report
// and make what they do without the cache.
func TestACorruptEntryACheckLeftIsIgnored(t *testing.T) {
	dir, cache := cacheSite(t), t.TempDir()
	want, _ := cachedCheck(t, dir, "")
	_, wantPDFs := cachedBuild(t, dir, "", now)
	cachedCheck(t, dir, cache)
	spoilEntries(t, cache)
	got, cached := cachedCheck(t, dir, cache)
	if cached != 0 {
		t.Errorf("a check took %d PDFs from corrupt entries", cached)
	}
	if !slices.Equal(got, want) {
		t.Errorf("after corrupt entries:\n%v\nwithout the cache:\n%v", got, want)
	}
	spoilEntries(t, cache) // those the check wrote again
	res, gotPDFs := cachedBuild(t, dir, cache, now)
	if res.PDFsCached != 0 {
		t.Errorf("a build took %d PDFs from corrupt entries", res.PDFsCached)
	}
	samePDFs(t, "after corrupt entries", gotPDFs, wantPDFs)
}

func TestCheckOfGeneratedSiteIsClean(t *testing.T) {
	dir := t.TempDir()
	writeGeneratedSite(t, dir, 21)
	ds, err := Check(context.Background(), Options{SiteDir: dir, Now: checkNow})
	if err != nil {
		t.Fatal(err)
	}
	// One warning per outdated Spanish translation, nothing else.
	for _, d := range ds {
		if d.Severity != diag.Warning || !strings.Contains(d.Message, "outdated translation") {
			t.Errorf("unexpected: %s", d)
		}
	}
	if len(ds) != 21/3 {
		t.Errorf("%d diagnostics, want %d", len(ds), 21/3)
	}
}

// BenchmarkCheck times tract check on the sample site and on a generated
// site of 1,000 items in three languages, with the PDFs and without
// (--no-pdf).
func BenchmarkCheck(b *testing.B) {
	gen := b.TempDir()
	writeGeneratedSite(b, gen, 1000)
	for _, bc := range []struct {
		name, dir string
		noPDF     bool
	}{
		{"SampleSite", "../..", false},
		{"SampleSiteNoPDF", "../..", true},
		{"Generated1000Items", gen, false},
		{"Generated1000ItemsNoPDF", gen, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				ds, err := Check(context.Background(), Options{SiteDir: bc.dir, Now: checkNow, NoPDF: bc.noPDF})
				if err != nil {
					b.Fatal(err)
				}
				for _, d := range ds {
					if d.Severity == diag.Error {
						b.Fatal(d)
					}
				}
			}
		})
	}
}

// writeGeneratedSite writes a site of n items spread over the sections,
// each an English original of a few paragraphs with a link to another
// item and a tag, a current French translation and, for every third
// item, an outdated Spanish one. Events start in 2026; bulletins list the
// articles before them.
func writeGeneratedSite(tb testing.TB, dir string, n int) {
	tb.Helper()
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	write("tract.toml", testsite.DefaultConfig)
	// A realistic mix: many articles and leaflets, some events, a bulletin
	// for every few articles; and a handful of pages (every page's footer
	// lists them all).
	sections := []string{"leaflets", "articles", "articles", "events", "pamphlets", "articles", "bulletins"}
	var articles []string
	prev := ""
	for i := range n {
		section := sections[i%len(sections)]
		if i < 5 {
			section = "pages"
		}
		slug := fmt.Sprintf("item-%04d", i)
		extra := ""
		switch section {
		case "events":
			extra = fmt.Sprintf("starts: 2026-%02d-%02dT18:00:00+01:00\nvenue: \"Hall %d\"\n", i%12+1, i%28+1, i)
		case "bulletins":
			extra = fmt.Sprintf("number: %d\narticles: [%s]\n", i, strings.Join(articles[max(0, len(articles)-3):], ", "))
		case "articles":
			articles = append(articles, slug)
		}
		title := fmt.Sprintf("Item %d: the rent, the wages and the repairs", i)
		summary := "A generated item for timing tract check."
		// Each language's text in its own words, as a translation is: a
		// paragraph left as the original's is warned about.
		var body, frBody, esBody strings.Builder
		for p := range 6 {
			fmt.Fprintf(&body, "\nParagraph %d of item %d. Tenants and workers organise together, \"with quotes\" and an apostrophe's worth of typography — and a dash. ", p, i)
			body.WriteString(strings.Repeat("More words to lay out on the page and wrap in the PDF. ", 8))
			body.WriteString("\n")
			fmt.Fprintf(&frBody, "\nParagraphe %d de l'élément %d. Locataires et salariés s'organisent ensemble, « avec des guillemets » et un tiret. ", p, i)
			frBody.WriteString(strings.Repeat("Encore des mots à mettre en page et à couper dans le PDF. ", 8))
			frBody.WriteString("\n")
			fmt.Fprintf(&esBody, "\nPárrafo %d del elemento %d. Inquilinos y trabajadores se organizan juntos, «con comillas» y una raya. ", p, i)
			esBody.WriteString(strings.Repeat("Más palabras que maquetar en la página y cortar en el PDF. ", 8))
			esBody.WriteString("\n")
		}
		if i > 0 {
			fmt.Fprintf(&body, "\nSee [the item before](../../%s/item-%04d/en.md) and *emphasis*.\n", prev, i-1)
			fmt.Fprintf(&frBody, "\nVoir [l'élément précédent](../../%s/item-%04d/fr.md) et *l'emphase*.\n", prev, i-1)
			fmt.Fprintf(&esBody, "\nVer [el elemento anterior](../../%s/item-%04d/en.md) y *énfasis*.\n", prev, i-1)
		}
		prev = section
		date := fmt.Sprintf("2025-%02d-%02d", i%12+1, i%28+1)
		en := fmt.Sprintf("---\ntitle: %q\ndate: %s\nsummary: %q\ntags: [tag-%d, common]\n%s---\n%s", title, date, summary, i%50, extra, body.String())
		write(fmt.Sprintf("content/%s/%s/en.md", section, slug), en)
		digest := content.Digest(title, summary, []byte(body.String()))
		fr := fmt.Sprintf("---\ntitle: %q\nsummary: %q\ntranslated_from: en@%s\n---\n%s", "Élément "+fmt.Sprint(i), "Un élément généré.", digest, frBody.String())
		write(fmt.Sprintf("content/%s/%s/fr.md", section, slug), fr)
		if i%3 == 0 {
			es := fmt.Sprintf("---\ntitle: %q\ntranslated_from: en@000000000000\n---\n%s", "Elemento "+fmt.Sprint(i), esBody.String())
			write(fmt.Sprintf("content/%s/%s/es.md", section, slug), es)
		}
	}
}
