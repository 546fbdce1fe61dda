package imaging

import (
	"bytes"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// goPictures are the JPEG and PNG files of Go's own image tests, which
// come with Go: baseline, progressive, restart markers, CMYK, gray, every
// chroma subsampling; interlaced PNGs, palettes, 16 bits a channel, and
// PNGs Go refuses.
func goPictures(t *testing.T) map[string][]byte {
	t.Helper()
	src := filepath.Join(runtime.GOROOT(), "src", "image")
	out := map[string][]byte{}
	for _, dir := range []string{"testdata", "png/testdata", "png/testdata/pngsuite"} {
		names, err := filepath.Glob(filepath.Join(src, dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			if ext := filepath.Ext(name); ext != ".jpeg" && ext != ".png" {
				continue
			}
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			out[strings.TrimPrefix(name, src+"/")] = data
		}
	}
	if len(out) < 60 {
		t.Fatalf("found %d of Go's test pictures in %s", len(out), src)
	}
	return out
}

// Every picture Go decodes is whole to Check, and so is one with bytes
// after its end, as browsers show it; every part of one cut short
// anywhere is not.
func TestCheckFindsEveryPictureCutShort(t *testing.T) {
	for name, data := range goPictures(t) {
		if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
			continue
		}
		if err := Check(data); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if err := Check(append(bytes.Clone(data), "after the end"...)); err != nil {
			t.Errorf("%s with bytes after its end: %v", name, err)
		}
		step := max(1, len(data)/300) // every length of a small file
		for n := len(pngSignature); n < len(data); n += step {
			err := Check(data[:n])
			if err == nil || !strings.HasPrefix(err.Error(), "cannot decode the picture (") {
				t.Errorf("%s cut to %d of its %d bytes: %v", name, n, len(data), err)
				break
			}
		}
		if err := Check(data[:len(data)-1]); err == nil {
			t.Errorf("%s without its last byte: no error", name)
		}
	}
}

// A PNG damaged anywhere is found by its chunks' check sums, as Go's
// decoder finds it, and so are the damaged files of Go's tests.
func TestCheckFindsAPNGDamagedAnywhere(t *testing.T) {
	pics := goPictures(t)
	data := pics["png/testdata/pngsuite/basn2c08.png"]
	if data == nil {
		t.Fatal("no basn2c08.png")
	}
	for i := len(pngSignature); i < len(data); i++ {
		bad := bytes.Clone(data)
		bad[i] ^= 0x10
		if Check(bad) == nil {
			t.Errorf("byte %d of %d changed: no error", i, len(data))
		}
	}
	for _, name := range []string{"png/testdata/invalid-crc32.png", "png/testdata/invalid-noend.png", "png/testdata/invalid-trunc.png"} {
		if pics[name] == nil {
			t.Fatalf("no %s", name)
		}
		if Check(pics[name]) == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, name := range []string{"video-001.q50.420.progressive.jpeg", "video-001.restart2.jpeg", "video-005.gray.png"} {
		data, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "src", "image", "testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("\xff\xd8\xff\xda\x00\x02\xff\x00\xff\xff\xff\xd9"))
	f.Add([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x00IEND\xaeB`\x82"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		err := Check(data) // never panics
		if err == nil && (bytes.HasPrefix(data, jpegStart) || bytes.HasPrefix(data, pngSignature)) {
			// Whole, it is whole without what follows its end, and
			// cut short anywhere before, it is not.
			var end int
			if bytes.HasPrefix(data, jpegStart) {
				end = bytes.LastIndex(data, []byte{0xff, 0xd9}) + 2
			} else {
				end = bytes.LastIndex(data, []byte("IEND")) + 8
			}
			for n := end - 1; n >= max(end-8, 2); n-- {
				if Check(data[:n]) == nil && !bytes.Contains(data[:n], []byte{0xff, 0xd9}) && !bytes.Contains(data[:n], []byte("IEND")) {
					t.Fatalf("whole at %d bytes without an end", n)
				}
			}
		}
	})
}
