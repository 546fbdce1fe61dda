// Tests of the patches tract applies to fpdf v0.12.0 (see PATCHES.md).

package fpdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
)

// A reused zlib writer must give exactly what a new one gives, whatever
// it compressed before.
func TestReusedZlibWriterGivesTheBytesOfANewOne(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	inputs := [][]byte{nil, []byte("q 0 g BT 10 20 Td (x) Tj ET Q\n"), make([]byte, 128<<10)}
	for _, n := range []int{1, 300, 70_000, 1 << 20} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Intn(16)) // compressible, with long and short matches
		}
		inputs = append(inputs, b)
	}
	for round := 0; round < 3; round++ {
		for i, in := range inputs {
			var want bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&want, zlib.BestSpeed)
			zw.Write(in)
			zw.Close()
			mem := xmem.compress(in)
			if !bytes.Equal(mem.bytes(), want.Bytes()) {
				t.Errorf("round %d, input %d (%d bytes): pooled writer gives %d bytes, a new one %d", round, i, len(in), len(mem.bytes()), want.Len())
			}
			mem.release()
		}
	}
}

func BenchmarkCompressSmallStream(b *testing.B) {
	page := bytes.Repeat([]byte("BT 56.69 770.12 Td (\x00\x41\x00\x42) Tj ET\n"), 200)
	b.ReportAllocs()
	for b.Loop() {
		xmem.compress(page).release()
	}
}

// testFont reads one of the DejaVu faces tract embeds. (Upstream's tests
// would read font/DejaVuSansCondensed.ttf and friends instead.)
func testFont(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "assets", "fonts", name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// Subsetting a font whose hmtx table is shorter than its glyph count
// (every monospaced face) used to write each trailing glyph's side
// bearing into the caller's font bytes.
func TestSubsettingLeavesTheFontBytesAlone(t *testing.T) {
	data := testFont(t, "DejaVuSansMono.ttf")
	orig := bytes.Clone(data)
	pdf := New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("mono", "", data)
	pdf.SetFont("mono", "", 9)
	pdf.AddPage()
	pdf.Text(10, 20, "func main() { fmt.Println(\"déjà vu: ñ ş ğ ∀ ╬\") }")
	if err := pdf.Output(io.Discard); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, orig) {
		for i := range data {
			if data[i] != orig[i] {
				t.Fatalf("the font bytes changed, first at offset %d", i)
			}
		}
	}
}

// fontIDByReflection is generateFontID as released: the SHA-1 of the
// definition encoded by encoding/json.
func fontIDByReflection(fdt fontDefType) string {
	fdt.File = ""
	b, err := json.Marshal(&fdt)
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("%x", sha1.Sum(b))
}

func TestFontIDIsTheHashOfTheJSONDefinition(t *testing.T) {
	defs := []fontDefType{
		{},
		{Tp: "Core", Name: "Helvetica"},
		{Tp: "TrueType", Name: `odd "Cw":null <name> & é`, Cw: []int{}, Enc: "cp1252", Diff: "1 /x", File: "a.z", Size1: 3, OriginalSize: 9},
		{Tp: "UTF8", Name: "Cw", Cw: []int{0, -1, 65535, 1 << 40, 500}, Up: -100, Ut: 50, Desc: FontDescType{Ascent: 928, Descent: -236, FontBBox: fontBoxType{-1, -2, 3, 4}, MissingWidth: 600}},
	}
	for _, name := range []string{"DejaVuSerif.ttf", "DejaVuSansMono.ttf"} {
		pdf := New("P", "pt", "A4", "")
		pdf.AddUTF8FontFromBytes("f", "B", testFont(t, name))
		defs = append(defs, pdf.fonts["fB"])
	}
	for i, d := range defs {
		got, err := generateFontID(d)
		if want := fontIDByReflection(d); got != want || err != nil {
			t.Errorf("definition %d (%s %q): ID %s, %v; want %s", i, d.Tp, d.Name, got, err, want)
		}
	}
}

func BenchmarkFontID(b *testing.B) {
	pdf := New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("f", "", testFont(b, "DejaVuSerif.ttf"))
	def := pdf.fonts["f"]
	b.ReportAllocs()
	for b.Loop() {
		generateFontID(def)
	}
}
