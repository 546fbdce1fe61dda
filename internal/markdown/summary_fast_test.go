package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// The summary's helpers once converted a whole paragraph to runes and
// split it into words to shorten it; these are those versions, kept to
// check that the quicker ones give the same results.

func collapseSpaceByFields(s string) string {
	return strings.Join(strings.FieldsFunc(s, isLayoutSpace), " ")
}

func firstSentencesOfAllRunes(s string, max int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	end := 0
	runes := []rune(s)
	for i := 0; i < len(runes) && i <= max; i++ {
		switch runes[i] {
		case '.', '!', '?', '…':
			j := i + 1
			for j < len(runes) && strings.ContainsRune("»”’)\"", runes[j]) {
				j++
			}
			if j == len(runes) || runes[j] == ' ' {
				if j <= max {
					end = j
				}
			}
		}
	}
	if end > 0 {
		return strings.TrimSpace(string(runes[:end]))
	}
	cut := max
	for cut > max/2 && runes[cut] != ' ' {
		cut--
	}
	if runes[cut] != ' ' {
		cut = max
	}
	return strings.TrimRight(string(runes[:cut]), " ,;:") + "…"
}

// sentencey makes text of words, spaces and sentence ends, quotes and
// accented letters, the things firstSentences looks at.
func sentencey(r *rand.Rand) string {
	pieces := []string{"a", "word", "élan", "año", "«", "»", "”", "’", ")", "\"", ".", "!", "?", "…", " ", " ", " ", "\n", "\t", ",", ";", ":", "\u00a0"}
	var b strings.Builder
	for n := r.IntN(120); n > 0; n-- {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func TestSummaryHelpersGiveWhatTheSlowerOnesGave(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		s := sentencey(r)
		if got, want := collapseSpace(s), collapseSpaceByFields(s); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
		max := 1 + r.IntN(60)
		if got, want := firstSentences(s, max), firstSentencesOfAllRunes(s, max); got != want {
			t.Fatalf("firstSentences(%q, %d) = %q, want %q", s, max, got, want)
		}
	}
}
