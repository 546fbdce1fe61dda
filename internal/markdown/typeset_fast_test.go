package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/tractpub/tract/internal/locale"
)

// typesetPair runs s through typeset (which passes text it cannot change
// on as it is) and through typesetRunes (which works rune by rune, for a
// language with spacing rules) from the same state, and reports any
// difference in the text or in the state left for the next piece of text.
func typesetPair(t *testing.T, lang, prevText string, prev rune, afterOpen bool, s string) {
	t.Helper()
	typo := locale.TypographyFor(lang)
	if a, b := changes(typo, prev, s), changes(typo, prev, []byte(s)); a != b {
		t.Fatalf("%s %q (prev %q): changes says %v of the string, %v of its bytes (setText's way)", lang, s, prev, a, b)
	}
	if !typo.FrenchSpacing && !typo.NumberSpacing {
		return // typeset passes every text on as it is
	}
	mk := func() *typesetter {
		ts := &typesetter{t: typo, prev: prev, afterOpen: afterOpen}
		if prevText != "" {
			ts.last = ast.NewString([]byte(prevText))
		}
		return ts
	}
	fast, slow := mk(), mk()
	a, b := fast.typeset(s), slow.typesetRunes(s)
	if a != b || fast.prev != slow.prev || fast.afterOpen != slow.afterOpen {
		t.Fatalf("%s %q after %q (prev %q, afterOpen %v): typeset gives %q (prev %q, afterOpen %v), rune by rune %q (prev %q, afterOpen %v)",
			lang, s, prevText, prev, afterOpen, a, fast.prev, fast.afterOpen, b, slow.prev, slow.afterOpen)
	}
	if fast.last != nil && string(fast.last.Value) != string(slow.last.Value) {
		t.Fatalf("%s %q: the previous text became %q, rune by rune %q", lang, s, fast.last.Value, slow.last.Value)
	}
}

func TestTypesetPassesOnOnlyWhatItCannotChange(t *testing.T) {
	texts := []string{"", "plain words", "12 000 people", "in 2024 we", "1 ", " 5 km", "a: b", "why?", "« quoted »", "«x»",
		"l'été", "vraiment !", "end.", "3\u00a0000", "٣ ٤", "\xff bad", "x ", " ", "page 12", "10 %"}
	tested := 0
	for _, lang := range []string{"en", "fr", "es", "de"} {
		if typo := locale.TypographyFor(lang); typo.FrenchSpacing || typo.NumberSpacing {
			tested++
		}
		for _, s := range texts {
			for _, prev := range []rune{0, 'a', '7', ' ', '«', '\n'} {
				for _, prevText := range []string{"", "before ", "n° 7 "} {
					typesetPair(t, lang, prevText, prev, false, s)
					typesetPair(t, lang, prevText, prev, true, s)
				}
			}
		}
	}
	if tested == 0 {
		t.Fatal("no language has spacing rules: nothing was compared")
	}
}

func FuzzTypesetFastPath(f *testing.F) {
	f.Add("fr", "12 000 et «ceci» : oui ?", "avant ", int32('7'), false)
	f.Add("en", "plain 2 words", "", int32(0), true)
	f.Add("fr", "h 30 et n° 2, nº 3", "à 18 ", int32(0x20), false)
	f.Fuzz(func(t *testing.T, lang, s, prevText string, prev int32, afterOpen bool) {
		typesetPair(t, lang, prevText, rune(prev), afterOpen, s)
		typo := locale.TypographyFor(lang)
		if got, want := straightQuotes(s, typo), quoteRunes(s, typo); got != want {
			t.Fatalf("%s: straightQuotes(%q) = %q, rune by rune %q", lang, s, got, want)
		}
	})
}

func TestStraightQuotesPassesOnTextWithoutQuotes(t *testing.T) {
	for _, lang := range []string{"en", "fr", "es"} {
		typo := locale.TypographyFor(lang)
		for _, s := range []string{"", "plain title", "l'été", `"Jamais"`, "it's", "« déjà »", "\xff bad", "no quote \xc3", "‘curly’ “already”", "'"} {
			if got, want := straightQuotes(s, typo), quoteRunes(s, typo); got != want {
				t.Errorf("%s: straightQuotes(%q) = %q, rune by rune %q", lang, s, got, want)
			}
		}
	}
}

func TestHighPunctuationIsFoundByteByByte(t *testing.T) {
	for _, s := range []string{"", "plain", "a:", ";", "why!", "?", "«", "»", "x « y", "\xc2", "\xc2\xab", "é à ç", "\xc2\xa0", "ÂŦ", "«»", "\xff:"} {
		if got, want := hasHighPunctuation(s), strings.ContainsAny(s, ":;!?«»"); got != want {
			t.Errorf("hasHighPunctuation(%q) = %v, strings.ContainsAny says %v", s, got, want)
		}
	}
}

// A text's characters read from its bytes, compared with them and
// written back are what string conversions gave: setText sets a text's
// source bytes without a string of them.
func TestRunesOfBytesAreWhatAStringOfThemGives(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", " ", "é", "«", "»", "\u202f", "\xff", "\xc3", "\xe2\x80", "\uFFFD", "东", "😀", ":", "\x00"}
	for range 20000 {
		var b []byte
		for range rng.IntN(8) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		runes := appendRunes(nil, b)
		if want := []rune(string(b)); string(runes) != string(want) {
			t.Fatalf("appendRunes(%q) = %q, want %q", b, string(runes), string(want))
		}
		if got, want := encodes(runes, b), string(runes) == string(b); got != want {
			t.Fatalf("encodes(%q) = %v, want %v", b, got, want)
		}
		if got := string(appendUTF8([]byte("x"), runes)); got != "x"+string(runes) {
			t.Fatalf("appendUTF8(%q) = %q", string(runes), got)
		}
		// A change anywhere is seen, a character missing at the end too.
		if len(runes) > 0 {
			if encodes(runes[:len(runes)-1], b) {
				t.Fatalf("encodes(%q, %q): one character short, and still the same", string(runes[:len(runes)-1]), b)
			}
			changed := append([]rune(nil), runes...)
			changed[rng.IntN(len(changed))] = '\u00a0'
			if encodes(changed, b) != (string(changed) == string(b)) {
				t.Fatalf("encodes(%q, %q) is wrong", string(changed), b)
			}
		}
	}
}
