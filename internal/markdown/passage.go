package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
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
	at     int // the offset of its opening fence in the source
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

func (passageParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	kind, lang := content.PassageFence(line)
	if kind != content.OpenFence {
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

func (passageParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

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
	p := n.(*Passage)
	dir := locale.Direction(p.Lang)
	if dir == "" {
		dir = "ltr"
	}
	_, _ = w.WriteString(`<div lang="`)
	_, _ = w.WriteString(escape(p.Lang))
	_, _ = w.WriteString(`" dir="`)
	_, _ = w.WriteString(dir)
	_, _ = w.WriteString("\">\n")
	return ast.WalkContinue, nil
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
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}
