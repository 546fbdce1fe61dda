package layout

import (
	"testing"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/markdown"
)

// The builder finds line numbers by binary search; they must be the
// variant's own, for every offset, in and out of range.
func TestLineNumbersAreTheVariantsLines(t *testing.T) {
	for _, body := range []string{"", "one line", "\n", "a\nb\n\nc", "\n\n# Title\n\ntext\nmore text\n"} {
		v := &content.Variant{Body: []byte(body), BodyLine: 4}
		b := &builder{doc: &markdown.Doc{Variant: v}}
		for off := -2; off <= len(body)+2; off++ {
			if got, want := b.variantLine(off), v.Line(off); got != want {
				t.Errorf("%q at %d: line %d, want %d", body, off, got, want)
			}
		}
	}
}
