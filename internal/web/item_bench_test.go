package web

import (
	"io"
	"strings"
	"testing"

	"github.com/tractpub/tract/bench/corpus"
)

// BenchmarkItemPages renders the page of every variant of a generated
// site of 300 items: the pages a build renders most, a quarter of its
// time at 3,000 items. µs/page is what to watch.
func BenchmarkItemPages(b *testing.B) {
	c := corpus.Generate(corpus.Options{Items: 300, Seed: 1})
	r, _ := corpusRenderer(b, c, true)
	var pages []File
	for _, f := range r.Files() {
		if f.Variant != nil && strings.HasSuffix(f.Path, ".html") {
			pages = append(pages, f)
		}
	}
	if len(pages) < 300 {
		b.Fatalf("%d item pages, want one a variant", len(pages))
	}
	renderEach(b, pages)
}

// renderEach renders pages again and again, reporting the time a page.
func renderEach(b *testing.B, pages []File) {
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range pages {
			if err := f.Render(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages))/1e3, "µs/page")
	b.ReportMetric(float64(len(pages)), "pages")
}
