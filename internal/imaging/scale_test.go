package imaging

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"testing"

	"golang.org/x/image/draw"
)

// scale gives what golang.org/x/image/draw's CatmullRom gives, to within
// a level or two of rounding, from pictures of every kind the decoders
// make, at every ratio resizing and PDFs use, without its buffer of 32
// bytes per column of the result and row of the picture.
func TestScaleMatchesCatmullRomWithoutItsBuffer(t *testing.T) {
	const w, h = 97, 61
	rgba := image.NewRGBA(image.Rect(0, 0, w, h))
	nrgba := image.NewNRGBA(image.Rect(0, 0, w, h))
	gray := image.NewGray(image.Rect(0, 0, w, h))
	ycc := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for y := range h {
		for x := range w {
			v := uint8((x*x*3 + y*17 + (x^y)*5) % 256) // edges and gradients
			rgba.Set(x, y, color.RGBA{v, uint8(x * 2), uint8(y * 4), 255})
			nrgba.Set(x, y, color.NRGBA{v, uint8(x * 2), uint8(y * 4), uint8(40 + (x+y)%200)})
			gray.SetGray(x, y, color.Gray{v})
			ycc.Y[ycc.YOffset(x, y)] = v
			ycc.Cb[ycc.COffset(x, y)], ycc.Cr[ycc.COffset(x, y)] = uint8(x*2), uint8(255-y*3)
		}
	}
	for _, src := range []image.Image{rgba, nrgba, gray, ycc, rgba.SubImage(image.Rect(5, 3, 90, 60))} {
		for _, size := range [][2]int{{97, 61}, {60, 40}, {49, 31}, {30, 18}, {7, 5}, {1, 1}, {150, 90}, {97, 20}} {
			got := image.NewRGBA(image.Rect(0, 0, size[0], size[1]))
			scale(got, src)
			want := image.NewRGBA(got.Rect)
			draw.CatmullRom.Scale(want, want.Rect, src, src.Bounds(), draw.Src, nil)
			worst := 0
			for i := range got.Pix {
				worst = max(worst, abs(int(got.Pix[i])-int(want.Pix[i])))
			}
			if worst > 2 {
				t.Errorf("%T %v to %v: a channel differs by %d levels from x/image/draw's", src, src.Bounds(), size, worst)
			}
		}
	}
}

// Halving reads pictures of any kind as RGBA, two rows at a time: the
// same as halving the picture turned into RGBA whole.
func TestHalvingAnyPictureMatchesHalvingItsRGBA(t *testing.T) {
	m := image.NewNRGBA(image.Rect(3, 2, 70, 41))
	for y := 2; y < 41; y++ {
		for x := 3; x < 70; x++ {
			m.Set(x, y, color.NRGBA{uint8(x * 3), uint8(y * 5), uint8(x ^ y), uint8(x * y)})
		}
	}
	got, want := halve(m), halve(toRGBA(m))
	if got.Rect != want.Rect || string(got.Pix) != string(want.Pix) {
		t.Errorf("halved NRGBA differs from halved RGBA")
	}
}

// toRGBA is m as an RGBA picture whose bounds start at 0, 0.
func toRGBA(m image.Image) *image.RGBA {
	if r, ok := m.(*image.RGBA); ok && r.Rect.Min == (image.Point{}) {
		return r
	}
	b := m.Bounds()
	r := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(r, r.Rect, m, b.Min, draw.Src)
	return r
}

// Each copy but the widest is made from the copy before it, which is
// cheaper than from the picture: it must look the same as the picture
// scaled whole, on text as on a photograph. On 34 real pictures the
// copies so made were within 45.8 dB (PSNR) of it, and most above 55.
func TestEachCopyLooksLikeThePictureScaledWhole(t *testing.T) {
	const w, h = 3000, 1500 // an opaque PNG: copies at most 0.55 of its width
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{255, 255, 255, 255}
			switch grain := uint8((x*7 + y*13) % 9); {
			case y >= h/2: // a photograph: colour, and grain
				c = color.NRGBA{uint8(x/9) + grain, uint8(y/6) + grain, 90 + grain, 255}
			case y%24 < 14 && (x/6*7919+y/24*104729)%11 > 1 && (x%6 != 0): // letters in lines
				c = color.NRGBA{30, 30, 30, 255}
			}
			m.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	im, err := probeBytes("page.png", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	files, err := Resize(im, buf.Bytes())
	if err != nil || len(files) != 3 {
		t.Fatalf("%d copies, %v", len(files), err)
	}
	for _, f := range files {
		got, err := png.Decode(bytes.NewReader(f.Data))
		if err != nil {
			t.Fatal(err)
		}
		want := image.NewRGBA(got.Bounds())
		scale(want, m)
		var squares float64
		for i, v := range toRGBA(got).Pix {
			d := float64(v) - float64(want.Pix[i])
			squares += d * d
		}
		psnr := 10 * math.Log10(255*255*float64(len(want.Pix))/squares)
		t.Logf("%s: %.1f dB", f.Name, psnr)
		if psnr < 40 {
			t.Errorf("%s is %.1f dB (PSNR) from the picture scaled whole, want 40 or more", f.Name, psnr)
		}
	}
}

// scale sums two channels to an int64 (see pair): it makes the very
// pixels summing each channel to an int32 made, which
// scaleByChannel, the way scale was written before, does. Random
// pixels, transparent ones among them, reach the kernel's overshoot
// on both sides.
func TestScaleSumsPairsAsItSummedChannels(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 40 {
		w, h := 1+rng.IntN(300), 1+rng.IntN(200)
		src := image.NewRGBA(image.Rect(0, 0, w, h))
		for i := 0; i < len(src.Pix); i += 4 {
			a := uint8(255)
			if rng.IntN(4) == 0 {
				a = uint8(rng.IntN(256))
			}
			for c := range 3 {
				src.Pix[i+c] = uint8(rng.IntN(int(a) + 1)) // premultiplied
			}
			src.Pix[i+3] = a
		}
		dw, dh := 1+rng.IntN(2*w), 1+rng.IntN(2*h)
		got := image.NewRGBA(image.Rect(0, 0, dw, dh))
		want := image.NewRGBA(got.Rect)
		scale(got, src)
		scaleByChannel(want, src)
		if !bytes.Equal(got.Pix, want.Pix) {
			t.Fatalf("%d×%d to %d×%d: the pixels differ", w, h, dw, dh)
		}
	}
}

// BenchmarkScalePhoto makes the 960-pixel copy of a 1,600-pixel photo:
// gradients and grain.
func BenchmarkScalePhoto(b *testing.B) {
	const w, h = 1600, 1067
	src := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			n := uint8(rng.IntN(24))
			src.SetRGBA(x, y, color.RGBA{uint8(x*200/w) + n, uint8(y*200/h) + n, 90 + n, 255})
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, 960, 640))
	for b.Loop() {
		scale(dst, src)
	}
}

// scaleByChannel is scale as it was written before it summed pairs: its
// reference in the tests. It fills dst, whose Rect starts at 0,0, with src scaled to its size
// by the Catmull-Rom kernel: each row of src is scaled across once, when
// a row of dst first needs it, and kept while later rows need it.
func scaleByChannel(dst *image.RGBA, src image.Image) {
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
				scaleRowByChannel(row, pix, across)
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
func scaleRowByChannel(out []int32, pix []uint8, across taps) {
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
