package layout

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark/extension"

	tract "github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/pdf/fonts"
)

// A numbered list of ten items or more, a statement's signatories,
// footnotes past the ninth: no number sticks out into the left margin,
// and an item's text starts where the other items' does.
func TestListNumbersStayInsideTheMargin(t *testing.T) {
	set, err := fonts.LoadSet(tract.Defaults)
	if err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	src.WriteString("Intro.\n\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&src, "%d. Item %d[^%d]\n", i, i, i)
	}
	src.WriteString("\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&src, "[^%d]: Note %d.\n", i, i)
	}
	doc := parseDoc(src.String(), extension.Footnote)
	var names []string
	for i := 1; i <= 120; i++ {
		names = append(names, fmt.Sprintf("Name %d", i))
	}
	const left = 40
	p := Prepare(&Spec{Width: 420, Height: 595, Margins: [4]float64{40, 40, 40, left}, Size: 10, Fonts: set,
		Blocks: []Block{{Kind: BlockMarkdown, Doc: doc}, {Kind: BlockList, Items: names, Ordered: true}}})
	out, _ := p.Set(10)
	number := regexp.MustCompile(`^[0-9]+\.$`)
	markers := 0
	starts := map[string]map[float64]bool{} // "Item", "Note", "Name" -> where their text starts
	for _, pg := range out.Pages {
		for _, op := range pg.Ops {
			if op.Kind != OpText {
				continue
			}
			if number.MatchString(op.Text) {
				markers++
				if op.X < left-1e-6 {
					t.Errorf("marker %q at x = %.1f, left of the margin at %d", op.Text, op.X, left)
				}
			}
			for _, kind := range []string{"Item", "Note", "Name"} {
				if strings.HasPrefix(op.Text, kind+" ") {
					if starts[kind] == nil {
						starts[kind] = map[float64]bool{}
					}
					starts[kind][op.X] = true
				}
			}
		}
	}
	if markers < 12+12+120 {
		t.Errorf("%d numbers drawn, want %d", markers, 12+12+120)
	}
	for kind, xs := range starts {
		if len(xs) != 1 {
			t.Errorf("the %ss' texts start at %v, not at one place", kind, xs)
		}
	}
}

// A bulletin's article (a heading with a bookmark) stands articleSpace
// further from what ends the article before it than another heading
// does, and no further at the top of a page.
func TestABulletinsArticleStandsApartFromTheOneBefore(t *testing.T) {
	set, err := fonts.LoadSet(tract.Defaults)
	if err != nil {
		t.Fatal(err)
	}
	headingY := func(bookmark, first bool) float64 {
		var blocks []Block
		if !first {
			blocks = append(blocks, Block{Kind: BlockText, Text: "The end of the article before.", Align: Left})
		}
		blocks = append(blocks, Block{Kind: BlockHeading, Text: "The next article", Level: 1, Bookmark: bookmark})
		p := Prepare(&Spec{Width: 420, Height: 595, Margins: [4]float64{40, 40, 40, 40}, Size: 10, Fonts: set, Blocks: blocks})
		out, _ := p.Set(10)
		for _, op := range out.Pages[0].Ops {
			if op.Kind == OpText && op.Text == "The next article" {
				return op.Y
			}
		}
		t.Fatal("no heading drawn")
		return 0
	}
	if got := headingY(true, false) - headingY(false, false); math.Abs(got-articleSpace*10) > 1e-6 {
		t.Errorf("an article's title is %.2f points further down than another heading, want %.2f", got, articleSpace*10)
	}
	if a, b := headingY(true, true), headingY(false, true); a != b {
		t.Errorf("at the top of a page, an article's title is at %.2f, another heading at %.2f", a, b)
	}
}

// A line of code too long for the page goes on with a grey "↪" before
// it, in the indent, so that a reader copying it from paper does not
// take it for two lines; a line of the code's own starts with nothing.
func TestALineOfCodeThatGoesOnIsMarked(t *testing.T) {
	set, err := fonts.LoadSet(tract.Defaults)
	if err != nil {
		t.Fatal(err)
	}
	long := "curl -s 'https://example.org/api/members?fields=addresses,phones,emails&sort=name&limit=500' -o members.json"
	doc := parseDoc("Run:\n\n```sh\n" + long + "\necho done\n```\n")
	const left = 40
	p := Prepare(&Spec{Width: 300, Height: 595, Margins: [4]float64{40, 40, 40, left}, Size: 10, Fonts: set,
		Blocks: []Block{{Kind: BlockMarkdown, Doc: doc}}})
	out, _ := p.Set(10)
	lines := map[float64]string{} // the text of each line, by its baseline
	var marked []float64
	for _, op := range out.Pages[0].Ops {
		switch {
		case op.Kind != OpText:
		case op.Text == continuedMark:
			marked = append(marked, op.Y)
			if op.X >= left || op.X < 0 || op.Gray == 0 {
				t.Errorf("the mark is at x = %.1f in grey %d: want it grey, in the margin, before the text at %d", op.X, op.Gray, left)
			}
		default:
			lines[op.Y] += op.Text
		}
	}
	// The long line takes two lines or three, and echo its own.
	if len(marked) == 0 || len(marked) > 2 {
		t.Fatalf("%d marks, on the lines of %v", len(marked), lines)
	}
	for _, y := range marked {
		if l := lines[y]; strings.HasPrefix(l, "curl") || strings.HasPrefix(l, "echo") || !strings.Contains(long, l) {
			t.Errorf("a mark before %q, not a line the long one goes on on", l)
		}
	}
}
