package build

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/search"
	"github.com/tractpub/tract/internal/web"
)

// photo encodes a w×h JPEG that compresses like a photograph.
func photo(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			n := uint8(rng.IntN(24))
			m.SetRGBA(x, y, color.RGBA{uint8(x*200/w) + n, uint8(y*200/h) + n, 90 + n, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const withPhoto = `
-- content/articles/strike/en.md --
---
title: The strike
date: 2026-11-01
---
![Strikers at the gate](gate.jpg "Gate 3")

Text.
-- content/articles/strike/fr.md --
---
title: La grève
translated_from: en@DIGEST
---
![Des grévistes devant la porte](gate.jpg "Porte 3")

Texte.
-- content/articles/plain/en.md --
---
title: No picture
date: 2026-10-01
---
Words only.
`

func buildWithPhoto(t *testing.T, w, h int) (dir string, res *Result, err error) {
	t.Helper()
	dir = writeSite(t, withDigests(t, withPhoto))
	if err := os.WriteFile(filepath.Join(dir, "content/articles/strike/gate.jpg"), photo(t, w, h), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = Build(context.Background(), Options{SiteDir: dir, Now: now})
	return dir, res, err
}

func TestLargePhotosGetResizedCopiesMadeOncePerImage(t *testing.T) {
	_, res, err := buildWithPhoto(t, 2400, 1600)
	if err != nil {
		t.Fatal(err)
	}
	dist := res.OutDir
	for _, w := range []int{480, 960, 1600} {
		name := fmt.Sprintf("gate-%dw.jpg", w)
		data, err := os.ReadFile(filepath.Join(dist, "articles/strike", name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || format != "jpeg" || cfg.Width != w {
			t.Errorf("%s: %s %d px wide (%v)", name, format, cfg.Width, err)
		}
	}
	page := read(t, dist, "fr/articles/strike/index.html")
	contains(t, "fr strike", page,
		`<img src="../../../articles/strike/gate-960w.jpg" alt="Des grévistes devant la porte" width="960" height="640" srcset="../../../articles/strike/gate-480w.jpg 480w, ../../../articles/strike/gate-960w.jpg 960w, ../../../articles/strike/gate-1600w.jpg 1600w" sizes=`,
		`<meta property="og:image" content="https://x.org/articles/strike/gate-960w.jpg">`,
		`<meta property="og:image:width" content="960">`,
		`<meta property="og:image:alt" content="Des grévistes devant la porte">`,
		`<meta name="twitter:card" content="summary_large_image">`,
	)
	lacks(t, "fr strike", page, "gate.jpg 2400w", `loading="lazy"`) // the first image, at the top, loads at once
	checkLinks(t, dist)
}

func TestAPictureInASubfolderIsShownFromThere(t *testing.T) {
	dir := writeSite(t, `
-- content/articles/strike/en.md --
---
title: The strike
date: 2026-11-01
---
![Strikers at the gate](photos/gate.jpg "Gate 3")

![The hall](photos/hall.jpg)
`)
	photos := filepath.Join(dir, "content/articles/strike/photos")
	if err := os.MkdirAll(photos, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, w := range map[string]int{"gate.jpg": 1200, "hall.jpg": 300} {
		if err := os.WriteFile(filepath.Join(photos, name), photo(t, w, w*2/3), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	page := read(t, res.OutDir, "en/articles/strike/index.html")
	contains(t, "strike", page,
		`<img src="../../../articles/strike/photos/gate-960w.jpg"`,
		`<img src="../../../articles/strike/photos/hall.jpg"`)
	checkLinks(t, res.OutDir)
}

func TestAnImageTooLargeToDecodeIsAnErrorAtItsPath(t *testing.T) {
	// A header that claims 20000×20000 pixels in a file of a few bytes.
	dir := writeSite(t, withDigests(t, withPhoto))
	bomb := photo(t, 16, 16)
	i := bytes.Index(bomb, []byte{0xFF, 0xC0}) // start of frame: length(2) precision(1) height(2) width(2)
	bomb[i+5], bomb[i+6], bomb[i+7], bomb[i+8] = 0x4E, 0x20, 0x4E, 0x20
	os.WriteFile(filepath.Join(dir, "content/articles/strike/gate.jpg"), bomb, 0o644)
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: now})
	if err == nil {
		t.Fatal("a 400-megapixel image was accepted")
	}
	// Reported where the texts show it.
	for _, want := range []string{
		"content/articles/strike/en.md:5: error: image gate.jpg: image is 20000×20000 pixels; tract accepts at most",
		"content/articles/strike/fr.md:5: error: image gate.jpg: image is 20000×20000 pixels; tract accepts at most",
	} {
		found := false
		for _, d := range res.Diagnostics {
			found = found || strings.HasPrefix(d.String(), want)
		}
		if !found {
			t.Errorf("no %q in %v", want, res.Diagnostics)
		}
	}
}

func TestAnUnreadableImageNoPageShowsIsAWarning(t *testing.T) {
	dir := writeSite(t, withDigests(t, withPhoto))
	os.WriteFile(filepath.Join(dir, "content/articles/strike/gate.jpg"), photo(t, 20, 10), 0o644)
	os.WriteFile(filepath.Join(dir, "content/articles/strike/notes.png"), []byte("not a PNG"), 0o644)
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 1 || !strings.HasPrefix(res.Diagnostics[0].String(), "content/articles/strike/notes.png: warning: the file holds text, not a picture: it is named .png") {
		t.Errorf("diagnostics: %v", res.Diagnostics)
	}
	read(t, res.OutDir, "articles/strike/notes.png") // published as it is
}

func TestPagesWithoutAPictureShareTheSitesDefaultPicture(t *testing.T) {
	_, res, err := buildWithPhoto(t, 100, 60)
	if err != nil {
		t.Fatal(err)
	}
	dist := res.OutDir
	page := read(t, dist, "en/articles/plain/index.html")
	contains(t, "en plain", page,
		`<meta property="og:image" content="https://x.org/assets/share-en.png">`,
		`<meta property="og:image:width" content="1200">`,
		`<meta property="og:image:height" content="630">`,
		`<meta property="og:description" content="Words only.">`,
		`<meta property="og:locale" content="en_US">`,
		`<link rel="alternate" type="application/atom+xml" href="../../feed.xml"`,
	)
	for _, lang := range []string{"en", "fr", "es"} {
		data := read(t, dist, web.ShareImage(lang))
		cfg, format, err := image.DecodeConfig(strings.NewReader(data))
		if err != nil || format != "png" || cfg.Width != 1200 || cfg.Height != 630 {
			t.Errorf("%s: %s %dx%d %v", web.ShareImage(lang), format, cfg.Width, cfg.Height, err)
		}
	}
	home := read(t, dist, "fr/index.html")
	contains(t, "fr home", home, `<meta property="og:image" content="https://x.org/assets/share-fr.png">`)
}

func TestImageWithoutAltTextIsAWarningAtItsLine(t *testing.T) {
	dir := writeSite(t, `
-- content/articles/a/en.md --
---
title: A
date: 2024-02-24
---
Text.

![](gate.jpg)
`)
	os.WriteFile(filepath.Join(dir, "content/articles/a/gate.jpg"), photo(t, 20, 10), 0o644)
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].String() != `content/articles/a/en.md:7: warning: image gate.jpg has no alt text: say what it shows between the brackets, ![what it shows](gate.jpg), for readers who cannot see it; for a purely decorative image write ![""](gate.jpg)` {
		t.Errorf("diagnostics: %v", res.Diagnostics)
	}
	contains(t, "a", read(t, res.OutDir, "en/articles/a/index.html"), `<img src="../../../articles/a/gate.jpg" alt="" width="20" height="10"`)
}

// searchIndex reads a language's search index from dist: the pages, and
// for each word the pages it is found in.
func searchIndex(t *testing.T, dist, lang string) (docs []string, terms map[string][]string) {
	t.Helper()
	var idx struct {
		Lang string `json:"lang"`
		Docs []struct {
			Path  string `json:"p"`
			Title string `json:"t"`
			Words string `json:"w"`
		} `json:"docs"`
		Terms map[string]string `json:"terms"`
	}
	if err := json.Unmarshal([]byte(read(t, dist, lang+"/search-index.json")), &idx); err != nil {
		t.Fatal(err)
	}
	terms = map[string][]string{}
	for _, d := range idx.Docs {
		docs = append(docs, d.Path)
		for _, w := range strings.Fields(d.Words) {
			terms[w] = append(terms[w], d.Path)
		}
	}
	for term, ns := range idx.Terms {
		n := 0
		for _, d := range strings.Split(ns, ".") {
			gap, err := strconv.ParseInt(d, 36, 0)
			if err != nil {
				t.Fatalf("%s: pages %q of %q: %v", lang, ns, term, err)
			}
			n += int(gap)
			terms[term] = append(terms[term], docs[n])
		}
		if len(terms[term]) < 2 {
			t.Errorf("%s: %q is in one page only but listed in terms", lang, term)
		}
	}
	return docs, terms
}

func TestSearchIndexHoldsEachLanguagesPagesWithFoldedWords(t *testing.T) {
	dist := buildSite(t, withDigests(t, trilingual))
	docs, terms := searchIndex(t, dist, "fr")
	for _, d := range docs {
		if !strings.HasPrefix(d, "fr/") {
			t.Errorf("the French index holds %s", d)
		}
	}
	if slices.Contains(docs, "fr/leaflets/statement/") {
		t.Error("the French index holds a page that has no French variant")
	}
	for term, want := range map[string]string{
		"proprietaire": "fr/leaflets/rent/", // propriétaire: accents removed
		"non":          "fr/leaflets/rent/", // title
		"quebec":       "fr/leaflets/rent/", // tag québec
		"reunion":      "fr/events/meeting/",
	} {
		if !slices.Contains(terms[term], want) {
			t.Errorf("fr index: %q does not lead to %s (%v)", term, want, terms[term])
		}
	}
	for term := range terms {
		if term != strings.ToLower(term) || strings.ContainsAny(term, "éèàç ’'") {
			t.Errorf("fr index: term %q is not folded", term)
		}
	}
	_, en := searchIndex(t, dist, "en")
	if !slices.Contains(en["bolsevik"], "en/leaflets/statement/") || !slices.Contains(en["lodz"], "en/leaflets/statement/") {
		t.Error("en index: signatories (Bolşevik, Łódź) are not searchable without their accents")
	}
}

func TestSearchTermsFoldCaseAccentsAndLigatures(t *testing.T) {
	for _, tc := range []struct{ lang, in, want string }{
		{"fr", "Février, l’ŒUVRE du cœur", "fevrier oeuvre du coeur"},
		{"es", "¿Mañana? ¡Reunión en Logroño!", "manana reunion en logrono"},
		{"en", "Straße ﬁre İşçileri Łódź 14% a", "strasse fire iscileri lodz 14"},
		{"tr", "İSTANBUL ışık", "istanbul isik"},
	} {
		if got := strings.Join(search.Terms(tc.lang, tc.in), " "); got != tc.want {
			t.Errorf("%s %q: %q, want %q", tc.lang, tc.in, got, tc.want)
		}
	}
}

func TestSearchPageWithoutScriptExplainsAndListsTheSections(t *testing.T) {
	dist := buildSite(t, withDigests(t, trilingual))
	page := read(t, dist, "es/search/index.html")
	contains(t, "es search", page,
		`<html lang="es">`,
		`<form class="search" role="search" hidden action="./" method="get"`,
		`<label for="q">Palabras que buscar</label>`,
		`<p class="nojs notice">La búsqueda funciona en tu navegador y necesita JavaScript`,
		`<a href="../leaflets/">Octavillas</a>`,
		`"index":"../../en/search-index.json","label":"en inglés"`,
		`<script src="../../assets/search.js?v=`,
	)
	contains(t, "es home", read(t, dist, "es/index.html"), `<a href="search/">`)
	read(t, dist, "assets/search.js")
}

// TestSampleItemPagesWeighUnder30KB holds the page-weight budget: an item
// page's HTML and the stylesheet, before compression, under 30 KB.
func TestSampleItemPagesWeighUnder30KB(t *testing.T) {
	res, err := Build(context.Background(), Options{SiteDir: "../..", OutDir: filepath.Join(t.TempDir(), "dist"), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	css, err := os.Stat(filepath.Join(res.OutDir, "assets/tract.css"))
	if err != nil {
		t.Fatal(err)
	}
	heaviest, heaviestName := int64(0), ""
	pages, _ := filepath.Glob(filepath.Join(res.OutDir, "*/*/*/index.html"))
	for _, p := range pages {
		st, _ := os.Stat(p)
		if total := st.Size() + css.Size(); total > heaviest {
			heaviest, heaviestName = total, p
		}
	}
	if len(pages) < 30 {
		t.Fatalf("only %d item pages", len(pages))
	}
	rel, _ := filepath.Rel(res.OutDir, heaviestName)
	t.Logf("heaviest item page: %s, %d bytes with the %d-byte stylesheet", rel, heaviest, css.Size())
	if heaviest > 30<<10 {
		t.Errorf("%s and the stylesheet weigh %d bytes, over the 30 KB budget", rel, heaviest)
	}
}

// TestSearchIndexSizePer100Items builds a generated site of 100 items in
// three languages, 600 words each with a vocabulary as large as real
// text's (Zipf-distributed), and holds the index to its budget.
func TestSearchIndexSizePer100Items(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 300-page site")
	}
	var archive strings.Builder
	rng := rand.New(rand.NewPCG(7, 100))
	for _, lang := range []string{"en", "fr", "es"} {
		vocab := vocabulary(rng, lang, 40000)
		zipf := rand.NewZipf(rand.New(rand.NewPCG(uint64(len(lang)), 3)), 1.07, 2, uint64(len(vocab)-1))
		for i := range 100 {
			fmt.Fprintf(&archive, "-- content/articles/item-%03d/%s.md --\n---\ntitle: \"%s\"\ndate: 2026-01-%02d\ntags: [%s, %s]\n", i, lang, sentence(zipf, vocab, 6), 1+i%28, vocab[zipf.Uint64()], vocab[zipf.Uint64()])
			if lang != "en" {
				fmt.Fprintf(&archive, "translated_from: en@000000000000\n")
			}
			archive.WriteString("---\n")
			for range 6 {
				fmt.Fprintf(&archive, "%s\n\n", sentence(zipf, vocab, 100))
			}
		}
	}
	dist := buildSite(t, archive.String())
	for _, lang := range []string{"en", "fr", "es"} {
		data := read(t, dist, lang+"/search-index.json")
		var z bytes.Buffer
		w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		w.Write([]byte(data))
		w.Close()
		_, terms := searchIndex(t, dist, lang)
		t.Logf("%s: 100 items, %d words: index %.1f KB, %.1f KB gzipped", lang, len(terms), float64(len(data))/1024, float64(z.Len())/1024)
		if len(data) > 200<<10 || z.Len() > 80<<10 {
			t.Errorf("%s: the index of 100 items is %d bytes (%d gzipped), over the budget of 200 KB (80 KB gzipped)", lang, len(data), z.Len())
		}
	}
}

// vocabulary makes n distinct pseudo-words with the letter lengths of real
// words, accented as lang writes.
func vocabulary(rng *rand.Rand, lang string, n int) []string {
	letters := map[string]string{"en": "etaoinshrdlucmfwypvbgk", "fr": "esaitnrulodcmpéèvqfbghàjxyêçz", "es": "eaosrnidltcumpbgvyqhfzjñáéíóú"}[lang]
	runes := []rune(letters)
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		l := 2 + int(math.Abs(rng.NormFloat64()*3.5))
		var b strings.Builder
		for range l {
			// Favour the first letters, as text does.
			b.WriteRune(runes[int(float64(len(runes))*rng.Float64()*rng.Float64())])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

func sentence(z *rand.Zipf, vocab []string, n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = vocab[z.Uint64()]
	}
	return strings.Join(words, " ") + "."
}

// TestFragmentsInAnotherLanguageSayWhichOne checks the lang attributes a
// screen reader needs to pronounce what a page shows untranslated.
func TestFragmentsInAnotherLanguageSayWhichOne(t *testing.T) {
	dist := buildSite(t, withDigests(t, trilingual))
	contains(t, "fr event", read(t, dist, "fr/events/meeting/index.html"),
		`<dd lang="en" dir="ltr">The Hall; upstairs, room 2<br>1 High St, Town</dd>`, // the venue is not translated
		`<a href="../../../en/events/meeting/" hreflang="en" lang="en" dir="ltr">English</a>`,
	)
	contains(t, "fr events", read(t, dist, "fr/events/index.html"),
		`<span lang="en" dir="ltr">The Hall; upstairs, room 2</span>`,
		`<article class="card" lang="en" dir="ltr">`, // an untranslated event, in English
	)
	lacks(t, "en event", read(t, dist, "en/events/meeting/index.html"), `<dd lang=`)
}

// The copies of a large photograph are made once and kept in the image
// cache: the next build, even from nothing, links them from there, and a
// cached copy changed since is not used.
func TestResizedCopiesComeFromTheImageCache(t *testing.T) {
	dir, cache := writeSite(t, withDigests(t, withPhoto)), t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "content/articles/strike/gate.jpg"), photo(t, 2400, 1600), 0o644); err != nil {
		t.Fatal(err)
	}
	dist := filepath.Join(dir, "dist")
	build := func() {
		t.Helper()
		if err := os.RemoveAll(dist); err != nil { // a build from nothing, but for the caches
			t.Fatal(err)
		}
		if res, err := Build(context.Background(), Options{SiteDir: dir, Now: now, CacheDir: cache, NoPDF: true}); err != nil {
			t.Fatalf("build: %v %v", err, res.Diagnostics)
		}
	}
	fresh := t.TempDir()
	if _, err := Build(context.Background(), Options{SiteDir: dir, OutDir: fresh, Now: now, NoCache: true, NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	want := treeHash(t, fresh)

	build()
	cached, _ := filepath.Glob(filepath.Join(cache, "images", "*", "*", "1.jpg"))
	if len(cached) != 1 {
		t.Fatalf("the image cache holds %d middle copies, want 1: %v", len(cached), cached)
	}
	copy960 := filepath.Join(dist, "articles/strike/gate-960w.jpg")
	build()
	if !os.SameFile(stat(t, copy960), stat(t, cached[0])) {
		t.Error("the second build did not take the copy from the image cache")
	}
	if got := treeHash(t, dist); got != want {
		t.Errorf("with the image cache dist/ is %s; without it %s", got, want)
	}

	// A cached copy written over in place (as through a link in some
	// output) has a new time: the entry is a miss, and the copy is made
	// again.
	spoilt, err := os.OpenFile(cached[0], os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := spoilt.WriteAt([]byte("spoilt"), 0); err != nil {
		t.Fatal(err)
	}
	spoilt.Close()
	build()
	if got := treeHash(t, dist); got != want {
		t.Errorf("after a cached copy was spoilt dist/ is %s; without the cache %s", got, want)
	}
	// The copy made again replaced the spoilt entry: the next build takes
	// it from the cache rather than resizing the photograph at every build.
	build()
	if !os.SameFile(stat(t, copy960), stat(t, cached[0])) {
		t.Error("the spoilt entry was not replaced: the build after it did not take the copy from the cache")
	}

	// A copy made private in dist/ is the cache's file too, through the
	// link: a chmod keeps its time, but it is not the file as written,
	// and the next output must not be private.
	if writtenPerm == 0 {
		return // the permission is not checked here (see writtenPerm)
	}
	if err := os.Chmod(copy960, 0o600); err != nil {
		t.Fatal(err)
	}
	build()
	if got := stat(t, copy960).Mode().Perm(); got != writtenPerm {
		t.Errorf("after a cached copy was made private the next build's copy is %v, want %v", got, writtenPerm)
	}
}
