package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
)

// textsSite has texts that link to each other and to a picture, and one
// whose parsing gives a warning.
const textsSite = `
-- content/leaflets/rent/en.md --
---
title: Rent
date: 2026-09-01
---
We refuse the rent rise. ![](photo.png) See [the strike](../strike/en.md).
-- content/leaflets/rent/fr.md --
---
title: Loyer
date: 2026-09-01
translated_from: en@000000000000
---
Nous refusons la hausse. Voir [la grève](../strike/en.md).
-- content/leaflets/strike/en.md --
---
title: Strike
date: 2026-08-01
---
We stand with the strikers.
-- content/leaflets/other/en.md --
---
title: Other
date: 2026-07-01
---
Nothing to do with the others.
`

// TestABuildTakesTheTextsThatDidNotChangeFromTheLastOne edits a site
// step by step and checks, after each build into the same output, how
// many texts were taken from the last build, and that the output, the
// counts and the warnings are what a build from nothing gives.
func TestABuildTakesTheTextsThatDidNotChangeFromTheLastOne(t *testing.T) {
	dir, cache := writeSite(t, textsSite), t.TempDir()
	writeFile(t, dir, "content/leaflets/rent/photo.png", testPicture(t, 40, 30, "png"))
	step := func(what string, cached int) {
		t.Helper()
		buildAndCompare(t, dir, cache, what, false, cached, 0)
	}
	step("first build", 0)
	if res := buildInto(t, dir, cache, now); !res.UpToDate || len(res.Diagnostics) != 2 {
		t.Fatalf("second build: up to date %v, warnings %v", res.UpToDate, res.Diagnostics)
	}

	textsFile := func() string {
		t.Helper()
		files, _ := filepath.Glob(filepath.Join(cache, "builds", "*.texts"))
		if len(files) != 1 {
			t.Fatalf("texts files: %v", files)
		}
		return files[0]
	}
	// records is how many entries the file holds, read to its end.
	records := func(what string) int {
		t.Helper()
		_, n, whole := readEntries(textsFile(), textsFormat)
		if !whole {
			t.Fatalf("%s: the texts file is not whole", what)
		}
		return n
	}
	if n := records("first build"); n != 4 {
		t.Fatalf("first build: %d entries, want one per text (4)", n)
	}

	// One text edited: its entry is appended to the file.
	writeFile(t, dir, "content/leaflets/other/en.md", "---\ntitle: Other\ndate: 2026-07-01\n---\nStill nothing to do with them.\n")
	step("one text edited", 3)
	if n := records("one text edited"); n != 5 {
		t.Errorf("after one text edited the file holds %d entries, want 5: one appended", n)
	}

	// A build killed as it appended leaves a torn entry at the end: the
	// entries before it are used, and the file is written anew.
	if err := os.Truncate(textsFile(), stat(t, textsFile()).Size()-10); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/leaflets/strike/en.md", "---\ntitle: Strike\ndate: 2026-08-01\n---\nWe stand with the strikers, all of us.\n")
	step("the last entry torn", 2) // the two rent texts; other's entry was the torn one
	if n := records("the last entry torn"); n != 4 {
		t.Errorf("after a torn entry the file holds %d entries, want 4: written anew", n)
	}

	// Edit after edit, the file grows until it would hold more than twice
	// as many entries as there are texts, then is written anew.
	var counts []int
	for i := range 6 {
		writeFile(t, dir, "content/leaflets/other/en.md", fmt.Sprintf("---\ntitle: Other\ndate: 2026-07-01\n---\nEdit %d.\n", i))
		step(fmt.Sprintf("edit %d of the same text", i), 3)
		counts = append(counts, records(fmt.Sprintf("edit %d", i)))
	}
	if want := []int{5, 6, 7, 8, 4, 5}; !slices.Equal(counts, want) {
		t.Errorf("entries after each of six edits: %v, want %v", counts, want)
	}

	// The strike leaflet gains French: the French rent text now links to
	// it in French, and is parsed again. So is the English one: an item
	// that gains or loses a language sends every text linking to it to
	// the parser, whatever their language.
	writeFile(t, dir, "content/leaflets/strike/fr.md", "---\ntitle: Grève\ndate: 2026-08-01\ntranslated_from: en@000000000000\n---\nNous soutenons les grévistes.\n")
	step("a translation added to an item linked to", 2)

	// The picture changes: the text that shows it is parsed again.
	writeFile(t, dir, "content/leaflets/rent/photo.png", testPicture(t, 50, 30, "png"))
	step("the picture of a text changed", 4)

	// tract.toml changes: every text is parsed again.
	config, err := os.ReadFile(filepath.Join(dir, "tract.toml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "tract.toml", string(config)+"\n# edited\n")
	step("tract.toml edited", 0)

	// An entry spoilt on disk is not used, nor any after it: here the
	// first one.
	data, err := os.ReadFile(textsFile())
	if err != nil {
		t.Fatal(err)
	}
	data[len(textsFormat)+100] ^= 1
	if err := os.WriteFile(textsFile(), data, 0o644); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/leaflets/other/en.md", "---\ntitle: Other\ndate: 2026-07-01\n---\nNothing, again.\n")
	step("the texts file spoilt", 0)
	// That build wrote it anew.
	writeFile(t, dir, "content/leaflets/other/en.md", "---\ntitle: Other\ndate: 2026-07-01\n---\nNothing, once more.\n")
	step("a text edited after the texts file was spoilt", 4)
}

// TestPDFsOfTextsTakenFromTheLastBuildAreLaidOut builds without PDFs,
// then with them: the texts come from the first build, compacted, and
// their PDFs, which the PDF cache does not have yet, are laid out from
// the texts parsed again. Then one text is edited: the other PDFs come
// from the PDF cache, keyed from the texts as the first build kept them.
func TestPDFsOfTextsTakenFromTheLastBuildAreLaidOut(t *testing.T) {
	dir, cache := writeSite(t, textsSite), t.TempDir()
	writeFile(t, dir, "content/leaflets/rent/photo.png", testPicture(t, 40, 30, "png"))
	buildInto(t, dir, cache, now)
	check := func(what string, cached, pdfsCached int) {
		t.Helper()
		buildAndCompare(t, dir, cache, what, true, cached, pdfsCached)
	}
	check("PDFs after a build without", 4, 0)
	writeFile(t, dir, "content/leaflets/other/en.md", "---\ntitle: Other\ndate: 2026-07-01\n---\nStill nothing to do with them.\n")
	// The PDFs of rent/en, rent/fr and strike/en (one A4 edition each)
	// come from the PDF cache.
	check("one text edited", 3, 3)
}

// buildAndCompare builds the site at dir into its dist/ with the cache,
// with or without the PDFs, and checks that so many texts and PDFs were
// taken from the caches, and that dist/, the counts and the warnings are
// what a build from nothing gives.
func buildAndCompare(t *testing.T, dir, cache, what string, pdf bool, texts, pdfs int) *Result {
	t.Helper()
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: now, CacheDir: cache, NoPDF: !pdf})
	if err != nil {
		t.Fatalf("%s: %v %v", what, err, res.Diagnostics)
	}
	fresh := t.TempDir()
	want, err := Build(context.Background(), Options{SiteDir: dir, OutDir: fresh, Now: now, NoCache: true, NoPDF: !pdf})
	if err != nil {
		t.Fatal(err)
	}
	if res.TextsCached != texts || res.PDFsCached != pdfs {
		t.Errorf("%s: %d texts and %d PDFs from the caches, want %d and %d", what, res.TextsCached, res.PDFsCached, texts, pdfs)
	}
	if res.Pages != want.Pages || res.Files != want.Files || res.PDFs != want.PDFs || pdf && want.PDFs == 0 {
		t.Errorf("%s: %d pages, %d files, %d PDFs; want %d, %d, %d", what, res.Pages, res.Files, res.PDFs, want.Pages, want.Files, want.PDFs)
	}
	if got, want := treeHash(t, filepath.Join(dir, "dist")), treeHash(t, fresh); got != want {
		t.Errorf("%s: dist/ is %s; a build from nothing makes %s", what, got, want)
	}
	if !reflect.DeepEqual(res.Diagnostics, want.Diagnostics) {
		t.Errorf("%s: warnings\n%v\nwant\n%v", what, res.Diagnostics, want.Diagnostics)
	}
	return res
}

// A text with a link to a heading of another item's text is parsed, and
// its page made, again when that text, or the one its readers are sent
// to, changes: where the link leads, and whether it is warned about,
// depends on their headings.
func TestATextLinkingToAHeadingIsParsedAgainWhenTheTextLinkedChanges(t *testing.T) {
	dir, cache := writeSite(t, `
-- content/leaflets/strike/en.md --
---
title: Strike
date: 2026-08-01
---
## Who we are

## What we ask
-- content/leaflets/strike/fr.md --
---
title: Grève
date: 2026-08-01
translated_from: en@000000000000
---
## Qui nous sommes

## Ce que nous demandons
-- content/leaflets/rent/fr.md --
---
title: Loyer
date: 2026-09-01
---
Voir [leurs revendications](../strike/en.md#what-we-ask).
-- content/leaflets/other/en.md --
---
title: Other
date: 2026-07-01
---
Nothing to do with the others.
`), t.TempDir()
	step := func(what string, cached int) *Result {
		t.Helper()
		return buildAndCompare(t, dir, cache, what, false, cached, 0)
	}
	step("first build", 0)
	writeFile(t, dir, "content/leaflets/strike/fr.md", "---\ntitle: Grève\ndate: 2026-08-01\ntranslated_from: en@000000000000\n---\n## Qui nous sommes\n\n## Ce que nous exigeons\n")
	step("the French heading renamed", 2)
	page, err := os.ReadFile(filepath.Join(dir, "dist/fr/leaflets/rent/index.html"))
	if err != nil || !strings.Contains(string(page), `href="../strike/#ce-que-nous-exigeons"`) {
		t.Errorf("the French link does not lead to the renamed heading (%v)", err)
	}
	writeFile(t, dir, "content/leaflets/strike/en.md", "---\ntitle: Strike\ndate: 2026-08-01\n---\n## Who we are\n\n## What we demand\n")
	res := step("the English heading renamed", 2)
	if !slices.ContainsFunc(res.Diagnostics, func(d diag.Diagnostic) bool { return strings.Contains(d.Message, "has no heading #what-we-ask") }) {
		t.Errorf("no warning of the heading gone: %v", res.Diagnostics)
	}
	writeFile(t, dir, "content/leaflets/other/en.md", "---\ntitle: Other\ndate: 2026-07-01\n---\nStill nothing.\n")
	step("another text edited", 3)
}

// A text's HTML names its footnotes and tables in its language, with
// messages a site may word its own way (markdown.Messages): an edit of
// one of them in a language's locale parses that language's texts
// again, and an edit of another message none.
func TestALocaleEditOfTheTextsWordsParsesThatLanguagesTextsAgain(t *testing.T) {
	dir, cache := writeSite(t, textsSite), t.TempDir()
	writeFile(t, dir, "content/leaflets/rent/photo.png", testPicture(t, 40, 30, "png"))
	writeFile(t, dir, "content/leaflets/rent/fr.md", "---\ntitle: Loyer\ndate: 2026-09-01\ntranslated_from: en@000000000000\n---\nNous refusons la hausse[^1]. Voir [la grève](../strike/en.md).\n\n[^1]: De 14 %.\n")
	step := func(what string, cached int) {
		t.Helper()
		buildAndCompare(t, dir, cache, what, false, cached, 0)
	}
	step("first build", 0)
	if err := os.Mkdir(filepath.Join(dir, "locales"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "locales/fr.toml", "Search = \"Chercher\"\n")
	step("another French message edited", 4)
	writeFile(t, dir, "locales/fr.toml", "Search = \"Chercher\"\nFootnoteRef = \"Renvoi {{.Number}}\"\n")
	step("the French name of a footnote edited", 3)
	if page, err := os.ReadFile(filepath.Join(dir, "dist", "fr", "leaflets", "rent", "index.html")); err != nil || !strings.Contains(string(page), `aria-label="Renvoi 1"`) {
		t.Errorf("the French text's footnote is not named as the site's locale says (%v):\n%s", err, page)
	}
}

// A build into a second output takes the texts and the front matter a
// build into the first parsed and decoded: they are kept by what they
// were made from, not by where the pages went. The second output gets a
// cache of its own, and the first's is left as it was. Another site (a
// copy with one text changed), built into a third output, takes the
// texts that are the same and parses the one that is not. Each output
// is what a build from nothing makes, with the same warnings.
func TestABuildIntoAnotherOutputTakesTheTextsParsedForTheFirst(t *testing.T) {
	dir, cache := writeSite(t, textsSite), t.TempDir()
	writeFile(t, dir, "content/leaflets/rent/photo.png", testPicture(t, 40, 30, "png"))
	other := writeSite(t, textsSite)
	writeFile(t, other, "content/leaflets/rent/photo.png", testPicture(t, 40, 30, "png"))
	writeFile(t, other, "content/leaflets/other/en.md", "---\ntitle: Other\ndate: 2026-07-01\n---\nSomething else.\n")
	cached := func(ext string) map[string]string {
		t.Helper()
		files, _ := filepath.Glob(filepath.Join(cache, "builds", "*"+ext))
		out := map[string]string{}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out[f] = string(data)
		}
		return out
	}
	for _, step := range []struct {
		what, site string
		texts      int // taken from the cache
		caches     int // texts files in the cache after it
	}{
		{"first output", dir, 0, 1},
		{"second output", dir, 4, 2},
		{"another site", other, 3, 3},
	} {
		before := cached(textsExt)
		out := filepath.Join(t.TempDir(), "out")
		res, err := Build(context.Background(), Options{SiteDir: step.site, OutDir: out, Now: now, CacheDir: cache, NoPDF: true})
		if err != nil {
			t.Fatalf("%s: %v %v", step.what, err, res.Diagnostics)
		}
		fresh := t.TempDir()
		want, err := Build(context.Background(), Options{SiteDir: step.site, OutDir: fresh, Now: now, NoCache: true, NoPDF: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.TextsCached != step.texts {
			t.Errorf("%s: %d texts from the cache, want %d", step.what, res.TextsCached, step.texts)
		}
		if got, want := treeHash(t, out), treeHash(t, fresh); got != want {
			t.Errorf("%s: the output is %s; a build from nothing makes %s", step.what, got, want)
		}
		if !reflect.DeepEqual(res.Diagnostics, want.Diagnostics) {
			t.Errorf("%s: warnings\n%v\nwant\n%v", step.what, res.Diagnostics, want.Diagnostics)
		}
		after := cached(textsExt)
		if len(after) != step.caches || len(cached(frontsExt)) != step.caches {
			t.Errorf("%s: %d texts files and %d front matter files in the cache, want %d of each", step.what, len(after), len(cached(frontsExt)), step.caches)
		}
		for f, data := range before {
			if after[f] != data {
				t.Errorf("%s: the cache of another output changed (%s)", step.what, filepath.Base(f))
			}
		}
	}
}

// A text that links to an item the site does not have, or leaves out
// for a mistake in its front matter, is parsed again once the item is
// there: its link leads to the item's page then. A text kept from a
// check made while the item was broken once published a link to the
// Markdown file.
func TestATextLinkingToAnItemLeftOutIsParsedAgainWhenTheItemIsMended(t *testing.T) {
	dir, cache := writeSite(t, `
-- content/leaflets/rent/en.md --
---
title: Rent
date: 2026-09-01
---
See [the strike](../strike/en.md) and [the march](../march/en.md).
-- content/leaflets/strike/en.md --
---
title: Strike
	date: 2026-08-01
---
We stand with the strikers.
-- content/leaflets/other/en.md --
---
title: Other
date: 2026-07-01
---
Nothing to do with the others.
`), t.TempDir()
	if _, err := Check(context.Background(), Options{SiteDir: dir, Now: now, CacheDir: cache, NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/leaflets/strike/en.md", "---\ntitle: Strike\ndate: 2026-08-01\n---\nWe stand with the strikers.\n")
	// The link to the march, which is still not there, is an error: the
	// build fails, and keeps no text.
	if _, err := Build(context.Background(), Options{SiteDir: dir, Now: now, CacheDir: cache, NoPDF: true}); err == nil {
		t.Fatal("a link to an item the site does not have built")
	}
	if err := os.MkdirAll(filepath.Join(dir, "content/leaflets/march"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/leaflets/march/en.md", "---\ntitle: March\ndate: 2026-10-01\n---\nWe march.\n")
	buildAndCompare(t, dir, cache, "the strike mended and the march written", false, 1, 0)
	page, err := os.ReadFile(filepath.Join(dir, "dist/en/leaflets/rent/index.html"))
	if err != nil || !strings.Contains(string(page), `href="../strike/"`) || !strings.Contains(string(page), `href="../march/"`) {
		t.Errorf("the links do not lead to the items' pages (%v):\n%s", err, page)
	}
}

// A picture that cannot be read, shown by a text kept from the last
// check, is not also warned about as one no page shows: the text was not
// parsed again, and its links say it shows it.
func TestABadPictureShownByAKeptTextIsNotCalledUnshown(t *testing.T) {
	dir, cache := writeSite(t, `
-- content/leaflets/rent/en.md --
---
title: Rent
date: 2026-09-01
---
![The poster](poster.png)
-- content/leaflets/rent/poster.png --
-- content/leaflets/rent/spare.png --
-- content/leaflets/other/en.md --
---
title: Other
date: 2026-07-01
---
Nothing to do with the others.
`), t.TempDir()
	var runs [][]string
	for range 2 {
		ds, err := Check(context.Background(), Options{SiteDir: dir, Now: now, CacheDir: cache, NoPDF: true})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range ds {
			got = append(got, d.String())
		}
		runs = append(runs, got)
	}
	want := []string{
		"content/leaflets/rent/en.md:5: error: image poster.png: the file is empty: save or copy the picture again",
		"content/leaflets/rent/spare.png: warning: the file is empty: save or copy the picture again; no page shows it, and it is published as it is",
	}
	for i, got := range runs {
		if !slices.Equal(got, want) {
			t.Errorf("check %d:\n%s\nwant\n%s", i+1, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// The copy tract translate --to writes is not published until it is
// translated: its readers get the original, with a notice, and it has
// no page and no PDF, where it showed the original's words under its
// own language. Translated, it is published, in a build that takes the
// rest from the last one as in one from nothing.
func TestACopyNotYetTranslatedIsNotPublishedUntilItIs(t *testing.T) {
	en := "---\ntitle: Rent\ndate: 2026-09-01\n---\nWe refuse the rent rise.\n"
	dir, cache := writeSite(t, "-- content/leaflets/rent/en.md --\n"+en+
		"-- content/leaflets/rent/es.md --\n---\ntitle: Rent\ndate: 2026-09-01\ntranslated_from: en@000000000000\n---\nWe refuse the rent rise.\n"+
		"-- content/leaflets/other/en.md --\n---\ntitle: Other\ndate: 2026-07-01\n---\nNothing to do with the others.\n"), t.TempDir()
	buildAndCompare(t, dir, cache, "a copy not translated", true, 0, 0)
	dist := filepath.Join(dir, "dist")
	if _, err := os.Stat(filepath.Join(dist, "es/leaflets/rent")); err == nil {
		t.Error("the copy not translated has a page")
	}
	list := read(t, dist, "es/leaflets/index.html")
	if !strings.Contains(list, `href="../../en/leaflets/rent/" hreflang="en"`) {
		t.Errorf("the Spanish list does not send its readers to the original:\n%s", list)
	}
	writeFile(t, dir, "content/leaflets/rent/es.md", "---\ntitle: Alquiler\ndate: 2026-09-01\ntranslated_from: en@000000000000\n---\nRechazamos la subida.\n")
	buildAndCompare(t, dir, cache, "the copy translated", true, 2, 2)
	if page := read(t, dist, "es/leaflets/rent/index.html"); !strings.Contains(page, "Rechazamos la subida.") {
		t.Errorf("the translation has no page:\n%s", page)
	}
}

// A translation with paragraphs still its source's, word for word, is
// published with a notice that says so and links the original; once
// translated in full, its page and PDF lose the notice, in a build that
// takes the rest from the caches as in one from nothing.
func TestAPartlyTranslatedTextSaysSoUntilItIsTranslated(t *testing.T) {
	en := "---\ntitle: Rent\ndate: 2026-09-01\n---\nWe refuse the rent rise, every one of us.\n\nThe landlord wants fourteen per cent more from January.\n"
	digest, err := content.DigestFile([]byte(en))
	if err != nil {
		t.Fatal(err)
	}
	fr := func(second string) string {
		return "---\ntitle: Loyer\ntranslated_from: en@" + digest + "\n---\nNous refusons la hausse du loyer, tous ensemble.\n\n" + second + "\n"
	}
	dir, cache := writeSite(t, "-- content/leaflets/rent/en.md --\n"+en+
		"-- content/leaflets/rent/fr.md --\n"+fr("The landlord wants fourteen per cent more from January.")), t.TempDir()
	buildAndCompare(t, dir, cache, "partly translated", true, 0, 0)
	dist := filepath.Join(dir, "dist")
	notice := `<p class="notice" role="note">Certains passages de ce texte ne sont pas encore traduits. <a href="../../../en/leaflets/rent/" hreflang="en">`
	if page := read(t, dist, "fr/leaflets/rent/index.html"); !strings.Contains(page, notice) {
		t.Errorf("the page partly translated has no notice:\n%s", page)
	}
	if page := read(t, dist, "en/leaflets/rent/index.html"); strings.Contains(page, `class="notice"`) {
		t.Errorf("the original has a notice:\n%s", page)
	}
	writeFile(t, dir, "content/leaflets/rent/fr.md", fr("Le propriétaire veut quatorze pour cent de plus en janvier."))
	buildAndCompare(t, dir, cache, "translated in full", true, 1, 1)
	if page := read(t, dist, "fr/leaflets/rent/index.html"); strings.Contains(page, `class="notice"`) {
		t.Errorf("the page translated in full keeps a notice:\n%s", page)
	}
}

// Whether a translation is partly its source's can change with neither
// its file nor its source's digest changing: the digest reads text in
// Unicode's NFC, the copy check reads Hangul as written (it normalises
// only the accents of Latin, Greek and Cyrillic letters: see
// content.paragraphsOf). A source saved again in NFC after its copy was
// made with its Hangul decomposed loses the copy, and the translation's
// PDF its notice, as a build from nothing makes it.
func TestAPDFLosesItsPartlyTranslatedNoticeWhenOnlyTheSourceChanges(t *testing.T) {
	nfd := norm.NFD.String("The meeting was also interpreted into 한국어 for the tenants of block C.")
	en := func(para string) string {
		return "---\ntitle: Rent\ndate: 2026-09-01\n---\n" + para + "\n\nThe landlord wants fourteen per cent more from January.\n"
	}
	digest, err := content.DigestFile([]byte(en(nfd)))
	if err != nil {
		t.Fatal(err)
	}
	dir, cache := writeSite(t, "-- content/leaflets/rent/en.md --\n"+en(nfd)+
		"-- content/leaflets/rent/fr.md --\n---\ntitle: Loyer\ntranslated_from: en@"+digest+"\n---\n"+nfd+"\n\nLe propriétaire veut quatorze pour cent de plus en janvier.\n"), t.TempDir()
	buildAndCompare(t, dir, cache, "a paragraph copied in NFD", true, 0, 0)
	dist := filepath.Join(dir, "dist")
	if page := read(t, dist, "fr/leaflets/rent/index.html"); !strings.Contains(page, "Certains passages de ce texte ne sont pas encore traduits.") {
		t.Fatalf("no notice on the page partly copied:\n%s", page)
	}
	writeFile(t, dir, "content/leaflets/rent/en.md", en(norm.NFC.String(nfd)))
	// The English PDF is made again (its text's bytes changed), the
	// French one too: the same file, the same digest, no notice. The
	// French text is parsed again: its paragraph, no longer the
	// source's, is no longer set in English.
	buildAndCompare(t, dir, cache, "the source saved in NFC", true, 0, 0)
	if page := read(t, dist, "fr/leaflets/rent/index.html"); strings.Contains(page, `class="notice"`) {
		t.Errorf("the page keeps its notice:\n%s", page)
	}
}

// A translation's paragraphs still its source's are set in the source's
// language, on its page and in its PDF: an edit of the source alone
// changes which, and the text and the PDF taken from the last build are
// made again when it does.
func TestAnEditOfTheSourceChangesWhichParagraphsAreSetInItsLanguage(t *testing.T) {
	en := func(a, b string) string {
		return "---\ntitle: Rent\ndate: 2026-09-01\n---\nWe refuse the rise, all of us, " + a + ".\n\nThe landlord wants fourteen per cent more: from " + b + "!\n\nCome to the meeting on Thursday at seven: all welcome!\n"
	}
	digest, err := content.DigestFile([]byte(en("together", "January")))
	if err != nil {
		t.Fatal(err)
	}
	fr := "---\ntitle: Loyer\ntranslated_from: en@" + digest + "\n---\nNous refusons la hausse, tous ensemble.\n\n" +
		"The landlord wants fourteen per cent more: from January!\n\nCome to the meeting on Thursday at seven: all welcome!\n"
	dir, cache := writeSite(t, "-- content/leaflets/rent/en.md --\n"+en("together", "January")+"-- content/leaflets/rent/fr.md --\n"+fr), t.TempDir()
	dist := filepath.Join(dir, "dist")
	marked := func(what string, want int) {
		t.Helper()
		if page := read(t, dist, "fr/leaflets/rent/index.html"); strings.Count(page, `<div lang="en" dir="ltr">`) != want {
			t.Errorf("%s: want %d paragraphs marked as English:\n%s", what, want, page)
		}
	}
	buildAndCompare(t, dir, cache, "two paragraphs copied", true, 0, 0)
	marked("two paragraphs copied", 2)
	// The source's own paragraph edited: the same two are copied.
	writeFile(t, dir, "content/leaflets/rent/en.md", en("as one", "January"))
	buildAndCompare(t, dir, cache, "the source's own paragraph edited", true, 1, 0)
	marked("the source's own paragraph edited", 2)
	// One of the two edited in the source: the translation's file, its
	// state (outdated) and its notice are as they were, and its text
	// and PDF are made again, with one paragraph in English.
	writeFile(t, dir, "content/leaflets/rent/en.md", en("as one", "February"))
	buildAndCompare(t, dir, cache, "a copied paragraph edited in the source", true, 0, 0)
	marked("a copied paragraph edited in the source", 1)
}
