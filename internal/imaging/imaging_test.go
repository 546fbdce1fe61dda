package imaging

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
)

// photo encodes a w×h JPEG with a gradient, like a photograph.
func photo(t testing.TB, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withOrientation inserts an EXIF block with orientation o after the JPEG's SOI.
func withOrientation(jpg []byte, o uint16) []byte {
	var tiff bytes.Buffer
	tiff.WriteString("MM\x00\x2a")
	binary.Write(&tiff, binary.BigEndian, uint32(8)) // first IFD
	binary.Write(&tiff, binary.BigEndian, uint16(1)) // one entry
	binary.Write(&tiff, binary.BigEndian, []uint16{0x0112, 3})
	binary.Write(&tiff, binary.BigEndian, uint32(1))
	binary.Write(&tiff, binary.BigEndian, []uint16{o, 0})
	binary.Write(&tiff, binary.BigEndian, uint32(0)) // no next IFD
	seg := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	var out bytes.Buffer
	out.Write(jpg[:2])
	out.Write([]byte{0xFF, 0xE1})
	binary.Write(&out, binary.BigEndian, uint16(len(seg)+2))
	out.Write(seg)
	out.Write(jpg[2:])
	return out.Bytes()
}

// probeBytes probes the image name whose file holds data.
func probeBytes(name string, data []byte) (*Image, error) {
	return Probe(name, bytes.NewReader(data), int64(len(data)))
}

func TestProbeReadsSizeAndPlansCopiesNarrowerThanTheImage(t *testing.T) {
	for _, tc := range []struct {
		w, h   int
		copies []Copy
	}{
		{400, 300, nil},
		{1200, 800, []Copy{{"p-480w.jpg", 480, 320}, {"p-960w.jpg", 960, 640}}},
		{2400, 1600, []Copy{{"p-480w.jpg", 480, 320}, {"p-960w.jpg", 960, 640}, {"p-1600w.jpg", 1600, 1067}}},
	} {
		im, err := probeBytes("p.jpg", photo(t, tc.w, tc.h))
		if err != nil {
			t.Fatal(err)
		}
		if im.Width != tc.w || im.Height != tc.h || im.Format != "jpeg" {
			t.Errorf("%dx%d: probed %s %dx%d", tc.w, tc.h, im.Format, im.Width, im.Height)
		}
		if len(im.Copies) != len(tc.copies) {
			t.Errorf("%dx%d: copies %v, want %v", tc.w, tc.h, im.Copies, tc.copies)
			continue
		}
		for i := range tc.copies {
			if im.Copies[i] != tc.copies[i] {
				t.Errorf("%dx%d: copy %d is %v, want %v", tc.w, tc.h, i, im.Copies[i], tc.copies[i])
			}
		}
	}
}

func TestLargePhotoIsNeverOfferedWhole(t *testing.T) {
	im, err := probeBytes("big.jpg", photo(t, 2400, 1600))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range im.SrcsetVersions() {
		if v.Name == "big.jpg" {
			t.Errorf("srcset offers the 2400 px original")
		}
	}
	if d := im.Default(); d.Width != 960 {
		t.Errorf("default version is %d px wide, want 960", d.Width)
	}
	small, _ := probeBytes("s.jpg", photo(t, 1200, 800))
	if vs := small.SrcsetVersions(); vs[len(vs)-1].Name != "s.jpg" {
		t.Errorf("a 1200 px original should be in its srcset: %v", vs)
	}
}

// pngClaiming is a valid PNG header that claims a w×h image.
func pngClaiming(t *testing.T, w, h uint32) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	// signature (8), IHDR length (4), "IHDR" (4), width, height...
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

func TestProbeRefusesDecompressionBombs(t *testing.T) {
	for _, size := range [][2]uint32{{100000, 100000}, {20000, 100}, {9000, 9000}} {
		_, err := probeBytes("bomb.png", pngClaiming(t, size[0], size[1]))
		if err == nil || !strings.Contains(err.Error(), "at most") {
			t.Errorf("%v: err = %v, want a refusal naming the limit", size, err)
		}
		im := &Image{Name: "bomb.png", Format: "png", Width: 100, Height: 100, Copies: []Copy{{"x", 50, 50}}}
		if _, err := Resize(im, pngClaiming(t, size[0], size[1])); err == nil {
			t.Errorf("%v: Resize decoded a bomb", size)
		}
	}
	if _, err := probeBytes("ok.png", pngClaiming(t, 7000, 7000)); err != nil {
		t.Errorf("49 megapixels should pass: %v", err)
	}
	if _, err := probeBytes("text.jpg", []byte("not an image")); err == nil {
		t.Error("a text file named .jpg was accepted")
	}
}

func TestResizeMakesJPEGCopiesOfTheRightSize(t *testing.T) {
	data := photo(t, 2400, 1600)
	im, err := probeBytes("photo.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Resize(im, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 {
		t.Fatalf("%d copies, want 3", len(files))
	}
	for i, f := range files {
		c := im.Copies[i]
		cfg, format, err := image.DecodeConfig(bytes.NewReader(f.Data))
		if err != nil || format != "jpeg" || cfg.Width != c.Width || cfg.Height != c.Height || f.Name != c.Name {
			t.Errorf("copy %s: %s %dx%d (%v), want jpeg %dx%d", f.Name, format, cfg.Width, cfg.Height, err, c.Width, c.Height)
		}
	}
}

// PNG copies are compressed at zlib's default level, which the header of
// their first IDAT chunk names (FLEVEL 2), not at the best (3): five times
// the time for 1.3 % fewer bytes.
func TestPNGCopiesAreCompressedAtTheDefaultLevel(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 2000, 600))
	for y := range 600 {
		for x := range 2000 {
			m.Set(x, y, color.NRGBA{uint8(x), uint8(y), uint8(x ^ y), 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	im, err := probeBytes("shot.png", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	files, err := Resize(im, buf.Bytes())
	if err != nil || len(files) != 2 {
		t.Fatalf("%d copies, %v", len(files), err)
	}
	for _, f := range files {
		// Chunks follow the 8-byte signature: length, type, data, CRC.
		for b := f.Data[8:]; len(b) >= 12; b = b[12+binary.BigEndian.Uint32(b):] {
			if string(b[4:8]) == "IDAT" {
				if level := b[9] >> 6; level != 2 {
					t.Errorf("%s: zlib level %d, want 2 (default)", f.Name, level)
				}
				break
			}
		}
	}
}

// encodePNG encodes m as a PNG.
func encodePNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A photograph saved as PNG, opaque and grainy, gets JPEG copies; a PNG
// that compresses well (a screenshot) or may be transparent keeps PNG
// copies.
func TestOnlyAnOpaquePhotographSavedAsPNGGetsJPEGCopies(t *testing.T) {
	const w, h = 1000, 400 // a copy 480 pixels wide; 960 too but for a screenshot
	rng := rand.New(rand.NewPCG(1, 2))
	grain := func(x, y int) color.NRGBA {
		g := uint8(rng.IntN(32))
		return color.NRGBA{uint8(x/5) + g, uint8(y/4) + g, 90 + g, 255}
	}
	photo := image.NewNRGBA(image.Rect(0, 0, w, h))
	shot := image.NewNRGBA(image.Rect(0, 0, w, h))
	palette := make(color.Palette, 256)
	for i := range palette {
		palette[i] = color.NRGBA{uint8(i), uint8(255 - i), uint8(i * 7), 255}
	}
	dithered := image.NewPaletted(image.Rect(0, 0, w, h), palette)
	for y := range h {
		for x := range w {
			photo.SetNRGBA(x, y, grain(x, y))
			c := color.NRGBA{255, 255, 255, 255} // a page: a band and lines of text
			if y < 50 || y%20 < 8 && x%150 < 120 {
				c = color.NRGBA{27, 94, 32, 255}
			}
			shot.SetNRGBA(x, y, c)
			dithered.SetColorIndex(x, y, uint8(rng.IntN(256)))
		}
	}
	seeThrough := image.NewNRGBA(photo.Rect)
	copy(seeThrough.Pix, photo.Pix)
	seeThrough.SetNRGBA(0, 0, color.NRGBA{0, 0, 0, 0}) // an alpha channel
	keyed := image.NewPaletted(dithered.Rect, slices.Clone(palette))
	copy(keyed.Pix, dithered.Pix)
	keyed.Palette[0] = color.NRGBA{} // a tRNS chunk
	for _, c := range []struct {
		name string
		m    image.Image
		want string // the copies' format
	}{
		{"photo.png", photo, "jpeg"},
		{"dithered.png", dithered, "jpeg"},
		{"shot.png", shot, "png"},
		{"transparent.png", seeThrough, "png"},
		{"keyed.png", keyed, "png"},
	} {
		data := encodePNG(t, c.m)
		im, err := probeBytes(c.name, data)
		if err != nil {
			t.Fatal(err)
		}
		files, err := Resize(im, data)
		if err != nil {
			t.Fatal(err)
		}
		ext := map[string]string{"jpeg": ".jpg", "png": ".png"}[c.want]
		if len(files) == 0 {
			t.Errorf("%s: no copies", c.name)
		}
		for i, f := range files {
			_, format, err := image.DecodeConfig(bytes.NewReader(f.Data))
			if f.Name != im.Copies[i].Name || path.Ext(f.Name) != ext || format != c.want {
				t.Errorf("%s (%.2f bytes a pixel): copy %s is %s (%v); want %s", c.name, float64(len(data))/(w*h), f.Name, format, err, c.want)
			}
		}
	}
}

// An opaque PNG that is not a photograph (a screenshot, a flyer) gets
// copies at most 0.55 of its width: wider, a copy blurs its text into
// colours that compress worse, and weighs more than the screenshot.
// Where it has no copy 960 pixels wide, its pages name the screenshot
// itself; where it has none 1,600 wide, the srcset offers it. A PNG that
// may be transparent, and a photograph, get every copy narrower than
// themselves.
func TestAScreenshotGetsOnlyCopiesLighterThanItself(t *testing.T) {
	page := func(w, h int, see color.Color) []byte {
		m := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{see, color.Black})
		for y := 0; y < h; y += 20 {
			for x := range w / 2 {
				m.SetColorIndex(x, y, 1)
			}
		}
		return encodePNG(t, m)
	}
	white, clear := color.White, color.NRGBA{}
	for _, c := range []struct {
		name   string
		data   []byte
		copies []int // their widths
		dflt   int   // the width of the version an <img src> names
		whole  bool  // the srcset offers the original
	}{
		{"shot.png", page(1000, 600, white), []int{480}, 1000, true},
		{"shot.png", page(1280, 800, white), []int{480}, 1280, true},
		{"shot.png", page(1745, 900, white), []int{480}, 1745, true},
		{"shot.png", page(1746, 900, white), []int{480, 960}, 960, true},
		{"shot.png", page(2560, 1600, white), []int{480, 960}, 960, true},
		{"shot.png", page(2910, 1600, white), []int{480, 960, 1600}, 960, false},
		{"logo.png", page(1280, 800, clear), []int{480, 960}, 960, true},
		{"logo.png", page(2560, 1600, clear), []int{480, 960, 1600}, 960, false},
		{"photo.jpg", photo(t, 1280, 800), []int{480, 960}, 960, true},
		{"photo.jpg", photo(t, 2560, 1600), []int{480, 960, 1600}, 960, false},
	} {
		im, err := probeBytes(c.name, c.data)
		if err != nil {
			t.Fatal(err)
		}
		var widths []int
		for _, cp := range im.Copies {
			widths = append(widths, cp.Width)
		}
		whole := slices.ContainsFunc(im.SrcsetVersions(), func(v Version) bool { return v.Name == c.name })
		if !slices.Equal(widths, c.copies) || im.Default().Width != c.dflt || whole != c.whole {
			t.Errorf("%s %d px wide: copies %v, <img src> %d px, srcset offers it: %v; want %v, %d, %v",
				c.name, im.Width, widths, im.Default().Width, whole, c.copies, c.dflt, c.whole)
		}
	}
}

// readPNGChunks reads the chunks of whatever file claims to be a PNG: nothing
// they claim may make it panic.
func FuzzPhotoPNG(f *testing.F) {
	f.Add(encodePNG(f, image.NewNRGBA(image.Rect(0, 0, 3, 2))))
	f.Add(encodePNG(f, image.NewPaletted(image.Rect(0, 0, 3, 2), color.Palette{color.NRGBA{}, color.Black})))
	f.Fuzz(func(t *testing.T, data []byte) {
		if c, ok := readPNGChunks(bytes.NewReader(data)); ok {
			photoPNG(c, int64(len(data)), 6)
		}
	})
}

func TestPhoneOrientationIsAppliedToSizesAndCopies(t *testing.T) {
	// Stored 1200×800 with orientation 6: shown 800 wide, 1200 high.
	data := withOrientation(photo(t, 1200, 800), 6)
	im, err := probeBytes("phone.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	if im.Orientation != 6 || im.Width != 800 || im.Height != 1200 {
		t.Fatalf("probed orientation %d, %dx%d; want 6, 800x1200", im.Orientation, im.Width, im.Height)
	}
	files, err := Resize(im, data)
	if err != nil {
		t.Fatal(err)
	}
	m, err := jpeg.Decode(bytes.NewReader(files[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	if b := m.Bounds(); b.Dx() != 480 || b.Dy() != 720 {
		t.Errorf("copy is %v, want 480x720", b)
	}
}

func TestOrientMovesPixelsAsEXIFSays(t *testing.T) {
	// A 3×2 image, pixel values 0..5 in reading order.
	m := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for i := range 6 {
		m.Pix[i*4] = uint8(i)
	}
	read := func(o *image.RGBA) []uint8 {
		var out []uint8
		for y := range o.Rect.Dy() {
			for x := range o.Rect.Dx() {
				out = append(out, o.Pix[o.PixOffset(x, y)])
			}
		}
		return out
	}
	// Stored:  0 1 2
	//          3 4 5
	want := map[int][]uint8{
		1: {0, 1, 2, 3, 4, 5},
		2: {2, 1, 0, 5, 4, 3},
		3: {5, 4, 3, 2, 1, 0},
		4: {3, 4, 5, 0, 1, 2},
		5: {0, 3, 1, 4, 2, 5},
		6: {3, 0, 4, 1, 5, 2}, // turned clockwise
		7: {5, 2, 4, 1, 3, 0},
		8: {2, 5, 1, 4, 0, 3}, // turned anticlockwise
	}
	for o := 1; o <= 8; o++ {
		if got := read(orient(m, o)); !bytes.Equal(got, want[o]) {
			t.Errorf("orientation %d: %v, want %v", o, got, want[o])
		}
	}
}

func TestShareCardIsASmallPictureOfTheRightSize(t *testing.T) {
	ttf, err := os.ReadFile("../../assets/fonts/DejaVuSans-Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"Boletín obrero", "Kellingford Solidarity Network: tenants and workers together, in three languages and more"} {
		data, err := ShareCard(title, ttf, DefaultCardColors)
		if err != nil {
			t.Fatal(err)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || format != "png" || cfg.Width != CardWidth || cfg.Height != CardHeight {
			t.Errorf("%q: %s %dx%d %v", title, format, cfg.Width, cfg.Height, err)
		}
		if len(data) > 40<<10 {
			t.Errorf("%q: share picture is %d bytes, want under 40 KB", title, len(data))
		}
	}
}

func TestHalvingAJPEGsPixelsMatchesHalvingItsRGBA(t *testing.T) {
	ratios := []image.YCbCrSubsampleRatio{
		image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420,
		image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410,
	}
	for _, ratio := range ratios {
		// A photograph-like picture: smooth colour with some grain, its
		// chroma taken where each sample's block starts.
		m := image.NewYCbCr(image.Rect(0, 0, 67, 49), ratio)
		for y := range 49 {
			for x := range 67 {
				grain := uint8((x*7 + y*13) % 9)
				yy, cb, cr := color.RGBToYCbCr(uint8(40+x*2)+grain, uint8(60+y*3), uint8(200-x-y)+grain)
				m.Y[m.YOffset(x, y)] = yy
				if m.COffset(x, y) != m.COffset(x-1, y) || x == 0 {
					m.Cb[m.COffset(x, y)], m.Cr[m.COffset(x, y)] = cb, cr
				}
			}
		}
		// The whole picture, and a part of it starting at odd coordinates.
		for _, sub := range []*image.YCbCr{m, m.SubImage(image.Rect(3, 5, 60, 44)).(*image.YCbCr)} {
			got, want := halveYCbCr(sub), halve(toRGBA(sub))
			if got.Rect != want.Rect {
				t.Fatalf("%v %v: halved to %v, want %v", ratio, sub.Rect, got.Rect, want.Rect)
			}
			worst := 0
			for i := range got.Pix {
				worst = max(worst, abs(int(got.Pix[i])-int(want.Pix[i])))
			}
			if worst > 2 {
				t.Errorf("%v %v: a channel differs by %d levels from halving the RGBA picture", ratio, sub.Rect, worst)
			}
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// The preview picture takes the stylesheet's accent: the first one it
// sets, which in tract's is the light scheme's.
func TestShareCardColoursComeFromTheStylesheet(t *testing.T) {
	builtin, err := os.ReadFile("../../assets/site/tract.css")
	if err != nil {
		t.Fatal(err)
	}
	green := CardColors{Ink: color.RGBA{0xff, 0xff, 0xff, 0xff}, Paper: color.RGBA{0x1b, 0x5e, 0x20, 0xff}}
	for _, c := range []struct {
		name, css string
		want      CardColors
	}{
		{"tract's", string(builtin), DefaultCardColors},
		{"a site's green", ":root {\n  --ink: #111;\n  --accent: #1b5e20; /* green */\n  --accent-ink:#FFF;\n}\n@media (prefers-color-scheme: dark) { :root { --accent: #a5d6a7; --accent-ink: #000; } }", green},
		{"only the accent", ":root{--accent:#1B5E20}", green},
		{"a colour written otherwise", ":root { --accent: rgb(27, 94, 32); }", DefaultCardColors},
		{"the first written otherwise", ":root { --accent: rgb(27, 94, 32); }\n@media (prefers-color-scheme: dark) { :root { --accent: #1b5e20; } }", DefaultCardColors},
		{"none", "body { color: black; }", DefaultCardColors},
	} {
		if got := StyleColors([]byte(c.css)); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	ttf, err := os.ReadFile("../../assets/fonts/DejaVuSans-Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	data, err := ShareCard("Green", ttf, green)
	if err != nil {
		t.Fatal(err)
	}
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if r, g, b, _ := m.At(5, 5).RGBA(); r>>8 != 0x1b || g>>8 != 0x5e || b>>8 != 0x20 {
		t.Errorf("the picture's corner is #%02x%02x%02x, want the accent #1b5e20", r>>8, g>>8, b>>8)
	}
}

// A WebP that may be transparent (with an alpha channel, or lossless, as
// a logo or a screenshot is saved) gets PNG copies, which keep its
// transparency; a JPEG copy drew its transparent parts black. An opaque
// photograph's copies stay JPEG. The three files in testdata/webp are a
// 1000×120 checkerboard of red and transparent squares, made with
// cwebp -lossless, cwebp -q 80 and cwebp -q 80 -noalpha.
func TestATransparentWebPKeepsItsTransparencyInItsCopies(t *testing.T) {
	for name, want := range map[string]string{
		"transparent-lossless.webp": "png",
		"transparent-lossy.webp":    "png",
		"opaque-lossy.webp":         "jpeg",
	} {
		data, err := os.ReadFile("testdata/webp/" + name)
		if err != nil {
			t.Fatal(err)
		}
		im, err := probeBytes(name, data)
		if err != nil {
			t.Fatal(err)
		}
		files, err := Resize(im, data)
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: %d copies, %v", name, len(files), err)
		}
		m, format, err := image.Decode(bytes.NewReader(files[0].Data))
		if err != nil || format != want || path.Ext(files[0].Name) != map[string]string{"png": ".png", "jpeg": ".jpg"}[want] {
			t.Errorf("%s: copy %s is %s (%v), want %s", name, files[0].Name, format, err, want)
			continue
		}
		if want == "png" {
			if _, _, _, a := m.At(60, 2).RGBA(); a != 0 { // in the second square, transparent
				t.Errorf("%s: the copy is opaque where the picture is transparent", name)
			}
		}
	}
}

// A picture Probe cannot read says what the file is: empty, text, a PDF,
// a picture of a kind tract does not read, or one of the kinds it reads
// but damaged or cut short (a download or a copy that stopped), which
// is to be copied again, not saved in another format.
func TestAnUnreadablePictureSaysWhatTheFileIs(t *testing.T) {
	var png bytes.Buffer
	if err := pngEncode(&png); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty.png", nil, "the file is empty: save or copy the picture again"},
		{"notes.jpg", []byte("Meeting notes, not a picture.\n"), "the file holds text, not a picture: it is named .jpg"},
		{"flyer.png", []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "the file is a PDF document, not a picture"},
		{"scan.jpg", []byte("BM\x36\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00"), "the file is a picture of a kind tract does not read (image/bmp)"},
		{"cut.png", png.Bytes()[:20], "the file begins as a png picture but cannot be read"},
	} {
		_, err := Probe(tc.name, bytes.NewReader(tc.data), int64(len(tc.data)))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}

// pngEncode writes a small PNG.
func pngEncode(w *bytes.Buffer) error {
	return png.Encode(w, image.NewGray(image.Rect(0, 0, 40, 30)))
}
