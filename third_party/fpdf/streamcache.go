package fpdf

import (
	"bytes"
	"hash/maphash"
	"sync"
)

// StreamCache keeps the compressed content streams of the pages of the
// last document written with it (see SetStreamCache), so that the next
// version of the document compresses only the pages that changed: a
// program showing a long document again after each small edit (a
// preview) finds most of its pages the same, byte for byte. It is safe
// for concurrent use; a document written with it keeps, when it is
// closed, its own pages alone, so it holds one document at a time.
type StreamCache struct {
	mu    sync.Mutex
	seed  maphash.Seed
	pages map[uint64][]cachedStream
	hits  int // the pages taken from the cache, see Hits
}

type cachedStream struct {
	content, z []byte
}

// NewStreamCache returns an empty cache.
func NewStreamCache() *StreamCache {
	return &StreamCache{seed: maphash.MakeSeed()}
}

// Hits is the number of page streams taken from c rather than
// compressed, since it was made.
func (c *StreamCache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

// SetStreamCache makes the document take the compressed stream of each
// of its pages from c when the document last written with c had a page
// with the same content, and leave its own pages' in c. The document's
// bytes are those it would have without c. Compression must be on (see
// SetCompression) for c to be used.
func (f *Fpdf) SetStreamCache(c *StreamCache) {
	f.streamCache = c
}

// compressed returns content compressed, from the cache if the last
// document had a page with that content; next gathers this document's.
func (c *StreamCache) compressed(content []byte, next map[uint64][]cachedStream) []byte {
	h := maphash.Bytes(c.seed, content)
	c.mu.Lock()
	for _, s := range c.pages[h] {
		if bytes.Equal(s.content, content) {
			c.hits++
			c.mu.Unlock()
			next[h] = append(next[h], s)
			return s.z
		}
	}
	c.mu.Unlock()
	mem := xmem.compress(content)
	s := cachedStream{content: bytes.Clone(content), z: bytes.Clone(mem.bytes())}
	mem.release()
	next[h] = append(next[h], s)
	return s.z
}

// keep makes next, the pages of the document just written, the cache's.
func (c *StreamCache) keep(next map[uint64][]cachedStream) {
	c.mu.Lock()
	c.pages = next
	c.mu.Unlock()
}
