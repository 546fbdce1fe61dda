package search

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tractpub/tract/bench/corpus"
)

var texts = map[string]string{
	"fr": "Le Cœur du quartier : « Février » ! L'ÉTÉ, l'été, ﬁn 12 000 personnes, cœur, COEUR… Ça va ?",
	"es": "¿Dónde está la Asamblea? ¡Mañana, mañana! Niño y NIÑO; acción-reacción 3,5 %",
	"en": "Rent strike: the tenants' union met at 7pm. Rent, RENT, rent! e-mail x",
	"tr": "İstanbul ISPARTA ılık Kadıköy ŞİŞLİ",
}

func TestDistinctWordsAreTheFoldedWordsOnce(t *testing.T) {
	for lang, s := range texts {
		got := strings.Fields(string(AppendDistinct(nil, lang, s)))
		var want []string
		for _, w := range Terms(lang, s) {
			if !slices.Contains(want, w) {
				want = append(want, w)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: AppendDistinct gives %q, want %q", lang, got, want)
		}
		if len(want) < 5 {
			t.Errorf("%s: only %d words: the text is not much of a test", lang, len(want))
		}
	}
}

func TestFoldedWordsFoldToThemselves(t *testing.T) {
	for lang, s := range texts {
		once := string(AppendDistinct(nil, lang, s))
		if twice := string(AppendDistinct(nil, lang, once)); twice != once {
			t.Errorf("%s: folded again, %q became %q", lang, once, twice)
		}
	}
}

func TestDistinctWordsAppendAndShareNoState(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for lang, s := range texts {
				want := string(AppendDistinct(nil, lang, s))
				prefix := fmt.Sprintf("text%d: ", i)
				got := string(AppendDistinct([]byte(prefix), lang, s))
				if got != prefix+want {
					t.Errorf("%s: %q after %q, want %q", lang, got, prefix, want)
				}
			}
		})
	}
	wg.Wait()
}

// BenchmarkAppendDistinct folds the French texts of a generated site of
// 300 items, as the build does for the search index when it parses them.
func BenchmarkAppendDistinct(b *testing.B) {
	var texts []string
	for name, data := range corpus.Generate(corpus.Options{Items: 300, Seed: 1}).Files() {
		if strings.HasSuffix(name, "/fr.md") {
			texts = append(texts, string(data))
		}
	}
	var dst []byte
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			dst = AppendDistinct(dst[:0], "fr", s)
		}
	}
}
