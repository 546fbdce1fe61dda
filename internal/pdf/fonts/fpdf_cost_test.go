package fonts

// These benchmarks measure what fpdf v0.12 costs per document for fonts,
// to choose how the PDF renderer registers them. Run with
//
//	go test -run XXX -bench Fpdf -benchmem ./internal/pdf/fonts/
//
// fpdf parses the whole TrueType file in AddUTF8FontFromBytes (every
// glyph's cmap entry into maps, a 64K-entry width table) and parses it
// again at Output to cut the subset it embeds. Nothing of that can be
// shared between fpdf documents: the parsed font lives in unexported
// fields and is mutated during Output. What a caller controls is which
// bytes it hands over, so the prototypes below compare:
//
//   - full-N-faces: N faces registered, straight from the .ttf files
//     (registering only the faces a document draws with is the first
//     saving);
//   - cut-N-faces: each face's CompactBytes, cut once per process
//     (fpdf.UTF8CutFont) to Latin, punctuation and symbols, so each
//     document parses a font ~6x smaller; text outside needs Bytes;
//   - uncompressed: what zlib costs (fpdf makes a new writer per stream).

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
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

type fontBytes struct{ regular, bold, italic, heading []byte }

// drawLeaflet makes one A4 page of text set word by word with Text, as
// the renderer will, with the given number of faces registered (1: body,
// 2: and a heading face, 4: and bold and italic), and returns the size
// of the PDF.
func drawLeaflet(tb testing.TB, fb fontBytes, words []string, faces int, compress bool) int {
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCompression(compress)
	pdf.AddUTF8FontFromBytes("body", "", fb.regular)
	if faces >= 2 {
		pdf.AddUTF8FontFromBytes("head", "B", fb.heading)
		pdf.SetFont("head", "B", 16)
		pdf.AddPage()
		pdf.Text(56, 60, "Not one penny for this war")
	} else {
		pdf.AddPage()
	}
	if faces >= 4 {
		pdf.AddUTF8FontFromBytes("body", "B", fb.bold)
		pdf.AddUTF8FontFromBytes("body", "I", fb.italic)
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
	// Shared bytes, not PDFBytes copies: none of these faces is one fpdf
	// writes into, and the copy is not what is being measured.
	full := fontBytes{s.Serif.Bytes(), s.SerifBold.Bytes(), s.SerifItalic.Bytes(), s.SansBold.Bytes()}
	cut := fontBytes{s.Serif.CompactBytes(), s.SerifBold.CompactBytes(), s.SerifItalic.CompactBytes(), s.SansBold.CompactBytes()}
	b.Logf("font bytes: full %d, cut %d", len(full.regular)+len(full.bold)+len(full.italic)+len(full.heading),
		len(cut.regular)+len(cut.bold)+len(cut.italic)+len(cut.heading))
	cases := []struct {
		name     string
		fb       fontBytes
		faces    int
		compress bool
	}{
		{"full-4-faces", full, 4, true},
		{"full-2-faces", full, 2, true},
		{"full-1-face", full, 1, true},
		{"cut-4-faces", cut, 4, true},
		{"cut-2-faces", cut, 2, true},
		{"cut-1-face", cut, 1, true},
		{"full-2-faces-uncompressed", full, 2, false},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			size := 0
			for b.Loop() {
				size = drawLeaflet(b, c.fb, words, c.faces, c.compress)
			}
			b.ReportMetric(float64(size), "pdf-bytes")
		})
	}
}

// BenchmarkFpdfAddFont isolates AddUTF8FontFromBytes for one face.
func BenchmarkFpdfAddFont(b *testing.B) {
	s := testSet(b)
	for _, c := range []struct {
		name string
		data []byte
	}{{"full", s.Serif.Bytes()}, {"cut", s.Serif.CompactBytes()}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				pdf := fpdf.New("P", "pt", "A4", "")
				pdf.AddUTF8FontFromBytes("body", "", c.data)
			}
		})
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

// A compact face must measure like the full one in fpdf, and hold the
// same glyphs: the same outlines and advances for every rune it keeps.
func TestCompactFaceIsTheFullFaceCutDown(t *testing.T) {
	s := testSet(t)
	for _, f := range []*Face{s.Serif, s.SerifBoldItalic, s.SansBold, s.Mono} {
		data := f.CompactBytes()
		if len(data) > len(f.Bytes())/3 {
			t.Errorf("%s %s: compact file is %d bytes of %d", f.Family(), f.Style(), len(data), len(f.Bytes()))
		}
		full := fpdf.New("P", "pt", "A4", "")
		full.AddUTF8FontFromBytes("f", "", f.PDFBytes(false))
		full.SetFont("f", "", 10)
		cut := fpdf.New("P", "pt", "A4", "")
		cut.AddUTF8FontFromBytes("f", "", f.PDFBytes(true))
		cut.SetFont("f", "", 10)
		for _, w := range strings.Fields(leafletText) {
			if a, b := full.GetStringWidth(w), cut.GetStringWidth(w); a != b {
				t.Errorf("%q: full face %v, compact face %v", w, a, b)
			}
		}
		ref, err := sfnt.Parse(f.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		small, err := sfnt.Parse(data)
		if err != nil {
			t.Fatalf("%s %s: the compact file does not parse: %v", f.Family(), f.Style(), err)
		}
		var b1, b2 sfnt.Buffer
		ppem := fixed.I(2048)
		for r := rune(0); r <= 0xFFFF; r++ {
			g1, _ := ref.GlyphIndex(&b1, r)
			g2, _ := small.GlyphIndex(&b2, r)
			if want := f.CompactHas(r); (g2 != 0) != want {
				t.Errorf("%s %s: compact file has %U: %v, CompactHas says %v", f.Family(), f.Style(), r, g2 != 0, want)
				continue
			}
			if g2 == 0 {
				continue
			}
			a1, _ := ref.GlyphAdvance(&b1, g1, ppem, font.HintingNone)
			a2, _ := small.GlyphAdvance(&b2, g2, ppem, font.HintingNone)
			s1, err1 := ref.LoadGlyph(&b1, g1, ppem, nil)
			o1 := fmt.Sprint(s1)
			s2, err2 := small.LoadGlyph(&b2, g2, ppem, nil)
			if a1 != a2 || err1 != nil || err2 != nil || o1 != fmt.Sprint(s2) {
				t.Errorf("%s %s: %U differs in the compact file (advance %v/%v, %v/%v)", f.Family(), f.Style(), r, a1, a2, err1, err2)
			}
		}
	}
}

func TestCompactBytesAreTheSameEveryTime(t *testing.T) {
	data, err := os.ReadFile(repoRoot + "/assets/fonts/DejaVuSerif-Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f1, _ := Parse(data)
	f2, _ := Parse(data)
	if !bytes.Equal(f1.CompactBytes(), f2.CompactBytes()) {
		t.Error("two cuts of the same face differ: PDFs would not be reproducible")
	}
}

// BenchmarkCompactBytes is the one-off cost of cutting a face down.
func BenchmarkCompactBytes(b *testing.B) {
	data := testSet(b).Serif.Bytes()
	b.ReportAllocs()
	for b.Loop() {
		f, err := Parse(data)
		if err != nil {
			b.Fatal(err)
		}
		f.CompactBytes()
	}
}

// fpdf writes into the font data it subsets when the hmtx table is short
// (DejaVu Sans Mono): the faces' shared bytes must come out untouched, and
// PDFBytes must hand out copies.
func TestFpdfNeverWritesIntoASharedFace(t *testing.T) {
	data, err := os.ReadFile(repoRoot + "/assets/fonts/DejaVuSansMono.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(bytes.Clone(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, compact := range []bool{false, true} {
		pdf := fpdf.New("P", "pt", "A4", "")
		pdf.AddUTF8FontFromBytes("m", "", f.PDFBytes(compact))
		pdf.SetFont("m", "", 9)
		pdf.AddPage()
		pdf.Text(10, 20, "func main() { fmt.Println(\"déjà vu: ñ ş ğ\") }")
		if err := pdf.Output(io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(f.Bytes(), data) {
		t.Error("the face's font file changed")
	}
	compact := bytes.Clone(f.CompactBytes())
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("m", "", f.PDFBytes(true))
	pdf.SetFont("m", "", 9)
	pdf.AddPage()
	pdf.Text(10, 20, "déjà vu")
	if err := pdf.Output(io.Discard); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(f.CompactBytes(), compact) {
		t.Error("the face's compact file changed")
	}
}
