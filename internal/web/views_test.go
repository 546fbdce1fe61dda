package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/locale"
	"github.com/tractpub/tract/internal/markdown"
)

// A pamphlet's contents nest its sections under its chapters; a section
// before the first chapter stands alone, and deeper headings are left out.
func TestContentsNestSectionsUnderChapters(t *testing.T) {
	var hs []markdown.Heading
	for i, level := range []int{3, 2, 3, 3, 4, 2, 2, 3} {
		hs = append(hs, markdown.Heading{Level: level, ID: fmt.Sprint(i), Text: fmt.Sprint(i)})
	}
	var outline func([]TOCEntry) string
	outline = func(es []TOCEntry) string {
		s := ""
		for _, e := range es {
			s += e.ID
			if len(e.Sections) > 0 {
				s += "(" + outline(e.Sections) + ")"
			}
			s += " "
		}
		return s
	}
	if got, want := outline(contents(hs)), "0 1(2 3 ) 5 6(7 ) "; got != want {
		t.Errorf("outline %q, want %q", got, want)
	}
}

// A PDF's link says how to print it: a booklet, which side to flip on
// and on how many sheets, in the page's language.
func TestPDFLabelsSayHowToPrint(t *testing.T) {
	var diags diag.List
	cat := locale.Load(tract.Defaults, nil, []string{"en", "fr", "es"}, "en", &diags)
	if cat == nil || diags.Len() > 0 {
		t.Fatal(diags.Sorted())
	}
	for _, tc := range []struct {
		lang string
		info PDFInfo
		want string
	}{
		{"en", PDFInfo{Edition: "booklet", Paper: "a5", Sheet: "a4", Pages: 8, Bytes: 51200}, "PDF booklet: A5 pages on A4; print both sides, flipping on the short edge, then fold · 8 pages on 2 sheets · 50 KB"},
		{"fr", PDFInfo{Edition: "booklet", Paper: "a5", Sheet: "a4", Pages: 4, Bytes: 51200}, "Livret PDF\u00a0: pages A5 sur A4\u202f; imprimer recto verso en retournant sur le bord court, puis plier · 4 pages sur 1 feuille · 50\u00a0ko"},
		{"es", PDFInfo{Edition: "booklet", Paper: "half-letter", Sheet: "letter", Pages: 12, Bytes: 51200}, "Cuadernillo PDF: páginas media carta en hojas tamaño carta; imprimir a doble cara, volteando por el borde corto, y plegar · 12 páginas en 3 hojas · 50\u00a0KB"},
		{"en", PDFInfo{Edition: "plain", Paper: "letter", Sheet: "letter", Pages: 1, Bytes: 2 << 20}, "PDF · Letter · 1 page · 2.0 MB"},
		{"en", PDFInfo{Edition: "2-up", Paper: "a5", Sheet: "a4", Pages: 1, Bytes: 37 << 10}, "PDF · Two copies per A4 sheet, to cut in half · 1 page · 37 KB"},
		// Pages on both sides of the paper say so.
		{"en", PDFInfo{Edition: "plain", Paper: "a4", Sheet: "a4", Pages: 2, Bytes: 30 << 10, Duplex: "long"}, "PDF · A4 · 2 pages, print both sides · 30 KB"},
		{"fr", PDFInfo{Edition: "2-up", Paper: "half-letter", Sheet: "letter", Pages: 2, Bytes: 30 << 10, Duplex: "short"}, "PDF · Deux exemplaires par feuille Lettre US, à couper en deux · 2 pages, imprimer recto verso en retournant sur le bord court · 30\u00a0ko"},
		{"es", PDFInfo{Edition: "plain", Paper: "a4", Sheet: "a4", Pages: 12, Bytes: 30 << 10, Duplex: "long"}, "PDF · A4 · 12 páginas, imprimir a doble cara · 30\u00a0KB"},
	} {
		if got := pdfLabel(cat.Localizer(tc.lang), tc.info); got != tc.want {
			t.Errorf("%s %+v:\n got %q\nwant %q", tc.lang, tc.info, got, tc.want)
		}
	}
}

// Every PDF's link says it is a PDF, whatever its edition and language:
// a reader who hears "Two copies per A4 sheet" would not know what
// opens.
func TestEveryPDFLinkSaysPDF(t *testing.T) {
	var diags diag.List
	cat := locale.Load(tract.Defaults, nil, []string{"en", "fr", "es"}, "en", &diags)
	if cat == nil || diags.Len() > 0 {
		t.Fatal(diags.Sorted())
	}
	for _, lang := range cat.Languages() {
		for _, edition := range []string{"plain", "2-up", "booklet"} {
			info := PDFInfo{Edition: edition, Paper: "a5", Sheet: "a4", Pages: 4, Bytes: 38000}
			if got := pdfLabel(cat.Localizer(lang), info); !strings.Contains(got, "PDF") {
				t.Errorf("%s %s: %q does not say PDF", lang, edition, got)
			}
		}
	}
}

// The search page's button names the other languages as a list in the
// page's language: "in French and in Spanish", not "in French, in Spanish".
func TestListAndJoinsTheLastItem(t *testing.T) {
	var diags diag.List
	cat := locale.Load(tract.Defaults, nil, []string{"en", "fr", "es"}, "en", &diags)
	if cat == nil || diags.Len() > 0 {
		t.Fatal(diags.Sorted())
	}
	for _, tc := range []struct {
		lang  string
		items []string
		want  string
	}{
		{"en", nil, ""},
		{"en", []string{"in French"}, "in French"},
		{"en", []string{"in French", "in Spanish"}, "in French and in Spanish"},
		{"en", []string{"in French", "in Spanish", "in German"}, "in French, in Spanish and in German"},
		{"fr", []string{"en anglais", "en espagnol"}, "en anglais et en espagnol"},
		{"es", []string{"en inglés", "en francés"}, "en inglés y en francés"},
	} {
		if got := listAnd(cat.Localizer(tc.lang), tc.items); got != tc.want {
			t.Errorf("%s %q: %q, want %q", tc.lang, tc.items, got, tc.want)
		}
	}
}
