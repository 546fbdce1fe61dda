package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/pdf"
	"github.com/tractpub/tract/internal/testsite"
)

// cacheSite is trilingual with what else a PDF is made from: a photo, a
// leaflet too long for one page and a character the fonts lack (two
// warnings with a line), a bulletin printing the articles it lists.
func cacheSite(t *testing.T) string {
	t.Helper()
	long := strings.Repeat("The landlord wants more and the tenants say no, together, again. ", 400)
	dir := writeSite(t, withDigests(t, trilingual+`
-- content/leaflets/long/en.md --
---
title: A long leaflet
date: 2026-10-02
---
`+long+`

Written in 漢字.
`))
	// The photo is in an article a bulletin prints.
	writeFile(t, dir, "content/articles/one/en.md", "---\ntitle: Article one\ndate: 2026-09-01\n---\nFirst.\n\n![A crowd at the gate](gate.jpg)\n")
	writeFile(t, dir, "content/articles/one/gate.jpg", string(photo(t, 300, 200)))
	return dir
}

func writeFile(t *testing.T, dir, name, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// cachedBuild builds dir with its PDFs, caching them in cache ("" for no
// cache), and returns the result and every PDF by path. The last build's
// output is removed first: these tests are about the PDF cache, not
// about a build finding nothing changed (see unchanged_test.go).
func cachedBuild(t *testing.T, dir, cache string, when time.Time) (*Result, map[string][]byte) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(dir, "dist")); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: when, CacheDir: cache, NoCache: cache == ""})
	if err != nil {
		t.Fatalf("build: %v %v", err, res.Diagnostics)
	}
	pdfs := map[string][]byte{}
	err = filepath.WalkDir(res.OutDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".pdf") {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(res.OutDir, p)
		pdfs[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pdfs) != res.PDFs {
		t.Fatalf("%d PDFs in the output, %d built", len(pdfs), res.PDFs)
	}
	return res, pdfs
}

// remade is how many PDFs a build made rather than took from the cache.
func remade(res *Result) int { return res.PDFs - res.PDFsCached }

func pdfWarnings(ds []diag.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		if strings.Contains(d.Message, "PDF") {
			out = append(out, d.String())
		}
	}
	return out
}

func TestACachedBuildGivesTheSamePDFsAndWarnings(t *testing.T) {
	dir, cache := cacheSite(t), t.TempDir()
	plain, want := cachedBuild(t, dir, "", now)
	if plain.PDFsCached != 0 {
		t.Fatalf("a build without the cache took %d PDFs from it", plain.PDFsCached)
	}
	warnings := pdfWarnings(plain.Diagnostics)
	if len(warnings) < 2 {
		t.Fatalf("the site should have PDF warnings about the long leaflet and 漢字: %v", warnings)
	}
	cold, _ := cachedBuild(t, dir, cache, now)
	if cold.PDFsCached != 0 {
		t.Fatalf("a cold cache gave %d PDFs", cold.PDFsCached)
	}
	warm, got := cachedBuild(t, dir, cache, now)
	if warm.PDFsCached != warm.PDFs || warm.PDFs == 0 {
		t.Fatalf("a second build took %d of %d PDFs from the cache", warm.PDFsCached, warm.PDFs)
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs when taken from the cache", name)
		}
	}
	if w := pdfWarnings(warm.Diagnostics); !slices.Equal(w, warnings) {
		t.Errorf("warnings from the cache:\n%s\nwant:\n%s", strings.Join(w, "\n"), strings.Join(warnings, "\n"))
	}
}

func TestEditingOneVariantRemakesOnlyThePDFsThatPrintIt(t *testing.T) {
	dir, cache := cacheSite(t), t.TempDir()
	_, before := cachedBuild(t, dir, cache, now)
	for _, c := range []struct {
		what  string
		edit  func()
		files []string // the PDFs remade
	}{
		{"a leaflet's body", func() {
			writeFile(t, dir, "content/leaflets/statement/en.md", "---\ntitle: Solidarity statement\ndate: 2026-10-05\n---\nWe stand together, always.\n")
		}, []string{"en/leaflets/statement/statement-en-a4.pdf"}},
		{"a new translation, which links to the leaflet now lead to", func() {
			writeFile(t, dir, "content/leaflets/statement/fr.md", "---\ntitle: Déclaration\ntranslated_from: en@000000000000\n---\nEnsemble.\n")
		}, []string{"fr/leaflets/rent/rent-fr-a4.pdf", "fr/leaflets/statement/statement-fr-a4.pdf"}},
		{"an article's photo, also printed in the bulletin", func() {
			writeFile(t, dir, "content/articles/one/gate.jpg", string(photo(t, 200, 300)))
		}, []string{
			"en/articles/one/one-en-a4.pdf",
			"en/bulletins/b1/b1-en-a4.pdf", "en/bulletins/b1/b1-en-booklet-a4.pdf",
		}},
	} {
		c.edit()
		res, after := cachedBuild(t, dir, cache, now)
		var changed []string
		for name, data := range after {
			if !bytes.Equal(before[name], data) {
				changed = append(changed, name)
			}
		}
		slices.Sort(changed)
		if !slices.Equal(changed, c.files) {
			t.Errorf("after editing %s, these PDFs changed: %v; want %v", c.what, changed, c.files)
		}
		if n := remade(res); n != len(c.files) {
			t.Errorf("after editing %s, %d PDFs were made; want %d", c.what, n, len(c.files))
		}
		before = after
	}
}

func TestConfigLocalesAndNowInvalidateWhatTheyShow(t *testing.T) {
	dir, cache := cacheSite(t), t.TempDir()
	cachedBuild(t, dir, cache, now)
	count := func(res *Result, lang string) int {
		n := 0
		_ = filepath.WalkDir(filepath.Join(res.OutDir, lang), func(p string, e fs.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".pdf") {
				n++
			}
			return nil
		})
		return n
	}

	// A locale file of the site's own: a comment, or a message only
	// pages show, remakes no PDF; a message PDFs show, in French, only
	// the French PDFs, and in the default language only the English
	// ones (a language's messages come from its own file only).
	if err := os.MkdirAll(filepath.Join(dir, "locales"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ lang, what, file, remakes string }{
		{"fr", "a comment", "# the site's own copy\n", ""},
		{"fr", "a message pages show", "PrintIt = \"Imprimez-le\"\n", ""},
		{"fr", "a message PDFs show", "Contents = \"Au sommaire\"\n", "fr"},
		{"en", "a message PDFs show", "Month10 = \"Oct.\"\n", "en"},
	} {
		writeFile(t, dir, "locales/"+tt.lang+".toml", tt.file)
		res, _ := cachedBuild(t, dir, cache, now)
		want := 0
		if tt.remakes != "" {
			want = count(res, tt.remakes)
		}
		if n := remade(res); n != want || want == 0 && res.PDFsCached != res.PDFs {
			t.Errorf("after %s in %s's locale file, %d PDFs were made; want %d (%s)", tt.what, tt.lang, n, want, tt.remakes)
		}
	}

	// tract.toml: a comment, or the French name of a tag no text has,
	// changes no PDF; the French name of a tag a text has, the French
	// PDFs of that text (their keywords); the English title, only the
	// English ones; the address, every one.
	cfg, _ := os.ReadFile(filepath.Join(dir, "tract.toml"))
	writeFile(t, dir, "tract.toml", "# Our site\n"+string(cfg)+"\n[tags]\nrent = { fr = \"loyer\" }\n")
	if res, _ := cachedBuild(t, dir, cache, now); remade(res) != 0 {
		t.Errorf("after a comment and a tag's name in tract.toml, %d PDFs were made; want none", remade(res))
	}
	writeFile(t, dir, "tract.toml", string(cfg)+"\n[tags]\nhousing = { fr = \"logement\" }\n")
	res, _ := cachedBuild(t, dir, cache, now)
	if n, want := remade(res), count(res, "fr/leaflets/rent"); n != want || want == 0 {
		t.Errorf("after naming in French a tag of the leaflet rent, %d PDFs were made; want its %d French ones", n, want)
	}
	writeFile(t, dir, "tract.toml", string(cfg))
	cachedBuild(t, dir, cache, now)
	writeFile(t, dir, "tract.toml", strings.Replace(string(cfg), "Workers' Bulletin", "Workers' News", 1))
	res, _ = cachedBuild(t, dir, cache, now)
	if n, want := remade(res), count(res, "en"); n != want || res.PDFsCached == 0 {
		t.Errorf("after a change to the English title, %d PDFs were made (%d from the cache); want the %d English ones", n, res.PDFsCached, want)
	}
	writeFile(t, dir, "tract.toml", strings.Replace(string(cfg), "https://x.org", "https://y.org", 1))
	if res, _ := cachedBuild(t, dir, cache, now); res.PDFsCached != 0 {
		t.Errorf("after a change to base_url, %d PDFs came from the cache", res.PDFsCached)
	}

	// Another "now" remakes nothing: the undated page's PDF keeps the
	// date it was first made (in its metadata), and its file.
	_, before := cachedBuild(t, dir, cache, now)
	later, after := cachedBuild(t, dir, cache, now.Add(time.Hour))
	if n := remade(later); n != 0 {
		t.Errorf("with another now, %d PDFs were made; want none", n)
	}
	if !maps.EqualFunc(before, after, bytes.Equal) {
		t.Error("with another now, the PDFs are not the same bytes")
	}
}

func TestACorruptCacheEntryIsAMiss(t *testing.T) {
	dir, cache := cacheSite(t), t.TempDir()
	_, want := cachedBuild(t, dir, cache, now)
	spoilEntries(t, cache)
	res, got := cachedBuild(t, dir, cache, now)
	if res.PDFsCached != 0 {
		t.Errorf("%d PDFs came from corrupt entries", res.PDFsCached)
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs after corrupt entries", name)
		}
	}
	// The entries were written again.
	if res, _ := cachedBuild(t, dir, cache, now); res.PDFsCached != res.PDFs {
		t.Errorf("after rewriting, %d of %d PDFs came from the cache", res.PDFsCached, res.PDFs)
	}
}

// spoilEntries spoils every entry of the PDF cache in cache: its header
// (one of four ways) or, for every other entry, its first PDF (cut
// short, or a byte changed in place).
func spoilEntries(t *testing.T, cache string) {
	t.Helper()
	var entries []string
	_ = filepath.WalkDir(filepath.Join(cache, "pdf"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && len(d.Name()) == 64 {
			entries = append(entries, p)
		}
		return nil
	})
	if len(entries) < 4 {
		t.Fatalf("the cache holds %d entries", len(entries))
	}
	for i, p := range entries {
		if i%2 == 1 {
			pdfFile := p + "-0.pdf"
			data, err := os.ReadFile(pdfFile)
			if err != nil {
				t.Fatal(err)
			}
			if i%4 == 1 {
				data = data[:len(data)/2] // cut short
			} else {
				data[len(data)/2] ^= 0xff // a flipped byte, the size unchanged
			}
			time.Sleep(2 * time.Millisecond) // a time the file system can tell apart
			writeFile(t, filepath.Dir(pdfFile), filepath.Base(pdfFile), string(data))
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		switch i % 8 {
		case 0:
			data = data[:len(data)/2] // cut short
		case 2:
			data[len(data)-100] ^= 0x01 // a flipped byte in the header
		case 4:
			data = []byte("tract-pdf-cache 3\n{not json\n")
		case 6:
			data = nil
		}
		writeFile(t, filepath.Dir(p), filepath.Base(p), string(data))
	}
}

func TestAFileChangedDuringTheBuildStopsTheCacheFromStoring(t *testing.T) {
	fsys := fstest.MapFS{"locales/fr.toml": {Data: []byte("a")}}
	files := newSiteFiles(fsys)
	loaded := files.preload()
	if files.changed.Load() {
		t.Fatal("changed before anything changed")
	}
	files.recheck(loaded)
	if files.changed.Load() {
		t.Fatal("changed after reading the same files again")
	}
	fsys["locales/fr.toml"].Data = []byte("b")
	if _, err := files.ReadFile("locales/fr.toml"); err != nil {
		t.Fatal(err)
	}
	if !files.changed.Load() {
		t.Error("a file read with other bytes the second time is not noticed")
	}

	files = newSiteFiles(fsys)
	files.seal("assets/fonts")
	fsys["assets/fonts/DejaVuSans.ttf"] = &fstest.MapFile{Data: []byte("font")}
	if _, err := files.ReadFile("assets/fonts/DejaVuSans.ttf"); err != nil || !files.changed.Load() {
		t.Errorf("a font that appeared after the key listed the site's fonts is not noticed (%v)", err)
	}

	files = newSiteFiles(fsys)
	loaded = files.preload()
	fsys["tract.toml"] = &fstest.MapFile{Data: []byte("new")}
	files.recheck(loaded)
	if !files.changed.Load() {
		t.Error("a file that appeared during loading is not noticed")
	}
}

func TestPruningRemovesOnlyOldEntries(t *testing.T) {
	dir := t.TempDir()
	c := &pdfCache{dir: dir}
	old, fresh := c.entryFile(strings.Repeat("a", 64)), c.entryFile(strings.Repeat("b", 64))
	for _, p := range []string{old, fresh} {
		if err := writeEntry(p, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	// The PDFs of an entry keep the time they were written; only the
	// header says when the entry was last used.
	pdfFiles := []pdf.File{{Name: "x.pdf", Data: []byte("%PDF-1.4 x")}}
	used := c.entryFile(strings.Repeat("c", 64))
	if err := writeEntry(used, pdfFiles, nil); err != nil {
		t.Fatal(err)
	}
	orphan := dataFile(c.entryFile(strings.Repeat("d", 64)), 0)
	os.MkdirAll(filepath.Dir(orphan), 0o755)
	if err := os.WriteFile(orphan, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	long := time.Now().Add(-cacheMaxAge - time.Hour)
	os.Chtimes(old, long, long)
	os.Chtimes(dataFile(used, 0), long, long)
	os.Chtimes(orphan, long, long)
	c.prune()
	if _, err := os.Stat(dataFile(used, 0)); err != nil {
		t.Errorf("the PDF of an entry in use was removed: %v", err)
	}
	if _, err := os.Stat(orphan); err == nil {
		t.Error("a PDF whose header is gone was kept")
	}
	if _, err := os.Stat(old); err == nil {
		t.Error("an entry unused for longer than cacheMaxAge was kept")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a fresh entry was removed: %v", err)
	}
	// At most once a day.
	os.Chtimes(fresh, long, long)
	c.prune()
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("pruned twice in a day: %v", err)
	}
}

// A PDF from the cache is a hard link to the cache's file, readable by
// all; one changed through such a link, in some output, is never used.
func TestCachedPDFsAreLinkedAndCheckedWhenUsed(t *testing.T) {
	dir, cache := cacheSite(t), t.TempDir()
	_, want := cachedBuild(t, dir, cache, now)
	res, _ := cachedBuild(t, dir, cache, now)
	if res.PDFsCached != res.PDFs {
		t.Fatalf("%d of %d PDFs from the cache", res.PDFsCached, res.PDFs)
	}
	name := "en/leaflets/long/long-en-a4.pdf"
	if _, ok := want[name]; !ok {
		t.Fatalf("no %s among %v", name, slices.Sorted(maps.Keys(want)))
	}
	p := filepath.Join(res.OutDir, filepath.FromSlash(name))
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o644 {
		t.Errorf("%s is %v, not readable by a web server's user", name, st.Mode().Perm())
	}
	if n, ok := linkCount(st); ok && n < 2 {
		t.Errorf("%s is not a hard link to the cache (%d link)", name, n)
	}
	// Spoil it in place, through the output: the cache's copy is the same file.
	f, err := os.OpenFile(p, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte("spoilt"), 200)
	f.Close()
	again, got := cachedBuild(t, dir, cache, now)
	if again.PDFsCached == again.PDFs {
		t.Error("a PDF spoilt through a hard link was taken from the cache")
	}
	for n, data := range want {
		if !bytes.Equal(got[n], data) {
			t.Errorf("%s differs after the cache's copy was spoilt", n)
		}
	}
}

// Each change of a site's title remakes a language's PDFs, and the last
// ones' entries stay. Once the builds have written as much as one build
// uses, the cache is trimmed to a few times what the last build used,
// least recently used first, and keeps every entry that build used.
func TestThePDFCacheIsTrimmedAfterSettingsChanges(t *testing.T) {
	floor := pdfCacheFloor
	pdfCacheFloor = 0
	t.Cleanup(func() { pdfCacheFloor = floor })
	dir, cache := cacheSite(t), t.TempDir()
	cfg, _ := os.ReadFile(filepath.Join(dir, "tract.toml"))
	var res *Result
	for i := range 12 {
		writeTitle(t, dir, cfg, i)
		res, _ = cachedBuild(t, dir, cache, now)
	}
	used, held := pdfBytes(res.OutDir), pdfBytes(filepath.Join(cache, "pdf"))
	// The bound: the budget, and what the builds since the last trim wrote.
	if held > (pdfCacheShare+1)*used {
		t.Errorf("after 12 titles the cache holds %d bytes of PDFs; the last build used %d", held, used)
	}
	if res, _ := cachedBuild(t, dir, cache, now); remade(res) != 0 {
		t.Errorf("after the trim, %d of the last build's PDFs were not in the cache", remade(res))
	}
}

// A site only ever checked fills the cache as one built does, and its
// checks trim it as builds do.
func TestChecksTrimThePDFCache(t *testing.T) {
	floor := pdfCacheFloor
	pdfCacheFloor = 0
	t.Cleanup(func() { pdfCacheFloor = floor })
	dir, cache := cacheSite(t), t.TempDir()
	cfg, _ := os.ReadFile(filepath.Join(dir, "tract.toml"))
	for i := range 12 {
		writeTitle(t, dir, cfg, i)
		cachedCheck(t, dir, cache)
	}
	held := pdfBytes(filepath.Join(cache, "pdf"))
	res, _ := cachedBuild(t, dir, cache, now)
	if remade(res) != 0 {
		t.Errorf("after the trim, %d of the last check's PDFs were not in the cache", remade(res))
	}
	if used := pdfBytes(res.OutDir); held > (pdfCacheShare+1)*used {
		t.Errorf("after 12 titles the cache holds %d bytes of PDFs; the last check used %d", held, used)
	}
}

// writeTitle writes cfg as the tract.toml of the site at dir, its
// English title made the i-th: a change that remakes the English PDFs.
func writeTitle(t *testing.T, dir string, cfg []byte, i int) {
	t.Helper()
	writeFile(t, dir, "tract.toml", strings.Replace(string(cfg), "Workers' Bulletin", fmt.Sprintf("Workers' Bulletin %d", i), 1))
}

// pdfBytes is the size of the PDF files under root.
func pdfBytes(root string) (n int64) {
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".pdf") {
			info, _ := d.Info()
			n += info.Size()
		}
		return nil
	})
	return n
}

// The cache is shared by the sites built on a machine: a small site whose
// settings change again and again trims it to what every site built
// lately uses, and leaves the large one's PDFs in it.
func TestASmallSitesTrimsLeaveALargeSitesPDFs(t *testing.T) {
	floor := pdfCacheFloor
	pdfCacheFloor = 0
	t.Cleanup(func() { pdfCacheFloor = floor })
	cache := t.TempDir()
	large := cacheSite(t)
	small := writeSite(t, "-- tract.toml --\n"+strings.Replace(testsite.DefaultConfig, "https://x.org", "https://campaign.x.org", 1)+
		"-- content/leaflets/one/en.md --\n---\ntitle: One\n---\nA short leaflet.\n")
	cachedBuild(t, large, cache, now)
	cfg, _ := os.ReadFile(filepath.Join(small, "tract.toml"))
	for i := range 12 {
		writeTitle(t, small, cfg, i)
		cachedBuild(t, small, cache, now)
	}
	if res, _ := cachedBuild(t, large, cache, now); remade(res) != 0 {
		t.Errorf("after 12 builds of a small site, %d of the large site's %d PDFs were not in the cache", remade(res), res.PDFs)
	}
}

// A PDF or a picture's copy the cache had when the build read its entry,
// and that went before the build linked or read it (another build
// trimmed the cache), is made again: a build never fails for want of a
// cache.
func TestACachedFileThatGoesMidBuildIsMadeAgain(t *testing.T) {
	dir, cache := cacheSite(t), t.TempDir()
	writeFile(t, dir, "content/articles/one/crowd.jpg", string(photo(t, 1200, 800)))
	writeFile(t, dir, "content/articles/one/en.md", "---\ntitle: Article one\ndate: 2026-09-01\n---\nFirst.\n\n![A crowd at the gate](gate.jpg)\n\n![The crowd](crowd.jpg)\n")
	copies := func(out string) map[string][]byte {
		t.Helper()
		m := map[string][]byte{}
		for _, w := range []string{"480w", "960w"} {
			name := "articles/one/crowd-" + w + ".jpg"
			data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			m[name] = data
		}
		return m
	}
	res, want := cachedBuild(t, dir, cache, now)
	wantCopies := copies(res.OutDir)
	var mu sync.Mutex
	removed := map[string]int{}
	remove := func(kind, src string) {
		mu.Lock()
		defer mu.Unlock()
		if src != "" && os.Remove(src) == nil {
			removed[kind]++
		}
	}
	testHookCachedPDFs = func(pdfs []cachedPDF) {
		for _, p := range pdfs {
			remove("PDF", p.Src)
		}
	}
	testHookCachedCopies = func(srcs []string) {
		if len(srcs) < 2 {
			return // a small picture, published as it is
		}
		for _, src := range srcs[1:] { // the first was published: the others went
			remove("copy", src)
		}
	}
	defer func() { testHookCachedPDFs, testHookCachedCopies = nil, nil }()
	res, got := cachedBuild(t, dir, cache, now)
	if removed["PDF"] == 0 || removed["copy"] == 0 || res.PDFsCached == 0 {
		t.Fatalf("removed %v, %d PDFs taken from the cache", removed, res.PDFsCached)
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs when its cached copy went mid-build", name)
		}
	}
	for name, data := range copies(res.OutDir) {
		if !bytes.Equal(data, wantCopies[name]) {
			t.Errorf("%s differs when its cached copy went mid-build", name)
		}
	}
}

// Builds of one site at once each write the sites file whole: it is
// never torn, and another site's record stays.
func TestTheSitesFileIsWrittenWholeByBuildsAtOnce(t *testing.T) {
	dir := t.TempDir()
	other := &pdfCache{dir: dir, siteID: "other"}
	other.sharesOf(1000, time.Now())
	for round := range 50 {
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() { (&pdfCache{dir: dir, siteID: "same"}).sharesOf(10, time.Now()) })
		}
		wg.Wait()
		data, err := os.ReadFile(filepath.Join(dir, sitesFile))
		if err != nil {
			t.Fatal(err)
		}
		var shares map[string]siteShare
		if err := json.Unmarshal(data, &shares); err != nil || shares["other"].Bytes != 1000 || shares["same"].Bytes != 10 {
			t.Fatalf("round %d: %s (%v)", round, data, err)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// A site is one site in the sites file whatever folder it is built from:
// by its address once it has one, else by its folder with links resolved.
func TestASiteIsOneSiteWhereverItIsBuiltFrom(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	draft := &content.Config{BaseURL: "https://example.org/"}
	if a, b := siteIdentity(draft, dir), siteIdentity(draft, link); a != b {
		t.Errorf("a draft site built through a link is another site: %q, %q", a, b)
	}
	published := &content.Config{BaseURL: "https://tenants.org.uk/"}
	if a, b := siteIdentity(published, dir), siteIdentity(published, t.TempDir()); a != b {
		t.Errorf("a published site checked out elsewhere is another site: %q, %q", a, b)
	}
	if siteIdentity(draft, dir) == siteIdentity(draft, t.TempDir()) {
		t.Error("two draft sites in two folders are one site")
	}
}

// keyWriter hashes the bytes it was given, each value after its length,
// as writing them one by one to a SHA-256 does, whatever their sizes and
// wherever its buffer fills.
func TestKeyWriterHashesWhatItIsGiven(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		k, want := newKeyWriter(), sha256.New()
		length := func(n int) {
			var b [8]byte
			binary.LittleEndian.PutUint64(b[:], uint64(n))
			want.Write(b[:])
		}
		for range rng.IntN(60) {
			data := make([]byte, []int{0, 1, 7, 31, 500, keyBuffer - 1, keyBuffer, keyBuffer + 1, 5000}[rng.IntN(9)])
			for i := range data {
				data[i] = byte(rng.IntN(256))
			}
			switch rng.IntN(3) {
			case 0:
				k.bytes(data)
				length(len(data))
				want.Write(data)
			case 1:
				k.str(string(data))
				length(len(data))
				want.Write(data)
			default:
				n := rng.Int64()
				k.int(n)
				length(int(n))
			}
		}
		if got := k.sum(nil); !bytes.Equal(got, want.Sum(nil)) {
			t.Fatalf("keyWriter's sum differs from the values' SHA-256")
		}
	}
}
