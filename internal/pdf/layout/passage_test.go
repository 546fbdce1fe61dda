package layout

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"

	tract "github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/markdown"
	"github.com/tractpub/tract/internal/pdf/fonts"
	"github.com/tractpub/tract/internal/pdf/hyphen"
	"github.com/tractpub/tract/internal/pdf/typeset"
)

// A passage in another language (markdown.Passage) is hyphenated by its
// language's patterns, and the text after it by the text's again, in a
// text set from nothing as in one set again after an edit.
func TestAPassageIsHyphenatedInItsLanguage(t *testing.T) {
	set, err := fonts.LoadSet(tract.Defaults)
	if err != nil {
		t.Fatal(err)
	}
	lib := hyphen.New(tract.Defaults)
	fr, err := lib.Lang("fr")
	if err != nil {
		t.Fatal(err)
	}
	spec := func(doc *markdown.Doc, earlier *Prepared) *Spec {
		return &Spec{Fonts: set, Lang: "fr", Hyphenator: fr, HyphenatorFor: func(l string) *hyphen.Hyphenator {
			h, _ := lib.Lang(l)
			return h
		}, Blocks: []Block{{Kind: BlockMarkdown, Doc: doc}}, Remember: true, Earlier: earlier}
	}
	// A French text, then the same text with its second paragraph made
	// an English passage, as tract serve sets a text again after an
	// edit: its paragraphs set before are kept, but not in the wrong
	// language.
	const src = "responsibilities\n\nresponsibilities\n\nresponsibilities\n"
	first := Prepare(spec(parseDoc(src), nil))
	doc := parseDoc(src)
	second := doc.Root.FirstChild().NextSibling()
	p := &markdown.Passage{Lang: "en"}
	doc.Root.ReplaceChild(doc.Root, second, p)
	p.AppendChild(p, second)
	prep := Prepare(spec(doc, first))
	var got []string
	for _, f := range prep.flows {
		if f.kind != fPara {
			continue
		}
		// Set a point wide: broken at every point its patterns allow.
		var b strings.Builder
		for _, ln := range f.para.Layout(typeset.Layout{Widths: []float64{1}, Scale: 10}).Lines {
			for _, fr := range ln.Fragments {
				b.WriteString(fr.Text)
			}
		}
		got = append(got, b.String())
	}
	if want := []string{"res-pon-si-bi-li-ties", "re-spon-si-bil-i-ties", "res-pon-si-bi-li-ties"}; !slices.Equal(got, want) {
		t.Errorf("hyphenated %q, want %q", got, want)
	}
}

// A note whose paragraphs are in another language (a translation's note
// still its source's, marked as in the source's language) is set as any
// note: its number on its first line, at the notes' size.
func TestANoteInAnotherLanguageIsSetAsANote(t *testing.T) {
	set, err := fonts.LoadSet(tract.Defaults)
	if err != nil {
		t.Fatal(err)
	}
	const src = "Texte[^1].\n\n[^1]: A note in English, and a second sentence to fill a line or two of the page.\n\n    And a second paragraph.\n"
	pages := func(wrap bool) []*Page {
		doc := parseDoc(src, extension.Footnote)
		if wrap {
			var fn *east.Footnote
			_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if f, ok := n.(*east.Footnote); ok && entering {
					fn = f
				}
				return ast.WalkContinue, nil
			})
			for c := fn.FirstChild(); c != nil; {
				next := c.NextSibling()
				p := &markdown.Passage{Lang: "en"}
				fn.ReplaceChild(fn, c, p)
				p.AppendChild(p, c)
				c = next
			}
		}
		out, _ := Prepare(&Spec{Width: 420, Height: 595, Margins: [4]float64{40, 40, 40, 40}, Size: 10, Fonts: set,
			Blocks: []Block{{Kind: BlockMarkdown, Doc: doc}}}).Set(10)
		return out.Pages
	}
	if got, want := pages(true), pages(false); !reflect.DeepEqual(got, want) {
		t.Errorf("the note in a passage is set\n%+v\nwhere the note is set\n%+v", got, want)
	}
}
