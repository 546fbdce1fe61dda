package web

import (
	"io/fs"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tractpub/tract"
	"github.com/tractpub/tract/bench/corpus"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/locale"
	"github.com/tractpub/tract/internal/markdown"
)

// benchItems is the size of the generated site the search benchmarks index:
// big enough that the words repeat as they do on a real site, small enough
// to parse in a second or two.
const benchItems = 600

// benchRenderer loads a generated trilingual site of n items, as the build
// does up to rendering, without templates: the search index needs none.
func benchRenderer(b testing.TB, n int) *Renderer {
	b.Helper()
	r, _ := generatedRenderer(b, n)
	return r
}

// generatedRenderer is benchRenderer, with the files of the site.
func generatedRenderer(b testing.TB, n int) (*Renderer, fstest.MapFS) {
	b.Helper()
	return corpusRenderer(b, corpus.Generate(corpus.Options{Items: n, Seed: 1}), false)
}

// corpusRenderer loads the site c writes, with tract's templates if
// withTemplates is true.
func corpusRenderer(b testing.TB, c *corpus.Corpus, withTemplates bool) (*Renderer, fstest.MapFS) {
	b.Helper()
	files := c.Files().FS()
	// The site's UI messages are tract's defaults, as the build overlays them.
	locales, err := fs.Glob(tract.Defaults, locale.Dir+"/*.toml")
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range locales {
		data, err := fs.ReadFile(tract.Defaults, name)
		if err != nil {
			b.Fatal(err)
		}
		files[name] = &fstest.MapFile{Data: data}
	}
	var diags diag.List
	cs := content.Load(files, &diags)
	if cs == nil {
		b.Fatal(diags.Err())
	}
	cat := locale.Load(files, nil, cs.Config.Languages, cs.Config.DefaultLanguage, &diags)
	if cat == nil {
		b.Fatal(diags.Err())
	}
	var tmpl *Templates
	if withTemplates {
		if tmpl = LoadTemplates(tract.Defaults, cat, &diags); tmpl == nil {
			b.Fatal(diags.Err())
		}
		tmpl.FoldMessages(cat) // as the build does
	}
	p := markdown.NewParser(cs, nil)
	docs := map[*content.Variant]*markdown.Doc{}
	for _, it := range cs.Items {
		for _, l := range it.Langs(cs.Config.Languages) {
			v := it.Variants[l]
			docs[v] = p.Parse(v, &diags)
			docs[v].Compact() // as a build has them when it writes the pages
		}
	}
	return NewRenderer(cs, cat, tmpl, markdown.DocsOf(docs), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), nil), files
}

// BenchmarkSearchIndex writes the French index (the language with the most
// accented words) of a generated site.
func BenchmarkSearchIndex(b *testing.B) {
	r := benchRenderer(b, benchItems)
	b.ReportAllocs()
	for b.Loop() {
		r.searchIndex("fr")
	}
}
