// Tests of patch 17 (see PATCHES.md): numbers and runes written faster.

package fpdf

import (
	"math"
	"math/rand"
	"strconv"
	"testing"
)

// appendFixed2 writes what strconv writes, ties and their neighbours
// included.
func TestAppendFixed2IsStrconvs(t *testing.T) {
	values := []float64{
		0, math.Copysign(0, -1), 0.004, -0.004, 0.005, -0.005, 0.015, 0.025, 0.125, 0.375, 1.005,
		2.675, 1.115, 999999.995, 999999.994999, 1e6, -1e6, 1e6 - 0.001, 1e15, -1e300,
		math.Inf(1), math.Inf(-1), math.NaN(), math.SmallestNonzeroFloat64, 841.89, 595.28, 419.53,
	}
	for k := -100000; k <= 100000; k++ {
		// Every hundredth, every exact or near tie around it.
		c := float64(k) / 100
		h := (float64(k) + 0.5) / 100
		values = append(values, c, h, math.Nextafter(h, 0), math.Nextafter(h, math.Inf(1)), float64(k)/8)
	}
	rng := rand.New(rand.NewSource(1))
	for range 1000000 {
		values = append(values, (rng.Float64()-0.3)*2000, rng.NormFloat64()*50, (rng.Float64()-0.5)*2e6)
	}
	for _, v := range values {
		got := string(appendFixed2([]byte("x"), v))
		want := string(strconv.AppendFloat([]byte("x"), v, 'f', 2, 64))
		if got != want {
			t.Fatalf("%v (%b): got %q, want %q", v, math.Float64bits(v), got, want)
		}
	}
}

func BenchmarkAppendFixed2(b *testing.B) {
	var buf []byte
	b.Run("strconv", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			buf = strconv.AppendFloat(buf[:0], float64(i%100000)*0.0731, 'f', 2, 64)
		}
	})
	b.Run("appendFixed2", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			buf = appendFixed2(buf[:0], float64(i%100000)*0.0731)
		}
	})
}
