package linebreak

import (
	"math"
	"slices"
	"sync"
)

// infBad is TeX's "infinitely bad" badness: lines at least this bad are
// only accepted in the emergency pass.
const infBad = 10000

// Break returns the lines items break into, and the pass that found them.
// It never fails: the emergency pass accepts any line, and puts a box too
// wide for the line on a line of its own, marked Overfull. The end of
// items is a forced break; the last line, and every line ending in a
// forced break, is set at its natural width (its glue is not stretched).
// No items means no lines.
func Break(items []Item, p Params) ([]Line, Pass) {
	if len(items) == 0 {
		return nil, FirstFit
	}
	if p.Mode == Greedy {
		return greedy(items, &p), FirstFit
	}
	if line, ok := oneLine(items, &p); ok {
		// The first pass whose tolerance takes a line of badness 0.
		switch {
		case p.PreTolerance >= 0:
			return []Line{line}, NoHyphenation
		case p.Tolerance >= 0:
			return []Line{line}, WithHyphenation
		}
		return []Line{line}, Emergency
	}
	return passes(items, &p)
}

// passes is Break's Knuth–Plass passes: without hyphenation, with it,
// then the emergency pass.
func passes(items []Item, p *Params) ([]Line, Pass) {
	if p.PreTolerance >= 0 {
		if lines := totalFit(items, p, NoHyphenation); lines != nil {
			return lines, NoHyphenation
		}
	}
	if lines := totalFit(items, p, WithHyphenation); lines != nil {
		return lines, WithHyphenation
	}
	return totalFit(items, p, Emergency), Emergency
}

// oneLine returns the paragraph on one line, as the passes would set
// it, when it fits the first line at its natural width, with room for
// the widest hyphen it may break at (a line that would overflow at a
// break is given up there), and has no break that pays to be taken (a
// forced or a negative penalty). Most table cells, headings and list
// items are such paragraphs, and a table of hundreds of rows lays out
// thousands of them.
//
// Whatever the line penalty l, even none or a negative one: a last line
// is not stretched, so its demerits are l² alone, and each line before
// it adds a square and a penalty's square, none below zero. One line
// costs l²; more lines cost at least as much, and where they cost
// exactly as much (a first line of badness -l), the passes keep the
// setting found first, from the paragraph's start: one line.
func oneLine(items []Item, p *Params) (Line, bool) {
	w, hyphen := 0.0, 0.0
	for _, it := range items {
		switch {
		case it.Kind != Penalty:
			w += it.Width
		case it.Penalty < 0:
			return Line{}, false
		case it.Penalty < Infinity:
			hyphen = max(hyphen, it.Width)
		}
	}
	if w+hyphen > p.width(0) {
		return Line{}, false
	}
	return Line{End: len(items), Natural: w}, true
}

// node is a feasible break: the end of one line and the start of the next.
// Each points back to the break before it, and only the nodes reachable
// from the active list stay alive, so memory follows the active list and
// the one chain of breaks behind each active node, not the paragraph.
type node struct {
	pos  int // index of the item broken at; -1 for the paragraph start
	next int // index of the first item of the line after this break
	line int // index of the line after this break
	// Sums of the widths, stretch and shrink of items[:next]: a line
	// from this break to item b is W(b) - totalW wide, where W(b) sums
	// the widths of items[:b], and so on.
	totalW, totalY, totalZ float64
	demerits               float64
	fitness                int8
	flagged                bool
	hyphens                int8 // lines in a row ending flagged, this one's included
	// The line ending at this break, as it will be set.
	ratio, natural float64
	overfull       bool
	prev           *node
}

// candidate is the best way found so far to reach the break being tried,
// for one class of line number and one fitness class.
type candidate struct {
	from     *node
	demerits float64
	ratio    float64
	natural  float64
	overfull bool
	valid    bool
}

type breaker struct {
	items   []Item
	p       *Params
	pass    Pass
	final   bool
	ragged  bool
	thresh  float64
	extra   float64 // emergency stretch per line
	classes int     // lines are equivalent once past the last distinct width
	// runs is how many counts of hyphenated lines in a row tell breaks
	// apart (0 to the limit): two ways to a break that differ in it are
	// kept apart, as they are by fitness, since the one with fewer
	// demerits may be the one that cannot hyphenate its next line.
	runs    int
	maxRun  int8 // the most hyphenated lines in a row; 0 for no limit
	active  []*node
	cands   []candidate
	touched []int
	// Sums of items[:i] while scanning item i.
	w, y, z float64
	peak    int // the longest the active list has been, for tests
	scratch *scratch
}

func totalFit(items []Item, p *Params, pass Pass) []Line {
	b := newBreaker(items, p, pass)
	lines := b.run()
	b.release()
	return lines
}

// scratch is what a pass uses and drops once its lines are found: its
// nodes, from the last chunk of them (the earlier chunks stay where the
// nodes made from them point), its candidates and its lists. Passes
// take it again from scratches: in a full build of the bench corpus
// (3,000 items, every PDF), the nodes and candidates made anew for each
// pass were 0.8 GB of its 6.8 GB of allocations.
type scratch struct {
	nodes   []node
	cands   []candidate
	active  []*node
	touched []int
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// newNode returns a node holding n, from the scratch's chunk of nodes.
func (b *breaker) newNode(n node) *node {
	s := b.scratch
	if len(s.nodes) == cap(s.nodes) {
		s.nodes = make([]node, 0, max(2*cap(s.nodes), 64))
	}
	s.nodes = append(s.nodes, n)
	return &s.nodes[len(s.nodes)-1]
}

// release gives b's scratch back, cleared. Nothing may use b after.
func (b *breaker) release() {
	s := b.scratch
	clear(s.nodes)
	clear(b.cands)
	clear(b.active[:cap(b.active)])
	s.nodes, s.cands, s.active, s.touched = s.nodes[:0], b.cands[:0], b.active[:0], b.touched[:0]
	b.scratch, b.cands, b.active, b.touched = nil, nil, nil, nil
	scratches.Put(s)
}

func newBreaker(items []Item, p *Params, pass Pass) *breaker {
	b := &breaker{
		items:   items,
		p:       p,
		pass:    pass,
		final:   pass == Emergency,
		ragged:  p.Mode == Ragged,
		classes: max(len(p.Widths), 1),
	}
	switch pass {
	case NoHyphenation:
		b.thresh = p.PreTolerance
	case WithHyphenation:
		b.thresh = p.Tolerance
	case Emergency:
		b.thresh = math.Inf(1)
		b.extra = p.EmergencyStretch
	}
	b.runs = 1
	if p.MaxHyphensInARow > 0 && !b.final {
		b.maxRun = int8(min(p.MaxHyphensInARow, 100))
		b.runs = int(b.maxRun) + 1
	}
	b.scratch = scratches.Get().(*scratch)
	n := 4 * b.classes * b.runs
	b.cands = slices.Grow(b.scratch.cands[:0], n)[:n]
	b.touched = b.scratch.touched[:0]
	b.active = append(b.scratch.active[:0], b.newNode(node{pos: -1, fitness: 1}))
	return b
}

// run returns the best lines, or nil if this pass finds no way through.
func (b *breaker) run() []Line {
	items := b.items
	end := Item{Kind: Penalty, Penalty: -Infinity}
	for i := 0; i <= len(items); i++ {
		it := end
		if i < len(items) {
			it = items[i]
		}
		switch it.Kind {
		case Box:
			b.w += it.Width
		case Glue:
			if i > 0 && items[i-1].Kind == Box {
				b.try(i, it)
			}
			b.w += it.Width
			b.y += it.Stretch
			b.z += it.Shrink
		case Penalty:
			if it.Penalty < Infinity && !(it.Late && b.pass == NoHyphenation) {
				b.try(i, it)
			}
		}
		if len(b.active) == 0 {
			return nil // this pass found no way through; the next one will
		}
		b.peak = max(b.peak, len(b.active))
	}
	best := b.active[0]
	for _, a := range b.active[1:] {
		if a.demerits < best.demerits {
			best = a
		}
	}
	return lines(best)
}

// try considers a break at item i.
func (b *breaker) try(i int, it Item) {
	forced := it.Kind == Penalty && it.Penalty <= -Infinity
	var penaltyWidth float64
	if it.Kind == Penalty {
		penaltyWidth = it.Width
	}
	atEnd := i == len(b.items)
	minDemerits := math.Inf(1)
	var overfull *node // the last node standing if all become overfull
	kept := b.active[:0]
	for _, a := range b.active {
		width := b.p.width(a.line)
		natural := b.w - a.totalW + penaltyWidth
		if math.Abs(natural-width) <= 1e-6 {
			// As wide as the line but for the last bits of the floats it
			// was summed from (a table's column less its padding): it
			// fits, and is not overfull.
			natural = width
		}
		stretch, shrink := b.y-a.totalY, b.z-a.totalZ
		if b.ragged {
			stretch, shrink = b.p.RaggedStretch, 0
			if stretch <= 0 {
				stretch = width / 2
			}
		}
		glueStretch := stretch
		stretch += b.extra // counts for badness only: glue stretches as it can
		var r float64
		switch {
		case natural < width && forced:
			r = 0 // a last line is not stretched
		case natural < width && stretch > 0:
			r = (width - natural) / stretch
		case natural < width:
			r = math.Inf(1)
		case natural > width && shrink > 0:
			r = (width - natural) / shrink
		case natural > width:
			r = math.Inf(-1)
		}
		if r >= -1 && !forced {
			kept = append(kept, a)
		}
		if r < -1 {
			if overfull == nil || a.pos > overfull.pos || (a.pos == overfull.pos && a.demerits < overfull.demerits) {
				overfull = a
			}
			continue
		}
		bad := badness(r)
		if bad > b.thresh {
			continue
		}
		d := b.p.LinePenalty + bad
		if math.Abs(d) >= infBad {
			d = 1e8
		} else {
			d *= d
		}
		switch p := it.Penalty; {
		case it.Kind != Penalty || forced:
		case p > 0:
			d += p * p
		case p < 0:
			d -= p * p
		}
		if a.flagged {
			if atEnd {
				d += b.p.FinalHyphenDemerits
			} else if it.Flagged {
				d += b.p.DoubleHyphenDemerits
			}
		}
		run := int8(0)
		if flagged := it.Kind == Penalty && it.Flagged && !atEnd; flagged && b.maxRun > 0 {
			if run = a.hyphens + 1; run > b.maxRun {
				continue // one hyphen too many down the edge
			}
		}
		fit := fitness(r, bad)
		if abs8(fit-a.fitness) > 1 {
			d += b.p.AdjacentDemerits
		}
		d += a.demerits
		ratio := r
		switch {
		case b.ragged || forced && r >= 0 || glueStretch <= 0 && r > 0:
			ratio = 0
		case r > 0:
			ratio = (width - natural) / glueStretch
		}
		b.offer(a, fit, run, d, ratio, natural, false)
		minDemerits = min(minDemerits, d)
	}
	if b.final && len(kept) == 0 && minDemerits == math.Inf(1) && overfull != nil {
		// Nothing fits and nothing is left: rather than fail, end the
		// line here, over-full, from the most recent break.
		a := overfull
		natural := b.w - a.totalW + penaltyWidth
		ratio := -1.0
		if b.ragged {
			ratio = 0
		}
		b.offer(a, 0, 0, a.demerits, ratio, natural, true)
		minDemerits = a.demerits
	}
	clear(b.active[len(kept):]) // let deactivated nodes and their chains go
	b.active = kept
	if len(b.touched) > 0 {
		b.addNodes(i, it, minDemerits)
	}
	if b.p.MaxActive > 0 && len(b.active) > b.p.MaxActive {
		slices.SortFunc(b.active, func(x, y *node) int {
			return cmpFloat(x.demerits, y.demerits)
		})
		clear(b.active[b.p.MaxActive/2:])
		b.active = b.active[:b.p.MaxActive/2]
	}
}

// offer records a way to break at the current item from a, if it is the
// best yet for its line class, fitness and count of hyphenated lines in
// a row.
func (b *breaker) offer(a *node, fit, run int8, d, ratio, natural float64, overfull bool) {
	k := (4*min(a.line+1, b.classes-1)+int(fit))*b.runs + int(run)
	c := &b.cands[k]
	if !c.valid {
		b.touched = append(b.touched, k)
	} else if d >= c.demerits {
		return
	}
	*c = candidate{from: a, demerits: d, ratio: ratio, natural: natural, overfull: overfull, valid: true}
}

// addNodes turns the candidates for a break at item i into active nodes.
func (b *breaker) addNodes(i int, it Item, minDemerits float64) {
	next, w, y, z := after(b.items, i, b.w, b.y, b.z)
	for _, k := range b.touched {
		c := b.cands[k]
		b.cands[k] = candidate{}
		// A break this much worse than the best one here can never win.
		if c.demerits > minDemerits+b.p.AdjacentDemerits {
			continue
		}
		b.active = append(b.active, b.newNode(node{
			pos:      i,
			next:     next,
			line:     c.from.line + 1,
			totalW:   w,
			totalY:   y,
			totalZ:   z,
			demerits: c.demerits,
			fitness:  int8(k / b.runs % 4),
			flagged:  it.Kind == Penalty && it.Flagged,
			hyphens:  int8(k % b.runs),
			ratio:    c.ratio,
			natural:  c.natural,
			overfull: c.overfull,
			prev:     c.from,
		}))
	}
	b.touched = b.touched[:0]
}

// badness is TeX's: 100·r³, capped at infBad.
func badness(r float64) float64 {
	r = math.Abs(r)
	if r > 4.65 { // 100·4.65³ > 10000
		return infBad
	}
	return min(100*r*r*r, infBad)
}

// fitness classes: 0 tight, 1 decent, 2 loose, 3 very loose. Lines of
// classes more than one apart next to each other look uneven.
func fitness(r, bad float64) int8 {
	switch {
	case r < 0 && bad > 12:
		return 0
	case r < 0 || bad <= 12:
		return 1
	case bad <= 99:
		return 2
	}
	return 3
}

func abs8(x int8) int8 {
	if x < 0 {
		return -x
	}
	return x
}

func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// lines walks back from the last break to the first.
func lines(last *node) []Line {
	n := 0
	for a := last; a.prev != nil; a = a.prev {
		n++
	}
	out := make([]Line, n)
	for a := last; a.prev != nil; a = a.prev {
		n--
		out[n] = Line{Start: a.prev.next, End: a.pos, Ratio: a.ratio, Natural: a.natural, Overfull: a.overfull}
	}
	return out
}
