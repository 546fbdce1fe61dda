package imaging

import (
	"fmt"
	"image"
	"image/color"
	"sync"
)

// MaxDecoded is the most memory tract gives to pictures being worked on
// at once, counted by DecodedSize: one picture that would take more is
// refused, and pictures worked on at the same time (the copies of one,
// the print copy of another, or of the same one for the PDFs) wait until
// the others leave room for them. Fifty megapixels of 16-bit colour fit
// in a 389 KB PNG and decode to 400 MB, 600 MB as counted: the pixel
// count alone does not bound it.
const MaxDecoded = 480 << 20

// DecodedSize is what working on a picture with header cfg takes, in
// bytes: its pixels as Go holds them, and 4 bytes a pixel of it for the
// 8-bit RGBA pictures made from it. Resizing and PDFs read the picture a
// row at a time (see Shrink and Resize) and never hold it whole in
// another form: a large picture is halved into RGBA (a quarter of its
// pixels, 1 byte a pixel of the picture, and a third of that again for
// further halvings, until collected); the widest copy is made from that,
// and each narrower one from the copy before it, the picture no longer
// held. A copy takes no more pixels than what it is made from, and the
// next one 36 % of it at most. Not counted: a few rows, the encoded
// copies, the print copy turned upright (23 MB at most), a narrower copy
// beside the widest for a picture of 1 byte a pixel less than 1,670
// pixels wide (11 MB at most), and what the garbage collector has yet to
// free.
//
// Measured (peak RSS of one Resize, or of one PDF print copy), for a 190
// KB PNG of 7,000 × 7,000 pixels of 8-bit RGBA, counted 392 MB: 275 MB
// and 271 MB; before pictures were read a row at a time, 617 MB and 750
// MB. For 1,601 × 16,000 pixels, counted 205 MB: 257 MB and 142 MB.
func DecodedSize(cfg image.Config) int64 {
	px := int64(cfg.Width) * int64(cfg.Height)
	var per int64
	switch cfg.ColorModel {
	case color.RGBA64Model, color.NRGBA64Model:
		per = 8
	case color.RGBAModel, color.NRGBAModel, color.CMYKModel, color.NYCbCrAModel:
		per = 4
	case color.Gray16Model:
		per = 2
	case color.GrayModel, color.AlphaModel:
		per = 1
	case color.YCbCrModel:
		per = 3 // at most: 4:4:4
	default:
		if _, ok := cfg.ColorModel.(color.Palette); ok {
			per = 1
		} else {
			per = 8
		}
	}
	return px*per + px*4
}

// checkDecoded refuses a picture too large once decoded.
func checkDecoded(cfg image.Config) error {
	if n := DecodedSize(cfg); n > MaxDecoded {
		return fmt.Errorf("image is %d×%d pixels of a colour depth that takes %d MB once decoded; tract takes at most %d MB: save it with 8-bit colour, or smaller",
			cfg.Width, cfg.Height, n>>20, MaxDecoded>>20)
	}
	return nil
}

// collectAbove is the count (see DecodedSize) from which working on a
// picture ends with a garbage collection that gives the memory freed back
// to the system. A build with PDFs lets the heap grow to three times what
// it holds before collecting (collectLess in cmd/tract): a collection
// that finds a large picture live lets its garbage, hundreds of
// megabytes, stay beside the next picture's. A site showing the 7,000 ×
// 7,000 PNG of DecodedSize built with a peak RSS of 641 MB without it,
// 321-375 MB with it; one showing four such pictures, 583 MB and 392-408
// MB. A collection takes milliseconds beside the second or so such a
// picture takes to decode and resize.
const collectAbove = 128 << 20

// budget is memory shared by whoever works on pictures: take waits until
// n bytes fit under the limit beside what the others took, or until
// nobody holds any.
type budget struct {
	mu    sync.Mutex
	cond  sync.Cond
	used  int64
	limit int64
}

func newBudget(limit int64) *budget {
	b := &budget{limit: limit}
	b.cond.L = &b.mu
	return b
}

// take takes n bytes, waiting for room; the function it returns gives
// them back, once.
func (b *budget) take(n int64) (give func()) {
	b.mu.Lock()
	for b.used > 0 && b.used+n > b.limit {
		b.cond.Wait()
	}
	b.used += n
	b.mu.Unlock()
	return sync.OnceFunc(func() {
		b.mu.Lock()
		b.used -= n
		b.mu.Unlock()
		b.cond.Broadcast()
	})
}

// working is the process's budget for pictures being worked on. It is
// the one piece of state the package keeps, as memory is the process's:
// the build's copies and the PDFs' print copies are made by different
// stages, at the same time, often of the same picture, and each took as
// much as the limit allows for one picture.
var working = newBudget(MaxDecoded)
