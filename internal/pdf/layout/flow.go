package layout

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/tractpub/tract/internal/markdown"
	"github.com/tractpub/tract/internal/pdf/fonts"
	"github.com/tractpub/tract/internal/pdf/hyphen"
	"github.com/tractpub/tract/internal/pdf/typeset"
)

// Proportions of the page design, in ems of the body size.
const (
	leadingBody    = 1.32
	leadingHeading = 1.15
	paraSpace      = 0.5  // after a paragraph
	listSpace      = 0.2  // between list items
	indentStep     = 1.6  // a list or quote level
	markerGap      = 0.45 // from a list item's marker to its text
	articleSpace   = 1.2  // before a bulletin's article, with its title's own
	quoteBarGap    = 0.75 // from the quote bar to the text
	notesScale     = 0.85 // footnotes, captions, tables
	codeScale      = 0.85
)

// headingScale is the size of a heading of each level, relative to the body.
var headingScale = [...]float64{0, 1.7, 1.35, 1.12, 1.0, 1.0, 1.0}

// flowKind says what a flow element is.
type flowKind uint8

const (
	fPara    flowKind = iota // a paragraph (also headings, list items, captions, code)
	fSpace                   // vertical space, in ems; dropped at the top of a page
	fRule                    // a thin line across the measure
	fImage                   // a picture
	fReserve                 // an empty box for the caller
	fBreak                   // a page break
	fTable                   // a table
	fTOC                     // a table of contents entry
	fFill                    // a share of the room left free on a page
)

// flow is one element of a document prepared for layout at any size:
// paragraphs are analysed once; only their setting depends on the size.
type flow struct {
	kind  flowKind
	para  *typeset.Paragraph
	align typeset.Align
	// balance sets the paragraph's lines even (typeset.Layout.Balance):
	// headings, titles, centered text.
	balance bool
	lead    float64 // leading, as a multiple of the font size
	indent  float64 // left indent, ems
	bars    []float64
	// marker is drawn in the indent before the first line (a list bullet
	// or number), in markerFont at markerScale.
	marker      string
	markerFont  Font
	markerScale float64
	// continued marks, in the indent, each line that goes on the line of
	// the text before it: code, whose line a reader must not take for two.
	continued bool
	space     float64 // fSpace: ems; fReserve: points; fFill: a share
	keep      bool    // keep with the next element
	leadIn    bool    // a paragraph that announces the next block (see leadsIn)
	line      int     // source line, for warnings
	image     *Image
	table     *table
	anchor    string    // an id that links may point at ("fn:1", a heading id)
	bookmark  *Bookmark // Title and Level only; the page is found when placed
	toc       *tocEntry
	reserve   int // fReserve: its index
}

// table is a table's cells, prepared.
type table struct {
	rows   [][]*typeset.Paragraph
	header int // rows that are the header
	aligns []typeset.Align
}

// tocEntry is a line of a table of contents: the heading it points at.
type tocEntry struct {
	para   *typeset.Paragraph
	level  int
	anchor string
}

// builder turns blocks and Markdown into flow.
type builder struct {
	spec     *Spec
	hyph     *hyphen.Hyphenator
	out      []flow
	warnings []Warning
	reserves int
	headings []markdown.Heading // of the Markdown block, for contents
	top, sub int                // its chapters' and sections' heading levels (see ContentsLevels)
	under    int                // outline levels above the text's chapters: 1 below a bulletin's article title
	doc      *markdown.Doc      // the Markdown block being read
	// scopes prefix the ids of each Markdown block's text when the
	// document sets several (a bulletin's articles), so that one
	// article's note 1, or a heading two articles share, is not the
	// other's: "" for the first text, "a2:" for the second, and so on
	// (a heading's id has no colon). scope is doc's.
	scopes map[*markdown.Doc]string
	scope  string
	// printed are the Markdown blocks' texts by the site path of their
	// pages ("en/articles/x/"): a link to a part of one of them is a link
	// inside the document (see url).
	printed map[string]*markdown.Doc
	// from is the file of the Markdown block being set ("" for the
	// other blocks): a bulletin sets its articles' texts after its own.
	from string
	// newlines are the offsets of the newlines in doc's variant's body,
	// for line numbers, found on first use (Variant.Line scans the body
	// from its start: once per block made setting a pamphlet quadratic).
	newlines []int
	// starts remembers textStart's answers for doc, found on first use.
	starts map[ast.Node]int
	indent float64
	bars   []float64
	// earlier are the paragraphs of Spec.Earlier, and paras this
	// preparation's if Spec.Remember, by paraKey.
	earlier, paras map[string]*typeset.Paragraph
	key            []byte  // paraKey's buffer
	beside         *beside // the analysis beside the reading, if Spec.Beside
}

func (b *builder) face(f Font) *fonts.Face {
	s := b.spec.Fonts
	return [...]*fonts.Face{s.Serif, s.SerifBold, s.SerifItalic, s.SerifBoldItalic, s.Sans, s.SansBold, s.Mono}[f]
}

// markerIndent is the indent, in ems, of a list whose widest marker is
// widest, set at scale: indentStep, or more when the marker and the gap
// after it are wider. "10." is, and stuck out into the margin before the
// first items of every list of ten or more, a statement's signatories
// among them.
func (b *builder) markerIndent(widest string, scale float64) float64 {
	need := b.face(Serif).Width(widest, scale) + markerGap
	return max(indentStep, math.Ceil(need*10)/10)
}

func (b *builder) warn(line int, format string, args ...any) {
	b.warnings = append(b.warnings, Warning{Path: b.from, Line: line, Message: fmt.Sprintf(format, args...)})
}

// prepare analyses runs, reporting the characters the fonts lack; those
// a serif or mono face lacks and the sans has are drawn in the sans.
func (b *builder) prepare(runs []typeset.Run, hyph *hyphen.Hyphenator, line int) *typeset.Paragraph {
	runs = b.withFallback(runs)
	later := false // the paragraph is being analysed beside (see beside)
	analyse := func() *typeset.Paragraph {
		if b.beside == nil {
			return typeset.Prepare(runs, hyph)
		}
		var p *typeset.Paragraph
		p, later = b.beside.analyse(runs, hyph)
		return p
	}
	var p *typeset.Paragraph
	if b.earlier == nil && b.paras == nil {
		p = analyse()
	} else {
		key, ok := b.paraKey(runs, hyph)
		if p = b.earlier[key]; !ok || p == nil {
			p = analyse()
		}
		if ok && b.paras != nil {
			b.paras[key] = p
		}
	}
	if later {
		b.beside.late = append(b.beside.late, lateWarning{at: len(b.warnings), from: b.from, line: line, p: p})
	} else {
		b.warnReplaced(line, p.Replacements())
	}
	return p
}

// maxListed is how many characters a warning about characters the fonts
// lack names: a paragraph quoted in a script they lack has dozens.
const maxListed = 8

// warnReplaced reports the characters of one paragraph the fonts lack: one
// warning for each thing they are printed as, naming each character once.
func (b *builder) warnReplaced(line int, reps []typeset.Replacement) {
	if len(reps) == 0 {
		return
	}
	type replaced struct {
		r    rune
		with string
	}
	byWith := map[string][]rune{}
	seen := map[replaced]bool{} // a paragraph in another script repeats them
	for _, r := range reps {
		if k := (replaced{r.Rune, r.With}); !seen[k] {
			seen[k] = true
			byWith[r.With] = append(byWith[r.With], r.Rune)
		}
	}
	for _, with := range slices.Sorted(maps.Keys(byWith)) {
		runes := byWith[with]
		slices.Sort(runes)
		if len(runes) == 1 {
			b.warn(line, "the PDF font cannot draw %U %q: it is printed as %q", runes[0], runes[0], with)
			continue
		}
		var list strings.Builder
		for i, r := range runes[:min(len(runes), maxListed)] {
			if i > 0 {
				list.WriteString(", ")
			}
			fmt.Fprintf(&list, "%U %q", r, r)
		}
		if n := len(runes) - maxListed; n > 0 {
			fmt.Fprintf(&list, " and %d more", n)
		}
		b.warn(line, "the PDF font cannot draw %d characters (%s): they are printed as %q", len(runes), list.String(), with)
	}
}

// paraKey is what typeset.Prepare makes a paragraph from: the runs'
// texts, links and styles, and the language it is hyphenated in, if it
// is (a passage in another language has its own: see
// markdown.Passage). A face is named by its place in
// the font set, which every version of a document shares; a run in a
// face from elsewhere has no key (ok is false).
func (b *builder) paraKey(runs []typeset.Run, hyph *hyphen.Hyphenator) (_ string, ok bool) {
	k := b.key[:0]
	if hyph != nil {
		k = append(k, 'h')
		k = append(k, hyph.Lang()...)
		k = append(k, 0)
	}
	for _, r := range runs {
		face := -1
		for f := Serif; f <= Mono; f++ {
			if b.face(f) == r.Style.Face {
				face = int(f)
				break
			}
		}
		if face < 0 && r.Text != "" {
			return "", false
		}
		k = binary.AppendVarint(k, int64(face))
		k = binary.AppendUvarint(k, math.Float64bits(r.Style.Size))
		if r.Style.Strike {
			k = append(k, 's')
		}
		k = binary.AppendUvarint(k, uint64(len(r.Text)))
		k = append(k, r.Text...)
		k = binary.AppendUvarint(k, uint64(len(r.Link)))
		k = append(k, r.Link...)
	}
	b.key = k
	return string(k), true
}

func (b *builder) para(p *typeset.Paragraph, align typeset.Align, lead float64, line int) *flow {
	b.out = append(b.out, flow{kind: fPara, para: p, align: align, lead: lead, indent: b.indent, bars: b.bars, line: line})
	return &b.out[len(b.out)-1]
}

func (b *builder) space(ems float64) {
	b.out = append(b.out, flow{kind: fSpace, space: ems})
}

// text adds a plain paragraph from a block.
func (b *builder) text(blk Block) {
	scale := blk.Scale
	if scale == 0 {
		scale = 1
	}
	align := typeset.Justify
	switch blk.Align {
	case Left:
		align = typeset.Left
	case Center:
		align = typeset.Center
	}
	var h *hyphen.Hyphenator
	if align == typeset.Justify {
		h = b.hyph
	}
	runs := []typeset.Run{{Text: blk.Text, Style: typeset.Style{Face: b.face(blk.Font), Size: scale}}}
	f := b.para(b.prepare(runs, h, blk.Line), align, leadingBody, blk.Line)
	f.keep = blk.Keep
	f.balance = blk.Balance || align == typeset.Center
	if blk.Bookmark {
		f.bookmark = &Bookmark{Title: blk.Text, Level: blk.Level}
	}
}

func (b *builder) heading(text string, level int, keep bool, bookmark bool, anchor string, line int) {
	level = min(max(level, 1), 6)
	if len(b.out) > 0 {
		b.space([...]float64{0, 0.6, 0.9, 0.7, 0.6, 0.6, 0.6}[level])
	}
	runs := []typeset.Run{{Text: text, Style: typeset.Style{Face: b.face(SansBold), Size: headingScale[level]}}}
	f := b.para(b.prepare(runs, nil, line), typeset.Left, leadingHeading, line)
	f.keep = keep
	f.anchor = anchor
	f.balance = true
	if bookmark {
		lv := max(level-b.top, 0)
		if level == b.sub {
			lv = 1
		}
		f.bookmark = &Bookmark{Title: text, Level: b.under + lv}
	}
	b.out = append(b.out, flow{kind: fSpace, space: 0.25, keep: true})
}

// scopes returns the prefix of the ids of the text of each Markdown
// block of blocks (see builder.scopes), and those texts by the site path
// of their pages (see builder.printed).
func scopes(blocks []Block) (map[*markdown.Doc]string, map[string]*markdown.Doc) {
	out, printed := map[*markdown.Doc]string{}, map[string]*markdown.Doc{}
	for _, blk := range blocks {
		d := blk.Doc
		if _, ok := out[d]; blk.Kind != BlockMarkdown || ok {
			continue
		}
		out[d] = ""
		if n := len(out); n > 1 {
			out[d] = "a" + strconv.Itoa(n) + ":"
		}
		if d != nil && d.Variant != nil && d.Variant.Item != nil {
			printed[d.Variant.Item.PagePath(d.Variant.Lang)] = d
		}
	}
	return out, printed
}

// block adds one block of the spec.
func (b *builder) block(blk Block) {
	b.from = blk.Path
	switch blk.Kind {
	case BlockMarkdown:
		b.doc, b.newlines, b.starts, b.scope = blk.Doc, nil, nil, b.scopes[blk.Doc]
		if v := blk.Doc.Variant; v != nil {
			b.from = v.Path
		}
		b.headings = blk.Doc.Headings()
		b.top, b.sub = ContentsLevels(b.headings)
		saved := b.hyph
		if l := blk.Doc.Lang; l != "" && l != b.spec.Lang && b.spec.HyphenatorFor != nil {
			b.hyph = b.spec.HyphenatorFor(l)
		}
		b.children(blk.Doc.Root)
		b.hyph = saved
	case BlockText:
		b.text(blk)
	case BlockHeading:
		b.top, b.sub, b.under = 2, 3, 0
		if blk.Bookmark && len(b.out) > 0 {
			// A bulletin's next article stands apart from the end of the
			// one before, its notes often: a heading's own space left the
			// title against them.
			b.space(articleSpace)
		}
		b.heading(blk.Text, blk.Level, true, blk.Bookmark, "", blk.Line)
		if blk.Bookmark {
			// A bulletin's article title: the article's chapters and
			// sections are below it in the outline, not beside it.
			b.under = 1
		}
	case BlockList:
		step := indentStep
		if blk.Ordered {
			step = b.markerIndent(strconv.Itoa(len(blk.Items))+".", 1)
		}
		for i, it := range blk.Items {
			marker := "•"
			if blk.Ordered {
				marker = strconv.Itoa(i+1) + "."
			}
			runs := []typeset.Run{{Text: it, Style: typeset.Style{Face: b.face(Serif), Size: 1}}}
			saved := b.indent
			b.indent += step
			f := b.para(b.prepare(runs, nil, blk.Line), typeset.Left, leadingBody, blk.Line)
			b.indent = saved
			f.marker, f.markerFont, f.markerScale = marker, Serif, 1
			b.space(listSpace)
		}
	case BlockSpace:
		b.out = append(b.out, flow{kind: fSpace, space: blk.Height, keep: blk.Keep})
	case BlockRule:
		b.out = append(b.out, flow{kind: fRule})
	case BlockReserve:
		b.out = append(b.out, flow{kind: fReserve, space: blk.Height, reserve: b.reserves})
		b.reserves++
	case BlockPageBreak:
		b.out = append(b.out, flow{kind: fBreak})
	case BlockFill:
		b.out = append(b.out, flow{kind: fFill, space: min(max(blk.Share, 0), 1), keep: true})
	case BlockContents:
		hs := blk.Doc.Headings()
		top, sub := ContentsLevels(hs)
		for _, h := range hs {
			if h.Level != top && h.Level != sub {
				continue
			}
			face, size := Serif, 1.0
			if h.Level == top {
				face = SerifBold
			}
			runs := []typeset.Run{{Text: h.Text, Style: typeset.Style{Face: b.face(face), Size: size}}}
			b.out = append(b.out, flow{
				kind: fTOC, indent: float64(min(h.Level-top, 1)) * indentStep, lead: leadingBody,
				toc: &tocEntry{para: b.prepare(runs, nil, 0), level: h.Level, anchor: b.scopes[blk.Doc] + h.ID},
			})
		}
	}
}

// ContentsLevels are the levels of a document's chapters and sections:
// the shallowest level of its headings (## usually, # in a text that uses
// # for them; 2 if it has none) and the next deeper level it uses (###
// under # too; top+1 if none). The contents and the PDF outline list
// those two.
func ContentsLevels(hs []markdown.Heading) (top, sub int) {
	for _, h := range hs {
		if top == 0 || h.Level < top {
			top = h.Level
		}
	}
	top = cmp.Or(top, 2)
	for _, h := range hs {
		if h.Level > top && (sub == 0 || h.Level < sub) {
			sub = h.Level
		}
	}
	return top, cmp.Or(sub, top+1)
}

// ContentsEntries is how many entries the contents of a document with
// headings hs lists.
func ContentsEntries(hs []markdown.Heading) int {
	top, sub := ContentsLevels(hs)
	n := 0
	for _, h := range hs {
		if h.Level == top || h.Level == sub {
			n++
		}
	}
	return n
}

// children adds the block children of n.
func (b *builder) children(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.node(c)
	}
}

func (b *builder) line(n ast.Node) int {
	if b.doc == nil || b.doc.Variant == nil {
		return 0
	}
	for cur := n; cur != nil; cur = cur.Parent() {
		// Its first line, or the first text inside, however deep (a
		// figure's image's alt text).
		if start := b.textStart(cur); start >= 0 {
			return b.variantLine(start)
		}
	}
	return 0
}

// textStart is the offset of the first text inside n, however deep, or
// -1. Its answers are remembered: each block of a deeply nested list
// asks for its line, and a walk of each block's subtree, and of its
// parents' where it holds no text, made the layout of such a list
// quadratic (or worse): 5.8 s for 250 lines nested 32 deep, and 2,000
// had not finished after ten minutes.
//
// The typography pass turns texts into ast.Strings, which have no place
// in the source: a block with lines (a table's cell) answers with its
// first. It and a text answer at once, without being remembered.
func (b *builder) textStart(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if s, ok := b.starts[n]; ok {
		return s
	}
	s := -1
	for c := n.FirstChild(); c != nil && s < 0; c = c.NextSibling() {
		s = b.textStart(c)
	}
	if b.starts == nil {
		b.starts = map[ast.Node]int{}
	}
	b.starts[n] = s
	return s
}

// variantLine is b.doc.Variant.Line(offset), by binary search.
func (b *builder) variantLine(offset int) int {
	v := b.doc.Variant
	if b.newlines == nil {
		b.newlines = make([]int, 0, 64)
		for i, c := range v.Body {
			if c == '\n' {
				b.newlines = append(b.newlines, i)
			}
		}
	}
	n, _ := slices.BinarySearch(b.newlines, min(max(offset, 0), len(v.Body)))
	return v.BodyLine + n
}

// node adds one block node of the Markdown AST.
func (b *builder) node(n ast.Node) {
	line := b.line(n)
	switch x := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		if img := markdown.LoneImage(n, b.doc.Source); img != nil {
			b.image(img, "", line)
			return
		}
		runs := b.inline(n, Serif, 1)
		if len(runs) == 0 {
			return
		}
		f := b.para(b.prepare(runs, b.hyph, line), typeset.Justify, leadingBody, line)
		f.leadIn = leadsIn(runs) && announced(nextBlock(n))
		f.keep = f.leadIn
		if _, tight := x.(*ast.TextBlock); !tight {
			b.space(paraSpace)
		}
	case *ast.Heading:
		id := ""
		if v, ok := x.AttributeString("id"); ok {
			if bs, ok := v.([]byte); ok {
				id = b.scope + string(bs)
			}
		}
		text := strings.TrimSpace(markdown.PlainText(x, b.doc.Source))
		// A note's mark in a heading, which PlainText leaves out: at its
		// end, where the marks of headings go.
		_ = ast.Walk(x, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if fl, ok := n.(*east.FootnoteLink); ok && entering {
				text += superscript(fl.Index)
			}
			return ast.WalkContinue, nil
		})
		b.heading(text, x.Level, true, x.Level == b.top || x.Level == b.sub, id, line)
	case *ast.ThematicBreak:
		b.space(0.4)
		b.out = append(b.out, flow{kind: fRule, indent: b.indent})
		b.space(0.8)
	case *ast.Blockquote:
		saved, savedBars := b.indent, b.bars
		b.bars = append(append([]float64(nil), b.bars...), b.indent)
		b.indent += indentStep
		b.children(n)
		b.indent, b.bars = saved, savedBars
	case *ast.List:
		b.list(x)
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		b.code(n, line)
	case *markdown.Figure:
		b.image(x.Image, x.Caption, line)
	case *markdown.TableWrap:
		b.children(n)
	case *markdown.Passage:
		b.inLang(x.Lang, func() { b.children(n) })
	case *east.Table:
		b.table(x, line)
	case *east.FootnoteList:
		b.space(0.4)
		// Kept with the notes: alone at a page's foot, it rules off nothing.
		b.out = append(b.out, flow{kind: fRule, keep: true})
		b.space(0.4)
		if b.spec.NotesHeading != "" {
			// Gathered pages away from their marks, in a pamphlet or a
			// booklet once folded, notes are known by their heading.
			b.heading(b.spec.NotesHeading, 4, true, false, "", b.line(n))
		}
		last := 0
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if fn, ok := c.(*east.Footnote); ok {
				last = max(last, fn.Index)
			}
		}
		step := b.markerIndent(strconv.Itoa(last)+".", notesScale)
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			fn, ok := c.(*east.Footnote)
			if !ok {
				continue
			}
			start := len(b.out)
			saved := b.indent
			b.indent += step
			b.notes(fn)
			b.indent = saved
			if start < len(b.out) && b.out[start].kind == fPara {
				f := &b.out[start]
				f.marker, f.markerFont, f.markerScale = strconv.Itoa(fn.Index)+".", Serif, notesScale
				f.anchor = b.scope + "fn:" + strconv.Itoa(fn.Index)
			}
		}
	case *ast.HTMLBlock:
		// Removed by the Markdown stage; nothing to draw.
	default:
		b.children(n)
	}
}

// leadsIn reports whether a paragraph's text ends with a colon: it
// announces what follows ("We have three rules:"), and is kept with it,
// not left alone at a page's foot (see announced).
func leadsIn(runs []typeset.Run) bool {
	// Spaces too, French spacing's no-break one before a colon among them.
	return strings.HasSuffix(strings.TrimRightFunc(runs[len(runs)-1].Text, unicode.IsSpace), ":")
}

// announced reports whether a paragraph that leads in is kept with the
// block n after it: a list, a table, a quotation, code. Not a heading,
// which starts something else, nor a rule. It is kept with the block's
// first line, which it keeps company at a page's foot (see breakable),
// or a table's header and first rows.
func announced(n ast.Node) bool {
	switch inPassages(n).(type) {
	case nil, *ast.Heading, *ast.ThematicBreak, *ast.HTMLBlock:
		return false
	}
	return true
}

// notes adds a footnote's paragraphs, smaller.
func (b *builder) notes(fn *east.Footnote) {
	if c := inPassages(fn.FirstChild()); c != nil && c.Kind() != ast.KindParagraph && c.Kind() != ast.KindTextBlock {
		// The note's number and the anchor its mark links to go on a
		// paragraph: a note that starts with a table or a list gets a
		// line of its own for them.
		runs := []typeset.Run{{Text: figureSpace, Style: typeset.Style{Face: b.face(Serif), Size: notesScale}}}
		b.para(b.prepare(runs, nil, b.line(c)), typeset.Left, leadingBody, b.line(c))
	}
	b.noteBlocks(fn)
}

// noteBlocks sets the blocks of a note, or of a passage in another
// language in it: its paragraphs at the notes' size.
func (b *builder) noteBlocks(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch x := c.(type) {
		case *markdown.Passage:
			b.inLang(x.Lang, func() { b.noteBlocks(x) })
			continue
		case *ast.Paragraph, *ast.TextBlock:
		default:
			// A list, a quotation or code in a note: set as in the text
			// (at the text's size), rather than its words run together.
			b.node(c)
			continue
		}
		runs := b.inline(c, Serif, notesScale)
		if len(runs) == 0 {
			continue
		}
		b.para(b.prepare(runs, b.hyph, b.line(c)), typeset.Justify, leadingBody, b.line(c))
		b.space(0.25)
	}
}

// inPassages is the block n starts with, inside the passages in another
// language n is (none, most often): what a passage holds is set as if it
// stood in its place.
func inPassages(n ast.Node) ast.Node {
	for p, ok := n.(*markdown.Passage); ok; p, ok = n.(*markdown.Passage) {
		n = p.FirstChild()
	}
	return n
}

// nextBlock is the block after n, after the passage n ends if it is
// the last of one.
func nextBlock(n ast.Node) ast.Node {
	for n.NextSibling() == nil {
		p, ok := n.Parent().(*markdown.Passage)
		if !ok {
			return nil
		}
		n = p
	}
	return n.NextSibling()
}

// inLang calls set with the text hyphenated by lang's patterns, or not
// at all when tract has none: a passage in another language.
func (b *builder) inLang(lang string, set func()) {
	saved := b.hyph
	b.hyph = nil
	if b.spec.HyphenatorFor != nil {
		b.hyph = b.spec.HyphenatorFor(lang)
	}
	set()
	b.hyph = saved
}

func (b *builder) list(l *ast.List) {
	num := l.Start
	if num == 0 {
		num = 1
	}
	depth := 0
	for p := l.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.List); ok {
			depth++
		}
	}
	bullet := [...]string{"•", "–", "◦"}[depth%3]
	// inTight: the list is in an item of a tight list.
	inTight := false
	if item := l.Parent(); item != nil {
		if outer, ok := item.Parent().(*ast.List); ok {
			inTight = outer.IsTight
		}
	}
	step := indentStep
	if l.IsOrdered() {
		step = b.markerIndent(strconv.Itoa(num+l.ChildCount()-1)+string(l.Marker), 1)
	}
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		marker := bullet
		if l.IsOrdered() {
			marker = strconv.Itoa(num) + string(l.Marker)
			num++
		}
		saved := b.indent
		b.indent += step
		start := len(b.out)
		b.children(item)
		b.indent = saved
		for i := start; i < len(b.out); i++ {
			if b.out[i].kind == fPara {
				b.out[i].marker, b.out[i].markerFont, b.out[i].markerScale = marker, Serif, 1
				break
			}
		}
		// A list inside an item of a tight list ends with its last item:
		// the space after it is the outer item's, not one more at every
		// level (a list four deep left a line and a half of space). A
		// loose outer list adds none, so a list in it ends as at the top.
		if l.IsTight && (!inTight || item.NextSibling() != nil) {
			b.space(listSpace)
		}
	}
	if l.IsTight && !inTight {
		b.space(paraSpace - listSpace)
	}
}

// figureSpace is a space as wide as a digit, which does not break a line
// and which the typesetter neither drops nor merges: in the monospace
// face, one column.
const figureSpace = "\u2007"

// keepSpaces keeps the spaces of code as the typesetter would not: a
// line's indentation (tabs to the next multiple of four columns) and
// runs of spaces within it become figure spaces, but for the last space
// of a run within the line, where a line too long may still break.
func keepSpaces(s string) string {
	var b strings.Builder
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		col, lead := 0, true // col counts characters, for tab stops
		for j, c := range line {
			switch {
			case c == '\t':
				n := 4 - col%4
				b.WriteString(strings.Repeat(figureSpace, n))
				col += n
				continue
			case c == ' ' && (lead || j+1 < len(line) && (line[j+1] == ' ' || line[j+1] == '\t')):
				b.WriteString(figureSpace)
			default:
				lead = lead && c == ' '
				b.WriteRune(c)
			}
			col++
		}
	}
	return b.String()
}

func (b *builder) code(n ast.Node, line int) {
	var text strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		text.Write(seg.Value(b.doc.Source))
	}
	s := keepSpaces(strings.TrimRight(text.String(), "\n"))
	runs := []typeset.Run{{Text: s, Style: typeset.Style{Face: b.face(Mono), Size: codeScale, Code: true}}}
	f := b.para(b.prepare(runs, nil, line), typeset.Left, 1.25, line)
	f.continued = true
	b.space(paraSpace)
}

func (b *builder) image(img *ast.Image, caption string, line int) {
	target, ok := b.doc.Targets[img]
	if !ok {
		// A path of the site that leads nowhere is already an error of
		// the text; a picture on another site is the PDF's to report.
		if markdown.External(string(img.Destination)) {
			b.warn(line, "image %q is not a file of the site; the PDF leaves it out", img.Destination)
		}
		return
	}
	if b.spec.Images == nil {
		return
	}
	pic, err := b.spec.Images(target)
	if err != nil {
		b.warn(line, "image %s: %v; the PDF leaves it out", img.Destination, err)
		return
	}
	b.space(0.2)
	f := flow{kind: fImage, image: pic, indent: b.indent, line: line}
	if caption != "" {
		f.keep = true
	}
	b.out = append(b.out, f)
	if caption != "" {
		b.space(0.3)
		runs := []typeset.Run{{Text: caption, Style: typeset.Style{Face: b.face(SerifItalic), Size: notesScale}}}
		b.para(b.prepare(runs, nil, line), typeset.Center, leadingBody, line).balance = true
	}
	b.space(paraSpace + 0.2)
}

func (b *builder) table(t *east.Table, line int) {
	tb := &table{}
	for _, a := range t.Alignments {
		switch a {
		case east.AlignRight:
			tb.aligns = append(tb.aligns, typeset.Right)
		case east.AlignCenter:
			tb.aligns = append(tb.aligns, typeset.Center)
		default:
			tb.aligns = append(tb.aligns, typeset.Left)
		}
	}
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		_, header := row.(*east.TableHeader)
		font := Serif
		if header {
			font = SansBold
			tb.header++
		}
		var cells []*typeset.Paragraph
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			runs := b.inline(cell, font, notesScale)
			if len(runs) == 0 {
				runs = []typeset.Run{{Text: "", Style: typeset.Style{Face: b.face(font), Size: notesScale}}}
			}
			cells = append(cells, b.prepare(runs, b.hyph, line))
		}
		tb.rows = append(tb.rows, cells)
	}
	b.space(0.2)
	b.out = append(b.out, flow{kind: fTable, table: tb, indent: b.indent, bars: b.bars, line: line})
	b.space(paraSpace + 0.2)
}

// inline turns the inline children of n into runs.
func (b *builder) inline(n ast.Node, base Font, scale float64) []typeset.Run {
	var runs []typeset.Run
	src := b.doc.Source
	strike := false
	// The last run's text is built in last and set when the next run
	// starts, or at the end: a paragraph of many pieces in one style
	// (soft line breaks, quotes, apostrophes) copied its whole text at
	// every piece: 32,000 pieces took 17 s to lay out.
	var last strings.Builder
	flush := func() {
		if k := len(runs) - 1; k >= 0 {
			runs[k].Text = last.String()
		}
	}
	add := func(text string, font Font, link string) {
		if text == "" {
			return
		}
		st := typeset.Style{Face: b.face(font), Size: scale, Strike: strike, Code: font == Mono}
		if k := len(runs) - 1; k >= 0 && runs[k].Style == st && runs[k].Link == link {
			last.WriteString(text)
			return
		}
		flush()
		last.Reset()
		last.WriteString(text)
		runs = append(runs, typeset.Run{Style: st, Link: link})
	}
	var walk func(n ast.Node, font Font, link string)
	walk = func(n ast.Node, font Font, link string) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch x := c.(type) {
			case *ast.String:
				add(string(x.Value), font, link)
			case *ast.Text:
				add(string(x.Segment.Value(src)), font, link)
				switch {
				case x.HardLineBreak():
					add("\n", font, link)
				case x.SoftLineBreak():
					add(" ", font, link)
				}
			case *ast.Emphasis:
				f := font
				if x.Level >= 2 {
					f = bolder(f)
				} else {
					f = italicer(f)
				}
				walk(x, f, link)
			case *ast.CodeSpan:
				add(markdown.PlainText(x, src), Mono, link)
			case *east.Strikethrough:
				saved := strike
				strike = true
				walk(x, font, link)
				strike = saved
			case *ast.Link:
				// As the HTML renderer writes it: backslash escapes and
				// entities resolved ("a\)b" is "a)b"), then escaped.
				u := b.url(x, string(util.URLEscape(x.Destination, true)))
				walk(x, font, u)
				if shown := printedAddress(u, markdown.PlainText(x, src)); shown != "" {
					add(" ("+shown+")", font, u)
				}
			case *ast.AutoLink:
				u := string(x.URL(src))
				if x.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(u, "mailto:") {
					u = "mailto:" + u
				}
				add(string(x.Label(src)), font, u)
			case *ast.Image:
				add(markdown.PlainText(x, src), italicer(font), link)
			case *east.FootnoteLink:
				add(superscript(x.Index), font, "#"+b.scope+"fn:"+strconv.Itoa(x.Index))
			case *east.FootnoteBacklink:
			case *east.TaskCheckBox:
				// In the sans face: the serif has no ballot boxes.
				box := "☐"
				if x.IsChecked {
					box = "☑"
				}
				add(box, Sans, link)
				add(" ", font, link)
			case *ast.RawHTML:
			default:
				walk(c, font, link)
			}
		}
	}
	walk(n, base, "")
	flush()
	// Drop leading and trailing spaces: a line never starts with one.
	if len(runs) > 0 {
		runs[0].Text = strings.TrimLeft(runs[0].Text, " ")
		k := len(runs) - 1
		runs[k].Text = strings.TrimRight(runs[k].Text, " \n")
	}
	for len(runs) > 0 && runs[len(runs)-1].Text == "" {
		runs = runs[:len(runs)-1]
	}
	return runs
}

// url is where a link in the PDF goes: pages and files of the site become
// absolute addresses, fragments stay internal, and so does a link to a
// heading or note of a text the document prints (the text itself, as
// "en.md#what-we-ask" in en.md, or another article of a bulletin): a
// reader of the PDF is taken to it, and a reader of the paper is not
// sent to a web page to read what is in their hands.
func (b *builder) url(n ast.Node, dest string) string {
	if t, ok := b.doc.Targets[n]; ok && b.spec.AbsURL != nil {
		// The fragment is no part of the site path, whose "#" AbsURL
		// would escape: the page's address, then the fragment.
		p, frag, found := strings.Cut(t, "#")
		if !found {
			return b.spec.AbsURL(t)
		}
		if d := b.printed[p]; d != nil && d.HasPart(frag) {
			return "#" + b.scopes[d] + frag
		}
		return b.spec.AbsURL(p) + "#" + frag
	}
	if strings.HasPrefix(dest, "#") {
		return "#" + b.scope + dest[1:]
	}
	if strings.Contains(dest, ":") {
		return dest
	}
	return "" // a relative link the Markdown stage could not resolve
}

// printedAddress is the address a printed page shows after a link's
// text, for readers of the paper, who cannot click: "our website" alone
// sends them nowhere. It is ShownAddress of the link's, or "" for a link
// inside the document or whose text shows the address already.
func printedAddress(u, text string) string {
	shown := ShownAddress(u)
	if shown == "" || strings.Contains(bareAddress(text), bareAddress(shown)) {
		return ""
	}
	return shown
}

// ShownAddress is an address as paper shows it: without "https://" (under
// a QR code, after a link's text), an e-mail address or a telephone
// number without its scheme, accents as the reader types them; "" for an
// address no reader of the paper can go to (inside the document, or of
// another kind).
func ShownAddress(u string) string {
	var shown string
	switch {
	case strings.HasPrefix(u, "mailto:"):
		shown, _, _ = strings.Cut(u[len("mailto:"):], "?")
	case strings.HasPrefix(u, "tel:"):
		shown = u[len("tel:"):]
	case strings.HasPrefix(u, "https://"), strings.HasPrefix(u, "http://"):
		shown = u[strings.Index(u, "//")+2:]
		if host, rest, _ := strings.Cut(shown, "/"); rest == "" {
			shown = host // example.org, not example.org/
		}
	default:
		return ""
	}
	if d, err := url.PathUnescape(shown); err == nil && utf8.ValidString(d) {
		shown = d
	}
	return shown
}

// bareAddress is s as printedAddress compares it: lower case, without a
// scheme, white space or a final slash.
func bareAddress(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), ""))
	for _, scheme := range []string{"https://", "http://", "mailto:", "tel:"} {
		s = strings.ReplaceAll(s, scheme, "")
	}
	return strings.TrimSuffix(s, "/")
}

func bolder(f Font) Font {
	switch f {
	case Serif:
		return SerifBold
	case SerifItalic:
		return SerifBoldItalic
	case Sans:
		return SansBold
	}
	return f
}

func italicer(f Font) Font {
	switch f {
	case Serif:
		return SerifItalic
	case SerifBold:
		return SerifBoldItalic
	}
	return f
}

// superscript writes a footnote number with superscript digits.
func superscript(n int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	var b strings.Builder
	for _, c := range strconv.Itoa(n) {
		r := []rune(digits)[c-'0']
		b.WriteRune(r)
	}
	return b.String()
}
