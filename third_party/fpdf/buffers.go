package fpdf

import (
	"bytes"
	"sync"
)

// Patch 15: the buffers a document is written into are reused. A page's
// content and the whole document grow to tens or hundreds of kilobytes,
// doubling as they go, and each doubling is fresh memory the runtime
// clears: a third of the CPU of writing a 12-page pamphlet. Output gives
// them back once the document is written out, and the next document
// takes them.

// pageBuffers and docBuffers hold the byte slices of page contents and of
// whole documents: two pools, so that a page does not take a document's
// slice and a document a page's.
var pageBuffers, docBuffers sync.Pool

// maxKept is the capacity above which a buffer is left to the collector
// rather than kept: a document with large pictures should not hold its
// memory for the documents after it.
const maxKept = 4 << 20

// takeBuffer returns an empty buffer on a slice of pool, if it has one.
func takeBuffer(pool *sync.Pool) bytes.Buffer {
	if p, ok := pool.Get().(*[]byte); ok {
		return *bytes.NewBuffer((*p)[:0])
	}
	return bytes.Buffer{}
}

// giveBuffer puts b's slice in pool; b must not be used after.
func giveBuffer(pool *sync.Pool, b *bytes.Buffer) {
	s := b.Bytes()[:0]
	if c := cap(s); c == 0 || c > maxKept {
		return
	}
	*b = bytes.Buffer{}
	pool.Put(&s)
}

// newPage returns the buffer of a new page's content.
func newPage() *bytes.Buffer {
	b := takeBuffer(&pageBuffers)
	return &b
}

// giveBuffers puts the document's buffers back in their pools once it is
// written out: nothing reads them after Output.
func (f *Fpdf) giveBuffers() {
	for i, p := range f.pages {
		giveBuffer(&pageBuffers, p)
		f.pages[i] = new(bytes.Buffer)
	}
	giveBuffer(&docBuffers, &f.buffer.Buffer)
}
