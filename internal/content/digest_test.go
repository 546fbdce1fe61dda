package content

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// normalizeTextByLines is the digest's normalisation as it was first
// written, line by line through strings.Split; appendNormal must give the
// same bytes, or every recorded translated_from would be outdated.
func normalizeTextByLines(b []byte) []byte {
	b = norm.NFC.Bytes(NormalizeNewlines(b))
	var out bytes.Buffer
	blank := 0
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, " \t\u00a0")
		if line == "" {
			blank++
			continue
		}
		if out.Len() > 0 {
			out.WriteByte('\n')
			if blank > 0 {
				out.WriteByte('\n')
			}
		}
		blank = 0
		out.WriteString(line)
	}
	return out.Bytes()
}

func TestDigestNormalisationIsWhatItWas(t *testing.T) {
	pieces := []string{"a", "é", "e\u0301", "\u00a0", " ", "\t", "\n", "\r\n", "\r", "\n\n", "\uFEFF", "ñ", "# T", "x"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for n := r.IntN(40); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		in := []byte(b.String())
		want := normalizeTextByLines(bytes.Clone(in))
		if got := appendNormal(nil, bytes.Clone(in)); !bytes.Equal(got, want) {
			t.Fatalf("appendNormal(nil, %q) = %q, want %q", in, got, want)
		}
		if got := appendNormal([]byte("kept"), bytes.Clone(in)); !bytes.Equal(got, append([]byte("kept"), want...)) {
			t.Fatalf("appendNormal after %q of %q = %q", "kept", in, got)
		}
	}
}
