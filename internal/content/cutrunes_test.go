package content

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// CutRunes cuts as a copy of the text as runes did, on texts of every
// kind of character, with bytes that are not UTF-8 and U+FFFD among them.
func TestCutRunesCutsAsACopyAsRunesDid(t *testing.T) {
	byRunes := func(s string, max int) string {
		if r := []rune(s); len(r) > max {
			return string(r[:max]) + "…"
		}
		return s
	}
	pieces := []string{"a", "mot", "élan", "日本", "😀", " ", "\n", "…", "\ufffd", "\xff", "\xe2\x80", "\xc3"}
	r := rand.New(rand.NewPCG(7, 8))
	for range 50000 {
		var b strings.Builder
		for k := r.IntN(40); k > 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s, n := b.String(), r.IntN(30)
		if got, want := CutRunes(s, n), byRunes(s, n); got != want {
			t.Fatalf("CutRunes(%q, %d) = %q, want %q", s, n, got, want)
		}
	}
}
