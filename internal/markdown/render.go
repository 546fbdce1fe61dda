package markdown

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/locale"
	"github.com/tractpub/tract/internal/search"
)

// nodeRenderer renders tract's own nodes to HTML, and the images,
// footnotes, code blocks and task lists' boxes of a text in one
// language. loc, the language's messages, names the tables, footnotes,
// code blocks and boxes; without it they are left unnamed.
type nodeRenderer struct{ loc *locale.Localizer }

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFigure, renderFigure)
	reg.Register(KindPassage, renderPassage)
	reg.Register(KindSpan, renderSpan)
	reg.Register(KindTableWrap, r.renderTableWrap)
	reg.Register(east.KindTableCell, renderTableCell)
	reg.Register(ast.KindImage, renderImage)
	if r.loc != nil {
		reg.Register(ast.KindCodeBlock, r.renderCode)
		reg.Register(ast.KindFencedCodeBlock, r.renderCode)
		reg.Register(east.KindTaskCheckBox, r.renderTaskCheckBox)
		reg.Register(east.KindFootnoteLink, r.renderFootnoteLink)
		reg.Register(east.KindFootnoteBacklink, r.renderFootnoteBacklink)
		reg.Register(east.KindFootnoteList, r.renderFootnoteList)
	}
}

// say is the message id (one of Messages) in r's language, given args
// as Localizer.T takes them, escaped for an attribute or text.
func (r nodeRenderer) say(id string, args ...any) string {
	s, _ := r.loc.T(id, args...)
	return escape(s)
}

// renderTableCell writes a cell of a column its colons align ("| --: |")
// with the class align-right, align-center or align-left, for the
// stylesheet to align, instead of the style attribute goldmark writes: a
// Content-Security-Policy that lets only the site's stylesheet style its
// pages (docs/examples) would drop that attribute, and the numbers of a
// right-aligned column with it. The class is written, not set on the
// cell: an attribute costs each cell room for ten, and a table of
// figures has thousands of cells.
func renderTableCell(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	tag := "td"
	if n.Parent().Kind() == east.KindTableHeader {
		tag = "th"
	}
	if !entering {
		_, _ = w.WriteString("</")
		_, _ = w.WriteString(tag)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	_ = w.WriteByte('<')
	_, _ = w.WriteString(tag)
	if a := n.(*east.TableCell).Alignment; a != east.AlignNone {
		_, _ = w.WriteString(` class="align-`)
		_, _ = w.WriteString(a.String())
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func renderImage(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		writeImage(w, source, n.(*ast.Image), true)
	}
	return ast.WalkSkipChildren, nil
}

func renderFigure(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	f := n.(*Figure)
	_, _ = w.WriteString("<figure>\n")
	writeImage(w, source, f.Image, false)
	_, _ = w.WriteString("\n<figcaption>")
	_, _ = w.WriteString(escape(f.Caption))
	_, _ = w.WriteString("</figcaption>\n</figure>\n")
	return ast.WalkSkipChildren, nil
}

func (r nodeRenderer) renderTableWrap(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	// The box scrolls on a narrow screen: a keyboard must reach it to
	// scroll it (tabindex), and a screen reader names it as a region. The
	// name is short, "Table 2": the table's column headings, its name
	// once, were read twice, and a table without them left a focusable
	// box without a name. Nothing unnamed is focusable.
	if entering {
		if r.loc != nil {
			_, _ = w.WriteString("<div class=\"table\" tabindex=\"0\" role=\"region\" aria-label=\"")
			_, _ = w.WriteString(r.say("TableName", "Number", n.(*TableWrap).Number))
			_, _ = w.WriteString("\">\n")
		} else {
			_, _ = w.WriteString("<div class=\"table\">\n")
		}
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

// renderCode renders a code block as goldmark does, in a box a keyboard
// can reach and a screen reader names, "Code 2": a line wider than a
// phone scrolls inside it, as a wide table's rows do.
func (r nodeRenderer) renderCode(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</code></pre>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<pre tabindex="0" role="region" aria-label="`)
	number, _ := n.AttributeString(codeNumber)
	_, _ = w.WriteString(r.say("CodeName", "Number", number))
	_, _ = w.WriteString(`"><code`)
	if f, ok := n.(*ast.FencedCodeBlock); ok {
		if language := f.Language(source); language != nil {
			_, _ = w.WriteString(` class="language-`)
			html.DefaultWriter.Write(w, language)
			_ = w.WriteByte('"')
		}
	}
	_ = w.WriteByte('>')
	lines := n.Lines()
	for i := range lines.Len() {
		line := lines.At(i)
		html.DefaultWriter.RawWrite(w, line.Value(source))
	}
	return ast.WalkContinue, nil
}

// renderTaskCheckBox renders a task list's box (- [x] leaflets printed)
// as goldmark does, with a name a screen reader says, "Done" or "To do",
// in the text's language: a checkbox without one is a form field without
// a label (axe's label rule, critical).
func (r nodeRenderer) renderTaskCheckBox(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	// Its label is in the text's language, in an item still the
	// source's too (see textLang).
	if n.(*east.TaskCheckBox).IsChecked {
		_, _ = w.WriteString(`<input checked="" disabled="" type="checkbox"` + r.textLang(n) + ` aria-label="` + r.say("TaskDone") + `"> `)
	} else {
		_, _ = w.WriteString(`<input disabled="" type="checkbox"` + r.textLang(n) + ` aria-label="` + r.say("TaskToDo") + `"> `)
	}
	return ast.WalkContinue, nil
}

// codeNumber is the attribute of a code block that holds its number in
// the text, counted from 1 (see blocks).
const codeNumber = "tract-code-number"

func escape(s string) string { return string(util.EscapeHTML([]byte(s))) }

// Footnotes are rendered as goldmark renders them, with the same ids,
// but named in the text's language: a reference was read as a bare
// number ("1") and the way back as an arrow ("↩︎"); they are "Note 1"
// and "Back to the text". The notes have a heading, "Notes", in the
// place of goldmark's rule: an h2, as the page's title is its h1 and
// the notes end the text.

// footnotesID is the id of the notes' heading, one of reservedIDs.
const footnotesID = "footnotes"

func (r nodeRenderer) renderFootnoteLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.FootnoteLink)
	_, _ = w.WriteString(`<sup id="` + noteRefID(n.Index, n.RefIndex) + `"><a href="#` + noteID(n.Index) + `" class="footnote-ref" role="doc-noteref"` + r.textLang(n) + ` aria-label="`)
	_, _ = w.WriteString(r.say("FootnoteRef", "Number", n.Index))
	_, _ = w.WriteString(`">` + strconv.Itoa(n.Index) + `</a></sup>`)
	return ast.WalkContinue, nil
}

func (r nodeRenderer) renderFootnoteBacklink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.FootnoteBacklink)
	_, _ = w.WriteString(`&#160;<a href="#` + noteRefID(n.Index, n.RefIndex) + `" class="footnote-backref" role="doc-backlink"` + r.textLang(n) + ` aria-label="`)
	_, _ = w.WriteString(r.say("FootnoteBack", "Number", n.Index))
	_, _ = w.WriteString(`">&#x21a9;&#xfe0e;</a>`)
	return ast.WalkContinue, nil
}

// textLang is the lang attribute of an element tract labels in the
// text's language (a note's link, "Note 1", "Back to the text"; a task's
// box, "Done"): the text's, when the element is in a passage or a phrase
// in another language (a paragraph still the source's, a quotation),
// which a screen reader would otherwise read its label in; none
// elsewhere.
func (r nodeRenderer) textLang(n ast.Node) string {
	for p := n.Parent(); p != nil; p = p.Parent() {
		var lang string
		switch x := p.(type) {
		case *Passage:
			lang = x.Lang
		case *Span:
			lang = x.Lang
		default:
			continue
		}
		if strings.EqualFold(lang, r.loc.Lang) {
			return ""
		}
		return ` lang="` + escape(r.loc.Lang) + `"`
	}
	return ""
}

func (r nodeRenderer) renderFootnoteList(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<section class="footnotes" role="doc-endnotes" aria-labelledby="` + footnotesID + `">` + "\n")
		_, _ = w.WriteString(`<h2 id="` + footnotesID + `">` + r.say("FootnotesHeading") + "</h2>\n<ol>\n")
	} else {
		_, _ = w.WriteString("</ol>\n</section>\n")
	}
	return ast.WalkContinue, nil
}

// PlainText is the text of n and its descendants as a reader would read
// it aloud: no Markdown syntax, code kept, footnote marks left out, line
// breaks as spaces.
func PlainText(n ast.Node, source []byte) string { return plainText(n, source, 0) }

// plainText is PlainText in a builder of size bytes to begin with.
func plainText(n ast.Node, source []byte, size int) string {
	var b strings.Builder
	b.Grow(size)
	writePlain(&b, n, source, true)
	return b.String()
}

// plainWriter is what writePlain writes to: a strings.Builder, or a
// bytes.Buffer used again and again.
type plainWriter interface {
	Write([]byte) (int, error)
	WriteByte(byte) error
	WriteString(string) (int, error)
}

// writePlain writes the text of n's children, with the pictures'
// descriptions (alt text) when alt is set: search finds a picture by
// them, but a summary made of them would read "Strikers at gate 3 Every
// morning…".
func writePlain(b plainWriter, n ast.Node, source []byte, alt bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Image:
			if alt {
				writePlain(b, c, source, alt)
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.Text:
			b.Write(t.Segment.Value(source))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.AutoLink:
			b.Write(t.Label(source))
		case *east.FootnoteLink, *east.FootnoteBacklink:
		case *Figure:
			b.WriteString(t.Caption)
		default:
			writePlain(b, c, source, alt)
			if c.Type() == ast.TypeBlock {
				b.WriteByte(' ')
			}
		}
	}
}

// Heading is a heading of the document, for tables of contents and PDF bookmarks.
type Heading struct {
	Level int
	Text  string
	ID    string
	Node  *ast.Heading
}

// Headings lists the document's headings in order. After Compact their
// Node is nil.
func (d *Doc) Headings() []Heading {
	if d.kept != nil {
		return slices.Clone(d.kept.headings)
	}
	var hs []Heading
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			hs = append(hs, Heading{Level: h.Level, Text: strings.TrimSpace(PlainText(h, d.Source)), ID: headingID(h), Node: h})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return hs
}

// headingID is the id nameHeadings gave h.
func headingID(h *ast.Heading) string {
	id, _ := h.AttributeString("id")
	b, _ := id.([]byte)
	return string(b)
}

// Text is the plain text of the whole body, its white space collapsed. A
// compacted Doc has no text but its Words: Text returns "".
func (d *Doc) Text() string {
	if d.kept != nil {
		return ""
	}
	return collapseSpace(PlainText(d.Root, d.Source))
}

// SearchWords is what the search index needs of the text: its words
// folded as the index stores them (see search.Terms), each once, in the
// order first found, separated by a space.
func (d *Doc) SearchWords() string {
	if d.kept != nil {
		return d.kept.words.String()
	}
	return string(appendSearchWords(nil, d))
}

// appendSearchWords appends d's SearchWords to dst.
func appendSearchWords(dst []byte, d *Doc) []byte {
	buf := plainBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	writePlain(buf, d.Root, d.Source, true)
	dst = search.AppendDistinct(dst, d.Lang, buf.Bytes())
	if buf.Cap() <= 1<<20 {
		plainBuffers.Put(buf)
	}
	return dst
}

// plainBuffers hold the plain text appendSearchWords takes the words
// of, and drops: a new one for each text was 36 MB for the bench corpus
// of 3,000 items. A buffer a very long text grew is not kept for the
// next.
var plainBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// collapseSpace turns runs of ASCII white space into one space. No-break
// spaces are kept: they are typography, not layout.
func collapseSpace(s string) string {
	return string(appendCollapsed(make([]byte, 0, len(s)), s))
}

// appendCollapsed appends s to dst as collapseSpace gives it. The
// spaces it collapses are ASCII, which no byte of a longer character is.
func appendCollapsed[S string | []byte](dst []byte, s S) []byte {
	start := len(dst)
	for i := 0; i < len(s); {
		for i < len(s) && isLayoutSpace(rune(s[i])) {
			i++
		}
		j := i
		for j < len(s) && !isLayoutSpace(rune(s[j])) {
			j++
		}
		if j > i {
			if len(dst) > start {
				dst = append(dst, ' ')
			}
			dst = append(dst, s[i:j]...)
		}
		i = j
	}
	return dst
}

// isLayoutSpace reports whether r is ASCII white space.
func isLayoutSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// SummaryMax is the length of summary the site shows, and the one a
// compacted Doc keeps (see Summary).
const SummaryMax = 200

// Summary derives a summary from the body when the front matter has none:
// the first sentences of the first paragraphs, plain text, about max
// characters at most, cut at a word with an ellipsis if a sentence is longer.
// A compacted Doc keeps the start of that text, as much as a summary of
// SummaryMax characters reads (see summarySource): it gives the same
// summaries of up to SummaryMax characters, and a longer one it is asked
// for is one of SummaryMax.
func (d *Doc) Summary(max int) string {
	if d.kept != nil {
		return firstSentences(d.kept.summary, min(max, SummaryMax))
	}
	return firstSentences(d.summaryText(max), max)
}

// summaryText is the text of the lead paragraphs that a summary of max
// characters is cut from: paragraphs are read while it has fewer than
// 4*(max+1) bytes, so that it has the max+1 characters firstSentences
// looks at, if the text has them.
func (d *Doc) summaryText(max int) string {
	// The lead paragraphs' text is gathered in one buffer, each
	// paragraph written in a scratch buffer first, both used again from
	// one text to the next: a builder and a collapsed copy for each
	// paragraph, then the joined text, were 57 MB of the 850 MB a build
	// of 3,000 items allocated.
	bufs := summaryBufs.Get().(*summaryBuf)
	text, para := bufs.text[:0], &bufs.para
	defer func() {
		bufs.text = text
		// A buffer grown by a paragraph of megabytes is let go.
		if cap(text) <= maxSummaryBuf && para.Cap() <= maxSummaryBuf {
			summaryBufs.Put(bufs)
		}
	}()
	for c := d.Root.FirstChild(); c != nil && len(text) < 4*(max+1); c = c.NextSibling() {
		p := c
		if x, ok := c.(*Passage); ok && x.Copied {
			// A paragraph still the source's, in a translation partly
			// done, is the text's opening as before it was marked; a
			// quotation the text marks itself is left out.
			p = x.FirstChild()
		}
		if _, ok := p.(*ast.Paragraph); !ok {
			continue
		}
		para.Reset()
		writePlain(para, p, d.Source, false)
		mark := len(text)
		if mark > 0 {
			text = append(text, ' ')
		}
		if text = appendCollapsed(text, para.Bytes()); len(text) == mark+1 || len(text) == 0 {
			text = text[:mark] // a picture alone
		}
	}
	return string(text)
}

// summarySource keeps of text what firstSentences reads of it for a
// summary of at most SummaryMax characters: its first SummaryMax+1
// characters once trimmed, and an ellipsis after them when the text goes
// on (content.CutRunes), which tells firstSentences that it does (a trimmed cut
// would not: it may end in a space). The ellipsis is never read as the
// end of a sentence, nor shown: a summary of max characters is cut within
// the first max+1.
func summarySource(text string) string {
	return content.CutRunes(strings.TrimSpace(text), SummaryMax+1)
}

// summaryBuf is the scratch memory of Summary, given back to
// summaryBufs unless either buffer grew past maxSummaryBuf bytes.
type summaryBuf struct {
	text []byte
	para bytes.Buffer
}

var summaryBufs = sync.Pool{New: func() any { return new(summaryBuf) }}

const maxSummaryBuf = 64 << 10

// firstSentences keeps whole sentences while they fit in max characters
// (at least one), and shortens a first sentence longer than that at a word.
func firstSentences(s string, max int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	// Only the first max+1 characters decide: a sentence must end, and a
	// cut fall, within them.
	var room [SummaryMax + 1]rune // on the stack, for the summaries a build makes
	runes := room[:0]
	if max >= len(room) {
		runes = make([]rune, 0, max+1)
	}
	for _, r := range s {
		if len(runes) > max {
			break
		}
		runes = append(runes, r)
	}
	end := 0
	for i := 0; i < len(runes) && i <= max; i++ {
		switch runes[i] {
		case '.', '!', '?', '…':
			j := i + 1
			for j < len(runes) && strings.ContainsRune("»”’)\"", runes[j]) {
				j++
			}
			if j == len(runes) || runes[j] == ' ' {
				if j <= max {
					end = j
				}
			}
		}
	}
	if end > 0 {
		return strings.TrimSpace(string(runes[:end]))
	}
	cut := max
	for cut > max/2 && runes[cut] != ' ' {
		cut--
	}
	if runes[cut] != ' ' {
		// A word longer than half the summary is cut where the summary
		// ends, not at half of it: so a summary cut from a longer one
		// (see Doc.Compact) is the one cut from the text.
		cut = max
	}
	return strings.TrimRight(string(runes[:cut]), " ,;:") + "…"
}
