package imaging

import (
	"fmt"
	"image"
	"image/color"
)

// MaxDecoded is the most memory working on one picture may take, counted
// by DecodedSize: a picture that would take more is refused. Fifty megapixels of 16-bit colour fit
// in a 389 KB PNG and decode to 400 MB, 600 MB as counted: the pixel
// count alone does not bound it.
const MaxDecoded = 480 << 20

// DecodedSize is what working on a picture with header cfg takes, in
// bytes: its pixels as Go holds them, and 4 bytes a pixel of it for the
// 8-bit RGBA pictures made from it. Resizing and PDFs read the picture a
// row at a time (see Shrink and Resize) and never hold it whole in
// another form: a large picture is halved into RGBA (a quarter of its
// pixels, 1 byte a pixel of the picture, and a third of that again for
// further halvings, until collected) and each copy is made from that, one
// at a time; a copy takes no more pixels than what it is made from. Not
// counted: a few rows, the encoded copies, the print copy turned upright
// (23 MB at most), and what the garbage collector has yet to free.
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
