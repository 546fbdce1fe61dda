package layout

import (
	"math"
	"slices"
	"strconv"
)

// Widows and orphans: a paragraph broken across pages keeps at least this
// many lines on each side of the break.
const minLinesAtBreak = 2

// A table broken across pages keeps at least this many body rows on each
// side of the break: no header alone, or over one row, at a page's foot,
// and no row alone at the head of the next. So a table of three rows or
// fewer is kept whole when it fits on a page.
const minRowsAtBreak = 2

// maxRepeatedHead is the most of a page's text height a table's header
// may take to be drawn again on the pages the table continues on.
const maxRepeatedHead = 0.25

// pageSlack is how far past a page's text height its items may reach:
// rounding, not room.
const pageSlack = 0.01

// breakable reports whether a page may end just before item i, given that
// the page started at item start.
func (s *setter) breakable(start, i int) bool {
	if i <= start {
		return false
	}
	prev, cur := &s.items[i-1], &s.items[i]
	// Not after an item kept with the next, nor after the spaces that
	// follow one: a heading's space above it is not kept with it, and
	// a heading over a heading was left at the foot of a page there.
	for k := i - 1; k >= start; k-- {
		if s.items[k].keep {
			return false
		}
		if !s.items[k].discardable {
			break
		}
	}
	if cur.tab != nil && cur.tab == prev.tab && cur.row != prev.row {
		// Between two rows of a table (a row taller than a page's
		// worth of bands breaks between them, as a paragraph would).
		return cur.row >= minRowsAtBreak && cur.tab.rows-cur.row >= minRowsAtBreak
	}
	if cur.para >= 0 && cur.para == prev.para {
		// Inside a paragraph: no orphan at the foot, no widow at the
		// head. A first line below the lead-in that announces it is no
		// orphan: the lead-in keeps it company. (Held to two lines, a
		// list's first item of three could not break at all, and took
		// its lead-in and heading to the next page unless all three fit.)
		foot := cur.line >= minLinesAtBreak || cur.line == 1 && s.announced(start, i-1)
		return foot && cur.lines-cur.line >= minLinesAtBreak
	}
	return true
}

// announced reports whether item k, on the page that starts at item
// start, comes next after the last line of a lead-in, but for spaces.
func (s *setter) announced(start, k int) bool {
	for j := k - 1; j >= start; j-- {
		if !s.items[j].discardable {
			return s.items[j].leadIn
		}
	}
	return false
}

// paginate places the items on pages: each page takes as many as fit,
// then the page ends at the last place where it may (not after a heading,
// not leaving one line of a paragraph alone, nor one row of a table). An
// item taller than a page is placed alone. A table that continues on a
// page starts it with its header again.
func (s *setter) paginate() (*Document, *Result) {
	sp := s.p.spec
	textH := sp.Height - sp.Margins[0] - sp.Margins[2]
	doc := &Document{Width: sp.Width, Height: sp.Height}
	res := &Result{Reserved: make([]Place, s.p.reserves)}
	anchors := map[string][2]float64{} // id -> page, y
	type tocAt struct {
		page int
		op   int // index of the entry's link op on its page
		it   *item
		y    float64
	}
	var tocs []tocAt
	s.fills(textH)

	start := 0
	for start < len(s.items) {
		// Spaces at the top of a page are dropped.
		for start < len(s.items) && s.items[start].discardable {
			start++
		}
		if start >= len(s.items) {
			break
		}
		head := s.continuedTable(start, textH)
		top := 0.0 // the height of the repeated header
		if head != nil {
			top = head.headH
		}
		end, y, forced := start, top, false
		for end < len(s.items) {
			it := &s.items[end]
			if it.forceBreak {
				forced = true
				break
			}
			if y+it.h > textH+pageSlack && end > start {
				break
			}
			y += it.h
			end++
		}
		if end < len(s.items) && !forced {
			// The page is full before item end: find where to end it.
			j := end
			for j > start && !s.breakable(start, j) {
				j--
			}
			if j > start {
				end = j
				// Not after a line that ends with a hyphen, which leaves
				// half a word to turn the page for: that line goes over
				// with the rest of its paragraph, where the paragraph
				// allows it (TeX's \brokenpenalty, as a rule).
				if k := j - 1; s.items[k].hyphen && k > start && s.breakable(start, k) {
					end = k
				}
			}
			if s.p.fitPictures && s.fitPicture(start, end, top, textH) {
				continue // the page again, with the picture fitted
			}
		}
		n := 4 // room for a footer
		if head != nil {
			n += len(head.head)
		}
		for k := start; k < end; k++ {
			n += len(s.items[k].ops)
		}
		page := &Page{Ops: make([]Op, 0, n)}
		doc.Pages = append(doc.Pages, page)
		pn := len(doc.Pages)
		y = sp.Margins[0]
		if head != nil {
			for _, op := range head.head {
				op.X += sp.Margins[3]
				op.Y += y
				page.Ops = append(page.Ops, op)
			}
			y += top
		}
		for k := start; k < end; k++ {
			it := &s.items[k]
			if it.anchor != "" {
				anchors[it.anchor] = [2]float64{float64(pn), y}
			}
			if it.bookmark != nil {
				doc.Bookmarks = append(doc.Bookmarks, Bookmark{Title: it.bookmark.Title, Level: it.bookmark.Level, Page: pn, Y: y})
			}
			if it.reserve >= 0 {
				res.Reserved[it.reserve] = Place{Page: pn, X: sp.Margins[3], Y: y, W: s.textW, H: it.h}
			}
			for _, op := range it.ops {
				op.X += sp.Margins[3]
				op.Y += y
				page.Ops = append(page.Ops, op)
			}
			if it.toc != nil {
				tocs = append(tocs, tocAt{page: pn, op: len(page.Ops) - 1, it: it, y: y})
			}
			y += it.h
		}
		start = end
		if forced {
			start++ // past the break
		}
	}
	if len(doc.Pages) == 0 {
		doc.Pages = append(doc.Pages, &Page{})
	}
	// Page numbers of the contents, now that the headings are placed.
	for _, t := range tocs {
		at, ok := anchors[t.it.toc.anchor]
		if !ok {
			continue
		}
		num := strconv.Itoa(int(at[0]))
		face := s.p.builderFace(Serif)
		w := face.Width(num, t.it.tocSize)
		link := &doc.Pages[t.page-1].Ops[t.op]
		base := link.Y + baseline(link.H, 0.93*t.it.tocSize, 0.24*t.it.tocSize)
		doc.Pages[t.page-1].Ops = append(doc.Pages[t.page-1].Ops, Op{Kind: OpText, X: sp.Margins[3] + t.it.tocWidth - w, Y: base, Text: num, Font: Serif, Size: t.it.tocSize})
	}
	// Internal links: "#id" becomes a destination in the document.
	for _, p := range doc.Pages {
		for i := range p.Ops {
			op := &p.Ops[i]
			if op.Kind != OpLink || len(op.URL) == 0 || op.URL[0] != '#' {
				continue
			}
			if at, ok := anchors[op.URL[1:]]; ok {
				op.DestPage, op.DestY = int(at[0]), at[1]
			}
			op.URL = ""
		}
	}
	return doc, res
}

// fills gives each fill (BlockFill) its height: its share of the room
// that the other items between the page breaks around it leave free on
// a page, none if they fill it.
func (s *setter) fills(textH float64) {
	from := 0 // the first item after the last page break
	for i := range s.items {
		if s.items[i].forceBreak {
			from = i + 1
		}
		if s.items[i].fill == 0 {
			continue
		}
		used := 0.0
		for k := from; k < len(s.items) && !s.items[k].forceBreak; k++ {
			if k != i {
				used += s.items[k].h
			}
		}
		s.items[i].h = s.items[i].fill * max(textH-used, 0)
	}
}

// fitPicture fits a picture that the page starting at item start, and
// ending before item end (y of top past the text block's top) leaves for
// the next: shrunk to the room left, or moved after the text that
// follows it and fills that room. It reports whether it changed the
// items: the page must be filled again.
func (s *setter) fitPicture(start, end int, top, textH float64) bool {
	f := end
	for f < len(s.items) && s.items[f].discardable {
		f++
	}
	if f >= len(s.items) || s.items[f].pic == nil {
		return false
	}
	pic := s.items[f].pic
	// What must follow it on its page: its caption.
	g := f + 1
	for g < len(s.items) && !s.breakable(start, g) {
		g++
	}
	y, tail := top, 0.0
	for k := start; k < f; k++ {
		y += s.items[k].h
	}
	for k := f + 1; k < g; k++ {
		tail += s.items[k].h
	}
	if room := textH - y - tail; room >= pic.minH && room < s.items[f].h {
		it := &s.items[f]
		op := it.ops[0]
		op.W *= room / op.H
		op.H = room
		op.X = pic.x + (pic.w-op.W)/2
		it.ops, it.h = []Op{op}, room
		return true
	}
	if pic.moved {
		return false
	}
	// Else the paragraphs that follow fill the room, and the picture
	// goes after them, at the top of the next page. It takes its space
	// above it, and the one after its caption, with it.
	a, b := f, g
	if a > end && s.items[a-1].discardable {
		a--
	}
	if b < len(s.items) && s.items[b].discardable && !s.items[b].keep {
		b++
	}
	y = top
	for k := start; k < a; k++ {
		y += s.items[k].h
	}
	e := b
	for e < len(s.items) && s.items[e].passable && y+s.items[e].h <= textH+pageSlack {
		y += s.items[e].h
		e++
	}
	for e > b && e < len(s.items) && !s.breakable(start, e) {
		e--
	}
	if !slices.ContainsFunc(s.items[b:e], func(it item) bool { return !it.discardable }) {
		return false
	}
	moved := slices.Concat(s.items[b:e], s.items[a:b])
	copy(s.items[a:e], moved)
	pic.moved = true
	return true
}

// continuedTable is the table whose header the page starting at item
// start draws again above its rows: the table start continues, if its
// header is not too tall to repeat; nil if none.
func (s *setter) continuedTable(start int, textH float64) *tableRun {
	it := &s.items[start]
	if it.tab == nil || it.row < 0 || start == 0 || s.items[start-1].tab != it.tab {
		return nil
	}
	if it.tab.headH == 0 || it.tab.headH > maxRepeatedHead*textH {
		return nil
	}
	return it.tab
}

// Fit finds the largest body size between max and min (in steps of a
// quarter point) at which the document takes at most pages pages, and
// the document set at that size. If none does, fits is false and doc and
// res are nil: the caller decides what to make of a text that is too
// long (Set it at min, or Fit it on more pages), and no size is set whole
// for nothing.
//
// Setting the largest size that does not fit, Fit goes on past the room
// (up to three times it) to measure how long the text is at that size,
// and looks first where that says the size that fits is (fill.guess).
// In a full build of the bench corpus, Fit's calls set 16,558 sizes,
// where a search halving the range from the start set 22,748. A guess
// is only where the search starts: the size found is the one a search
// from the largest size down finds, as long as a text that fits at a
// size fits at every smaller one.
func (p *Prepared) Fit(maxSize, minSize float64, pages int) (doc *Document, res *Result, size float64, fits bool) {
	lo, hi := int(minSize*4), int(maxSize*4)
	past := 1.0 // with no smaller size to try, nothing to measure
	if lo < hi {
		past = measurePast
	}
	d, r, ok, f := p.setPast(maxSize, pages, past)
	if ok {
		return d, r, maxSize, true
	}
	q, ok := searchSizes(lo, hi, f.guess(maxSize, lo), func(q int) bool {
		d, r, ok := p.setWithin(float64(q)/4, pages)
		if ok {
			doc, res = d, r // the last size that fits is the one found
		}
		return ok
	})
	if !ok {
		return nil, nil, 0, false
	}
	return doc, res, float64(q) / 4, true
}

// measurePast is how many times the room Fit sets the largest size
// before it gives up measuring: a leaflet that long at 12 pt does not
// fit at 8.5, whose lines take half the room, and a text of hundreds of
// pages filed as a leaflet is not set whole.
const measurePast = 3

// guess is the quarter point at which Fit looks first for the size that
// fits, for a text that did not fit at maxSize and filled what f says:
// below maxSize by a power of the share of the room its text would need
// to give up. The power and the factor were fitted, by least squares on
// their logarithms, to the 3,039 leaflets of the bench corpus that did
// not fit at their largest size and did at a smaller one (A4 and A5,
// with and without pictures): the share to the power 0.6 (the text's
// height grows with the size of its letters and with the number of its
// lines, but the last lines of paragraphs and the spaces between them
// do not shrink), and 0.92 for the room paginate leaves at the foot of
// pages. Of the guesses for the 3,295 leaflets that did not fit at their
// largest size, a third are right, four in five within a quarter point.
func (f fill) guess(maxSize float64, lo int) int {
	text, room := f.filled-f.fixed, f.room-f.fixed
	if !f.whole || text <= 0 || room <= 0 {
		return lo
	}
	return int(math.Floor(4 * maxSize * 0.92 * math.Pow(room/text, 0.6)))
}

// searchSizes finds the largest q in [lo, hi) for which fits(q), where
// fits(hi) is known to be false, and fits is taken to hold for every q
// below one for which it holds; ok is false if fits(lo) is false. It
// tries guess first, then the quarter points beside it on the side the
// answer is, one away, then two, four, and so on until one is on the
// other side; then it halves what is left of the range, and tries lo
// last, if no size above it fits. A guess off by one costs one setting
// more, not a search of the rest of the range. The last q it finds to
// fit is the one it returns.
func searchSizes(lo, hi, guess int, fits func(q int) bool) (q int, ok bool) {
	try := func(q int) bool {
		if fits(q) {
			lo, ok = q, true
			return true
		}
		hi = q
		return false
	}
	if lo < hi {
		if try(min(max(guess, lo), hi-1)) {
			for step := 1; lo+step < hi; step *= 2 {
				if !try(lo + step) {
					break
				}
			}
		} else {
			for step := 1; hi-step > lo; step *= 2 {
				if try(hi - step) {
					break
				}
			}
		}
	}
	for hi-lo > 1 {
		try((lo + hi) / 2)
	}
	if !ok && lo < hi {
		try(lo)
	}
	return lo, ok
}
