package layout

import (
	"slices"
	"strings"
	"testing"

	tract "github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/markdown"
	"github.com/tractpub/tract/internal/pdf/fonts"
	"github.com/tractpub/tract/internal/pdf/hyphen"
	"github.com/tractpub/tract/internal/pdf/typeset"
)

// A passage in another language (markdown.Passage) is hyphenated by its
// language's patterns, and the text after it by the text's again.
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
	// A French text, its second paragraph an English passage.
	doc := parseDoc("responsibilities\n\nresponsibilities\n\nresponsibilities\n")
	second := doc.Root.FirstChild().NextSibling()
	p := &markdown.Passage{Lang: "en"}
	doc.Root.ReplaceChild(doc.Root, second, p)
	p.AppendChild(p, second)
	prep := Prepare(&Spec{Fonts: set, Lang: "fr", Hyphenator: fr, HyphenatorFor: func(l string) *hyphen.Hyphenator {
		h, _ := lib.Lang(l)
		return h
	}, Blocks: []Block{{Kind: BlockMarkdown, Doc: doc}}})
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
