package markdown

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/locale"
)

// A Passage is a part of a text in another language than the text's,
// written between fences of colons, the first naming its language (see
// content.PassageFence):
//
//	::: {lang=es}
//	> ¡No pasarán!
//	:::
//
// Its blocks are its children. The page marks it with its language and
// direction, and the typography and the PDF's hyphenation are its
// language's.
type Passage struct {
	ast.BaseBlock
	Lang string // a BCP 47 tag: "es", "pt-BR"
	// Closed is whether a closing fence ended it, not the end of the
	// text or of the block it is in.
	Closed bool
	// Copied is set on a paragraph of a translation still its
	// source's, which tract marks as a passage in the language it was
	// written in (see state.copied).
	Copied bool
	at     int // the offset of its opening fence in the source
	end    int // the offset where it ended, 0 for one tract made
}

// KindPassage is the node kind of Passage.
var KindPassage = ast.NewNodeKind("Passage")

// Kind implements ast.Node.
func (p *Passage) Kind() ast.NodeKind { return KindPassage }

// Dump implements ast.Node.
func (p *Passage) Dump(source []byte, level int) {
	ast.DumpHelper(p, source, level, map[string]string{"Lang": p.Lang}, nil)
}

// passageParser opens a Passage at its opening fence and closes it at
// its closing one. A closing fence inside a fenced code block is code,
// and one inside a passage of the passage closes the inner passage.
type passageParser struct{}

func (passageParser) Trigger() []byte { return []byte{':'} }

// MaxPassages bounds how deeply passages nest in passages (see
// passageParser.Open).
const MaxPassages = 8

// Open opens a passage at its opening fence, unless MaxPassages are open
// around it already: goldmark asks every open block about every line, and
// fences nest without the quote markers or the indentation nestingDepth
// counts, so 5,000 nested passages, 100 KB, took 20 s to parse. The fence
// is then text, and a warning (see passages).
func (passageParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	kind, lang := content.PassageFence(line)
	if kind != content.OpenFence {
		return nil, parser.NoChildren
	}
	open := 0
	for _, b := range pc.OpenedBlocks() {
		if _, ok := b.Node.(*Passage); ok {
			open++
		}
	}
	if open >= MaxPassages {
		return nil, parser.NoChildren
	}
	reader.Advance(len(util.TrimRightSpace(line)))
	return &Passage{Lang: lang, at: seg.Start}, parser.HasChildren
}

func (passageParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if kind, _ := content.PassageFence(line); kind != content.CloseFence || !innermost(node, pc) {
		return parser.Continue | parser.HasChildren
	}
	reader.Advance(len(util.TrimRightSpace(line)))
	node.(*Passage).Closed = true
	return parser.Close
}

// innermost reports whether a closing fence closes p: no fenced code
// block or passage is open inside it.
func innermost(p ast.Node, pc parser.Context) bool {
	blocks := pc.OpenedBlocks()
	for i := len(blocks) - 1; i >= 0 && blocks[i].Node != p; i-- {
		switch blocks[i].Node.(type) {
		case *ast.FencedCodeBlock, *Passage:
			return false
		}
	}
	return true
}

func (passageParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	_, seg := reader.Position()
	node.(*Passage).end = seg.Start
}

// CanInterruptParagraph: a fence ends the paragraph above it, as the copy
// check (content.Variant.Copied) reads it.
func (passageParser) CanInterruptParagraph() bool { return true }

func (passageParser) CanAcceptIndentedLine() bool { return false }

// renderPassage writes a passage as a block of its language and
// direction: <div lang="es" dir="ltr">.
func renderPassage(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<div")
	writeLang(w, n.(*Passage).Lang)
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

// writeLang writes the attributes of a part in lang: ` lang="es" dir="ltr"`.
func writeLang(w util.BufWriter, lang string) {
	_, _ = w.WriteString(` lang="`)
	_, _ = w.WriteString(escape(lang))
	_, _ = w.WriteString(`" dir="`)
	_, _ = w.WriteString(cmp.Or(locale.Direction(lang), "ltr"))
	_, _ = w.WriteString(`"`)
}

// notes gives a note defined inside a passage the passage's language.
// goldmark takes a note's definition out of the blocks it was written
// in, to the list of notes at the text's end, as it is parsed; its place
// in the source says which passage it was in.
func (st *state) notes(doc ast.Node) {
	if !bytes.Contains(st.v.Body, []byte(":::")) || !bytes.Contains(st.v.Body, []byte("[^")) {
		return // most texts: no walk
	}
	var passages []*Passage
	var notes []*east.Footnote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch x := n.(type) {
			case *Passage:
				passages = append(passages, x) // in order of their fences
			case *east.Footnote:
				notes = append(notes, x)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, fn := range notes {
		// Its first line: a list, a quotation or a table has none of
		// its own, its first block has.
		var at int
		for c := fn.FirstChild(); ; c = c.FirstChild() {
			if c == nil || c.Type() != ast.TypeBlock {
				at = -1
				break
			}
			if c.Lines().Len() > 0 {
				at = c.Lines().At(0).Start
				break
			}
		}
		var in *Passage // the innermost: the last opened before the note
		for _, p := range passages {
			if p.at <= at && at < p.end {
				in = p
			}
		}
		if in == nil {
			continue
		}
		p := &Passage{Lang: in.Lang, Closed: true, at: at}
		for c := fn.FirstChild(); c != nil; {
			next := c.NextSibling()
			p.AppendChild(p, c)
			c = next
		}
		fn.AppendChild(fn, p)
	}
}

// copied makes each paragraph of a translation partly done that is still
// its source's, word for word (content.Variant.CopiedLines), a passage in
// the language its words were written in: a screen reader reads it with
// that language's voice, and the typography and the PDF's hyphenation
// are that language's, not French spacing set in English words. A
// paragraph, a heading, a list item's text or a table is marked when all
// its lines are in one of those paragraphs; the copy check's paragraph is
// a run of lines, which may hold several (a tight list). A passage the
// text marks itself keeps the language it gives.
func (st *state) copied(doc ast.Node) {
	lines := st.v.CopiedLines
	if len(lines) == 0 {
		return
	}
	// in returns the copied paragraph that holds the body's line at off.
	in := func(off int) *content.Lines {
		line := int32(st.lineAt(off) - st.v.BodyLine)
		i, _ := slices.BinarySearchFunc(lines, line, func(l content.Lines, line int32) int { return cmp.Compare(l.Last, line) })
		if i < len(lines) && lines[i].First <= line {
			return &lines[i]
		}
		return nil
	}
	type mark struct {
		n    ast.Node
		lang string
		at   int // its first line's offset
	}
	var marked []mark
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var ls *text.Segments
		switch n.Kind() {
		case KindPassage:
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph, ast.KindHeading, ast.KindTextBlock:
			ls = n.Lines()
		case east.KindTable:
			// A table has no lines of its own: its cells have, one each.
			var cells text.Segments
			_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
				if entering && c.Kind() == east.KindTableCell && c.Lines().Len() > 0 {
					cells.Append(c.Lines().At(0))
				}
				return ast.WalkContinue, nil
			})
			ls = &cells
		default:
			return ast.WalkContinue, nil
		}
		// Its last line too: a line of no-break spaces is blank to the
		// copy check, which ends a paragraph there, and not to
		// Markdown, which goes on with the next line.
		if ls.Len() > 0 {
			if first := in(ls.At(0).Start); first != nil && first == in(ls.At(ls.Len()-1).Start) {
				marked = append(marked, mark{n, first.Lang, ls.At(0).Start})
			}
		}
		return ast.WalkSkipChildren, nil
	})
	for _, m := range marked {
		p := &Passage{Lang: m.lang, Closed: true, Copied: true, at: m.at}
		parent := m.n.Parent()
		parent.ReplaceChild(parent, m.n, p)
		p.AppendChild(p, m.n)
	}
}

// passages warns of a passage left open, which runs to the end of the
// text or of the list or quotation it is in, and of the fences that are
// text: a line of colons that names no language, or closes no passage.
func (st *state) passages(doc ast.Node) {
	if !bytes.Contains(st.v.Body, []byte(":::")) {
		return // most texts: no walk
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch x := n.(type) {
		case *Passage:
			if !x.Closed {
				st.diags.Warnf(st.v.Path, st.lineAt(x.at), "this passage in %s is not closed by a line of ::: alone, so it runs on to the end of the text, or of the list or quotation it is in", x.Lang)
			}
		case *ast.Paragraph:
			lines := x.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				switch kind, _ := content.PassageFence(seg.Value(st.v.Body)); kind {
				case content.BadFence:
					st.diags.Warnf(st.v.Path, st.lineAt(seg.Start), "this line of colons opens no passage and is printed as it is: a passage in another language opens with its language, as in ::: {lang=es}, and closes with a line of ::: alone")
				case content.CloseFence:
					st.diags.Warnf(st.v.Path, st.lineAt(seg.Start), "this line of ::: closes no passage and is printed as it is: a passage in another language opens with its language, as in ::: {lang=es}")
				case content.OpenFence:
					st.diags.Warnf(st.v.Path, st.lineAt(seg.Start), "this passage is inside %d others and is printed as it is: tract opens passages %d deep at most", MaxPassages, MaxPassages)
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// A Span is a phrase in another language than its text's, inside a
// sentence, written as Pandoc writes one:
//
//	une banderole où l'on lisait « [Kellingford, we are with you]{lang=en} »
//
// Its page marks it with its language, and its typography is its
// language's; it is hyphenated with the paragraph it is in.
type Span struct {
	ast.BaseInline
	Lang string // a BCP 47 tag: "en", "pt-BR"
}

// KindSpan is the node kind of Span.
var KindSpan = ast.NewNodeKind("Span")

// Kind implements ast.Node.
func (s *Span) Kind() ast.NodeKind { return KindSpan }

// Dump implements ast.Node.
func (s *Span) Dump(source []byte, level int) {
	ast.DumpHelper(s, source, level, map[string]string{"Lang": s.Lang}, nil)
}

// renderSpan writes a phrase in another language: <span lang="en" dir="ltr">.
func renderSpan(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</span>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<span")
	writeLang(w, n.(*Span).Lang)
	_, _ = w.WriteString(">")
	return ast.WalkContinue, nil
}

// spans makes a Span of each [phrase]{lang=en} of the text. goldmark
// leaves such brackets, which lead nowhere, as text, the phrase's own
// markup (emphasis, a link) parsed between them: the pass finds the
// brackets in the text nodes of one parent and moves what is between
// them into the Span. It runs before the typography pass, which merges
// the text nodes, and before the strays pass, which would take the
// brackets for a link gone wrong. Attributes in quotes, {lang="en"},
// would have been made typographic quotes already: they are warned
// about, as is a closing bracket with a language and no opening one.
func (st *state) spans(doc ast.Node) {
	if !bytes.Contains(st.v.Body, []byte("]{")) {
		return // most texts: no walk
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
				st.spansIn(n)
			}
		}
		return ast.WalkContinue, nil
	})
}

// spansIn makes a Span of each [phrase]{lang=en} among parent's children,
// in one pass over them: the brackets open are kept on a stack, and a
// closing one with a language wraps what follows the last of them. The
// attributes are read from the source: goldmark cuts a text node at a
// hyphen (for its dashes), and "]{lang=pt-BR}" may be three nodes.
func (st *state) spansIn(parent ast.Node) {
	src := st.v.Body
	type mark struct {
		t  *ast.Text
		at int
	}
	var opens []mark
	pop := func() {
		if len(opens) > 0 {
			opens = opens[:len(opens)-1]
		}
	}
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok || t.IsRaw() {
			continue
		}
		if bytes.HasPrefix(src[t.Segment.Start:t.Segment.Stop], []byte("{lang=")) {
			// [x]{lang=en} whose brackets a reference ([x]: /url) or
			// a note ([^1]) made a link: the attributes are text.
			switch t.PreviousSibling().(type) {
			case *ast.Link, *east.FootnoteLink:
				st.diags.Warnf(st.v.Path, st.lineAt(t.Segment.Start), "these brackets are a link, to a reference or a note of the same name, and {lang=…} after them is printed as it is: to mark the words as in another language, put the link inside the phrase, [[words]]{lang=en}, or rename the reference")
			}
		}
	scan:
		for i := t.Segment.Start; i < t.Segment.Stop; i++ {
			switch src[i] {
			case '\\':
				i++ // an escaped bracket is a bracket
			case '[':
				opens = append(opens, mark{t, i})
			case ']':
				if i+1 >= len(src) || src[i+1] != '{' {
					pop()
					continue
				}
				line := src[i+1:]
				if nl := bytes.IndexByte(line, '\n'); nl >= 0 {
					line = line[:nl]
				}
				end := bytes.IndexByte(line, '}')
				lang, last := "", t
				if end >= 0 {
					end += i + 2 // past the "}"
					if last = textThrough(t, end); last != nil {
						lang = content.LangAttribute(src[i+1 : end])
					}
				}
				switch {
				case lang == "" && bytes.HasPrefix(line, []byte("{lang")):
					st.diags.Warnf(st.v.Path, st.lineAt(i), "this [phrase]{lang…} names no language and is printed as it is: a phrase in another language is written [phrase]{lang=en}, the language's tag without quotes")
				case lang == "":
				case len(opens) == 0:
					st.diags.Warnf(st.v.Path, st.lineAt(i), "this ]{lang=%s} closes no [: a phrase in another language is written [phrase]{lang=%s}", lang, lang)
				default:
					o := opens[len(opens)-1]
					opens = opens[:len(opens)-1]
					before, span, after := wrapSpan(parent, o.t, o.at, t, i, last, end, lang)
					// The marks left were made in the nodes before
					// the span: one in the node it was cut from is in
					// what is left of it.
					for k := range opens {
						if opens[k].t == o.t {
							opens[k].t = before
						}
					}
					// On from what follows the span, in the same node
					// as it was.
					if after == nil {
						c = span
						break scan
					}
					t, c = after, after
					i = t.Segment.Start - 1
					continue
				}
				pop()
			}
		}
	}
}

// textThrough returns the text node, t or one of the text nodes that
// follow it without a gap in the source, that holds the byte before
// offset end, or nil if another kind of node comes first.
func textThrough(t *ast.Text, end int) *ast.Text {
	for t.Segment.Stop < end {
		next, ok := t.NextSibling().(*ast.Text)
		if !ok || next.IsRaw() || next.Segment.Start != t.Segment.Stop {
			return nil
		}
		t = next
	}
	return t
}

// wrapSpan makes a Span in lang of what parent holds from the "[" at
// offset open in the text node from to the "]" at offset close in the
// text node to, whose attributes end before offset end, in the text node
// last. It returns the text left before the span, in from's place, the
// span, and the text after it (nil when nothing is), which the scan goes
// on with.
func wrapSpan(parent ast.Node, from *ast.Text, open int, to *ast.Text, close int, last *ast.Text, end int, lang string) (before *ast.Text, span *Span, after *ast.Text) {
	span = &Span{Lang: lang}
	before = piece(from, from.Segment.Start, open)
	after = piece(last, end, last.Segment.Stop)
	parent.InsertBefore(parent, from, before)
	parent.InsertBefore(parent, from, span)
	if from == to {
		span.AppendChild(span, piece(from, open+1, close))
	} else {
		span.AppendChild(span, piece(from, open+1, from.Segment.Stop))
		for c := from.NextSibling(); c != to; {
			next := c.NextSibling()
			span.AppendChild(span, c) // moved from parent
			c = next
		}
		span.AppendChild(span, piece(to, to.Segment.Start, close))
	}
	// From the "]" to the "}": gone.
	for c := ast.Node(to); ; {
		next := c.NextSibling()
		parent.RemoveChild(parent, c)
		if c == last {
			break
		}
		c = next
	}
	if from != to {
		parent.RemoveChild(parent, from)
	}
	parent.InsertAfter(parent, span, after)
	if before.Segment.Len() == 0 && !before.SoftLineBreak() && !before.HardLineBreak() {
		parent.RemoveChild(parent, before)
	}
	if after.Segment.Len() == 0 && !after.SoftLineBreak() && !after.HardLineBreak() {
		parent.RemoveChild(parent, after)
		return before, span, nil
	}
	return before, span, after
}

// piece is the text of t from offset start to stop, with t's line break
// if it ends where t does.
func piece(t *ast.Text, start, stop int) *ast.Text {
	p := ast.NewTextSegment(text.NewSegment(start, stop))
	if stop == t.Segment.Stop {
		p.SetSoftLineBreak(t.SoftLineBreak())
		p.SetHardLineBreak(t.HardLineBreak())
	}
	return p
}
