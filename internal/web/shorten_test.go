package web

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// shortenByRunes is shorten as it was, on a copy of the text as runes.
func shortenByRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := len(r)
	for cut > n/2 && !unicode.IsSpace(r[cut-1]) {
		cut--
	}
	return strings.TrimRightFunc(string(r[:cut]), func(c rune) bool { return unicode.IsSpace(c) || unicode.IsPunct(c) }) + "…"
}

func TestShortenCutsAsItDidByRunes(t *testing.T) {
	pieces := []string{"a", "mot", "élan", "año", "日本", "😀", " ", " ", "\u00a0", "\n", ",", ".", "…", "«", "»", "-"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		var b strings.Builder
		for k := r.IntN(40); k > 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s, n := b.String(), r.IntN(30)
		if got, want := shorten(s, n), shortenByRunes(s, n); got != want {
			t.Fatalf("shorten(%q, %d) = %q, want %q", s, n, got, want)
		}
	}
	if got, want := shorten("Une phrase assez longue pour être coupée.", 20), "Une phrase assez…"; got != want {
		t.Errorf("shorten = %q, want %q", got, want)
	}
}
