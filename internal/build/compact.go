package build

import "github.com/tractpub/tract/internal/markdown"

// release compacts d and drops its variant's source text too: once the
// AST is gone, nothing in a build reads the source again (the PDF cache
// key of a variant, and of a bulletin that prints it, is taken before its
// PDF is made: see pdfRun). Only a build releases: tract serve and tract
// check keep the source for the PDFs they make later.
func release(d *markdown.Doc) {
	d.Compact()
	d.Variant.Body = nil
}
