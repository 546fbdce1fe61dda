package web

import (
	"fmt"
	"testing"

	"github.com/tractpub/tract/internal/markdown"
)

// A pamphlet's contents nest its sections under its chapters; a section
// before the first chapter stands alone, and deeper headings are left out.
func TestContentsNestSectionsUnderChapters(t *testing.T) {
	var hs []markdown.Heading
	for i, level := range []int{3, 2, 3, 3, 4, 2, 2, 3} {
		hs = append(hs, markdown.Heading{Level: level, ID: fmt.Sprint(i), Text: fmt.Sprint(i)})
	}
	var outline func([]TOCEntry) string
	outline = func(es []TOCEntry) string {
		s := ""
		for _, e := range es {
			s += e.ID
			if len(e.Sections) > 0 {
				s += "(" + outline(e.Sections) + ")"
			}
			s += " "
		}
		return s
	}
	if got, want := outline(contents(hs)), "0 1(2 3 ) 5 6(7 ) "; got != want {
		t.Errorf("outline %q, want %q", got, want)
	}
}
