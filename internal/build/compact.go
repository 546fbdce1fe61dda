package build

import (
	"sync"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/markdown"
	"github.com/tractpub/tract/internal/pdf"
)

// compactor compacts each Doc (see markdown.Doc.Compact) as soon as the
// last PDF that lays it out is made, so that the pages rendered after the
// PDFs do not keep every AST of the site alive. A bulletin's PDF lays out
// its articles too: an article's Doc waits for those.
type compactor struct {
	maker *pdf.Maker
	docs  map[*content.Variant]*markdown.Doc
	mu    sync.Mutex
	users map[*content.Variant]int // PDFs still to make that lay the variant out
}

// newCompactor counts who lays out what among the PDFs of variants, and
// compacts at once the Docs that none of them lays out.
func newCompactor(maker *pdf.Maker, docs map[*content.Variant]*markdown.Doc, variants []*content.Variant) *compactor {
	c := &compactor{maker: maker, docs: docs, users: make(map[*content.Variant]int, len(docs))}
	for _, v := range variants {
		for _, u := range maker.Uses(v) {
			c.users[u]++
		}
	}
	for v, d := range docs {
		if c.users[v] == 0 {
			release(d)
		}
	}
	return c
}

// made records that the PDFs of v are made, and compacts the Docs no PDF
// still to make needs. It is safe for concurrent use.
func (c *compactor) made(v *content.Variant) {
	var done []*markdown.Doc
	c.mu.Lock()
	for _, u := range c.maker.Uses(v) {
		if c.users[u]--; c.users[u] == 0 && c.docs[u] != nil {
			done = append(done, c.docs[u])
		}
	}
	c.mu.Unlock()
	// Only the one call that counted a Doc's last user down compacts it.
	for _, d := range done {
		release(d)
	}
}

// release compacts d and drops its variant's source text too: once the
// AST is gone, nothing in a build reads the source again (the PDF cache
// key of a variant, and of a bulletin that prints it, is taken before its
// PDF is made). Only a build releases: tract serve and tract check keep
// the source for the PDFs they make later.
func release(d *markdown.Doc) {
	d.Compact()
	d.Variant.Body = nil
}
