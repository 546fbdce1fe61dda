// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

// Parsed UTF-8 fonts (tract's patches 4 and 10, see PATCHES.md): a
// TrueType font is parsed once into an immutable UTF8Font, which any
// number of documents share, and each document's subset is cut from the
// parsed tables instead of parsing the font file again. The subset is the
// same, byte for byte, as the one GenerateCutFont cuts; the tables at its
// end, the same in every subset, are compressed once per font.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
)

// UTF8Font is a TrueType font parsed for use as a UTF-8 font: its
// metrics, its character widths, and what cutting subsets of it needs.
// Parsing a font costs more than a typical document spends on it; a
// UTF8Font is parsed once with [ParseUTF8Font] and added to any number of
// documents with [Fpdf.AddParsedUTF8Font], from any number of goroutines.
// It is never modified after ParseUTF8Font returns.
type UTF8Font struct {
	data   []byte // the font file, owned
	desc   FontDescType
	up, ut int
	cw     []int // widths by rune, as fontDefType.Cw; shared read-only

	// What subsetting needs.
	tables      map[string]tableDescription
	locaFormat  int
	numHMetrics int     // hhea.numberOfHMetrics
	numGlyphs   int     // maxp.numGlyphs
	glyphPos    []int   // offset of each glyph in glyf, and of the end of the last
	runeGlyph   []int32 // glyph of each BMP rune in the format 4 cmap, -1 if none

	opts   UTF8FontOptions
	names  []byte // the name table subsets copy, if not the font's (DropMacNames)
	psName string // the font's PostScript name, if it gives a usable one

	mu  sync.Mutex
	ids map[string]string // font IDs by font key
	// embeddings are the last ones made, the most recent first; see
	// embedding.
	embeddings []*utf8Embedding

	tail struct { // see subsetTail
		once    sync.Once
		data, z []byte
	}
	scratch sync.Pool // of *subsetScratch, as long as the font's glyphs
}

// subsetScratch is what subset needs per glyph of the font, given back
// to the font's pool cleared.
type subsetScratch struct {
	newID []int32
	state []uint8
}

// ParseUTF8Font parses a TrueType font file for use as a UTF-8 font. It
// keeps a copy of data.
func ParseUTF8Font(data []byte) (*UTF8Font, error) {
	return parseUTF8Font(bytes.Clone(data))
}

// UTF8FontOptions are the choices [ParseUTF8FontWith] offers.
type UTF8FontOptions struct {
	// DropHinting leaves the font's hinting out of the subsets documents
	// embed: every glyph's instructions, and the fpgm, prep and cvt
	// tables, as pyftsubset does without --hinting. Hinting fits
	// outlines to a coarse grid of pixels; a printer's grid is fine
	// enough without it, and some PDF viewers never apply it (poppler,
	// Apple's). It is often half of a subset's glyph data.
	DropHinting bool
	// DropMacNames leaves the Macintosh platform's records out of the
	// name table of the subsets, as pyftsubset does without
	// --name-legacy: they repeat the Windows platform's in an older
	// encoding (in DejaVu, the licence a second time).
	DropMacNames bool
}

// ParseUTF8FontWith is [ParseUTF8Font] with options.
func ParseUTF8FontWith(data []byte, opts UTF8FontOptions) (*UTF8Font, error) {
	font, err := parseUTF8Font(bytes.Clone(data))
	if err != nil {
		return nil, err
	}
	font.opts = opts
	if opts.DropMacNames {
		font.names = withoutMacNames(font.table("name"))
	}
	return font, nil
}

// withoutMacNames returns a name table (format 0 or 1) without its
// records for the Macintosh platform (1), its strings stored anew, or
// the table as it is if it has none or cannot be read.
func withoutMacNames(t []byte) []byte {
	if len(t) < 6 {
		return t
	}
	format, count, storage := int(binary.BigEndian.Uint16(t)), int(binary.BigEndian.Uint16(t[2:])), int(binary.BigEndian.Uint16(t[4:]))
	end := 6 + 12*count
	if format > 1 || end > len(t) || storage > len(t) {
		return t
	}
	var langTags []byte // format 1: the language tag records, kept as they are
	if format == 1 {
		if end+2 > len(t) {
			return t
		}
		n := int(binary.BigEndian.Uint16(t[end:]))
		if end+2+4*n > len(t) {
			return t
		}
		langTags = t[end : end+2+4*n]
	}
	var recs, strs []byte
	kept := 0
	for i := range count {
		r := t[6+12*i : 6+12*i+12]
		if binary.BigEndian.Uint16(r) == 1 {
			continue
		}
		length, offset := int(binary.BigEndian.Uint16(r[8:])), int(binary.BigEndian.Uint16(r[10:]))
		if storage+offset+length > len(t) {
			return t
		}
		recs = append(recs, r[:8]...)
		recs = binary.BigEndian.AppendUint16(recs, uint16(length))
		recs = binary.BigEndian.AppendUint16(recs, uint16(len(strs)))
		strs = append(strs, t[storage+offset:storage+offset+length]...)
		kept++
	}
	if kept == count {
		return t
	}
	// Language tags' strings follow the names' in the new storage.
	if format == 1 {
		tags := bytes.Clone(langTags)
		for i := range int(binary.BigEndian.Uint16(tags)) {
			at := 2 + 4*i
			length, offset := int(binary.BigEndian.Uint16(tags[at:])), int(binary.BigEndian.Uint16(tags[at+2:]))
			if storage+offset+length > len(t) {
				return t
			}
			binary.BigEndian.PutUint16(tags[at+2:], uint16(len(strs)))
			strs = append(strs, t[storage+offset:storage+offset+length]...)
		}
		langTags = tags
	}
	out := binary.BigEndian.AppendUint16(nil, uint16(format))
	out = binary.BigEndian.AppendUint16(out, uint16(kept))
	out = binary.BigEndian.AppendUint16(out, uint16(6+len(recs)+len(langTags)))
	out = append(out, recs...)
	out = append(out, langTags...)
	return append(out, strs...)
}

// parseUTF8Font parses data and keeps it: the caller must not modify it.
func parseUTF8Font(data []byte) (font *UTF8Font, err error) {
	defer func() {
		// The parser indexes the file without bounds checks.
		if p := recover(); p != nil {
			font, err = nil, fmt.Errorf("malformed TrueType font: %v", p)
		}
	}()
	font = &UTF8Font{data: data, ids: map[string]string{}}
	// The tables subsetting needs first, with bounds checks: parseFile
	// trusts the file, and a cmap of overlapping segments would keep it
	// busy for minutes.
	if err := font.readDirectory(); err != nil {
		return nil, fmt.Errorf("malformed TrueType font: %w", err)
	}
	if err := font.readSubsetTables(); err != nil {
		return nil, fmt.Errorf("malformed TrueType font: %w", err)
	}
	utf := newUTF8Font(&fileReader{array: data})
	if err := utf.parseFile(); err != nil {
		return nil, err
	}
	*font = UTF8Font{
		data: data,
		desc: FontDescType{
			Ascent:       int(utf.Ascent),
			Descent:      int(utf.Descent),
			CapHeight:    utf.CapHeight,
			Flags:        utf.Flags,
			FontBBox:     utf.Bbox,
			ItalicAngle:  utf.ItalicAngle,
			StemV:        utf.StemV,
			MissingWidth: round(utf.DefaultWidth),
		},
		up:          int(round(utf.UnderlinePosition)),
		ut:          round(utf.UnderlineThickness),
		cw:          utf.CharWidths,
		tables:      font.tables,
		locaFormat:  font.locaFormat,
		numHMetrics: font.numHMetrics,
		numGlyphs:   font.numGlyphs,
		glyphPos:    font.glyphPos,
		runeGlyph:   font.runeGlyph,
		ids:         font.ids,
		psName:      postScriptName(font.table("name")),
	}
	return font, nil
}

// postScriptName returns the PostScript name (name ID 6) of a name table,
// from its Windows Unicode record (platform 3, encoding 1) or else its
// Macintosh Roman one (platform 1, encoding 0), keeping only the
// characters a PDF name and a PostScript font name may hold (printable
// ASCII but the delimiters), at most 63 of them; "" if the table has
// none or cannot be read.
func postScriptName(t []byte) string {
	count, err := u16(t, 2)
	if err != nil {
		return ""
	}
	storage, _ := u16(t, 4)
	var mac string
	for i := range count {
		rec := 6 + 12*i
		if rec+12 > len(t) {
			return ""
		}
		platform, encoding := binary.BigEndian.Uint16(t[rec:]), binary.BigEndian.Uint16(t[rec+2:])
		id := binary.BigEndian.Uint16(t[rec+6:])
		length, offset := int(binary.BigEndian.Uint16(t[rec+8:])), int(binary.BigEndian.Uint16(t[rec+10:]))
		start := storage + offset
		if id != 6 || start+length > len(t) {
			continue
		}
		raw := t[start : start+length]
		switch {
		case platform == 3 && encoding == 1 && length%2 == 0:
			var b strings.Builder
			for j := 0; j < len(raw); j += 2 {
				if c := binary.BigEndian.Uint16(raw[j:]); c < 0x80 {
					b.WriteByte(byte(c))
				}
			}
			if name := psNameChars(b.String()); name != "" {
				return name
			}
		case platform == 1 && encoding == 0 && mac == "":
			mac = psNameChars(string(raw))
		}
	}
	return mac
}

// psNameChars keeps the characters of s a PostScript font name may hold,
// at most 63.
func psNameChars(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s) && len(b) < 63; i++ {
		if c := s[i]; c > ' ' && c < 0x7f && !strings.ContainsRune("[](){}<>/%#", rune(c)) {
			b = append(b, c)
		}
	}
	return string(b)
}

// readDirectory reads the table directory as generateTableDescriptions
// does (a tag given twice: the last one), checking that every table lies
// in the file.
func (font *UTF8Font) readDirectory() error {
	d := font.data
	n, err := u16(d, 4)
	if err != nil || len(d) < 12+16*n {
		return errors.New("truncated table directory")
	}
	font.tables = make(map[string]tableDescription, n)
	for i := range n {
		rec := d[12+16*i:]
		name := string(rec[:4])
		pos, size := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if pos+size > len(d) {
			return fmt.Errorf("table %q lies outside the file", name)
		}
		font.tables[name] = tableDescription{name: name, position: pos, size: size}
	}
	return nil
}

// table returns a table of the font, or nil if it is absent or empty.
func (font *UTF8Font) table(name string) []byte {
	if name == "name" && font.names != nil {
		return font.names
	}
	t, ok := font.tables[name]
	if !ok || t.size == 0 {
		return nil
	}
	return font.data[t.position : t.position+t.size]
}

// u16 reads a uint16 at off in table, checking the bounds.
func u16(table []byte, off int) (int, error) {
	if off < 0 || off+2 > len(table) {
		return 0, errors.New("a table is too short")
	}
	return int(binary.BigEndian.Uint16(table[off:])), nil
}

// readSubsetTables reads what GenerateCutFont reads from the font file
// for each subset: the glyph count, the number of horizontal metrics, the
// glyphs' offsets and the Unicode cmap.
func (font *UTF8Font) readSubsetTables() error {
	head, hhea, maxp := font.table("head"), font.table("hhea"), font.table("maxp")
	var err error
	if font.locaFormat, err = u16(head, 50); err != nil {
		return err
	}
	if font.numHMetrics, err = u16(hhea, 34); err != nil {
		return err
	}
	if font.numGlyphs, err = u16(maxp, 4); err != nil {
		return err
	}
	if font.numHMetrics == 0 || len(font.table("hmtx")) < 4*font.numHMetrics+2*(font.numGlyphs-font.numHMetrics) {
		return errors.New("hmtx: too short")
	}
	if font.table("glyf") == nil || len(font.table("post")) < 16 {
		return errors.New("no glyf or post table")
	}
	// loca, as parseLOCATable reads it.
	loca := font.table("loca")
	n := font.numGlyphs + 1
	font.glyphPos = make([]int, n)
	switch font.locaFormat {
	case 0:
		if len(loca) < 2*n {
			return errors.New("loca: too short")
		}
		for i := range n {
			font.glyphPos[i] = 2 * int(binary.BigEndian.Uint16(loca[2*i:]))
		}
	case 1:
		if len(loca) < 4*n {
			return errors.New("loca: too short")
		}
		for i := range n {
			font.glyphPos[i] = int(binary.BigEndian.Uint32(loca[4*i:]))
		}
	default:
		return fmt.Errorf("unknown loca table format %d", font.locaFormat)
	}
	glyf := len(font.table("glyf"))
	for i, p := range font.glyphPos {
		if p > glyf || (i > 0 && p < font.glyphPos[i-1]) {
			return fmt.Errorf("loca: glyph %d lies outside glyf", i)
		}
	}
	return font.readCmap()
}

// readCmap reads the format 4 Unicode cmap subtable that generateCMAP
// chooses, into runeGlyph, as generateSCCSDictionaries reads it.
func (font *UTF8Font) readCmap() error {
	cmap := font.table("cmap")
	base := font.tables["cmap"].position
	count, err := u16(cmap, 2)
	if err != nil {
		return err
	}
	sub := -1
	for i := range count {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return errors.New("cmap: too short")
		}
		system, coder := int(binary.BigEndian.Uint16(cmap[rec:])), int(binary.BigEndian.Uint16(cmap[rec+2:]))
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if (system == 3 && coder == 1) || system == 0 {
			if format, err := u16(cmap, off); err == nil && format == 4 {
				sub = off
				break
			}
		}
	}
	if sub < 0 {
		return errors.New("no Unicode cmap subtable of format 4")
	}
	// Offsets below are in the file, as in generateSCCSDictionaries.
	d := font.data
	at := func(pos int) (int, error) { return u16(d, pos) }
	pos := base + sub
	size, err := at(pos + 2)
	if err != nil {
		return err
	}
	rim := pos + size
	segs, err := at(pos + 6)
	if err != nil {
		return err
	}
	segs /= 2
	ends, starts := pos+14, pos+16+2*segs
	deltas, offsets := starts+2*segs, starts+4*segs
	if offsets+2*segs > len(d) {
		return errors.New("cmap: too short")
	}
	font.runeGlyph = make([]int32, 0x10000)
	for i := range font.runeGlyph {
		font.runeGlyph[i] = -1
	}
	budget := 0x10000 // well-formed segments do not overlap
	for n := range segs {
		end, _ := at(ends + 2*n)
		start, _ := at(starts + 2*n)
		if start <= end {
			if budget -= end - start + 1; budget < 0 {
				return errors.New("cmap: overlapping segments")
			}
		}
		delta := int(int16(binary.BigEndian.Uint16(d[deltas+2*n:])))
		ro, _ := at(offsets + 2*n)
		for c := start; c <= end; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else if p := offsets + 2*n + ro + (c-start)*2; p < rim {
				if g, err = at(p); err != nil {
					return err
				}
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			font.runeGlyph[c] = int32(g)
		}
	}
	return nil
}

// id returns the font ID of the font under key, computed once per key.
func (font *UTF8Font) id(def fontDefType) (string, error) {
	font.mu.Lock()
	defer font.mu.Unlock()
	if id, ok := font.ids[def.Name]; ok {
		return id, nil
	}
	id, err := generateFontID(def)
	if err == nil {
		font.ids[def.Name] = id
	}
	return id, err
}

// AddParsedUTF8Font makes a font parsed with [ParseUTF8Font] available
// in the document under family and style, like [Fpdf.AddUTF8FontFromBytes]
// with the bytes font was parsed from, without parsing them again. The
// document embeds the subset of the font it uses.
func (f *Fpdf) AddParsedUTF8Font(familyStr, styleStr string, font *UTF8Font) {
	if f.err != nil {
		return
	}
	f.addParsedUTF8Font(getFontKey(fontFamilyEscape(familyStr), styleStr), "", font)
}

// addParsedUTF8Font adds font under fontkey, unless the key is taken;
// file names the file it was read from, if any.
func (f *Fpdf) addParsedUTF8Font(fontkey, file string, font *UTF8Font) {
	if _, ok := f.fonts[fontkey]; ok {
		return
	}
	var sbarr map[int]int
	if f.aliasNbPagesStr == "" {
		sbarr = makeSubsetRange(57)
	} else {
		sbarr = makeSubsetRange(32)
	}
	def := fontDefType{
		Tp:        "UTF8",
		Name:      fontkey,
		Desc:      font.desc,
		Up:        font.up,
		Ut:        font.ut,
		Cw:        font.cw,
		File:      file,
		utf8:      font,
		usedRunes: sbarr,
		asciiUsed: new([2]uint64),
	}
	def.i, _ = font.id(def)
	f.fonts[fontkey] = def
}

// utf8Subset is the part of a UTF-8 font one document uses.
type utf8Subset struct {
	font []byte // a TrueType file, in buf
	buf  *[]byte
	// glyphs maps the runes the document uses (but 0) to glyphs of font,
	// sorted by rune.
	glyphs   []runeGlyph
	lastRune int
}

type runeGlyph struct{ r, g int }

// subset cuts the glyphs of the runes in usedRunes (its values) out of
// the font: the same TrueType file, and the same map of runes to its
// glyphs, as GenerateCutFont makes from the font file. keys are
// usedRunes' keys in order (sortedRunes).
func (font *UTF8Font) subset(keys []int, usedRunes map[int]int) (sub utf8Subset, err error) {
	// The runes the cmap maps (to a glyph, or to 0), and the glyphs:
	// .notdef and theirs, in the font's order, then the components of
	// composite glyphs in the order found. A value is its key or 0, so
	// the runes come in order but for the 0s.
	runes := make([]int, 1, len(keys)+1) // runes[0] for rune 0, if mapped
	zero := false
	for _, k := range keys {
		r := usedRunes[k]
		sub.lastRune = max(sub.lastRune, r)
		if r >= 0 && r < len(font.runeGlyph) && font.runeGlyph[r] >= 0 {
			if r == 0 {
				zero = true
			} else {
				runes = append(runes, r)
			}
		}
	}
	if !zero {
		runes = runes[1:]
	}
	if !slices.IsSorted(runes) { // a value that is not its key
		slices.Sort(runes)
	}
	runes = slices.Compact(runes)
	glyphs := make([]int, 0, len(runes)+1)
	glyphs = append(glyphs, 0)
	for _, r := range runes {
		glyphs = append(glyphs, int(font.runeGlyph[r]))
	}
	slices.Sort(glyphs)
	glyphs = slices.Compact(glyphs)
	// newID is each glyph's in the subset + 1, 0 for none; state is 0 for
	// a glyph not visited, 1 while it is, 2 once it was. Both are of the
	// pool, and given back cleared: only the subset's glyphs were set.
	scratch, _ := font.scratch.Get().(*subsetScratch)
	if scratch == nil {
		scratch = &subsetScratch{newID: make([]int32, font.numGlyphs), state: make([]uint8, font.numGlyphs)}
	}
	newID, state := scratch.newID, scratch.state
	defer func() {
		for _, g := range glyphs {
			if g < len(newID) {
				newID[g], state[g] = 0, 0
			}
		}
		font.scratch.Put(scratch)
	}()
	for i, g := range glyphs {
		if g >= font.numGlyphs {
			return sub, fmt.Errorf("cmap: glyph %d of %d", g, font.numGlyphs)
		}
		newID[g] = int32(i + 1)
	}
	sub.glyphs = make([]runeGlyph, 0, len(runes))
	for _, r := range runes {
		if r != 0 {
			sub.glyphs = append(sub.glyphs, runeGlyph{r, int(newID[font.runeGlyph[r]] - 1)})
		}
	}

	glyf := font.table("glyf")
	var visit func(g int) error
	visit = func(g int) error {
		if state[g] != 0 {
			// Visited: its components are in glyphs already. Being
			// visited: a cycle, which GenerateCutFont would follow
			// until the stack overflows.
			return nil
		}
		state[g] = 1
		defer func() { state[g] = 2 }()
		return font.components(glyf, g, func(c, _ int) error {
			if c >= font.numGlyphs {
				return fmt.Errorf("glyph %d: component %d of %d", g, c, font.numGlyphs)
			}
			if newID[c] == 0 {
				glyphs = append(glyphs, c)
				newID[c] = int32(len(glyphs))
			}
			return visit(c)
		})
	}
	for _, g := range glyphs[:len(glyphs):len(glyphs)] {
		if err := visit(g); err != nil {
			return sub, err
		}
	}

	// glyf, loca and hmtx of the subset; glyf in a buffer of the pool,
	// copied into the file.
	hmtx := font.table("hmtx")
	glyfBuf := subsetBuffers.Get().(*[]byte)
	defer putSubsetBuffer(glyfBuf)
	glyfOut, hmtxOut := (*glyfBuf)[:0], make([]byte, 0, 4*len(glyphs))
	offsets := make([]int, 0, len(glyphs)+1)
	for _, g := range glyphs {
		if g < font.numHMetrics {
			hmtxOut = append(hmtxOut, hmtx[4*g:4*g+4]...)
		} else {
			last := 4 * (font.numHMetrics - 1)
			lsb := 2*font.numHMetrics + 2*g
			hmtxOut = append(hmtxOut, hmtx[last], hmtx[last+1], hmtx[lsb], hmtx[lsb+1])
		}
		offsets = append(offsets, len(glyfOut))
		start := len(glyfOut)
		if data := glyf[font.glyphPos[g]:font.glyphPos[g+1]]; font.opts.DropHinting {
			glyfOut = appendUnhinted(glyfOut, data)
		} else {
			glyfOut = append(glyfOut, data...)
		}
		if font.glyphPos[g+1]-font.glyphPos[g] > 2 {
			data := glyfOut[start:]
			font.components(glyf, g, func(c, at int) error {
				binary.BigEndian.PutUint16(data[at:], uint16(newID[c]-1))
				return nil
			})
		}
		for len(glyfOut)%4 != 0 {
			glyfOut = append(glyfOut, 0)
		}
	}
	offsets = append(offsets, len(glyfOut))
	*glyfBuf = glyfOut
	var loca []byte
	locaFormat := 0
	if (len(glyfOut)+1)>>1 > 0xFFFF {
		locaFormat = 1
		for _, o := range offsets {
			loca = binary.BigEndian.AppendUint32(loca, uint32(o))
		}
	} else {
		for _, o := range offsets {
			loca = binary.BigEndian.AppendUint16(loca, uint16(o/2))
		}
	}

	n := len(glyphs)
	tables := map[string][]byte{
		"cmap": subsetCmap(sub.glyphs, n),
		"glyf": glyfOut,
		"hmtx": hmtxOut,
		"loca": loca,
		"post": font.subsetPost(),
		"head": withUint16(font.table("head"), 50, locaFormat),
		"hhea": withUint16(font.table("hhea"), 34, n),
		"maxp": withUint16(font.table("maxp"), 4, n),
	}
	clear(tables["head"][8:12]) // checkSumAdjustment, set below
	copied := []string{"name", "cvt ", "fpgm", "prep", "gasp", "OS/2"}
	if font.opts.DropHinting {
		copied = []string{"name", "gasp", "OS/2"}
		// What the hinting needed: one zone, the rest none (maxp 1.0).
		if maxp := tables["maxp"]; len(maxp) >= 28 && binary.BigEndian.Uint32(maxp) == 0x00010000 {
			binary.BigEndian.PutUint16(maxp[14:], 1)
			clear(maxp[16:28])
		}
	}
	for _, name := range copied {
		if t := font.table(name); t != nil {
			tables[name] = t
		}
	}
	sub.buf = subsetBuffers.Get().(*[]byte)
	sub.font = assembleFont((*sub.buf)[:0], tables)
	*sub.buf = sub.font
	return sub, nil
}

// release gives the subset's file back to the pool: it is not to be
// read again.
func (sub *utf8Subset) release() {
	if sub.buf != nil {
		putSubsetBuffer(sub.buf)
	}
	sub.font, sub.buf = nil, nil
}

// subsetBuffers hold the glyf tables and files of subsets while they are
// made and compressed.
var subsetBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledSubset is the largest buffer subsetBuffers keeps: a subset of
// some thousands of Latin glyphs. A larger one (a subset of a CJK font)
// is left to the collector.
const maxPooledSubset = 1 << 20

func putSubsetBuffer(b *[]byte) {
	if cap(*b) <= maxPooledSubset {
		subsetBuffers.Put(b)
	}
}

// subsetPost is the post table of every subset: version 3 (no glyph
// names), with the font's italic angle, underline and fixed pitch.
func (font *UTF8Font) subsetPost() []byte {
	return append(append([]byte{0, 3, 0, 0}, font.table("post")[4:16]...), make([]byte, 16)...)
}

// tailTables are the tables copied from the font into every subset (post
// made from it) that sort after every table cut for the subset, so that
// every subset of a font ends with the same bytes: see subsetTail.
func (font *UTF8Font) tailTables() []string {
	if font.opts.DropHinting {
		return []string{"name", "post"}
	}
	return []string{"name", "post", "prep"}
}

// subsetTail returns the bytes every subset of the font ends with (its
// tail tables as assembleFont lays them out) and them compressed, on
// their own, into the final blocks of a deflate stream. Every document
// compresses only what comes before (see compressWithTail): in DejaVu,
// the name table, with its licence twice over, is half of a subset.
func (font *UTF8Font) subsetTail() (tail, z []byte) {
	font.tail.once.Do(func() {
		var b []byte
		for _, name := range font.tailTables() {
			t := font.table(name)
			if name == "post" {
				t = font.subsetPost()
			}
			b = append(b, t...)
			for len(b)%4 != 0 {
				b = append(b, 0)
			}
		}
		var z bytes.Buffer
		fw := flateWriters.Get().(*flate.Writer)
		fw.Reset(&z)
		fw.Write(b)
		fw.Close()
		fw.Reset(nil)
		flateWriters.Put(fw)
		font.tail.data, font.tail.z = b, z.Bytes()
	})
	return font.tail.data, font.tail.z
}

// compress compresses the font file of a subset for the PDF, the tail
// every subset ends with compressed once per font.
func (font *UTF8Font) compress(sub utf8Subset) *membuffer {
	if tail, z := font.subsetTail(); len(tail) > 0 && bytes.HasSuffix(sub.font, tail) {
		return xmem.compressWithTail(sub.font, tail, z)
	}
	return xmem.compress(sub.font)
}

// symbolInstructions is the flag of a composite glyph's component that
// says instructions follow the last component (WE_HAVE_INSTRUCTIONS).
const symbolInstructions = 1 << 8

// appendUnhinted appends the glyph data to out without its instructions:
// a simple glyph's are replaced by none; a composite glyph's, after its
// last component, are cut off and its components' flags no longer say
// they follow. Data it cannot read is appended as it is.
func appendUnhinted(out, data []byte) []byte {
	if len(data) < 12 {
		return append(out, data...)
	}
	if contours := int(int16(binary.BigEndian.Uint16(data))); contours >= 0 {
		at := 10 + 2*contours // instructionLength, after endPtsOfContours
		if at+2 > len(data) {
			return append(out, data...)
		}
		end := at + 2 + int(binary.BigEndian.Uint16(data[at:]))
		if end > len(data) {
			return append(out, data...)
		}
		out = append(out, data[:at]...)
		out = append(out, 0, 0)
		return append(out, data[end:]...)
	}
	start := len(out)
	out = append(out, data...)
	glyph := out[start:]
	end, err := compositeComponents(glyph, func(_, at int) error {
		flags := binary.BigEndian.Uint16(glyph[at-2:])
		binary.BigEndian.PutUint16(glyph[at-2:], flags&^symbolInstructions)
		return nil
	})
	if err != nil || end > len(glyph) {
		return append(out[:start], data...) // as it was, flags included
	}
	return out[:start+end]
}

// components calls fn with the glyph index of each component of glyph g,
// if it is a composite glyph, and the offset of that index in the glyph's
// data. It reads the glyph as GenerateCutFont does.
func (font *UTF8Font) components(glyf []byte, g int, fn func(c, at int) error) error {
	data := glyf[font.glyphPos[g]:font.glyphPos[g+1]]
	if len(data) < 2 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil
	}
	if _, err := compositeComponents(data, fn); err != nil {
		if errors.Is(err, errTruncatedComposite) {
			return fmt.Errorf("glyph %d: %w", g, err)
		}
		return err
	}
	return nil
}

var errTruncatedComposite = errors.New("truncated composite glyph")

// compositeComponents calls fn with the glyph index of each component of
// a composite glyph's data and the offset of that index in it, and
// returns the offset past the last component, where the glyph's
// instructions start if it has any. It may be past the end of data.
func compositeComponents(data []byte, fn func(c, at int) error) (end int, err error) {
	at := 10
	for flags := symbolContinue; flags&symbolContinue != 0; {
		if at+4 > len(data) {
			return 0, errTruncatedComposite
		}
		flags = int(binary.BigEndian.Uint16(data[at:]))
		if err := fn(int(binary.BigEndian.Uint16(data[at+2:])), at+2); err != nil {
			return 0, err
		}
		at += 4
		if flags&symbolWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&symbolScale != 0:
			at += 2
		case flags&symbolAllScale != 0:
			at += 4
		case flags&symbol2x2 != 0:
			at += 8
		}
	}
	return at, nil
}

// withUint16 returns a copy of table with v at off.
func withUint16(table []byte, off, v int) []byte {
	t := bytes.Clone(table)
	binary.BigEndian.PutUint16(t[off:], uint16(v))
	return t
}

// subsetCmap writes the cmap of a subset as generateCMAPTable does, from
// the runes (sorted, without 0) and their glyphs.
func subsetCmap(glyphs []runeGlyph, numGlyphs int) []byte {
	// Runs of consecutive runes mapped to consecutive glyphs.
	type run struct{ start, n int }
	var runs []run
	for i, p := range glyphs {
		if i > 0 && p.r == glyphs[i-1].r+1 && p.g == glyphs[i-1].g+1 {
			runs[len(runs)-1].n++
		} else {
			runs = append(runs, run{p.r, 1})
		}
	}
	segCount := len(runs) + 1
	searchRange, entrySelector := 1, 0
	for searchRange*2 <= segCount {
		searchRange *= 2
		entrySelector++
	}
	searchRange *= 2
	rangeShift := segCount*2 - searchRange
	length := 16 + 8*segCount + numGlyphs + 1 // sic: as generateCMAPTable
	out := make([]byte, 0, 2*(13+4*segCount+len(glyphs)+2))
	put := func(v int) { out = binary.BigEndian.AppendUint16(out, uint16(v)) }
	for _, v := range []int{0, 1, 3, 1, 0, 12, 4, length, 0, segCount * 2, searchRange, entrySelector, rangeShift} {
		put(v)
	}
	i := 0
	for _, r := range runs {
		put(r.start + r.n - 1)
	}
	put(0xFFFF)
	put(0)
	for _, r := range runs {
		put(r.start)
	}
	put(0xFFFF)
	for _, r := range runs {
		put(-(r.start - glyphs[i].g))
		i += r.n
	}
	put(1)
	for range runs {
		put(0)
	}
	put(0)
	for _, p := range glyphs {
		put(p.g)
	}
	put(0)
	return out
}

// assembleFont writes a TrueType file of tables as assembleTables does,
// appending it to out.
func assembleFont(out []byte, tables map[string][]byte) []byte {
	names := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for name, t := range tables {
		names = append(names, name)
		size += (len(t) + 3) &^ 3
	}
	slices.Sort(names)
	n := len(tables)
	findSize, writer := 1, 0
	for findSize*2 <= n {
		findSize *= 2
		writer++
	}
	findSize *= 16
	out = slices.Grow(out, size)
	start := len(out)
	out = binary.BigEndian.AppendUint32(out, 0x00010000)
	for _, v := range []int{n, findSize, writer, n*16 - findSize} {
		out = binary.BigEndian.AppendUint16(out, uint16(v))
	}
	offset, head := 12+16*n, 0
	for _, name := range names {
		t := tables[name]
		if name == "head" {
			head = offset
		}
		out = append(out, name...)
		out = binary.BigEndian.AppendUint32(out, ttfChecksum(t))
		out = binary.BigEndian.AppendUint32(out, uint32(offset))
		out = binary.BigEndian.AppendUint32(out, uint32(len(t)))
		offset += (len(t) + 3) &^ 3
	}
	for _, name := range names {
		out = append(out, tables[name]...)
		for (len(out)-start)%4 != 0 {
			out = append(out, 0)
		}
	}
	sum := ttfChecksum(out[start:])
	// calcInt32 as it is: a borrow from the high half adds one instead
	// of taking one, so the adjustment is not always 0xB1B0AFBA - sum.
	x0, x1 := 0xB1B0, 0xAFBA
	y0, y1 := int(sum>>16), int(sum&0xFFFF)
	if y1 > x1 {
		x1 += 1 << 16
		x0++
	}
	if y0 > x0 {
		x0 += 1 << 16
	}
	binary.BigEndian.PutUint16(out[start+head+8:], uint16((x0-y0)&0xFFFF))
	binary.BigEndian.PutUint16(out[start+head+10:], uint16(x1-y1))
	return out
}

// ttfChecksum is a TrueType table checksum: the sum of its big-endian
// uint32s, the last padded with zeros.
func ttfChecksum(t []byte) uint32 {
	var sum uint32
	for len(t) >= 4 {
		sum += binary.BigEndian.Uint32(t)
		t = t[4:]
	}
	if len(t) > 0 {
		var last [4]byte
		copy(last[:], t)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}

// keptEmbeddings is how many embeddings of a font (its subsets for sets
// of runes, compressed) a UTF8Font keeps, the last ones made.
const keptEmbeddings = 16

// utf8Embedding is what a document embeds of a UTF-8 font for one set
// of runes: the subset's name, its widths, its CIDToGIDMap and its file,
// both compressed. It is the same for every document with those runes.
type utf8Embedding struct {
	key     string // the used runes, as embeddingKey gives them
	tag     string // subsetTag
	widths  string // the body of the /W array
	fontLen int    // the length of the subset's file
	fontZ   []byte // the subset's file, compressed
	mapZ    []byte // the CIDToGIDMap, compressed
}

// embedding returns the embedding of the font for usedRunes (a
// fontDefType's, rune 0 deleted): one of the last made, if one had the
// same runes (tract's patch 14: the two editions of a leaflet, and every
// version of a text tract serve shows while it is edited, have the same
// runes), or a new one.
func (font *UTF8Font) embedding(usedRunes map[int]int) (*utf8Embedding, error) {
	keys := sortedRunes(usedRunes)
	key := embeddingKey(keys, usedRunes)
	font.mu.Lock()
	for i, e := range font.embeddings {
		if e.key == key {
			copy(font.embeddings[1:i+1], font.embeddings[:i])
			font.embeddings[0] = e
			font.mu.Unlock()
			return e, nil
		}
	}
	font.mu.Unlock()

	sub, err := font.subset(keys, usedRunes)
	if err != nil {
		return nil, err
	}
	e := &utf8Embedding{
		key: key, tag: subsetTag(keys),
		widths: cidWidths(font.cw, keys, usedRunes, sub.lastRune), fontLen: len(sub.font),
	}
	zeros := cidToGidMaps.Get().(*[256 * 256 * 2]byte)
	for _, p := range sub.glyphs {
		zeros[p.r*2] = byte(p.g >> 8)
		zeros[p.r*2+1] = byte(p.g & 0xFF)
	}
	// Only as far as the last CID the document uses, which is all a
	// viewer looks up (ISO 32000-1, 9.7.4.2): most documents use no rune
	// above U+2100, and compressing the whole 128 KB cost more than
	// compressing the font.
	mem := xmem.compress(zeros[:min(2*(sub.lastRune+1), len(zeros))])
	for _, p := range sub.glyphs {
		zeros[p.r*2], zeros[p.r*2+1] = 0, 0
	}
	cidToGidMaps.Put(zeros)
	e.mapZ = bytes.Clone(mem.bytes())
	mem.release()
	mem = font.compress(sub)
	sub.release()
	e.fontZ = bytes.Clone(mem.bytes())
	mem.release()

	font.mu.Lock()
	if len(font.embeddings) < keptEmbeddings {
		font.embeddings = append(font.embeddings, nil)
	}
	copy(font.embeddings[1:], font.embeddings)
	font.embeddings[0] = e
	font.mu.Unlock()
	return e, nil
}

// sortedRunes returns the keys of a fontDefType's used runes in order:
// what embedding reads of them, sorted once.
func sortedRunes(usedRunes map[int]int) []int {
	keys := make([]int, 0, len(usedRunes))
	for r := range usedRunes {
		keys = append(keys, r)
	}
	slices.Sort(keys)
	return keys
}

// embeddingKey names a fontDefType's used runes, each with its value
// (the rune, or 0 for the first runes, which are always there); keys
// are theirs in order.
func embeddingKey(keys []int, usedRunes map[int]int) string {
	b := make([]byte, 0, 3*len(keys))
	prev := 0
	for _, r := range keys {
		b = binary.AppendVarint(b, int64(r-prev))
		b = binary.AppendVarint(b, int64(usedRunes[r]))
		prev = r
	}
	return string(b)
}
