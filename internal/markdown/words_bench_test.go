package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkDistinctWords is the word list a compacted Doc keeps, from a
// text of 1,000 words drawn from 400.
func BenchmarkDistinctWords(b *testing.B) {
	var words []string
	for i := range 1000 {
		words = append(words, fmt.Sprintf("mot%d", (i*7919)%400))
	}
	text := strings.Join(words, " ")
	var dst []byte
	for b.Loop() {
		dst = distinctWords(dst[:0], text)
	}
}
