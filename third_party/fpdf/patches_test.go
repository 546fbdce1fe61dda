// Tests of the patches tract applies to fpdf v0.12.0 (see PATCHES.md).

package fpdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	stdadler32 "hash/adler32"
	"image"
	stdpng "image/png"
	"io"
	"maps"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	kzlib "github.com/klauspost/compress/zlib"
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
			zw, _ := kzlib.NewWriterLevel(&want, deflateLevel)
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

var testFaces = []string{
	"DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf",
	"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf",
}

// runeSets returns sets of runes to subset font with, as fpdf's used-rune
// maps: empty, ASCII, accented letters (composite glyphs in DejaVu),
// runes the font lacks, every rune it has, and random picks.
func runeSets(font *UTF8Font) []map[int]int {
	set := func(runes ...int) map[int]int {
		m := makeSubsetRange(57)
		for _, r := range runes {
			m[r] = r
		}
		return m
	}
	var ascii, accented, all []int
	for r := 0x20; r < 0x7F; r++ {
		ascii = append(ascii, r)
	}
	for _, r := range "àâçéèêëîïôùûüÿœæÀÇÉÈÊÑñáíóú¿¡ğşıİŞĞǅǈǋẞệẫỡ«»–—’…€" {
		accented = append(accented, int(r))
	}
	for r, g := range font.runeGlyph {
		if g >= 0 {
			all = append(all, r)
		}
	}
	sets := []map[int]int{
		set(), set(ascii...), set(accented...), set(append(ascii, accented...)...),
		set(0x10FFFF/2, 0x1F600, 0xE000, 0xFFFF, 'x'), set(all...),
	}
	rng := rand.New(rand.NewSource(int64(len(all))))
	for i := 0; i < 8; i++ {
		var pick []int
		for range 1 + rng.Intn(400) {
			pick = append(pick, all[rng.Intn(len(all))])
		}
		sets = append(sets, set(pick...))
	}
	return sets
}

// The subset cut from a parsed font must be the one GenerateCutFont
// cuts from the font file, and map the same runes to the same glyphs.
func TestSubsetFromParsedTablesIsTheCutFont(t *testing.T) {
	for _, name := range testFaces {
		data := testFont(t, name)
		font, err := ParseUTF8Font(data)
		if err != nil {
			t.Fatal(err)
		}
		for i, used := range runeSets(font) {
			sub, err := font.subset(sortedRunes(used), used)
			if err != nil {
				t.Fatalf("%s, set %d: %v", name, i, err)
			}
			ref := newUTF8Font(&fileReader{array: bytes.Clone(data)})
			want := ref.GenerateCutFont(used)
			if !bytes.Equal(sub.font, want) {
				t.Errorf("%s, set %d (%d runes): the subset differs from GenerateCutFont's (%d bytes, want %d)", name, i, len(used), len(sub.font), len(want))
			}
			delete(ref.CodeSymbolDictionary, 0)
			got := map[int]int{}
			for _, p := range sub.glyphs {
				got[p.r] = p.g
			}
			if !maps.Equal(got, ref.CodeSymbolDictionary) || sub.lastRune != ref.LastRune {
				t.Errorf("%s, set %d: runes map to %d glyphs, last rune %d; want %d, %d", name, i, len(got), sub.lastRune, len(ref.CodeSymbolDictionary), ref.LastRune)
			}
		}
	}
}

// drawWith makes a two-page document in three faces, added by add, and
// returns its bytes.
func drawWith(t testing.TB, add func(pdf *Fpdf, family, style, file string)) []byte {
	pdf := New("P", "pt", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	pdf.SetModificationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	add(pdf, "serif", "", "DejaVuSerif.ttf")
	add(pdf, "serif", "B", "DejaVuSerif-Bold.ttf")
	add(pdf, "mono", "", "DejaVuSansMono.ttf")
	for page := 1; page <= 2; page++ {
		pdf.AddPage()
		pdf.SetFont("serif", "B", 16)
		pdf.Text(50, 60, fmt.Sprintf("Page %d — «Grève» ǅ", page))
		pdf.SetFont("serif", "", 10)
		pdf.Text(50, 90, "Bolşevik Parti (Kuzey Kürdistan-Türkiye): ¿Qué podemos hacer? Ελληνικά, кириллица.")
		pdf.SetFont("mono", "", 9)
		pdf.Text(50, 120, "rev 4f1c2a9e0b7d ╬ ∀x")
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A font parsed once gives each document the bytes it gets from
// AddUTF8FontFromBytes, and parsing copies what it is given.
func TestParsedFontGivesTheDocumentOfTheFontBytes(t *testing.T) {
	want := drawWith(t, func(pdf *Fpdf, family, style, file string) {
		pdf.AddUTF8FontFromBytes(family, style, testFont(t, file))
	})
	parsed := map[string]*UTF8Font{}
	for _, file := range []string{"DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSansMono.ttf"} {
		data := testFont(t, file)
		font, err := ParseUTF8Font(data)
		if err != nil {
			t.Fatal(err)
		}
		clear(data) // ParseUTF8Font keeps a copy
		parsed[file] = font
	}
	for range 2 { // and again: nothing of the first document stays in the fonts
		got := drawWith(t, func(pdf *Fpdf, family, style, file string) {
			pdf.AddParsedUTF8Font(family, style, parsed[file])
		})
		if !bytes.Equal(got, want) {
			t.Fatalf("with parsed fonts: %d bytes; with font bytes: %d", len(got), len(want))
		}
	}
}

// Documents made at once from the same parsed fonts are the same (run
// with -race).
func TestParsedFontIsSharedByConcurrentDocuments(t *testing.T) {
	parsed := map[string]*UTF8Font{}
	for _, file := range []string{"DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSansMono.ttf"} {
		font, err := ParseUTF8Font(testFont(t, file))
		if err != nil {
			t.Fatal(err)
		}
		parsed[file] = font
	}
	add := func(pdf *Fpdf, family, style, file string) { pdf.AddParsedUTF8Font(family, style, parsed[file]) }
	want := drawWith(t, add)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := drawWith(t, add); !bytes.Equal(got, want) {
				t.Error("a document made concurrently differs")
			}
		})
	}
	wg.Wait()
}

func TestParseUTF8FontRejectsWhatIsNotATrueTypeFont(t *testing.T) {
	data := testFont(t, "DejaVuSans.ttf")
	for name, bad := range map[string][]byte{
		"empty":     nil,
		"truncated": data[:1000],
		"OpenType":  append([]byte("OTTO"), data[4:]...),
	} {
		if _, err := ParseUTF8Font(bad); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// BenchmarkUTF8FontDocument is what a one-page document costs with a
// font added from its bytes, and with the font parsed once.
func BenchmarkUTF8FontDocument(b *testing.B) {
	data := testFont(b, "DejaVuSerif.ttf")
	font, err := ParseUTF8Font(data)
	if err != nil {
		b.Fatal(err)
	}
	text := "Les travailleurs de l’usine ont voté la grève illimitée lundi matin — ¿Qué podemos hacer?"
	for _, c := range []struct {
		name string
		add  func(pdf *Fpdf)
	}{
		{"bytes", func(pdf *Fpdf) { pdf.AddUTF8FontFromBytes("serif", "", data) }},
		{"parsed", func(pdf *Fpdf) { pdf.AddParsedUTF8Font("serif", "", font) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				pdf := New("P", "pt", "A4", "")
				c.add(pdf)
				pdf.SetFont("serif", "", 10)
				pdf.AddPage()
				for y := 50.0; y < 800; y += 12 {
					pdf.Text(50, y, text)
				}
				if err := pdf.Output(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The /W array must be the one fpdf v0.12 wrote: for real fonts and the
// rune sets of TestSubsetFromParsedTablesIsTheCutFont, and for random
// width tables made of runs (equal widths, absent runes, zero widths) of
// every length, which exercise every way ranges form and merge.
func TestCIDWidthsAreTheReleasedOnes(t *testing.T) {
	check := func(name string, cw []int, used map[int]int, last int) {
		t.Helper()
		def := fontDefType{Cw: cw, usedRunes: used}
		if got, want := cidWidths(cw, sortedRunes(used), used, last), releasedCIDWidths(&def, last); got != want {
			t.Fatalf("%s: /W [%s ]\nwant /W [%s ]", name, got, want)
		}
	}
	for _, name := range []string{"DejaVuSerif.ttf", "DejaVuSansMono.ttf"} {
		font, err := ParseUTF8Font(testFont(t, name))
		if err != nil {
			t.Fatal(err)
		}
		for i, used := range runeSets(font) {
			sub, _ := font.subset(sortedRunes(used), used)
			check(fmt.Sprintf("%s, set %d", name, i), font.cw, used, min(sub.lastRune, len(font.cw)-1))
		}
	}
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 3000; i++ {
		n := 2 + rng.Intn(600)
		cw := make([]int, n)
		used := makeSubsetRange(57)
		values := []int{0, 65535, 500, 600, 1200}[:2+rng.Intn(4)]
		for c := 0; c < n; {
			w, run := values[rng.Intn(len(values))], 1+rng.Intn(6)
			for ; run > 0 && c < n; run-- {
				cw[c] = w
				if rng.Intn(4) > 0 {
					used[c] = c
				}
				c++
			}
		}
		check(fmt.Sprintf("random table %d", i), cw, used, n-1-rng.Intn(n/2+1))
	}
}

func BenchmarkCIDWidths(b *testing.B) {
	font, err := ParseUTF8Font(testFont(b, "DejaVuSerif.ttf"))
	if err != nil {
		b.Fatal(err)
	}
	used := runeSets(font)[3] // ASCII and accented letters
	sub, _ := font.subset(sortedRunes(used), used)
	def := fontDefType{Cw: font.cw, usedRunes: used}
	b.Run("released", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			releasedCIDWidths(&def, sub.lastRune)
		}
	})
	b.Run("patched", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			cidWidths(font.cw, sortedRunes(used), used, sub.lastRune)
		}
	})
}

// Text must write the line fpdf v0.12 wrote, in every state that changes
// it: core and UTF-8 fonts, text and fill colours that differ, underline
// and strike-out, right to left, odd coordinates, and strings with the
// characters a PDF string escapes (also as bytes of UTF-16).
func TestTextWritesTheReleasedLine(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	alphabet := []rune("ab (x) \\ \r\n é č ČĀ ‘’ € 日 ġ ̀")
	coords := []float64{0, 10, -3.14159, 1e-9, -1e-9, 0.005, -0.005, 123456.789, math.Inf(1), math.NaN()}
	serif := testFont(t, "DejaVuSerif.ttf")
	for i := 0; i < 400; i++ {
		pdf := New("P", "pt", "A4", "")
		pdf.AddUTF8FontFromBytes("serif", "", serif)
		pdf.AddUTF8FontFromBytes("serif", "U", serif)
		pdf.AddPage()
		style := []string{"", "U", "S", "US"}[rng.Intn(4)]
		if rng.Intn(3) == 0 {
			pdf.SetFont("Helvetica", style, 11)
		} else {
			pdf.SetFont("serif", style, 11)
		}
		if rng.Intn(2) == 0 {
			pdf.SetTextColor(rng.Intn(256), 20, 30)
		}
		if rng.Intn(4) == 0 {
			pdf.RTL()
		}
		var text []rune
		for range rng.Intn(12) {
			text = append(text, alphabet[rng.Intn(len(alphabet))])
		}
		x, y := coords[rng.Intn(len(coords))], coords[rng.Intn(len(coords))]
		want := pdf.releasedText(x, y, string(text))
		before := pdf.pages[pdf.page].Len()
		pdf.Text(x, y, string(text))
		if got := pdf.pages[pdf.page].String()[before:]; got != want+"\n" {
			t.Fatalf("Text(%v, %v, %q) in %q: wrote\n%q\nwant\n%q", x, y, string(text), style, got, want+"\n")
		}
		if err := pdf.Error(); err != nil {
			t.Fatal(err)
		}
	}
}

func BenchmarkText(b *testing.B) {
	pdf := New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("serif", "", testFont(b, "DejaVuSerif.ttf"))
	pdf.SetFont("serif", "", 10)
	pdf.AddPage()
	b.ReportAllocs()
	for b.Loop() {
		pdf.pages[pdf.page].Reset()
		pdf.Text(56.7, 123.45, "l’usine")
	}
}

// A document's CIDToGIDMap must not keep glyphs of the one before (the
// maps are reused).
func TestADocumentIsTheSameAfterAnotherOne(t *testing.T) {
	font := parsedFont(t, "DejaVuSans.ttf")
	small := textDoc(t, font, "abc", false)
	textDoc(t, font, "Грамматика, ελληνικά, ABCDEFGHIJKLMNOPQRSTUVWXYZ → ∀ ₿", false)
	// A new font, which has not kept the first document's embedding
	// (patch 14), makes its map again.
	if !bytes.Equal(textDoc(t, parsedFont(t, "DejaVuSans.ttf"), "abc", false), small) {
		t.Error("a document differs after another one was made")
	}
}

// A font keeps the embeddings of the last rune sets used, and a document
// that reuses one is the document a new font makes, encrypted documents
// included, whose streams are encrypted in copies (patch 14).
func TestEmbeddingsOfTheLastRuneSetsAreKept(t *testing.T) {
	font := parsedFont(t, "DejaVuSans.ttf")
	a := textDoc(t, font, "l’usine, la grève", false)
	textDoc(t, font, "Грамматика", false)
	if n := len(font.embeddings); n != 2 {
		t.Fatalf("%d embeddings kept after two rune sets, want 2", n)
	}
	textDoc(t, font, "la grève, l’usine", true) // the same runes, encrypted
	if !bytes.Equal(textDoc(t, font, "l’usine, la grève", false), a) {
		t.Error("a document made with a kept embedding differs")
	}
	if n := len(font.embeddings); n != 2 {
		t.Errorf("%d embeddings kept after the same two rune sets again, want 2", n)
	}
	for i := range 2 * keptEmbeddings {
		textDoc(t, font, string(rune('A'+i)), false)
	}
	if n := len(font.embeddings); n != keptEmbeddings {
		t.Errorf("%d embeddings kept, want at most %d", n, keptEmbeddings)
	}
	fresh := parsedFont(t, "DejaVuSans.ttf")
	want := textDoc(t, fresh, "Грамматика", false)
	if got := textDoc(t, font, "Грамматика", false); !bytes.Equal(got, want) {
		t.Error("the document of a rune set no longer kept differs from a new font's")
	}
}

func parsedFont(t *testing.T, file string) *UTF8Font {
	t.Helper()
	font, err := ParseUTF8Font(testFont(t, file))
	if err != nil {
		t.Fatal(err)
	}
	return font
}

// textDoc is a one-page document of text in font, encrypted if asked.
func textDoc(t *testing.T, font *UTF8Font, text string, encrypted bool) []byte {
	t.Helper()
	pdf := New("P", "pt", "A4", "")
	pdf.SetCatalogSort(true)
	// Both dates fixed: the modification date is the clock's by
	// default, and a second ticking between two documents (most
	// likely under -race) made them differ.
	pdf.SetCreationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	pdf.SetModificationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if encrypted {
		pdf.SetProtection(0, "reader", "owner")
	}
	pdf.AddParsedUTF8Font("sans", "", font)
	pdf.SetFont("sans", "", 10)
	pdf.AddPage()
	pdf.Text(10, 20, text)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAdler32IsHashAdler32(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for i := 0; i < 500; i++ {
		b := make([]byte, rng.Intn(3*5552+20))
		for j := 0; j < len(b); {
			run := 1 + rng.Intn(64)
			if rng.Intn(2) == 0 { // a run of zeros or of random bytes
				j += run
				continue
			}
			for ; run > 0 && j < len(b); run-- {
				b[j] = byte(rng.Intn(256))
				j++
			}
		}
		if i%50 == 0 {
			for j := range b {
				b[j] = 0xFF // the worst case for overflow
			}
		}
		if got, want := adler32(b), stdadler32.Checksum(b); got != want {
			t.Fatalf("%d bytes: %08x, want %08x", len(b), got, want)
		}
	}
}

func BenchmarkAdler32CIDToGIDMap(b *testing.B) {
	m := make([]byte, 256*256*2)
	for r := 32; r < 0x2030; r += 3 {
		m[2*r+1] = byte(r)
	}
	b.SetBytes(int64(len(m)))
	b.Run("hash/adler32", func(b *testing.B) {
		for b.Loop() {
			stdadler32.Checksum(m)
		}
	})
	b.Run("patched", func(b *testing.B) {
		for b.Loop() {
			adler32(m)
		}
	})
}

// pdfStream returns the content of the stream of object n of a PDF made
// by fpdf, uncompressed.
func pdfStream(t *testing.T, pdf []byte, n string) []byte {
	t.Helper()
	m := regexp.MustCompile(`(?s)\n` + n + ` 0 obj\n.*?stream\n(.*?)\nendstream`).FindSubmatch(pdf)
	if m == nil {
		t.Fatalf("no stream object %s", n)
	}
	zr, err := zlib.NewReader(bytes.NewReader(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// The CIDToGIDMap goes as far as the last rune drawn, and maps each rune
// drawn to the glyph the embedded subset has for it.
func TestCIDToGIDMapMapsEveryRuneDrawnToItsGlyph(t *testing.T) {
	text := "Grève → ∀x — Ελληνικά, Грамматика, ǅ ½ €"
	pdf := New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("sans", "", testFont(t, "DejaVuSans.ttf"))
	pdf.SetFont("sans", "", 10)
	pdf.AddPage()
	pdf.Text(10, 20, text)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	refs := regexp.MustCompile(`/CIDToGIDMap (\d+) 0 R|/FontFile2 (\d+) 0 R`).FindAllSubmatch(buf.Bytes(), -1)
	if len(refs) != 2 {
		t.Fatalf("%d references to a CIDToGIDMap or a font file", len(refs))
	}
	cidMap := pdfStream(t, buf.Bytes(), string(refs[0][1]))
	subset, err := ParseUTF8Font(pdfStream(t, buf.Bytes(), string(refs[1][2])))
	if err != nil {
		t.Fatalf("the embedded subset does not parse: %v", err)
	}
	last := rune(0)
	for _, r := range text {
		last = max(last, r)
		if 2*int(r)+2 > len(cidMap) {
			t.Fatalf("the CIDToGIDMap has %d bytes: no room for %U", len(cidMap), r)
		}
		g := int32(binary.BigEndian.Uint16(cidMap[2*r:]))
		if want := subset.runeGlyph[r]; g != want || g == 0 {
			t.Errorf("%U: CID maps to glyph %d, the subset has it at %d", r, g, want)
		}
	}
	if len(cidMap) != 2*int(last+1) {
		t.Errorf("the CIDToGIDMap has %d bytes, want %d: as far as %U", len(cidMap), 2*(last+1), last)
	}
}

// A subset's font file is compressed with its tail compressed once per
// font, and decompresses to the subset, checksum included.
func TestSubsetCompressedWithTheFontsTailDecompressesToTheSubset(t *testing.T) {
	for _, name := range testFaces {
		font, err := ParseUTF8Font(testFont(t, name))
		if err != nil {
			t.Fatal(err)
		}
		_, tailZ := font.subsetTail()
		for i, used := range runeSets(font) {
			sub, err := font.subset(sortedRunes(used), used)
			if err != nil {
				t.Fatal(err)
			}
			mem := font.compress(sub)
			z := bytes.Clone(mem.bytes())
			mem.release()
			if !bytes.Contains(z, tailZ) {
				t.Errorf("%s, set %d: the stream does not hold the tail compressed once", name, i)
			}
			zr, err := zlib.NewReader(bytes.NewReader(z))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(zr) // checks the Adler-32 too
			if err != nil || !bytes.Equal(got, sub.font) {
				t.Errorf("%s, set %d: decompresses to %d bytes (%v), want the %d of the subset", name, i, len(got), err, len(sub.font))
			}
		}
	}
}

func BenchmarkCompressSubset(b *testing.B) {
	font, err := ParseUTF8Font(testFont(b, "DejaVuSerif.ttf"))
	if err != nil {
		b.Fatal(err)
	}
	used := runeSets(font)[3] // ASCII and accented letters
	sub, _ := font.subset(sortedRunes(used), used)
	b.Run("whole", func(b *testing.B) {
		for b.Loop() {
			xmem.compress(sub.font).release()
		}
	})
	b.Run("tail-once", func(b *testing.B) {
		for b.Loop() {
			font.compress(sub).release()
		}
	})
}

// A font file that does not parse is an error, and one that parses can
// be subset: no panic either way (a site may bring its own fonts).
func FuzzParseUTF8Font(f *testing.F) {
	data := testFont(f, "DejaVuSansMono.ttf")
	f.Add(data[:4096], uint16(0))
	f.Add(data, uint16(0x41))
	// The embedding permissions the parser refuses or allows (patch 22),
	// in a head that ends after the OS/2 table.
	for _, fsType := range []uint16{0x0002, 0x0100, 0x0200, 0x000c} {
		head := withTable(f, data, "OS/2", func(b []byte) { binary.BigEndian.PutUint16(b[8:], fsType) })
		f.Add(head[:16700], uint16('é'))
	}
	f.Fuzz(func(t *testing.T, head []byte, r uint16) {
		// The fuzzer changes the start of the file, where the table
		// directory and the small tables are; the glyphs follow.
		file := append(bytes.Clone(head), data[min(len(head), len(data)):]...)
		font, err := ParseUTF8Font(file)
		if err != nil {
			return
		}
		used := makeSubsetRange(57)
		for _, c := range []int{int(r), 'a', 0xE9, 0x2019} {
			used[c] = c
		}
		sub, err := font.subset(sortedRunes(used), used)
		if err != nil {
			return
		}
		font.compress(sub).release()
		cidWidths(font.cw, sortedRunes(used), used, sub.lastRune)
		font.opts.DropHinting = true // patch 16 reads every glyph's data
		if sub, err = font.subset(sortedRunes(used), used); err == nil {
			font.compress(sub).release()
		}
	})
}

// Patch 11: images of the same width come out in one order.
func TestImagesOfTheSameWidthKeepOneOrder(t *testing.T) {
	png := func(shade uint8) []byte {
		img := image.NewGray(image.Rect(0, 0, 8, 8))
		for i := range img.Pix {
			img.Pix[i] = shade + uint8(i)
		}
		var buf bytes.Buffer
		if err := stdpng.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	images := [][]byte{png(10), png(80), png(150), png(200)}
	doc := func() []byte {
		pdf := New("P", "pt", "A4", "")
		pdf.SetCatalogSort(true)
		// Both dates fixed: the modification date is the clock's by
		// default, and a second ticking between two documents made them
		// differ (4 runs in 100 under -race).
		pdf.SetCreationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		pdf.SetModificationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		pdf.AddPage()
		for i, data := range images {
			name := fmt.Sprintf("photo-%d.png", i)
			pdf.RegisterImageOptionsReader(name, ImageOptions{ImageType: "PNG"}, bytes.NewReader(data))
			pdf.ImageOptions(name, 10, 10+float64(i)*40, 30, 30, false, ImageOptions{ImageType: "PNG"}, 0, "")
		}
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := doc()
	for range 20 {
		if !bytes.Equal(doc(), first) {
			t.Fatal("the same document with four images of one width gave different bytes")
		}
	}
}

// A font subset is named with a tag of six capitals and "+" (patch 13):
// the same for the same runes, and different for different ones. The
// name after it is the font's PostScript name (patch 21).
func TestSubsetFontNamesBeginWithATag(t *testing.T) {
	serif := testFont(t, "DejaVuSerif.ttf")
	names := func(text string) []string {
		t.Helper()
		pdf := New("P", "pt", "A4", "")
		pdf.AddUTF8FontFromBytes("serif", "", serif)
		pdf.SetFont("serif", "", 11)
		pdf.AddPage()
		pdf.Text(10, 20, text)
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range regexp.MustCompile(`/(?:BaseFont|FontName) /(\S+)`).FindAllSubmatch(buf.Bytes(), -1) {
			out = append(out, string(m[1]))
		}
		return out
	}
	a, again, b := names("Réponse à la hausse"), names("Réponse à la hausse"), names("Kraków, 146 €")
	if len(a) != 3 {
		t.Fatalf("font names %q: want the Type0 font, its CIDFont and its descriptor", a)
	}
	tagged := regexp.MustCompile(`^[A-Z]{6}\+DejaVuSerif$`)
	for _, n := range append(a, b...) {
		if !tagged.MatchString(n) {
			t.Errorf("font name %q is not a tag and the font's name", n)
		}
	}
	if a[0] != a[1] || a[0] != a[2] {
		t.Errorf("one subset named three ways: %q", a)
	}
	if !slices.Equal(a, again) {
		t.Errorf("the same text gave subsets named %q, then %q", a, again)
	}
	if a[0] == b[0] {
		t.Errorf("two different subsets both named %q", a[0])
	}
}

// nameTable makes a name table (format 0) of records given as platform,
// encoding, name ID and string, each string stored as its platform
// encodes it.
func nameTable(records ...struct {
	platform, encoding, id uint16
	s                      string
}) []byte {
	var head, store []byte
	head = binary.BigEndian.AppendUint16(head, 0)
	head = binary.BigEndian.AppendUint16(head, uint16(len(records)))
	head = binary.BigEndian.AppendUint16(head, uint16(6+12*len(records)))
	for _, r := range records {
		data := []byte(r.s)
		if r.platform == 3 {
			data = nil
			for _, c := range r.s {
				data = binary.BigEndian.AppendUint16(data, uint16(c))
			}
		}
		for _, v := range []uint16{r.platform, r.encoding, 0x409, r.id, uint16(len(data)), uint16(len(store))} {
			head = binary.BigEndian.AppendUint16(head, v)
		}
		store = append(store, data...)
	}
	return append(head, store...)
}

// A subset is named after the font's PostScript name (patch 21): the
// Windows record's, else the Macintosh one's, keeping what a PDF name
// may hold; a font without one keeps fpdf's name, "utf8" and the family.
func TestSubsetsAreNamedAfterThePostScriptName(t *testing.T) {
	type rec = struct {
		platform, encoding, id uint16
		s                      string
	}
	for _, tt := range []struct {
		table []byte
		want  string
	}{
		{nameTable(rec{1, 0, 6, "MacName"}, rec{3, 1, 4, "Full Name"}, rec{3, 1, 6, "WinName-Bold"}), "WinName-Bold"},
		{nameTable(rec{1, 0, 6, "Mac Name (1)"}), "MacName1"},
		{nameTable(rec{3, 1, 6, "Grève/Sans%"}), "GrveSans"},
		{nameTable(rec{3, 1, 6, strings.Repeat("N", 80)}), strings.Repeat("N", 63)},
		{nameTable(rec{3, 1, 4, "Full Name"}), ""},
		{nameTable(rec{3, 1, 6, "Name"})[:20], ""},
		{nil, ""},
	} {
		if got := postScriptName(tt.table); got != tt.want {
			t.Errorf("postScriptName(% x) = %q, want %q", tt.table, got, tt.want)
		}
	}

	font := parsedFont(t, "DejaVuSans.ttf")
	unnamed, err := ParseUTF8Font(testFont(t, "DejaVuSans.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	unnamed.psName = ""
	for _, tt := range []struct {
		font *UTF8Font
		want string
	}{{font, "DejaVuSans"}, {unnamed, "utf8sans"}} {
		pdf := New("P", "pt", "A4", "")
		pdf.AddParsedUTF8Font("sans", "", tt.font)
		pdf.SetFont("sans", "", 11)
		pdf.AddPage()
		pdf.Text(10, 20, "Grève")
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`/BaseFont /[A-Z]{6}\+` + tt.want + `\n`).Match(buf.Bytes()) {
			t.Errorf("no subset named %s", tt.want)
		}
	}
}

// Documents written at once by several goroutines, on the page and
// document buffers that each one gives back after Output (patch 15),
// are the documents written one at a time.
func TestDocumentsOnReusedBuffersAreTheSame(t *testing.T) {
	font := parsedFont(t, "DejaVuSans.ttf")
	doc := func(pages int) []byte {
		pdf := New("P", "pt", "A4", "")
		pdf.SetCatalogSort(true)
		pdf.SetCreationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		pdf.SetModificationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		pdf.AddParsedUTF8Font("sans", "", font)
		pdf.SetFont("sans", "", 9)
		for p := range pages {
			pdf.AddPage()
			for line := range 60 {
				pdf.Text(30, float64(40+12*line), fmt.Sprintf("Page %d of %d, line %d: la grève, l’usine, Грамматика", p+1, pages, line))
			}
		}
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Error(err)
		}
		return buf.Bytes()
	}
	sizes := []int{1, 3, 12, 2}
	want := make([][]byte, len(sizes))
	for i, n := range sizes {
		want[i] = doc(n)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 12 {
				k := (g + i) % len(sizes)
				if got := doc(sizes[k]); !bytes.Equal(got, want[k]) {
					t.Errorf("the %d-page document differs when written with others", sizes[k])
					return
				}
			}
		})
	}
	wg.Wait()
}

// TextSpaced must draw what Text draws, each space followed by the same
// adjustment: -wordSpace in thousandths of the font
// size. With no word space, it writes what Text writes.
func TestTextSpacedWidensEverySpace(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	alphabet := []rune("ab é č ČĀ ‘’ € 日   ")
	serif := testFont(t, "DejaVuSerif.ttf")
	separator := regexp.MustCompile(`\)(-?[0-9]+\.[0-9]+)\(`)
	for i := 0; i < 400; i++ {
		pdf := New("P", "pt", "A4", "")
		pdf.AddUTF8FontFromBytes("serif", "", serif)
		pdf.AddPage()
		size := []float64{7, 10, 11.5, 24}[rng.Intn(4)]
		if rng.Intn(3) == 0 {
			pdf.SetFont("Helvetica", "", size)
		} else {
			pdf.SetFont("serif", "", size)
		}
		if rng.Intn(2) == 0 {
			pdf.SetTextColor(rng.Intn(256), 20, 30)
		}
		var text []rune
		for range rng.Intn(30) {
			text = append(text, alphabet[rng.Intn(len(alphabet))])
		}
		s := string(text)
		x, y := rng.Float64()*500, rng.Float64()*800
		ws := []float64{0, 0.5, 1.37, -0.8}[rng.Intn(4)]

		before := pdf.pages[pdf.page].Len()
		pdf.Text(x, y, s)
		plain := pdf.pages[pdf.page].String()[before:]
		before = pdf.pages[pdf.page].Len()
		pdf.TextSpaced(x, y, s, ws)
		got := pdf.pages[pdf.page].String()[before:]
		if err := pdf.Error(); err != nil {
			t.Fatal(err)
		}
		gaps := strings.Count(s, " ")
		if ws == 0 || gaps == 0 {
			if got != plain {
				t.Fatalf("TextSpaced(%q, %v) wrote %q, Text %q", s, ws, got, plain)
			}
			continue
		}
		if !strings.Contains(got, " Td [(") || !strings.Contains(got, ")] TJ ET") {
			t.Fatalf("TextSpaced(%q, %v) wrote no TJ array: %q", s, ws, got)
		}
		adjust := string(appendFixed2(nil, -ws*1000/size))
		seps := separator.FindAllStringSubmatch(got, -1)
		if len(seps) != gaps {
			t.Fatalf("TextSpaced(%q, %v): %d adjustments for %d spaces: %q", s, ws, len(seps), gaps, got)
		}
		for _, m := range seps {
			if m[1] != adjust {
				t.Fatalf("TextSpaced(%q, %v): adjustment %s, want %s", s, ws, m[1], adjust)
			}
		}
		// Without its adjustments, the array is Text's string.
		back := separator.ReplaceAllString(got, "")
		back = strings.Replace(strings.Replace(back, " Td [(", " Td (", 1), ")] TJ ET", ") Tj ET", 1)
		if back != plain {
			t.Fatalf("TextSpaced(%q, %v) wrote\n%q\nwhich without adjustments is not Text's\n%q", s, ws, got, plain)
		}
	}
}

// An underline under spaced text is as long as the text drawn.
func TestTextSpacedUnderlinesTheWidenedText(t *testing.T) {
	pdf := New("P", "pt", "A4", "")
	serif := testFont(t, "DejaVuSerif.ttf")
	pdf.AddUTF8FontFromBytes("serif", "", serif)
	pdf.AddUTF8FontFromBytes("serif", "U", serif)
	pdf.AddPage()
	pdf.SetFont("serif", "U", 10)
	text := "un été à Paris"
	before := pdf.pages[pdf.page].Len()
	pdf.TextSpaced(20, 100, text, 2)
	got := pdf.pages[pdf.page].String()[before:]
	want := fmt.Sprintf("%.2f", pdf.GetStringWidth(text)+3*2)
	if m := regexp.MustCompile(`(\S+) \S+ re f\n$`).FindStringSubmatch(got); m == nil || m[1] != want {
		t.Errorf("TextSpaced underlined %q with %q, want a rectangle %s wide", text, got, want)
	}
	if pdf.ws != 0 {
		t.Errorf("word spacing left at %v", pdf.ws)
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
}

// Patch 20: subsets are cut in buffers of a pool and given back once
// compressed. Fonts embedded by goroutines at once, each embedding made
// anew, must hold the subsets cut one at a time before.
func TestEmbeddingsMadeAtOnceHoldTheirSubsets(t *testing.T) {
	for _, name := range []string{"DejaVuSerif.ttf", "DejaVuSans-Bold.ttf"} {
		font, err := ParseUTF8FontWith(testFont(t, name), UTF8FontOptions{DropHinting: true})
		if err != nil {
			t.Fatal(err)
		}
		sets := runeSets(font)
		want := make([][]byte, len(sets))
		for i, used := range sets {
			sub, err := font.subset(sortedRunes(used), used)
			if err != nil {
				t.Fatal(err)
			}
			want[i] = bytes.Clone(sub.font)
			sub.release()
		}
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				for round := range 5 {
					i := (g + round) % len(sets)
					font.mu.Lock()
					font.embeddings = nil // made anew
					font.mu.Unlock()
					e, err := font.embedding(sets[i])
					if err != nil {
						t.Error(err)
						return
					}
					zr, err := zlib.NewReader(bytes.NewReader(e.fontZ))
					if err != nil {
						t.Error(err)
						return
					}
					got, err := io.ReadAll(zr)
					if err != nil || !bytes.Equal(got, want[i]) || e.fontLen != len(want[i]) {
						t.Errorf("%s: rune set %d embedded %d bytes (%v), want its subset of %d", name, i, len(got), err, len(want[i]))
					}
				}
			})
		}
		wg.Wait()
	}
}

// withTable returns a copy of a font file with fn applied to one of its
// tables, in place.
func withTable(t testing.TB, data []byte, tag string, fn func(table []byte)) []byte {
	t.Helper()
	data = bytes.Clone(data)
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := data[12+16*i:]
		if string(rec[:4]) == tag {
			pos, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
			fn(data[pos : pos+size])
			return data
		}
	}
	t.Fatalf("no %s table", tag)
	return nil
}

// The parser reports a font it cannot embed as an error, and prints
// nothing (patch 22): fpdf printed "ERROR - copyright restrictions." on
// standard output and embedded a subset of a font whose licence forbids
// it; a name table of format 1 printed "Illegal format 1".
func TestTheParserReportsWhatItFindsAndPrintsNothing(t *testing.T) {
	sans := testFont(t, "DejaVuSans.ttf")
	stdout := os.Stdout
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout = w
	defer func() { os.Stdout = stdout }()

	for _, tt := range []struct {
		what  string
		font  []byte
		error string
	}{
		{"a restricted licence", withTable(t, sans, "OS/2", func(b []byte) { binary.BigEndian.PutUint16(b[8:], 0x0002) }), "OS/2 fsType 0x0002"},
		{"no subsetting", withTable(t, sans, "OS/2", func(b []byte) { binary.BigEndian.PutUint16(b[8:], 0x0100) }), "OS/2 fsType 0x0100"},
		{"bitmaps only", withTable(t, sans, "OS/2", func(b []byte) { binary.BigEndian.PutUint16(b[8:], 0x0208) }), "OS/2 fsType 0x0208"},
		{"printing and editing allowed", withTable(t, sans, "OS/2", func(b []byte) { binary.BigEndian.PutUint16(b[8:], 0x000c) }), ""},
		{"a name table of format 1", withTable(t, sans, "name", func(b []byte) { binary.BigEndian.PutUint16(b, 1) }), ""},
	} {
		_, err := ParseUTF8Font(tt.font)
		if tt.error == "" && err != nil || tt.error != "" && (err == nil || !strings.Contains(err.Error(), tt.error)) {
			t.Errorf("%s: %v, want an error with %q", tt.what, err, tt.error)
		}
	}
	w.Close()
	os.Stdout = stdout
	if out, _ := io.ReadAll(r); len(out) > 0 {
		t.Errorf("the parser printed %q", out)
	}
}

// Patch 23: SetDuplex writes the /Duplex viewer preference, and makes the
// document PDF 1.7, where the preference was defined; an unknown mode is
// the document's error; none asks nothing.
func TestSetDuplexAsksThePrintDialogForBothSides(t *testing.T) {
	out := func(mode string) (string, error) {
		f := New("P", "pt", "A4", "")
		f.SetCompression(false)
		f.SetDuplex(mode)
		f.AddPage()
		var b bytes.Buffer
		err := f.Output(&b)
		return b.String(), err
	}
	pdf, err := out("DuplexFlipShortEdge")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(pdf, "%PDF-1.7") || !strings.Contains(pdf, "/ViewerPreferences << /Duplex /DuplexFlipShortEdge >>") {
		t.Errorf("short edge: header %q, preference missing:\n%.400s", pdf[:8], pdf)
	}
	pdf, err = out("")
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(pdf, "%PDF-1.7") || strings.Contains(pdf, "/ViewerPreferences") {
		t.Errorf("no mode: header %q, or a preference written", pdf[:8])
	}
	if _, err := out("Sideways"); err == nil || !strings.Contains(err.Error(), `unknown duplex mode "Sideways"`) {
		t.Errorf("an unknown mode gave %v", err)
	}
}

// A document written with a StreamCache is the bytes it is without one,
// and takes from the cache the streams of the pages the last document
// written with it had too: a preview of a long text edited on one page
// compresses that page alone.
func TestAStreamCacheGivesTheSameDocumentCompressingOnlyChangedPages(t *testing.T) {
	when := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	doc := func(changed string, c *StreamCache) []byte {
		f := New("P", "pt", "A4", "")
		f.SetCreationDate(when)
		f.SetModificationDate(when)
		f.SetStreamCache(c)
		f.SetFont("Helvetica", "", 11)
		for p := 1; p <= 5; p++ {
			f.AddPage()
			for l := 0; l < 40; l++ {
				f.Text(40, float64(60+l*18), fmt.Sprintf("Page %d, line %d: the tenants meet on Thursday.", p, l))
			}
			if p == 3 {
				f.Text(40, 800, changed)
			}
		}
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	c := NewStreamCache()
	if got, want := doc("first version", c), doc("first version", nil); !bytes.Equal(got, want) {
		t.Fatal("the first document differs from one written without the cache")
	}
	if c.Hits() != 0 {
		t.Fatalf("%d pages taken from an empty cache", c.Hits())
	}
	if got, want := doc("second version", c), doc("second version", nil); !bytes.Equal(got, want) {
		t.Fatal("the second document differs from one written without the cache")
	}
	if c.Hits() != 4 {
		t.Errorf("%d pages taken from the cache, want the 4 unchanged", c.Hits())
	}
	// The cache now holds the second version's pages alone.
	doc("first version", c)
	if c.Hits() != 8 {
		t.Errorf("%d pages taken from the cache after a third document, want 8", c.Hits())
	}
}
