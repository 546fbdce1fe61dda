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
		want := distinctTerms(lang, s)
		if !slices.Equal(got, want) {
			t.Errorf("%s: AppendDistinct gives %q, want %q", lang, got, want)
		}
		if len(want) < 5 {
			t.Errorf("%s: only %d words: the text is not much of a test", lang, len(want))
		}
	}
}

// distinctTerms is Terms with each word once, in the order first found:
// what AppendDistinct gives, worked out the slow way.
func distinctTerms(lang, s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range Terms(lang, s) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

func TestDistinctWordsOfLongTexts(t *testing.T) {
	// Enough distinct words to grow a set's table several times, and
	// past the size a set keeps between texts; each word comes back
	// (in upper case, folding to the same word) and some share a piece.
	var b strings.Builder
	for i := range 3 * spanSetMax {
		fmt.Fprintf(&b, "mot%d Été%d MOT%d\tmot%d,été%d\n", i, i%977, i, i/2, i%977)
	}
	long := b.String()
	for _, s := range []string{long, texts["fr"], long[:5000], texts["fr"]} {
		got := strings.Fields(string(AppendDistinct(nil, "fr", s)))
		if want := distinctTerms("fr", s); !slices.Equal(got, want) {
			t.Fatalf("a text of %d bytes: AppendDistinct gives %d words, want %d", len(s), len(got), len(want))
		}
	}
}

// FuzzAppendDistinct checks AppendDistinct against Terms for any text:
// the same words, each once, in the same order, after what dst held.
func FuzzAppendDistinct(f *testing.F) {
	for lang, s := range texts {
		f.Add(lang, s)
	}
	f.Add("fr", "a a A\v\fb\u00a0b ab AB\u2028ab ﬁn FIN fin\r\nœuvre OEUVRE")
	f.Fuzz(func(t *testing.T, lang, s string) {
		if len(lang) > 8 {
			lang = lang[:8]
		}
		got := AppendDistinct([]byte("x"), lang, s)
		want := append([]byte("x"), strings.Join(distinctTerms(lang, s), " ")...)
		if string(got) != string(want) {
			t.Fatalf("AppendDistinct(%q, %q) = %q, want %q", lang, s, got, want)
		}
	})
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
