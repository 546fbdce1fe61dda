package content

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// CopiedNote says what Copied found, same of its of paragraphs (a list's
// items among them) still those of the source in lang: "1 of its 2
// paragraphs and list items of six words or more is still that of en.md,
// word for word".
func CopiedNote(same, of int, lang string) string {
	verb, those := "are", "those"
	if same == 1 {
		verb, those = "is", "that"
	}
	return fmt.Sprintf("%d of its %d paragraphs and list items of six words or more %s still %s of %s.md, word for word", same, of, verb, those, lang)
}

// PartlyCopied reports whether readers of v are told that parts of it
// are not translated yet: a third or more of its paragraphs of six words
// or more are still its source's, word for word. One kept on purpose
// among many (a quotation in its own language, a list of names) is left
// to the editor's warning.
func (v *Variant) PartlyCopied() bool { return ReadersTold(v.CopiedParagraphs, v.Paragraphs) }

// ReadersTold reports whether same paragraphs copied of of are enough for
// readers to be told (see Variant.PartlyCopied).
func ReadersTold(same, of int) bool { return same > 0 && same*3 >= of }

// Copied says how much of a translation's text is still its source's,
// word for word: of the paragraphs worth translating in v (those of six
// words or more: a name, an address or a heading may well stay the same),
// how many are found in src, and the file line of the first of them (0 if
// none). The copy tract translate --to writes has same == of; a
// translation half done, some of them.
//
// Every load asks it of every translation, so paragraphs are compared by
// a hash of their words, not as strings (building the strings took 0.6 s
// of a 3,000-item site's load, more than reading it), and the hashes are
// worked out as each file is read, on every core (see readVariant).
func (v *Variant) Copied(src *Variant) (same, of, line int) {
	mine, theirs := v.worthTranslating(), src.worthTranslating()
	var in func(uint64) bool
	if len(theirs) <= 32 {
		in = func(h uint64) bool {
			return slices.ContainsFunc(theirs, func(p paragraph) bool { return p.hash == h })
		}
	} else {
		// A long text compared paragraph by paragraph with a long
		// text would take the product of their lengths.
		set := make(map[uint64]bool, len(theirs))
		for _, p := range theirs {
			set[p.hash] = true
		}
		in = func(h uint64) bool { return set[h] }
	}
	for _, p := range mine {
		if in(p.hash) {
			if same == 0 {
				line = v.BodyLine + int(p.line)
			}
			same++
		}
	}
	return same, len(mine), line
}

// Lines are the lines of a paragraph of a body, counted from 0, its
// first and its last, and the language its words were written in.
type Lines struct {
	First, Last int32
	Lang        string
}

// copiedLines returns the lines of v's paragraphs that Copied finds in
// src, in order, each with the language its words were written in: that
// of the farthest text along the chain of translations from src to the
// original that still has it (a Spanish translation made from a French
// one keeps a paragraph the French kept in English: it is English). It
// is asked only of a translation partly done, whose page marks them.
func (v *Variant) copiedLines(src *Variant) []Lines {
	chain := []*Variant{src}
	for s := src; ; {
		ref := s.TranslatedFrom()
		if ref == nil || s.Item == nil {
			break
		}
		next := s.Item.Variants[ref.Lang]
		if next == nil || next == v || slices.Contains(chain, next) {
			break // no source, or a cycle
		}
		chain = append(chain, next)
		s = next
	}
	sets := make([]map[uint64]bool, len(chain))
	for i, s := range chain {
		sets[i] = map[uint64]bool{}
		for _, p := range s.worthTranslating() {
			sets[i][p.hash] = true
		}
	}
	var out []Lines
	for _, p := range v.worthTranslating() {
		lang := ""
		for i, s := range chain {
			if !sets[i][p.hash] {
				break
			}
			lang = s.Lang
		}
		if lang != "" {
			out = append(out, Lines{p.line, p.last, lang})
		}
	}
	return out
}

// A paragraph worth translating: the hash of its words, and its first
// and last lines, counted from 0 in the body.
type paragraph struct {
	hash       uint64
	line, last int32
}

// paragraphSeed seeds every paragraph hash: hashes are compared within
// one run of tract, never kept.
var paragraphSeed = maphash.MakeSeed()

// worthTranslating is the paragraphs of v's body worth translating, as
// readVariant worked them out, or worked out now for a variant not read
// from a file.
func (v *Variant) worthTranslating() []paragraph {
	if v.paragraphs == nil {
		return paragraphsOf(v.Body)
	}
	return v.paragraphs
}

// paragraphsOf is the paragraphs of body worth translating: of six words
// or more, with a letter. It never returns nil. They are compared in NFC,
// as the digest compares texts: a text saved again by an editor that
// writes "é" as "e" and an accent, the same text to a reader, is the same
// text to the copy check. (NFC composes nothing across a line's end, so
// the lines are those of body.) Only a text with a combining mark of
// U+0300-U+037F, the accents Latin, Greek and Cyrillic letters decompose
// into, is checked: checking every text took as long as finding its
// paragraphs, for texts that are almost always NFC already. A text
// decomposed in another script (Hangul, Arabic) is compared as written.
func paragraphsOf(body []byte) []paragraph {
	if (bytes.IndexByte(body, 0xCC) >= 0 || bytes.IndexByte(body, 0xCD) >= 0) && !norm.NFC.IsNormal(body) {
		body = norm.NFC.Bytes(body)
	}
	ps := []paragraph{}
	var at lineCursor
	eachParagraph(paragraphSeed, body, func(h uint64, words int, letters bool, first, last int) {
		if words < 6 || !letters {
			return
		}
		start := at.offset(body, first)
		end := at.offset(body, last+1)
		var ok bool
		if ps, ok = appendItems(ps, body[start:end], first); ok {
			return
		}
		ps = append(ps, paragraph{hash: h, line: int32(min(first, math.MaxInt32)), last: int32(min(last, math.MaxInt32))})
	})
	return ps
}

// A lineCursor finds where lines of a body start, going forward: the
// paragraphs come in order.
type lineCursor struct{ line, off int }

// offset returns where line starts in body, or len(body) past its end.
func (c *lineCursor) offset(body []byte, line int) int {
	for c.line < line && c.off < len(body) {
		if i := bytes.IndexByte(body[c.off:], '\n'); i >= 0 {
			c.off += i + 1
		} else {
			c.off = len(body)
		}
		c.line++
	}
	return c.off
}

// appendItems appends to ps the items of a list, as paragraphs of their
// own, when the paragraph run (its lines, the first numbered first) is a
// list, and ok is true; else it returns ps as it was, and ok false. Lines
// before the list's first item (a lead-in: "We ask for:") are a paragraph
// too. A list written without blank lines between its items is one run:
// compared whole, a list with half its items translated matched nothing,
// and the half left was neither counted nor marked.
//
// An item is worth translating as a paragraph is, with six words or more
// (its bullet or number not counted). An item shorter than that is left
// out, as a short paragraph is: a list with one item translated in few
// words still has its other items compared. A list none of whose items
// is that long (names, times) is compared whole, as one paragraph, as it
// was, its lead-in with it: ok is false. A short item alone in its run (a
// list with blank lines between its items) is left out.
//
// An item starts at a line whose text starts with a bullet (-, + or *)
// or a number and a . or ), and a space, as a list item does in
// CommonMark, which lets a numbered item start a list within a
// paragraph only at 1 (see startsItem). Its bullet or number, and a task
// box after it ("[ ]"), are left out of its words: a translation may
// number a list its source bulleted, or tick a box. Each item is hashed
// as eachParagraph hashes a paragraph.
func appendItems(ps []paragraph, run []byte, first int) (_ []paragraph, ok bool) {
	var buf [32]unit
	units, n, lead := unitsOf(run, buf[:0])
	if n == 0 {
		return ps, false
	}
	from, items := len(ps), 0
	for i, u := range units {
		end := len(run)
		if i+1 < len(units) {
			end = units[i+1].off
		}
		found := false
		eachParagraph(paragraphSeed, run[u.text:end], func(h uint64, words int, letters bool, f, l int) {
			if found || words < 6 || !letters {
				return
			}
			found = true
			ps = append(ps, paragraph{hash: h, line: int32(min(first+u.line+f, math.MaxInt32)), last: int32(min(first+u.line+l, math.MaxInt32))})
		})
		if found && (!lead || i > 0) {
			items++
		}
	}
	switch {
	case items > 0:
		return ps, true
	case len(units) == 1:
		// An item alone, as each of a list with blank lines between
		// its items is: short, and no list of short items.
		return ps[:from], true
	}
	return ps[:from], false
}

// A unit is a piece of a paragraph run as appendItems cuts it: its first
// line, counted in the run, where that line starts, and where the unit's
// text starts (past an item's bullet or number and task box).
type unit struct{ line, off, text int }

// unitsOf appends to units those of a paragraph run: one at its first
// line, and one at each line that starts a list item. n is how many items
// there are (0 for a run that is no list), and lead whether the first
// line is a lead-in, not an item.
func unitsOf(run []byte, units []unit) (_ []unit, n int, lead bool) {
	for off, line := 0, 0; off < len(run); line++ {
		start, l := off, run[off:]
		if i := bytes.IndexByte(l, '\n'); i >= 0 {
			l, off = l[:i], off+i+1
		} else {
			off = len(run)
		}
		text, item := startsItem(l, n > 0 || line == 0)
		if item {
			n++
		}
		if line == 0 || item {
			units = append(units, unit{line, start, start + text})
		}
		lead = lead || line == 0 && !item
	}
	return units, n, lead
}

// startsItem reports whether line starts a list item with text on it: a
// bullet, or a number (any, where a list may start; 1 alone, where a
// list item would cut a paragraph short), then a space. Within a list,
// it may be indented (an item of a list within an item); else by three
// columns at most, a tab reaching the next multiple of four, as CommonMark
// counts them: more is a paragraph's line. text is where the item's text
// starts: past its bullet or number, the spaces after it, and a task box
// ("[ ]", "[x]") and its space.
func startsItem(line []byte, inList bool) (text int, ok bool) {
	i, col := 0, 0
	for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
		if line[i] == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
	}
	if !inList && col > 3 {
		return 0, false
	}
	switch {
	case i < len(line) && (line[i] == '-' || line[i] == '+' || line[i] == '*'):
		i++
	default:
		n := 0
		for i+n < len(line) && n < 9 && '0' <= line[i+n] && line[i+n] <= '9' {
			n++
		}
		if n == 0 || i+n == len(line) || line[i+n] != '.' && line[i+n] != ')' {
			return 0, false
		}
		if !inList && string(bytes.TrimLeft(line[i:i+n], "0")) != "1" {
			return 0, false
		}
		i += n + 1
	}
	if i == len(line) || line[i] != ' ' && line[i] != '\t' {
		return 0, false
	}
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if rest := line[i:]; len(rest) >= 3 && rest[0] == '[' && rest[2] == ']' && (rest[1] == ' ' || rest[1] == 'x' || rest[1] == 'X') && (len(rest) == 3 || rest[3] == ' ' || rest[3] == '\t') {
		i += 3
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
	}
	if len(bytes.TrimRight(line[i:], " \t\r")) == 0 {
		return 0, false
	}
	return i, true
}

// eachParagraph calls fn for each paragraph of body (a run of lines that
// are not blank) with the hash of its words (cut at white space, as
// strings.Fields cuts) joined by single spaces, how many words it has,
// whether it has a letter, and its first and last lines counted from 0 in
// the body.
//
// A fenced code block (``` or ~~~) is no paragraph: a translation keeps
// code, a phone tree or a command as it is. Its fences are found as
// CommonMark finds them at a line's start, however indented (in a list
// item too), but not in a quote; one missed leaves a warning, never
// hides text left untranslated. Nor is a passage in another language,
// kept on purpose (see passageLines).
func eachParagraph(seed maphash.Seed, body []byte, fn func(h uint64, words int, letters bool, first, last int)) {
	// The words go into h as they are found, a space between two:
	// hashing them one after another is hashing them joined. A line
	// whose words are already one space apart, as most are, goes in
	// whole.
	var h maphash.Hash
	h.SetSeed(seed)
	n, letters, start, last := 0, false, 0, 0
	flush := func() {
		if n > 0 {
			fn(h.Sum64(), n, letters, start, last)
		}
		h.Reset()
		n, letters = 0, false
	}
	var fence byte // the open fence's character, 0 outside a code block
	fenceLen := 0  // and its length
	var passages passageLines
	for i, line := 0, 0; i < len(body); line++ {
		l := body[i:]
		if end := bytes.IndexByte(l, '\n'); end >= 0 {
			l, i = l[:end], i+end+1
		} else {
			i = len(body)
		}
		if c, m, info := fenceOf(l); fence != 0 || m > 0 && !passages.indented(l) {
			switch {
			case fence == 0:
				fence, fenceLen = c, m
			case c == fence && m >= fenceLen && !info:
				fence = 0
			}
			flush()
			passages.afterBlank = false
			continue
		}
		// A passage in another language is kept as it is written, as
		// code is (see PassageFence).
		if passages.skip(l) {
			flush()
			continue
		}
		words := 0
		if spacedOnce(l) {
			if n > 0 {
				h.WriteByte(' ')
			}
			h.Write(l)
			words = bytes.Count(l, []byte(" ")) + 1
			if !letters {
				letters = hasLetter(l)
			}
		} else {
			for w := range wordsOf(l) {
				if n+words > 0 {
					h.WriteByte(' ')
				}
				h.Write(w)
				words++
				if !letters {
					letters = hasLetter(w)
				}
			}
		}
		if words == 0 {
			flush() // a blank line ends the paragraph
			continue
		}
		if n == 0 {
			start = line
		}
		last = line
		n += words
	}
	flush()
}

// passageLines follows, line by line, the passages in another language
// (see PassageFence) a text's lines are in, as goldmark reads them or,
// where the two could differ, closing a passage sooner: a passage goldmark
// sees that is missed here leaves a warning, where one seen here and not
// by goldmark would hide text left untranslated. An opening fence is
// indented by three spaces at most, in a quote or not; a closing fence
// is found however indented (in a list item, goldmark reads its
// indentation past the item's). After a blank line, a line less indented
// than a passage's opening fence ends the passage, as it ends the list
// item it was in, and a blank line ends every passage in a quote, as it
// ends the quote.
type passageLines struct {
	open       []fenceAt // the open passages' fences, innermost last
	afterBlank bool      // the line before was blank
}

// fenceAt is where a passage's opening fence is: inside how many quotes,
// and indented by how much past their markers.
type fenceAt struct{ quotes, indent int }

// skip reads the next line outside code and reports whether it is a
// fence or in a passage: no text of the translation's own.
func (p *passageLines) skip(l []byte) bool {
	blank := len(bytes.TrimSpace(l)) == 0
	afterBlank := p.afterBlank
	p.afterBlank = blank
	if len(p.open) == 0 && !bytes.Contains(l, []byte(":::")) {
		return false // most lines
	}
	quotes, rest := quoteMarkers(l)
	switch {
	case blank:
		for len(p.open) > 0 && p.open[len(p.open)-1].quotes > 0 {
			p.open = p.open[:len(p.open)-1]
		}
	case afterBlank:
		in := indentation(rest)
		for len(p.open) > 0 && in < p.open[len(p.open)-1].indent {
			p.open = p.open[:len(p.open)-1]
		}
	}
	if kind, _ := PassageFence(rest); kind == OpenFence {
		p.open = append(p.open, fenceAt{quotes, indentation(rest)})
		return true
	}
	if len(p.open) == 0 {
		return false
	}
	if kind, _ := PassageFence(bytes.TrimLeft(rest, " \t")); kind == CloseFence {
		p.open = p.open[:len(p.open)-1]
	}
	return true
}

// indented reports whether a line is indented four columns or more past
// the innermost passage's fence: indented code in it, whose ``` opens no
// fence (in a list in a passage, the fence is missed, and the code
// counted: a warning, never text hidden).
func (p *passageLines) indented(l []byte) bool {
	if len(p.open) == 0 {
		return false
	}
	_, rest := quoteMarkers(l)
	return indentation(rest) >= p.open[len(p.open)-1].indent+4
}

// quoteMarkers returns how many quote markers (">", three spaces before each
// at most, and the space after it) a line starts with, and the rest.
func quoteMarkers(l []byte) (quotes int, rest []byte) {
	for {
		i := 0
		for i < len(l) && i < 4 && l[i] == ' ' {
			i++
		}
		if i > 3 || i >= len(l) || l[i] != '>' {
			return quotes, l
		}
		quotes++
		l = l[i+1:]
		if len(l) > 0 && l[0] == ' ' {
			l = l[1:]
		}
	}
}

// indentation is the width of the spaces and tabs a line starts with, a
// tab to the next multiple of four as CommonMark counts it.
func indentation(l []byte) int {
	w := 0
	for _, c := range l {
		switch c {
		case ' ':
			w++
		case '\t':
			w += 4 - w%4
		default:
			return w
		}
	}
	return w
}

// spacedOnce reports whether line is words one ASCII space apart: not
// empty, with no other white space (a tab, a no-break space), no two
// spaces together, and none at either end.
func spacedOnce(line []byte) bool {
	if len(line) == 0 || line[0] == ' ' || line[len(line)-1] == ' ' || bytes.Contains(line, []byte("  ")) {
		return false
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		if !unusual[c] {
			continue
		}
		if c < utf8.RuneSelf {
			return false
		}
		r, size := utf8.DecodeRune(line[i:])
		if unicode.IsSpace(r) {
			return false
		}
		i += size - 1
	}
	return true
}

// unusual marks the bytes spacedOnce looks at twice: the ASCII white space
// but the space and the line end (a line has none), and the lead bytes of
// the white space above ASCII (U+0085, U+00A0, U+1680, U+2000-U+205F,
// U+3000), which lead much else too: typographic quotes and dashes are
// E2.
var unusual = func() (t [256]bool) {
	for _, c := range []byte{'\t', '\v', '\f', '\r', 0xC2, 0xE1, 0xE2, 0xE3} {
		t[c] = true
	}
	return t
}()

// wordsOf yields the words of a line, cut at white space as
// strings.Fields cuts.
func wordsOf(line []byte) func(yield func([]byte) bool) {
	return func(yield func([]byte) bool) {
		for i := 0; i < len(line); {
			c := line[i]
			if c < utf8.RuneSelf && asciiSpace(c) {
				i++
				continue
			}
			if c >= utf8.RuneSelf {
				if r, size := utf8.DecodeRune(line[i:]); unicode.IsSpace(r) {
					i += size
					continue
				}
			}
			// A word: to the next white space. A letter of several
			// bytes is stepped over whole.
			j := i + 1
			for j < len(line) {
				c := line[j]
				if c < utf8.RuneSelf {
					if asciiSpace(c) {
						break
					}
					j++
					continue
				}
				r, size := utf8.DecodeRune(line[j:])
				if unicode.IsSpace(r) {
					break
				}
				j += size
			}
			if !yield(line[i:j]) {
				return
			}
			i = j
		}
	}
}

// fenceOf returns the character and length of the code fence the line
// at the start of b opens or closes ("```", "~~~~"), or 0, 0, and whether
// text follows it on the line (an info string, which a closing fence has
// none of). An opening fence of backticks has none in its info string.
func fenceOf(b []byte) (c byte, n int, info bool) {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	if i == len(b) || b[i] != '`' && b[i] != '~' {
		return 0, 0, false
	}
	c = b[i]
	for i+n < len(b) && b[i+n] == c {
		n++
	}
	if n < 3 {
		return 0, 0, false
	}
	end := bytes.IndexByte(b, '\n')
	if end < 0 {
		end = len(b)
	}
	rest := bytes.TrimSpace(b[i+n : end])
	if c == '`' && bytes.IndexByte(rest, '`') >= 0 {
		return 0, 0, false // inline code: ```a``` b
	}
	return c, n, len(rest) > 0
}

// asciiSpace reports whether the ASCII byte c is white space.
func asciiSpace(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

// hasLetter reports whether word holds a letter.
func hasLetter(word []byte) bool {
	for i := 0; i < len(word); {
		c := word[i]
		if c < utf8.RuneSelf {
			if 'a' <= c|0x20 && c|0x20 <= 'z' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(word[i:])
		if unicode.IsLetter(r) {
			return true
		}
		i += size
	}
	return false
}
