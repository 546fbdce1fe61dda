// Package markdown is tract's one goldmark configuration. Parse turns a
// variant into a Doc: a goldmark AST that has been made safe (raw HTML and
// script URLs removed), whose links between items point at pages, whose
// lone captioned images are figures, and whose text follows the
// language's typography. The site renders the Doc to HTML; the PDF
// renderer walks the same AST, so both say the same thing.
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"maps"
	"net/url"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/imaging"
	"github.com/tractpub/tract/internal/locale"
)

// MaxNesting bounds how deep blocks may nest (quotes in lists in quotes...):
// deeper input is refused rather than risking a stack or time blow-up.
const MaxNesting = 32

// Parser parses variants; one Parser serves a whole build, concurrently.
type Parser struct {
	// Images are the site's image files by path ("content/articles/x/photo.jpg"),
	// as the build probed them: an image found here gets its width, height
	// and resized copies on the page. Set it before parsing.
	Images map[string]*imaging.Image
	// BadImages are the image files the build could not read or refused
	// (too large), by path, with why: an image of the text that is one of
	// them is an error at its line.
	BadImages map[string]error

	site *content.Site
	cat  *locale.Catalog
	mu   sync.Mutex
	md   map[mdKey]goldmark.Markdown // per language: the typographer's quotes differ
	// alwaysLinkify parses every text with Linkify (see linkify.go), as
	// the tests that check the shortcut compare with.
	alwaysLinkify bool
	// own is base_url as ownAddress compares links with it.
	own ownSite
	// known are the anchors of the texts, found once each (see anchorsOf).
	knownMu sync.Mutex
	known   map[*content.Variant]*knownAnchors
}

// mdKey names one goldmark configuration: a language's, with or without
// Linkify.
type mdKey struct {
	lang    string
	linkify bool
}

// NewParser returns a parser for the variants of site. The HTML of a
// text names its footnotes, tables, code blocks and task lists' boxes in
// the text's language with the Messages of cat; with a nil cat (tests of
// what is not HTML), they are rendered as goldmark renders them, and
// tables are not focusable.
func NewParser(site *content.Site, cat *locale.Catalog) *Parser {
	p := &Parser{site: site, cat: cat, md: map[mdKey]goldmark.Markdown{}, known: map[*content.Variant]*knownAnchors{}}
	if base, err := url.Parse(site.Config.BaseURL); err == nil && base.Host != "" {
		p.own = ownSite{siteHost(base.Host), strings.TrimSuffix(base.Path, "/") + "/"}
	}
	return p
}

// ownSite is the site's own address: its host (see siteHost) and path,
// which ends with a slash.
type ownSite struct{ host, path string }

// Messages are the IDs of the UI messages a text's HTML says, in the
// text's language: the heading of its footnotes, their names and those
// of its tables and code blocks, and the names of its task lists' boxes. Every locale must have them; a text's HTML made with
// one catalog is the same with another whose Sum of these is the same.
var Messages = []string{"FootnotesHeading", "FootnoteRef", "FootnoteBack", "TableName", "CodeName", "TaskDone", "TaskToDo"}

func (p *Parser) markdown(lang string, linkify bool) goldmark.Markdown {
	p.mu.Lock()
	defer p.mu.Unlock()
	key := mdKey{lang, linkify}
	if md, ok := p.md[key]; ok {
		return md
	}
	t := locale.TypographyFor(lang)
	nr := nodeRenderer{}
	if p.cat != nil {
		nr.loc = p.cat.Localizer(lang)
	}
	// GitHub's Markdown, as extension.GFM bundles it and in its order:
	// bare addresses made links (Linkify), tables, strikethrough, task lists.
	var gfm []goldmark.Extender
	if linkify {
		gfm = append(gfm, extension.Linkify)
	}
	// Table cells are aligned by class (renderTableCell), not by
	// goldmark's style attribute.
	table := extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone))
	gfm = append(gfm, table, extension.Strikethrough, extension.TaskList)
	md := goldmark.New(
		goldmark.WithExtensions(gfm...),
		goldmark.WithExtensions(
			extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(extension.TypographicSubstitutions{
				extension.LeftDoubleQuote:  []byte(t.DoubleOpen),
				extension.RightDoubleQuote: []byte(t.DoubleClose),
				extension.LeftSingleQuote:  []byte(t.SingleOpen),
				extension.RightSingleQuote: []byte(t.SingleClose),
				extension.Apostrophe:       []byte(t.Apostrophe),
				extension.LeftAngleQuote:   []byte("«"),
				extension.RightAngleQuote:  []byte("»"),
				extension.EnDash:           []byte("–"),
				extension.EmDash:           []byte("—"),
				extension.Ellipsis:         []byte("…"),
			})),
		),
		goldmark.WithParserOptions(
			parser.WithBlockParsers(util.Prioritized(passageParser{}, 750)), // after fenced code (700)
			parser.WithASTTransformers(
				util.Prioritized(transformer{}, 10000), // after the footnote transformer (999)
			),
		),
		goldmark.WithRendererOptions(
			// Of two renderers of a kind of node, goldmark keeps the one
			// of lower number: tract's images, tables and footnotes
			// replace goldmark's own.
			renderer.WithNodeRenderers(util.Prioritized(nr, 100)),
		),
	)
	p.md[key] = md
	return md
}

// Doc is a parsed, transformed variant: parse once, render many times.
//
// A Doc owns its AST until Compact: then it keeps only what the site's
// pages need (the HTML, the plain text, the headings, the lead image and
// what a summary is made from) and lets go of Source, Root and Targets,
// which are nil from then on. Its methods give the same results before
// and after; only the PDF renderer, which walks Root, needs a Doc that
// has not been compacted. Whoever holds the Doc decides when it is done
// with the AST: the build compacts each Doc once nothing will lay it out.
type Doc struct {
	Variant *content.Variant
	Lang    string
	Source  []byte
	Root    ast.Node
	// Targets maps each link and image rewritten to a page or file of the
	// site to its site path ("fr/leaflets/rent/", "articles/x/photo.jpg":
	// see content.Item.FilesPath), with the link's fragment if it keeps
	// one ("fr/leaflets/rent/#what-we-ask"), so the PDF can make absolute
	// URLs of them, and find the pictures it prints (content.FileAt).
	Targets map[ast.Node]string
	// linked are the keys of the items Targets lead into, and of those
	// the text links to that are not there (see LinkedItems).
	linked []string
	// texts are the paths of the other texts its fragments were checked
	// against (see LinkedTexts).
	texts []string
	// anchorIDs are the ids of its parts, which links into it check.
	anchorIDs anchors
	md        goldmark.Markdown
	images    map[*ast.Image]imageRef
	// The HTML, made once (see HTML); callers must not change it.
	htmlOnce sync.Once
	html     []byte
	htmlErr  error
	kept     *kept // set by Compact
}

// imageRef is an image of the document that is a probed file of the site.
type imageRef struct {
	dir  string // site path of the folder it is published in: "articles/x/"
	info *imaging.Image
}

// state is what the transformer needs to know about the variant it works on.
type state struct {
	p     *Parser
	v     *content.Variant
	doc   *Doc
	diags *diag.List
	typo  locale.Typography
	// linkify is whether the text was parsed with Linkify; missedLinks is
	// set when it was not but should have been, and must be parsed again.
	linkify     bool
	missedLinks bool
	// newlines are the offsets of the body's newlines, for line, found on
	// first use: Variant.Line scans the body from its start, which for a
	// text with a problem in every sentence made a check quadratic (a
	// minute for 1 MB).
	newlines []int
	indexed  bool
	// at are the offsets of the pictures, found before typography
	// leaves their paragraphs without offsets (see transform).
	at map[ast.Node]int
	// anchorsOnly parses the text for its anchors alone, saying nothing
	// and asking no other text for its own (see anchorsOf).
	anchorsOnly bool
	// frags are the links whose fragments the fragments pass checks.
	frags []fragmentLink
	// absent are the keys of the items the text links to that the site
	// does not have, or left out for their own errors, and of those it
	// links to by their web address: what it says of them changes when
	// they come or go.
	absent []string
}

// Parse parses v and reports its problems (broken links, raw HTML, script
// URLs, fragments that name no heading) to diags with file:line.
func (p *Parser) Parse(v *content.Variant, diags *diag.List) *Doc {
	doc, ok := p.parse(v, diags, false)
	if ok {
		p.Know(doc)
	}
	return doc
}

// parse is Parse, for the anchors alone if anchorsOnly is set; ok is
// false if v was refused unparsed (too deeply nested, too crowded).
func (p *Parser) parse(v *content.Variant, diags *diag.List, anchorsOnly bool) (doc *Doc, ok bool) {
	doc = &Doc{Variant: v, Lang: v.Lang, Source: v.Body, Targets: map[ast.Node]string{}, images: map[*ast.Image]imageRef{}}
	if depth, at := nestingDepth(v.Body); depth > MaxNesting {
		doc.md = p.markdown(v.Lang, true)
		diags.Errorf(v.Path, v.BodyLine+at, "blocks nested %d deep (quotes or lists inside each other); tract accepts at most %d", depth, MaxNesting)
		doc.Root = ast.NewDocument()
		return doc, false
	}
	if msg, at := crowded(v.Body); msg != "" {
		doc.md = p.markdown(v.Lang, true)
		diags.Errorf(v.Path, v.BodyLine+at, "%s", msg)
		doc.Root = ast.NewDocument()
		return doc, false
	}
	// Without Linkify when the text may not need it, and again with it
	// when it does (see linkify.go): the transformer finds out before it
	// has changed anything or said anything.
	linkify := p.alwaysLinkify || mayLinkify(v.Body)
	for {
		doc.md = p.markdown(v.Lang, linkify)
		st := &state{p: p, v: v, doc: doc, diags: diags, typo: locale.TypographyFor(v.Lang), linkify: linkify, anchorsOnly: anchorsOnly}
		ctx := parser.NewContext()
		ctx.Set(stateKey, st)
		doc.Root = doc.md.Parser().Parse(text.NewReader(v.Body), parser.WithContext(ctx))
		if !st.missedLinks {
			doc.linked = linkedItems(maps.Values(doc.Targets), st.absent)
			return doc, true
		}
		linkify = true
	}
}

var stateKey = parser.NewContextKey()

// For returns d as the Doc of v: a copy of d's variant, made when an
// edit of another text of its item left it, and everything its parse
// reads, as it was (its item's languages and files, the texts and items
// it links to). Parsing v would give d again; For gives it without
// parsing. d is not changed, and the two share their AST, which neither
// changes. A copy of a Doc not compacted renders its HTML again when it
// is asked for it.
func (d *Doc) For(v *content.Variant) *Doc {
	return &Doc{
		Variant: v, Lang: d.Lang, Source: d.Source, Root: d.Root, Targets: d.Targets,
		linked: d.linked, texts: d.texts, anchorIDs: d.anchorIDs, md: d.md, images: d.images, kept: d.kept,
	}
}

// HTML renders the body of the document.
func (d *Doc) HTML() ([]byte, error) {
	if d.kept != nil {
		return d.kept.html.bytes(), d.kept.htmlErr
	}
	// Rendered once: the page, the feeds and the search index each ask.
	d.htmlOnce.Do(func() { d.html, d.htmlErr = d.renderHTML(new(bytes.Buffer)) })
	return d.html, d.htmlErr
}

// HTMLString is HTML as a string, for a page's template: a compacted
// Doc's HTML decompressed straight into it, where HTML makes a slice
// that a string conversion would copy (40 MB at 3,000 items).
func (d *Doc) HTMLString() (string, error) {
	if d.kept != nil {
		return d.kept.html.String(), d.kept.htmlErr
	}
	html, err := d.HTML()
	return string(html), err
}

// renderHTML renders d's HTML into buf, which it returns the bytes of.
func (d *Doc) renderHTML(buf *bytes.Buffer) ([]byte, error) {
	buf.Grow(len(d.Source) + len(d.Source)/4)
	// goldmark writes through a bufio.Writer, and makes one (4 KB) for
	// each text unless it is given one: 35 MB of garbage at 3,000 items.
	w := bufWriter(buf)
	defer putBufWriter(w)
	err := d.md.Renderer().Render(w, d.Source, d.Root)
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return nil, fmt.Errorf("%s: rendering HTML: %w", d.Variant.Path, err)
	}
	return buf.Bytes(), nil
}

// bufWriters are the writers renderHTML and resolveText give goldmark.
var bufWriters = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}

// bufWriter is a writer of bufWriters writing to buf; putBufWriter gives
// it back, holding nothing of buf.
func bufWriter(buf *bytes.Buffer) *bufio.Writer {
	w := bufWriters.Get().(*bufio.Writer)
	w.Reset(buf)
	return w
}

func putBufWriter(w *bufio.Writer) {
	w.Reset(nil)
	bufWriters.Put(w)
}

// nestingDepth estimates, from the line prefixes alone, how deeply blocks
// nest, so pathological input is refused before goldmark sees it. It
// returns the depth of the deepest line and that line's index in src
// (0 for the first).
//
// Each quote marker, list bullet and list number opens a level; the space after one is
// part of it. Indentation opens levels only before a bullet, which it
// nests in a list above (two spaces a level); before anything else it is
// a paragraph's continuation or code. A line such as "- - -" is a rule.
func nestingDepth(src []byte) (deepest, at int) {
	n := -1
	for line := range bytes.Lines(src) {
		n++
		line = bytes.TrimSuffix(line, []byte("\n"))
		if isRule(line) {
			continue
		}
		depth, spaces := 0, 0
	prefix:
		for i := 0; i < len(line); i++ {
			switch c := line[i]; {
			case c == '>':
				depth++
				spaces = 0
				if i+1 < len(line) && line[i+1] == ' ' {
					i++
				}
			case c == ' ':
				spaces++
			case c == '\t':
				spaces += 4
			case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && line[i+1] == ' ':
				depth += 1 + spaces/2
				spaces = 0
				i++
			case c >= '0' && c <= '9':
				m := orderedMarker(line[i:])
				if m == 0 {
					break prefix
				}
				depth += 1 + spaces/2
				spaces = 0
				i += m - 1
			default:
				break prefix
			}
		}
		if depth > deepest {
			deepest, at = depth, n
		}
	}
	return deepest, at
}

// Limits on what one text may hold, found before it is parsed: past them
// goldmark's time grows with the square of the count (its emphasis and
// link brackets are matched within a paragraph, each against those
// before: 40,000 "*" and "_" in one paragraph took 1.4 s, 200,000 took
// 283 s, and Ctrl-C waits for the parse), and a PDF's layout holds every
// block in memory (a million one-word list items took 5.8 GB).
const (
	MaxDelims   = 10000 // "*", "_" and "~" in one paragraph
	MaxBrackets = 5000  // "[" in one paragraph
	MaxBlocks   = 20000 // paragraphs, list items, headings… in one text
)

// crowded says how a text exceeds the limits above, and from which line
// (counted from 0 in src), or "" when it does not. A paragraph, for the
// counts, runs until a blank line or a line that starts another block (a
// list item, a heading, a quote, a table row), so a long list of short
// items is many paragraphs.
func crowded(src []byte) (msg string, at int) {
	// A line starts one block at most, and a paragraph holds no more of
	// a character than the whole text: a text under every limit counted
	// whole, as nearly all are, is under them in each paragraph. The
	// counts run at memory speed; the scan below took 0.15 s of CPU in
	// a build of 3,000 items, where tract's passes over the parsed tree
	// took 0.72 s.
	if bytes.Count(src, []byte("\n")) < MaxBlocks &&
		bytes.Count(src, []byte("[")) <= MaxBrackets &&
		bytes.Count(src, []byte("*"))+bytes.Count(src, []byte("_"))+bytes.Count(src, []byte("~")) <= MaxDelims {
		return "", 0
	}
	blocks, start := 0, 0
	var delims, brackets int
	newBlock := func(n int) {
		blocks++
		start, delims, brackets = n, 0, 0
	}
	inPara := false
	n := -1
	for line := range bytes.Lines(src) {
		n++
		line = bytes.TrimSuffix(line, []byte("\n"))
		body := bytes.TrimLeft(line, " \t>")
		switch {
		case len(bytes.TrimSpace(body)) == 0:
			inPara = false
			continue
		case !inPara || startsBlock(body):
			newBlock(n)
			inPara = true
		}
		for _, c := range line {
			switch c {
			case '*', '_', '~':
				delims++
			case '[':
				brackets++
			}
		}
		switch {
		case blocks > MaxBlocks:
			return fmt.Sprintf("more than %d blocks (paragraphs, list items, headings…) in one text: split it into several items", MaxBlocks), n
		case delims > MaxDelims:
			return fmt.Sprintf("more than %d of * _ ~ in one paragraph, which takes the Markdown parser minutes: split the paragraph, or write them as \\* \\_ \\~", MaxDelims), start
		case brackets > MaxBrackets:
			return fmt.Sprintf("more than %d [ in one paragraph, which takes the Markdown parser minutes: split the paragraph, or write them as \\[", MaxBrackets), start
		}
	}
	return "", 0
}

// startsBlock reports whether a line, its indentation and quote marks
// taken off, starts a block of its own: a list item, a heading or a
// table row.
func startsBlock(line []byte) bool {
	switch c := line[0]; {
	case c == '#' || c == '|':
		return true
	case (c == '-' || c == '*' || c == '+') && len(line) > 1 && line[1] == ' ':
		return true
	case c >= '0' && c <= '9':
		return orderedMarker(line) > 0
	}
	return false
}

// orderedMarker is the length of the ordered list marker line starts
// with, its number ("1." or "1)", nine digits at most) and a space; 0
// when it starts with none.
func orderedMarker(line []byte) int {
	j := 0
	for j < len(line) && j < 9 && line[j] >= '0' && line[j] <= '9' {
		j++
	}
	if j == 0 || j+1 >= len(line) || (line[j] != '.' && line[j] != ')') || line[j+1] != ' ' {
		return 0
	}
	return j + 2
}

// isRule reports whether line is a thematic break: three or more of one
// of - * _, with nothing else but spaces and tabs.
func isRule(line []byte) bool {
	var mark byte
	n := 0
	for _, c := range line {
		switch c {
		case ' ', '\t':
		case '-', '*', '_':
			if mark != 0 && c != mark {
				return false
			}
			mark = c
			n++
		default:
			return false
		}
	}
	return n >= 3
}
