package content_test

import (
	"strings"
	"testing"

	"github.com/tractpub/tract/bench/corpus"
	"github.com/tractpub/tract/internal/content"
)

// BenchmarkParagraphsOf finds the paragraphs worth translating in every
// text of a generated site of 300 items, as the loader does for each
// text it reads (for the check of paragraphs left untranslated).
func BenchmarkParagraphsOf(b *testing.B) {
	var texts [][]byte
	for name, data := range corpus.Generate(corpus.Options{Items: 300, Seed: 1}).Files() {
		if strings.HasSuffix(name, ".md") {
			texts = append(texts, data)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			content.ParagraphsOf(t)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts))/1e3, "µs/text")
}
