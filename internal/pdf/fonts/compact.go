package fonts

import (
	"bytes"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// compactRanges are the runes a compact font file keeps: Latin script
// with its accents, punctuation, currency and letterlike signs, arrows,
// geometric shapes (bullets), and U+FFFD — what English, French and
// Spanish leaflets use. DejaVu Serif keeps ~850 of its ~3,300 glyphs.
var compactRanges = [...][2]rune{
	{0x0020, 0x024F}, // Basic Latin to Latin Extended-B
	{0x02B0, 0x036F}, // spacing modifiers, combining diacritics
	{0x1E00, 0x1EFF}, // Latin Extended Additional
	{0x2000, 0x20CF}, // General Punctuation, super- and subscripts, currency
	{0x2100, 0x215F}, // letterlike symbols, number forms
	{0x2190, 0x21FF}, // arrows
	{0x25A0, 0x25FF}, // geometric shapes
	{0xFFFD, 0xFFFD},
}

// CompactHas reports whether r is in the face's compact font file
// ([Face.CompactBytes]).
func (f *Face) CompactHas(r rune) bool {
	for _, rg := range compactRanges {
		if r >= rg[0] && r <= rg[1] {
			return f.Has(r)
		}
	}
	return false
}

// CompactBytes returns the face's font file cut down to the runes
// CompactHas, for documents that draw nothing else with the face. fpdf
// parses the whole font file in AddUTF8FontFromBytes and again to cut the
// subset it embeds, for every document: handing it the compact file
// halves what each document costs (see fpdf_cost_test.go), and the PDF is
// the same size. The file is cut on first use, once per Face. Like Bytes,
// the slice is shared: fpdf gets a copy, from [Face.PDFBytes].
func (f *Face) CompactBytes() []byte {
	f.compact.once.Do(func() {
		var b strings.Builder
		for _, rg := range compactRanges {
			for r := rg[0]; r <= rg[1]; r++ {
				if f.Has(r) {
					b.WriteRune(r)
				}
			}
		}
		// On a copy: fpdf writes into what it cuts (see Bytes).
		f.compact.data = fpdf.UTF8CutFont(bytes.Clone(f.raw), b.String())
	})
	return f.compact.data
}
