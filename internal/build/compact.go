package build

import "github.com/tractpub/tract/internal/markdown"

// release compacts d and drops its variant's source text too: once the
// AST is gone and its own PDFs are made, nothing in a build reads the
// source again (the PDF cache key takes only what a compacted text
// keeps; a text a bulletin prints is not released, but compacted, and
// parsed again if the bulletin's PDFs are made: see pdfRun). Only a
// build releases: tract serve and tract check keep the source for the
// PDFs they make later.
func release(d *markdown.Doc) {
	d.Compact()
	d.Variant.Body = nil
}
