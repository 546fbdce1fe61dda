package imaging

import (
	"image"
	"math"

	"golang.org/x/image/draw"
)

// Scaling a picture holds little besides the picture and the result.
// golang.org/x/image/draw's kernels keep a float64 RGBA value for every
// column of the result and every row of the picture, 32 bytes each: 537
// MB to print a 7,000-pixel square picture 2,400 pixels wide, more than
// the picture itself. Here the picture is read a row at a time, turned
// into 8-bit RGBA as it is read, and the rows are scaled across as the
// rows of the result need them, keeping only the few a row of the result
// is made of.

// Shrink returns src scaled to w×h pixels, in 8-bit RGBA: halved by
// averaging while it is at least twice as large each way (which costs
// little and loses nothing the filter would keep), then filtered with the
// Catmull-Rom kernel. It holds, besides src, at most a quarter of src's
// pixels in RGBA (the first halving) and the result.
func Shrink(src image.Image, w, h int) *image.RGBA {
	from := halveTo(src, w, h)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	scale(dst, from)
	return dst
}

// halveTo halves m while it is at least twice w×h each way.
func halveTo(m image.Image, w, h int) image.Image {
	big := func(b image.Rectangle) bool { return b.Dx() >= 2*w && b.Dy() >= 2*h }
	if y, ok := m.(*image.YCbCr); ok && big(y.Rect) {
		// A JPEG decodes to YCbCr: halved as it is turned into RGBA.
		m = halveYCbCr(y)
	}
	for big(m.Bounds()) {
		m = halve(m)
	}
	return m
}

// rows gives the rows of a picture of any kind as 8-bit premultiplied
// RGBA, converting one row at a time (as image/draw does, with its fast
// paths), so that the picture is never held whole in another form.
type rows struct {
	src image.Image
	b   image.Rectangle
	buf *image.RGBA
}

func newRows(src image.Image, n int) *rows {
	b := src.Bounds()
	return &rows{src: src, b: b, buf: image.NewRGBA(image.Rect(0, 0, b.Dx(), n))}
}

// at returns n rows from row y (counted from the top, 0 first), Stride
// bytes apart; valid until the next call.
func (r *rows) at(y, n int) (pix []uint8, stride int) {
	if m, ok := r.src.(*image.RGBA); ok {
		i := m.PixOffset(r.b.Min.X, r.b.Min.Y+y)
		return m.Pix[i:], m.Stride
	}
	draw.Draw(r.buf, image.Rect(0, 0, r.b.Dx(), n), r.src, image.Pt(r.b.Min.X, r.b.Min.Y+y), draw.Src)
	return r.buf.Pix, r.buf.Stride
}

// catmullRom is the Catmull-Rom cubic (B=0, C=0.5), as
// golang.org/x/image/draw's CatmullRom has it.
func catmullRom(t float64) float64 {
	t = math.Abs(t)
	switch {
	case t < 1:
		return (1.5*t-2.5)*t*t + 1
	case t < 2:
		return ((-0.5*t+2.5)*t-4)*t + 2
	}
	return 0
}

// The weights are fixed-point numbers of weightBits fractional bits,
// and a row scaled across keeps rowBits of a level: integer sums cost
// less than float ones, and the result is within a level of them. A
// value scaled across is at most 1.3 × 255 × 2^rowBits (the kernel
// overshoots), and its weights down add up to at most 1.3 × 2^weightBits,
// so the sums down stay under 2^30.
const (
	weightBits = 14
	rowBits    = 6
)

// taps are, for each of dn pixels across (or down) the result, the
// first of the sn pixels of the picture it is made of, how many, and
// their weights, which add up to one (1 << weightBits, but for rounding).
type taps struct {
	first, count []int
	weight       []int32 // per pixel of the result, max(count) apart
	most         int
}

func newTaps(dn, sn int) taps {
	ratio := float64(sn) / float64(dn)
	stretch := max(ratio, 1) // the kernel widens as the picture shrinks
	support := 2 * stretch
	most := int(math.Ceil(2*support)) + 1
	t := taps{first: make([]int, dn), count: make([]int, dn), weight: make([]int32, dn*most), most: most}
	ws := make([]float64, 0, most)
	for i := range dn {
		center := (float64(i) + 0.5) * ratio // pixel j covers [j, j+1)
		lo := max(0, int(math.Ceil(center-0.5-support)))
		hi := min(sn, int(math.Floor(center-0.5+support))+1)
		ws = ws[:0]
		total := 0.0
		for j := lo; j < hi; j++ {
			w := catmullRom((float64(j) + 0.5 - center) / stretch)
			ws = append(ws, w)
			total += w
		}
		if total == 0 { // cannot happen with this kernel; nearest pixel
			lo, ws, total = min(sn-1, int(center)), append(ws[:0], 1), 1
		}
		t.first[i], t.count[i] = lo, len(ws)
		for k, w := range ws {
			t.weight[i*most+k] = int32(math.Round(w / total * (1 << weightBits)))
		}
	}
	return t
}

// scale fills dst, whose Rect starts at 0,0, with src scaled to its size
// by the Catmull-Rom kernel: each row of src is scaled across once, when
// a row of dst first needs it, and kept while later rows need it.
//
// A pixel's four channels are summed two to an int64, red with blue and
// green with alpha, each in 32 bits (see pair): one multiplication and
// one addition do the work of two, and the sums are the very sums of
// four int32s, since each channel's stays within an int32 (see
// weightBits).
func scale(dst *image.RGBA, src image.Image) {
	sb := src.Bounds()
	dw, dh := dst.Rect.Dx(), dst.Rect.Dy()
	if dw == 0 || dh == 0 || sb.Empty() {
		return
	}
	across, down := newTaps(dw, sb.Dx()), newTaps(dh, sb.Dy())
	// ring holds scaled rows of src, two pairs a pixel: row y in slot
	// y % down.most.
	ring := make([]int64, down.most*dw*2)
	held := make([]int, down.most)
	for i := range held {
		held[i] = -1
	}
	spread := make([]int64, 2*sb.Dx()) // a row of src, two pairs a pixel
	sum := make([]int64, dw*2)         // a row of dst, before rounding
	in := newRows(src, 1)
	for y := range dh {
		clear(sum)
		for k, w := range down.weight[y*down.most : y*down.most+down.count[y]] {
			sy := down.first[y] + k
			slot := sy % down.most
			row := ring[slot*dw*2 : (slot+1)*dw*2]
			if held[slot] != sy {
				held[slot] = sy
				pix, _ := in.at(sy, 1)
				scaleRow(row, pix, across, spread)
			}
			sum := sum[:len(row)]
			w := int64(w)
			for i, v := range row {
				sum[i] += w * v
			}
		}
		// The kernel overshoots at edges: each value is kept in range,
		// and a colour no more than its alpha (premultiplied).
		out := dst.Pix[y*dst.Stride : y*dst.Stride+dw*4]
		for x := range dw {
			r, b := unpair(sum[2*x])
			g, a := unpair(sum[2*x+1])
			o := out[4*x : 4*x+4 : 4*x+4]
			a8 := clamp8(a)
			o[0], o[1], o[2], o[3] = min(clamp8(r), a8), min(clamp8(g), a8), min(clamp8(b), a8), a8
		}
	}
}

// pair puts two int32s in an int64, lo in the low 32 bits: sums and
// multiples of pairs by an integer are the pairs of the sums and
// multiples, as long as each stays within an int32.
func pair(lo, hi int32) int64 { return int64(lo) + int64(hi)<<32 }

// unpair returns the two int32s of p (see pair).
func unpair(p int64) (lo, hi int32) {
	lo = int32(p)
	return lo, int32((p - int64(lo)) >> 32)
}

// scaleRow scales pix, a row of RGBA pixels, across into out, two pairs
// a pixel (see pair), in 1/2^rowBits of a level. spread has room for
// two pairs for each pixel of the row, which pix starts with.
func scaleRow(out []int64, pix []uint8, across taps, spread []int64) {
	const shift = weightBits - rowBits
	for x := range len(spread) / 2 {
		q := pix[4*x : 4*x+4 : 4*x+4]
		spread[2*x], spread[2*x+1] = pair(int32(q[0]), int32(q[2])), pair(int32(q[1]), int32(q[3]))
	}
	round := pair(1<<(shift-1), 1<<(shift-1))
	for x := range len(out) / 2 {
		f, n := across.first[x], across.count[x]
		ws := across.weight[x*across.most : x*across.most+n]
		p := spread[2*f : 2*(f+n)]
		var rb, ga int64
		for j, w := range ws {
			q := p[2*j : 2*j+2 : 2*j+2]
			w := int64(w)
			rb += w * q[0]
			ga += w * q[1]
		}
		r, b := unpair(rb + round)
		g, a := unpair(ga + round)
		out[2*x], out[2*x+1] = pair(r>>shift, b>>shift), pair(g>>shift, a>>shift)
	}
}

// clamp8 rounds v, a sum down in 1/2^(weightBits+rowBits) of a level,
// into a level.
func clamp8(v int32) uint8 {
	const shift = weightBits + rowBits
	return uint8(min(max((v+1<<(shift-1))>>shift, 0), 255)) // no branch to mispredict
}
