package web_test

import (
	"bytes"
	"context"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tractpub/tract/bench/corpus"
	"github.com/tractpub/tract/internal/build"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
	"github.com/tractpub/tract/internal/web"
)

// filesSites are the renderers FileAt is checked on: the sample site, and
// a generated one with many tags and long lists, in both fallbacks (with
// "hide", a tag or a list may have pages in one language and not
// another), and a small one with the cases a path may confuse.
func filesSites(t testing.TB) map[string]*web.Renderer {
	t.Helper()
	sites := map[string]*web.Renderer{}
	var diags diag.List
	sample := build.Load(context.Background(), os.DirFS("../.."), now, 0, &diags)
	if sample == nil || diags.HasErrors() {
		t.Fatalf("the sample site: %v", diags.Err())
	}
	sites["sample"] = sample.Renderer
	for _, fallback := range []string{"original", "hide"} {
		files := corpus.Generate(corpus.Options{Items: 300, Seed: 3}).Files().FS()
		conf := string(files["tract.toml"].Data)
		files["tract.toml"].Data = []byte(strings.Replace(conf, `fallback = "original"`, `fallback = "`+fallback+`"`, 1))
		var diags diag.List
		s := build.Load(context.Background(), files, now, 0, &diags)
		if s == nil || diags.HasErrors() {
			t.Fatalf("the generated site, fallback %s: %v", fallback, diags.Err())
		}
		sites["generated, fallback "+fallback] = s.Renderer
	}
	sites["small"] = smallSite(t)
	return sites
}

// smallSite is a site of a few items with the cases a path may confuse.
func smallSite(t testing.TB) *web.Renderer {
	t.Helper()
	// A tag and a list with pages in English alone, an event, an item
	// whose slug is a list's word for its pages, one whose slug is a
	// number, and a tag that is another's key written otherwise.
	archive := `
-- tract.toml --
fallback = "hide"
` + testsite.DefaultConfig + `
-- content/leaflets/page/en.md --
---
title: A leaflet called page
tags: [English only, Rent]
---
Text.
-- content/leaflets/rent/fr.md --
---
title: Loyers
tags: [rent]
---
Texte.
-- content/bulletins/2024/en.md --
---
title: The 2024 bulletin
number: 3
---
A bulletin whose slug is a number, as a list's later pages are.
-- content/events/meeting/es.md --
---
title: Reunión
starts: 2026-12-01T18:00
---
Texto.
`
	var diags diag.List
	s := build.Load(context.Background(), testsite.FS(archive), now, 0, &diags)
	if s == nil || diags.HasErrors() {
		t.Fatalf("the small site: %v", diags.Err())
	}
	return s.Renderer
}

// TestFileAtFindsWhatFilesLists checks FileAt against Files: every file
// listed is found at its path, the same file, and the paths near those
// (the next page of a list, a page 1 written out, another language, a
// slug or tag with a letter more) are found exactly when Files lists them.
func TestFileAtFindsWhatFilesLists(t *testing.T) {
	for name, r := range filesSites(t) {
		t.Run(name, func(t *testing.T) {
			files := r.Files()
			listed := map[string]bool{}
			for _, f := range files {
				if listed[f.Path] {
					t.Fatalf("Files lists %s twice", f.Path)
				}
				listed[f.Path] = true
			}
			for i, f := range files {
				g, ok := r.FileAt(f.Path)
				if !ok {
					t.Fatalf("FileAt(%q) finds nothing", f.Path)
				}
				if g.Path != f.Path || g.Variant != f.Variant || g.ShowsLang != f.ShowsLang || !slices.Equal(g.Shows, f.Shows) {
					t.Fatalf("FileAt(%q) = %s (variant %v, shows %d items in %q), Files has %s (variant %v, shows %d in %q)",
						f.Path, g.Path, g.Variant, len(g.Shows), g.ShowsLang, f.Path, f.Variant, len(f.Shows), f.ShowsLang)
				}
				// Every page of the sample site, and one in five of the
				// generated one's, made both ways.
				if name == "sample" || i%5 == 0 {
					var want, got bytes.Buffer
					if err := f.Render(&want); err != nil {
						t.Fatalf("%s: %v", f.Path, err)
					}
					if err := g.Render(&got); err != nil {
						t.Fatalf("FileAt(%q): %v", f.Path, err)
					}
					if !bytes.Equal(want.Bytes(), got.Bytes()) {
						t.Fatalf("FileAt(%q) makes other bytes than Files' file", f.Path)
					}
				}
			}
			tried := 0
			for _, f := range files {
				for _, p := range nearPaths(f.Path) {
					tried++
					if g, ok := r.FileAt(p); ok != listed[p] || ok && g.Path != p {
						t.Errorf("FileAt(%q) = %q, %v; Files lists it: %v", p, g.Path, ok, listed[p])
					}
				}
			}
			if tried < 10*len(files) {
				t.Fatalf("only %d paths near the %d files tried", tried, len(files))
			}
		})
	}
}

var pageNumber = regexp.MustCompile(`page/(\d+)/`)

// nearPaths are paths like p that a site may or may not have.
func nearPaths(p string) []string {
	near := []string{
		p + "x", "x" + p, strings.ToUpper(p), "/" + p, p + "/",
		strings.TrimSuffix(p, "index.html"),
		strings.Replace(p, "index.html", "page/2/index.html", 1),
		strings.Replace(p, "index.html", "page/1/index.html", 1),
		strings.Replace(p, "index.html", "page/02/index.html", 1),
		strings.Replace(p, "index.html", "page/-2/index.html", 1),
		strings.Replace(p, "/index.html", "x/index.html", 1),
		strings.Replace(p, "/index.html", ".ics", 1),
	}
	if dir, ok := strings.CutSuffix(p, "/index.html"); ok {
		near = append(near, dir+"/"+path.Base(dir)+".ics") // an event's calendar file
	}
	if lang, rest, ok := strings.Cut(p, "/"); ok {
		for _, other := range []string{"en", "fr", "es", "de", "", "assets", "leaflets", "tags"} {
			if other != lang {
				near = append(near, other+"/"+rest)
			}
		}
	}
	if m := pageNumber.FindStringSubmatchIndex(p); m != nil {
		n, _ := strconv.Atoi(p[m[2]:m[3]])
		for _, k := range []int{n - 1, n + 1, n + 1000} {
			near = append(near, p[:m[2]]+strconv.Itoa(k)+p[m[3]:])
		}
	}
	return near
}

// FuzzFileAt checks that FileAt finds a file at any path exactly when
// Files lists one there, and never panics, on the sample site and the
// small one.
func FuzzFileAt(f *testing.F) {
	var diags diag.List
	s := build.Load(context.Background(), os.DirFS("../.."), now, 0, &diags)
	if s == nil || diags.HasErrors() {
		f.Fatalf("the sample site: %v", diags.Err())
	}
	renderers := []*web.Renderer{s.Renderer, smallSite(f)}
	listed := make([]map[string]bool, len(renderers))
	for i, r := range renderers {
		listed[i] = map[string]bool{}
		for _, file := range r.Files() {
			listed[i][file.Path] = true
			f.Add(file.Path)
		}
	}
	f.Fuzz(func(t *testing.T, p string) {
		for i, r := range renderers {
			if g, ok := r.FileAt(p); ok != listed[i][p] || ok && g.Path != p {
				t.Errorf("FileAt(%q) = %q, %v; Files lists it: %v", p, g.Path, ok, listed[i][p])
			}
		}
	})
}
