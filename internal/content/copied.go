package content

import (
	"hash/maphash"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Copied says how much of a translation's text is still its source's,
// word for word: of the paragraphs worth translating in v (those of six
// words or more: a name, an address or a heading may well stay the same),
// how many are found in src, and the file line of the first of them (0 if
// none). The copy tract translate --to writes has same == of; a
// translation half done, some of them.
//
// Every load asks it of every translation, so paragraphs are compared by
// a hash of their words, not as strings: building the strings took 0.6 s
// of a 3,000-item site's load, more than reading it.
func (v *Variant) Copied(src *Variant) (same, of, line int) {
	return v.copied(newParagraphSet(src))
}

// paragraphSet is the hashes of a source's paragraphs, worked out once
// for all the translations made from it.
type paragraphSet struct {
	seed   maphash.Seed
	hashes []uint64
}

func newParagraphSet(src *Variant) *paragraphSet {
	p := &paragraphSet{seed: maphash.MakeSeed()}
	eachParagraph(p.seed, src.Body, func(h uint64, _ int, _ bool, _ int) { p.hashes = append(p.hashes, h) })
	return p
}

// copied is Copied, against the paragraphs of the source.
func (v *Variant) copied(source *paragraphSet) (same, of, line int) {
	eachParagraph(source.seed, v.Body, func(h uint64, words int, letters bool, at int) {
		if words < 6 || !letters {
			return
		}
		of++
		if slices.Contains(source.hashes, h) {
			same++
			if line == 0 {
				line = v.BodyLine + at
			}
		}
	})
	return same, of, line
}

// eachParagraph calls fn for each paragraph of body (a run of lines that
// are not blank) with the hash of its words (cut at white space, as
// strings.Fields cuts) joined by single spaces, how many words it has,
// whether it has a letter, and its first line counted from 0 in the body.
func eachParagraph(seed maphash.Seed, body []byte, fn func(h uint64, words int, letters bool, line int)) {
	var words []byte // the paragraph's words, each followed by a space
	n, letters, start := 0, false, 0
	flush := func() {
		if n > 0 {
			fn(maphash.Bytes(seed, words), n, letters, start)
		}
		words, n, letters = words[:0], 0, false
	}
	line, blank := 0, true
	for i := 0; i < len(body); {
		c := body[i]
		if c == '\n' {
			if blank {
				flush()
			}
			line, blank = line+1, true
			i++
			continue
		}
		if c < utf8.RuneSelf && asciiSpace(c) {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			if r, size := utf8.DecodeRune(body[i:]); unicode.IsSpace(r) {
				i += size
				continue
			}
		}
		// A word: to the next white space or line end.
		j := i + 1
		for j < len(body) {
			if c := body[j]; c < utf8.RuneSelf {
				if c == '\n' || asciiSpace(c) {
					break
				}
			} else if r, _ := utf8.DecodeRune(body[j:]); unicode.IsSpace(r) {
				break
			}
			j++
		}
		if n == 0 {
			start = line
		} else {
			words = append(words, ' ')
		}
		words = append(words, body[i:j]...)
		n++
		blank = false
		if !letters {
			letters = hasLetter(body[i:j])
		}
		i = j
	}
	flush()
}

// asciiSpace reports whether the ASCII byte c is white space.
func asciiSpace(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

// hasLetter reports whether word holds a letter.
func hasLetter(word []byte) bool {
	for i := 0; i < len(word); {
		c := word[i]
		if c < utf8.RuneSelf {
			if 'a' <= c|0x20 && c|0x20 <= 'z' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(word[i:])
		if unicode.IsLetter(r) {
			return true
		}
		i += size
	}
	return false
}
