package markdown

import (
	"bytes"
	"sync"

	"github.com/klauspost/compress/s2"
)

// packed is a text kept compressed. A compacted Doc keeps its HTML and
// its words for the whole build and reads each once or twice, late, so
// it keeps them at about half their size (see Compact). S2 compresses
// at over 600 MB/s and decompresses at close to 1 GB/s here; DEFLATE at
// its fastest level saves more but ran five times slower, which for the
// 50 MB of a 3,000-item site comes to about a tenth of the build's CPU.
type packed []byte

// pack compresses s.
func pack(s []byte) packed {
	if len(s) == 0 {
		return nil
	}
	buf := packBuffers.Get().(*[]byte)
	defer packBuffers.Put(buf)
	if n := s2.MaxEncodedLen(len(s)); cap(*buf) < n {
		*buf = make([]byte, n)
	}
	// Sized exactly: it is kept for the whole build.
	return bytes.Clone(s2.Encode((*buf)[:cap(*buf)], s))
}

// packBuffers hold what pack compresses before it is copied.
var packBuffers = sync.Pool{New: func() any { return new([]byte) }}

// bytes decompresses p into a new slice.
func (p packed) bytes() []byte {
	if len(p) == 0 {
		return nil
	}
	// p was compressed by pack, in this build or in one whose saved
	// texts were checked whole before Restore (see AppendSaved): it
	// cannot be corrupt.
	b, _ := s2.Decode(nil, p)
	return b
}

// String decompresses p into a new string: into a buffer of
// packBuffers first, then copied, so the string is the only allocation.
func (p packed) String() string {
	n, err := s2.DecodedLen(p)
	if len(p) == 0 || err != nil {
		return ""
	}
	buf := packBuffers.Get().(*[]byte)
	defer packBuffers.Put(buf)
	if cap(*buf) < n {
		*buf = make([]byte, n)
	}
	b, _ := s2.Decode((*buf)[:cap(*buf)], p)
	return string(b)
}
