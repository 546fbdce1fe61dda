package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
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

// summaryOfJoinedParagraphs is Summary as it was before it gathered the
// paragraphs in one buffer: each paragraph's text made and collapsed on
// its own, then joined. It reads as far as Summary now does, 4*(max+1)
// bytes, where it read 4*max.
func summaryOfJoinedParagraphs(d *Doc, max int) string {
	var paras []string
	n := 0
	for c := d.Root.FirstChild(); c != nil && n < 4*(max+1); c = c.NextSibling() {
		if _, ok := c.(*ast.Paragraph); !ok {
			continue
		}
		var b strings.Builder
		writePlain(&b, c, d.Source, false)
		p := collapseSpaceByFields(b.String())
		if p == "" {
			continue
		}
		if n > 0 {
			n++
		}
		paras = append(paras, p)
		n += len(p)
	}
	return firstSentencesOfAllRunes(strings.Join(paras, " "), max)
}

// summaryTexts are texts whose summary is made of several paragraphs,
// of pictures alone, of nothing, or of one paragraph past the length
// Summary reads.
var summaryTexts = []string{
	"",
	"# Only a heading\n",
	"![a picture alone](photo.jpg)\n\nThen the text. It goes on.\n",
	"Short.\n\n![alone](photo.jpg)\n\nNext paragraph, *emphasis* and `code`. End.\n\n- a list\n\nLast one.\n",
	"Line one\nline two  \nline three.\n\n> A quote is not a lead paragraph.\n\nAfter the quote.\n",
	strings.Repeat("A sentence that runs on for a while, with élan and año. ", 30) + "\n\n" + strings.Repeat("Second paragraph. ", 40) + "\n",
	strings.Repeat("word ", 300) + "\n",
	"Footnote mark here[^1]. And a [link](https://example.org) too.\n\n[^1]: The note.\n",
}

func TestSummaryGivesWhatJoiningTheParagraphsGave(t *testing.T) {
	docs := corpusDocs(t, 60, 5)
	for i, md := range summaryTexts {
		d, _ := parse(t, "-- content/articles/s"+string(rune('a'+i))+"/en.md --\n---\ntitle: T\n---\n"+md, "content/articles/s"+string(rune('a'+i))+"/en.md")
		docs = append(docs, d)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, d := range docs {
		for _, max := range []int{1, 10, 50, 1 + r.IntN(300), SummaryMax, 1000} {
			if got, want := d.Summary(max), summaryOfJoinedParagraphs(d, max); got != want {
				t.Fatalf("%s: Summary(%d) = %q, want %q", d.Source[:min(len(d.Source), 60)], max, got, want)
			}
		}
	}
}
