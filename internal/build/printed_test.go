package build

import (
	"context"
	"slices"
	"testing"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
)

// tract pdf makes the PDFs of a few items of what may be a site of
// thousands: it parses the texts they print, a bulletin's articles with
// it, and no other.
func TestParsePrintedParsesOnlyWhatThePDFsPrint(t *testing.T) {
	fsys := testsite.FS(`
-- content/bulletins/b1/en.md --
---
title: Bulletin one
number: 1
articles: [one]
---
Editorial.
-- content/articles/one/en.md --
---
title: Article one
---
First.
-- content/articles/two/en.md --
---
title: Article two
---
Second, with a [link to nothing](../../leaflets/none/en.md).
-- content/leaflets/rent/en.md --
---
title: Rent
---
No to the rise.
`)
	var diags diag.List
	s := Prepare(context.Background(), fsys, now, &diags)
	if s == nil || diags.HasErrors() {
		t.Fatalf("prepare: %v", diags.Sorted())
	}
	bulletin := s.Content.Item("bulletins", "b1").Variants["en"]
	maker, err := s.ParsePrinted(context.Background(), []*content.Variant{bulletin}, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatalf("ParsePrinted: %v %v", err, diags.Sorted())
	}
	var parsed []string
	for v := range s.Docs.All() {
		parsed = append(parsed, v.Path)
	}
	slices.Sort(parsed)
	if want := []string{"content/articles/one/en.md", "content/bulletins/b1/en.md"}; !slices.Equal(parsed, want) {
		t.Errorf("parsed %v, want %v", parsed, want)
	}
	if maker.Doc(bulletin) == nil || maker.Doc(s.Content.Item("articles", "one").Variants["en"]) == nil {
		t.Error("the maker has not the texts parsed")
	}
}
