// Package imaging knows the images a site publishes: it reads their size
// from the file header (never decoding a whole image to learn it), refuses
// images too large to handle safely, plans the smaller copies a page offers
// to phones through srcset, and makes them. It also draws the default
// link-preview picture of each language.
//
// It only turns bytes into bytes: the build stage reads the files and
// writes the copies.
package imaging

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // registered for DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io"
	"net/http"
	"path"
	"slices"
	"strings"

	_ "golang.org/x/image/webp" // registered for DecodeConfig and Decode
)

// Limits on what tract decodes. A small compressed file can claim a huge
// size (a "decompression bomb"); the header is checked against these before
// anything is decoded.
const (
	MaxSide   = 16000      // pixels, either side
	MaxPixels = 50_000_000 // width × height: 50 megapixels, about 200 MB decoded
)

// Widths are the widths of the copies made of a large image, in pixels:
// a phone, a phone with a dense screen or a tablet, and a desktop.
var Widths = []int{480, 960, 1600}

// Image is one image file of an item, as pages show it.
type Image struct {
	Name   string // file name in the item folder: "photos/picket.jpg"
	Format string // "jpeg", "png", "gif" or "webp"
	// Width and Height are the size a browser shows, after the EXIF
	// orientation of a JPEG is applied.
	Width, Height int
	Orientation   int    // EXIF orientation, 1 (upright) to 8
	Copies        []Copy // smaller copies, narrowest first; none for a small or animated image
	// PhotoPNG is set for a photograph saved as PNG (see photoPNG): its
	// copies, and its print copy, are JPEG.
	PhotoPNG bool
	// PlainPNG is set for a PNG a PDF embeds as it is (see plainPNG).
	PlainPNG bool
}

// Copy is a resized copy of an Image, published beside it.
type Copy struct {
	Name          string // "photos/picket-480w.jpg"
	Width, Height int
}

// IsImage reports whether name is a file tract reads as an image.
func IsImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp":
		return true
	}
	return false
}

// unreadable is the error of a picture whose header, head, Go's decoders
// do not read: what the file is instead, where that can be told (empty,
// text, a document or a picture of a kind browsers do not show).
func unreadable(name string, head []byte, err error) error {
	if len(head) == 0 {
		return errors.New("the file is empty: save or copy the picture again")
	}
	kind := http.DetectContentType(head)
	ext := strings.ToLower(path.Ext(name))
	switch {
	case strings.HasPrefix(kind, "text/"):
		return fmt.Errorf("the file holds text, not a picture: it is named %s, but is not one; save the picture itself as JPEG or PNG", ext)
	case kind == "application/pdf":
		return fmt.Errorf("the file is a PDF document, not a picture: name it .pdf and link it, or export its page as a picture")
	case strings.HasPrefix(kind, "image/") && IsImage("."+strings.TrimPrefix(kind, "image/")):
		// Its kind, and no more: cut short by a download or a copy.
		return fmt.Errorf("the file begins as a %s picture but cannot be read (%v): it is most likely damaged or cut short; copy or save it again", strings.TrimPrefix(kind, "image/"), err)
	case strings.HasPrefix(kind, "image/"):
		return fmt.Errorf("the file is a picture of a kind tract does not read (%s): save it as JPEG or PNG", kind)
	}
	return fmt.Errorf("not a readable image (%v)", err)
}

// Probe reads the header of the image name, size bytes long, from r,
// checks its size against the limits and plans its copies. It reads a few
// kilobytes, not the image.
func Probe(name string, r io.Reader, size int64) (*Image, error) {
	// Keep what DecodeConfig reads: the EXIF block is in the same header.
	var head bytes.Buffer
	cfg, format, err := image.DecodeConfig(io.TeeReader(io.LimitReader(r, 1<<20), &head))
	if err != nil {
		return nil, unreadable(name, head.Bytes(), err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("image has no size (%d×%d)", cfg.Width, cfg.Height)
	}
	if cfg.Width > MaxSide || cfg.Height > MaxSide || cfg.Width*cfg.Height > MaxPixels {
		return nil, fmt.Errorf("image is %d×%d pixels; tract accepts at most %d pixels a side and %d megapixels: make it smaller before publishing it",
			cfg.Width, cfg.Height, MaxSide, MaxPixels/1_000_000)
	}
	if err := checkDecoded(cfg); err != nil {
		return nil, err
	}
	im := &Image{Name: name, Format: format, Width: cfg.Width, Height: cfg.Height, Orientation: 1}
	if format == "jpeg" {
		im.Orientation = exifOrientation(head.Bytes())
		if im.Orientation >= 5 { // turned a quarter: the stored width is the shown height
			im.Width, im.Height = im.Height, im.Width
		}
	}
	// Copies are JPEG, but for a PNG, which may be transparent or a
	// drawing JPEG would blur, unless it is a photograph saved as PNG; and
	// for a WebP with an alpha channel, or a lossless one (a logo, a
	// screenshot), which JPEG would draw black where it is transparent.
	ext := ".jpg"
	widest := im.Width - 1 // the widest copy
	switch format {
	case "png":
		c, ok := readPNGChunks(io.MultiReader(&head, r))
		if ok {
			im.PhotoPNG, im.PlainPNG = photoPNG(c, size, cfg.Width*cfg.Height), plainPNG(c)
		}
		if !im.PhotoPNG {
			ext = ".png"
			if ok && c.opaque() {
				widest = int(flatScale * float64(im.Width))
			}
		}
	case "webp":
		if cfg.ColorModel != color.YCbCrModel { // a lossy WebP without alpha
			ext = ".png"
		}
	}
	im.plan(ext, widest)
	return im, nil
}

// flatScale is the widest a copy of an opaque PNG that is not a
// photograph is made, as a share of its width. Such a picture is a
// screenshot, a flyer, a chart: text and lines, sharp and pixel-aligned,
// which PNG compresses well. Scaling it down blurs them into new
// colours, which compress far worse. Of 13 screenshots of web pages
// 1,280 to 3,000 pixels wide, the copies at 0.5 of the width or less
// weighed 13 to 83% of the screenshot, those at 0.53 to 0.6 from 87 to
// 102%, and those at 0.625 or more from 105 to 197%; of five screenshots
// and a flyer of another set, at 0.75 to 0.82, from 118 to 171%. A phone
// offered such a copy downloads more than the picture, for a blurrier
// one: without it, the srcset offers the picture itself. A PNG that may
// be transparent is more often a drawing of smooth shapes, a logo, whose
// copies weigh less (89% for a drawing at 0.75, 38% for a logo at 0.57,
// in the second set): it keeps every copy.
const flatScale = 0.55

// plan lists the copies, with extension ext: one per width in Widths up
// to widest. A GIF may be animated and is left alone.
func (im *Image) plan(ext string, widest int) {
	if im.Format == "gif" {
		return
	}
	for _, w := range Widths {
		if w > widest {
			break
		}
		h := max(1, (im.Height*w+im.Width/2)/im.Width)
		im.Copies = append(im.Copies, Copy{Name: copyName(im.Name, w, ext), Width: w, Height: h})
	}
}

// photoBytesPerPixel is the fewest bytes a pixel of a PNG's image data
// takes when the PNG is a photograph. Of 15 PNGs, photographs and a
// scan took 0.8 to 1.4, two wallpapers 0.3 and 0.7, screenshots and a
// flyer 0.05 to 0.15. Copied as PNG, the photographs, the scan and the
// wallpapers weighed 6 to 22 times their JPEG copies; a screenshot's
// text would blur in JPEG.
const photoBytesPerPixel = 0.2

// pngChunks is what a PNG's chunks before its image data say.
type pngChunks struct {
	depth, colorType, interlace byte  // IHDR's
	trns                        bool  // a tRNS chunk: a colour is transparent
	dataAt                      int64 // the offset of the first IDAT chunk
}

// opaque reports whether nothing in the PNG can be transparent: no alpha
// channel (colour types 4 and 6 have one), no tRNS chunk.
func (c pngChunks) opaque() bool { return c.colorType&4 == 0 && !c.trns }

// readPNGChunks reads the chunks of the PNG r reads from its start, up
// to its image data, a megabyte at most; ok is false if they cannot be
// read.
func readPNGChunks(r io.Reader) (c pngChunks, ok bool) {
	br := bufio.NewReader(io.LimitReader(r, 1<<20))
	if _, err := br.Discard(8); err != nil { // the signature
		return c, false
	}
	for at := int64(8); ; {
		// A chunk: its data's length, its type, the data and a CRC.
		var head [8]byte
		if _, err := io.ReadFull(br, head[:]); err != nil {
			return c, false
		}
		n := int(binary.BigEndian.Uint32(head[:4]))
		switch string(head[4:]) {
		case "IHDR":
			// Width, height, bit depth, colour type, compression,
			// filter, interlace.
			ihdr, err := br.Peek(13)
			if err != nil {
				return c, false
			}
			c.depth, c.colorType, c.interlace = ihdr[8], ihdr[9], ihdr[12]
		case "tRNS":
			c.trns = true
		case "IDAT":
			c.dataAt = at
			return c, true
		}
		if _, err := br.Discard(n + 4); err != nil {
			return c, false
		}
		at += 12 + int64(n)
	}
}

// photoPNG reports whether a PNG with chunks c, size bytes long, of
// pixels pixels, is a photograph saved as PNG: nothing in it may be
// transparent and its image data, from the first IDAT chunk to the end
// of the file, takes at least photoBytesPerPixel bytes a pixel.
func photoPNG(c pngChunks, size int64, pixels int) bool {
	return c.opaque() && float64(size-c.dataAt) >= photoBytesPerPixel*float64(pixels)
}

// plainPNG reports whether a PNG with chunks c is one a PDF embeds as it
// is, its image data copied: 8 bits a sample, grey, RGB or a palette,
// not interlaced, and nothing transparent.
func plainPNG(c pngChunks) bool {
	return c.depth == 8 && (c.colorType == 0 || c.colorType == 2 || c.colorType == 3) && c.interlace == 0 && c.opaque()
}

func copyName(name string, width int, ext string) string {
	base := strings.TrimSuffix(name, path.Ext(name))
	return fmt.Sprintf("%s-%dw%s", base, width, ext)
}

// Version is one file of an image, the original or a copy, as a page uses it.
type Version struct {
	Name          string
	Width, Height int
}

// Versions are the original and its copies, narrowest first.
func (im *Image) Versions() []Version {
	out := make([]Version, 0, len(im.Copies)+1)
	for _, c := range im.Copies {
		out = append(out, Version(c))
	}
	return append(out, Version{Name: im.Name, Width: im.Width, Height: im.Height})
}

// Default is the version a page's <img src> names: the widest at most 960
// pixels wide (sharp on a phone, light enough for a slow link), or the
// original when it is narrower than that, or when it is a screenshot with
// no copy 960 pixels wide (see flatScale): it weighs less than that copy
// would have.
func (im *Image) Default() Version { return im.widest(960) }

// Preview is the version link previews use: the widest at most 1200 pixels
// wide, the size chat apps and social sites ask for, or the original as
// for Default.
func (im *Image) Preview() Version { return im.widest(1200) }

func (im *Image) widest(limit int) Version {
	vs := im.Versions()
	if im.Width > Widths[1] && !im.hasCopy(Widths[1]) {
		return vs[len(vs)-1]
	}
	best := vs[0]
	for _, v := range vs {
		if v.Width <= limit {
			best = v
		}
	}
	return best
}

// hasCopy reports whether im has a copy width pixels wide.
func (im *Image) hasCopy(width int) bool {
	return slices.ContainsFunc(im.Copies, func(c Copy) bool { return c.Width == width })
}

// SrcsetVersions are the versions a srcset lists: every copy, and the
// original unless it is wider than the widest copy, made at the widest of
// Widths (a phone should never be offered a 4,000-pixel photograph; a
// screenshot too narrow for a copy that wide is offered whole).
func (im *Image) SrcsetVersions() []Version {
	vs := im.Versions()
	if widest := Widths[len(Widths)-1]; im.Width > widest && im.hasCopy(widest) {
		vs = vs[:len(vs)-1]
	}
	return vs
}
