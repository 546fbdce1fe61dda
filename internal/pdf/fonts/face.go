// Package fonts reads the TrueType faces tract embeds in its PDFs and
// answers the two questions the typesetter asks of them millions of times:
// does the face have a glyph for this rune, and how wide is this text.
//
// A [Face] is parsed once per process and is immutable afterwards (but for
// the fpdf font parsed from it on first use, itself immutable), so one
// Face serves every document rendered in parallel. Widths are measured in
// thousandths of an em rounded exactly as fpdf rounds them into the PDF's
// /W array: positions computed here are the positions a PDF viewer uses, so
// a justified line ends where the typesetter said it would.
//
// Text must pass through [Face.Sanitize] before it reaches fpdf: fpdf draws
// a blank for a rune the face lacks and panics on runes above U+FFFF.
package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tractpub/tract/third_party/fpdf"
)

// absent marks a rune the face has no glyph for in a width page. Real
// widths are thousandths of an em and never come near it.
const absent = math.MaxUint16

// Face is one parsed TrueType font. Its methods are safe for concurrent use.
type Face struct {
	family, style string
	bold, italic  bool
	metrics       Metrics
	// pages holds the widths of BMP runes in thousandths of an em, 256
	// runes a page, nil for pages the face has nothing in: DejaVu Serif
	// covers ~3,000 BMP runes in ~60 pages, so this costs ~30 KB where a
	// flat table would cost 128 KB, and a lookup is still two loads.
	pages [256]*[256]uint16
	// astral holds the few faces' glyphs above U+FFFF, sorted by rune.
	astral      []astralGlyph
	notdefWidth uint16
	raw         []byte
	pdf         struct { // see PDFFont
		once sync.Once
		done atomic.Bool // once has run
		font *fpdf.UTF8Font
		err  error
	}
}

type astralGlyph struct {
	r     rune
	width uint16
}

// Metrics are a face's vertical measures as fractions of an em: multiply
// by the font size in points to get points.
type Metrics struct {
	// UnitsPerEm is the font's design grid (2048 for DejaVu).
	UnitsPerEm int
	// Ascent is above the baseline and positive; Descent is below it and
	// negative, as in the font's hhea table.
	Ascent, Descent, LineGap float64
	// CapHeight and XHeight are the heights of capitals and of lowercase
	// letters. Fonts with an OS/2 table older than version 2 (DejaVu) do
	// not give them: CapHeight is then the ascent, as fpdf assumes, and
	// XHeight 0.
	CapHeight, XHeight float64
	// UnderlinePosition is negative below the baseline.
	UnderlinePosition, UnderlineThickness float64
}

// Family is the face's family name from its name table, e.g. "DejaVu Serif".
func (f *Face) Family() string { return f.family }

// Style is the face's subfamily name, e.g. "Bold Italic".
func (f *Face) Style() string { return f.style }

// Bold reports whether the face is a bold weight (OS/2 weight 600 or more,
// or the bold bit of head.macStyle).
func (f *Face) Bold() bool { return f.bold }

// Italic reports whether the face is italic or oblique.
func (f *Face) Italic() bool { return f.italic }

// Metrics returns the face's vertical metrics.
func (f *Face) Metrics() Metrics { return f.metrics }

// Bytes returns the font file the face was parsed from. The slice is
// shared by every document: do not modify it.
func (f *Face) Bytes() []byte { return f.raw }

// PDFFont returns the face parsed by fpdf, for
// [fpdf.Fpdf.AddParsedUTF8Font]: parsed on first use, once per Face, and
// shared by every document, each of which embeds only the glyphs it
// draws, without the font's hinting or its Macintosh names. fpdf parses
// a copy of the font file, so nothing it does can change the face's
// bytes.
//
// Hinting moves outlines onto the pixels of a screen at small sizes. A
// printer's dots are fine enough without it, and some viewers never
// apply it (poppler draws the same pixels with and without it; Apple's
// do not use TrueType hints). Ghostscript does: at 300 dpi in black and
// white, as a printer driver rasterises, the edges of some letters move
// by a dot; on a screen at 110 dpi without antialiasing, letters are
// spaced a little less evenly. It is nearly half of DejaVu's glyph data:
// a one-page leaflet is about 30% smaller without it, and each document
// has that much less to compress. The Macintosh platform's names repeat
// the Windows platform's, licence included, in an encoding nothing
// reading a PDF needs; the licence stays, once.
func (f *Face) PDFFont() (*fpdf.UTF8Font, error) {
	f.pdf.once.Do(func() {
		f.pdf.font, f.pdf.err = fpdf.ParseUTF8FontWith(f.raw, fpdf.UTF8FontOptions{DropHinting: true, DropMacNames: true})
		if f.pdf.err != nil {
			f.pdf.err = fmt.Errorf("fonts: %s %s: %w", f.family, f.style, f.pdf.err)
		}
		f.pdf.done.Store(true)
	})
	return f.pdf.font, f.pdf.err
}

// Parsed reports whether PDFFont has parsed the face.
func (f *Face) Parsed() bool { return f.pdf.done.Load() }

// Has reports whether the face maps r to a glyph.
func (f *Face) Has(r rune) bool {
	if uint32(r) <= 0xFFFF {
		p := f.pages[r>>8]
		return p != nil && p[r&0xFF] != absent
	}
	_, ok := f.astralWidth(r)
	return ok
}

// Advance returns r's advance width as a fraction of an em, or the width
// of the .notdef glyph (what a viewer would draw) when the face lacks r.
func (f *Face) Advance(r rune) float64 {
	return float64(f.advance(r)) / 1000
}

func (f *Face) advance(r rune) uint16 {
	if uint32(r) <= 0xFFFF {
		if p := f.pages[r>>8]; p != nil {
			if w := p[r&0xFF]; w != absent {
				return w
			}
		}
		return f.notdefWidth
	}
	if w, ok := f.astralWidth(r); ok {
		return w
	}
	return f.notdefWidth
}

func (f *Face) astralWidth(r rune) (uint16, bool) {
	lo, hi := 0, len(f.astral)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch g := f.astral[m]; {
		case g.r == r:
			return g.width, true
		case g.r < r:
			lo = m + 1
		default:
			hi = m
		}
	}
	return 0, false
}

// Width returns the width in points of s set at size points, without
// kerning (fpdf does not kern, so neither does the measure).
func (f *Face) Width(s string, size float64) float64 {
	return float64(f.Units(s)) * size / 1000
}

// Units returns the width of s in thousandths of an em. Integer sums
// let a caller measure a word once and scale it to any size exactly.
func (f *Face) Units(s string) int {
	total := 0
	ascii := f.pages[0]
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && ascii != nil && ascii[c] != absent {
			total += int(ascii[c])
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		total += int(f.advance(r))
		i += n
	}
	return total
}

// Parse reads a TrueType font (a .ttf file, not a collection). It keeps
// data, which must not be modified afterwards.
func Parse(data []byte) (*Face, error) {
	p := parser{data: data}
	if err := p.readDirectory(); err != nil {
		return nil, err
	}
	f := &Face{raw: data}
	if err := p.readFace(f); err != nil {
		return nil, err
	}
	return f, nil
}

// parser reads a font's tables with bounds checks on every access, since
// a site may supply its own (possibly broken) font files.
type parser struct {
	data   []byte
	tables map[string][]byte
}

var errShort = errors.New("truncated table")

func (p *parser) readDirectory() error {
	d := p.data
	if len(d) < 12 {
		return errors.New("fonts: not a font file: too short")
	}
	switch v := binary.BigEndian.Uint32(d); v {
	case 0x00010000, 0x74727565: // TrueType outlines
	case 0x4F54544F:
		return errors.New("fonts: CFF-flavoured OpenType (OTTO) is not supported by fpdf; use a TrueType font")
	case 0x74746366:
		return errors.New("fonts: font collections (.ttc) are not supported")
	default:
		return fmt.Errorf("fonts: not a TrueType font (tag %#08x)", v)
	}
	n := int(binary.BigEndian.Uint16(d[4:]))
	if len(d) < 12+16*n {
		return errors.New("fonts: truncated table directory")
	}
	p.tables = make(map[string][]byte, n)
	for i := range n {
		rec := d[12+16*i:]
		off := uint64(binary.BigEndian.Uint32(rec[8:]))
		length := uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+length > uint64(len(d)) {
			return fmt.Errorf("fonts: table %q lies outside the file", rec[:4])
		}
		p.tables[string(rec[:4])] = d[off : off+length]
	}
	return nil
}

func (p *parser) table(tag string, minLen int) ([]byte, error) {
	t, ok := p.tables[tag]
	if !ok {
		return nil, fmt.Errorf("fonts: no %q table", tag)
	}
	if len(t) < minLen {
		return nil, fmt.Errorf("fonts: %q: %w", tag, errShort)
	}
	return t, nil
}

func u16(b []byte, off int) int { return int(binary.BigEndian.Uint16(b[off:])) }
func i16(b []byte, off int) int { return int(int16(binary.BigEndian.Uint16(b[off:]))) }
func u32(b []byte, off int) int { return int(binary.BigEndian.Uint32(b[off:])) }

// embeddable reports whether a font whose OS/2 table has the embedding
// permissions fsType may be embedded in a PDF as tract does: a subset,
// as outlines. Of the permission bits 1 to 3, the least restrictive set
// applies (OpenType's OS/2 table); bit 1 alone is a restricted licence.
// Bit 8 forbids subsetting and bit 9 allows bitmaps only.
func embeddable(fsType int) error {
	var why string
	switch {
	case fsType&0x000e == 0x0002:
		why = "its licence forbids embedding it in a document"
	case fsType&0x0100 != 0:
		why = "its licence forbids embedding a part of it, and a PDF embeds only the letters it uses"
	case fsType&0x0200 != 0:
		why = "its licence allows embedding it as bitmaps only"
	default:
		return nil
	}
	return fmt.Errorf("fonts: %s (OS/2 fsType 0x%04x): use a font whose licence allows embedding; most free fonts' licences do", why, fsType)
}

func (p *parser) readFace(f *Face) error {
	head, err := p.table("head", 54)
	if err != nil {
		return err
	}
	upem := u16(head, 18)
	if upem < 16 || upem > 16384 {
		return fmt.Errorf("fonts: unitsPerEm %d out of range", upem)
	}
	macStyle := u16(head, 44)
	hhea, err := p.table("hhea", 36)
	if err != nil {
		return err
	}
	maxp, err := p.table("maxp", 6)
	if err != nil {
		return err
	}
	numGlyphs := u16(maxp, 4)
	numHMetrics := u16(hhea, 34)
	if numHMetrics == 0 || numHMetrics > numGlyphs {
		return fmt.Errorf("fonts: hhea has %d metrics for %d glyphs", numHMetrics, numGlyphs)
	}
	hmtx, err := p.table("hmtx", 4*numHMetrics)
	if err != nil {
		return err
	}
	em := float64(upem)
	scale := 1000 / em // the same expression fpdf rounds, bit for bit
	f.metrics = Metrics{
		UnitsPerEm: upem,
		Ascent:     float64(i16(hhea, 4)) / em,
		Descent:    float64(i16(hhea, 6)) / em,
		LineGap:    float64(i16(hhea, 8)) / em,
	}
	if os2, err := p.table("OS/2", 10); err == nil {
		if err := embeddable(u16(os2, 8)); err != nil {
			return err
		}
	}
	if post, err := p.table("post", 12); err == nil {
		f.metrics.UnderlinePosition = float64(i16(post, 8)) / em
		f.metrics.UnderlineThickness = float64(i16(post, 10)) / em
	}
	f.bold = macStyle&1 != 0
	f.italic = macStyle&2 != 0
	if os2, err := p.table("OS/2", 78); err == nil {
		f.bold = f.bold || u16(os2, 4) >= 600
		fsSelection := u16(os2, 62)
		f.italic = f.italic || fsSelection&(1|1<<9) != 0 // ITALIC or OBLIQUE
		if u16(os2, 0) >= 2 && len(os2) >= 90 {
			f.metrics.XHeight = float64(i16(os2, 86)) / em
			f.metrics.CapHeight = float64(i16(os2, 88)) / em
		}
	}
	if f.metrics.CapHeight == 0 {
		f.metrics.CapHeight = f.metrics.Ascent // what fpdf assumes too
	}
	f.family, f.style = p.names()

	// Widths in thousandths of an em, rounded as fpdf rounds them.
	widths := make([]uint16, numGlyphs)
	for g := range widths {
		m := g
		if m >= numHMetrics {
			m = numHMetrics - 1 // trailing glyphs share the last advance
		}
		w := math.Round(scale * float64(u16(hmtx, 4*m)))
		widths[g] = uint16(min(w, absent-1))
	}
	f.notdefWidth = widths[0]
	return p.readCmap(f, widths)
}

// readCmap fills f's width tables from the best Unicode subtable: format
// 12 (full Unicode) when present, else format 4 (BMP).
func (p *parser) readCmap(f *Face, widths []uint16) error {
	cmap, err := p.table("cmap", 4)
	if err != nil {
		return err
	}
	var fmt4, fmt12 []byte
	n := u16(cmap, 2)
	if len(cmap) < 4+8*n {
		return fmt.Errorf("fonts: cmap: %w", errShort)
	}
	for i := range n {
		rec := cmap[4+8*i:]
		platform, encoding, off := u16(rec, 0), u16(rec, 2), u32(rec, 4)
		unicode := platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
		if !unicode || off+4 > len(cmap) {
			continue
		}
		sub := cmap[off:]
		switch u16(sub, 0) {
		case 4:
			if fmt4 == nil {
				fmt4 = sub
			}
		case 12:
			if fmt12 == nil {
				fmt12 = sub
			}
		}
	}
	set := func(r rune, g int) {
		if g <= 0 || g >= len(widths) || r < 0 || r > unicodeMax {
			return
		}
		if r > 0xFFFF {
			f.astral = append(f.astral, astralGlyph{r, widths[g]})
			return
		}
		page := f.pages[r>>8]
		if page == nil {
			page = new([256]uint16)
			for i := range page {
				page[i] = absent
			}
			f.pages[r>>8] = page
		}
		page[r&0xFF] = widths[g]
	}
	switch {
	case fmt12 != nil:
		err = readFormat12(fmt12, set)
	case fmt4 != nil:
		err = readFormat4(fmt4, set)
	default:
		return errors.New("fonts: no Unicode cmap subtable (format 4 or 12)")
	}
	if err != nil {
		return err
	}
	sortAstral(f.astral)
	return nil
}

const unicodeMax = 0x10FFFF

func readFormat4(t []byte, set func(rune, int)) error {
	if len(t) < 14 {
		return fmt.Errorf("fonts: cmap format 4: %w", errShort)
	}
	segs := u16(t, 6) / 2
	if len(t) < 16+8*segs {
		return fmt.Errorf("fonts: cmap format 4: %w", errShort)
	}
	budget := 0x10000 // well-formed segments do not overlap
	ends, starts := 14, 16+2*segs
	deltas, rangeOffsets := starts+2*segs, starts+4*segs
	for s := range segs {
		end, start := u16(t, ends+2*s), u16(t, starts+2*s)
		delta, ro := u16(t, deltas+2*s), u16(t, rangeOffsets+2*s)
		if start > end {
			continue
		}
		if budget -= end - start + 1; budget < 0 {
			return errors.New("fonts: cmap format 4: overlapping segments")
		}
		for c := start; c <= end && c != 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				// idRangeOffset is relative to its own position in the table.
				at := rangeOffsets + 2*s + ro + 2*(c-start)
				if at+2 > len(t) {
					break
				}
				if g = u16(t, at); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			set(rune(c), g)
		}
	}
	return nil
}

func readFormat12(t []byte, set func(rune, int)) error {
	if len(t) < 16 {
		return fmt.Errorf("fonts: cmap format 12: %w", errShort)
	}
	groups := u32(t, 12)
	if groups < 0 || groups > (len(t)-16)/12 {
		return fmt.Errorf("fonts: cmap format 12: %w", errShort)
	}
	budget := unicodeMax + 1 // well-formed groups do not overlap
	for i := range groups {
		g := t[16+12*i:]
		start, end, glyph := u32(g, 0), u32(g, 4), u32(g, 8)
		if start > end || end > unicodeMax {
			continue
		}
		if budget -= end - start + 1; budget < 0 {
			return errors.New("fonts: cmap format 12: overlapping groups")
		}
		for c := start; c <= end; c++ {
			set(rune(c), glyph+c-start)
		}
	}
	return nil
}

func sortAstral(a []astralGlyph) {
	slices.SortFunc(a, func(x, y astralGlyph) int { return int(x.r - y.r) })
}

// names returns the family and subfamily from the name table, preferring
// the typographic names (IDs 16, 17) and Windows Unicode records.
func (p *parser) names() (family, style string) {
	t, ok := p.tables["name"]
	if !ok || len(t) < 6 {
		return "", ""
	}
	count, strOff := u16(t, 2), u16(t, 4)
	if len(t) < 6+12*count {
		return "", ""
	}
	found := map[int]string{}
	for i := range count {
		rec := t[6+12*i:]
		platform, encoding, id := u16(rec, 0), u16(rec, 2), u16(rec, 6)
		length, off := u16(rec, 8), u16(rec, 10)
		if id != 1 && id != 2 && id != 16 && id != 17 {
			continue
		}
		start := strOff + off
		if start+length > len(t) {
			continue
		}
		raw := t[start : start+length]
		var s string
		switch {
		case platform == 3 && (encoding == 1 || encoding == 10), platform == 0:
			u := make([]uint16, len(raw)/2)
			for j := range u {
				u[j] = uint16(u16(raw, 2*j))
			}
			s = string(utf16.Decode(u))
		case platform == 1 && encoding == 0:
			s = string(raw) // Mac Roman; names are ASCII in practice
		default:
			continue
		}
		if _, seen := found[id]; !seen || platform == 3 {
			found[id] = s
		}
	}
	family, style = found[16], found[17]
	if family == "" {
		family = found[1]
	}
	if style == "" {
		style = found[2]
	}
	return family, style
}
