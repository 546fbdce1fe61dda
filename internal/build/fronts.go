package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/tractpub/tract/internal/content"
)

// A build that leaves a stamp keeps, beside it, what decoding each
// variant file gave (content.Memo): its front matter and its digest, by
// tract's executable and the SHA-256 inputsSum took of the file. The
// loader decodes the very bytes inputsSum summed (see preread), and the
// texts file keys its entries the same way. The next build decodes only
// the files whose bytes it has not seen: after one edit, one file
// instead of 8,700 at 3,000 items.
//
// The file is named like the stamp with ".fronts" for ".json". It holds
// frontsFormat, then entries as the texts file holds them (see
// readEntries): the key, then content.AppendFront's record. A build
// writes the file anew, with exactly its own files' entries, when it
// decoded a file or no longer has one the file holds: 3.3 MB at 3,000
// items.
const frontsFormat = "tract-fronts 4\n"

// frontMemo is the content.Memo of a build: the last build's entries,
// and this build's.
type frontMemo struct {
	file   string
	global []byte                       // SHA-256 of the format and the executable
	sums   map[string][sha256.Size]byte // the SHA-256 of each text's file, by path (inputSums.texts)
	old    map[[sha256.Size]byte][]byte // the last build's records, by key
	mu     sync.Mutex
	now    map[[sha256.Size]byte][]byte // this build's, by key
	fresh  bool                         // a file was decoded
	// borrowed says old is the memo of a build into another output
	// (see readOwnEntries): this build writes its own.
	borrowed bool
}

// openFrontMemo returns the memo of a build with opts whose inputs (see
// inputsSum) are given, or nil when the build leaves no stamp.
func openFrontMemo(opts Options, inputs *inputSums) *frontMemo {
	_, exe, ok := opts.caching()
	file := besideStamp(opts, frontsExt)
	if !ok || file == "" || inputs == nil {
		return nil
	}
	k := newKeyWriter()
	k.str(frontsFormat)
	k.bytes(exe)
	m := &frontMemo{
		file:   file,
		global: k.sum(nil),
		sums:   inputs.texts,
		now:    map[[sha256.Size]byte][]byte{},
	}
	m.old, _, _, m.borrowed = readOwnEntries(m.file, frontsExt, frontsFormat)
	return m
}

// memo is m as a content.Memo: nil when m is.
func (m *frontMemo) memo() content.Memo {
	if m == nil {
		return nil
	}
	return m
}

// key is the key of the entry of the file at path; ok is false if the
// file was not summed.
func (m *frontMemo) key(path string) (key [sha256.Size]byte, ok bool) {
	sum, ok := m.sums[path]
	if !ok {
		return key, false
	}
	k := newKeyWriter()
	k.bytes(m.global)
	k.bytes(sum[:])
	k.sum(key[:0])
	return key, true
}

// Recall looks the file at path up by its key (see content.Memo): its
// bytes are the ones the key names.
func (m *frontMemo) Recall(path string, _ []byte) (*content.FrontMatter, string, func(*content.FrontMatter, string)) {
	key, ok := m.key(path)
	if !ok {
		return nil, "", nil
	}
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
	if m == nil || !m.fresh && !m.borrowed && len(m.now) == len(m.old) || os.MkdirAll(filepath.Dir(m.file), 0o755) != nil {
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
