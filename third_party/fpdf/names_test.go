// Tests of patch 18 (see PATCHES.md): subsets without the Macintosh names.

package fpdf

import (
	"encoding/binary"
	"math/rand"
	"slices"
	"testing"

	"golang.org/x/image/font/sfnt"
)

// nameRecord is a record of a name table with its string.
type nameRecord struct {
	platform, encoding, language, id uint16
	text                             string
}

// nameRecords reads a name table's records (format 0 or 1), and the
// strings of a format 1 table's language tags.
func nameRecords(t *testing.T, table []byte) (recs []nameRecord, langTags []string) {
	t.Helper()
	format, count, storage := binary.BigEndian.Uint16(table), int(binary.BigEndian.Uint16(table[2:])), int(binary.BigEndian.Uint16(table[4:]))
	for i := range count {
		r := table[6+12*i:]
		length, offset := int(binary.BigEndian.Uint16(r[8:])), int(binary.BigEndian.Uint16(r[10:]))
		recs = append(recs, nameRecord{
			binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[2:]), binary.BigEndian.Uint16(r[4:]), binary.BigEndian.Uint16(r[6:]),
			string(table[storage+offset : storage+offset+length]),
		})
	}
	if format == 1 {
		at := 6 + 12*count
		for i := range int(binary.BigEndian.Uint16(table[at:])) {
			tag := table[at+2+4*i:]
			length, offset := int(binary.BigEndian.Uint16(tag)), int(binary.BigEndian.Uint16(tag[2:]))
			langTags = append(langTags, string(table[storage+offset:storage+offset+length]))
		}
	}
	return recs, langTags
}

// The subsets of a font parsed with DropMacNames have every name record
// of the font but the Macintosh platform's, with the same strings: the
// licence is still there, once. A name table of format 1 keeps its
// language tags.
func TestSubsetsWithoutMacNamesKeepTheOtherNames(t *testing.T) {
	for _, name := range testFaces {
		data := testFont(t, name)
		font, err := ParseUTF8FontWith(data, UTF8FontOptions{DropMacNames: true})
		if err != nil {
			t.Fatal(err)
		}
		used := runeSets(font)[3]
		sub, err := font.subset(sortedRunes(used), used)
		if err != nil {
			t.Fatal(err)
		}
		whole, _ := nameRecords(t, table(t, data, "name"))
		var want []nameRecord
		for _, r := range whole {
			if r.platform != 1 {
				want = append(want, r)
			}
		}
		got, _ := nameRecords(t, table(t, sub.font, "name"))
		if len(want) == len(whole) || !slices.Equal(got, want) {
			t.Errorf("%s: the subset's names are %d records, want the %d of %d that are not the Macintosh platform's", name, len(got), len(want), len(whole))
		}
		f, err := sfnt.Parse(sub.font)
		if err != nil {
			t.Fatalf("%s: the subset does not parse: %v", name, err)
		}
		orig, err := sfnt.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		for _, id := range []sfnt.NameID{sfnt.NameIDCopyright, sfnt.NameIDFamily, sfnt.NameIDLicense} {
			w, _ := orig.Name(&buf, id)
			g, err := f.Name(&buf, id)
			if err != nil || g != w || w == "" {
				t.Errorf("%s: name %d is %q (%v), want %q", name, id, g, err, w)
			}
		}
	}

	// A format 1 table: a Macintosh record, a Windows one, a language tag.
	str := func(s string) []byte { return []byte(s) }
	var tbl []byte
	put := func(v ...int) {
		for _, x := range v {
			tbl = binary.BigEndian.AppendUint16(tbl, uint16(x))
		}
	}
	storage := 6 + 2*12 + 2 + 4
	put(1, 2, storage)
	put(1, 0, 0, 1, 3, 0)      // Mac "Mac"
	put(3, 1, 0x8000, 1, 4, 3) // Windows, language tag 0: "\x00W\x00i"
	put(1, 4, 7)               // one language tag: "\x00e\x00n"
	tbl = append(tbl, str("Mac\x00W\x00i\x00e\x00n")...)
	out := withoutMacNames(tbl)
	recs, tags := nameRecords(t, out)
	if !slices.Equal(recs, []nameRecord{{3, 1, 0x8000, 1, "\x00W\x00i"}}) || !slices.Equal(tags, []string{"\x00e\x00n"}) {
		t.Errorf("format 1: records %+v, language tags %q", recs, tags)
	}
}

// withoutMacNames reads whatever a font file gives it as a name table
// without panicking: every cut of a real table, and random bytes.
func TestWithoutMacNamesReadsAnyBytes(t *testing.T) {
	real := table(t, testFont(t, "DejaVuSans.ttf"), "name")
	for n := range len(real) {
		withoutMacNames(real[:n])
	}
	rng := rand.New(rand.NewSource(1))
	for range 20000 {
		b := make([]byte, rng.Intn(200))
		rng.Read(b)
		if len(b) >= 6 && rng.Intn(2) == 0 {
			b[0], b[1] = 0, byte(rng.Intn(2)) // format 0 or 1
			b[2], b[3] = 0, byte(rng.Intn(8))
		}
		withoutMacNames(b)
	}
}
