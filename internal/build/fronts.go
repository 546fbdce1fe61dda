package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/tractpub/tract/internal/content"
)

// A build that leaves a stamp keeps, beside it, what decoding each
// variant file gave (content.Memo): its front matter and its digest, by
// the SHA-256 of tract's executable and the file's bytes. The next build
// decodes only the files whose bytes it has not seen: after one edit,
// one file instead of 8,700 at 3,000 items.
//
// The file is named like the stamp with ".fronts" for ".json". It holds
// frontsFormat, then entries as the texts file holds them (see
// readEntries): the key, then content.AppendFront's record. A build
// writes the file anew, with exactly its own files' entries, when it
// decoded a file or no longer has one the file holds: 3.3 MB at 3,000
// items.
const frontsFormat = "tract-fronts 1\n"

// frontMemo is the content.Memo of a build: the last build's entries,
// and this build's.
type frontMemo struct {
	file   string
	global []byte                       // SHA-256 of the format and the executable
	old    map[[sha256.Size]byte][]byte // the last build's records, by key
	mu     sync.Mutex
	now    map[[sha256.Size]byte][]byte // this build's, by key
	fresh  bool                         // a file was decoded
}

// openFrontMemo returns the memo of a build with opts, or nil when the
// build leaves no stamp (stamped false) or keeps no cache.
func openFrontMemo(opts Options, stamped bool) *frontMemo {
	_, exe, ok := opts.caching()
	stamp := stampPath(opts)
	if !ok || !stamped || stamp == "" {
		return nil
	}
	h := sha256.New()
	h.Write([]byte(frontsFormat))
	h.Write(exe)
	m := &frontMemo{
		file:   strings.TrimSuffix(stamp, ".json") + ".fronts",
		global: h.Sum(nil),
		now:    map[[sha256.Size]byte][]byte{},
	}
	m.old, _, _ = readEntries(m.file, frontsFormat)
	return m
}

// memo is m as a content.Memo: nil when m is.
func (m *frontMemo) memo() content.Memo {
	if m == nil {
		return nil
	}
	return m
}

// Recall looks data up by its key; see content.Memo.
func (m *frontMemo) Recall(data []byte) (*content.FrontMatter, string, func(*content.FrontMatter, string)) {
	h := sha256.New()
	h.Write(m.global)
	h.Write(data)
	var key [sha256.Size]byte
	h.Sum(key[:0])
	if rec, ok := m.old[key]; ok {
		if fm, digest, err := content.ReadFront(rec); err == nil {
			m.mu.Lock()
			m.now[key] = rec
			m.mu.Unlock()
			return fm, digest, nil
		}
	}
	return nil, "", func(fm *content.FrontMatter, digest string) {
		rec := content.AppendFront(nil, fm, digest)
		m.mu.Lock()
		m.fresh = true
		if rec != nil {
			m.now[key] = rec
		}
		m.mu.Unlock()
	}
}

// write keeps this build's entries for the next one, if they are not
// already what the file holds. A memo that cannot be written only costs
// the next build the decoding.
func (m *frontMemo) write() {
	if m == nil || !m.fresh && len(m.now) == len(m.old) || os.MkdirAll(filepath.Dir(m.file), 0o755) != nil {
		return
	}
	_ = writeAtomicWith(m.file, func(f *os.File) error {
		w := bufio.NewWriterSize(f, 256<<10)
		w.WriteString(frontsFormat)
		var entry, size []byte
		for _, key := range slices.SortedFunc(maps.Keys(m.now), func(a, b [sha256.Size]byte) int { return bytes.Compare(a[:], b[:]) }) {
			entry = append(append(entry[:0], key[:]...), m.now[key]...)
			size = writeChecked(w, size, entry)
		}
		return w.Flush()
	})
}
