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

// taps are, for each of dn pixels across (or down) the result, the
// first of the sn pixels of the picture it is made of, how many, and
// their weights, which add up to one.
type taps struct {
	first, count []int
	weight       []float32 // per pixel of the result, max(count) apart
	most         int
}

func newTaps(dn, sn int) taps {
	ratio := float64(sn) / float64(dn)
	stretch := max(ratio, 1) // the kernel widens as the picture shrinks
	support := 2 * stretch
	most := int(math.Ceil(2*support)) + 1
	t := taps{first: make([]int, dn), count: make([]int, dn), weight: make([]float32, dn*most), most: most}
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
			t.weight[i*most+k] = float32(w / total)
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
	ring := make([]float32, down.most*dw*4)
	held := make([]int, down.most)
	for i := range held {
		held[i] = -1
	}
	in := newRows(src, 1)
	for y := range dh {
		for k := range down.count[y] {
			sy := down.first[y] + k
			slot := sy % down.most
			if held[slot] == sy {
				continue
			}
			held[slot] = sy
			pix, _ := in.at(sy, 1)
			out := ring[slot*dw*4 : (slot+1)*dw*4]
			for x := range dw {
				var r, g, b, a float32
				ws := across.weight[x*across.most:]
				p := pix[4*across.first[x]:]
				for j := range across.count[x] {
					w := ws[j]
					r += w * float32(p[4*j])
					g += w * float32(p[4*j+1])
					b += w * float32(p[4*j+2])
					a += w * float32(p[4*j+3])
				}
				out[4*x], out[4*x+1], out[4*x+2], out[4*x+3] = r, g, b, a
			}
		}
		row := dst.Pix[y*dst.Stride:]
		ws := down.weight[y*down.most:]
		for x := range dw {
			var r, g, b, a float32
			for k := range down.count[y] {
				w := ws[k]
				v := ring[((down.first[y]+k)%down.most)*dw*4+4*x:]
				r += w * v[0]
				g += w * v[1]
				b += w * v[2]
				a += w * v[3]
			}
			// The kernel overshoots at edges: each value is kept in range,
			// and a colour no more than its alpha (premultiplied).
			av := clamp8(a)
			row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = min(clamp8(r), av), min(clamp8(g), av), min(clamp8(b), av), av
		}
	}
}

func clamp8(v float32) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}
