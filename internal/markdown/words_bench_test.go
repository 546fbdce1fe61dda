package markdown

import (
	"testing"

	"github.com/tractpub/tract/bench/corpus"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
)

// corpusDocs parses every text of a generated site of items items.
func corpusDocs(tb testing.TB, items int, seed uint64) []*Doc {
	tb.Helper()
	var diags diag.List
	site := content.Load(corpus.Generate(corpus.Options{Items: items, Seed: seed}).Files().FS(), &diags)
	if site == nil {
		tb.Fatal(diags.Err())
	}
	p := NewParser(site, nil)
	var docs []*Doc
	for _, it := range site.Items {
		for _, l := range it.Langs(site.Config.Languages) {
			docs = append(docs, p.Parse(it.Variants[l], &diags))
		}
	}
	return docs
}

// BenchmarkSearchWords works out the search words of every text of a
// generated site of 300 items (plain text, each word once, folded), as
// Compact does for each text a build parses.
func BenchmarkSearchWords(b *testing.B) {
	docs := corpusDocs(b, 300, 1)
	var dst []byte
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			dst = appendSearchWords(dst[:0], d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/text")
}

// BenchmarkSummary makes the summary of every text of a generated site
// of 300 items, as Compact does for each text a build parses.
func BenchmarkSummary(b *testing.B) {
	docs := corpusDocs(b, 300, 1)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			_ = d.Summary(SummaryMax)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/text")
}
