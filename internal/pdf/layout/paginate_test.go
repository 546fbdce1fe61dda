package layout

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// lines makes the items of an n-line paragraph, each 10 points high.
func lines(id, n int, label string) []item {
	var out []item
	for i := 0; i < n; i++ {
		out = append(out, item{h: 10, para: id, line: i, lines: n, reserve: -1,
			ops: []Op{{Kind: OpText, Text: fmt.Sprintf("%s%d", label, i)}}})
	}
	return out
}

func heading(label string) item {
	return item{h: 10, para: -1, reserve: -1, keep: true, ops: []Op{{Kind: OpText, Text: label}}}
}

// pages paginates items on pages with room for ten 10-point items and
// returns the labels on each page.
func pages(items []item) []string {
	_, out := paginated(items)
	return out
}

// paginated is pages, and the document.
func paginated(items []item) (*Document, []string) {
	s := &setter{p: &Prepared{spec: &Spec{Width: 100, Height: 100}}, items: items}
	doc, _ := s.paginate()
	var out []string
	for _, p := range doc.Pages {
		var labels string
		for _, op := range p.Ops {
			labels += op.Text + " "
		}
		out = append(out, labels)
	}
	return doc, out
}

func TestPaginationLeavesNoWidowsOrOrphans(t *testing.T) {
	cat := func(parts ...[]item) []item {
		var out []item
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	tests := []struct {
		name  string
		items []item
		want  []string
	}{
		{"fits", lines(0, 5, "a"), []string{"a0 a1 a2 a3 a4 "}},
		{"orphan moves to the next page", cat(lines(0, 9, "a"), lines(1, 4, "b")),
			[]string{"a0 a1 a2 a3 a4 a5 a6 a7 a8 ", "b0 b1 b2 b3 "}},
		{"widow pulls a line over", lines(0, 11, "a"),
			[]string{"a0 a1 a2 a3 a4 a5 a6 a7 a8 ", "a9 a10 "}},
		{"two lines each side are fine", lines(0, 12, "a"),
			[]string{"a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 ", "a10 a11 "}},
		{"heading kept with its paragraph", cat(lines(0, 8, "a"), []item{heading("H")}, lines(1, 5, "b")),
			[]string{"a0 a1 a2 a3 a4 a5 a6 a7 ", "H b0 b1 b2 b3 b4 "}},
		{"a heading over a heading kept with both", cat(lines(0, 7, "a"), []item{heading("H"), {h: 10, discardable: true, para: -1, reserve: -1}, heading("I")}, lines(1, 5, "b")),
			[]string{"a0 a1 a2 a3 a4 a5 a6 ", "H I b0 b1 b2 b3 b4 "}},
		{"a three-line paragraph moves whole", cat(lines(0, 8, "a"), lines(1, 3, "b")),
			[]string{"a0 a1 a2 a3 a4 a5 a6 a7 ", "b0 b1 b2 "}},
		{"a page break", cat(lines(0, 2, "a"), []item{{forceBreak: true, para: -1, reserve: -1}}, lines(1, 2, "b")),
			[]string{"a0 a1 ", "b0 b1 "}},
	}
	for _, tt := range tests {
		got := pages(tt.items)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// hyphenated marks lines of items as ending with a hyphen.
func hyphenated(items []item, lines ...int) []item {
	for _, l := range lines {
		items[l].hyphen = true
	}
	return items
}

// A page does not end with a line that ends with a hyphen, where the
// paragraph lets that line go over to the next page; where it does not
// (an orphan would be left), the page ends with it.
func TestAPageDoesNotEndWithAHyphenatedLine(t *testing.T) {
	for _, tt := range []struct {
		name  string
		items []item
		want  []string
	}{
		{"the line goes over", hyphenated(lines(0, 14, "a"), 9),
			[]string{"a0 a1 a2 a3 a4 a5 a6 a7 a8 ", "a9 a10 a11 a12 a13 "}},
		{"after the widow rule", hyphenated(lines(0, 11, "a"), 8),
			[]string{"a0 a1 a2 a3 a4 a5 a6 a7 ", "a8 a9 a10 "}},
		{"not into an orphan", append(hyphenated(lines(0, 8, "a"), 3), hyphenated(lines(1, 4, "b"), 1)...),
			[]string{"a0 a1 a2 a3 a4 a5 a6 a7 b0 b1 ", "b2 b3 "}},
		{"a hyphen inside the page stays", hyphenated(lines(0, 14, "a"), 4),
			[]string{"a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 ", "a10 a11 a12 a13 "}},
	} {
		if got := pages(tt.items); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// leadIn makes the items of an n-line paragraph that ends with a colon
// and announces what follows (see leadsIn).
func leadIn(id, n int, label string) []item {
	out := lines(id, n, label)
	out[n-1].keep, out[n-1].leadIn = true, true
	return out
}

// A lead-in is kept with the first line of what it announces, not with
// more: with room for the lead-in and that line, both stay on the page.
func TestALeadInKeepsTheFirstLineOfWhatItAnnouncesCompany(t *testing.T) {
	space := item{h: 0, discardable: true, para: -1, reserve: -1}
	tests := []struct {
		name  string
		items []item
		want  []string
	}{
		{"a list item of three lines breaks after its first", cat(lines(0, 6, "a"), []item{heading("H")}, leadIn(1, 2, "l"), []item{space}, lines(2, 3, "b")),
			[]string{"a0 a1 a2 a3 a4 a5 H l0 l1 b0 ", "b1 b2 "}},
		{"with no room for that line, the lead-in goes too", cat(lines(0, 7, "a"), []item{heading("H")}, leadIn(1, 2, "l"), []item{space}, lines(2, 3, "b")),
			[]string{"a0 a1 a2 a3 a4 a5 a6 ", "H l0 l1 b0 b1 b2 "}},
		{"no widow of two lines at the next page's head", cat(lines(0, 7, "a"), leadIn(1, 2, "l"), lines(2, 2, "b")),
			[]string{"a0 a1 a2 a3 a4 a5 a6 ", "l0 l1 b0 b1 "}},
		{"a paragraph that announces nothing keeps no lone line", cat(lines(0, 7, "a"), lines(1, 2, "l"), lines(2, 3, "b")),
			[]string{"a0 a1 a2 a3 a4 a5 a6 l0 l1 ", "b0 b1 b2 "}},
		{"nor does a heading", cat(lines(0, 8, "a"), []item{heading("H")}, lines(2, 3, "b")),
			[]string{"a0 a1 a2 a3 a4 a5 a6 a7 ", "H b0 b1 b2 "}},
	}
	for _, tt := range tests {
		got := pages(tt.items)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestSpacesAreDroppedAtTheTopOfAPage(t *testing.T) {
	items := append(lines(0, 10, "a"), item{h: 10, discardable: true, para: -1, reserve: -1, ops: []Op{{Text: "space"}}})
	items = append(items, lines(1, 2, "b")...)
	got := pages(items)
	if len(got) != 2 || got[1] != "b0 b1 " {
		t.Errorf("pages %q", got)
	}
}

func TestShareWidthsGivesEveryColumnItsLongestWord(t *testing.T) {
	w := shareWidths([][]float64{{300, 100}}, []float64{50, 80}, []float64{30, 40}, 200)
	if w[0]+w[1] > 200.001 || w[1] < 80 || w[0] < 50 {
		t.Errorf("widths %v", w)
	}
	w = shareWidths([][]float64{{60, 10}, {10, 40}}, []float64{20, 20}, []float64{20, 20}, 200)
	if w[0] != 60 || w[1] != 40 {
		t.Errorf("natural widths not kept: %v", w)
	}
	// The ES bulletin's "Gastos" table on an A5 page: a first column of
	// long lines took the room in proportion to them, and left the
	// others narrower than "concedidas" and "Importe", hyphenated.
	natural := [][]float64{{230, 90, 50}}
	words := []float64{55, 55, 45}
	least := []float64{40, 35, 30}
	w = shareWidths(natural, words, least, 300)
	if sum := w[0] + w[1] + w[2]; math.Abs(sum-300) > 1e-6 {
		t.Errorf("widths %v add up to %v, want 300", w, sum)
	}
	for i := range w {
		if w[i] < words[i] {
			t.Errorf("column %d is %v wide, narrower than its longest word, %v", i, w[i], words[i])
		}
	}
	// When the words do not fit side by side, the longest are
	// hyphenated first, and no column goes below its least width.
	w = shareWidths(natural, []float64{120, 55, 45}, least, 200)
	if want := []float64{100, 55, 45}; !slices.Equal(w, want) {
		t.Errorf("too narrow for the words: widths %v, want %v", w, want)
	}
}

// The EN bulletin's rent table on an A5 page: long headers over short
// figures, and rows named in two short words. Its rows each fit on one
// line; its header does not, and must not take the room in proportion
// to its length: that left "Two bedrooms" on two lines.
func TestShareWidthsSetsWholeTheRowsThatFit(t *testing.T) {
	cells := [][]float64{
		{30, 114, 137, 77}, // Flat | Rent now (per month) | Proposed rent (per month) | Extra per year
		{70, 47, 47, 52},   // One bedroom | £825.00 | £940.50 | £1,386.00
		{76, 47, 52, 52},   // Two bedrooms | …
		{79, 52, 52, 52},   // Three bedrooms | …
	}
	words := []float64{51, 51, 53, 51}
	w := shareWidths(cells, words, []float64{35, 51, 51, 51}, 350)
	if sum := w[0] + w[1] + w[2] + w[3]; math.Abs(sum-350) > 1e-6 {
		t.Errorf("widths %v add up to %v, want 350", w, sum)
	}
	for _, r := range cells[1:] {
		for c := range r {
			if w[c] < r[c] {
				t.Errorf("widths %v: the row %v is not on one line", w, r)
				break
			}
		}
	}
	// The row of short cells is made whole first; the rest goes to the
	// column of a cell too long to be whole.
	cells = [][]float64{{30, 200}, {40, 20}}
	if w := shareWidths(cells, []float64{20, 20}, []float64{20, 20}, 100); w[0] != 40 || w[1] != 60 {
		t.Errorf("widths %v, want [40 60]", w)
	}
}

// narrowWidths narrows the columns of the longest words first, never
// below what hyphenation allows them.
func TestNarrowWidthsHyphenatesTheLongestWordsFirst(t *testing.T) {
	for _, tt := range []struct {
		least, words []float64
		width        float64
		want         []float64
	}{
		{[]float64{10, 30, 10}, []float64{20, 100, 20}, 100, []float64{20, 60, 20}},
		{[]float64{10, 70, 10}, []float64{20, 100, 20}, 100, []float64{15, 70, 15}},
		{[]float64{10, 10}, []float64{50, 50}, 60, []float64{30, 30}},
	} {
		if got := narrowWidths(tt.least, tt.words, tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("narrowWidths(%v, %v, %v) = %v, want %v", tt.least, tt.words, tt.width, got, tt.want)
		}
	}
}

// tableRows makes the items of a table: a header row and n body rows,
// each 10 points high.
func tableRows(label string, n int) []item {
	run := &tableRun{rows: n, head: []Op{{Kind: OpText, Text: label + "H"}}, headH: 10}
	out := []item{{h: 10, para: -1, reserve: -1, keep: true, tab: run, row: -1, ops: run.head}}
	for r := range n {
		out = append(out, item{h: 10, para: -1, reserve: -1, tab: run, row: r,
			ops: []Op{{Kind: OpText, Text: fmt.Sprintf("%s%d", label, r)}}})
	}
	return out
}

// A table broken across pages repeats its header on the next, keeps two
// body rows at least on each side of the break, and is kept whole when
// it has three rows or fewer.
func TestTablesBreakBetweenPagesWithTheirHeader(t *testing.T) {
	tests := []struct {
		name  string
		items []item
		want  []string
	}{
		{"the header is repeated on the page the table continues on", cat(lines(0, 2, "a"), tableRows("t", 12)),
			[]string{"a0 a1 tH t0 t1 t2 t3 t4 t5 t6 ", "tH t7 t8 t9 t10 t11 "}},
		{"the header over one row at a page's foot moves to the next", cat(lines(0, 8, "a"), tableRows("t", 5)),
			[]string{"a0 a1 a2 a3 a4 a5 a6 a7 ", "tH t0 t1 t2 t3 t4 "}},
		{"the header alone at a page's foot moves to the next", cat(lines(0, 9, "a"), tableRows("t", 5)),
			[]string{"a0 a1 a2 a3 a4 a5 a6 a7 a8 ", "tH t0 t1 t2 t3 t4 "}},
		{"a table of three rows is kept whole", cat(lines(0, 7, "a"), tableRows("t", 3)),
			[]string{"a0 a1 a2 a3 a4 a5 a6 ", "tH t0 t1 t2 "}},
		{"a table of two rows is kept whole", cat(lines(0, 8, "a"), tableRows("t", 2)),
			[]string{"a0 a1 a2 a3 a4 a5 a6 a7 ", "tH t0 t1 "}},
		{"no row alone at the top of a page", cat(lines(0, 4, "a"), tableRows("t", 6), lines(1, 4, "b")),
			[]string{"a0 a1 a2 a3 tH t0 t1 t2 t3 ", "tH t4 t5 b0 b1 b2 b3 "}},
		{"a table taller than a page breaks, its header on every page", tableRows("t", 25),
			[]string{"tH t0 t1 t2 t3 t4 t5 t6 t7 t8 ", "tH t9 t10 t11 t12 t13 t14 t15 t16 t17 ", "tH t18 t19 t20 t21 t22 t23 t24 "}},
	}
	for _, tt := range tests {
		got := pages(tt.items)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// The header drawn again at the top of a page is above the rows, which
// move down by its height.
func TestARepeatedHeaderIsAboveTheRows(t *testing.T) {
	s := &setter{p: &Prepared{spec: &Spec{Width: 100, Height: 100, Margins: [4]float64{5, 0, 5, 0}}}, items: tableRows("t", 12)}
	doc, _ := s.paginate()
	if len(doc.Pages) != 2 {
		t.Fatalf("%d pages, want 2", len(doc.Pages))
	}
	ops := doc.Pages[1].Ops
	if len(ops) < 2 || ops[0].Text != "tH" || ops[0].Y != 5 || ops[1].Y != 15 {
		t.Errorf("page 2 starts with %+v", ops[:min(len(ops), 2)])
	}
}

// picture makes a picture's item, h points high, that may be shrunk to
// minH, centred in a measure 100 points wide.
func picture(label string, h, minH float64, keep bool) item {
	return item{h: h, para: -1, reserve: -1, keep: keep, pic: &picFit{w: 100, minH: minH},
		ops: []Op{{Kind: OpImage, X: 10, W: 80, H: h, Text: label}}}
}

// paginateFitted paginates items as pages does, with pictures fitted
// (WithPicturesFitted), and returns the document and the labels.
func paginateFitted(items []item) (*Document, []string) {
	s := &setter{p: &Prepared{spec: &Spec{Width: 100, Height: 100}, fitPictures: true}, items: items}
	doc, _ := s.paginate()
	var out []string
	for _, p := range doc.Pages {
		var labels string
		for _, op := range p.Ops {
			labels += op.Text + " "
		}
		out = append(out, labels)
	}
	return doc, out
}

// blankBelow is the height of the text block (100 points) left empty
// below the last item on a page whose items are 10 points high but for
// pictures.
func blankBelow(p *Page) float64 {
	bottom := 0.0
	for _, op := range p.Ops {
		h := 10.0
		if op.Kind == OpImage {
			h = op.H
		}
		bottom = max(bottom, op.Y+h)
	}
	return 100 - bottom
}

// cat joins items.
func cat(parts ...[]item) []item {
	var out []item
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// space is a space of no height, as the builder puts around a picture.
var space = item{h: 0, discardable: true, para: -1, reserve: -1, passable: true}

// passable marks its items as text a picture may be moved after.
func passable(its []item) []item {
	for i := range its {
		its[i].passable = true
	}
	return its
}

// A picture that does not fit in the room left on a page of a document
// of many pages is shrunk to fit, with its caption, if it keeps most of
// its size; unless asked, it goes to the next page whole.
func TestPicturesThatDoNotFitAreShrunk(t *testing.T) {
	// Room for 30 points: a picture of 40 that may go down to 24 is shrunk.
	doc, got := paginateFitted(cat(lines(0, 7, "a"), []item{space, picture("P", 40, 24, false), space}, passable(lines(1, 4, "b"))))
	if want := []string{"a0 a1 a2 a3 a4 a5 a6 P ", "b0 b1 b2 b3 "}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("shrunk:\n got %q\nwant %q", got, want)
	}
	op := doc.Pages[0].Ops[7]
	if op.H != 30 || op.W != 60 || op.X != 20 {
		t.Errorf("shrunk picture at x %v, %v×%v; want at x 20, 60×30 (80×40 scaled, centred)", op.X, op.W, op.H)
	}

	// With its caption, kept with it: room for 30 points less the caption.
	doc, got = paginateFitted(cat(lines(0, 6, "a"), []item{space, picture("P", 40, 24, true)}, lines(9, 1, "c"), []item{space}, passable(lines(1, 4, "b"))))
	if want := []string{"a0 a1 a2 a3 a4 a5 P c0 ", "b0 b1 b2 b3 "}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("shrunk with its caption:\n got %q\nwant %q", got, want)
	}
	if h := doc.Pages[0].Ops[6].H; h != 30 {
		t.Errorf("picture with its caption shrunk to %v points, want 30", h)
	}

	// Unless asked (a leaflet sizes its pictures itself), the picture
	// goes to the next page whole, as it always did.
	got = pages(cat(lines(0, 7, "a"), []item{space, picture("P", 40, 24, false), space}, passable(lines(1, 4, "b"))))
	if want := []string{"a0 a1 a2 a3 a4 a5 a6 ", "P b0 b1 b2 b3 "}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("not fitted:\n got %q\nwant %q", got, want)
	}
}

// A picture that would have to shrink too much goes to the top of the
// next page after the paragraphs that follow it have filled this one,
// leaving no large blank above it; never past a heading.
func TestPicturesThatCannotShrinkGoAfterTheText(t *testing.T) {
	// Room for 20 points, too little: the next paragraph fills it, and
	// the picture starts the next page, the paragraph going on below.
	doc, got := paginateFitted(cat(lines(0, 8, "a"), []item{space, picture("P", 40, 24, false), space}, passable(lines(1, 6, "b"))))
	if want := []string{"a0 a1 a2 a3 a4 a5 a6 a7 b0 b1 ", "P b2 b3 b4 b5 "}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("moved after the text:\n got %q\nwant %q", got, want)
	}
	if blank := blankBelow(doc.Pages[0]); blank > 10 {
		t.Errorf("%v points left blank above a picture moved to the next page", blank)
	}

	// Not past a heading: the picture stays before it, on the next page.
	_, got = paginateFitted(cat(lines(0, 8, "a"), []item{space, picture("P", 40, 24, false), space, heading("H")}, passable(lines(1, 3, "b"))))
	if want := []string{"a0 a1 a2 a3 a4 a5 a6 a7 ", "P H b0 b1 b2 "}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("not past a heading:\n got %q\nwant %q", got, want)
	}
}

// A fill leaves its share of the room the rest of its page leaves free
// above it, stays at the top of the page, and leaves none when the rest
// fills the page.
func TestAFillSetsWhatFollowsItHighOnItsPage(t *testing.T) {
	fill := item{para: -1, reserve: -1, keep: true, fill: 0.25}
	pageBreak := item{forceBreak: true, para: -1, reserve: -1}
	for _, tt := range []struct {
		name  string
		items []item
		y     float64 // of the first line
		want  []string
	}{
		{"a quarter of 80 points free", cat([]item{fill}, lines(0, 2, "t"), []item{pageBreak}, lines(1, 2, "b")), 20, []string{"t0 t1 ", "b0 b1 "}},
		{"what follows fills the page", cat([]item{fill}, lines(0, 10, "t"), []item{pageBreak}, lines(1, 2, "b")), 0, []string{"t0 t1 t2 t3 t4 t5 t6 t7 t8 t9 ", "b0 b1 "}},
	} {
		doc, got := paginated(tt.items)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		} else if y := doc.Pages[0].Ops[0].Y; y != tt.y {
			t.Errorf("%s: the first line at %v points, want %v", tt.name, y, tt.y)
		}
	}
}
