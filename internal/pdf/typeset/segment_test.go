package typeset

import (
	"io/fs"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

// brk is a break opportunity: the end of a segment, and whether the
// break is mandatory.
type brk struct {
	end  int
	must bool
}

// breaksBy cuts text into segments with next, as build does.
func breaksBy(text string, next func(rest string, state int) (string, string, bool, int)) []brk {
	var out []brk
	state, pos := -1, 0
	for rest := text; len(rest) > 0; {
		seg, after, must, st := next(rest, state)
		pos += len(seg)
		out = append(out, brk{pos, must})
		rest, state = after, st
	}
	return out
}

// unisegBreaks cuts text with uniseg alone, as build did before
// lineSegment.
func unisegBreaks(text string) []brk {
	return breaksBy(text, func(rest string, state int) (string, string, bool, int) {
		seg, next, must, st := uniseg.FirstLineSegmentInString(rest, state)
		return seg, next, must && next != "" && uniseg.HasTrailingLineBreakInString(seg), st
	})
}

// lineSegment's shortcut finds the break opportunities uniseg finds, on
// texts made of what UAX #14 treats apart (quotes, brackets, numbers and
// their signs, dashes, no-break spaces, combining marks, Hebrew, emoji,
// flags, newlines, every Latin-1 and Latin Extended character) around
// words, and on the sample site's texts.
func TestLineSegmentsAreUnisegs(t *testing.T) {
	pieces := []string{
		"a", "Zb", "word", "x9", "42", "1.5", "12\u202f345", " ", "  ", "\t",
		"«", "»", "“", "”", "\"", "'", "’", "(", ")", "[", "]", "{",
		"$", "€", "%", "#", "-", "‐", "–", "—", "/", ",", ".", ":", ";", "!", "?", "¿", "…",
		"\u00a0", "\u202f", "\u2060", "\u200b", "\u00ad", "\u0301", "é", "ñ", "ß",
		"שלום", "-", "日本", "。", "한국", "✊🏽", "🇫🇷", "🇪🇸", "\u200d", "\n", "\r\n", "\u2028",
		"https://x.org/a-b", "e-mail", "l’", "co-op", "1-2",
	}
	// Latin-1 and Latin Extended-A and -B, letters and signs alike.
	for r := rune(0xA0); r < 0x250; r++ {
		pieces = append(pieces, string(r), "a"+string(r), string(r)+"a")
	}
	rng := rand.New(rand.NewSource(1))
	var texts []string
	for range 40000 {
		var b strings.Builder
		for range 1 + rng.Intn(12) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
			if rng.Intn(2) == 0 {
				b.WriteString(" ")
			}
		}
		texts = append(texts, b.String())
	}
	err := fs.WalkDir(root, "content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := fs.ReadFile(root, path)
		texts = append(texts, string(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	short := 0
	for _, text := range texts {
		want := unisegBreaks(text)
		got := breaksBy(text, lineSegment)
		if !slices.Equal(got, want) {
			t.Fatalf("%q:\n got breaks %v\nwant %v", text, got, want)
		}
		for rest, state := text, -1; rest != ""; {
			if latinWordAndSpaces(rest) > 0 {
				short++
			}
			_, rest, _, state = lineSegment(rest, state)
		}
	}
	if short < len(texts)/5 {
		t.Fatalf("the shortcut cut %d segments of %d texts", short, len(texts))
	}
}

// FuzzLineSegments checks lineSegment against uniseg on any text.
func FuzzLineSegments(f *testing.F) {
	for _, s := range []string{"Les « Amis » de 1 200 habitants", "a 5 b", "x (y) z", "a\u00a0b c", "✊🏽 a b", "שלום-a b", "ab\ncd ef"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := breaksBy(text, lineSegment), unisegBreaks(text); !slices.Equal(got, want) {
			t.Fatalf("%q: got breaks %v, want %v", text, got, want)
		}
	})
}

// Addresses break as URLs (after punctuation, never hyphenated), also
// when written without their scheme; other words with a slash do not.
func TestLooksLikeURL(t *testing.T) {
	for word, want := range map[string]bool{
		"https://x.org/a":         true,
		"www.example.org":         true,
		"contact@example.org":     true,
		"example.org/fr/loyers":   true,
		"(example.org/fr/loyers)": true,
		"locataires.example.org/": true,
		"and/or":                  false,
		"1.5/2":                   false,
		"km/h":                    false,
		"p.ex./":                  false,
		"réunion":                 false,
		"kellingford.org":         true,
		"(kellingford.org),":      true,
		"kellingford.org.":        true,
		"e.g.,":                   false,
		"i.e.":                    false,
		"etc.":                    false,
		"Ph.D.":                   false,
		"3.5":                     false,
	} {
		if got := looksLikeURL(word); got != want {
			t.Errorf("looksLikeURL(%q) = %v, want %v", word, got, want)
		}
	}
}
