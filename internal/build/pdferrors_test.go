package build

import (
	"errors"
	"fmt"
	"testing"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/pdf"
)

// A failure of the text to make its PDFs (a *pdf.TextError, wrapped or
// not) is the editor's, reported at the file and line it names, not at
// the start of the text whose PDFs were being made.
func TestATextErrorIsReportedAtItsFileAndLine(t *testing.T) {
	v := &content.Variant{Path: "content/bulletins/one/en.md"}
	textErr := &pdf.TextError{Path: "content/articles/strike/en.md", Line: 7, Msg: "this line cannot be set"}
	const want = "content/articles/strike/en.md:7: error: PDF: this line cannot be set"
	for _, err := range []error{textErr, fmt.Errorf("bulletin: %w", textErr)} {
		var diags diag.List
		reportPDFError(&diags, v, err)
		if ds := diags.Sorted(); len(ds) != 1 || ds[0].String() != want {
			t.Errorf("%v reported as %v, want %q", err, ds, want)
		}
	}
}

// An error of making a text's PDFs that is not the text's (a text
// compacted before its PDF was laid out, fpdf failing to write one) is
// tract's: said to be an internal error, to report, as a panic is, and
// not shown as a mistake in the editor's text.
func TestAnInternalPDFErrorIsNotShownAsTheEditors(t *testing.T) {
	s := loadRoot(t, writeSite(t, withDigests(t, trilingual)))
	maker, err := s.PDFMaker()
	if err != nil {
		t.Fatal(err)
	}
	v := s.Content.Item("leaflets", "rent").Variants["en"]
	const internal = "content/leaflets/rent/en.md: error: internal error while making the PDF (please report it): content/leaflets/rent/en.md: "

	// An ordering bug: the text was compacted before its PDFs were made.
	s.Docs.Get(v).Compact()
	var diags diag.List
	if infos := makeChecked(maker, v, &diags); infos != nil {
		t.Errorf("a failed check described PDFs: %v", infos)
	}
	want := internal + "the text of content/leaflets/rent/en.md was compacted before its PDF was made"
	if ds := diags.Sorted(); len(ds) != 1 || ds[0].String() != want {
		t.Errorf("a compacted text: %v, want %q", ds, want)
	}

	// fpdf failing as it writes an edition.
	diags = diag.List{}
	reportPDFError(&diags, v, fmt.Errorf("%s: writing the booklet PDF: %w", v.Path, errors.New("fpdf: boom")))
	want = internal + "writing the booklet PDF: fpdf: boom"
	if ds := diags.Sorted(); len(ds) != 1 || ds[0].String() != want {
		t.Errorf("a failed write: %v, want %q", ds, want)
	}
}
