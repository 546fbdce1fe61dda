package pdf

import (
	"crypto/sha256"
	"testing"
)

// TestWritingAPDFLeavesTheSharedFontBytesAlone guards against fpdf writing
// into the font data it is given (it does, when subsetting composite glyphs).
func TestWritingAPDFLeavesTheSharedFontBytesAlone(t *testing.T) {
	m, site := maker(t, statement)
	before := map[string][32]byte{}
	for _, f := range m.Fonts.Faces() {
		before[f.Family()+f.Style()] = sha256.Sum256(f.Bytes())
	}
	make1(t, m, site, "leaflets", "statement", "en")
	make1(t, m, site, "leaflets", "statement", "fr")
	for _, f := range m.Fonts.Faces() {
		if sha256.Sum256(f.Bytes()) != before[f.Family()+f.Style()] {
			t.Errorf("%s %s: bytes changed by writing a PDF", f.Family(), f.Style())
		}
	}
}
