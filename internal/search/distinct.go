package search

import "sync"

// AppendDistinct appends to dst the folded words of s, each once, in the
// order first found and separated by a space: what the index needs of a
// text, worked out where the text is parsed (in parallel, and kept from
// one build to the next) rather than when the index is written. Folding
// the folded words again gives them back.
func AppendDistinct(dst []byte, lang, s string) []byte {
	pool := folders(lang)
	f := pool.Get().(*Folder)
	defer pool.Put(f)
	seen := f.distinct
	defer clear(seen)
	f.Each(s, func(w []byte) {
		if _, ok := seen[string(w)]; ok {
			return
		}
		seen[string(w)] = struct{}{}
		if len(seen) > 1 {
			dst = append(dst, ' ')
		}
		dst = append(dst, w...)
	})
	return dst
}

// foldersByLang holds a pool of Folders for each language: a Folder
// remembers how the pieces of text it has seen fold, and the same words
// come back from text to text.
var foldersByLang sync.Map // lang -> *sync.Pool

func folders(lang string) *sync.Pool {
	if p, ok := foldersByLang.Load(lang); ok {
		return p.(*sync.Pool)
	}
	p, _ := foldersByLang.LoadOrStore(lang, &sync.Pool{New: func() any {
		f := NewFolder(lang)
		f.distinct = make(map[string]struct{}, 512)
		return f
	}})
	return p.(*sync.Pool)
}
