package build

import (
	"context"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/diag"
	"golang.org/x/net/html"
)

// withFiles is an article in three languages that shows a photograph and
// links a file beside it, and a leaflet whose Spanish text links that
// file too, from another item and another depth.
const withFiles = `
-- content/articles/strike/en.md --
---
title: The strike
date: 2026-11-01
---
![Strikers at the gate](gate.jpg "Gate 3")

Read [the flyer](flyer.pdf).
-- content/articles/strike/fr.md --
---
title: La grève
translated_from: en@DIGEST
---
![Des grévistes devant la porte](gate.jpg "Porte 3")

Lisez [le tract](flyer.pdf).
-- content/articles/strike/es.md --
---
title: La huelga
translated_from: en@DIGEST
---
![Huelguistas ante la puerta](gate.jpg "Puerta 3")

Lean [el folleto](flyer.pdf).
-- content/articles/strike/flyer.pdf --
%PDF-1.4 a flyer
-- content/leaflets/support/es.md --
---
title: Apoyo
---
Vea [el folleto](../../articles/strike/flyer.pdf) y ![la puerta](../../articles/strike/gate.jpg).
`

// The files beside an item's texts, and the smaller copies of its
// pictures, are published once, not once per language: every page that
// shows or links one, in any language, points at the same file, so that
// a reader who changes language downloads no picture again, and an
// upload without hard links sends each once.
func TestAnItemsFilesArePublishedOnceForEveryLanguage(t *testing.T) {
	dir := writeSite(t, withDigests(t, withFiles))
	if err := os.WriteFile(filepath.Join(dir, "content/articles/strike/gate.jpg"), photo(t, 2400, 1600), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	dist := res.OutDir
	files := []string{"articles/strike/flyer.pdf", "articles/strike/gate-1600w.jpg", "articles/strike/gate-480w.jpg", "articles/strike/gate-960w.jpg", "articles/strike/gate.jpg"}
	found := filesNamed(t, dist, func(name string) bool { return strings.HasPrefix(name, "gate") || name == "flyer.pdf" })
	if !slices.Equal(found, files) {
		t.Errorf("dist holds %q; want each file once: %q", found, files)
	}
	for _, page := range []string{"en/articles/strike/index.html", "fr/articles/strike/index.html", "es/articles/strike/index.html", "es/leaflets/support/index.html"} {
		refs := pageRefs(t, dist, page)
		for _, f := range []string{"articles/strike/flyer.pdf", "articles/strike/gate-960w.jpg"} {
			if !slices.Contains(refs, f) {
				t.Errorf("%s does not point at %s: %q", page, f, refs)
			}
		}
		for _, ref := range refs {
			if strings.Contains(ref, "gate") || strings.Contains(ref, "flyer") {
				if !slices.Contains(files, ref) {
					t.Errorf("%s points at %s, which is none of the item's files", page, ref)
				}
			}
		}
	}
	for _, lang := range []string{"en", "fr", "es"} {
		contains(t, lang, read(t, dist, lang+"/articles/strike/index.html"), `<meta property="og:image" content="https://x.org/articles/strike/gate-960w.jpg">`)
	}
	checkLinks(t, dist)
}

// filesNamed returns the slash paths of the files in dist, at any depth,
// whose names match, sorted.
func filesNamed(t *testing.T, dist string, match func(name string) bool) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(dist, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && match(d.Name()) {
			rel, _ := filepath.Rel(dist, p)
			found = append(found, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(found)
	return found
}

// pageRefs returns where the links and pictures of the page at the slash
// path page of dist lead: each address of an href, src or srcset,
// resolved from the page's folder to a slash path in dist.
func pageRefs(t *testing.T, dist, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(read(t, dist, page)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for n := range doc.Descendants() {
		for _, a := range n.Attr {
			var refs []string
			switch a.Key {
			case "href", "src":
				refs = []string{a.Val}
			case "srcset":
				for _, c := range strings.Split(a.Val, ",") {
					refs = append(refs, strings.Fields(c)[0])
				}
			}
			for _, ref := range refs {
				if u, err := url.Parse(ref); err == nil && u.Scheme == "" && u.Host == "" && u.Path != "" && !strings.HasPrefix(u.Path, "/") {
					p, _ := url.PathUnescape(path.Join(path.Dir(page), u.Path))
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// TestAnItemsFilesFollowEveryEditAsABuildFromNothing edits the files
// beside the texts as editors do — a picture added, changed, removed, a
// language of the item removed, the item removed — and checks after each
// build into the same output, with the caches, that it is what a build
// from nothing makes, that each file is there once, in its item's files
// folder, and that what no item has any more is gone.
func TestAnItemsFilesFollowEveryEditAsABuildFromNothing(t *testing.T) {
	dir, cache := writeSite(t, withDigests(t, withFiles)), t.TempDir()
	dist := filepath.Join(dir, "dist")
	writeFile(t, dir, "content/articles/strike/gate.jpg", string(photo(t, 2400, 1600)))
	build := func(pdf bool) {
		t.Helper()
		buildAsFromNothing(t, Options{SiteDir: dir, Now: now, CacheDir: cache, NoPDF: !pdf})
	}
	// published checks that dist holds the files named, each once, and
	// no other file of the items, and that every page's links resolve.
	published := func(step string, want ...string) {
		t.Helper()
		found := filesNamed(t, dist, func(name string) bool {
			return strings.HasPrefix(name, "gate") || strings.HasPrefix(name, "crowd") || name == "flyer.pdf"
		})
		slices.Sort(want)
		if !slices.Equal(found, want) {
			t.Errorf("%s: dist holds %q; want %q", step, found, want)
		}
		checkLinks(t, dist)
	}
	points := func(step, page string, files ...string) {
		t.Helper()
		refs := pageRefs(t, dist, page)
		for _, f := range files {
			if !slices.Contains(refs, f) {
				t.Errorf("%s: %s does not point at %s: %q", step, page, f, refs)
			}
		}
	}
	remove := func(name string) {
		t.Helper()
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	edit := func(name, old, new string) {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !strings.Contains(string(data), old) {
			t.Fatalf("%s: no %q to replace (%v)", name, old, err)
		}
		writeFile(t, dir, name, strings.Replace(string(data), old, new, 1))
	}
	const (
		flyer = "articles/strike/flyer.pdf"
		gate  = "articles/strike/gate.jpg"
		g480  = "articles/strike/gate-480w.jpg"
		g960  = "articles/strike/gate-960w.jpg"
		g1600 = "articles/strike/gate-1600w.jpg"
	)

	build(true)
	published("first build", flyer, gate, g480, g960, g1600)

	// A picture added, which two of the texts show.
	writeFile(t, dir, "content/articles/strike/crowd.jpg", string(photo(t, 1200, 800)))
	edit("content/articles/strike/en.md", "Read [the flyer]", "![The crowd](crowd.jpg)\n\nRead [the flyer]")
	edit("content/articles/strike/fr.md", "Lisez [le tract]", "![La foule](crowd.jpg)\n\nLisez [le tract]")
	build(false)
	crowd := []string{"articles/strike/crowd.jpg", "articles/strike/crowd-480w.jpg", "articles/strike/crowd-960w.jpg"}
	published("a picture added", append([]string{flyer, gate, g480, g960, g1600}, crowd...)...)
	points("a picture added", "en/articles/strike/index.html", crowd...)
	points("a picture added", "fr/articles/strike/index.html", crowd...)

	// A picture changed: narrower, it has one copy fewer; the PDFs that
	// print it print the new one.
	writeFile(t, dir, "content/articles/strike/gate.jpg", string(photo(t, 1000, 700)))
	build(true)
	published("a picture changed", append([]string{flyer, gate, g480, g960}, crowd...)...)
	points("a picture changed", "es/articles/strike/index.html", gate, g480, g960)

	// A picture removed, with what showed it.
	remove("content/articles/strike/crowd.jpg")
	edit("content/articles/strike/en.md", "![The crowd](crowd.jpg)\n\n", "")
	edit("content/articles/strike/fr.md", "![La foule](crowd.jpg)\n\n", "")
	build(false)
	published("a picture removed", flyer, gate, g480, g960)

	// A language of the item removed: its files stay, for the others.
	remove("content/articles/strike/es.md")
	build(false)
	published("a language removed", flyer, gate, g480, g960)
	if _, err := os.Stat(filepath.Join(dist, "es/articles/strike")); err == nil {
		t.Error("the page of the language removed is still there")
	}
	points("a language removed", "es/leaflets/support/index.html", flyer, g960)

	// The item removed, and the links to it: its files go.
	remove("content/articles/strike")
	writeFile(t, dir, "content/leaflets/support/es.md", "---\ntitle: Apoyo\n---\nVea el folleto.\n")
	build(false)
	published("the item removed")
	if _, err := os.Stat(filepath.Join(dist, "articles")); err == nil {
		t.Error("the folder of the removed item's files is still there")
	}
}

// A file beside the texts is published whether a text links it or not,
// at an address anyone may come across: a list of members or a draft
// left in an item's folder by mistake is public. Each file no text
// links to or shows is a warning at the file, with its address. A
// file another item's text links, or one text of several, is linked, and
// so is one whose name has spaces, written %20 or in <…>, or linked at a
// fragment.
func TestAFileNoTextLinksIsAWarningWithItsAddress(t *testing.T) {
	site := withFiles + `-- content/articles/strike/members.csv --
name,phone
-- content/articles/strike/poster.pdf --
%PDF-1.4 a poster only the rally's text links
-- content/leaflets/support/draft.txt --
not yet
-- content/leaflets/rally/Meeting Notes.pdf --
%PDF-1.4 notes whose name has spaces, linked with %20, at a page
-- content/leaflets/rally/Flyer 2.pdf --
%PDF-1.4 a flyer linked with its name in angle brackets
-- content/leaflets/rally/en.md --
---
title: Rally
date: 2026-11-02
---
Print [the poster](../../articles/strike/poster.pdf). Read [the notes](Meeting%20Notes.pdf#page=2)
and [the flyer](<Flyer 2.pdf>).
`
	dir := writeSite(t, withDigests(t, site))
	if err := os.WriteFile(filepath.Join(dir, "content/articles/strike/gate.jpg"), photo(t, 300, 200), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "no text links to it") {
			got = append(got, d.String())
		}
	}
	want := []string{
		"content/articles/strike/members.csv: warning: no text links to it or shows it, yet it is published at https://x.org/articles/strike/members.csv for anyone to find: link it from a text, or move it out of content/ if it is not for the public",
		"content/leaflets/support/draft.txt: warning: no text links to it or shows it, yet it is published at https://x.org/leaflets/support/draft.txt for anyone to find: link it from a text, or move it out of content/ if it is not for the public",
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings about files no text links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// tract serve says it too, after each edit: of a file put beside a text,
// of one whose last link was taken out, and not of one a text now
// links, from its own item or another.
func TestAnEditSaysWhichFilesNoTextLinks(t *testing.T) {
	dir := writeSite(t, strikeSite+`-- content/leaflets/rent/en.md --
---
title: Rent
---
No to the rise.
`)
	p := preview(t, loadRoot(t, dir), false)
	const warning = "content/leaflets/strike/poster.pdf: warning: no text links to it or shows it, yet it is published at https://x.org/leaflets/strike/poster.pdf for anyone to find: link it from a text, or move it out of content/ if it is not for the public"
	for _, step := range []struct {
		file, text string
		warned     bool
	}{
		{"content/leaflets/strike/poster.pdf", "%PDF-1.4 a poster", true},
		{"content/leaflets/rent/en.md", "---\ntitle: Rent\n---\nNo to the rise. [The poster](../strike/poster.pdf).\n", false},
		{"content/leaflets/strike/en.md", "---\ntitle: Strike\n---\n## Who we are\n\n## What we ask\n\n[Our poster](poster.pdf)\n", false},
		{"content/leaflets/rent/en.md", "---\ntitle: Rent\n---\nNo to the rise.\n", false},
		{"content/leaflets/strike/en.md", "---\ntitle: Strike\n---\n## Who we are\n\n## What we ask\n", true},
	} {
		var diags []diag.Diagnostic
		p, diags = save(t, p, dir, step.file, step.text)
		warned := false
		for _, d := range diags {
			if d.String() == warning {
				warned = true
			}
		}
		if warned != step.warned {
			t.Errorf("%s saved: warned %v, want %v: %v", step.file, warned, step.warned, diags)
		}
	}
}
