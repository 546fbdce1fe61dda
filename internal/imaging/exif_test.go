package imaging

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// exifJPEG is the start of a JPEG whose EXIF block is tiff.
func exifJPEG(tiff []byte) []byte {
	seg := append([]byte("Exif\x00\x00"), tiff...)
	var out bytes.Buffer
	out.Write([]byte{0xFF, 0xD8, 0xFF, 0xE1})
	binary.Write(&out, binary.BigEndian, uint16(len(seg)+2))
	out.Write(seg)
	out.Write([]byte{0xFF, 0xD9})
	return out.Bytes()
}

// An EXIF block is read from a picture anyone may send: offsets near the
// largest int overflowed on 32-bit systems (ifd+2 became negative) and
// tract panicked, "slice bounds out of range [2147483647:16]". Every such
// offset, and entry counts running past the block, give orientation 1.
func TestExifOffsetsPastTheBlockGiveNoOrientation(t *testing.T) {
	for _, tc := range []struct {
		name string
		tiff []byte
	}{
		{"IFD at 0x7FFFFFFF", []byte("MM\x00\x2a\x7f\xff\xff\xff\x00\x01\x01\x12\x00\x03\x00\x00")},
		{"IFD at 0x7FFFFFFE", []byte("II\x2a\x00\xfe\xff\xff\x7f\x00\x01\x01\x12\x00\x03\x00\x00")},
		{"IFD at 0xFFFFFFFF", []byte("MM\x00\x2a\xff\xff\xff\xff\x00\x01\x01\x12\x00\x03\x00\x00")},
		{"IFD at 0x80000000", []byte("MM\x00\x2a\x80\x00\x00\x00\x00\x01\x01\x12\x00\x03\x00\x00")},
		{"IFD just past the block", []byte("MM\x00\x2a\x00\x00\x00\x0f\x00\x01\x01\x12\x00\x03\x00\x00")},
		{"65535 entries, none there", []byte("MM\x00\x2a\x00\x00\x00\x08\xff\xff\x01\x12\x00\x03\x00\x00")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if o := exifOrientation(exifJPEG(tc.tiff)); o != 1 {
				t.Errorf("orientation %d, want 1", o)
			}
		})
	}
	// And a good block is still read.
	good := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00")
	if o := exifOrientation(exifJPEG(good)); o != 6 {
		t.Errorf("orientation %d, want 6", o)
	}
}

// FuzzExifOrientation reads the EXIF orientation of arbitrary JPEG
// headers: it must never panic, on 64-bit or 32-bit systems, and gives 1
// to 8.
func FuzzExifOrientation(f *testing.F) {
	f.Add(exifJPEG([]byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00")))
	f.Add(exifJPEG([]byte("II\x2a\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x03\x00\x00\x00")))
	f.Add(exifJPEG([]byte("MM\x00\x2a\x7f\xff\xff\xff\x00\x01\x01\x12\x00\x03\x00\x00")))
	f.Add(withOrientation(photo(f, 16, 8), 8))
	f.Fuzz(func(t *testing.T, b []byte) {
		if o := exifOrientation(b); o < 1 || o > 8 {
			t.Errorf("orientation %d", o)
		}
		if o := tiffOrientation(b); o < 1 || o > 8 {
			t.Errorf("orientation %d of the TIFF block", o)
		}
	})
}
