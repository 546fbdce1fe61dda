package imaging

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
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
	data := buf.Bytes()
	im, err := Probe("photo.jpg", bytes.NewReader(data))
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
