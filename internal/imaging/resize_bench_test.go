package imaging

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// BenchmarkResizePhoto makes the three copies of a 12-megapixel camera
// photograph: what the image cache (internal/build) saves at every build
// after the first.
func BenchmarkResizePhoto(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 4000, 3000))
	for y := 0; y < 3000; y++ {
		for x := 0; x < 4000; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x ^ y), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	benchmarkResize(b, "photo.jpg", buf.Bytes())
}

// BenchmarkResizeScreenshot makes the two copies of a PNG screenshot of
// a page: a dark band, lines of words and a grainy picture, on white. It
// compresses like a screenshot, to 0.15 bytes a pixel, so its copies are
// PNG (see photoBytesPerPixel).
func BenchmarkResizeScreenshot(b *testing.B) {
	const w, h = 1280, 2000
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			n := uint32(x*73856093^y*19349663) * 2654435761 // grain
			c := color.RGBA{255, 255, 255, 255}
			switch {
			case y < 120:
				c = color.RGBA{27, 94, 32, 255}
			case y >= 300 && y < 800 && x >= 200 && x < 1080:
				g := uint8(n >> 30)
				c = color.RGBA{uint8(x/5) + g, uint8(y/4) + g, 90 + g, 255}
			case y%40 < 18 && x >= 200 && x < 1080 && (x/9*7919+y/40*104729)%11 > 1:
				// letters in words, in lines
				c = color.RGBA{34, 34, 34, 255}
				if n>>29 == 0 {
					c = color.RGBA{200, 200, 200, 255}
				}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		b.Fatal(err)
	}
	benchmarkResize(b, "shot.png", buf.Bytes())
}

// benchmarkResize times Resize on the picture data, named name.
func benchmarkResize(b *testing.B, name string, data []byte) {
	im, err := probeBytes(name, data)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d bytes, %d copies", len(data), len(im.Copies))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Resize(im, data); err != nil {
			b.Fatal(err)
		}
	}
}
