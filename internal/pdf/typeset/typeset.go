// Package typeset turns a paragraph of styled text into lines of
// positioned fragments, ready to be drawn one by one with fpdf's Text.
//
// It is the bridge between the fonts, hyphen and linebreak packages:
// [Prepare] finds where the text may break (the Unicode line breaking
// algorithm, UAX #14, via github.com/rivo/uniseg, plus hyphenation
// points and breaks inside URLs), replaces the runes the fonts cannot
// draw, and measures every piece once, in thousandths of an em. The
// resulting [Paragraph] is immutable; [Paragraph.Layout] turns it into
// lines for given widths, alignment and scale, cheaply enough for a
// paginator to try a dozen font sizes when fitting a leaflet on a page.
//
// Lines never break at a no-break space (U+00A0), a narrow no-break space
// (U+202F, French « » ; : ! ?) or a word joiner (U+2060), nor just inside
// quotation marks, whatever spaces surround them; nor inside a phone
// number ("+44 20 7946 0958", "01 23 45 67 89"), unless it is wider than
// a line.
package typeset

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/tractpub/tract/internal/pdf/fonts"
	"github.com/tractpub/tract/internal/pdf/hyphen"
)

// Style is how a run of text is set.
type Style struct {
	// Face must not be nil for a run with text.
	Face *fonts.Face
	Size float64 // points
	// Strike draws a line through the text (Markdown's ~~strikethrough~~);
	// the renderer draws it, the layout only keeps such text in its own
	// fragments.
	Strike bool
	// Code is set for code, whose words are not hyphenated: a reader
	// types them as printed, and a hyphen added would be typed too.
	Code bool
}

// Run is a stretch of a paragraph's text in one style. A "\n" in Text is
// a hard line break; soft line breaks from the source should be spaces.
type Run struct {
	// Text is the run's text as the editor wrote it (after typographic
	// rules such as French spacing have been applied).
	Text  string
	Style Style
	// Link is the URL the text links to, if any; it is passed through to
	// the fragments so the renderer can add the link annotation.
	Link string
}

// Replacement reports a rune of a run that the run's face cannot draw and
// what is drawn instead, so the caller can warn with the source position.
type Replacement struct {
	// Run is the index of the run, Offset the rune's byte offset in the
	// run's Text.
	Run, Offset int
	// Rune is the rune replaced, With what is drawn instead.
	Rune rune
	With string
}

// String describes the replacement for a warning to the editor.
func (r Replacement) String() string {
	return fonts.Replacement{Offset: r.Offset, Rune: r.Rune, With: r.With}.String()
}

// Costs of breaking, in TeX's units (a line's demerits are the square of
// its badness plus 10, plus the square of the penalty at its end).
const (
	hyphenPenalty   = 50   // at a hyphenation point or a soft hyphen
	exHyphenPenalty = 50   // after an explicit hyphen, dash or slash
	urlPenalty      = 50   // inside a URL, after / . ? & = # and the like
	chopPenalty     = 1000 // inside a word wider than the line
	// separatorPenalty is at the space before a dot that separates
	// (see separatorAt), which a line would start with.
	separatorPenalty = 500
)

// Paragraph is text prepared for layout: its break opportunities found,
// its words hyphenated, its runes sanitized and measured.
type Paragraph struct {
	runs   []Run
	text   string // the runs' texts joined
	pieces []piece
	reps   []Replacement
	keeps  []keep // in piece order
}

// keep is a stretch of pieces, a phone number and what UAX #14 glues to
// it, that a line breaks only when no line can hold it whole: its spaces
// are pieceKeptSpace.
type keep struct {
	end   int32   // the index of the piece after it
	width float64 // its natural width at scale 1, in points
}

type pieceKind uint8

const (
	pieceBox       pieceKind = iota // text that is drawn
	pieceSpace                      // glue where a line may break
	pieceNBSpace                    // glue where a line may not break
	pieceKeptSpace                  // glue in a phone number: no break unless its keep is wider than a line
	pieceHyphen                     // a hyphenation point: a hyphen is drawn if the line breaks here
	pieceBreak                      // a place to break without a hyphen: after "-", "/", a dash, inside a URL
	pieceForced                     // a hard line break
)

// piece is one element of a prepared paragraph. Widths are in thousandths
// of an em of the run's style, so one Paragraph lays out at any scale.
type piece struct {
	kind pieceKind
	late bool // only from the second pass on: hyphenation and URL breaks
	// resort: a hyphenation point of a word that starts with a capital,
	// or a break inside an e-mail address, which breaks only if no line
	// can hold the word whole (see Hyphenator.AppendAllPoints, isEmail).
	resort  bool
	flagged bool // the line ends with a hyphen when it breaks here
	run     int32
	units   int32 // box: its text; glue: one space; hyphen: the hyphen
	penalty int16
	// text is what a box draws (sanitized), or the space a glue stands
	// for, drawn when lines are set without stretching.
	text string
	// at is where text starts in the paragraph's text, or -1 when text
	// is not a slice of it (sanitized): then merging neighbouring pieces
	// into one fragment is slicing, not copying.
	at int32
}

// Prepare analyses runs for layout. hyph hyphenates the paragraph's
// language; nil hyphenates nothing. Every run's Style.Face must be set.
// The runs' texts are kept, not copied.
func Prepare(runs []Run, hyph *hyphen.Hyphenator) *Paragraph {
	p := &Paragraph{runs: runs}
	for i, r := range runs {
		if r.Style.Face == nil && r.Text != "" {
			panic(fmt.Sprintf("typeset: run %d has no face", i))
		}
	}
	b := builder{p: p, hyph: hyph}
	b.code = slices.ContainsFunc(runs, func(r Run) bool { return r.Style.Code })
	b.text, b.starts = joinRuns(runs)
	p.text = b.text
	// About one piece per 2 bytes of text (words, spaces, hyphenation
	// points), often more. The pieces of a paragraph of up to
	// maxPooledPieces are gathered in a buffer of the pool, then copied
	// to a slice of their length: sized by the guess and grown by
	// doubling, the slices of a full build of the bench corpus took
	// 1.4 GB where the pieces take 0.8 GB. A longer paragraph's are
	// gathered in a slice sized by the guess, which a 5 MB paragraph
	// notices: it is not made twice.
	guess := len(b.text)/2 + 1
	var buf *[]piece
	if guess <= maxPooledPieces {
		buf = pieceBuffers.Get().(*[]piece)
		p.pieces = slices.Grow((*buf)[:0], guess)
	} else {
		p.pieces = make([]piece, 0, guess)
	}
	b.findURLs()
	b.phones = findPhones(b.text)
	b.build()
	if buf != nil {
		pieces := slices.Clone(p.pieces)
		if cap(p.pieces) <= 2*maxPooledPieces {
			clear(p.pieces)
			*buf = p.pieces[:0]
			pieceBuffers.Put(buf)
		}
		p.pieces = pieces
	}
	return p
}

// pieceBuffers are the buffers Prepare gathers the pieces of a paragraph
// in, when it expects at most maxPooledPieces (about 2.6 MB of them).
var pieceBuffers = sync.Pool{New: func() any { return new([]piece) }}

const maxPooledPieces = 1 << 16

// Replacements lists the runes the fonts could not draw, in text order.
func (p *Paragraph) Replacements() []Replacement { return p.reps }

// Empty reports whether the paragraph has nothing to draw.
func (p *Paragraph) Empty() bool {
	for _, pc := range p.pieces {
		if pc.kind == pieceBox {
			return false
		}
	}
	return true
}

// joinRuns returns the paragraph's text and the byte offset at which
// each run starts in it (plus the end), without copying a single run.
func joinRuns(runs []Run) (string, []int) {
	starts := make([]int, len(runs)+1)
	n := 0
	for i, r := range runs {
		starts[i] = n
		n += len(r.Text)
	}
	starts[len(runs)] = n
	if len(runs) == 1 {
		return runs[0].Text, starts
	}
	var b strings.Builder
	b.Grow(n)
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return b.String(), starts
}

type builder struct {
	p      *Paragraph
	hyph   *hyphen.Hyphenator
	text   string
	starts []int
	points []int
	resort []int    // the points, of those, that only a word too wide for a line breaks at
	code   bool     // some run is code (Style.Code)
	urls   [][2]int // byte ranges of the words that look like URLs
	url    int      // the first of urls not wholly before the current position
	phones [][2]int // byte ranges of the phone numbers, from findPhones
	phone  int      // the first of phones not wholly before the current position
}

// inURL reports whether byte i is in a word that looks like a URL. The
// positions asked about never decrease.
func (b *builder) inURL(i int) bool { return inRange(b.urls, &b.url, i) }

// inPhone reports whether byte i is in a phone number, as inURL.
func (b *builder) inPhone(i int) bool { return inRange(b.phones, &b.phone, i) }

// inRange reports whether i is in one of ranges, sorted and apart;
// *next is the first range not wholly before the last i asked about.
func inRange(ranges [][2]int, next *int, i int) bool {
	for *next < len(ranges) && ranges[*next][1] <= i {
		*next++
	}
	return *next < len(ranges) && ranges[*next][0] <= i
}

// sameRange reports whether bytes i and j are in the same one of ranges:
// in a word that looks like a URL, which UAX #14 breaks after "/" and
// "-" and urlBreaks, seeing it whole, breaks elsewhere; in a phone
// number, which UAX #14 breaks at its spaces.
func sameRange(ranges [][2]int, i, j int) bool {
	k := sort.Search(len(ranges), func(k int) bool { return ranges[k][1] > i })
	return k < len(ranges) && ranges[k][0] <= i && j < ranges[k][1]
}

// findURLs fills b.urls. UAX #14 splits a URL after "/" and "-", so what
// is a URL is decided on whole words, between spaces.
func (b *builder) findURLs() {
	t := b.text
	if !mayHoldURL(t) {
		return
	}
	for i := 0; i < len(t); {
		j := strings.IndexFunc(t[i:], func(r rune) bool { return !unicode.IsSpace(r) })
		if j < 0 {
			break
		}
		i += j
		end := strings.IndexFunc(t[i:], unicode.IsSpace)
		if end < 0 {
			end = len(t) - i
		}
		if looksLikeURL(t[i : i+end]) {
			b.urls = append(b.urls, [2]int{i, i + end})
		}
		i += end
	}
}

// runAt returns the run holding byte i of the text: the last run that
// starts at or before i, which skips empty runs.
func (b *builder) runAt(i int) int {
	return sort.Search(len(b.p.runs), func(k int) bool { return b.starts[k] > i }) - 1
}

func (b *builder) face(run int) *fonts.Face { return b.p.runs[run].Style.Face }

// segment is the text between two break opportunities.
type segment struct {
	start, end int
	must       bool // a hard break ends it
}

func (b *builder) build() {
	var prev segment
	have := false
	state := -1
	rest := b.text
	pos := 0
	for len(rest) > 0 {
		seg, next, must, st := lineSegment(rest, state)
		s := segment{start: pos, end: pos + len(seg), must: must}
		pos, rest, state = s.end, next, st
		if have && !prev.must && (glued(b.text[prev.start:prev.end], b.text[s.start:s.end]) ||
			sameRange(b.urls, prev.end-1, s.start) || sameRange(b.phones, prev.end-1, s.start)) {
			prev.end, prev.must = s.end, s.must
			continue
		}
		if have {
			b.segment(prev, false)
		}
		prev, have = s, true
	}
	if have {
		b.segment(prev, true)
	}
}

// lineSegment returns what uniseg.FirstLineSegmentInString returns for
// rest, from state: the text up to rest's next break opportunity, the
// rest, whether the break is mandatory, and the state to go on from.
//
// A word of Latin letters (ASCII and Latin-1 and Latin Extended-A) and
// digits, then spaces, then such a letter (most of a text in a Latin
// script) is cut without uniseg's state machine. Whatever came before
// the word, UAX #14 keeps its letters and digits together (LB23, LB25,
// LB28) and its spaces with it (LB7), and breaks after them before a
// letter (LB18): no rule that could keep that letter on the line (LB14
// to LB17) reaches back past a letter or digit. uniseg, started afresh
// at that letter, then goes on as it would have: the state it carried
// across the word says only that spaces came last.
// TestLineSegmentsAreUnisegs and FuzzLineSegments check both claims
// against uniseg.
func lineSegment(rest string, state int) (seg, next string, must bool, newState int) {
	if n := latinWordAndSpaces(rest); n > 0 {
		return rest[:n], rest[n:], false, -1
	}
	seg, next, must, newState = uniseg.FirstLineSegmentInString(rest, state)
	// uniseg 0.4.7 reports a mandatory break after an emoji modifier
	// sequence that starts the text; only a newline makes one.
	must = must && next != "" && uniseg.HasTrailingLineBreakInString(seg)
	return seg, next, must, newState
}

// latinWordAndSpaces returns the length of the Latin letters and digits
// that s starts with and the spaces after them, if a Latin letter
// follows the spaces, or 0.
func latinWordAndSpaces(s string) int {
	i := 0
	for i < len(s) {
		if c := s[i]; '0' <= c && c <= '9' {
			i++
		} else if n := latinLetter(s[i:]); n > 0 {
			i += n
		} else {
			break
		}
	}
	if i == 0 {
		return 0
	}
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j == i || latinLetter(s[j:]) == 0 {
		return 0
	}
	return j
}

// latinLetter returns the length of the letter s starts with, if it is
// an ASCII letter, a Latin-1 one or one of Latin Extended-A (line break
// class AL, every one), or 0.
func latinLetter(s string) int {
	if s == "" {
		return 0
	}
	if c := s[0] | 0x20; c < utf8.RuneSelf {
		if 'a' <= c && c <= 'z' {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(s)
	if r >= 0xC0 && r <= 0x17F && r != 0xD7 && r != 0xF7 {
		return n
	}
	return 0
}

// glued reports whether UAX #14 (as of Unicode 15.0, what uniseg
// implements) allows a break between two segments that tract forbids:
// just inside quotation marks when spaces separate them from the quoted
// text (Unicode 15.1's rules LB15a and LB15b), and around the no-break
// spaces or before a space (LB7), should uniseg ever break there (it
// does after "✊🏽" at the start of a text).
func glued(prev, next string) bool {
	if c := next[0]; c == ' ' || c == '\t' {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(prev, " \t"))
	first, _ := utf8.DecodeRuneInString(strings.TrimLeft(next, " \t"))
	switch {
	case strings.ContainsRune("«‹“‘", last), strings.ContainsRune("»›”’", first):
		return true
	case noBreakSpace(last), noBreakSpace(first):
		return true
	}
	return false
}

func noBreakSpace(r rune) bool {
	return r == '\u00A0' || r == '\u202F' || r == '\u2060' || r == '\u2007'
}

// isSpace reports the spaces that become glue: they stretch and shrink
// when a line is justified. Fixed spaces (U+202F, U+2009) stay in boxes.
func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u00A0' }

func isNewline(r rune) bool {
	return r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '\u0085' || r == '\u2028' || r == '\u2029'
}

func (b *builder) segment(s segment, last bool) {
	seg := b.text[s.start:s.end]
	// Spaces at the start of a segment follow a hard break or start the
	// paragraph: they would vanish at the line start anyway.
	lead := len(seg) - len(strings.TrimLeftFunc(seg, func(r rune) bool { return isSpace(r) || isNewline(r) }))
	content := strings.TrimRightFunc(seg[lead:], func(r rune) bool { return isSpace(r) || isNewline(r) || r == '\u200B' })
	cs := s.start + lead
	ce := cs + len(content)
	trail := b.text[ce:s.end]
	softHyphen := strings.HasSuffix(content, "\u00AD")
	if softHyphen {
		ce -= len("\u00AD")
	}
	if ce > cs {
		b.content(cs, ce)
	}
	switch {
	case s.must:
		b.add(piece{kind: pieceForced, run: int32(b.runAt(max(ce, s.end-1)))})
	case last:
	case strings.IndexFunc(trail, isSpace) >= 0:
		i := ce + strings.IndexFunc(trail, isSpace)
		g := b.glue(pieceSpace, i)
		if separatorAt(b.text[s.end:]) {
			g.penalty = separatorPenalty
		}
		b.add(g)
	case softHyphen && ce > cs:
		r := b.runAt(ce - 1)
		b.add(piece{kind: pieceHyphen, flagged: true, penalty: hyphenPenalty, run: int32(r), units: int32(b.face(r).Units("-"))})
	case strings.ContainsRune(trail, '\u200B'): // zero width space: an invitation to break
		b.add(piece{kind: pieceBreak, run: int32(b.runAt(s.end - 1))})
	case ce > cs && b.inURL(ce-1):
		b.add(piece{kind: pieceBreak, late: true, penalty: urlPenalty, run: int32(b.runAt(ce - 1))})
	case ce > cs:
		lastRune, _ := utf8.DecodeLastRuneInString(b.text[cs:ce])
		// After a hyphen the line already ends with one: flagged, so that
		// it counts towards hyphens on consecutive lines.
		flagged := lastRune == '-' || lastRune == '\u2010'
		b.add(piece{kind: pieceBreak, flagged: flagged, penalty: exHyphenPenalty, run: int32(b.runAt(ce - 1))})
	}
}

// separatorAt reports whether s starts with a dot standing between
// spaces to separate what it stands between, as in "07700 900461 ·
// network@example.org". A line had rather end with it than start with
// it, where it reads as a list's bullet.
func separatorAt(s string) bool {
	sep, n := utf8.DecodeRuneInString(s)
	return (sep == '·' || sep == '•') && (len(s) == n || s[n] == ' ')
}

// glue returns the glue for the space at byte i, which the line breaker
// may stretch and shrink; U+0020 and U+00A0 are the same width in DejaVu
// but each is measured as itself.
func (b *builder) glue(kind pieceKind, i int) piece {
	r := b.runAt(i)
	c, n := utf8.DecodeRuneInString(b.text[i:])
	if c == '\t' {
		c = ' '
	}
	text, reps := b.face(r).Sanitize(string(c))
	b.report(r, i, reps)
	return piece{kind: kind, run: int32(r), units: int32(b.face(r).Units(text)), text: text, at: b.at(i, i+n, text)}
}

// at returns i if text is what the paragraph's text holds from i to
// end, that is if Sanitize left it alone, else -1.
func (b *builder) at(i, end int, text string) int32 {
	if b.text[i:end] == text {
		return int32(i)
	}
	return -1
}

func (b *builder) add(pc piece) { b.p.pieces = append(b.p.pieces, pc) }

// notInCode returns points, byte offsets from cs, without those in a run
// of code (Style.Code), in place.
func (b *builder) notInCode(cs int, points []int) []int {
	return slices.DeleteFunc(points, func(off int) bool {
		// The point is between the letters before and after it: the
		// letter before is in the run that decides.
		return b.p.runs[b.runAt(cs+max(off-1, 0))].Style.Code
	})
}

func (b *builder) report(run, at int, reps []fonts.Replacement) {
	for _, rep := range reps {
		b.p.reps = append(b.p.reps, Replacement{Run: run, Offset: at - b.starts[run] + rep.Offset, Rune: rep.Rune, With: rep.With})
	}
}

// content adds the pieces of text[cs:ce], a stretch with no break
// opportunity from UAX #14 inside: boxes split where the style changes,
// at hyphenation points, and at the breaks a URL gets; spaces inside it
// (kept together by the rules above) become glue that does not break,
// those of a phone number glue that breaks only if the stretch is wider
// than a line.
func (b *builder) content(cs, ce int) {
	content := b.text[cs:ce]
	first, kept := len(b.p.pieces), false
	// Byte offsets of the late breaks: hyphenation points, or the breaks
	// inside a URL, which is not hyphenated.
	b.points, b.resort = b.points[:0], b.resort[:0]
	url := b.inURL(cs)
	// whole: the breaks before it in a URL are last-resort ones (see
	// hostEnd).
	whole := 0
	switch {
	case url:
		b.points = urlBreaks(b.points, content)
		whole = hostEnd(content)
	case b.hyph != nil:
		// A name's points too, for when it is too wide for a line.
		b.points, b.resort = b.hyph.AppendAllPoints(b.points, b.resort, content)
		runeToByte(b.points, content)
		runeToByte(b.resort, content)
		if b.code {
			b.points, b.resort = b.notInCode(cs, b.points), b.notInCode(cs, b.resort)
		}
	}
	start := cs
	next := 0   // index into points
	resort := 0 // index into b.resort
	flush := func(end int) {
		if end > start {
			r := b.runAt(start)
			text, reps := b.face(r).Sanitize(b.text[start:end])
			b.report(r, start, reps)
			b.add(piece{kind: pieceBox, run: int32(r), units: int32(b.face(r).Units(text)), text: text, at: b.at(start, end, text)})
		}
		start = end
	}
	inSpace := false
	runEnd := b.starts[b.runAt(cs)+1]
	for off, c := range content {
		i := cs + off
		if next < len(b.points) && b.points[next] == off {
			next++
			flush(i)
			if url {
				b.add(piece{kind: pieceBreak, late: true, resort: off < whole, penalty: urlPenalty, run: int32(b.runAt(i - 1))})
			} else {
				r := b.runAt(i - 1)
				last := resort < len(b.resort) && b.resort[resort] == off
				if last {
					resort++
				}
				b.add(piece{kind: pieceHyphen, late: true, resort: last, flagged: true, penalty: hyphenPenalty, run: int32(r), units: int32(b.face(r).Units("-"))})
			}
		}
		if i >= runEnd {
			flush(i)
			runEnd = b.starts[b.runAt(i)+1]
		}
		switch {
		case isSpace(c) || isNewline(c):
			flush(i)
			if !inSpace {
				kind := pieceNBSpace
				if c == ' ' && b.inPhone(i) {
					kind, kept = pieceKeptSpace, true
				}
				b.add(b.glue(kind, i))
			}
			inSpace = true
			start = i + utf8.RuneLen(c)
			continue
		case c == '\u00AD': // a soft hyphen that UAX #14 does not break at
			flush(i)
			start = i + len("\u00AD")
		}
		inSpace = false
	}
	flush(ce)
	if kept {
		k := keep{end: int32(len(b.p.pieces))}
		for _, pc := range b.p.pieces[first:] {
			if pc.kind == pieceBox || pc.kind == pieceNBSpace || pc.kind == pieceKeptSpace {
				k.width += float64(pc.units) * b.p.runs[pc.run].Style.Size / 1000
			}
		}
		b.p.keeps = append(b.p.keeps, k)
	}
}

// runeToByte turns rune offsets into content into byte offsets, in place.
func runeToByte(points []int, content string) {
	if len(points) == 0 {
		return
	}
	n, k := 0, 0
	for i := range content {
		for k < len(points) && points[k] == n {
			points[k] = i
			k++
		}
		n++
	}
}

// afterAddress is the punctuation a sentence puts after an address
// written in it ("… at kellingford.org.", "(kellingford.org),"): not the
// address's own.
const afterAddress = ".,;:!?)]}>»”’\"'"

// looksLikeURL reports whether a word is a URL or an e-mail address,
// also without its scheme: example.org/fr/loyers, as printed addresses
// are written.
func looksLikeURL(word string) bool {
	word = strings.TrimLeft(word, "(<[«“\"'")
	if strings.Contains(word, "://") || strings.HasPrefix(word, "www.") ||
		strings.Contains(word, "@") && strings.Contains(word, ".") {
		return true
	}
	host, _, path := strings.Cut(word, "/")
	if !path {
		// A bare domain, "kellingford.org.": hyphenated, it would
		// send a reader who types it elsewhere.
		host = strings.TrimRight(host, afterAddress)
	}
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || len(host)-dot-1 < 2 {
		return false
	}
	for _, c := range host[dot+1:] {
		if c < 'a' || c > 'z' {
			return false // a domain ends in letters: not 1.5/2
		}
	}
	return true
}

// mayHoldURL reports whether t may hold a word looksLikeURL takes: one
// with a "/", an "@" or a dot followed by a small letter
// ("example.org"). Most paragraphs have none, and are not looked at
// word by word.
func mayHoldURL(t string) bool {
	if strings.ContainsAny(t, "/@") {
		return true
	}
	for i := strings.IndexByte(t, '.'); i >= 0 && i+1 < len(t); {
		if c := t[i+1]; 'a' <= c && c <= 'z' {
			return true
		}
		j := strings.IndexByte(t[i+1:], '.')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// isEmail reports whether a stretch urlBreaks breaks is an e-mail
// address.
func isEmail(s string) bool {
	return strings.IndexByte(s, '@') > 0 && !strings.Contains(s, "/")
}

// hostEnd is where the part of a URL that a line breaks only when it
// cannot hold it ends: an e-mail address whole, and a web address's
// scheme and host ("https://archive.x.org"). A reader types an address
// from the paper, and "network@example" ".org", or "(archive" ".x.org/…",
// reads as two things. The path may break where urlBreaks says in any
// line: it is often long, and breaks after its slashes read as one.
func hostEnd(s string) int {
	if isEmail(s) {
		return len(s)
	}
	from := 0
	if i := strings.Index(s, "://"); i >= 0 {
		from = i + len("://")
	}
	if i := strings.IndexByte(s[from:], '/'); i >= 0 {
		return from + i + 1 // with the slash: a line may break after it
	}
	return len(s)
}

// urlBreaks appends the byte offsets in a URL after which a line may
// break, as the Chicago Manual of Style breaks one: after a slash, a
// double slash or "://", and before other punctuation (. - _ ? & = # ~
// @ + , ; %), so that the next line starts with it. A line that ends
// with a hyphen or a full stop would read as the layout's hyphen or a
// sentence's end: "tenants-" "assembly/", "kellingford.gov." "uk/". An
// e-mail address breaks only from its @ on, its name kept whole. Never
// at either end.
func urlBreaks(points []int, s string) []int {
	const punct = "/.?&=#_@:~-+,;%"
	from := 0
	if isEmail(s) {
		from = strings.IndexByte(s, '@')
	}
	// The sentence's own punctuation after the address ("….org.",
	// "….org),") stays with it: a line never starts with the full stop.
	end := len(strings.TrimRight(s, afterAddress))
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(punct, s[i]) < 0 {
			continue
		}
		j := i + 1
		for j < len(s) && strings.IndexByte(punct, s[j]) >= 0 {
			j++ // a run ("://", "/-") is broken around, never inside
		}
		at := i // before the run
		if strings.Trim(s[i:j], ":/") == "" && s[j-1] == '/' {
			at = j // after "/", "//" or "://"
		}
		if at >= from && at > 0 && at < end {
			points = append(points, at)
		}
		i = j - 1
	}
	return points
}
