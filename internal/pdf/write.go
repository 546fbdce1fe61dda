// Package pdf makes the print editions of a variant: it sets the variant
// on pages with the layout package, adds what a printed leaflet needs (a
// footer with the page number, a QR code to the web page, a revision mark),
// and writes the display list with fpdf — as it is, two copies to a sheet
// for cutting, or imposed as a folded booklet.
package pdf

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/tractpub/tract/third_party/fpdf"

	"github.com/tractpub/tract/internal/pdf/fonts"
	"github.com/tractpub/tract/internal/pdf/layout"
)

// Edition is a way of putting a document's pages on sheets of paper.
type Edition int

// The editions.
const (
	// Plain prints each page on its own sheet.
	Plain Edition = iota
	// TwoUp prints two copies of a one- or two-page leaflet side by side on
	// a sheet twice its size, with a cut line between them.
	TwoUp
	// Booklet imposes the pages for saddle stitching: two pages to each
	// side of a sheet twice their size, in the order that, printed on
	// both sides (flip on the short edge), folded and stapled, reads right.
	Booklet
)

func (e Edition) String() string { return [...]string{"plain", "2-up", "booklet"}[e] }

// Duplex says how a document of an edition and of pages pages (sheet
// sides, for an imposed one) is printed: "" on one side, "long" on both
// sides turning the sheet on its long edge, "short" on both turning it on
// the short edge, as landscape sheets are, or their backs come out upside
// down. The PDF asks the print dialog for it, and the page's link says
// it (web.PDFInfo.Duplex).
func Duplex(ed Edition, pages int) string {
	switch {
	case ed == Booklet || ed == TwoUp && pages > 1:
		return "short"
	case ed == Plain && pages > 1:
		return "long"
	}
	return ""
}

// Meta is what a PDF says about itself.
type Meta struct {
	Title    string
	Author   string // the site's title
	Subject  string // the summary
	Keywords []string
	Lang     string
	// Date is written as the creation and modification date: the item's
	// date, or, for an item without one, the time the document is made
	// (SOURCE_DATE_EPOCH when set; the build's PDF cache keeps the first
	// such document, so its bytes stay the same from build to build).
	Date time.Time
}

// Write writes doc as a PDF in the given edition. Every face the document
// uses is embedded, subset to the characters it uses.
func Write(w io.Writer, doc *layout.Document, set *fonts.Set, meta Meta, ed Edition) error {
	return writePDF(w, doc, set, meta, ed, nil)
}

// writePDF is Write, taking the compressed pages that did not change from
// streams, if not nil, and leaving this document's there (see
// fpdf.StreamCache): the bytes are the same.
func writePDF(w io.Writer, doc *layout.Document, set *fonts.Set, meta Meta, ed Edition, streams *fpdf.StreamCache) error {
	sheetW, sheetH := doc.Width, doc.Height
	x0 := 0.0 // where the left page of a sheet begins
	if ed != Plain {
		// Two pages side by side, landscape, centred on the sheet.
		sheetW = sheetWidth(doc.Width, doc.Height)
		x0 = (sheetW - 2*doc.Width) / 2
	}
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: sheetW, Ht: sheetH}})
	f.SetCompression(true)
	f.SetStreamCache(streams)
	f.SetCatalogSort(true)
	f.SetCreationDate(meta.Date)
	f.SetModificationDate(meta.Date)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetTitle(meta.Title, true)
	f.SetAuthor(meta.Author, true)
	f.SetSubject(meta.Subject, true)
	f.SetKeywords(strings.Join(meta.Keywords, ", "), true)
	f.SetCreator("tract", true)
	f.SetProducer("tract", true)
	if meta.Lang != "" {
		f.SetLang(meta.Lang)
	}
	f.SetDisplayMode("fullpage", "single")
	// Printed on both sides, as the page's label says: the print dialog
	// is asked to, where it listens.
	switch Duplex(ed, len(doc.Pages)) {
	case "short":
		f.SetDuplex("DuplexFlipShortEdge")
	case "long":
		f.SetDuplex("DuplexFlipLongEdge")
	}

	wr := &writer{f: f, set: set, doc: doc, images: map[string]bool{}}
	if err := wr.registerFonts(); err != nil {
		return err
	}

	switch ed {
	case Plain:
		links := wr.internalLinks()
		for i, p := range doc.Pages {
			f.AddPage()
			if id, ok := links[i+1]; ok {
				f.SetLink(id, 0, i+1)
			}
			wr.draw(p, 0, links)
		}
		for _, b := range doc.Bookmarks {
			// fpdf attaches a bookmark to the current page: visit it.
			f.SetPage(b.Page)
			f.Bookmark(b.Title, b.Level, b.Y)
		}
		f.SetPage(len(doc.Pages))
	case TwoUp:
		for _, p := range doc.Pages {
			f.AddPage()
			wr.draw(p, x0, nil)
			wr.draw(p, x0+doc.Width, nil)
			wr.cutLine(x0+doc.Width, sheetH)
		}
	case Booklet:
		for _, side := range BookletOrder(len(doc.Pages)) {
			f.AddPage()
			for i, n := range side {
				if n > 0 {
					wr.draw(doc.Pages[n-1], x0+float64(i)*doc.Width, nil)
				}
			}
		}
	}
	if err := f.Error(); err != nil {
		return err
	}
	return f.Output(w)
}

// sheetWidth is the width of the sheet two pages w wide and h high are
// printed on side by side: an A4 sheet's for A5 pages, since two A5
// pages are 296 mm wide and A4 297 (a printer given a sheet it does not
// know may shrink it to fit, or ask for other paper); twice w otherwise
// (half-Letter pages on Letter, exactly).
func sheetWidth(w, h float64) float64 {
	if math.Abs(w-148*mm) < 0.5 && math.Abs(h-210*mm) < 0.5 {
		return 297 * mm
	}
	return 2 * w
}

// BookletOrder gives, for a saddle-stitched booklet of n pages, the pages
// on each side of each sheet, left then right; 0 is a blank page added to
// make the count a multiple of four. Sides alternate front and back.
func BookletOrder(n int) [][2]int {
	total := (n + 3) / 4 * 4
	page := func(p int) int {
		if p > n {
			return 0
		}
		return p
	}
	var sides [][2]int
	for s := 0; s < total/4; s++ {
		front := [2]int{page(total - 2*s), page(2*s + 1)}
		back := [2]int{page(2*s + 2), page(total - 2*s - 1)}
		sides = append(sides, front, back)
	}
	return sides
}

type writer struct {
	f      *fpdf.Fpdf
	set    *fonts.Set
	doc    *layout.Document
	images map[string]bool
	used   [layout.Mono + 1]bool
}

// family names each face for fpdf.
func family(font layout.Font) (name, style string) {
	switch font {
	case layout.SerifBold:
		return "serif", "B"
	case layout.SerifItalic:
		return "serif", "I"
	case layout.SerifBoldItalic:
		return "serif", "BI"
	case layout.Sans:
		return "sans", ""
	case layout.SansBold:
		return "sans", "B"
	case layout.Mono:
		return "mono", ""
	}
	return "serif", ""
}

func (w *writer) face(font layout.Font) *fonts.Face {
	s := w.set
	return [...]*fonts.Face{s.Serif, s.SerifBold, s.SerifItalic, s.SerifBoldItalic, s.Sans, s.SansBold, s.Mono}[font]
}

// registerFonts adds the faces the document uses, and only those: each
// one costs a subset, a /W array and a CIDToGIDMap in the PDF. The faces
// are parsed once, shared by every document (see fonts.Face.PDFFont).
func (w *writer) registerFonts() error {
	for _, p := range w.doc.Pages {
		for _, op := range p.Ops {
			if op.Kind == layout.OpText {
				w.used[op.Font] = true
			}
		}
	}
	for font, used := range w.used {
		if !used {
			continue
		}
		pf, err := w.face(layout.Font(font)).PDFFont()
		if err != nil {
			return err
		}
		name, style := family(layout.Font(font))
		w.f.AddParsedUTF8Font(name, style, pf)
	}
	return nil
}

// internalLinks makes an fpdf link for every page that is the destination
// of an internal link (a table of contents entry, a footnote mark).
func (w *writer) internalLinks() map[int]int {
	links := map[int]int{}
	for _, p := range w.doc.Pages {
		for _, op := range p.Ops {
			if op.Kind == layout.OpLink && op.DestPage > 0 {
				if _, ok := links[op.DestPage]; !ok {
					links[op.DestPage] = w.f.AddLink()
				}
			}
		}
	}
	return links
}

// draw draws one page's operations, moved right by dx.
func (w *writer) draw(p *layout.Page, dx float64, links map[int]int) {
	f := w.f
	curFont, curSize, curGray := layout.Font(255), 0.0, -1
	// The fill colour set last on this page. fpdf writes the colour each
	// time it is set, and a QR code is hundreds of filled rectangles of
	// one colour. Text changes the colour only inside q … Q.
	curFill := -1
	for _, op := range p.Ops {
		x := op.X + dx
		switch op.Kind {
		case layout.OpText:
			if op.Font != curFont || op.Size != curSize {
				name, style := family(op.Font)
				f.SetFont(name, style, op.Size)
				curFont, curSize = op.Font, op.Size
			}
			if int(op.Gray) != curGray {
				f.SetTextColor(int(op.Gray), int(op.Gray), int(op.Gray))
				curGray = int(op.Gray)
			}
			f.TextSpaced(x, op.Y, op.Text, op.WordSpace)
		case layout.OpRect:
			if op.Fill {
				if int(op.Gray) != curFill {
					f.SetFillColor(int(op.Gray), int(op.Gray), int(op.Gray))
					curFill = int(op.Gray)
				}
				f.Rect(x, op.Y, op.W, op.H, "F")
			} else {
				f.SetDrawColor(int(op.Gray), int(op.Gray), int(op.Gray))
				f.SetLineWidth(op.LineWidth)
				f.Rect(x, op.Y, op.W, op.H, "D")
			}
		case layout.OpLine:
			f.SetDrawColor(int(op.Gray), int(op.Gray), int(op.Gray))
			f.SetLineWidth(op.LineWidth)
			f.Line(x, op.Y, x+op.W, op.Y+op.H)
		case layout.OpImage:
			img := op.Image
			if !w.images[img.Key] {
				f.RegisterImageOptionsReader(img.Key, fpdf.ImageOptions{ImageType: img.Format}, strings.NewReader(string(img.Data)))
				w.images[img.Key] = true
			}
			f.ImageOptions(img.Key, x, op.Y, op.W, op.H, false, fpdf.ImageOptions{ImageType: img.Format}, 0, "")
		case layout.OpLink:
			switch {
			case op.DestPage > 0 && links != nil:
				f.Link(x, op.Y, op.W, op.H, links[op.DestPage])
			case op.URL != "":
				f.LinkString(x, op.Y, op.W, op.H, op.URL)
			}
		}
	}
}

// cutLine marks where to cut a two-up sheet: a dashed black line down
// the middle, and a solid tick at each end, in the margins, to lay a
// guillotine's blade or a ruler on. It is the one mark the volunteer
// must find: a thin gray dash (as it was) comes out of a worn laser or
// an inkjet in draft mode as a broken trail of dots. No scissors glyph:
// nothing needs a special font.
func (w *writer) cutLine(x, h float64) {
	const tick = 14 // points: within the margins of the pages beside it
	f := w.f
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.5)
	f.Line(x, 0, x, tick)
	f.Line(x, h-tick, x, h)
	f.SetDashPattern([]float64{4, 3}, 0)
	f.Line(x, tick, x, h-tick)
	f.SetDashPattern(nil, 0)
}

// PaperSize returns a paper size in points, and the size of its half (the
// page of a two-up leaflet or of a booklet).
func PaperSize(paper string) (w, h float64, err error) {
	switch paper {
	case "a4":
		return 595.28, 841.89, nil
	case "a5":
		return 419.53, 595.28, nil
	case "letter":
		return 612, 792, nil
	case "half-letter":
		return 396, 612, nil
	}
	return 0, 0, fmt.Errorf("unknown paper %q", paper)
}
