package imaging

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"strings"
	"testing"
)

// pngHeader is the start of a PNG file: its signature and IHDR chunk, all
// DecodeConfig reads.
func pngHeader(w, h uint32, depth, colorType byte) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, depth, colorType, 0, 0, 0)
	chunk := append([]byte("IHDR"), ihdr...)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, uint32(len(ihdr)))
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

// The pixel count does not bound what a picture takes once decoded: 50
// megapixels of 16-bit colour are refused from the header, 8-bit are not.
func TestAPictureIsRefusedByWhatItTakesDecoded(t *testing.T) {
	for _, tc := range []struct {
		name             string
		depth, colorType byte
		refused          bool
	}{
		{"8-bit RGBA", 8, 6, false},
		{"16-bit RGBA", 16, 6, true},
		{"16-bit grey", 16, 0, false},
	} {
		_, err := Probe("big.png", bytes.NewReader(pngHeader(7071, 7071, tc.depth, tc.colorType)))
		switch {
		case tc.refused && (err == nil || !strings.Contains(err.Error(), "MB once decoded; tract takes at most 480 MB")):
			t.Errorf("%s: %v, want refused for what it takes decoded", tc.name, err)
		case !tc.refused && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
