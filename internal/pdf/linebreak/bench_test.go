package linebreak

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// textItems turns real text into items the way the typeset package
// does, with a crude measure (every rune 5pt wide, spaces 2.5pt) and a
// hyphenation point in the middle of every word of 7 letters or more.
func textItems(text string) []Item {
	var items []Item
	for i, word := range strings.Fields(text) {
		if i > 0 {
			items = append(items, NewGlue(2.5, 1.25, 0.8))
		}
		n := utf8.RuneCountInString(word)
		if n >= 7 {
			items = append(items, NewBox(float64(n/2)*5),
				Item{Kind: Penalty, Width: 3, Penalty: 50, Flagged: true, Late: true},
				NewBox(float64(n-n/2)*5))
			continue
		}
		items = append(items, NewBox(float64(n)*5))
	}
	return items
}

func leaflet(b *testing.B) string {
	text, err := os.ReadFile("../hyphen/testdata/leaflet-en.txt")
	if err != nil {
		b.Fatal(err)
	}
	return string(text)
}

// BenchmarkBreak breaks a typical paragraph (~120 words, ~14 lines of
// ~9 words) in each mode.
func BenchmarkBreak(b *testing.B) {
	paras := strings.Split(leaflet(b), "\n\n")
	items := textItems(paras[1] + " " + paras[2])
	for _, mode := range []struct {
		name string
		mode Mode
	}{{"justified", Justified}, {"ragged", Ragged}, {"greedy", Greedy}} {
		b.Run(mode.name, func(b *testing.B) {
			p := Defaults(300)
			p.Mode = mode.mode
			b.ReportAllocs()
			for b.Loop() {
				Break(items, p)
			}
		})
	}
}

// BenchmarkHugeParagraph shows that time and memory grow linearly: the
// ns/item figure stays flat from 100 KB to 5 MB of text.
func BenchmarkHugeParagraph(b *testing.B) {
	text := leaflet(b)
	for _, size := range []int{100 << 10, 1 << 20, 5 << 20} {
		para := strings.Repeat(text, size/len(text)+1)[:size]
		items := textItems(para)
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			p := Defaults(300)
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			var lines []Line
			for b.Loop() {
				lines, _ = Break(items, p)
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(items)), "ns/item")
			b.ReportMetric(float64(len(lines)), "lines")
		})
	}
}
