// Tests of patch 16 (see PATCHES.md): subsets without hinting.

package fpdf

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// A subset cut without hinting draws every glyph as the font does, and
// holds no instructions: no fpgm, prep or cvt table, no glyph program.
// Cut with hinting, the same runes give the same glyphs with them.
func TestUnhintedSubsetsKeepTheOutlinesAndDropTheHinting(t *testing.T) {
	for _, name := range testFaces {
		data := testFont(t, name)
		hinted, err := ParseUTF8Font(data)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := ParseUTF8FontWith(data, UTF8FontOptions{DropHinting: true})
		if err != nil {
			t.Fatal(err)
		}
		whole, err := sfnt.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		// DejaVu's italic faces have no glyph programs of their own.
		glyphsHinted := programs(t, data) > 0
		var buf sfnt.Buffer
		for i, used := range runeSets(plain) {
			hsub, err := hinted.subset(sortedRunes(used), used)
			if err != nil {
				t.Fatal(err)
			}
			sub, err := plain.subset(sortedRunes(used), used)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(sub.glyphs, hsub.glyphs) || sub.lastRune != hsub.lastRune {
				t.Fatalf("%s, set %d: the runes map to other glyphs without hinting", name, i)
			}
			for _, tag := range []string{"fpgm", "prep", "cvt "} {
				if table(t, sub.font, tag) != nil {
					t.Errorf("%s, set %d: the subset has a %q table", name, i, tag)
				}
				if table(t, hsub.font, tag) == nil {
					t.Errorf("%s, set %d: the hinted subset has no %q table", name, i, tag)
				}
			}
			if got, want := programs(t, sub.font), 0; got != want {
				t.Errorf("%s, set %d: %d glyphs keep instructions", name, i, got)
			}
			if glyphsHinted && programs(t, hsub.font) == 0 && len(sub.glyphs) > 10 {
				t.Errorf("%s, set %d: no glyph of the hinted subset has instructions", name, i)
			}
			if len(sub.glyphs) > 10 && len(sub.font) >= len(hsub.font) {
				t.Errorf("%s, set %d: %d bytes without hinting, %d with", name, i, len(sub.font), len(hsub.font))
			}

			if maxp := table(t, sub.font, "maxp"); binary.BigEndian.Uint16(maxp[14:]) != 1 || !bytes.Equal(maxp[16:28], make([]byte, 12)) {
				t.Errorf("%s, set %d: maxp still makes room for hinting: % x", name, i, maxp[14:28])
			}

			f, err := sfnt.Parse(sub.font)
			if err != nil {
				t.Fatalf("%s, set %d: the subset does not parse: %v", name, i, err)
			}
			ppem := fixed.I(int(f.UnitsPerEm()))
			for _, rg := range sub.glyphs {
				gi, err := whole.GlyphIndex(&buf, rune(rg.r))
				if err != nil {
					t.Fatal(err)
				}
				want, err := whole.LoadGlyph(&buf, gi, ppem, nil)
				if err != nil {
					t.Fatal(err)
				}
				want = slices.Clone(want)
				got, err := f.LoadGlyph(&buf, sfnt.GlyphIndex(rg.g), ppem, nil)
				if err != nil {
					t.Fatalf("%s, set %d: U+%04X: %v", name, i, rg.r, err)
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s, set %d: U+%04X is drawn otherwise without hinting", name, i, rg.r)
				}
			}
		}
	}
}

// table returns the table tagged tag of a font file.
func table(t *testing.T, file []byte, tag string) []byte {
	t.Helper()
	font, err := parseUTF8Font(bytes.Clone(file))
	if err != nil {
		t.Fatal(err)
	}
	return font.table(tag)
}

// programs counts the glyphs of a font file that have instructions.
func programs(t *testing.T, file []byte) int {
	t.Helper()
	font, err := parseUTF8Font(bytes.Clone(file))
	if err != nil {
		t.Fatal(err)
	}
	glyf := font.table("glyf")
	n := 0
	for g := range font.numGlyphs {
		data := glyf[font.glyphPos[g]:font.glyphPos[g+1]]
		if len(data) < 10 {
			continue
		}
		contours := int(int16(binary.BigEndian.Uint16(data)))
		if contours >= 0 {
			if binary.BigEndian.Uint16(data[10+2*contours:]) != 0 {
				n++
			}
			continue
		}
		instructions := false
		font.components(glyf, g, func(_, at int) error {
			flags := binary.BigEndian.Uint16(data[at-2:])
			instructions = instructions || flags&symbolInstructions != 0
			return nil
		})
		if instructions {
			n++
		}
	}
	return n
}

// BenchmarkEmbedSubset cuts and compresses a subset of ASCII and accented
// letters, as a document does for each font whose runes it has not
// embedded lately, with the hinting and without.
func BenchmarkEmbedSubset(b *testing.B) {
	data := testFont(b, "DejaVuSerif.ttf")
	for _, drop := range []bool{false, true} {
		b.Run(map[bool]string{false: "hinted", true: "unhinted"}[drop], func(b *testing.B) {
			font, err := ParseUTF8FontWith(data, UTF8FontOptions{DropHinting: drop})
			if err != nil {
				b.Fatal(err)
			}
			used := runeSets(font)[3]
			var size int
			for b.Loop() {
				sub, err := font.subset(sortedRunes(used), used)
				if err != nil {
					b.Fatal(err)
				}
				mem := font.compress(sub)
				size = len(mem.bytes())
				mem.release()
			}
			b.ReportMetric(float64(size), "bytes")
		})
	}
}

// BenchmarkEmbedding is what a document pays for a font whose runes no
// document before it drew: the subset, its widths and CIDToGIDMap, both
// compressed.
func BenchmarkEmbedding(b *testing.B) {
	font, err := ParseUTF8FontWith(testFont(b, "DejaVuSerif.ttf"), UTF8FontOptions{DropHinting: true, DropMacNames: true})
	if err != nil {
		b.Fatal(err)
	}
	used := runeSets(font)[3] // ASCII and accented letters
	b.ReportAllocs()
	for b.Loop() {
		font.embeddings = nil // none kept
		if _, err := font.embedding(used); err != nil {
			b.Fatal(err)
		}
	}
}
