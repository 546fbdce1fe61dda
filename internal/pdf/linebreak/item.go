// Package linebreak chooses where a paragraph's lines end.
//
// A paragraph is a sequence of items in the model of Knuth and Plass,
// "Breaking Paragraphs into Lines" (1981), which TeX uses: boxes (text of
// fixed width), glue (space that may stretch and shrink) and penalties
// (places where a break is allowed at a cost, forbidden, or forced). The
// package knows nothing of fonts or text; the typeset package builds the
// items and draws the lines.
//
// [Break] implements the total-fit algorithm: of all ways to break the
// paragraph, it picks the one with the fewest total demerits, so a tight
// line early on can spare a loose one later. Like TeX it tries up to three
// passes: without hyphenation, with it, and finally with emergency stretch
// accepting any line at all, so that it always returns lines (an overfull
// one where a box is wider than the line) and never fails. It also offers
// a ragged-right mode, for narrow columns where stretched spaces look
// worse than an uneven right edge, and a greedy first-fit mode.
//
// Break runs in time linear in the number of items and keeps only the
// breaks still reachable from the active ones; see [Params.MaxActive].
package linebreak

import "math"

// Infinity is the penalty that forbids a break; -Infinity forces one.
// Penalties at or beyond it are treated as infinite, as in TeX.
const Infinity = 10000

// Kind says what an [Item] is.
type Kind uint8

// The kinds of item.
const (
	// A Box is material of fixed width: a word, a piece of a word.
	Box Kind = iota
	// Glue is space between boxes. A line may break at glue that follows
	// a box; the glue is then dropped.
	Glue
	// A Penalty is a possible break with a cost. Its width is added to the
	// line only when the line ends there (the hyphen of a hyphenated word).
	Penalty
)

// Item is one element of a paragraph.
type Item struct {
	Kind Kind
	// Width is the natural width: of a box, of glue before it stretches
	// or shrinks, of what a penalty adds at the end of a line (a hyphen).
	Width float64
	// Stretch and Shrink are how much glue may grow and shrink.
	Stretch, Shrink float64
	// Penalty is the cost of breaking at a penalty item.
	Penalty float64
	// Flagged marks a penalty that ends a line with a hyphen; two flagged
	// breaks in a row cost Params.DoubleHyphenDemerits.
	Flagged bool
	// Late marks a penalty the first pass ignores: hyphenation points and
	// breaks inside long URLs, which are only worth it when breaking
	// between words alone gives bad lines.
	Late bool
}

// NewBox returns a box of width w.
func NewBox(w float64) Item { return Item{Kind: Box, Width: w} }

// NewGlue returns glue of natural width w.
func NewGlue(w, stretch, shrink float64) Item {
	return Item{Kind: Glue, Width: w, Stretch: stretch, Shrink: shrink}
}

// NewPenalty returns a penalty of width w (drawn only if the line breaks
// there) and cost p.
func NewPenalty(w, p float64, flagged bool) Item {
	return Item{Kind: Penalty, Width: w, Penalty: p, Flagged: flagged}
}

// Forced reports whether the item forces a break.
func (it Item) Forced() bool { return it.Kind == Penalty && it.Penalty <= -Infinity }

// Mode is how lines are chosen and set.
type Mode uint8

// The modes.
const (
	// Justified lines are chosen by total fit and have their glue
	// stretched or shrunk to fill the width exactly.
	Justified Mode = iota
	// Ragged lines are chosen by total fit to make the right edge as even
	// as possible, and set with glue at its natural width.
	Ragged
	// Greedy lines are filled one after the other as full as they go
	// (first fit), with glue stretched as in Justified. It is fast and
	// looks worse; it is here to be measured against.
	Greedy
)

// Params tunes [Break]. Start from [Defaults]; the zero value is not
// useful.
type Params struct {
	// Widths are the lines' widths: line i is Widths[i], and lines past
	// the end are as wide as the last. Give the first line its own width
	// for an indent, and the first few for a hanging figure.
	Widths []float64
	// Mode chooses the algorithm and how glue is set.
	Mode Mode
	// PreTolerance is the worst badness accepted in the first pass, which
	// ignores Late breaks (no hyphenation). Negative skips that pass.
	PreTolerance float64
	// Tolerance is the worst badness accepted in the second pass.
	Tolerance float64
	// EmergencyStretch is added to every line's stretch in the final pass,
	// which accepts lines of any badness.
	EmergencyStretch float64
	// RaggedStretch, in Ragged mode, is the shortfall at which a line is
	// as bad as one with its glue stretched to its full stretch. Zero
	// means half the line's width: a line may fall short by up to half
	// before the first pass gives up and hyphenation is tried.
	RaggedStretch float64

	LinePenalty          float64 // added to every line's badness: fewer lines are better
	AdjacentDemerits     float64 // for a tight line next to a loose one
	DoubleHyphenDemerits float64 // for two hyphenated lines in a row
	FinalHyphenDemerits  float64 // for hyphenating the second-last line
	// MaxHyphensInARow is the most lines in a row that may end with a
	// flagged break (a hyphen), but in the emergency pass; 0 sets no
	// limit, as TeX does. Demerits alone let a narrow column print three
	// or four hyphens down its edge, a "ladder" typographers avoid.
	MaxHyphensInARow int

	// MaxActive bounds the breaks under consideration at once. Active
	// breaks normally number a few per possible break on one line, so
	// the bound only bites on pathological input (thousands of zero-width
	// break points in a line's width); then the worst are dropped, which
	// keeps the time linear at the cost of optimality.
	MaxActive int
}

// Defaults returns TeX's plain defaults for lines of the given widths,
// and at most two hyphenated lines in a row.
func Defaults(widths ...float64) Params {
	return Params{
		Widths:               widths,
		PreTolerance:         100,
		Tolerance:            200,
		LinePenalty:          10,
		AdjacentDemerits:     10000,
		DoubleHyphenDemerits: 10000,
		FinalHyphenDemerits:  5000,
		MaxHyphensInARow:     2,
		MaxActive:            1000,
	}
}

func (p *Params) width(line int) float64 {
	if len(p.Widths) == 0 {
		return math.Inf(1)
	}
	return p.Widths[min(line, len(p.Widths)-1)]
}

// Line is one line of a broken paragraph.
type Line struct {
	// Start and End delimit the line's items, items[Start:End]. End is
	// the index of the item the line breaks at (len(items) for the last
	// line); when that item is a penalty its width belongs to the line.
	// Start skips the glue and penalties dropped after the previous break.
	Start, End int
	// Ratio is how far the glue is set: each glue item is Width +
	// Ratio*Stretch when Ratio ≥ 0 and Width + Ratio*Shrink when Ratio < 0.
	// It is 0 in Ragged mode, on the last line and on lines ending in a
	// forced break.
	Ratio float64
	// Natural is the line's width with glue at its natural width,
	// including the width of the penalty it breaks at.
	Natural float64
	// Overfull reports that the line is wider than its width even with
	// all glue shrunk: a box too wide to fit was put on a line by itself.
	Overfull bool
}

// Pass says which pass of [Break] found the lines.
type Pass uint8

// The passes. Greedy mode always reports FirstFit.
const (
	FirstFit Pass = iota
	NoHyphenation
	WithHyphenation
	Emergency
)

// String names the pass, for logs and test failures.
func (p Pass) String() string {
	return [...]string{"first fit", "without hyphenation", "with hyphenation", "emergency"}[p]
}
