package web_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tractpub/tract/bench/corpus"
	"github.com/tractpub/tract/internal/build"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
	"github.com/tractpub/tract/internal/web"
)

var now = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// renderAll renders every file of s, by path.
func renderAll(t *testing.T, s *build.Site) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, f := range s.Renderer.Files() {
		var buf bytes.Buffer
		if err := f.Render(&buf); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		out[f.Path] = buf.Bytes()
	}
	return out
}

// The menu and footer made once for many pages are exactly what each page
// would have had made for itself, on a generated site with several pages
// in the "pages" section, whose footer links point into their own folder
// ("./") from one page and to a sibling ("../about/") from the next.
func TestSharedPartsAreWhatEachPageWouldMake(t *testing.T) {
	fsys := corpus.Generate(corpus.Options{Items: 120, Seed: 3}).Files().FS()
	var diags diag.List
	s := build.Load(context.Background(), fsys, now, 0, &diags)
	if s == nil || diags.HasErrors() {
		t.Fatalf("load: %v", diags.Err())
	}
	shared := renderAll(t, s)
	made := web.SharedPartsMade(s.Renderer)
	web.NoSharedParts(s.Renderer)
	alone := renderAll(t, s)
	pages := 0
	for path, want := range alone {
		if strings.HasSuffix(path, ".html") {
			pages++
		}
		if got := shared[path]; !bytes.Equal(got, want) {
			t.Errorf("%s differs when its shared parts are reused:\n%s", path, firstDifference(got, want))
		}
	}
	// Three parts a page (the head's, the menu, the footer): reuse must
	// have made far fewer than three per page.
	if made == 0 || made > 3*pages/8 {
		t.Errorf("%d shared parts made for %d pages: they are not being reused", made, pages)
	}
	ownFolder := 0
	for path, html := range shared {
		if strings.Contains(path, "/pages/") && bytes.Contains(html, []byte(`<li><a href="./">`)) {
			ownFolder++
		}
	}
	if ownFolder == 0 {
		t.Error(`no page of the "pages" section links itself from its footer: the test no longer covers parts that cannot be shared`)
	}
}

func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-80, 0)
	return "got:  …" + string(got[from:min(i+80, len(got))]) + "\nwant: …" + string(want[from:min(i+80, len(want))])
}

// A shared part sees only what every page it serves has alike: one that
// reaches for the page's title fails, naming what it may use, instead of
// showing one page's title on all the others.
func TestSharedPartCannotReachThePage(t *testing.T) {
	fsys := testsite.FS(`
-- content/leaflets/rent/en.md --
---
title: Rent strike
date: 2026-01-05
---
Text.
-- templates/layout.html --
{{define "base"}}<!doctype html><html lang="{{.Lang}}"><title>{{.Title}}</title>{{T "Search"}}{{T "FeedTitle" "Site" ""}}{{T "SkipToContent"}}{{T "MainMenu"}}{{T "FooterMenu"}}{{T "Tags"}}{{T "Feed"}}{{T "Languages"}}{{T "Pagination"}}{{T "PreviousPage"}}{{T "NextPage"}}{{T "PageOf" "Page" 1 "Pages" 1}}{{T "BulletinNumber" "Number" 1}}
{{shared "sitenav" .}}{{block "main" .}}{{end}}{{end}}
{{define "sitenav"}}<nav>{{.Title}}</nav>{{end}}
{{define "switcher"}}{{end}}
{{define "card"}}{{end}}
{{define "pagination"}}{{end}}
`)
	var diags diag.List
	s := build.Load(context.Background(), fsys, now, 0, &diags)
	if s == nil || diags.HasErrors() {
		t.Fatalf("load: %v", diags.Err())
	}
	for _, f := range s.Renderer.Files() {
		if f.Path != "en/leaflets/rent/index.html" {
			continue
		}
		err := f.Render(&bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), `shared "sitenav"`) || !strings.Contains(err.Error(), "Title") {
			t.Fatalf("render with a shared part that reads .Title: %v", err)
		}
		return
	}
	t.Fatal("no page en/leaflets/rent/index.html")
}
