package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/diag"
)

// loadAsServe loads the site in dir as tract serve does, taking what the
// last build of opts left when last is set.
func loadAsServe(t *testing.T, dir string, last *Options) (*Site, []diag.Diagnostic) {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	var diags diag.List
	s := LoadPreview(context.Background(), root.FS(), now, 1, &diags, last)
	if s == nil {
		t.Fatalf("load: %v", diags.Sorted())
	}
	indexesTheSameLinks(t, s) // for the first edit
	return s, diags.Sorted()
}

// tract serve takes the texts the last tract build into dist/ kept, where
// their files are still those the build read, and the site it serves is
// the one a load that parses everything gives: every page, and the
// warnings. A text edited since is parsed; without a build, or with the
// cache turned off, every text is.
func TestAPreviewTakesTheTextsTheLastBuildKept(t *testing.T) {
	dir := copySample(t)
	t.Setenv("TRACT_CACHE_DIR", t.TempDir()) // as tract build and tract serve find it
	last := &Options{SiteDir: dir}           // into dist/
	if s, _ := loadAsServe(t, dir, last); s.TextsTaken != 0 {
		t.Fatalf("before any build: %d texts taken", s.TextsTaken)
	}
	if _, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	compare := func(wantTaken int) {
		t.Helper()
		taken, takenDiags := loadAsServe(t, dir, last)
		_, parsedDiags := loadAsServe(t, dir, nil)
		if taken.TextsTaken != wantTaken {
			t.Errorf("%d texts taken from the build, want %d", taken.TextsTaken, wantTaken)
		}
		if !slices.Equal(takenDiags, parsedDiags) {
			t.Errorf("warnings:\n%v\nparsed whole:\n%v", takenDiags, parsedDiags)
		}
		matchesFullLoad(t, dir, preview(t, taken, true))
	}
	whole, _ := loadAsServe(t, dir, nil)
	texts := textsOf(whole)
	compare(texts)

	// An edit after the build: that text is parsed, the others taken.
	appendToText(t, dir, "\nOne more line, written after the build.\n")
	compare(texts - 1)

	// The cache turned off: nothing is taken.
	t.Setenv("TRACT_CACHE", "off")
	if s, _ := loadAsServe(t, dir, last); s.TextsTaken != 0 {
		t.Errorf("TRACT_CACHE=off: %d texts taken", s.TextsTaken)
	}
}

// Edits after a load that took the last build's texts give the site a
// full load gives, PDFs included: the texts taken are known to the
// parser as parsed ones are, for the links into them.
func TestAnEditAfterALoadFromTheLastBuildGivesAFullLoad(t *testing.T) {
	dir := copySample(t)
	t.Setenv("TRACT_CACHE_DIR", t.TempDir())
	if _, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	before, _ := loadAsServe(t, dir, &Options{SiteDir: dir})
	if before.TextsTaken == 0 {
		t.Fatal("no text taken from the build")
	}
	editMatchesFullLoadAfter(t, before, dir, true, nil)
}

// tract check takes the texts the last tract build into dist/ kept as
// tract serve does, and finds what a check that parses everything finds:
// here, a warning in a text edited since the build, and the others'.
func TestACheckAfterABuildFindsWhatAFullCheckFinds(t *testing.T) {
	dir := copySample(t)
	t.Setenv("TRACT_CACHE_DIR", t.TempDir())
	if _, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	appendToText(t, dir, "\nPay &#x202E;here, written after the build.\n")
	taken, cached, err := CheckCached(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	whole, none, err := CheckCached(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	parsed, _ := loadAsServe(t, dir, nil)
	if n := textsOf(parsed); cached.Texts != n-1 || none.Texts != 0 {
		t.Errorf("%d texts taken from the build, %d without the cache; want %d (all but the edited one) and 0", cached.Texts, none.Texts, n-1)
	}
	if !slices.Equal(taken, whole) {
		t.Errorf("check after the build:\n%v\nparsing everything:\n%v", taken, whole)
	}
	if !slices.ContainsFunc(taken, func(d diag.Diagnostic) bool {
		return d.Path == "content/leaflets/no-to-the-rent-rise/en.md" && strings.Contains(d.Message, "U+202E")
	}) {
		t.Errorf("the edited text's warning is missing:\n%v", taken)
	}
	// The pages that show nothing of the edited item are not rendered:
	// the build rendered them from the same inputs. Those that do are.
	files := len(parsed.Renderer.Files())
	if cached.Pages == 0 || cached.Pages >= files-2 || none.Pages != 0 {
		t.Errorf("%d of %d files not rendered again after an edit, %d without the cache", cached.Pages, files, none.Pages)
	}

	// A template that now fails on every item page: a key of every page
	// changes, and the check renders them all and finds it.
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	item, err := os.ReadFile("../../templates/item.html")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(item), "{{.Title}}", "{{.Title.Missing}}", 1)
	if err := os.WriteFile(filepath.Join(dir, "templates/item.html"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	found, cached, err := CheckCached(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	if cached.Pages != 0 || !slices.ContainsFunc(found, func(d diag.Diagnostic) bool {
		return d.Path == "templates/item.html" && d.Severity == diag.Error
	}) {
		t.Errorf("with a broken template: %d pages not rendered, found:\n%v", cached.Pages, found)
	}
}

// textsOf counts the texts of s.
func textsOf(s *Site) int {
	n := 0
	for _, it := range s.Content.Items {
		n += len(it.Variants)
	}
	return n
}

// appendToText appends more to the English text of the sample's leaflet
// no-to-the-rent-rise, in the site in dir.
func appendToText(t *testing.T, dir, more string) {
	t.Helper()
	applyEdits(t, dir, map[string]func(string) string{
		"content/leaflets/no-to-the-rent-rise/en.md": func(s string) string { return s + more },
	})
}

// tract serve keeps the texts it parsed for its next start, as a build
// does: a second start with no build between takes them all, and gives
// the site and the warnings a full parse gives; after an edit, all but
// the edited text. A build that follows takes them too, and publishes
// what a build without the cache publishes. With the cache off, nothing
// is kept.
func TestAPreviewKeepsWhatItParsedForTheNextStart(t *testing.T) {
	dir := copySample(t)
	cache := t.TempDir()
	t.Setenv("TRACT_CACHE_DIR", cache)
	last := &Options{SiteDir: dir} // into dist/, as tract serve gives it
	whole, wholeDiags := loadAsServe(t, dir, nil)
	texts := textsOf(whole)
	startTwice := func(wantTaken int) {
		t.Helper()
		first, _ := loadAsServe(t, dir, last)
		first.KeepTexts()
		second, diags := loadAsServe(t, dir, last)
		if second.TextsTaken != wantTaken {
			t.Errorf("%d texts taken at the second start, want %d", second.TextsTaken, wantTaken)
		}
		_, parsedDiags := loadAsServe(t, dir, nil)
		if !slices.Equal(diags, parsedDiags) {
			t.Errorf("warnings:\n%v\nparsed whole:\n%v", diags, parsedDiags)
		}
		matchesFullLoad(t, dir, preview(t, second, true))
	}
	startTwice(texts)
	if entries, _ := os.ReadDir(filepath.Join(cache, "builds")); len(entries) != 2 {
		t.Errorf("the cache holds %v, want the texts and the front matter", entries)
	}
	if _, err := os.Stat(stampPath(Options{SiteDir: dir, OutDir: filepath.Join(dir, "dist")})); err == nil {
		t.Error("a preview left a build's stamp")
	}
	if len(wholeDiags) == 0 {
		t.Fatal("the sample gives no warning: the test no longer compares any")
	}

	// An edit between the two starts.
	appendToText(t, dir, "\nOne more line, written between two starts.\n")
	if first, _ := loadAsServe(t, dir, last); first.TextsTaken != texts-1 {
		t.Errorf("%d texts taken after an edit, want %d", first.TextsTaken, texts-1)
	}
	startTwice(texts)

	buildTakesKeptTexts(t, dir, texts)

	// The cache off: nothing kept.
	off := t.TempDir()
	t.Setenv("TRACT_CACHE_DIR", off)
	t.Setenv("TRACT_CACHE", "off")
	s, _ := loadAsServe(t, dir, last)
	s.KeepTexts()
	if entries, _ := os.ReadDir(off); len(entries) != 0 {
		t.Errorf("TRACT_CACHE=off: the cache holds %v", entries)
	}
}

// tract check keeps the texts it parsed, as a build does, and which
// pages rendered: a second check with no build between takes every text
// and renders only the pages that read the whole site, and reports what
// a check that parses and renders everything reports; after an edit, it
// takes all but the edited text, and renders the pages that show it. A
// page that fails to render is rendered again by every check until it
// renders. A build that follows takes the texts too, and publishes what
// a build without the cache publishes. With the cache off, nothing is
// kept.
func TestACheckKeepsWhatItParsedForTheNextCheck(t *testing.T) {
	dir := copySample(t)
	cache := t.TempDir()
	t.Setenv("TRACT_CACHE_DIR", cache)
	opts := Options{SiteDir: dir, Now: now, NoPDF: true}
	parsed, _ := loadAsServe(t, dir, nil)
	texts, files := textsOf(parsed), len(parsed.Renderer.Files())
	var kept int // the pages a check after a check leaves alone
	checkTwice := func(wantFirst int) {
		t.Helper()
		if _, first, err := CheckCached(context.Background(), opts); err != nil {
			t.Fatal(err)
		} else if first.Texts != wantFirst {
			t.Errorf("%d texts taken by the first check, want %d", first.Texts, wantFirst)
		} else if wantFirst == 0 && first.Pages != 0 || wantFirst > 0 && (first.Pages == 0 || first.Pages >= kept) {
			t.Errorf("%d pages left alone by the first check, %d by a check after a check", first.Pages, kept)
		}
		diags, second, err := CheckCached(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if second.Texts != texts {
			t.Errorf("%d texts taken by the second check, want %d", second.Texts, texts)
		}
		if kept == 0 {
			kept = second.Pages
		}
		if second.Pages == 0 || second.Pages != kept || second.Pages >= files {
			t.Errorf("%d of %d pages left alone by the second check, want %d, and some rendered", second.Pages, files, kept)
		}
		noCache := opts
		noCache.NoCache = true
		whole, none, err := CheckCached(context.Background(), noCache)
		if err != nil {
			t.Fatal(err)
		}
		if none.Texts != 0 {
			t.Errorf("%d texts taken without the cache", none.Texts)
		}
		if len(whole) == 0 {
			t.Fatal("the sample gives no warning: the test no longer compares any")
		}
		if !slices.Equal(diags, whole) {
			t.Errorf("the second check:\n%v\nparsing everything:\n%v", diags, whole)
		}
	}
	checkTwice(0)
	if _, err := os.Stat(stampPath(Options{SiteDir: dir, OutDir: filepath.Join(dir, "dist")})); err == nil {
		t.Error("a check left a build's stamp")
	}

	// An edit between two checks.
	appendToText(t, dir, "\nOne more line, written between two checks.\n")
	checkTwice(texts - 1)

	// A template that now fails on every item page: every check finds it.
	item, err := os.ReadFile("../../templates/item.html")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(tmpl string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "templates/item.html"), []byte(tmpl), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(strings.Replace(string(item), "{{.Title}}", "{{.Title.Missing}}", 1))
	for range 2 {
		found, cached, err := CheckCached(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(found, func(d diag.Diagnostic) bool {
			return d.Path == "templates/item.html" && d.Severity == diag.Error
		}) {
			t.Errorf("with a broken template: %d pages left alone, found:\n%v", cached.Pages, found)
		}
	}
	write(string(item))

	buildTakesKeptTexts(t, dir, texts)

	// The cache off: nothing kept.
	off := t.TempDir()
	t.Setenv("TRACT_CACHE_DIR", off)
	t.Setenv("TRACT_CACHE", "off")
	if _, _, err := CheckCached(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(off); len(entries) != 0 {
		t.Errorf("TRACT_CACHE=off: the cache holds %v", entries)
	}
}

// buildTakesKeptTexts builds the site in dir into dist/ after a preview
// or a check kept its texts: the build takes all texts of them, and
// publishes what a build without the cache publishes.
func buildTakesKeptTexts(t *testing.T, dir string, texts int) {
	t.Helper()
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.TextsCached != texts {
		t.Errorf("the build took %d texts of %d", res.TextsCached, texts)
	}
	fresh := t.TempDir()
	if _, err := Build(context.Background(), Options{SiteDir: dir, OutDir: fresh, Now: now, NoPDF: true, NoCache: true}); err != nil {
		t.Fatal(err)
	}
	if got, want := snapshot(t, res.OutDir), snapshot(t, fresh); strings.ReplaceAll(got, res.OutDir, "") != strings.ReplaceAll(want, fresh, "") {
		t.Error("a build taking the kept texts publishes other files than a build without the cache")
	}
}
