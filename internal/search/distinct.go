package search

import (
	"hash/maphash"
	"sync"
)

// AppendDistinct appends to dst the folded words of s, each once, in the
// order first found and separated by a space: what the index needs of a
// text, worked out where the text is parsed (in parallel, and kept from
// one build to the next) rather than when the index is written. Folding
// the folded words again gives them back.
//
// A text repeats most of its words. So s is cut at ASCII white space,
// each piece is folded only the first time it comes, and a folded word
// is added to dst only the first time it comes. Both sets hold offsets
// into s and dst, not strings: a text's words cost no allocation. s may
// be a buffer the caller uses again: nothing of it is kept.
func AppendDistinct[S string | []byte](dst []byte, lang string, s S) []byte {
	pool := folders(lang)
	f := pool.Get().(*Folder)
	defer pool.Put(f)
	pieces, words := &f.pieces, &f.words
	defer pieces.reset()
	defer words.reset()
	first := len(dst)
	add := func(w []byte) {
		mark := len(dst)
		if mark > first {
			dst = append(dst, ' ')
		}
		start := len(dst)
		dst = append(dst, w...)
		if !addPiece(words, dst, start, len(dst)) {
			dst = dst[:mark]
		}
	}
	// Each piece is folded whole, as Each would fold it inside s: Each
	// cuts at white space first, and ASCII white space is some of it.
	for i := 0; i < len(s); {
		for i < len(s) && cut[s[i]] {
			i++
		}
		start := i
		for i < len(s) && !cut[s[i]] {
			i++
		}
		if i > start && addPiece(pieces, s, start, i) {
			// A piece of a []byte is copied for Each on the stack when
			// it is short, as words are (s does not escape Each).
			f.Each(string(s[start:i]), add)
		}
	}
	return dst
}

// cut marks the bytes AppendDistinct cuts a text at: the ASCII white
// space of asciiSpace, in a table a byte indexes without a bounds check.
var cut = func() (t [256]bool) {
	for c, space := range asciiSpace {
		t[c] = space != 0
	}
	return t
}()

// A spanSet is a set of the words of one text, each held as where it is
// in a buffer the caller keeps (the text, or the words appended so far):
// an open-addressing table with linear probing.
type spanSet struct {
	seed  maphash.Seed
	slots []span // a power of two of them, or none yet
	n     int
}

// A span is a word at [start, end) of the buffer; end is 0 in an empty
// slot, as no word is empty.
type span struct {
	start, end int
	hash       uint64
}

// spanSetMin is the number of slots a set starts with: a text has some
// hundreds of distinct words. spanSetMax is the most a set keeps between
// texts, so that one huge text does not hold its table for the build.
const (
	spanSetMin = 1 << 10
	spanSetMax = 1 << 15
)

// addPiece adds the word s[start:end] to t, and reports whether it was
// new.
func addPiece[S string | []byte](t *spanSet, s S, start, end int) bool {
	t.ready()
	w := s[start:end]
	var h uint64
	switch w := any(w).(type) {
	case string:
		h = maphash.String(t.seed, w)
	case []byte:
		h = maphash.Bytes(t.seed, w)
	}
	return t.add(h, start, end, func(sp span) bool { return string(s[sp.start:sp.end]) == string(w) })
}

// add adds the word at [start, end) of the caller's buffer, of hash h,
// unless a span holds it already (same says which does), and reports
// whether it was new.
func (t *spanSet) add(h uint64, start, end int, same func(span) bool) bool {
	mask := len(t.slots) - 1
	i := int(h & uint64(mask))
	for ; t.slots[i].end != 0; i = (i + 1) & mask {
		if sp := t.slots[i]; sp.hash == h && same(sp) {
			return false
		}
	}
	t.put(i, span{start, end, h})
	return true
}

// ready makes the set's table, the first time it is used.
func (t *spanSet) ready() {
	if t.slots == nil {
		t.seed = maphash.MakeSeed()
		t.slots = make([]span, spanSetMin)
	}
}

// put fills the empty slot i, and doubles the table when it is half full.
func (t *spanSet) put(i int, sp span) {
	t.slots[i] = sp
	if t.n++; 2*t.n <= len(t.slots) {
		return
	}
	old := t.slots
	t.slots = make([]span, 2*len(old))
	mask := len(t.slots) - 1
	for _, sp := range old {
		if sp.end == 0 {
			continue
		}
		j := int(sp.hash & uint64(mask))
		for t.slots[j].end != 0 {
			j = (j + 1) & mask
		}
		t.slots[j] = sp
	}
}

// reset empties the set for the next text.
func (t *spanSet) reset() {
	if len(t.slots) > spanSetMax {
		t.slots = nil
	} else if t.n > 0 {
		clear(t.slots)
	}
	t.n = 0
}

// foldersByLang holds a pool of Folders for each language: a Folder
// remembers how the pieces of text it has seen fold, and the same words
// come back from text to text.
var foldersByLang sync.Map // lang -> *sync.Pool

func folders(lang string) *sync.Pool {
	if p, ok := foldersByLang.Load(lang); ok {
		return p.(*sync.Pool)
	}
	p, _ := foldersByLang.LoadOrStore(lang, &sync.Pool{New: func() any { return NewFolder(lang) }})
	return p.(*sync.Pool)
}
