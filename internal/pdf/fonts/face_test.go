package fonts

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/tractpub/tract/third_party/fpdf"
	"golang.org/x/image/font/sfnt"
)

// The repository root holds the default assets; tests read them from disk
// so that they do not depend on the root package compiling.
const repoRoot = "../../.."

var loadOnce = sync.OnceValues(func() (*Set, error) { return LoadSet(os.DirFS(repoRoot)) })

func testSet(t testing.TB) *Set {
	t.Helper()
	s, err := loadOnce()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLoadSetNamesEveryFace(t *testing.T) {
	s := testSet(t)
	tests := []struct {
		face          *Face
		family, style string
		pdfStyle      string
	}{
		{s.Serif, "DejaVu Serif", "Book", ""},
		{s.SerifBold, "DejaVu Serif", "Bold", "B"},
		{s.SerifItalic, "DejaVu Serif", "Italic", "I"},
		{s.SerifBoldItalic, "DejaVu Serif", "Bold Italic", "BI"},
		{s.Sans, "DejaVu Sans", "Book", ""},
		{s.SansBold, "DejaVu Sans", "Bold", "B"},
		{s.Mono, "DejaVu Sans Mono", "Book", ""},
	}
	for _, tt := range tests {
		if tt.face.Family() != tt.family || tt.face.Style() != tt.style || tt.face.PDFStyle() != tt.pdfStyle {
			t.Errorf("face = %q %q %q, want %q %q %q", tt.face.Family(), tt.face.Style(), tt.face.PDFStyle(), tt.family, tt.style, tt.pdfStyle)
		}
		m := tt.face.Metrics()
		if m.UnitsPerEm != 2048 || m.Ascent <= 0.9 || m.Descent >= -0.2 || m.CapHeight <= 0 {
			t.Errorf("%s %s: implausible metrics %+v", tt.face.Family(), tt.face.Style(), m)
		}
	}
	if got := len(s.Faces()); got != 7 {
		t.Errorf("Faces() has %d faces, want 7", got)
	}
	if s.Body(true, true) != s.SerifBoldItalic || s.Body(false, false) != s.Serif {
		t.Error("Body picks the wrong face")
	}
}

func TestLoadSetReportsEveryMissingFile(t *testing.T) {
	_, err := LoadSet(os.DirFS(t.TempDir()))
	if err == nil {
		t.Fatal("LoadSet of an empty directory succeeded")
	}
	for _, name := range setFiles {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not mention %s: %v", name, err)
		}
	}
}

// fpdf's GetStringWidth uses the widths it writes into the PDF, so
// agreeing with it means agreeing with what a viewer draws.
func TestWidthMatchesFpdf(t *testing.T) {
	s := testSet(t)
	text := "Solidarité ! « Ça » — “quotes” ’ 12 345 ¿Dónde? şığİłżśń αβγΩ Жизнь\u00a0x\u202fy fi"
	for _, f := range s.Faces() {
		pdf := fpdf.New("P", "pt", "A4", "")
		pf, err := f.PDFFont()
		if err != nil {
			t.Fatal(err)
		}
		pdf.AddParsedUTF8Font("f", f.PDFStyle(), pf)
		pdf.SetFont("f", f.PDFStyle(), 11)
		for _, word := range strings.Fields(text) {
			want := pdf.GetStringWidth(word)
			if got := f.Width(word, 11); math.Abs(got-want) > 1e-9 {
				t.Errorf("%s %s: Width(%q) = %v, fpdf says %v", f.Family(), f.Style(), word, got, want)
			}
		}
		if err := pdf.Error(); err != nil {
			t.Fatal(err)
		}
	}
}

// x/image/font/sfnt is an independent cmap reader: the two must agree on
// every BMP rune.
func TestHasAgreesWithSfnt(t *testing.T) {
	s := testSet(t)
	for _, f := range s.Faces() {
		ref, err := sfnt.Parse(f.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		for r := rune(0); r <= 0x2FFFF; r++ {
			g, err := ref.GlyphIndex(&buf, r)
			if err != nil {
				t.Fatal(err)
			}
			if want := g != 0; f.Has(r) != want {
				t.Errorf("%s %s: Has(%U) = %v, sfnt says %v", f.Family(), f.Style(), r, !want, want)
			}
		}
	}
}

func TestSerifCoversTheScriptsEditorsUse(t *testing.T) {
	s := testSet(t)
	tests := []struct {
		name  string
		runes string
		want  bool
	}{
		{"Turkish and Polish letters", "şığİłżśńŞĞ", true},
		{"Greek", "αβγδΩΣάώ", true},
		{"Cyrillic", "ЖжЯяЁёЩщ", true},
		{"no-break spaces", "\u00a0\u202f\u2009", true},
		{"quotes and dashes", "«»“”‘’–—…", true},
		{"emoji", "😀🚩🏽", false},
	}
	for _, tt := range tests {
		for _, r := range tt.runes {
			if got := s.Serif.Has(r); got != tt.want {
				t.Errorf("%s: Has(%U %q) = %v, want %v", tt.name, r, r, got, tt.want)
			}
		}
	}
}

func TestAdvanceOfMissingRuneIsNotdefWidth(t *testing.T) {
	f := testSet(t).Serif
	if got, want := f.Advance('😀'), f.Advance('\uE000'); got != want || got <= 0 {
		t.Errorf("Advance(emoji) = %v, Advance(private use) = %v; want the same positive .notdef width", got, want)
	}
	if got := f.Advance('M'); got <= f.Advance('i') {
		t.Errorf("Advance('M') = %v is not wider than 'i'", got)
	}
}

func TestWidthDoesNotAllocate(t *testing.T) {
	f := testSet(t).Serif
	allocs := testing.AllocsPerRun(100, func() { f.Width("Solidarité « ouvrière » — 😀", 10) })
	if allocs != 0 {
		t.Errorf("Width allocates %v times per call", allocs)
	}
}

func TestParseRejectsWhatIsNotATrueTypeFont(t *testing.T) {
	real, err := os.ReadFile(repoRoot + "/assets/fonts/DejaVuSerif.ttf")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "too short"},
		{"text", []byte("this is not a font at all"), "not a TrueType font"},
		{"OpenType CFF", append([]byte("OTTO"), make([]byte, 20)...), "CFF"},
		{"collection", append([]byte("ttcf"), make([]byte, 20)...), "collections"},
		{"truncated directory", real[:40], "truncated table directory"},
		{"truncated tables", real[:4000], "outside the file"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.data)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Parse error = %v, want one mentioning %q", tt.name, err, tt.want)
		}
	}
}

// A font whose licence forbids embedding it as a PDF does (a subset, as
// outlines) is refused when the set is loaded, naming the permission;
// one that allows printing, or editing, is read.
func TestParseRefusesAFontItsLicenceKeepsOutOfPDFs(t *testing.T) {
	real, err := os.ReadFile(repoRoot + "/assets/fonts/DejaVuSans.ttf")
	if err != nil {
		t.Fatal(err)
	}
	withFsType := func(v uint16) []byte {
		data := bytes.Clone(real)
		for i := range int(binary.BigEndian.Uint16(data[4:])) {
			if rec := data[12+16*i:]; string(rec[:4]) == "OS/2" {
				binary.BigEndian.PutUint16(data[binary.BigEndian.Uint32(rec[8:])+8:], v)
				return data
			}
		}
		t.Fatal("no OS/2 table")
		return nil
	}
	for fsType, want := range map[uint16]string{
		0x0000: "", 0x0004: "", 0x0008: "", 0x000a: "", // installable, print, edit, restricted but editable
		0x0002: "forbids embedding it in a document (OS/2 fsType 0x0002)",
		0x0104: "forbids embedding a part of it",
		0x0200: "bitmaps only",
	} {
		_, err := Parse(withFsType(fsType))
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("fsType %#04x: %v, want an error with %q", fsType, err, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	real, err := os.ReadFile(repoRoot + "/assets/fonts/DejaVuSansMono.ttf")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(real[:2048])
	f.Add(real[:12])
	f.Fuzz(func(t *testing.T, data []byte) {
		face, err := Parse(data)
		if err != nil {
			return
		}
		face.Width("any text at all 😀", 10)
		face.Sanitize("\u202f«»")
	})
}

func BenchmarkWidth(b *testing.B) {
	f := testSet(b).Serif
	word := "l’organisation"
	b.ReportAllocs()
	for b.Loop() {
		f.Width(word, 10)
	}
}

func BenchmarkLoadSet(b *testing.B) {
	fsys := os.DirFS(repoRoot)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadSet(fsys); err != nil {
			b.Fatal(err)
		}
	}
}
