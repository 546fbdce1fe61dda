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
func scale(dst *image.RGBA, src image.Image) {
	sb := src.Bounds()
	dw, dh := dst.Rect.Dx(), dst.Rect.Dy()
	if dw == 0 || dh == 0 || sb.Empty() {
		return
	}
	across, down := newTaps(dw, sb.Dx()), newTaps(dh, sb.Dy())
	// ring holds scaled rows of src: row y in slot y % down.most.
	ring := make([]int32, down.most*dw*4)
	held := make([]int, down.most)
	for i := range held {
		held[i] = -1
	}
	sum := make([]int32, dw*4) // a row of dst, before rounding
	in := newRows(src, 1)
	for y := range dh {
		clear(sum)
		for k, w := range down.weight[y*down.most : y*down.most+down.count[y]] {
			sy := down.first[y] + k
			slot := sy % down.most
			row := ring[slot*dw*4 : (slot+1)*dw*4]
			if held[slot] != sy {
				held[slot] = sy
				pix, _ := in.at(sy, 1)
				scaleRow(row, pix, across)
			}
			sum := sum[:len(row)]
			for i, v := range row {
				sum[i] += w * v
			}
		}
		// The kernel overshoots at edges: each value is kept in range,
		// and a colour no more than its alpha (premultiplied).
		out := dst.Pix[y*dst.Stride : y*dst.Stride+dw*4]
		for i := 0; i+3 < len(out); i += 4 {
			s, o := sum[i:i+4:i+4], out[i:i+4:i+4]
			a := clamp8(s[3])
			o[0], o[1], o[2], o[3] = min(clamp8(s[0]), a), min(clamp8(s[1]), a), min(clamp8(s[2]), a), a
		}
	}
}

// scaleRow scales pix, a row of RGBA pixels, across into out, in
// 1/2^rowBits of a level.
func scaleRow(out []int32, pix []uint8, across taps) {
	const shift = weightBits - rowBits
	for x := range len(out) / 4 {
		f, n := across.first[x], across.count[x]
		p := pix[4*f : 4*(f+n)]
		var r, g, b, a int32
		for j, w := range across.weight[x*across.most : x*across.most+n] {
			q := p[4*j : 4*j+4 : 4*j+4]
			r += w * int32(q[0])
			g += w * int32(q[1])
			b += w * int32(q[2])
			a += w * int32(q[3])
		}
		o := out[4*x : 4*x+4 : 4*x+4]
		o[0], o[1], o[2], o[3] = (r+1<<(shift-1))>>shift, (g+1<<(shift-1))>>shift, (b+1<<(shift-1))>>shift, (a+1<<(shift-1))>>shift
	}
}

// clamp8 rounds v, a sum down in 1/2^(weightBits+rowBits) of a level,
// into a level.
func clamp8(v int32) uint8 {
	const shift = weightBits + rowBits
	v = (v + 1<<(shift-1)) >> shift
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v)
}
