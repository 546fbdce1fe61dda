package markdown

import (
	"bytes"
	stdhtml "html"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/locale"
)

// applyTypography is the typography pass, shared by the site and the PDF:
// every piece of text (not code) the rules change, or whose source holds
// an escape or an entity, becomes an ast.String holding the final
// characters — resolved escapes and entities, the language's quotes (set
// by goldmark's typographer) and, in French, the no-break spaces before
// : ; ! ? and inside « ». Its line break is kept as an empty Text node
// carrying the break, so both renderers still see it. A text the rules
// leave as written, most of them, stays the parser's Text node, which
// the renderers show alike: making a String of each took a tenth of the
// parse and of its allocations. warn, if not nil, is told what was
// cleaned out of a text (see resolveText) and the offset in src of the
// text.
func applyTypography(doc ast.Node, src []byte, t locale.Typography, warn func(at int, found []rune)) {
	ts := &typesetter{t: t, parsed: t, src: src}
	sc := scratches.Get().(*scratch)
	ts.out, ts.runes = sc.out[:0], sc.runes[:0]
	defer func() {
		if cap(ts.out)+cap(ts.runes) <= scratchMax {
			sc.out, sc.runes = ts.out[:0], ts.runes[:0]
			scratches.Put(sc)
		}
	}()
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		if n.Type() == ast.TypeBlock {
			ts.reset()
		}
		switch x := n.(type) {
		case *ast.CodeSpan, *ast.AutoLink:
			ts.opaque()
			return
		case *ast.Text:
			if x.IsRaw() {
				ts.opaque()
				return
			}
			s, cleaned := ts.setText(x)
			if cleaned != nil && warn != nil {
				warn(x.Segment.Start, cleaned)
			}
			broken := x.SoftLineBreak() || x.HardLineBreak()
			if s != nil {
				// A text left as written stays, its line break with it;
				// a String takes its place, and an empty Text its break.
				parent := n.Parent()
				parent.ReplaceChild(parent, n, s)
				if broken {
					br := ast.NewTextSegment(text.NewSegment(x.Segment.Stop, x.Segment.Stop))
					br.SetSoftLineBreak(x.SoftLineBreak())
					br.SetHardLineBreak(x.HardLineBreak())
					parent.InsertAfter(parent, s, br)
				}
			}
			if broken {
				ts.lineBreak()
			}
			return
		case *ast.String:
			if x.IsCode() || x.IsRaw() {
				// The typographer's substitutions, or text made by another pass.
				if x.IsCode() {
					if ts.t != ts.parsed {
						x.Value = []byte(requote(string(x.Value), ts.parsed, ts.t, unicode.IsLetter(ts.prev) || unicode.IsDigit(ts.prev)))
					}
					switch string(x.Value) {
					case ts.t.SingleOpen:
						ts.singles++
					case ts.t.SingleClose:
						x.Value = []byte(ts.closeSingle())
					}
				}
				x.SetCode(false)
			}
			x.Value = []byte(ts.typeset(string(x.Value)))
			x.SetRaw(true)
			ts.last, ts.lastText = x, nil
			return
		case *Passage:
			// Its text in its language's rules, the text's again after.
			defer ts.restore(ts.t)
			ts.t = locale.TypographyFor(x.Lang)
		case *Span:
			// The space a French « opening the phrase calls for is the
			// text's, outside the phrase: « we stay », not «we stay »
			// with the space in English.
			if ts.afterOpen && !startsWithSpace(x, ts.src) {
				if last := ts.lastString(); last != nil {
					last.Value = append(last.Value, "\u202f"...)
					ts.afterOpen, ts.prev = false, '\u202f'
				}
			}
			defer ts.restore(ts.t)
			ts.t = locale.TypographyFor(x.Lang)
		case *Figure:
			ts.reset()
			x.Caption = ts.typeset(x.Caption)
			ts.reset()
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling() // c may be replaced
			walk(c)
			c = next
		}
		if n.Type() == ast.TypeBlock {
			ts.reset()
		}
	}
	walk(doc)
}

// startsWithSpace reports whether the text in n starts with white space,
// as "[ we stay ]{lang=en}" does: the space after a guillemet before it
// is then that one, in n, as before any text.
func startsWithSpace(n ast.Node, src []byte) bool {
	space := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		var b []byte
		switch x := c.(type) {
		case *ast.Text:
			b = x.Segment.Value(src)
		case *ast.String:
			b = x.Value
		default:
			return ast.WalkContinue, nil
		}
		if !entering || len(b) == 0 {
			return ast.WalkContinue, nil
		}
		r, _ := utf8.DecodeRune(b)
		space = unicode.IsSpace(r)
		return ast.WalkStop, nil
	})
	return space
}

// requote is the quote s (one of from's, as goldmark's typographer set
// it) in to's: "«" in French is "“" in English. A closing single quote
// stays one, for closeSingle to tell from an apostrophe. Where from opens
// a single quote with its apostrophe (Arabic's ’), s is the apostrophe
// after a letter or a digit, as the typographer sets one ("it's").
func requote(s string, from, to locale.Typography, afterLetter bool) string {
	if s == from.SingleOpen && s == from.Apostrophe {
		if afterLetter {
			return to.Apostrophe
		}
		return to.SingleOpen
	}
	switch s {
	case from.DoubleOpen:
		return to.DoubleOpen
	case from.DoubleClose:
		return to.DoubleClose
	case from.SingleOpen:
		return to.SingleOpen
	case from.SingleClose:
		return to.SingleClose
	case from.Apostrophe:
		return to.Apostrophe
	}
	return s
}

// resolveText turns the source of a Text node into the characters it
// stands for, exactly as goldmark's HTML writer would: backslash escapes,
// entity and numeric references, NUL. What references stand for is then
// cleaned as the loader cleans what is written (content.CleanText): a
// control character left out (&#11; as a written U+000B), a
// bidirectional override (&#x202E;) closed at the end of the text, or it
// would turn around the rest of the paragraph on the page while the
// editor's file shows nothing of the kind. found is what was cleaned.
func resolveText(b []byte) (s string, found []rune) {
	if plainSource(b) {
		return string(b), nil
	}
	var buf bytes.Buffer
	w := bufWriter(&buf)
	defer putBufWriter(w)
	html.DefaultWriter.Write(w, b)
	_ = w.Flush()
	return content.CleanText(stdhtml.UnescapeString(buf.String()))
}

// plainSource reports whether the source of a Text node stands for itself:
// it has no backslash escape, no entity and no NUL for resolveText to turn
// into something else.
func plainSource(b []byte) bool {
	return bytes.IndexByte(b, '\\') < 0 && bytes.IndexByte(b, '&') < 0 && bytes.IndexByte(b, 0) < 0
}

// typesetter carries the context of one block's text across its nodes:
// "**Attention** :" puts the colon's space in a different node from the word.
type typesetter struct {
	t locale.Typography
	// parsed is the typography the text was parsed with, whose quotes
	// goldmark's typographer set: a passage in another language
	// (Passage) has them changed to its own.
	parsed locale.Typography
	src    []byte // the source the texts' segments are of
	// last is the previous text in this block, for fixing a trailing
	// space: a String, or lastText when that text stands as written.
	last      *ast.String
	lastText  *ast.Text
	prev      rune // the last character of the block so far; 0 at its start
	afterOpen bool // the previous text ended with «
	// singles is how many single quotes the typographer opened in the
	// block and has not closed (see closeSingle).
	singles int
	// out and runes are setRunes's scratch, used again for each text of
	// the document.
	out, runes []rune
}

// scratch is a typesetter's out and runes, kept from one document to the
// next: grown again for each, they made a build of the bench corpus
// (3,000 items) allocate 26 MB more.
type scratch struct{ out, runes []rune }

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// scratchMax is the most runes a scratch kept for the next document
// holds: one a very long paragraph grew is dropped.
const scratchMax = 1 << 16

func (ts *typesetter) reset() {
	ts.last, ts.lastText, ts.prev, ts.afterOpen, ts.singles = nil, nil, 0, false, 0
}

// restore sets the rules back to t, those of the text around a passage
// or a phrase in another language.
func (ts *typesetter) restore(t locale.Typography) { ts.t = t }

// closeSingle gives what stands for a straight ' the typographer took for
// a closing single quote (after a letter, before a space): that quote if
// one is open in the block, else an apostrophe, as in "the Tenants'
// Union". Where the closing quote is not the apostrophe (French and
// Spanish close with ”), the typographer alone printed "Tenants” Union".
func (ts *typesetter) closeSingle() string {
	if ts.singles > 0 {
		ts.singles--
		return ts.t.SingleClose
	}
	return ts.t.Apostrophe
}

// opaque marks code or a URL: text that is left alone but is not a space.
func (ts *typesetter) opaque() { ts.last, ts.lastText, ts.prev, ts.afterOpen = nil, nil, 'x', false }

func (ts *typesetter) lineBreak() {
	ts.last, ts.lastText, ts.prev, ts.afterOpen = nil, nil, '\n', false
}

// setText makes the String that stands for the Text node x, or returns
// nil when x's source holds the characters as they are (no escape or
// entity) and the rules change none of them, as in most text: x then
// stays as it is, which both renderers show as they show a String, and
// a rule that changes its last space later turns it into one (see
// lastString). cleaned is what the characters the source's references
// stand for lost (see resolveText).
func (ts *typesetter) setText(x *ast.Text) (_ *ast.String, cleaned []rune) {
	b := x.Segment.Value(ts.src)
	var value []byte
	if plainSource(b) {
		// Most text is left as it is: that is found in b itself, not in
		// a string copy of it (35 MB at 3,000 items).
		if passesOn(ts, b) {
			ts.last, ts.lastText = nil, x
			return nil, nil
		}
		// A rule may change it: the text is set as runes, read from b
		// and compared with it there, not through three string copies
		// (9 MB for the bench corpus of 3,000 items).
		ts.runes = appendRunes(ts.runes[:0], b)
		out := ts.setRunes()
		if encodes(out, b) {
			ts.last, ts.lastText = nil, x
			return nil, nil
		}
		value = appendUTF8(make([]byte, 0, len(b)+8), out)
	} else {
		var s string
		s, cleaned = resolveText(b)
		value = []byte(ts.typeset(s))
	}
	n := ast.NewString(value)
	n.SetRaw(true)
	ts.last, ts.lastText = n, nil
	return n, cleaned
}

// lastString is the previous text in the block as a String, which a
// rule may change the end of: a text left as written becomes one now,
// in its place. nil when there is none.
func (ts *typesetter) lastString() *ast.String {
	if x := ts.lastText; x != nil {
		b := x.Segment.Value(ts.src)
		s := ast.NewString(b[:len(b):len(b)])
		s.SetRaw(true)
		parent := x.Parent()
		parent.ReplaceChild(parent, x, s)
		ts.last, ts.lastText = s, nil
	}
	return ts.last
}

// Typeset applies the typography rules of lang to a plain string, as the
// Markdown pass does to text: for titles, summaries and captions that do
// not go through goldmark.
func Typeset(s string, t locale.Typography) string {
	ts := &typesetter{t: t}
	return ts.typeset(straightQuotes(s, t))
}

// changes reports whether typeset could change s, the rules being t's and
// the character before s prev: most text has none of the characters the
// rules act on, and is passed on without being copied.
func changes[S string | []byte](t locale.Typography, prev rune, s S) bool {
	if !t.FrenchSpacing && !t.NumberSpacing {
		return false
	}
	if t.FrenchSpacing && hasHighPunctuation(s) || !validUTF8(s) {
		return true
	}
	if t.NumberSpacing {
		// A space after a digit may become a thin no-break space.
		for i := range len(s) {
			if s[i] != ' ' {
				continue
			}
			before := prev
			if i > 0 {
				before = lastRune(s[:i])
			}
			if unicode.IsDigit(before) || before == '°' || before == 'º' || before == 'h' && t.FrenchSpacing {
				return true
			}
		}
	}
	return false
}

// validUTF8 is utf8.Valid or utf8.ValidString, as s is.
func validUTF8[S string | []byte](s S) bool {
	switch s := any(s).(type) {
	case string:
		return utf8.ValidString(s)
	case []byte:
		return utf8.Valid(s)
	}
	return false
}

// lastRune is the last character of s, as utf8.DecodeLastRune or
// utf8.DecodeLastRuneInString gives it.
func lastRune[S string | []byte](s S) rune {
	switch s := any(s).(type) {
	case string:
		r, _ := utf8.DecodeLastRuneInString(s)
		return r
	case []byte:
		r, _ := utf8.DecodeLastRune(s)
		return r
	}
	return utf8.RuneError
}

// hasHighPunctuation reports whether s holds one of : ; ! ? « », byte by
// byte: strings.ContainsAny, given « and », decodes s rune by rune and
// checks each against the set, which took 7% of the parse (230 ms of 3.3 s
// of CPU at 3,000 items).
func hasHighPunctuation[S string | []byte](s S) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ':', ';', '!', '?':
			return true
		case 0xC2: // « is C2 AB in UTF-8, » is C2 BB
			if i+1 < len(s) && (s[i+1] == 0xAB || s[i+1] == 0xBB) {
				return true
			}
		}
	}
	return false
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\t'
}

func (ts *typesetter) typeset(s string) string {
	if passesOn(ts, s) {
		return s
	}
	return ts.typesetRunes(s)
}

// passesOn reports whether ts leaves s as it is, as most text is (see
// changes), and then takes its last character as the one before the
// next text. setText asks it of a text's source bytes, typeset of a
// string.
func passesOn[S string | []byte](ts *typesetter, s S) bool {
	if ts.afterOpen || changes(ts.t, ts.prev, s) {
		return false
	}
	if len(s) > 0 {
		ts.prev = lastRune(s)
	}
	return true
}

// typesetRunes is typeset, rune by rune.
func (ts *typesetter) typesetRunes(s string) string {
	ts.runes = appendRunes(ts.runes[:0], s)
	return string(ts.setRunes())
}

// appendRunes appends the characters of b to dst, a byte that is not
// UTF-8 as U+FFFD, as ranging over a string of b gives them.
func appendRunes[S string | []byte](dst []rune, b S) []rune {
	for i := 0; i < len(b); {
		r, size := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			switch b := any(b[i:]).(type) {
			case string:
				r, size = utf8.DecodeRuneInString(b)
			case []byte:
				r, size = utf8.DecodeRune(b)
			}
		}
		dst = append(dst, r)
		i += size
	}
	return dst
}

// encodes reports whether runes written as UTF-8 are the bytes b, as
// string(runes) == string(b) would.
func encodes(runes []rune, b []byte) bool {
	var buf [utf8.UTFMax]byte
	i := 0
	for _, r := range runes {
		if r < utf8.RuneSelf {
			if i >= len(b) || b[i] != byte(r) {
				return false
			}
			i++
			continue
		}
		n := utf8.EncodeRune(buf[:], r)
		if i+n > len(b) || string(b[i:i+n]) != string(buf[:n]) {
			return false
		}
		i += n
	}
	return i == len(b)
}

// appendUTF8 appends runes to dst as UTF-8.
func appendUTF8(dst []byte, runes []rune) []byte {
	for _, r := range runes {
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// setRunes applies the rules to ts.runes and returns the characters they
// make: ts's scratch, good until its next text.
func (ts *typesetter) setRunes() []rune {
	out := ts.out[:0]
	runes := ts.runes
	defer func() { ts.out, ts.runes = out[:0], runes[:0] }()
	prevRune := func() rune {
		if len(out) > 0 {
			return out[len(out)-1]
		}
		return ts.prev
	}
	// replacePrevSpace turns the space before the current character, which
	// may end the previous node, into sp.
	replacePrevSpace := func(sp rune) bool {
		if len(out) > 0 {
			if isSpace(out[len(out)-1]) {
				out[len(out)-1] = sp
				return true
			}
			return false
		}
		if (ts.last != nil || ts.lastText != nil) && isSpace(ts.prev) {
			last := ts.lastString()
			v := []rune(string(last.Value))
			if len(v) > 0 && isSpace(v[len(v)-1]) {
				v[len(v)-1] = sp
				last.Value = []byte(string(v))
				return true
			}
		}
		return false
	}
	for i, r := range runes {
		next := rune(0)
		if i+1 < len(runes) {
			next = runes[i+1]
		}
		if ts.afterOpen && len(out) == 0 {
			// The previous node ended with «.
			ts.afterOpen = false
			if isSpace(r) {
				out = append(out, '\u202f')
				continue
			}
			if r != '»' {
				out = append(out, '\u202f')
			}
		}
		if r == ' ' && ts.t.NumberSpacing && unicode.IsDigit(prevRune()) && numberContinues(runes[i+1:]) {
			out = append(out, '\u202f')
			continue
		}
		if r == ' ' && (ts.t.FrenchSpacing && hourContinues(out, runes[i+1:]) || ts.t.NumberSpacing && afterNumero(out) && unicode.IsDigit(next)) {
			out = append(out, '\u00a0')
			continue
		}
		if !ts.t.FrenchSpacing {
			out = append(out, r)
			continue
		}
		switch r {
		case ':', ';', '!', '?':
			sp := '\u202f'
			if r == ':' {
				sp = '\u00a0'
			}
			p := prevRune()
			if !replacePrevSpace(sp) && needsSpaceBefore(r, p, next) {
				out = append(out, sp)
			}
			out = append(out, r)
		case '«':
			out = append(out, r)
			switch {
			case next == 0:
				ts.afterOpen = true
			case isSpace(next):
				runes[i+1] = '\u202f'
			default:
				out = append(out, '\u202f')
			}
		case '»':
			p := prevRune()
			if !replacePrevSpace('\u202f') && p != 0 && p != '\n' && p != '«' && p != '\u202f' {
				out = append(out, '\u202f')
			}
			out = append(out, r)
		default:
			out = append(out, r)
		}
	}
	if len(out) > 0 {
		ts.prev = out[len(out)-1]
	}
	return out
}

// numberContinues reports whether the text after a space that follows a
// digit continues the number: a group of exactly three digits ("12 525")
// or a unit sign ("79 %").
func numberContinues(rest []rune) bool {
	if len(rest) == 0 {
		return false
	}
	switch rest[0] {
	case '%', '€', '£', '$', '‰':
		return true
	}
	n := 0
	for n < len(rest) && unicode.IsDigit(rest[n]) {
		n++
	}
	return n == 3 && (n == len(rest) || !unicode.IsLetter(rest[n]))
}

// hourContinues reports whether the space after before, followed by rest,
// is inside a French time written with "h": the one in "18 h" and the one
// in "18 h 30". A line broken there leaves "18" at the end of one line
// and "h 30" at the start of the next.
func hourContinues(before, rest []rune) bool {
	n := len(before)
	if n > 0 && unicode.IsDigit(before[n-1]) {
		// "18 h", ending there or followed by anything but a letter.
		return len(rest) > 0 && rest[0] == 'h' && (len(rest) == 1 || !unicode.IsLetter(rest[1]) && !unicode.IsDigit(rest[1]))
	}
	// "18 h 30": the h of an hour, then the minutes, two digits.
	if n < 3 || before[n-1] != 'h' || !isSpace(before[n-2]) || !unicode.IsDigit(before[n-3]) {
		return false
	}
	return len(rest) >= 2 && unicode.IsDigit(rest[0]) && unicode.IsDigit(rest[1]) &&
		(len(rest) == 2 || !unicode.IsLetter(rest[2]) && !unicode.IsDigit(rest[2]))
}

// afterNumero reports whether before ends with the sign for "number" of
// French or Spanish, "n°", "nº" or "n.º", as a word of its own: the space
// after it, before the number, is no place for a line to break.
func afterNumero(before []rune) bool {
	n := len(before)
	if n < 2 || before[n-1] != '°' && before[n-1] != 'º' {
		return false
	}
	i := n - 2
	if before[i] == '.' && i > 0 {
		i--
	}
	if before[i] != 'n' && before[i] != 'N' {
		return false
	}
	return i == 0 || !unicode.IsLetter(before[i-1]) && !unicode.IsDigit(before[i-1])
}

// needsSpaceBefore says whether a French high punctuation mark written
// right after a word needs a space inserted: not in "10:30", "http://",
// "?!" or at the start of a line.
func needsSpaceBefore(r, prev, next rune) bool {
	if prev == 0 || prev == '\n' || isSpace(prev) {
		return false
	}
	if prev == ':' || prev == ';' || prev == '!' || prev == '?' || prev == '(' || prev == '[' || prev == '«' {
		return false
	}
	if !(unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == ')' || prev == ']' || prev == '»' || prev == '”' || prev == '’' || prev == '*' || prev == '…' || prev == '.') {
		return false
	}
	switch {
	case next == 0 || isSpace(next) || next == '\n':
		return true
	case next == '!' || next == '?':
		return r == '!' || r == '?'
	case next == ')' || next == '»' || next == '”':
		return true
	}
	return false
}

// straightQuotes replaces straight quotes in plain text (a title, a
// summary) the way goldmark's typographer does in Markdown: a quote after a
// space or at the start opens, otherwise it closes; an apostrophe between
// letters is an apostrophe.
func straightQuotes(s string, t locale.Typography) string {
	if t.DoubleOpen == "" {
		return s
	}
	// Most titles have no quote. The rune loop would give them back as
	// they are (invalid UTF-8 aside, which it mends), in a copy.
	if !strings.ContainsAny(s, `"'`) && utf8.ValidString(s) {
		return s
	}
	return quoteRunes(s, t)
}

// quoteRunes is straightQuotes, rune by rune.
func quoteRunes(s string, t locale.Typography) string {
	var b []rune
	singles := 0 // single quotes opened and not closed
	runes := []rune(s)
	for i, r := range runes {
		prev, next := rune(0), rune(0)
		if i > 0 {
			prev = runes[i-1]
		}
		if i+1 < len(runes) {
			next = runes[i+1]
		}
		opening := prev == 0 || isSpace(prev) || prev == '(' || prev == '[' || prev == '—' || prev == '–'
		switch r {
		case '"':
			if opening {
				b = append(b, []rune(t.DoubleOpen)...)
			} else {
				b = append(b, []rune(t.DoubleClose)...)
			}
		case '\'':
			switch {
			case unicode.IsLetter(prev) && unicode.IsLetter(next):
				b = append(b, []rune(t.Apostrophe)...)
			case opening:
				b = append(b, []rune(t.SingleOpen)...)
				singles++
			case singles > 0:
				b = append(b, []rune(t.SingleClose)...)
				singles--
			default: // "Tenants' Union" (see typesetter.closeSingle)
				b = append(b, []rune(t.Apostrophe)...)
			}
		default:
			b = append(b, r)
		}
	}
	return string(b)
}
