package imaging

import (
	"fmt"
	"image"
	"image/color"
)

// MaxDecoded is the most memory one picture may take once decoded, with
// the copy in 8-bit RGBA that resizing works on. Fifty megapixels of
// 16-bit colour fit in a 389 KB PNG and decode to 400 MB, and 600 MB with
// that copy: the pixel count alone does not bound it.
const MaxDecoded = 480 << 20

// DecodedSize is what decoding a picture with header cfg takes, in bytes:
// its pixels as Go holds them, and an 8-bit RGBA copy when they are held
// otherwise.
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
	size := px * per
	if cfg.ColorModel != color.RGBAModel {
		size += px * 4 // the RGBA copy resizing and PDFs work from
	}
	return size
}

// checkDecoded refuses a picture too large once decoded.
func checkDecoded(cfg image.Config) error {
	if n := DecodedSize(cfg); n > MaxDecoded {
		return fmt.Errorf("image is %d×%d pixels of a colour depth that takes %d MB once decoded; tract takes at most %d MB: save it with 8-bit colour, or smaller",
			cfg.Width, cfg.Height, n>>20, MaxDecoded>>20)
	}
	return nil
}
