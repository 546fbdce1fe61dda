package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // decoders for the formats editors use
	"image/jpeg"
	"image/png"
	"io/fs"
	"slices"
	"sync"
	"sync/atomic"

	_ "golang.org/x/image/webp"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/imaging"
	"github.com/tractpub/tract/internal/pdf/layout"
)

// maxPrintSide is the longest side, in pixels, of a picture in a PDF:
// 300 dpi across an A4 text block. Larger ones are scaled down for print.
const maxPrintSide = 2400

// imageCache prepares each picture once per build, whatever the number of
// languages and editions that print it, while it holds it. It holds the
// pictures it prepared up to maxHeld bytes, and lets go of those asked
// for longest ago: an item's texts, which show its pictures, are printed
// one after another. Holding every picture, a build of 3,000 items each
// showing its own photograph kept them all until its end, and its peak
// RSS reached 1 GB.
type imageCache struct {
	fsys  fs.FS
	mu    sync.Mutex
	m     map[string]*imageEntry
	held  int    // the bytes of the prepared pictures m holds
	limit int    // the most it holds: maxHeld, but in tests
	tick  uint64 // counts gets, for imageEntry.asked
}

type imageEntry struct {
	once sync.Once
	img  *layout.Image
	err  error
	// When it was last asked for (imageCache.tick), and the bytes it
	// counts in imageCache.held once prepared: atomic, as the caches
	// without makes share their entries, each under its own lock.
	asked atomic.Uint64
	size  atomic.Int64
}

// maxHeld is the most bytes of prepared pictures an imageCache holds.
const maxHeld = 32 << 20

func newImageCache(fsys fs.FS) *imageCache {
	return &imageCache{fsys: fsys, m: map[string]*imageEntry{}, limit: maxHeld}
}

// without returns a cache with c's pictures but those of files.
func (c *imageCache) without(files []string) *imageCache {
	n := newImageCache(c.fsys)
	n.limit = c.limit
	c.mu.Lock()
	defer c.mu.Unlock()
	for file, e := range c.m {
		if !slices.Contains(files, file) {
			n.m[file] = e
			n.held += int(e.size.Load())
		}
	}
	n.tick = c.tick
	return n
}

// get returns the picture at a site path such as
// "articles/strike/photo.jpg": the file content/articles/strike/photo.jpg
// (see content.FileAt).
func (c *imageCache) get(sitePath string) (*layout.Image, error) {
	file, ok := content.FileAt(sitePath)
	if !ok {
		return nil, fmt.Errorf("not a file of an item")
	}
	c.mu.Lock()
	e := c.m[file]
	if e == nil {
		e = &imageEntry{}
		c.m[file] = e
	}
	c.tick++
	e.asked.Store(c.tick)
	c.mu.Unlock()
	e.once.Do(func() {
		data, err := fs.ReadFile(c.fsys, file)
		if err != nil {
			e.err = err
			return
		}
		e.img, e.err = PrepareImage(file, data)
		if e.img != nil {
			c.hold(file, e, len(e.img.Data))
		}
	})
	return e.img, e.err
}

// hold counts size bytes for the entry e of file, just prepared, and
// lets go of the entries asked for longest ago while c holds more than
// its limit. The one it holds last stays, whatever its size.
func (c *imageCache) hold(file string, e *imageEntry, size int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m[file] != e { // let go of (see without) while it was prepared
		return
	}
	e.size.Store(int64(size))
	c.held += size
	for c.held > c.limit {
		var oldest string
		var when uint64
		for f, o := range c.m {
			if a := o.asked.Load(); o.size.Load() > 0 && o != e && (oldest == "" || a < when) {
				oldest, when = f, a
			}
		}
		if oldest == "" {
			return
		}
		c.held -= int(c.m[oldest].size.Load())
		delete(c.m, oldest)
	}
}

// PrepareImage turns a picture file into one fpdf can embed: a JPEG or
// an opaque 8-bit PNG (a screenshot, a drawing) as it is, when small
// enough; anything else (PNG with 16 bits or transparency, interlaced,
// GIF, WebP, a very large photo) decoded, scaled down to at most
// maxPrintSide pixels and encoded again as an 8-bit PNG, or a JPEG for
// photographs, those saved as PNG too (a PDF readers download would
// carry megabytes of PNG for a few hundred kilobytes of JPEG). The
// dimensions are checked from the header first, against the same limits
// as the site's pictures, and a photo a phone stored sideways (EXIF
// orientation) is turned upright.
func PrepareImage(key string, data []byte) (*layout.Image, error) {
	// The site's limits, and the EXIF orientation of a phone's photo.
	probe, err := imaging.Probe(key, bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a readable image (%v)", err)
	}
	if max(cfg.Width, cfg.Height) <= maxPrintSide && probe.Orientation == 1 {
		switch {
		case format == "jpeg" && cfg.ColorModel != color.CMYKModel:
			return &layout.Image{Key: key, Data: data, Format: "jpg", Width: cfg.Width, Height: cfg.Height}, nil
		case format == "png" && probe.PlainPNG && !probe.PhotoPNG:
			// Decoding and encoding it again took seconds for a
			// screenshot, for the same pixels.
			return &layout.Image{Key: key, Data: data, Format: "png", Width: cfg.Width, Height: cfg.Height}, nil
		}
	}
	src, done, err := imaging.Decode(data)
	if err != nil {
		return nil, err
	}
	defer done()
	// Scaled in the orientation it is stored in, and turned afterwards:
	// the picture itself is never copied whole (see imaging.Shrink).
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if long := max(w, h); long > maxPrintSide {
		w, h = max(1, w*maxPrintSide/long), max(1, h*maxPrintSide/long)
	}
	opaque, gray := isOpaque(src), isGray(src)
	small := imaging.Upright(imaging.Shrink(src, w, h), probe.Orientation)
	w, h = small.Rect.Dx(), small.Rect.Dy()
	var out bytes.Buffer
	switch {
	case format == "jpeg" || probe.PhotoPNG || (opaque && format != "png" && format != "gif"):
		if err := jpeg.Encode(&out, small, &jpeg.Options{Quality: 88}); err != nil {
			return nil, err
		}
		return &layout.Image{Key: key, Data: out.Bytes(), Format: "jpg", Width: w, Height: h}, nil
	case gray && opaque:
		g := image.NewGray(small.Rect)
		for i := range g.Pix {
			g.Pix[i] = small.Pix[4*i] // grey stays grey: red, green and blue are the same
		}
		if err := png.Encode(&out, g); err != nil {
			return nil, err
		}
	case opaque:
		// Written as 8-bit RGB: the alpha is opaque.
		for i := 3; i < len(small.Pix); i += 4 {
			small.Pix[i] = 0xff
		}
		if err := png.Encode(&out, small); err != nil {
			return nil, err
		}
	default:
		if err := png.Encode(&out, unpremultiply(small)); err != nil {
			return nil, err
		}
	}
	return &layout.Image{Key: key, Data: out.Bytes(), Format: "png", Width: w, Height: h}, nil
}

// unpremultiply turns m's colours, multiplied by their alpha, into the
// colours PNG stores, in place: m is not to be used afterwards.
func unpremultiply(m *image.RGBA) *image.NRGBA {
	for i := 0; i < len(m.Pix); i += 4 {
		if a := uint32(m.Pix[i+3]); a > 0 {
			for c := range 3 {
				m.Pix[i+c] = uint8((uint32(m.Pix[i+c])*0xff + a/2) / a)
			}
		}
	}
	return &image.NRGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect}
}

func isOpaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	return false
}

func isGray(img image.Image) bool {
	switch img.(type) {
	case *image.Gray, *image.Gray16:
		return true
	}
	return false
}
