package layout

import (
	"github.com/tractpub/tract/internal/markdown"
	"github.com/tractpub/tract/internal/pdf/fonts"
	"github.com/tractpub/tract/internal/pdf/hyphen"
)

// Spec says what to set and on what pages.
type Spec struct {
	Width, Height float64 // the page size in points
	// Margins around the text block, in points: top, right, bottom, left.
	// The bottom margin holds the footer the pdf package draws; nothing
	// the layout places goes into any margin.
	Margins [4]float64
	// Size is the body text size in points; leading and the sizes of
	// headings, notes and captions follow from it.
	Size  float64
	Fonts *fonts.Set
	// Hyphenator hyphenates justified paragraphs; nil hyphenates nothing.
	Hyphenator *hyphen.Hyphenator
	// HyphenatorFor, if not nil, gives the hyphenator of a Markdown
	// block in another language than the document's (a bulletin's
	// article shown in its original): nil hyphenates nothing.
	HyphenatorFor func(lang string) *hyphen.Hyphenator
	// Lang is the document's language, whose Hyphenator is.
	Lang string
	// NotesHeading heads a text's footnotes, gathered at its end, in the
	// document's language ("Notes"); none when "".
	NotesHeading string
	// Blocks are set in order.
	Blocks []Block
	// Images returns the picture at a site path (a Doc's Targets value),
	// ready to draw, or an error the layout reports as a warning at the
	// image's line.
	Images func(sitePath string) (*Image, error)
	// AbsURL makes the absolute address of a site path, for the links of
	// a printed page (which has no address of its own).
	AbsURL func(sitePath string) string
	// Earlier, if not nil, is the preparation of an earlier version of
	// the same document (tract serve, after an edit): a paragraph with
	// the same text, styles, links and hyphenation as one of its
	// paragraphs is taken from it instead of being analysed again.
	// Earlier must have been prepared with Remember.
	Earlier *Prepared
	// Remember makes the preparation keep its paragraphs by what they
	// hold, so that it can be a later version's Earlier.
	Remember bool
	// Beside analyses the paragraphs on a second goroutine while the
	// document is read (see beside): for tract serve, whose other core
	// waits with it for the PDFs of the text just saved. A build keeps
	// every core busy with other documents, and leaves it off.
	Beside bool
}

// BlockKind says what a Block is.
type BlockKind uint8

// The kinds of block.
const (
	// BlockMarkdown sets a variant's body: Doc.
	BlockMarkdown BlockKind = iota
	// BlockText sets Text as one paragraph in Font at Scale × Spec.Size,
	// aligned by Align. A "\n" in Text is a line break.
	BlockText
	// BlockHeading sets Text as a heading of Level (1–3), kept with what follows.
	BlockHeading
	// BlockList sets Items as a list, numbered when Ordered.
	BlockList
	// BlockSpace leaves Height ems of space, at the body's size (dropped
	// at the top of a page).
	BlockSpace
	// BlockRule draws a thin line across the text block.
	BlockRule
	// BlockReserve keeps an empty box of Height points, never split, and
	// reports where it landed in Result.Reserved, for the caller to fill
	// (the QR code and the address of the web page).
	BlockReserve
	// BlockPageBreak starts a new page.
	BlockPageBreak
	// BlockContents sets a table of contents of the Markdown block's
	// headings of levels 2 and 3, with page numbers, linked.
	BlockContents
	// BlockFill leaves free, above what follows it up to the next page
	// break, Share (0 to 1) of the room that leaves on its page: a title
	// page's block set high on it, however tall. Unlike a space, it is
	// kept at the top of a page.
	BlockFill
)

// Align is how a BlockText paragraph is aligned.
type Align uint8

// The alignments.
const (
	Justify Align = iota
	Left
	Center
)

// Block is one piece of a document.
type Block struct {
	Kind    BlockKind
	Doc     *markdown.Doc // BlockMarkdown, BlockContents
	Text    string
	Font    Font
	Scale   float64 // BlockText: size relative to Spec.Size; 0 means 1
	Align   Align
	Level   int
	Items   []string
	Ordered bool
	Height  float64
	Share   float64 // BlockFill
	// Bookmark adds a BlockHeading or BlockText to the PDF outline.
	Bookmark bool
	// Keep keeps this block on the same page as the next one.
	Keep bool
	// Balance sets a BlockText of more than one line in lines of even
	// length (typeset.Layout.Balance), as a title is: centered text and
	// headings are set so anyway.
	Balance bool
	// Line is the line of the variant's file the text comes from (a
	// title's front matter line), for warnings; 0 if none. Path is the
	// file, when it is not the variant's: the site's tract.toml, an
	// article's file in a bulletin, the original's in a translation.
	Line int
	Path string
}

// Place is a box on a page.
type Place struct {
	Page       int // 1-based
	X, Y, W, H float64
}

// Warning is a problem found while setting a variant: a character the font
// lacks, an image that cannot be used. Path is the file of the Markdown
// text it is in (a bulletin sets its articles' texts after its own), ""
// for a block that is not one; Line is the line in that file, or in the
// variant's own for a block with no Path, 0 if unknown.
type Warning struct {
	Path    string
	Line    int
	Message string
}

// Result is what the layout reports besides the pages.
type Result struct {
	Reserved []Place // one per BlockReserve, in order
	Warnings []Warning
	// Overfull counts lines that could not be broken to fit the measure
	// (a long word in a narrow column); they stick into the margin a little.
	Overfull int
}
