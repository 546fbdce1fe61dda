package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tractpub/tract"
	"github.com/tractpub/tract/bench/corpus"
	"github.com/tractpub/tract/internal/build"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/locale"
	"github.com/tractpub/tract/internal/markdown"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// now is the build's "now": fixed, so every run renders the same pages.
var now = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

var (
	corpusOnce  sync.Once
	corpusFiles corpus.Files
	corpusStats corpus.Stats
)

// site returns the benchmark corpus: TRACT_BENCH_ITEMS items (300 by
// default), generated once per test binary.
func site(b *testing.B) (fstest.MapFS, corpus.Stats) {
	b.Helper()
	n := 300
	if s := os.Getenv("TRACT_BENCH_ITEMS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			b.Fatalf("TRACT_BENCH_ITEMS=%q is not a number of items", s)
		}
	}
	corpusOnce.Do(func() {
		c := corpus.Generate(corpus.Options{Items: n, Seed: 1})
		corpusFiles, corpusStats = c.Files(), c.Stats()
	})
	return corpusFiles.FS(), corpusStats
}

// failOnErrors stops the benchmark if the corpus did not load cleanly:
// timing a build that fails measures nothing useful.
func failOnErrors(b *testing.B, diags *diag.List) {
	b.Helper()
	if diags.HasErrors() {
		for _, d := range diags.Sorted() {
			if d.Severity == diag.Error {
				b.Error(d)
			}
		}
		b.FailNow()
	}
}

func perVariant(b *testing.B, s corpus.Stats) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*s.Variants), "ns/variant")
}

// BenchmarkContentLoad reads tract.toml and every variant: front matter,
// digests, matching translations.
func BenchmarkContentLoad(b *testing.B) {
	fsys, stats := site(b)
	b.ResetTimer()
	for b.Loop() {
		var diags diag.List
		if content.Load(fsys, &diags) == nil {
			b.Fatal(diags.Err())
		}
	}
	perVariant(b, stats)
}

// BenchmarkParse is content.Load followed by the Markdown parse of every
// variant, on one core: the parse cost per variant.
func BenchmarkParse(b *testing.B) {
	fsys, stats := site(b)
	var diags diag.List
	cat := locale.Load(tract.Defaults, nil, []string{"en", "fr", "es"}, "en", &diags) // as a build's parser has it
	if cat == nil {
		b.Fatal(diags.Err())
	}
	b.ResetTimer()
	for b.Loop() {
		var diags diag.List
		cs := content.Load(fsys, &diags)
		if cs == nil {
			b.Fatal(diags.Err())
		}
		p := markdown.NewParser(cs, cat)
		for _, it := range cs.Items {
			for _, l := range it.Langs(cs.Config.Languages) {
				p.Parse(it.Variants[l], &diags)
			}
		}
		failOnErrors(b, &diags)
	}
	perVariant(b, stats)
}

// BenchmarkLoad is build.Load: content, locales, templates and the
// parallel parse, on every core; what a build does before rendering.
func BenchmarkLoad(b *testing.B) {
	fsys, stats := site(b)
	b.ResetTimer()
	for b.Loop() {
		var diags diag.List
		if build.Load(context.Background(), fsys, now, 0, &diags) == nil {
			b.Fatal(diags.Err())
		}
		failOnErrors(b, &diags)
	}
	perVariant(b, stats)
}

// loaded is the site of fsys loaded and parsed, as a build has it before
// rendering.
func loaded(b *testing.B, fsys fstest.MapFS) *build.Site {
	b.Helper()
	var diags diag.List
	s := build.Load(context.Background(), fsys, now, 0, &diags)
	if s == nil {
		b.Fatal(diags.Err())
	}
	failOnErrors(b, &diags)
	return s
}

// BenchmarkRenderHTML renders every file of the site (pages, lists, tag
// pages, feeds, calendars, sitemap) to io.Discard on one core.
func BenchmarkRenderHTML(b *testing.B) {
	fsys, _ := site(b)
	s := loaded(b, fsys)
	files := 0
	b.ResetTimer()
	for b.Loop() {
		fs := s.Renderer.Files()
		for _, f := range fs {
			if err := f.Render(io.Discard); err != nil {
				b.Fatalf("%s: %v", f.Path, err)
			}
		}
		files = len(fs)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*files), "ns/file")
}

// BenchmarkBuild is a whole tract build of the site (without PDFs) from a
// site directory to a new output directory, on every core: the figure
// make bench compares with Hugo, and the one to profile.
func BenchmarkBuild(b *testing.B) {
	site(b)
	dir := b.TempDir()
	if err := corpusFiles.Write(filepath.Join(dir, "site")); err != nil {
		b.Fatal(err)
	}
	files, i := 0, 0
	b.ResetTimer()
	for b.Loop() {
		i++
		out := filepath.Join(dir, "dist"+strconv.Itoa(i))
		res, err := build.Build(context.Background(), build.Options{SiteDir: filepath.Join(dir, "site"), OutDir: out, Now: now, NoPDF: true})
		if err != nil {
			b.Fatal(err)
		}
		files = res.Files
		b.StopTimer()
		if err := os.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*files), "ns/file")
}

// BenchmarkBuildAfterOneEdit is a tract build (without PDFs) into the
// output the last build made, with the cache, after one leaflet's text
// was edited: what an editor who runs tract build after a change waits
// for. Only the edited text is parsed again, and only the pages it
// reaches are rendered; the rest comes from the last build (see
// build.textCache and build.renderKeys). parsed/op is the texts parsed.
func BenchmarkBuildAfterOneEdit(b *testing.B) {
	site(b)
	dir := b.TempDir()
	siteDir, cache := filepath.Join(dir, "site"), filepath.Join(dir, "cache")
	if err := corpusFiles.Write(siteDir); err != nil {
		b.Fatal(err)
	}
	opts := build.Options{SiteDir: siteDir, Now: now, NoPDF: true, CacheDir: cache}
	if _, err := build.Build(context.Background(), opts); err != nil {
		b.Fatal(err)
	}
	var leaflet string
	for name := range corpusFiles {
		if filepath.Base(name) == "en.md" && filepath.Base(filepath.Dir(filepath.Dir(name))) == "leaflets" && (leaflet == "" || name < leaflet) {
			leaflet = name
		}
	}
	file := filepath.Join(siteDir, filepath.FromSlash(leaflet))
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	parsed, i := 0, 0
	b.ResetTimer()
	for b.Loop() {
		i++
		b.StopTimer()
		if err := os.WriteFile(file, fmt.Appendf(slices.Clip(orig), "\nEdit number %d.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := build.Build(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if res.UpToDate || res.Kept == 0 || res.TextsCached == 0 {
			b.Fatalf("the build after an edit kept %d pages and %d texts (up to date: %v)", res.Kept, res.TextsCached, res.UpToDate)
		}
		parsed += corpusStats.Variants - res.TextsCached
	}
	b.ReportMetric(float64(parsed)/float64(b.N), "parsed/op")
}

// served returns the benchmark corpus, loaded, and its preview, with
// PDFs, as tract serve starts with them.
func served(b *testing.B) (fstest.MapFS, *build.Site, *build.Preview) {
	b.Helper()
	fsys, _ := site(b)
	var diags diag.List
	s := build.LoadPreview(context.Background(), fsys, now, 0, &diags, nil)
	if s == nil {
		b.Fatal(diags.Err())
	}
	failOnErrors(b, &diags)
	maker, err := s.PreviewMaker()
	if err != nil {
		b.Fatal(err)
	}
	first, problems := build.NewPreview(s, maker, nil)
	if len(problems) > 0 {
		b.Fatal(problems)
	}
	return fsys, s, first
}

// BenchmarkServeEdit is what tract serve does when an editor saves one
// text (build.Preview.Edit): the edited item is read and parsed again,
// the in-memory site is updated, and the item's page is made, PDFs
// included, as the browser's reload asks for it. Every other page is
// made from the new state when asked for, so none is stale.
func BenchmarkServeEdit(b *testing.B) {
	fsys, s, first := served(b)
	// One item of each section, as its page and PDFs differ in cost: a
	// leaflet has one short PDF, a pamphlet twelve pages and a booklet,
	// a bulletin prints its articles.
	for _, section := range content.Sections {
		items := s.Content.Section(section)
		if len(items) == 0 {
			continue
		}
		b.Run(section, func(b *testing.B) { serveEdit(b, fsys, first, items[0]) })
	}
}

// serveEdit times what tract serve does when the original text of it is
// saved: edit the preview, make its page (and so its PDFs). The edit
// changes its body, so its translations fall out of date.
func serveEdit(b *testing.B, fsys fstest.MapFS, first *build.Preview, it *content.Item) {
	v := it.Variants[it.Original]
	name := v.Path
	orig := fsys[name].Data
	defer func() { fsys[name] = &fstest.MapFile{Data: orig} }()
	page := it.PagePath(v.Lang) + "index.html"
	i := 0
	for b.Loop() {
		i++
		showEdit(b, fsys, first, name, append(slices.Clip(orig), fmt.Sprintf("\nEdit number %d.\n", i)...), page, fmt.Sprintf("Edit number %d.", i))
	}
}

// showEdit saves data as the file name of the site of first, has the
// preview take the change on its fast path, and makes page, which must
// show marker.
func showEdit(b *testing.B, fsys fstest.MapFS, first *build.Preview, name string, data []byte, page, marker string) {
	fsys[name] = &fstest.MapFile{Data: data}
	var diags diag.List
	p, ok := first.Edit([]string{name}, &diags)
	if !ok {
		b.Fatalf("the edit took the slow path: %v", diags.Sorted())
	}
	got, err := p.File(page)
	if err != nil {
		b.Fatal(err)
	}
	if !bytes.Contains(got, []byte(marker)) {
		b.Fatalf("%s does not show %q", page, marker)
	}
}

// BenchmarkServeNewText times what tract serve does when an editor saves
// a new file: a translation of an existing leaflet (translation), or the
// first text of a new leaflet (item). Each adds files to the site, so
// the preview lists its pages again; the time runs until the new page is
// made.
func BenchmarkServeNewText(b *testing.B) {
	fsys, s, first := served(b)
	var it *content.Item
	var lang string
	for _, c := range s.Content.Section("leaflets") {
		for _, l := range s.Content.Config.Languages {
			if c.Variants[l] == nil && it == nil {
				it, lang = c, l
			}
		}
	}
	if it == nil {
		b.Fatal("every leaflet has every translation")
	}
	from := it.Variants[it.Original]
	translation := fmt.Sprintf("---\ntitle: \"New translation\"\ntranslated_from: %s@%s\n---\n\nA new translation.\n", it.Original, from.Digest[:12])
	newText(b, "translation", fsys, first, path.Join(path.Dir(from.Path), lang+".md"), it.PagePath(lang)+"index.html", translation)
	newText(b, "item", fsys, first, "content/leaflets/a-new-leaflet/en.md", "en/leaflets/a-new-leaflet/index.html", "---\ntitle: \"A new leaflet\"\n---\n\nA new text.\n")
}

// newText times adding the file name, with text, to the site of first
// and making the page it adds.
func newText(b *testing.B, what string, fsys fstest.MapFS, first *build.Preview, name, page, text string) {
	b.Run(what, func(b *testing.B) {
		defer delete(fsys, name)
		i := 0
		for b.Loop() {
			i++
			showEdit(b, fsys, first, name, fmt.Appendf(nil, "%sEdit number %d.\n", text, i), page, fmt.Sprintf("Edit number %d.", i))
		}
	})
}

// BenchmarkGoldmarkAlone converts every variant's Markdown to HTML with
// goldmark as Hugo configures it by default (GFM, footnotes, definition
// lists, typographer, heading IDs), on one core, with nothing else: no
// front matter, no templates, no files. It is the part of a build that
// any tool using goldmark must do, and so a lower bound on how much
// faster than Hugo a build can be (see bench/doc.go).
func BenchmarkGoldmarkAlone(b *testing.B) {
	fsys, stats := site(b)
	var bodies [][]byte
	for name, f := range fsys {
		if filepath.Ext(name) != ".md" {
			continue
		}
		// The body follows the second "---" line of the front matter.
		_, rest, _ := bytes.Cut(f.Data, []byte("---\n"))
		_, body, ok := bytes.Cut(rest, []byte("\n---\n"))
		if !ok {
			b.Fatalf("%s has no front matter", name)
		}
		bodies = append(bodies, body)
	}
	if len(bodies) != stats.Variants {
		b.Fatalf("%d Markdown files, %d variants", len(bodies), stats.Variants)
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
	)
	b.ResetTimer()
	for b.Loop() {
		for _, body := range bodies {
			if err := md.Convert(body, io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	}
	perVariant(b, stats)
}
