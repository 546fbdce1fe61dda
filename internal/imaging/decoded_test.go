package imaging

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"runtime"
	"strings"
	"testing"
	"time"
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
		_, err := probeBytes("big.png", pngHeader(7071, 7071, tc.depth, tc.colorType))
		switch {
		case tc.refused && (err == nil || !strings.Contains(err.Error(), "MB once decoded; tract takes at most 480 MB")):
			t.Errorf("%s: %v, want refused for what it takes decoded", tc.name, err)
		case !tc.refused && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// transparentPNG is a w×h PNG of 8-bit RGBA, all transparent: a few
// kilobytes that decode to 4 bytes a pixel.
func transparentPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// allocated is what f allocates, in bytes, garbage included.
func allocated(f func()) int64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return int64(after.TotalAlloc - before.TotalAlloc)
}

// Making a picture's copies allocates, garbage included, no more than
// DecodedSize counts for it: the picture is read a row at a time, never
// converted whole, and scaled without golang.org/x/image/draw's buffer of
// 32 bytes per column of the copy and row of the picture (154 MB for
// this one, counted 68 MB, for which resizing allocated 293 MB; now 52).
func TestResizeTakesNoMoreThanCounted(t *testing.T) {
	data := transparentPNG(t, 3000, 3000)
	im, err := probeBytes("big.png", data)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _, _ := image.DecodeConfig(bytes.NewReader(data))
	counted := DecodedSize(cfg)
	var files []File
	n := allocated(func() { files, err = Resize(im, data) })
	if err != nil || len(files) != 3 {
		t.Fatalf("%d copies, %v", len(files), err)
	}
	t.Logf("allocated %d MB, counted %d MB", n>>20, counted>>20)
	if n > counted {
		t.Errorf("resizing allocated %d MB, more than the %d MB counted", n>>20, counted>>20)
	}
}

// Pictures worked on at once wait until what the others take leaves
// room under the limit; one alone never waits.
func TestPicturesWaitForRoomUnderTheLimit(t *testing.T) {
	b := newBudget(100)
	b.take(150)() // alone: it does not wait, whatever it takes
	give := b.take(60)
	took := make(chan func())
	go func() { took <- b.take(60) }()
	select {
	case <-took:
		t.Fatal("60 and 60 bytes taken at once under a limit of 100")
	case <-time.After(50 * time.Millisecond):
	}
	give()
	select {
	case g := <-took:
		g()
	case <-time.After(5 * time.Second):
		t.Fatal("still waiting once the room was given back")
	}
	give() // given back once only
	if b.used != 0 {
		t.Errorf("%d bytes still taken", b.used)
	}
}

// Decode, which Resize, Check and the PDFs' print copies all go through,
// waits on the process's budget (diff review: nothing held that it did):
// while the budget is taken whole, a picture waits; given back, it goes.
func TestDecodeWaitsForThePicturesBeingWorkedOn(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8))); err != nil {
		t.Fatal(err)
	}
	give := working.take(MaxDecoded)
	decoded := make(chan error)
	go func() {
		_, done, err := Decode(buf.Bytes())
		if err == nil {
			done()
		}
		decoded <- err
	}()
	select {
	case <-decoded:
		give()
		t.Fatal("a picture was decoded while others took all the budget")
	case <-time.After(50 * time.Millisecond):
	}
	give()
	select {
	case err := <-decoded:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("still waiting once the budget was given back")
	}
}
