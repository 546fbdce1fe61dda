package typeset

import (
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/rivo/uniseg"

	"github.com/tractpub/tract/internal/pdf/linebreak"
)

// Align is how lines sit between the margins.
type Align uint8

// The alignments.
const (
	// Justify stretches the spaces so that both edges are straight; the
	// last line, and lines before a hard break, stay flush left.
	Justify Align = iota
	// Left, Center and Right set lines with natural spaces, chosen to
	// make the ragged edge as even as possible (for narrow columns and
	// table cells, where stretched spaces look worse).
	Left
	Center
	Right
)

// Layout says how to set a paragraph.
type Layout struct {
	// Widths are the lines' widths in points: line i is Widths[i], and
	// lines past the end are as wide as the last. At least one is needed.
	Widths []float64
	// Indents are the lines' offsets from the left margin, by the same
	// rule; none means 0. A first-line indent is Indents {10, 0} with
	// Widths {w-10, w}.
	Indents []float64
	// Align is how lines sit between the margins.
	Align Align
	// Leading is the distance between baselines as a multiple of the
	// largest font size on the line; 0 means 1.2.
	Leading float64
	// Scale multiplies every run's font size; 0 means 1. Fitting a
	// leaflet on one page lays the same Paragraphs out at smaller scales.
	Scale float64
	// WholeWords hyphenates only the words the narrowest line cannot
	// hold whole, which would otherwise be cut between any two letters:
	// for a table's cells, where "Impor-te" in a header reads worse than
	// one more line, or a column made as wide as its longest word.
	WholeWords bool
	// Balance sets a paragraph that takes more than one line, not
	// justified, at the narrowest width that keeps its number of lines:
	// a heading or a title of two lines does not leave one word alone on
	// the second, as CSS's text-wrap: balance. Only with one width.
	Balance bool
}

// Block is a paragraph set in lines.
type Block struct {
	// Lines are in reading order, top to bottom.
	Lines []Line
	// Height is the sum of the lines' heights.
	Height float64
	// Pass is the line breaker's pass that found the lines; Emergency
	// means some line is looser than the usual tolerance, or overfull.
	Pass linebreak.Pass
}

// Line is one line of a Block, its fragments positioned from the left
// margin and on a common baseline.
type Line struct {
	// Fragments are in order, left to right; an empty line has none.
	Fragments []Fragment
	// Width is the set width of the line, from its indent to the end of
	// its last fragment: the line's width when justified.
	Width float64
	// Height is the distance from the previous line's baseline to this
	// one's (Leading times the largest font size on the line).
	Height float64
	// Ascent and Descent are the extent of the line's largest face
	// above and below the baseline, both positive, in points.
	Ascent, Descent float64
	// Ending is how the line ends.
	Ending Ending
	// Overfull reports that the line is wider than its width: a word too
	// wide for any line is set alone on it.
	Overfull bool
}

// Hyphenated reports whether the line ends with a hyphen the line breaker
// inserted (not one that was in the text).
func (l Line) Hyphenated() bool { return l.Ending == EndHyphen }

// Ending is how a line ends, which matters to whoever reads the text back
// (copying it from the PDF, a test): is there a space, or a hyphen to
// take away, between this line and the next?
type Ending uint8

// The endings.
const (
	// EndSpace is a break at a space, which vanished.
	EndSpace Ending = iota
	// EndHyphen is a break inside a word, where a hyphen was added.
	EndHyphen
	// EndInside is a break inside a word with nothing added: after a
	// hyphen, dash or slash of the text, inside a URL, or inside a word
	// too wide for the line.
	EndInside
	// EndHardBreak is a hard line break of the text.
	EndHardBreak
	// EndParagraph is the paragraph's last line.
	EndParagraph
)

// Fragment is text drawn in one call to fpdf's Text (TextSpaced when its
// WordSpace is not 0) at (margin + X, baseline), in Style. Its Text has
// been sanitized for the face.
type Fragment struct {
	// X is where Text starts, from the left margin; Width is its advance.
	X, Width float64
	// Text is the text to draw: runs' text, sanitized for the face, with
	// an inserted hyphen at the end of a hyphenated line.
	Text string
	// WordSpace is the width added to each space (U+0020) of Text, in
	// points: on a stretched or shrunk line, the words of one style and
	// the spaces between them are one fragment, each space as wide as
	// its glue was set. Width counts it. 0 on a line set at its natural
	// width, whose spaces are the face's.
	WordSpace float64
	// Style is the run's style with its size scaled.
	Style Style
	// Link is the URL of the run the text comes from, if any.
	Link string
}

// Layout sets the paragraph in lines. It can be called any number of
// times, concurrently, with different layouts.
func (p *Paragraph) Layout(l Layout) *Block {
	if len(l.Widths) == 0 {
		panic("typeset: Layout needs at least one line width")
	}
	b := p.layout(l)
	if l.Balance && len(l.Widths) == 1 && l.Align != Justify && len(b.Lines) > 1 {
		b = p.balance(l, b)
	}
	return b
}

// balance sets the paragraph b set in l at the narrowest width, to the
// point, that keeps b's number of lines without a worse pass or an
// overfull line, and places its lines within l's width as l aligns
// them.
func (p *Paragraph) balance(l Layout, b *Block) *Block {
	width := l.Widths[0]
	scale := l.Scale
	if scale <= 0 {
		scale = 1
	}
	// No width narrower than the text shared evenly among the lines, or
	// than its widest word, keeps their number.
	lo := max(p.NaturalWidth(scale)/float64(len(b.Lines)), p.MinWidth(scale)) - 1
	hi, best := width, b
	narrow := l
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		narrow.Widths = []float64{mid}
		try := p.layout(narrow)
		if len(try.Lines) == len(b.Lines) && try.Pass <= b.Pass && !overfull(try) {
			hi, best = mid, try
		} else {
			lo = mid
		}
	}
	if shift := width - hi; best != b && l.Align != Left && shift > 0 {
		if l.Align == Center {
			shift /= 2
		}
		for i := range best.Lines {
			for j := range best.Lines[i].Fragments {
				best.Lines[i].Fragments[j].X += shift
			}
		}
	}
	return best
}

func overfull(b *Block) bool {
	for _, ln := range b.Lines {
		if ln.Overfull {
			return true
		}
	}
	return false
}

// layout sets the paragraph in lines as l says, without balancing them.
func (p *Paragraph) layout(l Layout) *Block {
	scale := l.Scale
	if scale <= 0 {
		scale = 1
	}
	leading := l.Leading
	if leading <= 0 {
		leading = 1.2
	}
	s := setter{p: p, scale: scale, narrowest: math.Inf(1), wholeWords: l.WholeWords}
	for _, w := range l.Widths {
		s.narrowest = min(s.narrowest, w)
	}
	s.items()

	params := linebreak.Defaults(l.Widths...)
	if l.Align == Justify {
		// Narrow columns need more tolerance than TeX's 200 for a 30 em
		// line, and an em of emergency stretch before a line overflows.
		params.Tolerance = 400
		params.EmergencyStretch = 2 * s.em()
	} else {
		params.Mode = linebreak.Ragged
	}
	lines, pass := linebreak.Break(s.its, params)
	b := &Block{Lines: make([]Line, len(lines)), Pass: pass}
	for i, ln := range lines {
		b.Lines[i] = s.line(ln, l, i, leading)
		b.Height += b.Lines[i].Height
	}
	s.release()
	return b
}

// MinWidth is the width of the widest part of the paragraph no line can
// break, at scale: the narrowest column it is set in without cutting a
// word or a number (Layout cuts what is wider than every line, and
// breaks a phone number that is at its spaces). A word may be
// hyphenated (a name too, when it must: see Hyphenator.AppendAllPoints),
// so its widest piece counts, with the hyphen.
func (p *Paragraph) MinWidth(scale float64) float64 { return p.widest(scale, false) }

// WordWidth is the width of the paragraph's widest word at scale, not
// hyphenated: the narrowest column that sets it, with WholeWords, without
// a hyphen the author did not put there. It is MinWidth for a paragraph
// with no hyphenation points.
func (p *Paragraph) WordWidth(scale float64) float64 { return p.widest(scale, true) }

// NaturalWidth is the width of the paragraph's widest line at scale when
// it is set in lines too wide to break, as Layout sets it with a width
// no line reaches: the width a table's column needs to hold it on one
// line (more where it has hard breaks). It is the widest Line.Width of
// that Layout, without setting the lines.
func (p *Paragraph) NaturalWidth(scale float64) float64 {
	if scale <= 0 {
		scale = 1
	}
	// No glue follows a hard break: the spaces after it were dropped
	// when the paragraph was prepared (see builder.segment).
	widest, cur := 0.0, 0.0
	for _, pc := range p.pieces {
		switch pc.kind {
		case pieceBox, pieceSpace, pieceNBSpace, pieceKeptSpace:
			cur += float64(pc.units) * (p.runs[pc.run].Style.Size * scale) / 1000 // as Layout sums it
		case pieceForced:
			widest, cur = max(widest, cur), 0
		}
	}
	return max(widest, cur)
}

// widest is the width of the widest part of the paragraph no line can
// break at scale, breaking at every hyphenation point, or at the soft
// hyphens the author put there alone.
func (p *Paragraph) widest(scale float64, softOnly bool) float64 {
	if scale <= 0 {
		scale = 1
	}
	width := func(pc piece) float64 { return float64(pc.units) * p.runs[pc.run].Style.Size * scale / 1000 }
	widest, cur := 0.0, 0.0
	for _, pc := range p.pieces {
		switch pc.kind {
		case pieceBox, pieceNBSpace, pieceKeptSpace:
			cur += width(pc)
		case pieceHyphen:
			if !softOnly || !pc.late {
				widest = max(widest, cur+width(pc))
				cur = 0
			}
		case pieceSpace, pieceBreak, pieceForced:
			widest = max(widest, cur)
			cur = 0
		}
	}
	return max(widest, cur)
}

// setter builds the items of one layout and turns lines back into text.
type setter struct {
	p         *Paragraph
	scale     float64
	narrowest float64
	// wholeWords: hyphenation points are pieceHyphen's resort ones
	// (Layout.WholeWords).
	wholeWords bool
	its        []linebreak.Item
	refs       []int32     // the piece each item comes from; -1 for none
	extra      []piece     // pieces of words chopped because wider than a line
	keep       int         // the first of p.keeps not wholly before the piece being added
	wordEnd    int         // the piece after the last word wordFits measured
	wordFit    bool        // and whether that word fits the narrowest line
	buf        *itemBuffer // where its and refs come from (see release)
}

func (s *setter) size(run int32) float64 { return s.p.runs[run].Style.Size * s.scale }

func (s *setter) width(pc piece) float64 { return float64(pc.units) * s.size(pc.run) / 1000 }

// em is the size of the paragraph's first run, for emergency stretch.
func (s *setter) em() float64 {
	if len(s.p.runs) == 0 {
		return 0
	}
	return s.size(0)
}

func (s *setter) piece(ref int32) piece {
	if int(ref) < len(s.p.pieces) {
		return s.p.pieces[ref]
	}
	return s.extra[int(ref)-len(s.p.pieces)]
}

func (s *setter) add(it linebreak.Item, ref int) {
	s.its = append(s.its, it)
	s.refs = append(s.refs, int32(ref))
}

// itemBuffers hold the items of layouts done: a paragraph is laid out
// at every size a leaflet tries, and its items are not needed once its
// lines are made.
var itemBuffers = sync.Pool{New: func() any { return new(itemBuffer) }}

type itemBuffer struct {
	its  []linebreak.Item
	refs []int32
}

func (s *setter) items() {
	s.buf = itemBuffers.Get().(*itemBuffer)
	n := len(s.p.pieces) + len(s.p.pieces)/8
	s.its = slices.Grow(s.buf.its[:0], n)
	s.refs = slices.Grow(s.buf.refs[:0], n)
	for i, pc := range s.p.pieces {
		w := s.width(pc)
		switch pc.kind {
		case pieceBox:
			if w > s.narrowest+1e-6 { // as wordFits: a width given back by a sum and a difference
				s.chop(pc)
				continue
			}
			s.add(linebreak.NewBox(w), i)
		case pieceNBSpace, pieceKeptSpace:
			if pc.kind == pieceNBSpace || s.keeps(i) {
				s.add(linebreak.NewPenalty(0, linebreak.Infinity, false), -1)
			}
			fallthrough
		case pieceSpace:
			if pc.penalty > 0 {
				// The line breaks at the penalty, if at all: glue after
				// one is no break.
				s.add(linebreak.NewPenalty(0, float64(pc.penalty), false), -1)
			}
			// TeX's proportions for a text font: a space may grow by half
			// and shrink by a third.
			s.add(linebreak.NewGlue(w, w/2, w/3), i)
		case pieceHyphen, pieceBreak:
			if (pc.resort || s.wholeWords && pc.late && pc.kind == pieceHyphen) && s.wordFits(i) {
				continue // a name, an e-mail address, or a word in a cell, that a line can hold whole
			}
			s.add(linebreak.Item{Kind: linebreak.Penalty, Width: w, Penalty: float64(pc.penalty), Flagged: pc.flagged, Late: pc.late}, i)
		case pieceForced:
			s.add(linebreak.NewPenalty(0, -linebreak.Infinity, false), i)
		}
	}
}

// keeps reports whether the pieceKeptSpace at piece i is kept from
// breaking: whether its phone number fits on the narrowest line, at its
// natural width. A number that does not is broken at its spaces, like
// text, rather than run over the margin or be cut inside a group. The
// pieces asked about never go back.
func (s *setter) keeps(i int) bool {
	for s.p.keeps[s.keep].end <= int32(i) {
		s.keep++
	}
	return s.p.keeps[s.keep].width*s.scale <= s.narrowest+1e-6
}

// wordFits reports whether the word holding piece i, the stretch of
// pieces between two breaks that are not hyphenation points, fits on
// the narrowest line at its natural width. The pieces asked about never
// go back.
func (s *setter) wordFits(i int) bool {
	if i < s.wordEnd {
		return s.wordFit
	}
	inside := func(pc piece) bool {
		switch pc.kind {
		case pieceBox, pieceNBSpace, pieceKeptSpace:
			return true
		case pieceHyphen:
			return pc.late
		case pieceBreak:
			return pc.resort // inside an e-mail address
		}
		return false
	}
	start, end := i, i+1
	for start > 0 && inside(s.p.pieces[start-1]) {
		start--
	}
	for end < len(s.p.pieces) && inside(s.p.pieces[end]) {
		end++
	}
	w := 0.0
	for _, pc := range s.p.pieces[start:end] {
		if pc.kind != pieceHyphen {
			w += s.width(pc)
		}
	}
	s.wordEnd, s.wordFit = end, w <= s.narrowest+1e-6
	return s.wordFit
}

// release gives the items back for another layout, unless there were so
// many (a paragraph of megabytes) that keeping them would hold memory
// no other paragraph needs.
func (s *setter) release() {
	if cap(s.its) <= maxPooledItems {
		s.buf.its, s.buf.refs = s.its[:0], s.refs[:0]
		itemBuffers.Put(s.buf)
	}
	s.buf, s.its, s.refs = nil, nil, nil
}

// maxPooledItems is the most items a pooled buffer keeps room for: 3 MB,
// a paragraph of some 30,000 words.
const maxPooledItems = 1 << 16

// chop adds a box wider than the narrowest line as chunks that each fit,
// cut between grapheme clusters, with a costly break between them: a
// long URL or hash then fills lines instead of running off the page.
func (s *setter) chop(pc piece) {
	face := s.p.runs[pc.run].Style.Face
	limit := s.narrowest * 1000 / s.size(pc.run) // in thousandths of an em
	start, units := 0, 0
	emit := func(end int) {
		at := int32(-1)
		if pc.at >= 0 {
			at = pc.at + int32(start)
		}
		s.extra = append(s.extra, piece{kind: pieceBox, run: pc.run, units: int32(units), text: pc.text[start:end], at: at})
		ref := len(s.p.pieces) + len(s.extra) - 1
		s.add(linebreak.NewBox(s.width(s.extra[len(s.extra)-1])), ref)
		start, units = end, 0
	}
	state := -1
	rest := pc.text
	for pos := 0; len(rest) > 0; {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		u := face.Units(cluster)
		if units > 0 && float64(units+u) > limit {
			emit(pos)
			s.add(linebreak.NewPenalty(0, chopPenalty, false), -1)
		}
		units += u
		pos += len(cluster)
	}
	emit(len(pc.text))
}

// line turns a broken line back into positioned fragments, merging what
// can be drawn in one call: pieces of one word, and words of one style
// with the spaces between them (stretched or shrunk by the fragment's
// WordSpace when the line is).
func (s *setter) line(ln linebreak.Line, l Layout, index int, leading float64) Line {
	var out Line
	natural := ln.Ratio == 0
	x := 0.0
	var glue piece    // the glue since the last box, if one
	glues := 0        // how many glue items since the last box
	var sizes float64 // largest size on the line
	face := func(run int32) {
		st := s.p.runs[run].Style
		sz := st.Size * s.scale
		sizes = max(sizes, sz)
		m := st.Face.Metrics()
		out.Ascent = max(out.Ascent, m.Ascent*sz)
		out.Descent = max(out.Descent, -m.Descent*sz)
	}
	// The last fragment's text is s.p.text[rawFrom:rawTo] while rawTo ≥ 0,
	// so that extending it with the next piece of text is a reslice.
	rawFrom, rawTo := 0, -1
	// spaced is true while every space (U+0020) of the last fragment's
	// text stands for a glue: only then can its WordSpace widen them.
	spaced := false
	glueW := 0.0 // the width the last glue was set at
	extend := func(last *Fragment, text string, at int32) {
		if rawTo >= 0 && int(at) == rawTo {
			rawTo += len(text)
			last.Text = s.p.text[rawFrom:rawTo]
			return
		}
		last.Text += text
		rawTo = -1
	}
	appendText := func(run int32, text string, at int32, w float64) {
		st := s.p.runs[run].Style
		st.Size *= s.scale
		link := s.p.runs[run].Link
		face(run)
		plain := strings.IndexByte(text, ' ') < 0
		if n := len(out.Fragments); n > 0 {
			last := &out.Fragments[n-1]
			same := last.Style == st && last.Link == link
			switch {
			case same && glues == 0:
				extend(last, text, at)
				last.Width += w
				spaced = spaced && plain
				x += w
				return
			case same && glues == 1 && natural && glue.run == run && glue.text != "":
				extend(last, glue.text, glue.at)
				extend(last, text, at)
				last.Width += s.width(glue) + w
				x += w
				return
			case same && glues == 1 && !natural && glue.run == run && glue.text == " " && spaced && plain:
				// A space's glue stretches in proportion to its width,
				// which its style sets: every space of the fragment is
				// widened alike, and the words are drawn in one call.
				extend(last, glue.text, glue.at)
				extend(last, text, at)
				last.WordSpace = glueW - s.width(glue)
				last.Width += glueW + w
				x += w
				return
			}
		}
		out.Fragments = append(out.Fragments, Fragment{X: x, Width: w, Text: text, Style: st, Link: link})
		spaced = plain
		rawFrom, rawTo = int(at), int(at)+len(text)
		if at < 0 {
			rawTo = -1
		}
		x += w
	}
	for k := ln.Start; k < ln.End; k++ {
		it := s.its[k]
		switch it.Kind {
		case linebreak.Box:
			pc := s.piece(s.refs[k])
			if pc.text != "" {
				appendText(pc.run, pc.text, pc.at, it.Width)
			}
			glues = 0
		case linebreak.Glue:
			w := it.Width
			if ln.Ratio >= 0 {
				w += ln.Ratio * it.Stretch
			} else {
				w += ln.Ratio * it.Shrink
			}
			x += w
			glue, glueW = s.piece(s.refs[k]), w
			glues++
		}
	}
	out.Ending = EndParagraph
	if ln.End < len(s.its) {
		it, ref := s.its[ln.End], s.refs[ln.End]
		switch {
		case it.Kind == linebreak.Glue:
			out.Ending = EndSpace
		case ref < 0:
			out.Ending = EndInside // between the chunks of a chopped word
		case s.piece(ref).kind == pieceForced:
			out.Ending = EndHardBreak
		case s.piece(ref).kind == pieceHyphen:
			out.Ending = EndHyphen
		default:
			out.Ending = EndInside
		}
		if it.Kind == linebreak.Penalty && it.Width > 0 {
			appendText(s.piece(ref).run, "-", -1, it.Width)
		}
		if sizes == 0 && ref >= 0 { // an empty line before a hard break
			face(s.piece(ref).run)
		}
	}
	if sizes == 0 && len(s.p.runs) > 0 {
		face(0)
	}
	out.Width = x
	width := l.Widths[min(index, len(l.Widths)-1)]
	out.Overfull = ln.Overfull || x > width+1e-6
	shift := 0.0
	if len(l.Indents) > 0 {
		shift = l.Indents[min(index, len(l.Indents)-1)]
	}
	switch l.Align {
	case Center:
		shift += max(0, (width-x)/2)
	case Right:
		shift += max(0, width-x)
	}
	for i := range out.Fragments {
		out.Fragments[i].X += shift
	}
	out.Height = leading * sizes
	return out
}
