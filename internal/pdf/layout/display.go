// Package layout sets a parsed document on pages: it turns the goldmark
// AST of a variant into pages of positioned drawing operations (a display
// list). It measures text with the fonts package and breaks lines with the
// typeset package, but draws nothing: the pdf package writes the display
// list with fpdf, once for a plain edition and again, scaled and moved, for
// the imposed ones. The display list is the seam between the two.
package layout

// Font selects one face of the font set.
type Font uint8

// The faces of a tract document.
const (
	Serif Font = iota
	SerifBold
	SerifItalic
	SerifBoldItalic
	Sans
	SansBold
	Mono
)

// OpKind says what an Op draws.
type OpKind uint8

// The drawing operations.
const (
	// OpText draws Text with its baseline at (X, Y).
	OpText OpKind = iota
	// OpRect draws a rectangle at (X, Y) of size W×H, filled or stroked.
	OpRect
	// OpLine draws a line from (X, Y) to (X+W, Y+H).
	OpLine
	// OpImage draws Image in the box (X, Y, W, H).
	OpImage
	// OpLink makes the box (X, Y, W, H) clickable: to URL, or to a place
	// in the document (DestPage, DestY) when DestPage > 0.
	OpLink
)

// Op is one drawing operation. Coordinates are in points from the page's
// top-left corner.
type Op struct {
	Kind       OpKind
	X, Y, W, H float64
	Text       string  // OpText; only runes the font can draw
	WordSpace  float64 // OpText: added to the width of each space (U+0020) of Text
	Font       Font
	Size       float64 // font size in points
	Gray       uint8   // 0 is black: tract prints in black and white
	Fill       bool    // OpRect: filled rather than stroked
	LineWidth  float64 // OpRect (stroked) and OpLine
	Image      *Image  // OpImage
	URL        string  // OpLink
	DestPage   int     // OpLink: 1-based page of an internal destination
	DestY      float64 // OpLink: its height on that page
}

// Image is a picture ready for the PDF writer: a JPEG, or an 8-bit PNG
// (the writer does not convert).
type Image struct {
	Key    string // identifies the picture across pages and editions
	Data   []byte
	Format string // "jpg" or "png"
	Width  int    // pixels
	Height int
}

// Page is one page of a document.
type Page struct {
	Ops []Op
}

// Bookmark is an entry of the PDF outline (the reader's table of contents).
type Bookmark struct {
	Title string
	Level int // 0 for a chapter, 1 for a section in it...
	Page  int // 1-based
	Y     float64
}

// Document is a laid-out variant: pages of one size.
type Document struct {
	Width, Height float64 // the page size in points
	Pages         []*Page
	Bookmarks     []Bookmark
}
