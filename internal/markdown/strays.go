package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/tractpub/tract/internal/content"
)

// A stray is a link or a picture goldmark did not take for one, left in
// a text as it was written: "![The hall](my hall.jpg)" (a space ends an
// address), "[y](en.md." (no closing parenthesis), "[x] (en.md)" (a
// space between ] and (). The reader would see the brackets, and no
// picture or link.
type stray struct {
	start, end int  // the stray is text[start:end]: from its ! or [ to the end of its address
	bracket    int  // text[bracket] is its [, and text[close] its ]
	close      int  //
	open       int  // text[open] is its (
	addr       int  // text[open+1:addr] is its address and title
	picture    bool // ![…](…)
	spaced     bool // ] and ( apart: [x] (y)
	closed     bool // its ) is there
	space      bool // its address (a title aside) holds a space
}

// placeholder stands, in the text findStrays is given, for what is not
// text: a code span, a link, a picture. It is no bracket, parenthesis or
// space, so it neither starts nor ends a stray.
const placeholder = '\x1a'

// findStrays returns the strays of text, the text of a block's inline
// nodes put end to end (their source, backslashes kept, with a newline
// for each line break), in order. A bracket after a backslash is not
// one. A label starting with ^ is a footnote's, never a link's. Where ]
// and ( are apart, the parenthesis must hold what is clearly an address
// (see looksLikeAddress): prose has "[sic] (see below)" and "[1] (2020)".
func findStrays(text string) []stray {
	var out []stray
	b := brackets{text: text}
	for o, i, ok := b.next(); ok; o, i, ok = b.next() {
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		if j >= len(text) || text[j] != '(' || strings.HasPrefix(text[o+1:i], "^") {
			continue
		}
		s := stray{start: o, bracket: o, close: i, open: j, spaced: j > i+1}
		if o > 0 && text[o-1] == '!' && !escaped(text, o-1) {
			s.start, s.picture = o-1, true
		}
		// The address: to the ) that closes the parenthesis on its line,
		// or else to the first space after it. The ) is looked for over
		// maxAddress bytes at most: a long line of "[a] (b" would else be
		// read to its end from each of them.
		k, depth := j+1, 0
		for stop := min(len(text), j+1+maxAddress); k < stop && text[k] != '\n'; k++ {
			if text[k] == '\\' {
				k++
				continue
			}
			if text[k] == '(' {
				depth++
			} else if text[k] == ')' {
				if depth == 0 {
					s.closed = true
					break
				}
				depth--
			}
		}
		k = min(k, len(text))
		if s.closed {
			s.end = k + 1
		} else {
			k = j + 1
			for k < len(text) && text[k] == ' ' {
				k++
			}
			for k < len(text) && !asciiSpace(text[k]) {
				k++
			}
			s.end = k
		}
		s.addr = k
		addr := strings.TrimSpace(address(text[j+1 : k]))
		s.space = strings.ContainsAny(addr, " \t")
		if s.spaced && (!s.closed || !looksLikeAddress(addr)) {
			// Apart, the brackets and the parenthesis are most likely
			// prose, "[sic] (who lied)", "¡Basta![Aplausos] (risas)",
			// unless the parenthesis holds an address and nothing else.
			continue
		}
		out = append(out, s)
		b.skip(s.end)
	}
	return out
}

// brackets walks the pairs of square brackets of a text, an escaped one
// aside, each as its ] comes.
type brackets struct {
	text  string
	i     int   // where the walk goes on
	opens []int // the [ not yet closed
}

// next returns the next pair: text[open] is its [, text[close] its ].
func (b *brackets) next() (open, close int, ok bool) {
	for ; b.i < len(b.text); b.i++ {
		switch b.text[b.i] {
		case '\\':
			b.i++ // what follows is escaped
		case '[':
			b.opens = append(b.opens, b.i)
		case ']':
			if n := len(b.opens); n > 0 {
				open, close = b.opens[n-1], b.i
				b.opens = b.opens[:n-1]
				b.i++
				return open, close, true
			}
		}
	}
	return 0, 0, false
}

// skip goes on from end, past a stray, forgetting the brackets still
// open: what a stray holds starts no other.
func (b *brackets) skip(end int) { b.i, b.opens = end, b.opens[:0] }

// refStray is a reference link left as text, "[the report][1]" or
// "[the report][]", whose reference no line defines: text[start:end],
// its reference's name text[ref:refEnd].
type refStray struct{ start, end, ref, refEnd int }

// findRefStrays returns the reference links of text (as findStrays'
// text) that goldmark left as text: it makes a link of every one whose
// reference is defined. The first brackets must hold a letter: "[1][2]"
// is two notes' numbers, not a link. Footnotes (^) are never links.
func findRefStrays(text string) []refStray {
	var out []refStray
	b := brackets{text: text}
	for o, i, ok := b.next(); ok; o, i, ok = b.next() {
		if i+1 >= len(text) || text[i+1] != '[' {
			continue
		}
		k := strings.IndexByte(text[i+2:min(len(text), i+2+maxAddress)], ']')
		if k < 0 {
			continue
		}
		k += i + 2
		label, ref := text[o+1:i], text[i+2:k]
		if strings.HasPrefix(label, "^") || strings.HasPrefix(ref, "^") || strings.ContainsAny(ref, "[\n\\"+string(placeholder)) ||
			strings.ContainsRune(label, placeholder) || !strings.ContainsFunc(label, unicode.IsLetter) {
			continue
		}
		r := refStray{start: o, end: k + 1, ref: i + 2, refEnd: k}
		if ref == "" {
			r.ref, r.refEnd = o+1, i
		}
		out = append(out, r)
		b.skip(r.end)
	}
	return out
}

// maxAddress is the longest parenthesis findStrays reads as a link's:
// addresses longer than a couple of thousand characters are not typed.
const maxAddress = 2048

func asciiSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// escaped reports whether text[i] follows an odd number of backslashes.
func escaped(text string, i int) bool {
	n := 0
	for i > 0 && text[i-1] == '\\' {
		n++
		i--
	}
	return n%2 == 1
}

// address is what a parenthesis of a link holds, its title (from a space
// and a quote, straight or curly) left out.
func address(inner string) string {
	for i := 1; i < len(inner); i++ {
		if inner[i-1] == ' ' && strings.ContainsAny(inner[i:i+1], `"'(`) {
			return inner[:i]
		}
		if inner[i-1] == ' ' && (strings.HasPrefix(inner[i:], "“") || strings.HasPrefix(inner[i:], "«") || strings.HasPrefix(inner[i:], "‘")) {
			return inner[:i]
		}
	}
	return inner
}

// addressLike matches what is clearly an address, not words in brackets:
// one with a scheme, a path from here or from the site's top, a www.
// address, or a name ending as the files a text links to do.
var addressLike = regexp.MustCompile(`(?i)^(?:[a-z][a-z0-9+.-]*://|mailto:|tel:|www\.|\.{0,2}/)|\.(?:md|markdown|jpe?g|png|gif|webp|pdf|html?|odt|docx?|xlsx?|pptx?|zip|mp3|mp4|ics)(?:#.*)?$`)

func looksLikeAddress(addr string) bool {
	return addr != "" && !strings.ContainsAny(addr, " \t") && addressLike.MatchString(addr)
}

// flatText is a block's inline text put end to end, with where each piece
// of it starts in the body, to find a stray's line.
type flatText struct {
	text  []byte
	marks []flatMark
}

type flatMark struct{ at, off int }

// offset is the body's offset of the text's byte at.
func (f *flatText) offset(at int) int {
	off := 0
	for _, m := range f.marks {
		if m.at > at {
			break
		}
		off = m.off + at - m.at
	}
	return off
}

// source is the body's source of text[from:to], or text[from:to] itself
// when that is not one stretch of the body whose ends are text's.
func (f *flatText) source(body []byte, text string, from, to int) string {
	if to <= from {
		return ""
	}
	a, b := f.offset(from), f.offset(to-1)
	if a < 0 || b < a || b >= len(body) || body[a] != text[from] || body[b] != text[to-1] {
		return text[from:to]
	}
	return string(body[a : b+1])
}

// inside is the body's source of what the parenthesis of s holds, or
// the text's when the source does not hold it whole.
func (f *flatText) inside(body []byte, text string, s stray) string {
	a, b := f.offset(s.open), f.offset(s.addr)
	switch {
	case a < 0 || b <= a || b > len(body) || body[a] != '(':
	case s.closed && body[b] == ')', !s.closed && (b == len(body) || asciiSpace(body[b])):
		return string(body[a+1 : b])
	}
	return text[s.open+1 : s.addr]
}

// add puts n, an inline node, and what it holds at the end of f. Code,
// links, pictures and raw HTML are a placeholder: what a real link or a
// code span holds is no stray.
func (f *flatText) add(n ast.Node, src []byte) {
	switch x := n.(type) {
	case *ast.Text:
		f.marks = append(f.marks, flatMark{len(f.text), x.Segment.Start})
		f.text = append(f.text, x.Segment.Value(src)...)
		if x.SoftLineBreak() || x.HardLineBreak() {
			f.text = append(f.text, '\n')
		}
		return
	case *ast.String:
		// The typographer's quotes and dashes: text, but of no offset.
		f.text = append(f.text, x.Value...)
		return
	case *ast.AutoLink:
		// An address Linkify found inside a stray's parenthesis.
		f.text = append(f.text, x.Label(src)...)
		return
	case *ast.Emphasis, *east.Strikethrough:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			f.add(c, src)
		}
		return
	}
	f.text = append(f.text, placeholder)
}

// strays reports the links and pictures of the text left as text (see
// findStrays): a picture, or a link whose ] and ( go together, is an
// error, as a link that leads nowhere is; one whose ] and ( are apart is
// a warning, as it may yet be prose.
func (st *state) strays(doc ast.Node) {
	var f flatText
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		if n.Type() == ast.TypeBlock && !hasBracket(n, st.v.Body) {
			return // most paragraphs: no ] in their lines, no stray
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Type() == ast.TypeBlock {
				walk(c)
				continue
			}
			f.add(c, st.v.Body)
			if c.NextSibling() == nil || c.NextSibling().Type() == ast.TypeBlock {
				st.reportStrays(&f)
				f.text, f.marks = f.text[:0], f.marks[:0]
			}
		}
	}
	walk(doc)
}

// hasBracket reports whether a block's lines may hold a ]: false only
// for a block with lines (a paragraph, a heading) none of which holds one.
func hasBracket(n ast.Node, body []byte) bool {
	lines := n.Lines()
	if lines == nil || lines.Len() == 0 {
		return true // a container, whose blocks say for themselves
	}
	for i := range lines.Len() {
		if seg := lines.At(i); bytes.IndexByte(seg.Value(body), ']') >= 0 {
			return true
		}
	}
	return false
}

func (st *state) reportStrays(f *flatText) {
	if !slices.Contains(f.text, ']') {
		return
	}
	text := string(f.text)
	for _, r := range findRefStrays(text) {
		name := strings.Join(strings.Fields(text[r.ref:r.refEnd]), " ")
		st.diags.Warnf(st.v.Path, st.lineAt(f.offset(r.start)), "link %s is printed as it is, not as a link: no line defines [%s]; write [%s]: and the address on a line of its own, after the paragraph, or write the address in the link, [text](address) (if the brackets are meant as they are, write \\[ instead of [)",
			shownStray(f.source(st.v.Body, text, r.start, r.end)), content.CutRunes(name, 40), content.CutRunes(name, 40))
	}
	for _, s := range findStrays(text) {
		line := st.lineAt(f.offset(s.start))
		// Quoted as written, where the source holds it whole: goldmark's
		// typographer has made the text's quotes curly, and emphasis has
		// lost its asterisks.
		shown := shownStray(f.source(st.v.Body, text, s.start, s.end))
		label := f.source(st.v.Body, text, s.bracket, s.close+1)
		addr := strings.TrimSpace(address(f.inside(st.v.Body, text, s)))
		what, bang := "link", ""
		if s.picture {
			what, bang = "picture", "!"
		}
		fixed := shownStray(bang + label + "(" + strings.Trim(addr, "<>") + ")")
		switch {
		case s.spaced:
			msg := fmt.Sprintf("%s %s is printed as it is, not as a %s: its ] and ( go together, with no space between: write %s", what, shown, what, fixed)
			if s.picture {
				st.diags.Errorf(st.v.Path, line, "%s", msg)
			} else {
				st.diags.Warnf(st.v.Path, line, "%s%s", msg, asText(s))
			}
		case s.space && s.closed:
			fixed = shownStray(bang + label + "(<" + addr + ">)")
			st.diags.Errorf(st.v.Path, line, "%s %s is printed as it is, not as a %s: a space ends an address in Markdown, and this one has a space: write %s, or rename the file without spaces (%s)%s",
				what, shown, what, fixed, strings.Join(strings.Fields(addr), "-"), asText(s))
		case s.closed:
			// A title unclosed ([x](a.md "title)), an address opened
			// with < and not closed with >.
			st.diags.Errorf(st.v.Path, line, "%s %s is printed as it is, not as a %s: Markdown cannot read what its parentheses hold: write the address alone, %s, or the address and a title in straight quotes, %s%s",
				what, shown, what, fixed, shownStray(bang+label+"("+strings.Trim(addr, "<>")+` "title")`), asText(s))
		default:
			// The full stop of the sentence is most likely not the address's.
			fixed = shownStray(bang + label + "(" + strings.TrimRight(addr, ".,;:!?") + ")")
			st.diags.Errorf(st.v.Path, line, "%s %s is printed as it is, not as a %s: the ) that ends its address is missing: write %s%s", what, shown, what, fixed, asText(s))
		}
	}
}

// asText says how to keep the brackets of what is no link, as text.
func asText(s stray) string {
	if s.picture {
		return ""
	}
	return " (if the brackets are meant as they are, write \\[ instead of [)"
}

// shownStray is a stray as a message quotes it: on one line, the
// placeholders of what is no text as an ellipsis, cut if it is long.
func shownStray(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	s = strings.ReplaceAll(s, string(placeholder), "…")
	return content.CutRunes(s, 80)
}
