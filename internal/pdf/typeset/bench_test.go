package typeset

import (
	"fmt"
	"strings"
	"testing"
)

// page returns the first 450 words of a leaflet, in its paragraphs: a
// one-page leaflet's worth of text.
func page(b *testing.B, lang string) []string {
	var out []string
	n := 450
	for _, para := range leaflet(b, lang) {
		words := strings.Fields(para)
		if len(words) > n {
			words = words[:n]
		}
		n -= len(words)
		out = append(out, strings.Join(words, " "))
		if n == 0 {
			break
		}
	}
	return out
}

// BenchmarkLeaflet typesets a one-page leaflet (450 words in a title and
// five paragraphs) justified in a 300pt column, from text to lines.
func BenchmarkLeaflet(b *testing.B) {
	e := testEnv(b)
	for _, lang := range []string{"en", "fr", "es"} {
		paras := page(b, lang)
		h := e.hyph(b, lang)
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, para := range paras {
					Prepare([]Run{{Text: para, Style: Style{Face: e.set.Serif, Size: 10}}}, h).
						Layout(Layout{Widths: []float64{300}})
				}
			}
		})
	}
}

// BenchmarkFitToPage is what fitting a leaflet on one page costs once the
// paragraphs are prepared: laying them out at each size from 12pt down to
// 8.5pt by half points.
func BenchmarkFitToPage(b *testing.B) {
	e := testEnv(b)
	for _, lang := range []string{"en", "fr", "es"} {
		var prepared []*Paragraph
		for _, para := range page(b, lang) {
			prepared = append(prepared, Prepare([]Run{{Text: para, Style: Style{Face: e.set.Serif, Size: 12}}}, e.hyph(b, lang)))
		}
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for size := 12.0; size >= 8.5; size -= 0.5 {
					for _, p := range prepared {
						p.Layout(Layout{Widths: []float64{300}, Scale: size / 12})
					}
				}
			}
		})
	}
}

// BenchmarkHugeParagraph typesets one paragraph of 1 MB (about 180,000
// words) and of 5 MB: time and memory grow linearly.
func BenchmarkHugeParagraph(b *testing.B) {
	e := testEnv(b)
	text := strings.Join(leaflet(b, "en"), " ")
	for _, size := range []int{1 << 20, 5 << 20} {
		para := strings.Repeat(text+" ", size/len(text)+1)[:size]
		b.Run(fmt.Sprintf("%dMB", size>>20), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Prepare([]Run{{Text: para, Style: Style{Face: e.set.Serif, Size: 10}}}, e.hyph(b, "en")).
					Layout(Layout{Widths: []float64{300}})
			}
		})
	}
}
