package build

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/markdown"
)

// copySample copies the repository's sample site (tract.toml and
// content/) to a new directory, for a test to edit.
func copySample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../..")); err != nil && !strings.Contains(err.Error(), "exists") {
		// CopyFS copies everything; only what a site is made of is kept below.
		t.Fatal(err)
	}
	for _, e := range mustReadDir(t, dir) {
		if e.Name() != "tract.toml" && e.Name() != "content" {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
	return dir
}

func mustReadDir(t *testing.T, dir string) []os.DirEntry {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// loadRoot loads the site in dir as tract serve does, its texts compacted.
func loadRoot(t *testing.T, dir string) *Site {
	t.Helper()
	s, _ := loadAsServe(t, dir, nil)
	return s
}

func preview(t *testing.T, s *Site, pdfs bool) *Preview {
	t.Helper()
	maker, err := s.PDFMaker()
	if err != nil {
		t.Fatal(err)
	}
	if !pdfs {
		maker = nil
	}
	p, diags := NewPreview(s, maker, nil)
	if len(diags) > 0 {
		t.Fatalf("preview: %v", diags)
	}
	return p
}

// save writes text to file in the site at dir, as an editor saves it,
// and gives p the edit: it returns the preview after it and the
// problems it found. An edit refused fails the test.
func save(t *testing.T, p *Preview, dir, file, text string) (*Preview, []diag.Diagnostic) {
	t.Helper()
	writeFile(t, dir, file, text)
	var diags diag.List
	next, ok := p.Edit([]string{file}, &diags)
	if !ok {
		t.Fatalf("%s: Edit refused: %v", file, diags.Sorted())
	}
	return next, diags.Sorted()
}

// TestPreviewHoldsExactlyTheFilesABuildWrites builds the sample site and
// asks its preview for every file of dist/: each must be there, byte for
// byte, and the preview must have no file dist/ lacks.
func TestPreviewHoldsExactlyTheFilesABuildWrites(t *testing.T) {
	res, err := Build(context.Background(), Options{SiteDir: "../..", OutDir: filepath.Join(t.TempDir(), "dist"), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	p := preview(t, loadRoot(t, "../.."), true)
	built := map[string]bool{}
	err = filepath.WalkDir(res.OutDir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(res.OutDir, name)
		rel = filepath.ToSlash(rel)
		if rel == outputMark { // the build's, not the site's
			return nil
		}
		built[rel] = true
		want, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if !p.Has(rel) {
			t.Errorf("%s: built, not in the preview", rel)
			return nil
		}
		got, err := p.File(rel)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
		} else if !bytes.Equal(got, want) {
			t.Errorf("%s: the preview's file differs from the built one", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The preview finds a page where the renderer lists one (see web's
	// TestFileAtFindsWhatFilesLists).
	for _, f := range p.Site().Renderer.Files() {
		if !built[f.Path] {
			t.Errorf("%s: in the preview, not built", f.Path)
		}
	}
	for name := range p.list.files {
		if !built[name] {
			t.Errorf("%s: in the preview, not built", name)
		}
	}
	if len(built) < 100 {
		t.Fatalf("only %d files built", len(built))
	}
	if p.Has("en/leaflets/no-such-thing/x.pdf") || p.Has("tract.toml") || p.Has("content/leaflets/no-to-the-rent-rise/en.md") {
		t.Error("the preview has files a build does not write")
	}
}

// TestEditGivesTheSiteAFullLoadGives edits texts of the sample site — an
// original's title and body, so that its translations fall out of date,
// and a translation, with more in each subtest — and checks that the
// fast path (Preview.Edit) and a full Load of the edited site give the
// same files, every one of them, PDFs included.
func TestEditGivesTheSiteAFullLoadGives(t *testing.T) {
	t.Run("texts", func(t *testing.T) {
		t.Parallel() // each on its own copy of the site
		editMatchesFullLoad(t, false, nil)
	})
	t.Run("tags", func(t *testing.T) {
		t.Parallel() // each on its own copy of the site
		// A new tag: the site has new pages, the listing is made again.
		editMatchesFullLoad(t, true, nil)
	})
	t.Run("lists", func(t *testing.T) {
		t.Parallel() // each on its own copy of the site
		// Titles shown in lists, tag pages, a bulletin's and the menu's
		// pages: the lists are the old ones with the edited items.
		editMatchesFullLoad(t, false, map[string]func(string) string{
			"content/bulletins/issue-1/en.md":              retitle("Bulletin No. 1, revised"),
			"content/pages/about/es.md":                    retitle("Sobre la red, revisado"),
			"content/articles/public-meeting-report/en.md": retitle("What we heard, again"),
		})
	})
	t.Run("order", func(t *testing.T) {
		t.Parallel() // each on its own copy of the site
		// A new date moves an item to the top of every list it is on.
		editMatchesFullLoad(t, false, map[string]func(string) string{
			"content/articles/public-meeting-report/en.md": func(s string) string {
				return strings.Replace(s, "date: 2026-10-19", "date: 2026-11-30", 1)
			},
		})
	})
	t.Run("translation added", func(t *testing.T) {
		t.Parallel() // each on its own copy of the site
		// A new language for an item no other text links to: new pages,
		// and the lists and bulletins of that language change.
		editMatchesFullLoad(t, false, map[string]func(string) string{
			"content/articles/public-meeting-report/fr.md": translation(t, "content/articles/public-meeting-report/en.md",
				"Ce que nous avons entendu", "Une traduction toute neuve, pour l’aperçu."),
		})
	})
	t.Run("translation added where linked", func(t *testing.T) {
		t.Parallel() // each on its own copy of the site
		// A Spanish text links to this leaflet, which has no Spanish
		// text yet: the link now leads to its Spanish page, not to its
		// original's.
		dir := copySample(t)
		linking := filepath.Join(dir, "content/articles/pelham-court-rent-rise/es.md")
		data, err := os.ReadFile(linking)
		if err != nil {
			t.Fatal(err)
		}
		data = append(data, "\nVéase también [nuestra hoja sobre las reparaciones](../../leaflets/repairs-are-your-right/en.md).\n"...)
		if err := os.WriteFile(linking, data, 0o644); err != nil {
			t.Fatal(err)
		}
		editMatchesFullLoadFrom(t, dir, false, map[string]func(string) string{
			"content/leaflets/repairs-are-your-right/es.md": translation(t, "content/leaflets/repairs-are-your-right/en.md",
				"Las reparaciones son un derecho", "Una traducción nueva."),
		})
	})
	t.Run("translation removed", func(t *testing.T) {
		t.Parallel() // each on its own copy of the site
		// An article of the bulletin loses its Spanish: the Spanish
		// bulletin prints the original instead.
		editMatchesFullLoad(t, false, map[string]func(string) string{
			"content/articles/pelham-court-rent-rise/es.md": func(string) string { return "" },
		})
	})
	t.Run("item added", func(t *testing.T) {
		t.Parallel() // each on its own copy of the site
		// A new leaflet in two languages: new pages, and every list,
		// tag page and feed of its languages changes.
		en := "---\ntitle: \"Heating is a right\"\ndate: 2026-11-25\ntags: [rent, repairs]\n---\n\nNo home should be cold this winter.\n"
		digest, err := content.DigestFile([]byte(en))
		if err != nil {
			t.Fatal(err)
		}
		editMatchesFullLoad(t, false, map[string]func(string) string{
			"content/leaflets/heating-is-a-right/en.md": func(string) string { return en },
			"content/leaflets/heating-is-a-right/fr.md": func(string) string {
				return "---\ntitle: \"Le chauffage est un droit\"\ntranslated_from: en@" + digest + "\n---\n\nAucun logement ne devrait être froid cet hiver.\n"
			},
		})
	})
	t.Run("files", func(t *testing.T) {
		t.Parallel() // each on its own copy of the site
		// A picture put beside an article, another file beside a
		// leaflet, and an article's picture replaced by one of another
		// size, which its texts show: their pages give the new size.
		editMatchesFullLoad(t, false, map[string]func(string) string{
			"content/articles/public-meeting-report/hall.png": func(string) string { return testPicture(t, 1600, 900, "png") },
			"content/leaflets/no-to-the-rent-rise/notes.txt":  func(string) string { return "Print 200 copies.\n" },
			"content/articles/vantor-warehouse-strike/picket-line.jpg": func(string) string {
				return testPicture(t, 1000, 1400, "jpg")
			},
		})
	})
	t.Run("articles", func(t *testing.T) {
		t.Parallel() // each on its own copy of the site
		// A bulletin without one of its articles: that article's page no
		// longer names it.
		editMatchesFullLoad(t, false, map[string]func(string) string{
			"content/bulletins/issue-1/en.md": func(s string) string {
				return strings.Replace(s, ", solidarity-fund-first-year]", "]", 1)
			},
		})
	})
}

// strikeSite is a leaflet in English and in French, each with two
// headings, which the tests below link to and rename.
const strikeSite = `
-- content/leaflets/strike/en.md --
---
title: Strike
---
## Who we are

## What we ask
-- content/leaflets/strike/fr.md --
---
title: Grève
translated_from: en@000000000000
---
## Qui nous sommes

## Ce que nous demandons
`

// A text that links to a heading of another item's text is checked
// again when that text, or the one its readers are sent to, is saved:
// its link follows the heading, and its warnings are those a full load
// gives. It is found so after it was itself saved (the first step): the
// index of links an edit keeps has its new links.
func TestAnEditOfAHeadingChecksTheLinksToItAgain(t *testing.T) {
	dir := writeSite(t, strikeSite+`-- content/leaflets/rent/fr.md --
---
title: Loyer
date: 2024-02-24
---
Voir [leurs revendications](../strike/en.md#what-we-ask).
`)
	p := preview(t, loadRoot(t, dir), true)
	for _, step := range []struct {
		file, text    string
		href, warning string
	}{
		{"content/leaflets/rent/fr.md", "---\ntitle: Loyer\ndate: 2024-02-24\n---\nVoir [leurs revendications](../strike/en.md#what-we-ask), vite.\n",
			`href="../strike/#ce-que-nous-demandons"`, ""},
		{"content/leaflets/strike/fr.md", "---\ntitle: Grève\ntranslated_from: en@000000000000\n---\n## Qui nous sommes\n\n## Ce que nous exigeons\n",
			`href="../strike/#ce-que-nous-exigeons"`, ""},
		{"content/leaflets/strike/en.md", "---\ntitle: Strike\n---\n## Who we are\n\n## What we demand\n",
			`href="../strike/"`, `content/leaflets/rent/fr.md:5: warning: link "../strike/en.md#what-we-ask": content/leaflets/strike/en.md has no heading #what-we-ask (a heading's id is its text in lower case, its words joined by hyphens)`},
	} {
		var diags []diag.Diagnostic
		p, diags = save(t, p, dir, step.file, step.text)
		page, err := p.File("fr/leaflets/rent/index.html")
		if err != nil || !bytes.Contains(page, []byte(step.href+">leurs revendications")) {
			t.Errorf("%s saved: the link is not %s (%v)", step.file, step.href, err)
		}
		var warnings []string
		for _, d := range diags {
			if d.Path == "content/leaflets/rent/fr.md" {
				warnings = append(warnings, d.String())
			}
		}
		if want := slices.DeleteFunc([]string{step.warning}, func(w string) bool { return w == "" }); !slices.Equal(warnings, want) {
			t.Errorf("%s saved: the linking text's warnings %q, want %q", step.file, warnings, want)
		}
		matchesFullLoad(t, dir, p)
		indexesTheSameLinks(t, p.site)
	}
}

// Items removed, or renamed (their folder moved), as the watcher reports
// them: by their folder alone, or by every file they had. The preview
// after the edit is what a full load gives: their pages, PDFs and
// pictures gone, every list, tag page and feed without them.
func TestRemovedItemsGiveTheSiteAFullLoadGives(t *testing.T) {
	for _, tt := range []struct {
		name    string
		renames map[string]string // old folder -> new, "" to remove
		byFiles bool              // the watcher names each file, not the folder
	}{
		{"removed", map[string]string{"content/pamphlets/rent-and-wages": "", "content/bulletins/issue-1": ""}, false},
		{"removed file by file", map[string]string{"content/bulletins/issue-1": ""}, true},
		{"renamed", map[string]string{"content/articles/public-meeting-report": "content/articles/public-meeting-notes"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel() // each on its own copy of the site
			dir := copySample(t)
			pb := previewBrowsed(t, loadRoot(t, dir))
			var changed []string
			for from, to := range tt.renames {
				full := filepath.Join(dir, filepath.FromSlash(from))
				if tt.byFiles {
					entries, err := os.ReadDir(full)
					if err != nil {
						t.Fatal(err)
					}
					for _, e := range entries {
						changed = append(changed, from+"/"+e.Name())
					}
				} else {
					changed = append(changed, from)
				}
				var err error
				if to == "" {
					err = os.RemoveAll(full)
				} else {
					err = os.Rename(full, filepath.Join(dir, filepath.FromSlash(to)))
					changed = append(changed, to)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			var diags diag.List
			pf, ok := pb.Edit(changed, &diags)
			if !ok {
				t.Fatalf("Edit(%v) refused: %v", changed, diags.Sorted())
			}
			matchesFullLoad(t, dir, pf)
			for from := range tt.renames {
				parts := strings.Split(from, "/")
				if _, err := pf.File("en/" + parts[1] + "/" + parts[2] + "/index.html"); err == nil {
					t.Errorf("the page of %s is still served", from)
				}
			}
		})
	}
}

// testPicture is a picture of w×h pixels, a PNG or a JPEG.
func testPicture(t *testing.T, w, h int, format string) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// translation returns an edit that writes a translation of the sample
// site's English text at original, up to date, with title and body.
func translation(t *testing.T, original, title, body string) func(string) string {
	return func(string) string {
		en, err := os.ReadFile(filepath.Join("../..", filepath.FromSlash(original)))
		if err != nil {
			t.Fatal(err)
		}
		digest, err := content.DigestFile(en)
		if err != nil {
			t.Fatal(err)
		}
		return "---\ntitle: \"" + title + "\"\ntranslated_from: en@" + digest + "\n---\n\n" + body + "\n"
	}
}

// retitle returns an edit that gives a text the title title.
func retitle(title string) func(string) string {
	return func(s string) string {
		i := strings.Index(s, "title: ")
		j := i + strings.IndexByte(s[i:], '\n')
		return s[:i] + "title: \"" + title + "\"" + s[j:]
	}
}

func editMatchesFullLoad(t *testing.T, retag bool, more map[string]func(string) string) {
	editMatchesFullLoadFrom(t, copySample(t), retag, more)
}

// editMatchesFullLoadFrom is editMatchesFullLoad on the site in dir.
func editMatchesFullLoadFrom(t *testing.T, dir string, retag bool, more map[string]func(string) string) {
	editMatchesFullLoadAfter(t, loadRoot(t, dir), dir, retag, more)
}

// editMatchesFullLoadAfter is editMatchesFullLoadFrom, the site in dir
// loaded as before.
func editMatchesFullLoadAfter(t *testing.T, before *Site, dir string, retag bool, more map[string]func(string) string) {
	pb := previewBrowsed(t, before)

	edits := map[string]func(string) string{
		"content/leaflets/no-to-the-rent-rise/en.md": func(s string) string {
			s = strings.Replace(s, `title: "`, `title: "Still `, 1)
			if retag {
				s = strings.Replace(s, "tags: [rent,", "tags: [rent, pelham-repairs,", 1)
			}
			return s + "\nOne more sentence, added in the preview.\n"
		},
		"content/articles/vantor-warehouse-strike/fr.md": func(s string) string {
			return s + "\nUne phrase de plus.\n"
		},
	}
	maps.Copy(edits, more)
	changed, relist := applyEdits(t, dir, edits)

	var diags diag.List
	pf, ok := pb.Edit(changed, &diags)
	if !ok {
		t.Fatalf("Edit refused a text edit: %v", diags.Sorted())
	}
	remain := 0 // the texts edited, not removed
	for _, name := range changed {
		if pf.site.Content.Variant(name) != nil {
			remain++
		}
	}
	if len(pf.pdfs) != remain {
		t.Errorf("Edit started the PDFs of %d texts, want the %d edited that remain", len(pf.pdfs), remain)
	}
	matchesFullLoad(t, dir, pf)
	if ok := pf.Has("en/tags/pelham-repairs/index.html"); ok != retag {
		t.Errorf("the new tag's page: %v, want %v", ok, retag)
	}
	// The listing holds the files beside the pages, which a new tag leaves
	// as they were.
	if reused := pf.list == pb.list; reused != !relist {
		t.Errorf("listing reused: %v, with a file added, removed or not a text: %v", reused, relist)
	}
	// The edit shows, and the site before it is untouched.
	page, _ := pf.File("en/leaflets/no-to-the-rent-rise/index.html")
	if !bytes.Contains(page, []byte("One more sentence, added in the preview.")) {
		t.Error("the edited page does not show the edit")
	}
	old, _ := preview(t, before, false).File("en/leaflets/no-to-the-rent-rise/index.html")
	if bytes.Contains(old, []byte("One more sentence")) {
		t.Error("Edit changed the site it was called on")
	}
	fr, _ := pf.File("fr/leaflets/no-to-the-rent-rise/index.html")
	if oldFr, _ := preview(t, before, false).File("fr/leaflets/no-to-the-rent-rise/index.html"); bytes.Equal(fr, oldFr) {
		t.Error("the French page did not change although its source did")
	}
}

// previewBrowsed is the preview of s with every PDF and every file but
// the pages made, as someone browsing would have: an edit must not reuse
// what they were made from if it changed.
func previewBrowsed(t *testing.T, s *Site) *Preview {
	t.Helper()
	p := preview(t, s, true)
	for _, v := range s.variants() {
		if l := p.variantPDFs(v); l.err != nil {
			t.Fatal(l.err)
		}
	}
	for name := range p.list.files { // copies, pictures, static files
		if _, err := p.File(name); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// applyEdits edits the files of the site in dir and returns what the
// watcher would report, sorted. An edit is given "" for a file that does
// not exist, and returns "" to remove the file. relist is true if a file
// was added or removed, or one that is not a text edited: the preview's
// listing is made again.
func applyEdits(t *testing.T, dir string, edits map[string]func(string) string) (changed []string, relist bool) {
	t.Helper()
	for name, edit := range edits {
		p := filepath.Join(dir, filepath.FromSlash(name))
		data, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
		edited := edit(string(data))
		relist = relist || len(data) == 0 || edited == "" || !strings.HasSuffix(name, ".md")
		if _, err := os.Stat(filepath.Dir(p)); errors.Is(err, fs.ErrNotExist) {
			// A new item: the watcher reports its folder too.
			os.MkdirAll(filepath.Dir(p), 0o755)
			if dir := path.Dir(name); !slices.Contains(changed, dir) {
				changed = append(changed, dir)
			}
		}
		switch {
		case edited == string(data):
			t.Fatalf("the edit of %s changed nothing", name)
		case edited == "":
			err = os.Remove(p)
		default:
			err = os.WriteFile(p, []byte(edited), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		changed = append(changed, name)
	}
	slices.Sort(changed)
	return changed, relist
}

// matchesFullLoad checks that pf has every file of a full load of the
// site in dir, PDFs included, and only those, byte for byte.
func matchesFullLoad(t *testing.T, dir string, pf *Preview) {
	t.Helper()
	full := loadRoot(t, dir)
	pl := preview(t, full, true)
	// The pages the preview finds are those its renderer lists (see web's
	// TestFileAtFindsWhatFilesLists).
	pages, fullPages := pf.r.Files(), pl.r.Files()
	if len(pages) != len(fullPages) || len(pf.list.files) != len(pl.list.files) {
		t.Fatalf("%d+%d files after Edit, %d+%d after a full load", len(pages), len(pf.list.files), len(fullPages), len(pl.list.files))
	}
	var names []string
	for _, f := range fullPages {
		names = append(names, f.Path)
	}
	for name := range pl.list.files {
		names = append(names, name)
	}
	for _, name := range names {
		want, err := pl.File(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := pf.File(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs between Edit and a full load", name)
		}
	}
	for _, v := range full.variants() {
		dir := v.Item.PagePath(v.Lang)
		for _, f := range pl.variantPDFs(v).files {
			got, err := pf.File(dir + f.Name)
			if err != nil || !bytes.Equal(got, f.Data) {
				t.Errorf("%s%s differs between Edit and a full load (%v)", dir, f.Name, err)
			}
		}
	}
}

// TestFrameEditGivesTheSiteAFullLoadGives edits a template, the
// stylesheet, the search script and a static file, alone: the preview
// keeps its texts and PDFs, and gives the files a full load gives.
// An edit of a template and of texts at once (a git pull) is the edit of
// the frame, then of the texts: the site a full load gives.
func TestFrameAndTextEditGivesTheSiteAFullLoadGives(t *testing.T) {
	dir := copySample(t)
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	pb := previewBrowsed(t, loadRoot(t, dir))
	item, err := os.ReadFile("../../templates/item.html")
	if err != nil {
		t.Fatal(err)
	}
	changed, _ := applyEdits(t, dir, map[string]func(string) string{
		"templates/item.html": func(string) string {
			return strings.Replace(string(item), "{{define \"main\"}}", "{{define \"main\"}}<p class=\"notice\">Draft</p>", 1)
		},
		"content/leaflets/no-to-the-rent-rise/en.md": func(s string) string { return s + "\nOne more sentence, added with the template.\n" },
	})
	var diags diag.List
	pf, ok := pb.Edit(changed, &diags)
	if !ok {
		t.Fatalf("Edit(%v) refused: %v", changed, diags.Sorted())
	}
	matchesFullLoad(t, dir, pf)
	page, _ := pf.File("en/leaflets/no-to-the-rent-rise/index.html")
	if !bytes.Contains(page, []byte(`<p class="notice">Draft</p>`)) || !bytes.Contains(page, []byte("One more sentence, added with the template.")) {
		t.Error("the page does not show both edits")
	}
}

// An edit of the locales — the site's own copy of one made, then
// changed, with a text edited at once — gives every page and PDF the new
// words: the site a full load gives. The PDFs already made of the
// languages whose messages PDFs show are unchanged are kept.
func TestLocaleEditGivesTheSiteAFullLoadGives(t *testing.T) {
	dir := copySample(t)
	pb := previewBrowsed(t, loadRoot(t, dir))
	fr, err := os.ReadFile("../../locales/fr.toml")
	if err != nil {
		t.Fatal(err)
	}
	words := strings.NewReplacer(`Contents = "Sommaire"`, `Contents = "Table des matières"`,
		`Month11 = "novembre"`, `Month11 = "brumaire"`, `Search = "Rechercher"`, `Search = "Chercher"`)
	edited := words.Replace(string(fr))
	if strings.Count(edited, "brumaire")+strings.Count(edited, "Table des matières")+strings.Count(edited, `"Chercher"`) != 3 {
		t.Fatal("the French locale does not have the messages this test changes")
	}
	step := func(edits map[string]func(string) string) *Preview {
		t.Helper()
		changed, _ := applyEdits(t, dir, edits)
		var diags diag.List
		pf, ok := pb.Edit(changed, &diags)
		if !ok {
			t.Fatalf("Edit(%v) refused: %v", changed, diags.Sorted())
		}
		matchesFullLoad(t, dir, pf)
		return pf
	}
	// kept says whether the PDFs of each language made for pb are pf's.
	kept := func(pb, pf *Preview) map[string]bool {
		t.Helper()
		out := map[string]bool{}
		for v, l := range pb.pdfs {
			if k, ok := out[v.Lang]; ok && k != (pf.pdfs[v] == l) {
				t.Errorf("some %s PDFs were kept, others not", v.Lang)
			}
			out[v.Lang] = pf.pdfs[v] == l
		}
		return out
	}
	pf := step(map[string]func(string) string{"locales/fr.toml": func(string) string { return edited }})
	page, _ := pf.File("fr/articles/solidarity-fund-first-year/index.html")
	if !bytes.Contains(page, []byte("brumaire")) || !bytes.Contains(page, []byte("Chercher")) {
		t.Error("the French page does not show the new words")
	}
	if k := kept(pb, pf); !maps.Equal(k, map[string]bool{"en": true, "fr": false, "es": true}) {
		t.Errorf("after an edit of French messages PDFs show, the PDFs kept by language: %v", k)
	}
	for _, v := range pf.site.variants() {
		pf.variantPDFs(v)
	}
	pb = pf
	pf = step(map[string]func(string) string{"locales/fr.toml": func(s string) string { return strings.Replace(s, `"Chercher"`, `"Trouver"`, 1) }})
	if k := kept(pb, pf); !maps.Equal(k, map[string]bool{"en": true, "fr": true, "es": true}) {
		t.Errorf("after an edit of a French message only pages show, the PDFs kept by language: %v", k)
	}
	pb = pf
	pf = step(map[string]func(string) string{
		"locales/fr.toml": func(s string) string { return strings.Replace(s, "brumaire", "frimaire", 1) },
		"content/leaflets/no-to-the-rent-rise/fr.md": func(s string) string { return s + "\nUne phrase de plus.\n" },
	})
	// The words of the texts' own HTML (markdown.Messages, the names of
	// footnotes and tables) are in the parsed texts: an edit of them needs
	// the texts parsed again, which a full load does.
	changed, _ := applyEdits(t, dir, map[string]func(string) string{
		"locales/fr.toml": func(s string) string {
			return strings.Replace(s, `FootnoteRef = "Note {{.Number}}"`, `FootnoteRef = "Renvoi {{.Number}}"`, 1)
		},
	})
	var diags diag.List
	if _, ok := pf.Edit(changed, &diags); ok || diags.Len() > 0 {
		t.Errorf("an edit of the French name of footnotes: Edit gave ok %v, %v; want a full load", ok, diags.Sorted())
	}
}

func TestFrameEditGivesTheSiteAFullLoadGives(t *testing.T) {
	dir := copySample(t)
	for _, d := range []string{"templates", "assets/site", "static"} {
		// Made before: making one is another change, which a full load
		// takes.
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "static/humans.txt"), []byte("Nobody yet.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pb := previewBrowsed(t, loadRoot(t, dir))
	theme := func(name string) func(string) string {
		return func(string) string {
			data, err := os.ReadFile(filepath.Join("../..", filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			s := string(data)
			switch {
			case strings.HasSuffix(name, ".html"):
				s = strings.Replace(s, "{{define \"main\"}}", "{{define \"main\"}}<p class=\"notice\">Draft</p>", 1)
			case strings.HasSuffix(name, ".css"):
				s += "\n.notice { color: #a00; }\n"
			default:
				s += "\n// edited\n"
			}
			if s == string(data) {
				t.Fatalf("the edit of %s changed nothing", name)
			}
			return s
		}
	}
	changed, _ := applyEdits(t, dir, map[string]func(string) string{
		"templates/item.html": theme("templates/item.html"),
		Stylesheet:            theme(Stylesheet),
		SearchScript:          theme(SearchScript),
		"static/humans.txt":   func(string) string { return "The editorial group.\n" },
	})
	var diags diag.List
	pf, ok := pb.Edit(changed, &diags)
	if !ok {
		t.Fatalf("Edit refused an edit of the frame: %v", diags.Sorted())
	}
	if pf.site.Docs.Len() != pb.site.Docs.Len() {
		t.Fatal("the texts changed")
	}
	for v, d := range pb.site.Docs.All() {
		if pf.site.Docs.Get(v) != d {
			t.Fatalf("%s was parsed again", v.Path)
		}
	}
	if len(pf.pdfs) != len(pb.pdfs) {
		t.Errorf("%d PDFs kept of %d", len(pf.pdfs), len(pb.pdfs))
	}
	matchesFullLoad(t, dir, pf)
	page, _ := pf.File("en/leaflets/no-to-the-rent-rise/index.html")
	if !bytes.Contains(page, []byte(`<p class="notice">Draft</p>`)) {
		t.Error("the page is not made with the new template")
	}
}

// TestEditRefusesWhatNeedsAFullLoad: new items with more than texts in
// the site's languages or with a folder name a build refuses, an item's
// last text removed, the configuration, locales and texts that now have
// errors all go the long way, where every problem is reported.
func TestEditRefusesWhatNeedsAFullLoad(t *testing.T) {
	dir := copySample(t)
	p := preview(t, loadRoot(t, dir), false)
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// New items with a picture, a text in a language the site does not
	// have, an unusable slug, or one that differs from another only in
	// case.
	write("content/leaflets/new-one/en.md", "---\ntitle: New\n---\nNew.\n")
	write("content/leaflets/new-one/photo.jpg", "not really a picture")
	write("content/leaflets/new-two/de.md", "---\ntitle: Neu\n---\nNeu.\n")
	write("content/leaflets/-new/en.md", "---\ntitle: New\n---\nNew.\n")
	write("content/leaflets/No-To-The-Rent-Rise/en.md", "---\ntitle: New\n---\nNew.\n")
	write("content/leaflets/no-to-the-rent-rise/de.md", "---\ntitle: Nein\n---\nNein.\n") // not a language of the site
	write("templates/item.html", "{{define \"main\"}}{{.NoSuchField}\n")                  // a template that does not parse
	broken, err := os.ReadFile(filepath.Join(dir, "content/leaflets/repairs-are-your-right/en.md"))
	if err != nil {
		t.Fatal(err)
	}
	write("content/leaflets/repairs-are-your-right/en.md", strings.Replace(string(broken), "title:", "colour: red\ntitle:", 1))
	// The original changes language: English becomes a translation of
	// the French, which becomes the original.
	en, err := os.ReadFile(filepath.Join(dir, "content/leaflets/no-to-the-rent-rise/en.md"))
	if err != nil {
		t.Fatal(err)
	}
	fr, err := os.ReadFile(filepath.Join(dir, "content/leaflets/no-to-the-rent-rise/fr.md"))
	if err != nil {
		t.Fatal(err)
	}
	write("content/leaflets/no-to-the-rent-rise/en.md", strings.Replace(string(en), "---\n", "---\ntranslated_from: fr@000000000000\n", 1))
	var frLines []string
	for _, l := range strings.SplitAfter(string(fr), "\n") {
		if !strings.HasPrefix(l, "translated_from:") {
			frLines = append(frLines, l)
		}
	}
	write("content/leaflets/no-to-the-rent-rise/fr.md", strings.Join(frLines, ""))
	// A text removed that other texts link to, an item's only text, and
	// a picture its texts show: those texts now have errors.
	for _, name := range []string{"content/events/winter-benefit-night/es.md", "content/articles/public-meeting-report/en.md", "content/articles/vantor-warehouse-strike/picket-line.jpg"} {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	// A link beside a text, to a file outside content/: where a link may
	// lead is a full Load's to say.
	if err := os.Symlink("../../../tract.toml", filepath.Join(dir, "content/leaflets/no-to-the-rent-rise/config.txt")); err != nil {
		t.Fatal(err)
	}
	for _, changed := range [][]string{
		{"content/leaflets/no-to-the-rent-rise/config.txt"},
		{"content/events/winter-benefit-night/es.md"},
		{"content/articles/public-meeting-report/en.md"},
		{"content/articles/no-such-article/en.md"},
		{"content/leaflets/no-to-the-rent-rise/en.md", "content/leaflets/no-to-the-rent-rise/fr.md"},
		{"tract.toml"},
		{"content/leaflets/new-one/en.md"},
		{"content/leaflets/new-one"},
		{"content/leaflets/new-two"},
		{"content/leaflets/-new/en.md"},
		{"content/leaflets/No-To-The-Rent-Rise/en.md"},
		{"content/leaflets/empty-folder"},
		{"content/articles/vantor-warehouse-strike/picket-line.jpg"},
		{"content/leaflets/repairs-are-your-right/en.md"},
		{"content/leaflets/no-to-the-rent-rise/de.md"},
		{"templates/item.html"},
		{"templates/item.html", "content/leaflets/no-to-the-rent-rise/fr.md"},
		{"content/leaflets/../../tract.toml"},
	} {
		var diags diag.List
		if _, ok := p.Edit(changed, &diags); ok {
			t.Errorf("Edit(%v) took the fast path", changed)
		}
	}
}

// TestPreviewFindsPDFsOnlyBesideVariantPages asks for a PDF in folders
// that are not a variant's page: none is there, and each variant's own
// are.
func TestPreviewFindsPDFsOnlyBesideVariantPages(t *testing.T) {
	s := loadRoot(t, "../..")
	p := preview(t, s, true)
	for _, v := range s.variants() {
		if got := p.variantIn(v.Item.PagePath(v.Lang)); got != v {
			t.Errorf("variantIn(%q) = %v, want %s", v.Item.PagePath(v.Lang), got, v.Path)
		}
	}
	const pdf = "no-to-the-rent-rise-en-a5.pdf"
	if _, err := p.File("en/leaflets/no-to-the-rent-rise/" + pdf); err != nil {
		t.Fatalf("the leaflet's own PDF: %v", err)
	}
	for _, dir := range []string{
		"", "en/", "en/leaflets/", "leaflets/no-to-the-rent-rise/",
		"en/leaflets/no-to-the-rent-rise/x/",  // a folder below the page
		"en/leaflets/no-to-the-rent-rise",     // the page's folder's name, not the folder
		"de/leaflets/no-to-the-rent-rise/",    // not a language of the site
		"es/leaflets/repairs-are-your-right/", // a language it is not in
		"en/leaflets/no-such-leaflet/", "en/tags/rent/", "en/leaflets/page/2/",
	} {
		if v := p.variantIn(dir); v != nil {
			t.Errorf("variantIn(%q) = %s, want none", dir, v.Path)
		}
		if _, err := p.File(dir + pdf); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s%s: %v, want fs.ErrNotExist", dir, pdf, err)
		}
	}
}

// An edit of a text parses again the other texts of its item only when
// their parse may change: when they link to a heading of the text saved,
// or when the item gains or loses a language or a file. The others keep
// their Docs, compacted as the load left them, and the site is still the
// one a full load gives.
func TestAnEditKeepsTheOtherTextsOfItsItem(t *testing.T) {
	dir := writeSite(t, strikeSite+`-- content/leaflets/strike/es.md --
---
title: Huelga
translated_from: en@000000000000
---
## Quiénes somos

## Lo que pedimos

Lea [el original](en.md#what-we-ask).
`)
	p := preview(t, loadRoot(t, dir), true)
	for _, step := range []struct {
		file, text string
		reparsed   []string // the texts of the item parsed again
		warned     bool     // es.md's link names no heading
	}{
		{"content/leaflets/strike/en.md", "---\ntitle: Strike\n---\n## Who we are\n\n## What we demand\n", []string{"en", "es"}, true},
		{"content/leaflets/strike/en.md", "---\ntitle: Strike\n---\n## Who we are\n\n## What we ask\n", []string{"en", "es"}, false},
		{"content/leaflets/strike/photo.png", testPicture(t, 40, 30, "png"), []string{"en", "es", "fr"}, false},
		// The texts kept now are not compacted: the kept Docs share
		// their trees with the last ones.
		{"content/leaflets/strike/fr.md", "---\ntitle: Grève\ntranslated_from: en@000000000000\n---\n## Qui sommes-nous\n\n## Ce que nous demandons\n", []string{"fr"}, false},
	} {
		next, diags := save(t, p, dir, step.file, step.text)
		var reparsed []string
		for _, lang := range []string{"en", "es", "fr"} {
			name := "content/leaflets/strike/" + lang + ".md"
			was, is := p.site.Docs.Get(p.site.Content.Variant(name)), next.site.Docs.Get(next.site.Content.Variant(name))
			if is.Root != nil && is.Root != was.Root { // a kept Doc is compacted, or has the same tree
				reparsed = append(reparsed, lang)
			}
		}
		p = next
		if !slices.Equal(reparsed, step.reparsed) {
			t.Errorf("%s saved: parsed again %v, want %v", step.file, reparsed, step.reparsed)
		}
		warned := slices.ContainsFunc(diags, func(d diag.Diagnostic) bool {
			return d.Path == "content/leaflets/strike/es.md" && strings.Contains(d.Message, "#what-we-ask")
		})
		if warned != step.warned {
			t.Errorf("%s saved: es.md warned of its link: %v, want %v", step.file, warned, step.warned)
		}
		matchesFullLoad(t, dir, p)
	}
}

// The PDFs of a bulletin print its articles, which a preview keeps
// compacted and parses again for them. Each save of the bulletin makes
// its PDFs again, from the trees of the articles parsed for the last
// ones: an article whose Doc the edit kept is the same tree.
func TestABulletinsSavesReuseItsArticlesTrees(t *testing.T) {
	dir := copySample(t)
	p := preview(t, loadRoot(t, dir), true)
	const bulletin = "content/bulletins/issue-1/en.md"
	var first map[*markdown.Doc]*markdown.Doc
	for i := range 2 {
		if l := p.variantPDFs(p.site.Content.Variant(bulletin)); l.err != nil {
			t.Fatal(l.err)
		}
		// The bulletin's own text, compacted by the load, and its three
		// articles; the bulletin saved is parsed whole by the edit.
		if p.site.reparsed == nil || len(p.site.reparsed.trees) != 4 {
			t.Fatalf("save %d: the preview does not keep the trees of the bulletin and its three articles (%v)", i, p.site.reparsed)
		}
		if i == 0 {
			first = maps.Clone(p.site.reparsed.trees)
		} else if !maps.Equal(first, p.site.reparsed.trees) {
			t.Errorf("the bulletin's second PDFs parsed its articles again")
		}
		changed, _ := applyEdits(t, dir, map[string]func(string) string{bulletin: func(s string) string { return s + "\nOne more line.\n" }})
		var diags diag.List
		next, ok := p.Edit(changed, &diags)
		if !ok {
			t.Fatalf("Edit refused: %v", diags.Sorted())
		}
		p = next
	}
	matchesFullLoad(t, dir, p)
}

// A new tag whose page is where static/ has a file: the edit takes the
// slow path, whose full load reports the file, as a build refuses it.
func TestANewTagsPageWhereStaticHasAFileTakesAFullLoad(t *testing.T) {
	dir := copySample(t)
	static := filepath.Join(dir, "static", "en", "tags", "pelham-repairs")
	if err := os.MkdirAll(static, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(static, "index.html"), []byte("<p>Ours</p>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := preview(t, loadRoot(t, dir), false)
	changed, _ := applyEdits(t, dir, map[string]func(string) string{
		"content/leaflets/no-to-the-rent-rise/en.md": func(s string) string {
			return strings.Replace(s, "tags: [rent,", "tags: [rent, pelham-repairs,", 1)
		},
	})
	var diags diag.List
	if _, ok := p.Edit(changed, &diags); ok {
		t.Fatal("Edit took the fast path: the tag's page hides static/en/tags/pelham-repairs/index.html")
	}
	full := loadRoot(t, dir)
	if _, problems := NewPreview(full, nil, nil); len(problems) != 1 || !strings.Contains(problems[0].String(), "would replace the generated en/tags/pelham-repairs/index.html") {
		t.Errorf("the full load's problems: %v", problems)
	}
}

// A translation added leaves the item's other texts as they were parsed,
// unless one links into the item: removing the text it links to is then
// an error in it, which the edit finds.
func TestATranslationAddedOrRemovedParsesAgainOnlyTheTextsLinkingToIt(t *testing.T) {
	dir := copySample(t)
	const linking = "content/leaflets/no-to-the-rent-rise/en.md"
	applyEdits(t, dir, map[string]func(string) string{
		linking: func(s string) string { return s + "\nThis leaflet [in Spanish](es.md).\n" },
	})
	s := loadRoot(t, dir)
	p := preview(t, s, true)
	item := s.Content.Item("leaflets", "repairs-are-your-right")
	en, fr := s.Docs.Get(item.Variants["en"]), s.Docs.Get(item.Variants["fr"])

	const added = "content/leaflets/repairs-are-your-right/es.md"
	changed, _ := applyEdits(t, dir, map[string]func(string) string{
		added: translation(t, "content/leaflets/repairs-are-your-right/en.md", "Las reparaciones", "Un texto nuevo."),
	})
	var diags diag.List
	next, ok := p.Edit(changed, &diags)
	if !ok {
		t.Fatalf("Edit refused a new translation: %v", diags.Sorted())
	}
	now := next.site.Content.Item("leaflets", "repairs-are-your-right")
	if d := next.site.Docs.Get(now.Variants["en"]); d == nil || d.Root != en.Root {
		t.Error("the English text was parsed again")
	}
	if d := next.site.Docs.Get(now.Variants["fr"]); d == nil || d.Root != fr.Root {
		t.Error("the French text was parsed again")
	}
	matchesFullLoad(t, dir, next)

	const removed = "content/leaflets/no-to-the-rent-rise/es.md"
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(removed))); err != nil {
		t.Fatal(err)
	}
	diags = diag.List{}
	if _, ok := p.Edit([]string{removed}, &diags); ok {
		t.Fatal("Edit took the removal of a text another links to")
	}
	if !slices.ContainsFunc(diags.Sorted(), func(d diag.Diagnostic) bool {
		return d.Path == linking && d.Severity == diag.Error && strings.Contains(d.Message, `link "es.md"`)
	}) {
		t.Errorf("the edit's problems: %v, want the link of %s", diags.Sorted(), linking)
	}
}

// A copy not yet translated, linked to by another text, has no page, and
// the link leads to the original's; translated in tract serve, the link
// leads to its page, and turned back into a copy, to the original's
// again: the site is what a full load gives after each edit.
func TestACopyTranslatedOrBackInServeMovesTheLinksToIt(t *testing.T) {
	dir := copySample(t)
	const (
		linking = "content/leaflets/no-to-the-rent-rise/es.md"
		copied  = "content/leaflets/repairs-are-your-right/es.md"
		orig    = "content/leaflets/repairs-are-your-right/en.md"
	)
	en, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(orig)))
	if err != nil {
		t.Fatal(err)
	}
	_, body, _ := strings.Cut(string(en), "\n---\n")
	applyEdits(t, dir, map[string]func(string) string{
		linking: func(s string) string { return s + "\nLas [reparaciones](../repairs-are-your-right/es.md).\n" },
		copied:  translation(t, orig, "Your repairs are your right", body),
	})
	s := loadRoot(t, dir)
	if v := s.Content.Item("leaflets", "repairs-are-your-right").Variants["es"]; v == nil || !v.Untranslated {
		t.Fatal("es.md is not a copy not yet translated")
	}
	p := preview(t, s, true)
	for _, step := range []struct {
		what string
		edit func(string) string
		href string
	}{
		{"translated", translation(t, orig, "Las reparaciones", "Un texto nuevo."), `href="../repairs-are-your-right/"`},
		{"a copy again", translation(t, orig, "Your repairs are your right", body), `href="../../../en/leaflets/repairs-are-your-right/"`},
	} {
		changed, _ := applyEdits(t, dir, map[string]func(string) string{copied: step.edit})
		var diags diag.List
		next, ok := p.Edit(changed, &diags)
		if !ok {
			t.Fatalf("%s: Edit refused: %v", step.what, diags.Sorted())
		}
		matchesFullLoad(t, dir, next)
		page, err := next.File("es/leaflets/no-to-the-rent-rise/index.html")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), step.href) {
			t.Errorf("%s: the link does not lead to %s", step.what, step.href)
		}
		p = next
	}
}

// An edit of a source alone changes which of its translation's
// paragraphs are still its, and so set in its language: the preview
// parses the translation again, though its file was not saved.
func TestAnEditOfTheSourceChangesWhichParagraphsThePreviewSetsInItsLanguage(t *testing.T) {
	en := func(b string) string {
		return "---\ntitle: Rent\ndate: 2026-09-01\n---\nWe refuse the rise, all of us, together.\n\nThe landlord wants fourteen per cent more: from " + b + "!\n\nCome to the meeting on Thursday at seven: all welcome!\n"
	}
	digest, err := content.DigestFile([]byte(en("January")))
	if err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, "-- content/leaflets/rent/en.md --\n"+en("January")+"-- content/leaflets/rent/fr.md --\n---\ntitle: Loyer\ntranslated_from: en@"+digest+"\n---\n"+
		"Nous refusons la hausse, tous ensemble.\n\nThe landlord wants fourteen per cent more: from January!\n\nCome to the meeting on Thursday at seven: all welcome!\n")
	p := preview(t, loadRoot(t, dir), true)
	for _, step := range []struct {
		month string
		want  int
	}{{"January", 2}, {"February", 1}, {"January", 2}} {
		p, _ = save(t, p, dir, "content/leaflets/rent/en.md", en(step.month))
		page, err := p.File("fr/leaflets/rent/index.html")
		if got := bytes.Count(page, []byte(`<div lang="en" dir="ltr">`)); err != nil || got != step.want {
			t.Errorf("source says %s: %d paragraphs set in English, want %d (%v)", step.month, got, step.want, err)
		}
		matchesFullLoad(t, dir, p)
	}
}
