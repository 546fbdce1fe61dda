package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tractpub/tract/internal/imaging"
	"github.com/tractpub/tract/internal/pdf/layout"
	"github.com/tractpub/tract/internal/testsite"
)

func gradient(w, h int, set func(x, y int, v uint8)) {
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			set(x, y, uint8((x*255)/max(1, w-1)))
		}
	}
}

// pictures are the kinds of file editors put beside a leaflet.
func pictures(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	enc := func(name string, f func(*bytes.Buffer) error) {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			t.Fatal(err)
		}
		out[name] = b.Bytes()
	}
	rgba16 := image.NewNRGBA64(image.Rect(0, 0, 120, 80))
	gradient(120, 80, func(x, y int, v uint8) {
		rgba16.SetNRGBA64(x, y, color.NRGBA64{uint16(v) << 8, 0x4000, 0x8000, uint16(y*800) + 1})
	})
	enc("alpha16.png", func(b *bytes.Buffer) error { return png.Encode(b, rgba16) })
	gray := image.NewGray(image.Rect(0, 0, 100, 60))
	gradient(100, 60, func(x, y int, v uint8) { gray.SetGray(x, y, color.Gray{v}) })
	enc("gray.png", func(b *bytes.Buffer) error { return png.Encode(b, gray) })
	photo := image.NewRGBA(image.Rect(0, 0, 3000, 2000))
	gradient(3000, 2000, func(x, y int, v uint8) { photo.SetRGBA(x, y, color.RGBA{v, uint8(y / 8), 90, 255}) })
	enc("large.jpg", func(b *bytes.Buffer) error { return jpeg.Encode(b, photo, &jpeg.Options{Quality: 70}) })
	small := image.NewRGBA(image.Rect(0, 0, 200, 100))
	enc("small.jpg", func(b *bytes.Buffer) error { return jpeg.Encode(b, small, nil) })
	pal := image.NewPaletted(image.Rect(0, 0, 50, 50), []color.Color{color.Black, color.White, color.Transparent})
	enc("anim.gif", func(b *bytes.Buffer) error { return gif.Encode(b, pal, nil) })
	// A screenshot (8-bit RGB), a flat drawing (a palette), and a logo
	// whose palette has a transparent colour (a tRNS chunk).
	shot := image.NewRGBA(image.Rect(0, 0, 160, 90))
	gradient(160, 90, func(x, y int, v uint8) { shot.SetRGBA(x, y, color.RGBA{v, 200, uint8(y), 255}) })
	enc("shot.png", func(b *bytes.Buffer) error { return png.Encode(b, shot) })
	flat := image.NewPaletted(image.Rect(0, 0, 64, 40), palette.Plan9) // 256 colours: 8 bits a pixel
	for i := range flat.Pix {
		flat.Pix[i] = uint8(i / 64 * 6)
	}
	enc("flat.png", func(b *bytes.Buffer) error { return png.Encode(b, flat) })
	logo := image.NewPaletted(image.Rect(0, 0, 50, 50), pal.Palette)
	for i := range logo.Pix {
		logo.Pix[i] = uint8(i % 3) // a third of it transparent
	}
	enc("logo.png", func(b *bytes.Buffer) error { return png.Encode(b, logo) })
	// A photograph saved as PNG: its grain takes bytes no drawing does.
	grain := image.NewRGBA(image.Rect(0, 0, 200, 150))
	seed := uint32(1)
	for i := range grain.Pix {
		seed = seed*1664525 + 1013904223
		grain.Pix[i] = uint8(seed >> 24)
		if i%4 == 3 {
			grain.Pix[i] = 255
		}
	}
	enc("photo.png", func(b *bytes.Buffer) error { return png.Encode(b, grain) })
	return out
}

func TestPicturesArePreparedForFpdf(t *testing.T) {
	pics := pictures(t)
	tests := []struct {
		name   string
		format string
		w, h   int
		same   bool // passed through untouched
	}{
		{"alpha16.png", "png", 120, 80, false},
		{"gray.png", "png", 100, 60, true}, // decoded and encoded again: the same 8-bit file
		{"large.jpg", "jpg", 2400, 1600, false},
		{"small.jpg", "jpg", 200, 100, true},
		{"anim.gif", "png", 50, 50, false},
		{"shot.png", "png", 160, 90, true}, // embedded as it is: fpdf copies its image data
		{"flat.png", "png", 64, 40, true},
		{"logo.png", "png", 50, 50, false}, // transparent: its alpha goes to a soft mask
		{"photo.png", "jpg", 200, 150, false},
	}
	for _, tt := range tests {
		img, err := PrepareImage(tt.name, pics[tt.name])
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if img.Format != tt.format || img.Width != tt.w || img.Height != tt.h || bytes.Equal(img.Data, pics[tt.name]) != tt.same {
			t.Errorf("%s: %s %d×%d (same bytes: %v), want %s %d×%d (%v)", tt.name, img.Format, img.Width, img.Height, bytes.Equal(img.Data, pics[tt.name]), tt.format, tt.w, tt.h, tt.same)
		}
		if img.Format == "png" {
			cfg, err := png.DecodeConfig(bytes.NewReader(img.Data))
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			} else if _, ok := cfg.ColorModel.(color.Palette); !ok && cfg.ColorModel == color.NRGBA64Model || cfg.ColorModel == color.RGBA64Model || cfg.ColorModel == color.Gray16Model {
				t.Errorf("%s: still 16-bit", tt.name)
			}
		}
	}
}

func TestPicturesThatCannotBeUsedAreRefused(t *testing.T) {
	for name, data := range map[string][]byte{
		"not a picture": []byte("hello"),
		"truncated":     []byte("\xff\xd8\xff\xe0 not really"),
		// A PNG header declaring 100,000 × 100,000 pixels: refused before decoding.
		"bomb": pngHeader(100000, 100000),
	} {
		if _, err := PrepareImage(name, data); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// pngHeader is the start of a PNG file declaring w × h pixels.
func pngHeader(w, h int) []byte {
	var b bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 1, 1))
	png.Encode(&b, img)
	data := b.Bytes()
	// IHDR width and height start at byte 16.
	for i, v := range []int{w, h} {
		data[16+4*i] = byte(v >> 24)
		data[17+4*i] = byte(v >> 16)
		data[18+4*i] = byte(v >> 8)
		data[19+4*i] = byte(v)
	}
	return data
}

func TestEveryKindOfPictureEndsUpInThePDF(t *testing.T) {
	pics := pictures(t)
	var body strings.Builder
	fsys := testsite.FS("")
	for name, data := range pics {
		fmt.Fprintf(&body, "![%s](%s \"%s\")\n\n", name, name, name)
		fsys["content/articles/pics/"+name] = &fstest.MapFile{Data: data}
	}
	fsys["content/articles/pics/en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Pictures\n---\n" + body.String())}
	m, site := makerFS(t, fsys, nil)
	if m == nil {
		t.Fatal("the site has errors")
	}
	files, probs := make1(t, m, site, "articles", "pics", "en")
	if len(probs) > 0 {
		t.Errorf("problems: %v", probs)
	}
	list := tool(t, "pdfimages", "-list", writeTemp(t, files[0]))
	// Nine pictures, the transparent ones with their soft masks.
	if n := len(regexp.MustCompile(`(?m)^\s+\d+\s+\d+\s+image\s`).FindAllString(list, -1)); n != 9 {
		t.Errorf("%d images in the PDF, want 9:\n%s", n, list)
	}
	if n := strings.Count(list, " smask "); n != 2 {
		t.Errorf("%d soft masks in the PDF, want 2 (the 16-bit picture's and the logo's):\n%s", n, list)
	}
	if !strings.Contains(list, " smask ") {
		t.Errorf("the transparent picture lost its transparency:\n%s", list)
	}
	if !strings.Contains(list, "2400  1600") {
		t.Errorf("the large photo was not scaled to 2400 × 1600:\n%s", list)
	}
}

// A leaflet too long for one page with a tall picture at full size tries
// the picture smaller before going to two sides (or to smaller text).
func TestALeafletShrinksItsPictureBeforeASecondPage(t *testing.T) {
	tall := image.NewGray(image.Rect(0, 0, 300, 1400))
	gradient(300, 1400, func(x, y int, v uint8) { tall.SetGray(x, y, color.Gray{v}) })
	var pic bytes.Buffer
	if err := png.Encode(&pic, tall); err != nil {
		t.Fatal(err)
	}
	fsys := testsite.FS("")
	para := "Chaque mardi, des bénévoles reçoivent les locataires pour les courriers au bailleur, les dossiers d’aide au logement et les problèmes de chauffage. "
	for k := 2; k <= 40; k += 2 {
		dir := fmt.Sprintf("content/leaflets/l%02d/", k)
		fsys[dir+"tall.png"] = &fstest.MapFile{Data: pic.Bytes()}
		fsys[dir+"en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Tuesdays\n---\n![A tall banner](tall.png)\n\n" + strings.Repeat(para+"\n\n", k))}
	}
	m, site := makerFS(t, fsys, nil)
	if m == nil {
		t.Fatal("the site has errors")
	}
	shrunk := 0
	for _, it := range site.Items {
		v := it.Variants["en"]
		doc, _, err := m.set(v, "a4")
		if err != nil {
			t.Fatal(err)
		}
		textH := doc.Height - 2*15*mm - 8*mm
		for _, op := range doc.Pages[0].Ops {
			if op.Kind != layout.OpImage {
				continue
			}
			if op.H > 0.45*textH+0.01 {
				t.Errorf("%s: picture %.0f pt tall, more than 45%% of the page's text", v.Path, op.H)
			}
			if op.H < 0.44*textH && len(doc.Pages) == 1 {
				shrunk++
			}
			if op.H < 0.44*textH && len(doc.Pages) > 1 {
				t.Errorf("%s: picture made smaller, and still %d pages", v.Path, len(doc.Pages))
			}
		}
	}
	if shrunk == 0 {
		t.Error("no leaflet kept to one page by a smaller picture: the texts do not test it")
	}
}

// Preparing a picture for print allocates, garbage included, no more than
// imaging.DecodedSize counts for it: it is read a row at a time and
// scaled without golang.org/x/image/draw's buffer of 32 bytes per column
// of the print copy and row of the picture (220 MB for this one).
func TestPreparingAPictureTakesNoMoreThanCounted(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, 3000, 3000))); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	cfg, _, _ := image.DecodeConfig(bytes.NewReader(data))
	counted := imaging.DecodedSize(cfg)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	img, err := PrepareImage("big.png", data)
	runtime.ReadMemStats(&after)
	if err != nil || img.Width != 2400 || img.Height != 2400 {
		t.Fatalf("%v, %v", img, err)
	}
	n := int64(after.TotalAlloc - before.TotalAlloc)
	t.Logf("allocated %d MB, counted %d MB", n>>20, counted>>20)
	if n > counted {
		t.Errorf("preparing the picture allocated %d MB, more than the %d MB counted", n>>20, counted>>20)
	}
}

// The cache holds the pictures it prepared up to its limit, letting go
// of those asked for longest ago, and prepares again one it let go of:
// a build of 3,000 items, each showing its own photograph, held them
// all until its end.
func TestTheImageCacheLetsGoOfThePicturesAskedForLongestAgo(t *testing.T) {
	fsys := fstest.MapFS{}
	var want [][]byte
	for i := range 6 {
		m := image.NewRGBA(image.Rect(0, 0, 300, 200))
		gradient(300, 200, func(x, y int, v uint8) { m.SetRGBA(x, y, color.RGBA{v, uint8(y + i*40), uint8(i * 30), 255}) })
		var b bytes.Buffer
		if err := jpeg.Encode(&b, m, nil); err != nil {
			t.Fatal(err)
		}
		fsys[fmt.Sprintf("content/articles/a%d/photo.jpg", i)] = &fstest.MapFile{Data: b.Bytes()}
		want = append(want, b.Bytes())
	}
	c := newImageCache(fsys)
	c.limit = len(want[0]) * 5 / 2 // two pictures and a half
	get := func(i int) {
		t.Helper()
		img, err := c.get(fmt.Sprintf("articles/a%d/photo.jpg", i))
		if err != nil || !bytes.Equal(img.Data, want[i]) {
			t.Fatalf("picture %d: %v", i, err)
		}
	}
	held := func() []int {
		var out []int
		for i := range want {
			if c.m[fmt.Sprintf("content/articles/a%d/photo.jpg", i)] != nil {
				out = append(out, i)
			}
		}
		return out
	}
	get(0)
	get(1)
	get(0) // asked for again: 1 is now the oldest
	get(2)
	if got := held(); fmt.Sprint(got) != "[0 2]" {
		t.Errorf("holds %v, want [0 2]", got)
	}
	if c.held > c.limit {
		t.Errorf("holds %d bytes, more than %d", c.held, c.limit)
	}
	for i := range want {
		get(i)
	}
	get(1) // let go of, prepared again
	if got := held(); fmt.Sprint(got) != "[1 5]" {
		t.Errorf("holds %v after all six and 1 again, want [1 5]", got)
	}
}
