package fonts

// These benchmarks measure what fpdf costs per document for fonts, to
// choose how the PDF renderer registers them. Run with
//
//	go test -run XXX -bench Fpdf -benchmem ./internal/pdf/fonts/
//
// Released fpdf (v0.12) parsed the whole TrueType file in
// AddUTF8FontFromBytes (every glyph's cmap entry into maps, a 64K-entry
// width table, JSON-encoded to name the font) and parsed it again at
// Output to cut the subset it embeds, for every document. tract's copy
// of fpdf (third_party/fpdf, see PATCHES.md there) parses a face once
// (fpdf.ParseUTF8Font, through Face.PDFFont) and cuts each document's
// subset from the parsed tables. The prototypes below compare:
//
//   - bytes-N-faces: N faces added from their font files, as before
//     (registering only the faces a document draws with was the first
//     saving);
//   - parsed-N-faces: the same faces parsed once and shared;
//   - uncompressed: what zlib costs.

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/tractpub/tract/third_party/fpdf"
)

const leafletText = `Les travailleurs de l’usine ont voté la grève illimitée lundi matin, après trois semaines de négociations sans résultat. « Nous ne reculerons pas », a déclaré une déléguée : la direction propose 1,5 % d’augmentation quand les prix ont grimpé de 6 % en un an. The strike committee meets every evening at the union hall; everyone is welcome, bring food to share. Solidarity messages have arrived from Spain, Mexico and Turkey — los trabajadores de Matamoros enviaron una carta de apoyo. ¿Qué podemos hacer? Organizarnos, informar, y no dejar a nadie solo frente a la patronal.`

// leafletWords returns about 450 words of mixed-language text.
func leafletWords() []string {
	var words []string
	for len(words) < 450 {
		words = append(words, strings.Fields(leafletText)...)
	}
	return words[:450]
}

// fontAdder adds a face to a document under a family and style.
type fontAdder func(pdf *fpdf.Fpdf, family, style string, f *Face)

func addBytes(pdf *fpdf.Fpdf, family, style string, f *Face) {
	pdf.AddUTF8FontFromBytes(family, style, bytes.Clone(f.Bytes()))
}

func addParsed(pdf *fpdf.Fpdf, family, style string, f *Face) {
	pf, err := f.PDFFont()
	if err != nil {
		panic(err)
	}
	pdf.AddParsedUTF8Font(family, style, pf)
}

// drawLeaflet makes one A4 page of text set word by word with Text, as
// the renderer will, with the given number of faces registered (1: body,
// 2: and a heading face, 4: and bold and italic), and returns the size
// of the PDF.
func drawLeaflet(tb testing.TB, s *Set, add fontAdder, words []string, faces int, compress bool) int {
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCompression(compress)
	add(pdf, "body", "", s.Serif)
	if faces >= 2 {
		add(pdf, "head", "B", s.SansBold)
		pdf.SetFont("head", "B", 16)
		pdf.AddPage()
		pdf.Text(56, 60, "Not one penny for this war")
	} else {
		pdf.AddPage()
	}
	if faces >= 4 {
		add(pdf, "body", "B", s.SerifBold)
		add(pdf, "body", "I", s.SerifItalic)
	}
	pdf.SetFont("body", "", 10.5)
	x, y := 56.0, 80.0
	for _, w := range words {
		ww := pdf.GetStringWidth(w)
		if x+ww > 540 {
			x, y = 56, y+14
		}
		pdf.Text(x, y, w)
		x += ww + 3
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Len()
}

func BenchmarkFpdfDocument(b *testing.B) {
	s := testSet(b)
	words := leafletWords()
	for _, f := range []*Face{s.Serif, s.SerifBold, s.SerifItalic, s.SansBold} {
		if _, err := f.PDFFont(); err != nil { // parsed once, before timing
			b.Fatal(err)
		}
	}
	cases := []struct {
		name     string
		add      fontAdder
		faces    int
		compress bool
	}{
		{"bytes-4-faces", addBytes, 4, true},
		{"bytes-2-faces", addBytes, 2, true},
		{"bytes-1-face", addBytes, 1, true},
		{"parsed-4-faces", addParsed, 4, true},
		{"parsed-2-faces", addParsed, 2, true},
		{"parsed-1-face", addParsed, 1, true},
		{"parsed-2-faces-uncompressed", addParsed, 2, false},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			size := 0
			for b.Loop() {
				size = drawLeaflet(b, s, c.add, words, c.faces, c.compress)
			}
			b.ReportMetric(float64(size), "pdf-bytes")
		})
	}
}

// BenchmarkFpdfAddFont isolates adding one face to a document.
func BenchmarkFpdfAddFont(b *testing.B) {
	s := testSet(b)
	for _, c := range []struct {
		name string
		add  fontAdder
	}{{"bytes", addBytes}, {"parsed", addParsed}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				pdf := fpdf.New("P", "pt", "A4", "")
				c.add(pdf, "body", "", s.Serif)
			}
		})
	}
}

// BenchmarkFpdfParseFont is the one-off cost of Face.PDFFont.
func BenchmarkFpdfParseFont(b *testing.B) {
	data := testSet(b).Serif.Bytes()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := fpdf.ParseUTF8Font(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFpdfEmptyDocument is the floor: a page with no text at all.
func BenchmarkFpdfEmptyDocument(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		pdf := fpdf.New("P", "pt", "A4", "")
		pdf.AddPage()
		if err := pdf.Output(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// Released fpdf wrote into the font data it subset when the hmtx table
// is short (DejaVu Sans Mono). Documents made with the face's parsed font
// must leave the face's bytes as they were read.
func TestFpdfNeverWritesIntoASharedFace(t *testing.T) {
	data, err := os.ReadFile(repoRoot + "/assets/fonts/DejaVuSansMono.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(bytes.Clone(data))
	if err != nil {
		t.Fatal(err)
	}
	pf, err := f.PDFFont()
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		pdf := fpdf.New("P", "pt", "A4", "")
		pdf.AddParsedUTF8Font("m", "", pf)
		pdf.SetFont("m", "", 9)
		pdf.AddPage()
		pdf.Text(10, 20, "func main() { fmt.Println(\"déjà vu: ñ ş ğ ╬\") }")
		if err := pdf.Output(io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(f.Bytes(), data) {
		t.Error("the face's font file changed")
	}
}
