package imaging

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"path"
	"runtime/debug"
)

// JPEGQuality is the quality of the JPEG copies: photographs look the same
// on a phone at a third of the bytes of a camera's file.
const JPEGQuality = 80

// File is a file made by Resize: a copy's name in the item folder and its bytes.
type File struct {
	Name string
	Data []byte
}

// Check finds a picture whose header reads well but whose data is cut
// short or damaged: it reads a JPEG or PNG file's structure, and decodes
// a picture of another format whole, as a browser will (see whole.go).
func Check(data []byte) error {
	var err error
	switch {
	case bytes.HasPrefix(data, jpegStart):
		err = wholeJPEG(data)
	case bytes.HasPrefix(data, pngSignature):
		err = wholePNG(data)
	default:
		var done func()
		if _, done, err = Decode(data); err == nil {
			done()
		}
		return err
	}
	if err != nil {
		return fmt.Errorf("cannot decode the picture (%v)", err)
	}
	return nil
}

// Decode decodes data whole, after checking its header against the
// limits, so that data that is not what Probe read is never decoded
// blindly. It first waits until the pictures being worked on leave room
// for this one under MaxDecoded (see DecodedSize); done says it is no
// longer used, nor anything made from it.
func Decode(data []byte) (_ image.Image, done func(), err error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, nil, fmt.Errorf("not a readable image (%v)", err)
	}
	if cfg.Width > MaxSide || cfg.Height > MaxSide || cfg.Width*cfg.Height > MaxPixels {
		return nil, nil, fmt.Errorf("image is %d×%d pixels: too large", cfg.Width, cfg.Height)
	}
	if err := checkDecoded(cfg); err != nil {
		return nil, nil, err
	}
	size := DecodedSize(cfg)
	give := working.take(size)
	done = func() {
		if size >= collectAbove {
			// What working on the picture left is garbage now: collected
			// before the next picture takes its place, not beside it
			// (see collectAbove).
			debug.FreeOSMemory()
		}
		give()
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		done()
		return nil, nil, fmt.Errorf("cannot decode the picture (%v)", err)
	}
	return src, done, nil
}

// Resize decodes the image im describes from data (see decode) and makes
// its copies, in the order of im.Copies, each in the format its name
// ends with.
func Resize(im *Image, data []byte) ([]File, error) {
	if len(im.Copies) == 0 {
		return nil, nil
	}
	src, done, err := Decode(data)
	if err != nil {
		return nil, err
	}
	defer done()
	out := make([]File, len(im.Copies))
	// A camera's photograph is first halved by averaging, which costs
	// little and loses nothing the filter would keep. The widest copy is
	// made from that, read a row at a time (see scale), and each narrower
	// one from the copy before it, which has far fewer pixels to read and
	// gives a copy that looks the same. What is held is the picture, the
	// halved one and the widest copy, then two copies.
	widest := im.Copies[len(im.Copies)-1]
	w, h := widest.Width, widest.Height
	if im.Orientation >= 5 {
		w, h = h, w // scale in the stored orientation, turn afterwards
	}
	var from image.Image = halveTo(src, w, h)
	for i := len(im.Copies) - 1; i >= 0; i-- {
		c := im.Copies[i]
		w, h := c.Width, c.Height
		if im.Orientation >= 5 {
			w, h = h, w
		}
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		scale(dst, from)
		from = dst
		var buf bytes.Buffer
		shown := orient(dst, im.Orientation)
		if path.Ext(c.Name) == ".png" {
			// At zlib's default level: on screenshots, logos, scans and
			// photographs saved as PNG, the best level took five times
			// as long to make copies 1.3 % smaller.
			err = png.Encode(&buf, shown)
		} else {
			err = jpeg.Encode(&buf, shown, &jpeg.Options{Quality: JPEGQuality})
		}
		if err != nil {
			return nil, fmt.Errorf("encoding %s: %v", c.Name, err)
		}
		out[i] = File{Name: c.Name, Data: buf.Bytes()}
	}
	return out, nil
}

// halve averages each 2×2 block of pixels of m, of any kind, into one
// RGBA pixel, converting two rows at a time.
func halve(m image.Image) *image.RGBA {
	b := m.Bounds()
	w, h := b.Dx()/2, b.Dy()/2
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	in := newRows(m, 2)
	for y := range h {
		pix, stride := in.at(2*y, 2)
		r0, r1 := pix, pix[stride:]
		o := out.Pix[y*out.Stride:]
		for x := range w {
			for c := range 4 {
				i := 8*x + c
				o[4*x+c] = uint8((int(r0[i]) + int(r0[i+4]) + int(r1[i]) + int(r1[i+4]) + 2) / 4)
			}
		}
	}
	return out
}

// halveYCbCr averages each 2×2 block of pixels of m into one RGBA pixel.
// It averages luma and chroma, then converts: the conversion is linear
// but for rounding and clamping, so this is halve(toRGBA(m)) to within a
// level or two, in one pass and a quarter of the memory.
func halveYCbCr(m *image.YCbCr) *image.RGBA {
	w, h := m.Rect.Dx()/2, m.Rect.Dy()/2
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	// Where each source column's chroma sample is in its row, whatever
	// the subsampling.
	ccol := make([]int, 2*w)
	for x := range ccol {
		ccol[x] = m.COffset(m.Rect.Min.X+x, m.Rect.Min.Y) - m.COffset(m.Rect.Min.X, m.Rect.Min.Y)
	}
	for y := range h {
		sy := m.Rect.Min.Y + 2*y
		y0 := m.YOffset(m.Rect.Min.X, sy)
		y1 := y0 + m.YStride
		c0 := m.COffset(m.Rect.Min.X, sy)
		c1 := m.COffset(m.Rect.Min.X, sy+1)
		o := out.Pix[y*out.Stride:]
		for x := range w {
			a, b := 2*x, 2*x+1
			yy := (int(m.Y[y0+a]) + int(m.Y[y0+b]) + int(m.Y[y1+a]) + int(m.Y[y1+b]) + 2) / 4
			cb := (int(m.Cb[c0+ccol[a]]) + int(m.Cb[c0+ccol[b]]) + int(m.Cb[c1+ccol[a]]) + int(m.Cb[c1+ccol[b]]) + 2) / 4
			cr := (int(m.Cr[c0+ccol[a]]) + int(m.Cr[c0+ccol[b]]) + int(m.Cr[c1+ccol[a]]) + int(m.Cr[c1+ccol[b]]) + 2) / 4
			r, g, bl := color.YCbCrToRGB(uint8(yy), uint8(cb), uint8(cr))
			o[4*x], o[4*x+1], o[4*x+2], o[4*x+3] = r, g, bl, 0xff
		}
	}
	return out
}

// orient turns an image stored with EXIF orientation o upright.
func orient(m *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return m
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	W, H := w, h
	if o >= 5 {
		W, H = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, W, H))
	for dy := range H {
		for dx := range W {
			var sx, sy int
			switch o {
			case 2: // mirrored
				sx, sy = w-1-dx, dy
			case 3: // upside down
				sx, sy = w-1-dx, h-1-dy
			case 4: // mirrored upside down
				sx, sy = dx, h-1-dy
			case 5: // transposed
				sx, sy = dy, dx
			case 6: // stored a quarter turn anticlockwise
				sx, sy = dy, h-1-dx
			case 7: // transversed
				sx, sy = w-1-dy, h-1-dx
			case 8: // stored a quarter turn clockwise
				sx, sy = w-1-dy, dx
			}
			si := m.PixOffset(sx, sy)
			di := out.PixOffset(dx, dy)
			copy(out.Pix[di:di+4], m.Pix[si:si+4])
		}
	}
	return out
}

// Upright returns m, a picture Shrink made from a file with EXIF
// orientation o, turned the way a reader should see it.
func Upright(m *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return m
	}
	return orient(m, o)
}
