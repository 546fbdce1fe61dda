package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tractpub/tract/bench/corpus"
)

// BenchmarkTagPagesOfACommonTag renders the English pages of a tag that
// every item carries, as an archive's "housing" or "union" may be, at two
// sizes of site. The cost per page is to stay the same as the tag grows:
// a page lists PageSize items, whatever the length of the whole list.
func BenchmarkTagPagesOfACommonTag(b *testing.B) {
	for _, n := range []int{300, 3000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			c := corpus.Generate(corpus.Options{Items: n, Seed: 1})
			for _, it := range c.Items {
				if it.Section != "pages" {
					it.Tags = append(it.Tags, "everything")
				}
			}
			r, _ := corpusRenderer(b, c, true)
			var pages []File
			for _, f := range r.Files() {
				if strings.HasPrefix(f.Path, "en/tags/everything/") {
					pages = append(pages, f)
				}
			}
			if len(pages) < n/PageSize/2 {
				b.Fatalf("%d pages of the tag, want about %d", len(pages), n/PageSize)
			}
			renderEach(b, pages)
		})
	}
}
