package pdf

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	tract "github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/pdf/fonts"
	"github.com/tractpub/tract/internal/pdf/layout"
)

var (
	fuzzFontsOnce sync.Once
	fuzzFonts     *fonts.Set
)

// FuzzMarkdownPDF lays out and writes arbitrary Markdown as a pamphlet
// (headings, contents, bookmarks and all) and as a leaflet (fitted to
// one or two pages, layout.Fit): never a panic, never a character fpdf
// cannot encode, never an empty document. A leaflet may be refused as
// too long, with a TextError.
func FuzzMarkdownPDF(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nText with **bold**, *it*, `code` and [a link](https://example.org/a/very/long/path/that/needs/breaking?x=1&y=2).\n",
		"1. one\n   - nested *item*\n     > quote in a list\n2. two\n\n```\ncode block\n```\n",
		"| a | b |\n|---|--:|\n| 1 | 2 |\n| long cell with many words | x |\n\nNote.[^1]\n\n[^1]: The note.\n",
		"Emoji 🎉 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, Bolşevik, Łódź, Ελλάδα, Україна, 中文.\n",
		strings.Repeat("word ", 300),
		strings.Repeat("x", 2000) + "\n\n---\n\n- [ ] task",
		"![pic](p.png \"caption\")\n\n" + strings.Repeat("> ", 20) + "deep",
		"::: {lang=en}\nHyphenation of the passage: \"quoted\"!\n\n::: {lang=ar}\nنص\n:::\n:::\n",
		"Un [mot *anglais*\net [عربي]{lang=ar}]{lang=en} ici.\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		// Long inputs only slow the search down; the 5 MB paragraph has
		// its own test.
		if len(body) > 4000 || !utf8.ValidString(body) || strings.Contains(body, "\n-- ") || strings.HasPrefix(body, "-- ") {
			return
		}
		fuzzFontsOnce.Do(func() {
			set, err := fonts.LoadSet(tract.Defaults)
			if err != nil {
				panic(err)
			}
			fuzzFonts = set
		})
		archive := "-- content/pamphlets/p/en.md --\n---\ntitle: P\n---\n## One\n\n" + body + "\n" +
			"-- content/leaflets/l/en.md --\n---\ntitle: L\n---\n" + body + "\n"
		m, site := makerWithFonts(t, archive, fuzzFonts)
		if m == nil {
			return
		}
		for _, it := range site.Items {
			v := it.Variants["en"]
			doc, _, err := m.set(v, "a4")
			var long *TextError
			if it.Section == "leaflets" && errors.As(err, &long) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Write(&buf, doc, m.Fonts, m.meta(v), Plain); err != nil || buf.Len() < 200 {
				t.Fatalf("%s: %d bytes, %v", it.Key(), buf.Len(), err)
			}
			for _, p := range doc.Pages {
				for _, op := range p.Ops {
					if op.Kind != layout.OpText {
						continue
					}
					for _, r := range op.Text {
						if r > 0xFFFF || !m.face(op.Font).Has(r) && r != ' ' {
							t.Fatalf("%s: rune %U %q reaches fpdf in %q", it.Key(), r, r, op.Text)
						}
					}
				}
			}
		}
	})
}
