package build

import (
	"bytes"
	"context"
	"image/jpeg"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/web"
)

// TestPagesAreRenderedAgainOnlyWhenTheirInputsChange edits the sample
// site in the ways an editor does and checks, after each build, both
// that the pages whose inputs did not change were kept without being
// rendered and that the output is exactly what a build from nothing
// makes: a page whose inputs a key missed would show the old text.
func TestPagesAreRenderedAgainOnlyWhenTheirInputsChange(t *testing.T) {
	dir, cache := copySample(t), t.TempDir()
	// files are the files the site in dir makes now.
	files := func() []web.File {
		t.Helper()
		var diags diag.List
		site := Load(context.Background(), os.DirFS(dir), now, 1, &diags)
		if site == nil {
			t.Fatal(diags.Sorted())
		}
		return site.Renderer.Files()
	}
	// keptAfter is how many pages should be kept after an edit of the
	// texts named: those that show none of them. A language's search
	// index shows only that language's texts.
	keptAfter := func(edited ...string) int {
		t.Helper()
		n := 0
		for _, f := range files() {
			shown := func(it *content.Item) bool {
				return slices.ContainsFunc(edited, func(p string) bool {
					return path.Dir(p) == it.Dir && (f.ShowsLang == "" || p == path.Join(it.Dir, f.ShowsLang+".md"))
				})
			}
			if f.Shows != nil && !slices.ContainsFunc(f.Shows, shown) {
				n++
			}
		}
		if n < 40 {
			t.Fatalf("only %d pages can be kept in the sample site", n)
		}
		return n
	}
	// keptAfterPicture is how many pages should be kept after a picture
	// changed that the texts named show: all but the pages of their
	// items, in every language. A card shows no picture, nor a list.
	keptAfterPicture := func(showing ...string) int {
		t.Helper()
		n := 0
		for _, f := range files() {
			if f.Shows != nil && (f.Variant == nil || !slices.ContainsFunc(showing, func(p string) bool { return path.Dir(p) == f.Variant.Item.Dir })) {
				n++
			}
		}
		if n >= keptAfter() {
			t.Fatalf("%d pages can be kept after a picture changed: no page shows it", n)
		}
		return n
	}
	build := func(pdf bool) *Result {
		t.Helper()
		return buildAsFromNothing(t, Options{SiteDir: dir, Now: now, CacheDir: cache, NoPDF: !pdf})
	}
	edit := func(name string, change func(string) string) {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		after := change(string(data))
		if after == string(data) {
			t.Fatalf("the edit of %s changed nothing", name)
		}
		writeFile(t, dir, name, after)
	}
	article := "content/articles/vantor-warehouse-strike/en.md"

	// The article's summary now comes from its text; its translations
	// become outdated. Both are in the frame: every page is made again.
	edit(article, func(s string) string { return regexp.MustCompile(`(?m)^summary: .*\n`).ReplaceAllString(s, "") })
	if res := build(false); res.Kept != 0 {
		t.Errorf("first build: %d pages kept", res.Kept)
	}

	// Its first sentence: its pages, and the cards of it on the bulletin's
	// pages, the list of articles and its tags' pages change.
	edit(article, func(s string) string {
		return strings.Replace(s, "At half past five in the morning", "At a quarter to six in the morning", 1)
	})
	res := build(false)
	if want := keptAfter(article); res.Kept != want {
		t.Errorf("after an edit of one text, %d pages were kept; want %d", res.Kept, want)
	}
	bulletin, err := os.ReadFile(filepath.Join(dir, "dist/en/bulletins/issue-1/index.html"))
	if err != nil || !strings.Contains(string(bulletin), "At a quarter to six") {
		t.Errorf("the bulletin's page does not show the article's new summary (%v)", err)
	}

	// The end of an original whose translations were current: they are
	// now outdated, which their pages and cards say, and only those show
	// it. The search indexes of the translations' languages are kept.
	original := "content/leaflets/solidarity-with-vantor-strikers/en.md"
	edit(original, func(s string) string { return s + "\nSee you on the picket line.\n" })
	if res, want := build(false), keptAfter(original); res.Kept != want {
		t.Errorf("after an edit of an original, %d pages were kept; want %d", res.Kept, want)
	}
	for _, lang := range []string{"fr", "es"} {
		page, err := os.ReadFile(filepath.Join(dir, "dist", lang, "leaflets/solidarity-with-vantor-strikers/index.html"))
		if err != nil || !bytes.Contains(page, []byte(`class="notice"`)) {
			t.Errorf("the %s page of the leaflet does not say it is outdated (%v)", lang, err)
		}
	}

	// The end of a translation (already outdated, so no state changes):
	// its item's pages and the lists that show it.
	// The other languages' search indexes are kept.
	translation := "content/leaflets/repairs-are-your-right/fr.md"
	edit(translation, func(s string) string { return s + "\nÀ bientôt.\n" })
	if res, want := build(false), keptAfter(translation); res.Kept != want {
		t.Errorf("after an edit of a translation's end, %d pages were kept; want %d", res.Kept, want)
	}

	// Words enough to add kilobytes to the French search index: the
	// English and Spanish search pages, which say what it weighs, are
	// made again (buildAsFromNothing compares them).
	edit(translation, func(s string) string {
		var words strings.Builder
		for i := range 3000 {
			words.WriteString(" mot" + strconv.FormatInt(int64(i)*7919, 36))
		}
		return s + "\n" + words.String() + "\n"
	})
	if res, want := build(false), keptAfter(translation); res.Kept != want {
		t.Errorf("after words were added to a translation, %d pages were kept; want %d", res.Kept, want)
	}

	// A title is front matter, read by lists and menus: every page.
	edit("content/pages/about/en.md", func(s string) string { return strings.Replace(s, "title: ", "title: Now ", 1) })
	if res := build(false); res.Kept != 0 {
		t.Errorf("after a title changed, %d pages were kept", res.Kept)
	}

	// Any file but a text is in the frame too.
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "static/notes.txt", "hello")
	if res := build(false); res.Kept != 0 {
		t.Errorf("after a new static file, %d pages were kept", res.Kept)
	}

	// A picture of a new size. It is published once, where the pages of
	// every language find it, with the copies of its new size.
	picture := "content/articles/vantor-warehouse-strike/picket-line.jpg"
	writeFile(t, dir, picture, string(photo(t, 2000, 1500)))
	// The pages that show it are made again: those of the texts that show
	// it (its width and copies are in their HTML), and only those: the
	// lists, tags' pages and the bulletin's page that show the article's
	// card are kept.
	showing := []string{"content/articles/vantor-warehouse-strike/en.md", "content/articles/vantor-warehouse-strike/fr.md", "content/articles/vantor-warehouse-strike/es.md"}
	if res, want := build(false), keptAfterPicture(showing...); res.Kept != want {
		t.Errorf("after a picture changed, %d pages were kept; want %d", res.Kept, want)
	}
	copies := filesNamed(t, filepath.Join(dir, "dist"), func(name string) bool { return strings.HasPrefix(name, "picket-line") })
	if want := []string{"articles/vantor-warehouse-strike/picket-line-1600w.jpg", "articles/vantor-warehouse-strike/picket-line-480w.jpg", "articles/vantor-warehouse-strike/picket-line-960w.jpg", "articles/vantor-warehouse-strike/picket-line.jpg"}; !slices.Equal(copies, want) {
		t.Errorf("the picture and its copies are %q; want %q", copies, want)
	}
	for _, lang := range []string{"en", "fr", "es"} {
		page := lang + "/articles/vantor-warehouse-strike/index.html"
		if refs := pageRefs(t, filepath.Join(dir, "dist"), page); !slices.Contains(refs, "articles/vantor-warehouse-strike/picket-line-1600w.jpg") {
			t.Errorf("%s does not show the picture's new copy: %q", page, refs)
		}
	}

	// The same picture saved again, of the same size: no page shows more
	// of it than its size and copies, so every page is kept, and the
	// picture and its copies are new (buildAsFromNothing compares them).
	m, err := jpeg.Decode(bytes.NewReader(photo(t, 2000, 1500)))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := jpeg.Encode(&again, m, &jpeg.Options{Quality: 60}); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, picture, again.String())
	if res, want := build(false), keptAfter(); res.Kept != want {
		t.Errorf("after a picture was saved again at its size, %d pages were kept; want %d", res.Kept, want)
	}

	// A text that shows another item's picture is made again with it.
	leaflet := "content/leaflets/repairs-are-your-right/en.md"
	edit(leaflet, func(s string) string {
		return s + "\n![The picket line](../../articles/vantor-warehouse-strike/picket-line.jpg)\n"
	})
	build(false)
	writeFile(t, dir, picture, string(photo(t, 1200, 800)))
	if res, want := build(false), keptAfterPicture(append(showing, leaflet)...); res.Kept != want {
		t.Errorf("after a picture two items show changed, %d pages were kept; want %d", res.Kept, want)
	}
	if refs := pageRefs(t, filepath.Join(dir, "dist"), "en/leaflets/repairs-are-your-right/index.html"); !slices.Contains(refs, "articles/vantor-warehouse-strike/picket-line-960w.jpg") || slices.Contains(refs, "articles/vantor-warehouse-strike/picket-line-1600w.jpg") {
		t.Errorf("the leaflet does not show the picture's copies at its new size: %q", refs)
	}

	// With PDFs the keys hold as well: a page links its PDFs, with their
	// sizes, and is kept unless its item's texts changed.
	build(true)
	edit(translation, func(s string) string { return s + "\nÀ très bientôt.\n" })
	if res, want := build(true), keptAfter(translation); res.Kept != want {
		t.Errorf("with PDFs, after an edit of one text, %d pages were kept; want %d", res.Kept, want)
	}
}

// TestNoPageIsKeptOnceAnEventStartedOrEnded: whether an event is past is
// on its page, and the stamp says until when that holds.
func TestNoPageIsKeptOnceAnEventStartedOrEnded(t *testing.T) {
	until := now.Add(time.Hour)
	st := stamp{ValidUntil: until}
	if !writtenBy(t.TempDir(), st, now).keys {
		t.Error("keys not trusted before the next event")
	}
	if writtenBy(t.TempDir(), st, until).keys {
		t.Error("keys trusted once an event started or ended")
	}
	if !writtenBy(t.TempDir(), stamp{}, now).keys {
		t.Error("keys not trusted on a site with no event to come")
	}
}
