package layout

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"github.com/tractpub/tract/internal/pdf/typeset"
)

// Prepared is a Spec analysed once: its paragraphs broken into pieces and
// measured. Setting it at a size is cheap, so fitting a leaflet on one
// page tries several sizes without analysing the text again.
type Prepared struct {
	spec     *Spec
	flows    []flow
	warnings []Warning
	reserves int
	// paras holds the paragraphs analysed, by paraKey, if the Spec
	// asked to Remember them; set the paragraphs set in lines, by
	// paragraph and layout. Both are passed on to a later version's
	// preparation, which takes what it shares with this one.
	paras map[string]*typeset.Paragraph
	set   *setParas
	// pictures is the share of the text block's height a picture may
	// take at most; 0 for pictureShare.
	pictures float64
	// fitPictures fits a picture that does not fit in the room left on
	// a page, rather than leave the room blank (WithPicturesFitted).
	fitPictures bool
}

// pictureShare is the most of the text block's height a picture takes.
const pictureShare = 0.45

// WithPictures returns p with its pictures no taller than share of the
// text block (pictureShare unless told): a leaflet too long for one page
// with its pictures that large tries them smaller before a second page.
func (p *Prepared) WithPictures(share float64) *Prepared {
	q := *p
	q.pictures = share
	return &q
}

// Pictures that do not fit in the room left on a page are shrunk to fit
// it down to minPictureScale of their size, and never below
// minPictureEms (or their own height).
const (
	minPictureScale = 0.6
	minPictureEms   = 8
)

// WithPicturesFitted returns p with a picture that does not fit in the
// room left on a page fitted to it, rather than moved to the next page
// and the room left blank: shrunk to fit, if it keeps minPictureScale of
// its size (and minPictureEms of height); else set at the top of the next
// page, after the text that follows it has filled this one, if that text
// is only paragraphs (no heading, table or other picture). For documents
// of many pages: a leaflet fitted to its page sizes its pictures with
// WithPictures instead.
func (p *Prepared) WithPicturesFitted() *Prepared {
	q := *p
	q.fitPictures = true
	return &q
}

// WithReserve returns p with its i-th reserved box (BlockReserve, counted
// from 0) h points high: a document whose last page would hold little but
// the QR code's box tries a smaller one before giving up that page.
func (p *Prepared) WithReserve(i int, h float64) *Prepared {
	q := *p
	q.flows = slices.Clone(p.flows)
	for k := range q.flows {
		if f := &q.flows[k]; f.kind == fReserve && f.reserve == i {
			f.space = h
		}
	}
	return &q
}

// HasPictures reports whether the document shows a picture.
func (p *Prepared) HasPictures() bool {
	return slices.ContainsFunc(p.flows, func(f flow) bool { return f.kind == fImage })
}

// setParas are the paragraphs of a document set in lines, so that a
// later version of the document, which shares most of its paragraphs
// (see Spec.Earlier), sets only those that changed; and its tables set
// whole. The editions of a document, set at once, share them: mu guards
// blocks and tables.
type setParas struct {
	mu sync.Mutex
	// blocks are each paragraph's settings: a few at most (an edition's
	// measure, another size tried).
	blocks map[*typeset.Paragraph][]setBlock
	// tables are the tables set, by their first cell and measure (see
	// setter.table): a long pamphlet's hundreds of rows are the same
	// from one save to the next unless a cell changed.
	tables map[tableKey][]*setTable
}

type tableKey struct {
	first               *typeset.Paragraph
	size, textW, indent float64
}

// setTable is a table set at one size and measure: what it was set
// from, and its rows.
type setTable struct {
	cells  [][]*typeset.Paragraph
	aligns []typeset.Align
	header int
	bars   []float64
	rows   []setRow
}

// setRow is a row of a table set: its items (one per band), its height
// and its lines too wide for their cell.
type setRow struct {
	items []item
	h     float64
	over  int
}

// sameTable reports whether st was set from the table of f.
func (st *setTable) sameTable(f *flow) bool {
	t := f.table
	return st.header == t.header && slices.Equal(st.aligns, t.aligns) && slices.Equal(st.bars, f.bars) &&
		slices.EqualFunc(st.cells, t.rows, slices.Equal[[]*typeset.Paragraph])
}

// table gives the table of f as putTable kept it set at key's size and
// measure, or nil.
func (sp *setParas) table(key tableKey, f *flow) *setTable {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	for _, st := range sp.tables[key] {
		if st.sameTable(f) {
			return st
		}
	}
	return nil
}

// putTable keeps st, the table of f set whole at key's size and measure.
func (sp *setParas) putTable(key tableKey, st *setTable) {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	if sp.tables == nil {
		sp.tables = map[tableKey][]*setTable{}
	}
	sp.tables[key] = append(sp.tables[key], st)
}

// setBlock is a paragraph set in lines with the layout key says.
type setBlock struct {
	key setKey
	blk *typeset.Block
}

type setKey struct {
	width, lead, scale  float64
	align               typeset.Align
	wholeWords, balance bool
}

// layout sets para in lines as l says (one width), or gives the lines of
// an earlier call with the same paragraph and layout.
func (sp *setParas) layout(para *typeset.Paragraph, l typeset.Layout) *typeset.Block {
	if sp == nil {
		return para.Layout(l)
	}
	k := setKey{width: l.Widths[0], lead: l.Leading, scale: l.Scale, align: l.Align, wholeWords: l.WholeWords, balance: l.Balance}
	sp.mu.Lock()
	for _, b := range sp.blocks[para] {
		if b.key == k {
			sp.mu.Unlock()
			return b.blk
		}
	}
	sp.mu.Unlock()
	blk := para.Layout(l)
	sp.mu.Lock()
	sp.blocks[para] = append(sp.blocks[para], setBlock{k, blk})
	sp.mu.Unlock()
	return blk
}

// keep returns the set paragraphs of sp whose paragraph is one of
// paras, and its tables whose cells all are. It costs a lookup for each
// of paras, not a walk of every setting sp holds.
func (sp *setParas) keep(paras map[string]*typeset.Paragraph) *setParas {
	n := &setParas{blocks: make(map[*typeset.Paragraph][]setBlock, len(paras))}
	if sp == nil {
		return n
	}
	sp.mu.Lock()
	defer sp.mu.Unlock()
	for _, p := range paras {
		if bs, ok := sp.blocks[p]; ok {
			// Clipped: what either appends goes to an array of its own.
			n.blocks[p] = slices.Clip(bs)
		}
	}
	for k, sts := range sp.tables {
		for _, st := range sts {
			// Every cell of a table set was set in lines (see
			// setTable): a cell kept has its lines kept.
			if !slices.ContainsFunc(st.cells, func(r []*typeset.Paragraph) bool {
				return slices.ContainsFunc(r, func(p *typeset.Paragraph) bool { return n.blocks[p] == nil })
			}) {
				if n.tables == nil {
					n.tables = map[tableKey][]*setTable{}
				}
				n.tables[k] = append(n.tables[k], st)
			}
		}
	}
	return n
}

// Prepare analyses spec.
func Prepare(spec *Spec) *Prepared {
	sp := *spec
	sp.Earlier = nil // the new preparation must not hold the chain of every earlier one
	b := &builder{spec: &sp, hyph: spec.Hyphenator, top: 2, sub: 3}
	if spec.Earlier != nil {
		b.earlier = spec.Earlier.paras
	}
	if spec.Remember {
		b.paras = map[string]*typeset.Paragraph{}
	}
	b.scopes, b.printed = scopes(spec.Blocks)
	if spec.Beside {
		b.beside = newBeside()
	}
	read := false
	defer func() {
		if b.beside != nil && !read {
			close(b.beside.jobs) // a panic: the goroutine ends
		}
	}()
	for _, blk := range spec.Blocks {
		b.block(blk)
	}
	read = true
	if b.beside != nil {
		b.beside.finish(b)
	}
	p := &Prepared{spec: &sp, flows: b.out, warnings: b.warnings, reserves: b.reserves, paras: b.paras}
	if spec.Remember {
		var earlier *setParas
		if spec.Earlier != nil {
			earlier = spec.Earlier.set
		}
		p.set = earlier.keep(p.paras)
	}
	return p
}

// Reused counts the paragraphs of p, as it remembers them (see
// Spec.Remember), that were taken from earlier rather than analysed
// again, and all of them.
func (p *Prepared) Reused(earlier *Prepared) (reused, total int) {
	old := make(map[*typeset.Paragraph]bool, len(earlier.paras))
	for _, para := range earlier.paras {
		old[para] = true
	}
	for _, para := range p.paras {
		if old[para] {
			reused++
		}
	}
	return reused, len(p.paras)
}

// ForPage returns p for pages of another size and margins. The analysis
// of the text depends on neither, so the editions of a document on two
// papers share it; p itself is unchanged, and both can be set.
func (p *Prepared) ForPage(width, height float64, margins [4]float64) *Prepared {
	spec := *p.spec
	spec.Width, spec.Height, spec.Margins = width, height, margins
	q := *p
	q.spec = &spec
	return &q
}

// item is a piece of a page that the paginator places whole: a line of a
// paragraph, a table row, a picture, a space.
type item struct {
	h           float64
	ops         []Op // relative to the left margin and the item's top
	discardable bool // a space: dropped at the top of a page
	forceBreak  bool
	keep        bool    // keep with the next item
	leadIn      bool    // the last line of a lead-in (see flow.leadIn)
	fill        float64 // a fill's share of its page's free room; h comes from it (see fills)
	para        int     // the paragraph a line belongs to; -1 for none
	line, lines int     // the line's index in its paragraph, and their number
	hyphen      bool    // the line ends with a hyphen the line breaker put in
	anchor      string
	bookmark    *Bookmark
	reserve     int // -1, or the index of a reserved box
	toc         *tocEntry
	tocWidth    float64 // the width of a contents entry's text
	tocSize     float64
	// tab is the table a row (or a band of one) belongs to, nil for
	// none; row is its index among the table's body rows, below 0 for
	// the header.
	tab *tableRun
	row int
	// pic is a picture's, if it may be fitted to the room on a page.
	pic *picFit
	// passable: a line of a paragraph not kept with what follows, or a
	// space; a picture may be moved after such items (see fitPicture).
	passable bool
}

// picFit is what the paginator needs to fit a picture to a page.
type picFit struct {
	x, w  float64 // the measure it is centred in
	minH  float64 // the least height it may be shrunk to
	moved bool    // moved after the text that follows it, once
}

// tableRun is what the paginator needs of a table set in rows: how many
// body rows it has, and its header, drawn again at the top of each page
// the table continues on.
type tableRun struct {
	rows  int
	head  []Op // relative to the left margin and the header's top
	headH float64
}

// setter sets flow at one size.
type setter struct {
	p     *Prepared
	size  float64
	textW float64
	items []item
	paras int
	over  int
	// room is, for setWithin, the height the pages hold (0: no limit);
	// a table stops setting its rows once its own pass it (full).
	room float64
	full bool
	// ops holds the operations of the lines set, which the items of
	// paragraphs take slices of (takeOps).
	ops []Op
}

// setterBufs are the items and operations of settings done, cleared, for
// the next ones. A setting's items and their operations are garbage once
// it is paginated, as paginate copies the operations it places, or once
// it is found not to fit: a leaflet's Fit sets it three or four times.
// Taken again, they saved a full build of the bench corpus 1.5 GB of
// its 8.4 GB of allocations (TRACT_MEMPROFILE).
var setterBufs = sync.Pool{New: func() any { return new(setterBuf) }}

type setterBuf struct {
	items []item
	ops   []Op
}

// newSetter is a setter with the buffers of one done; release gives them
// back.
func newSetter(p *Prepared, size, textW float64) (*setter, *setterBuf) {
	b := setterBufs.Get().(*setterBuf)
	return &setter{p: p, size: size, textW: textW, items: b.items[:0], ops: b.ops[:0]}, b
}

// release gives s's buffers back through b, cleared. Nothing may use s's
// items or their operations after.
func (s *setter) release(b *setterBuf) {
	clear(s.items)
	clear(s.ops)
	b.items, b.ops = s.items[:0], s.ops[:0]
	s.items, s.ops = nil, nil
	setterBufs.Put(b)
}

// takeOps returns an empty slice with room for n operations, from s.ops.
// When s.ops is full, it starts a larger one: the slices taken from the
// last stay where they are.
func (s *setter) takeOps(n int) []Op {
	if cap(s.ops)-len(s.ops) < n {
		s.ops = make([]Op, 0, max(2*cap(s.ops), n, 1024))
	}
	at := len(s.ops)
	s.ops = s.ops[:at+n]
	return s.ops[at : at : at+n]
}

// Set sets the document with body text of size points.
func (p *Prepared) Set(size float64) (*Document, *Result) {
	doc, res, _ := p.setWithin(size, 0)
	return doc, res
}

// setWithin sets the document at size, as Set does, unless pages is more
// than 0 and it will take more pages than that: then it stops as soon as
// its lines are known to fill more, and ok is false. Fit needs no more of
// a size that does not fit; a leaflet written three times too long is
// given up after a third of its text.
//
// What it checks is a bound paginate cannot beat: a page holds items
// whose heights add up to at most its text height (one taller item is
// placed alone, and counts as the whole page), and spaces are the only
// items it may drop. So when the other items, each counted at most a page
// tall, add up to more than pages pages, the document takes more.
func (p *Prepared) setWithin(size float64, pages int) (doc *Document, res *Result, ok bool) {
	doc, res, ok, _ = p.setPast(size, pages, 1)
	return doc, res, ok
}

// fill is what setPast measured of a size that does not fit: the height
// of the items set, counted as setWithin counts them, the part of it that
// does not change with the size of the text (pictures, reserved boxes),
// and the room the pages hold. whole says every item was set; if not,
// they filled past times the room before the end.
type fill struct {
	filled, fixed, room float64
	whole               bool
}

// setPast is setWithin going on past the room: it gives a size up only
// once the items set fill past times the room (past 1 is setWithin), and
// says how far they went.
func (p *Prepared) setPast(size float64, pages int, past float64) (doc *Document, res *Result, ok bool, f fill) {
	sp := p.spec
	s, buf := newSetter(p, size, sp.Width-sp.Margins[1]-sp.Margins[3])
	defer s.release(buf)
	textH := sp.Height - sp.Margins[0] - sp.Margins[2]
	f.room = float64(pages) * (textH + pageSlack)
	if pages > 0 {
		s.room = past * f.room
	}
	counted := 0
	for i := range p.flows {
		fl := &p.flows[i]
		s.flow(fl)
		if pages <= 0 {
			continue
		}
		if s.full {
			return nil, nil, false, f
		}
		filled := 0.0
		for _, it := range s.items[counted:] {
			if !it.discardable && it.h > 0 {
				h := it.h
				if it.pic != nil {
					h = it.pic.minH // it may be shrunk to that
				}
				filled += min(h, textH)
			}
		}
		f.filled += filled
		if fl.kind == fImage || fl.kind == fReserve {
			f.fixed += filled
		}
		counted = len(s.items)
		if f.filled > s.room {
			return nil, nil, false, f
		}
	}
	f.whole = true
	if pages > 0 && f.filled > f.room {
		return nil, nil, false, f
	}
	doc, res = s.paginate()
	res.Warnings = append(res.Warnings, p.warnings...)
	res.Overfull = s.over
	return doc, res, pages <= 0 || len(doc.Pages) <= pages, f
}

func (s *setter) add(it item) { s.items = append(s.items, it) }

func (s *setter) flow(f *flow) {
	em := s.size
	switch f.kind {
	case fSpace:
		s.add(item{h: f.space * em, discardable: true, para: -1, reserve: -1, keep: f.keep, passable: !f.keep})
	case fBreak:
		s.add(item{forceBreak: true, para: -1, reserve: -1})
	case fRule:
		x := f.indent * em
		h := 0.4 * em
		s.add(item{h: h, para: -1, reserve: -1, keep: f.keep, ops: []Op{{Kind: OpLine, X: x, Y: h / 2, W: s.textW - x, LineWidth: 0.5, Gray: 120}}})
	case fReserve:
		s.add(item{h: f.space, para: -1, reserve: f.reserve})
	case fFill:
		s.add(item{para: -1, reserve: -1, keep: f.keep, fill: f.space})
	case fImage:
		s.image(f)
	case fPara:
		s.paragraph(f)
	case fTable:
		s.table(f)
	case fTOC:
		s.contents(f)
	}
}

// continuedMark marks a line of code that goes on the line before.
const continuedMark = "↪"

// paragraph sets a paragraph in lines, one item each.
func (s *setter) paragraph(f *flow) {
	em := s.size
	x := f.indent * em
	width := s.textW - x
	if width < 4*em {
		width = 4 * em
	}
	blk := s.p.set.layout(f.para, typeset.Layout{Widths: []float64{width}, Align: f.align, Leading: f.lead, Scale: s.size, Balance: f.balance})
	id := s.paras
	s.paras++
	// The lines' operations, in one allocation: counted first.
	n := 1 // a marker
	for _, ln := range blk.Lines {
		n += len(ln.Fragments) + len(f.bars) + 1 // and a continued mark
		for _, fr := range ln.Fragments {
			if fr.Style.Strike {
				n++
			}
			if fr.Link != "" {
				n++
			}
		}
	}
	ops := s.takeOps(n)
	for i, ln := range blk.Lines {
		if ln.Overfull {
			s.over++
		}
		it := item{h: ln.Height, para: id, line: i, lines: len(blk.Lines), reserve: -1, passable: !f.keep, hyphen: ln.Hyphenated()}
		it.ops = ops[len(ops):len(ops)] // shares ops' array: appends fit
		base := baseline(ln.Height, ln.Ascent, ln.Descent)
		for _, fr := range ln.Fragments {
			it.ops = append(it.ops, Op{Kind: OpText, X: x + fr.X, Y: base, Text: fr.Text, WordSpace: fr.WordSpace, Font: s.fontOf(fr.Style), Size: fr.Style.Size})
			if fr.Style.Strike {
				// Through the middle of the lower-case letters.
				it.ops = append(it.ops, Op{Kind: OpLine, X: x + fr.X, Y: base - 0.28*fr.Style.Size, W: fr.Width, LineWidth: 0.06 * fr.Style.Size})
			}
			if fr.Link != "" {
				it.ops = append(it.ops, Op{Kind: OpLink, X: x + fr.X, Y: base - ln.Ascent, W: fr.Width, H: ln.Ascent + ln.Descent, URL: fr.Link})
			}
		}
		for _, bar := range f.bars {
			it.ops = append(it.ops, Op{Kind: OpRect, X: bar*em + 0.2*em, Y: 0, W: 1.5, H: ln.Height, Fill: true, Gray: 170})
		}
		if f.continued && i > 0 && blk.Lines[i-1].Ending != typeset.EndHardBreak && len(ln.Fragments) > 0 {
			// "↪", in grey, where a list's marker would be.
			size := ln.Fragments[0].Style.Size
			w := s.p.builderFace(Mono).Width(continuedMark, size)
			it.ops = append(it.ops, Op{Kind: OpText, X: x - markerGap*em - w, Y: base, Text: continuedMark, Font: Mono, Size: size, Gray: 110})
		}
		if i == 0 {
			if f.marker != "" {
				face := s.p.builderFace(f.markerFont)
				msize := em * f.markerScale
				mw := face.Width(f.marker, msize)
				it.ops = append(it.ops, Op{Kind: OpText, X: x - markerGap*em - mw, Y: base, Text: f.marker, Font: f.markerFont, Size: msize})
			}
			it.anchor = f.anchor
			it.bookmark = f.bookmark
		}
		it.ops = it.ops[:len(it.ops):len(it.ops)]
		ops = ops[:min(len(ops)+len(it.ops), cap(ops))]
		if i == len(blk.Lines)-1 {
			it.keep, it.leadIn = f.keep, f.leadIn
		}
		s.items = append(s.items, it)
	}
}

// baseline puts a line's baseline so that the extra leading is shared
// equally above and below its tallest face.
func baseline(height, ascent, descent float64) float64 {
	return (height-(ascent+descent))/2 + ascent
}

func (p *Prepared) builderFace(f Font) interface {
	Width(string, float64) float64
} {
	b := builder{spec: p.spec, top: 2, sub: 3}
	return b.face(f)
}

func (s *setter) fontOf(st typeset.Style) Font {
	set := s.p.spec.Fonts
	switch st.Face {
	case set.SerifBold:
		return SerifBold
	case set.SerifItalic:
		return SerifItalic
	case set.SerifBoldItalic:
		return SerifBoldItalic
	case set.Sans:
		return Sans
	case set.SansBold:
		return SansBold
	case set.Mono:
		return Mono
	}
	return Serif
}

// image sets a picture at the measure's width or its natural size (at
// 150 dpi) if smaller, and never taller than pictureShare of the text
// block (or the share WithPictures set).
func (s *setter) image(f *flow) {
	sp := s.p.spec
	x := f.indent * s.size
	maxW := s.textW - x
	maxH := cmp.Or(s.p.pictures, pictureShare) * (sp.Height - sp.Margins[0] - sp.Margins[2])
	img := f.image
	if img.Width <= 0 || img.Height <= 0 {
		return
	}
	w := math.Min(maxW, float64(img.Width)*72/150)
	h := w * float64(img.Height) / float64(img.Width)
	if h > maxH {
		h = maxH
		w = h * float64(img.Width) / float64(img.Height)
	}
	it := item{h: h, para: -1, reserve: -1, keep: f.keep, ops: []Op{{Kind: OpImage, X: x + (maxW-w)/2, Y: 0, W: w, H: h, Image: img}}}
	if s.p.fitPictures {
		it.pic = &picFit{x: x, w: maxW, minH: max(minPictureScale*h, min(h, minPictureEms*s.size))}
	}
	s.add(it)
}

// contents sets a line of a table of contents; its page number is added
// once the document is paginated.
func (s *setter) contents(f *flow) {
	em := s.size
	x := f.indent * em
	numW := 2.5 * em
	blk := f.toc.para.Layout(typeset.Layout{Widths: []float64{s.textW - x - numW}, Align: typeset.Left, Leading: f.lead, Scale: s.size})
	for i, ln := range blk.Lines {
		it := item{h: ln.Height, para: -1, reserve: -1}
		base := baseline(ln.Height, ln.Ascent, ln.Descent)
		for _, fr := range ln.Fragments {
			it.ops = append(it.ops, Op{Kind: OpText, X: x + fr.X, Y: base, Text: fr.Text, WordSpace: fr.WordSpace, Font: s.fontOf(fr.Style), Size: fr.Style.Size})
		}
		if i == len(blk.Lines)-1 {
			it.toc = f.toc
			it.tocWidth = s.textW
			it.tocSize = em
			it.ops = append(it.ops, Op{Kind: OpLink, X: x, Y: 0, W: s.textW - x, H: ln.Height, URL: "#" + f.toc.anchor})
		}
		s.items = append(s.items, it)
	}
	if n := len(blk.Lines); n == 0 {
		return
	}
	s.items = append(s.items, item{h: 0.15 * em, discardable: true, para: -1, reserve: -1})
}

// rowBand is the height, in ems, of the bands a table row taller than
// that is set in (see table).
const rowBand = 12

// table sets a table row by row; the header row is kept with the first
// row, and drawn again on each page the table continues on (paginate).
// A table set whole before at this size and measure, from the same
// cells (a later version of the document, see Spec.Earlier), is not set
// again: its rows are added as they were.
func (s *setter) table(f *flow) {
	t := f.table
	if len(t.rows) == 0 || len(t.rows[0]) == 0 {
		s.setTable(f, s.addRow())
		return
	}
	sp := s.p.set
	if sp == nil {
		s.setTable(f, s.addRow())
		return
	}
	key := tableKey{first: t.rows[0][0], size: s.size, textW: s.textW, indent: f.indent}
	add := s.addRow()
	if st := sp.table(key, f); st != nil {
		for _, row := range st.rows {
			if !add(row) {
				return
			}
		}
		return
	}
	st := &setTable{cells: t.rows, aligns: t.aligns, header: t.header, bars: f.bars}
	if s.setTable(f, func(row setRow) bool {
		st.rows = append(st.rows, row)
		return add(row)
	}) {
		sp.putTable(key, st)
	}
}

// addRow returns a function that adds a table's rows to s one by one,
// and reports whether the next is wanted: a table of thousands of rows
// in a leaflet tried at a dozen sizes need not be set past the room.
func (s *setter) addRow() func(setRow) bool {
	tableH := 0.0
	return func(row setRow) bool {
		s.items = append(s.items, row.items...)
		s.over += row.over
		if tableH += row.h; s.room > 0 && tableH > s.room {
			s.full = true
			return false
		}
		return true
	}
}

// setTable sets the table of f, giving each row to add as it is set
// until add returns false, and reports whether every row was set.
func (s *setter) setTable(f *flow, add func(setRow) bool) bool {
	em := s.size
	t := f.table
	x0 := f.indent * em
	width := s.textW - x0
	cols := 0
	for _, r := range t.rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return true
	}
	pad := 0.4 * em
	// Each column gets its natural width (its widest cell on one line)
	// when they all fit; otherwise its longest word, the rows that fit
	// on one line, and a share of the rest (see shareWidths).
	natural := make([][]float64, len(t.rows)) // each cell's, on one line
	flat := make([]float64, len(t.rows)*cols)
	words := make([]float64, cols)
	least := make([]float64, cols)
	for ri, r := range t.rows {
		natural[ri] = flat[ri*cols : ri*cols+len(r)]
		for c, p := range r {
			natural[ri][c] = p.NaturalWidth(s.size) + 2*pad
			// Not a layout one point wide: that cuts every word into
			// letters, and a column given so little cut "625,00 €" into
			// "625,0" and "0 €".
			words[c] = max(words[c], p.WordWidth(s.size)+2*pad+0.01*em)
			least[c] = max(least[c], p.MinWidth(s.size)+2*pad+0.01*em)
		}
	}
	widths := shareWidths(natural, words, least, width)
	run := &tableRun{rows: max(len(t.rows)-t.header, 0)}
	for ri, r := range t.rows {
		row := setRow{}
		type cellSet struct {
			blk *typeset.Block
			x   float64
		}
		var cells []cellSet
		rowH := 0.0
		cx := x0
		for c := 0; c < cols; c++ {
			if c < len(r) {
				align := typeset.Left
				if c < len(t.aligns) {
					align = t.aligns[c]
				}
				blk := s.p.set.layout(r[c], typeset.Layout{Widths: []float64{max(widths[c]-2*pad, em)}, Align: align, Leading: 1.2, Scale: s.size, WholeWords: true})
				cells = append(cells, cellSet{blk, cx + pad})
				rowH = max(rowH, blk.Height)
			}
			cx += widths[c]
		}
		rowH += 2 * pad * 0.6
		frags := 0 // the row's, each drawn as one op
		for _, c := range cells {
			for _, ln := range c.blk.Lines {
				frags += len(ln.Fragments)
				if ln.Overfull {
					row.over++
				}
			}
		}
		// A row is one item, kept whole, unless it is taller than a
		// band: then it goes in bands the pages may break between, each
		// ending at a line of every cell (a cell of 600 words ran past the
		// page's foot, its end lost). Each cell's lines follow one
		// another, from where its last band ended or the band's top.
		band := rowH
		if rowH > rowBand*em {
			band = rowBand * em
		}
		next := make([]int, len(cells))   // each cell's first line not set
		at := make([]float64, len(cells)) // where it goes, in the row
		for i := range at {
			at[i] = pad * 0.6
		}
		for top := 0.0; ; {
			// Most rows are one band: room for all their ops, the rule
			// under them and the bars beside them.
			it := item{para: -1, reserve: -1, keep: ri < t.header, tab: run, row: ri - t.header, ops: make([]Op, 0, frags+1+len(f.bars))}
			bottom := top
			for i, c := range cells {
				y := max(at[i], top)
				for first := true; next[i] < len(c.blk.Lines); next[i]++ {
					ln := &c.blk.Lines[next[i]]
					if !first && y+ln.Height > top+band {
						break // in a later band
					}
					base := y - top + baseline(ln.Height, ln.Ascent, ln.Descent)
					for _, fr := range ln.Fragments {
						it.ops = append(it.ops, Op{Kind: OpText, X: c.x + fr.X, Y: base, Text: fr.Text, WordSpace: fr.WordSpace, Font: s.fontOf(fr.Style), Size: fr.Style.Size})
					}
					y += ln.Height
					first = false
				}
				at[i] = y
				bottom = max(bottom, y)
			}
			last := true
			for i, c := range cells {
				last = last && next[i] == len(c.blk.Lines)
			}
			if last {
				bottom += pad * 0.6
			}
			it.h = bottom - top
			if last {
				lw := 0.4
				if ri == t.header-1 {
					lw = 0.9
				}
				it.ops = append(it.ops, Op{Kind: OpLine, X: x0, Y: it.h, W: cx - x0, LineWidth: lw, Gray: 90})
			}
			for _, bar := range f.bars {
				it.ops = append(it.ops, Op{Kind: OpRect, X: bar*em + 0.2*em, Y: 0, W: 1.5, H: it.h, Fill: true, Gray: 170})
			}
			if ri < t.header {
				for _, op := range it.ops {
					op.Y += run.headH
					run.head = append(run.head, op)
				}
				run.headH += it.h
			}
			row.items = append(row.items, it)
			if last {
				row.h = bottom
				break
			}
			top = bottom
		}
		if !add(row) {
			return false
		}
	}
	return true
}

// capWidths gives each column min(minimum, c), c being the cap at which
// they add up to width (which their minimums pass).
func capWidths(minimum []float64, width float64) []float64 {
	sorted := slices.Sorted(slices.Values(minimum))
	c, below := 0.0, 0.0 // below: the sum of the minimums under the cap
	for i, m := range sorted {
		// With the cap at m or above, columns i.. each take the cap.
		if left := len(sorted) - i; below+float64(left)*m >= width {
			c = (width - below) / float64(left)
			break
		}
		below += m
	}
	out := make([]float64, len(minimum))
	for i, m := range minimum {
		out[i] = min(m, c)
	}
	return out
}

// narrowWidths gives each column max(least, min(words, c)), c being the
// cap at which they add up to width (which their least widths do not
// pass, and their words' do): the columns of the longest words are
// narrowed first, as far as hyphenation allows.
func narrowWidths(least, words []float64, width float64) []float64 {
	at := func(c float64) (sum float64, free int) {
		for i := range least {
			sum += max(least[i], min(words[i], c))
			if least[i] < c && c < words[i] {
				free++
			}
		}
		return sum, free
	}
	// The sum grows with c, in straight lines between these points.
	points := slices.Sorted(slices.Values(slices.Concat(least, words)))
	c := points[len(points)-1]
	for k := 1; k < len(points); k++ {
		if sum, _ := at(points[k]); sum >= width {
			lo := points[k-1]
			sum, _ := at(lo)
			_, free := at((lo + points[k]) / 2)
			c = lo
			if free > 0 {
				c += (width - sum) / float64(free)
			}
			break
		}
	}
	out := make([]float64, len(least))
	for i := range out {
		out[i] = max(least[i], min(words[i], c))
	}
	return out
}

// shareWidths divides width among columns. cells are the rows' cells'
// widths on one line (a row may have fewer cells than words has
// columns), words each column's longest word, least its narrowest
// hyphenated piece (no more than words).
//
// Natural widths (each column's widest cell) are kept when they fit.
// Else each column gets its longest word, so no word of a cell is
// hyphenated; then the rows that need least room are set on one line
// each, as long as their columns fit (see wholeRows); and the rest is
// shared in proportion to what each column still wants: a column of
// long sentences took the room and left "Impor-te" and "Ayudas
// concedi-das" in its neighbours' headers. When the words do not fit
// side by side, the longest are hyphenated (narrowWidths), and only when
// even their pieces do not, cut (capWidths).
func shareWidths(cells [][]float64, words, least []float64, width float64) []float64 {
	natural := make([]float64, len(words))
	for _, r := range cells {
		for c, w := range r {
			natural[c] = max(natural[c], w)
		}
	}
	total := 0.0
	for _, n := range natural {
		total += n
	}
	if total <= width {
		return natural
	}
	wordTotal, leastTotal := 0.0, 0.0
	for i := range words {
		wordTotal += words[i]
		leastTotal += least[i]
	}
	if leastTotal >= width {
		// Not every column's longest word fits, even hyphenated.
		// Shrinking them all in
		// proportion cut every word ("Stree|t", "£960.0|0") while the
		// widest column kept room to spare. Instead the widest minimums
		// are capped, at the one width that makes the columns fill the
		// room: the columns of short words keep theirs, and only the
		// longest words (an address, a long name) are cut.
		return capWidths(least, width)
	}
	if wordTotal >= width {
		return narrowWidths(least, words, width)
	}
	// Give every column its longest word and its whole rows, then share
	// the rest in proportion to what each still wants.
	out := wholeRows(cells, words, width)
	rest, want := width, 0.0
	for i := range out {
		rest -= out[i]
		want += max(natural[i]-out[i], 0)
	}
	for i := range out {
		out[i] += rest * max(natural[i]-out[i], 0) / want
	}
	return out
}

// wholeRows widens columns from widths (whose sum is no more than width)
// so that rows of cells are set on one line each: those that need least
// room first, each if its columns then still fit in width. A row is one
// line only if all its cells are: two long headers in a row that wraps
// anyway took the room in proportion to their length, and left "Two
// bedrooms" in rows of short figures on two lines.
func wholeRows(cells [][]float64, widths []float64, width float64) []float64 {
	out := slices.Clone(widths)
	need := func(r []float64) (sum float64) {
		for c, w := range out {
			if c < len(r) {
				w = max(w, r[c])
			}
			sum += w
		}
		return sum
	}
	rows := slices.Clone(cells)
	slices.SortStableFunc(rows, func(a, b []float64) int { return cmp.Compare(need(a), need(b)) })
	for _, r := range rows {
		if need(r) <= width {
			for c, w := range r {
				out[c] = max(out[c], w)
			}
		}
	}
	return out
}
