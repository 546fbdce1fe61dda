package layout

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	tract "github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/markdown"
	"github.com/tractpub/tract/internal/pdf/fonts"
	"github.com/tractpub/tract/internal/pdf/typeset"
)

// parseDoc parses src with goldmark and the given extensions, as a
// document the layout sets (without tract's own passes).
func parseDoc(src string, extensions ...goldmark.Extender) *markdown.Doc {
	b := []byte(src)
	return &markdown.Doc{Source: b, Root: goldmark.New(goldmark.WithExtensions(extensions...)).Parser().Parse(text.NewReader(b))}
}

// Code keeps its indentation and its runs of spaces as figure spaces,
// which the typesetter keeps; a run's last space within a line stays a
// space, where a line too long may break.
func TestCodeKeepsItsSpaces(t *testing.T) {
	const fs = figureSpace
	for in, want := range map[string]string{
		"def f(x):\n    if x:\n        return   x  *  2": "def f(x):\n" + fs + fs + fs + fs + "if x:\n" + strings.Repeat(fs, 8) + "return" + fs + fs + " x" + fs + " *" + fs + " 2",
		"\tindented\n  \ttwo":                            fs + fs + fs + fs + "indented\n" + fs + fs + fs + fs + "two",
		"a b":                                            "a b",
		"é\tx":                                           "é" + fs + fs + fs + "x",
		"→\tx":                                           "→" + fs + fs + fs + "x",
	} {
		if got := keepSpaces(in); got != want {
			t.Errorf("keepSpaces(%q) = %q, want %q", in, got, want)
		}
	}
}

// When the columns' longest words do not all fit, the widest are capped
// at the width that fills the room, and the others keep theirs.
func TestCapWidthsKeepsTheNarrowColumnsWhole(t *testing.T) {
	for _, tt := range []struct {
		minimum []float64
		width   float64
		want    []float64
	}{
		{[]float64{10, 100, 10}, 60, []float64{10, 40, 10}},
		{[]float64{30, 30, 30}, 60, []float64{20, 20, 20}},
		{[]float64{10, 50, 40}, 70, []float64{10, 30, 30}},
	} {
		if got := capWidths(tt.minimum, tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("capWidths(%v, %v) = %v, want %v", tt.minimum, tt.width, got, tt.want)
		}
	}
}

// A paragraph that ends with a colon before a list, a quotation or code
// leads in to it; not one before a heading, nor one without a colon;
// and so whether either is a passage in another language (a
// translation's paragraph still its source's) or not.
func TestAParagraphEndingWithAColonLeadsIn(t *testing.T) {
	for _, wrap := range []bool{false, true} {
		colonsLeadIn(t, wrap)
	}
}

func colonsLeadIn(t *testing.T, wrap bool) {
	set, err := fonts.LoadSet(tract.Defaults)
	if err != nil {
		t.Fatal(err)
	}
	src := []byte("We ask for three things:\n\n- repairs\n- no rise\n\nQuoted :\n\n> a quote\n\nBefore a heading:\n\n## Heading\n\nNo colon.\n\n- item\n")
	doc := parseDoc(string(src))
	if wrap {
		for c := doc.Root.FirstChild(); c != nil; {
			next := c.NextSibling()
			p := &markdown.Passage{Lang: "en"}
			doc.Root.ReplaceChild(doc.Root, c, p)
			p.AppendChild(p, c)
			c = next
		}
	}
	p := Prepare(&Spec{Fonts: set, Blocks: []Block{{Kind: BlockMarkdown, Doc: doc}}})
	leads := map[string]bool{}
	for _, f := range p.flows {
		if f.kind != fPara {
			continue
		}
		var words []string
		for _, ln := range f.para.Layout(typeset.Layout{Widths: []float64{1e6}, Scale: 10}).Lines {
			for _, fr := range ln.Fragments {
				words = append(words, fr.Text)
			}
		}
		s := strings.Join(words, "")
		if f.leadIn && !f.keep {
			t.Errorf("%q leads in and is not kept with what follows", s)
		}
		leads[s] = f.leadIn
	}
	want := map[string]bool{"We ask for three things:": true, "repairs": false, "no rise": false, "Quoted :": true, "a quote": false,
		"Before a heading:": false, "Heading": false, "No colon.": false, "item": false}
	if !maps.Equal(leads, want) {
		t.Errorf("every block a passage %v: paragraphs leading in: %v, want %v", wrap, leads, want)
	}
}

// A later version of a document sets again only what changed: a table
// it shares with the earlier one is not set again, nor are its cells set
// in lines again (a pamphlet of 570 table rows spent most of its setting
// there at each save), and it comes out as a document set from nothing
// does.
func TestALaterVersionKeepsItsTablesCellsSet(t *testing.T) {
	set, err := fonts.LoadSet(tract.Defaults)
	if err != nil {
		t.Fatal(err)
	}
	spec := func(src string, earlier *Prepared) *Spec {
		doc := parseDoc(src, extension.Table)
		return &Spec{Width: 419.53, Height: 595.28, Margins: [4]float64{36, 36, 48, 36}, Size: 10, Fonts: set,
			Blocks: []Block{{Kind: BlockMarkdown, Doc: doc}}, Remember: true, Earlier: earlier}
	}
	table := "| Month | Rent | Note |\n|---|--:|---|\n| October | 720 € | raised without notice |\n| November | 745 € | the heating still broken |\n"
	first := Prepare(spec("The rents we paid.\n\n"+table, nil))
	first.Set(10)
	src := "The rents we paid this year.\n\n" + table
	later := Prepare(spec(src, first))
	cells := 0
	for _, f := range later.flows {
		if f.table == nil {
			continue
		}
		for _, row := range f.table.rows {
			for _, para := range row {
				cells++
				if !slices.ContainsFunc(later.set.blocks[para], func(b setBlock) bool { return b.key.wholeWords }) {
					t.Errorf("a cell of the table is set again")
				}
			}
		}
	}
	if cells != 9 {
		t.Fatalf("%d cells, want 9", cells)
	}
	var setFirst []*setTable // the table as the first version set it
	for _, sts := range first.set.tables {
		setFirst = append(setFirst, sts...)
	}
	got, gotRes := later.Set(10)
	var reused []*setTable
	for _, sts := range later.set.tables {
		reused = append(reused, sts...)
	}
	if len(setFirst) != 1 || len(reused) != 1 || reused[0] != setFirst[0] {
		t.Errorf("the later version set its table again: %d tables set first, %d later", len(setFirst), len(reused))
	}
	want, wantRes := Prepare(spec(src, nil)).Set(10)
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotRes, wantRes) {
		t.Errorf("the later version differs from the document set from nothing")
	}
}
