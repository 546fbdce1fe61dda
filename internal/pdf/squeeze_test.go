package pdf

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/pdf/layout"
)

// bodySize is the size of a document's body text: its largest serif.
func bodySize(doc *layout.Document) float64 {
	size := 0.0
	for _, p := range doc.Pages {
		for _, op := range p.Ops {
			if op.Kind == layout.OpText && op.Font == layout.Serif {
				size = max(size, op.Size)
			}
		}
	}
	return size
}

// An article whose last page would hold a few lines and the QR block is
// set a little smaller, not below squeezeMin, on a page less: each copy
// printed takes a sheet less. One whose last page holds more than that
// could save is left at articleSize, its pages as they were.
func TestAnArticleSpillingAFewLinesIsSetSmallerOnAPageLess(t *testing.T) {
	const para = "When the letters arrived in early September, most people at Pelham Court read theirs alone, at the kitchen table; six weeks later, most households have signed a single letter in reply.\n\n"
	// article is the article of n paragraphs as set, and as it was set
	// before squeeze.
	article := func(n int) (doc, unsqueezed *layout.Document) {
		m, site := maker(t, "-- content/articles/a/en.md --\n---\ntitle: The letter\ndate: 2026-10-20\n---\n"+strings.Repeat(para, n))
		v := site.Item("articles", "a").Variants["en"]
		doc, _, err := m.set(v, "a4")
		if err != nil {
			t.Fatal(err)
		}
		w, h, _ := PaperSize("a4")
		prep := m.prepare(v).ForPage(w, h, [4]float64{15 * mm, 15 * mm, 23 * mm, 15 * mm})
		unsqueezed, _ = prep.WithPicturesFitted().Set(articleSize)
		return doc, unsqueezed
	}
	// The fewest paragraphs that took two pages at articleSize: the
	// second held a line or two and the QR block.
	n := 1
	for ; ; n++ {
		if _, was := article(n); len(was.Pages) == 2 {
			break
		}
		if n > 60 {
			t.Fatal("60 paragraphs fit on one page")
		}
	}
	doc, _ := article(n)
	if len(doc.Pages) != 1 || bodySize(doc) < squeezeMin || bodySize(doc) >= articleSize {
		t.Errorf("%d paragraphs, two pages at %g pt: %d pages at %g pt; want 1, at %g pt or more", n, float64(articleSize), len(doc.Pages), bodySize(doc), float64(squeezeMin))
	}
	// Half a page more: not saved, not touched.
	long := n + 8
	doc, was := article(long)
	if len(doc.Pages) != len(was.Pages) || bodySize(doc) != articleSize {
		t.Errorf("%d paragraphs: %d pages at %g pt; want %d at %g pt", long, len(doc.Pages), bodySize(doc), len(was.Pages), float64(articleSize))
	}
	// Four pages whose last holds a line or two: three would take the
	// same two sheets printed on both sides, so it is left as it is.
	for ; n < 400; n++ {
		if _, was := article(n); len(was.Pages) == 4 {
			break
		}
	}
	doc, was = article(n)
	if len(was.Pages) != 4 || len(doc.Pages) != 4 || bodySize(doc) != articleSize {
		t.Errorf("%d paragraphs, %d pages at %g pt: %d pages at %g pt; want 4 at %g pt", n, len(was.Pages), float64(articleSize), len(doc.Pages), bodySize(doc), float64(articleSize))
	}
}

// qrSide is the width of the QR code a document draws (its link is the
// one square), 0 if none.
func qrSide(doc *layout.Document) float64 {
	for _, p := range doc.Pages {
		for _, op := range p.Ops {
			if op.Kind == layout.OpLink && op.URL != "" && op.W == op.H {
				return op.W
			}
		}
	}
	return 0
}

// An article saved from its last page only by a smaller QR block gets
// one, a code 20 mm wide; an article that needs no squeeze keeps the
// 24 mm code.
func TestAnArticleTakesASmallerQRBlockOnlyToSaveAPage(t *testing.T) {
	const para = "When the letters arrived in early September, most people at Pelham Court read theirs alone, at the kitchen table; six weeks later, most households have signed a single letter in reply.\n\n"
	const line = "Signed.\n\n"
	w, h, _ := PaperSize("a4")
	margins := [4]float64{15 * mm, 15 * mm, 23 * mm, 15 * mm}
	// For k short paragraphs after n long ones, whether the article
	// fits one page at squeezeMin with the full QR block, and with the
	// smaller one; and the document as made.
	try := func(n, k int) (full, compact bool, doc *layout.Document) {
		m, site := maker(t, "-- content/articles/a/en.md --\n---\ntitle: The letter\ndate: 2026-10-20\n---\n"+strings.Repeat(para, n)+strings.Repeat(line, k))
		v := site.Item("articles", "a").Variants["en"]
		prep := m.prepare(v).ForPage(w, h, margins).WithPicturesFitted()
		_, _, _, full = prep.Fit(squeezeMin, squeezeMin, 1)
		_, _, _, compact = prep.WithReserve(0, compactQRHeight).Fit(squeezeMin, squeezeMin, 1)
		doc, _, err := m.set(v, "a4")
		if err != nil {
			t.Fatal(err)
		}
		return full, compact, doc
	}
	if _, _, doc := try(3, 0); len(doc.Pages) != 1 || math.Abs(qrSide(doc)-24*mm) > 0.01 {
		t.Errorf("a short article: %d pages, QR code %.1f mm wide; want 1 page, 24 mm", len(doc.Pages), qrSide(doc)/mm)
	}
	for n := 16; n < 24; n++ {
		for k := 0; k < 6; k++ {
			full, compact, doc := try(n, k)
			if full || !compact {
				continue
			}
			if len(doc.Pages) != 1 || math.Abs(qrSide(doc)-20*mm) > 0.01 {
				t.Errorf("%d paragraphs and %d lines: %d pages, QR code %.1f mm wide; want 1 page, 20 mm", n, k, len(doc.Pages), qrSide(doc)/mm)
			}
			// And it still reads, printed at 150 dpi.
			m, site := maker(t, "-- content/articles/a/en.md --\n---\ntitle: The letter\ndate: 2026-10-20\n---\n"+strings.Repeat(para, n)+strings.Repeat(line, k))
			files, _ := make1(t, m, site, "articles", "a", "en")
			dir := t.TempDir()
			tool(t, "pdftoppm", "-r", "150", "-png", writeTemp(t, files[0]), filepath.Join(dir, "page"))
			if got := strings.TrimSpace(tool(t, "zbarimg", "--quiet", "--raw", filepath.Join(dir, "page-1.png"))); got != "https://x.org/en/articles/a/" {
				t.Errorf("the smaller QR code reads %q", got)
			}
			return
		}
	}
	t.Fatal("no article that only the smaller QR block saves: the test needs one")
}
