// Package search folds text into the words tract's search index holds
// and the search page's script looks up (assets/site/search.js folds
// what the reader types the same way): lower case, without accents,
// ligatures spelled out, so that "fevrier" finds "février" and "coeur"
// finds "cœur". The site's index (internal/web) and the texts a build
// keeps (internal/markdown) fold with it.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Terms returns the words of s as the search index stores them, for
// lang: lower case by the language's rules, without accents or other
// marks, ligatures and letters without a decomposition spelled out in
// ASCII ("œ" as "oe", "ł" as "l"), split at anything but letters and
// digits, and at least two characters long. search.js does the same.
func Terms(lang, s string) []string {
	var out []string
	NewFolder(lang).Each(s, func(w []byte) { out = append(out, string(w)) })
	return out
}

// A Folder folds the text of one language into words (see Terms).
type Folder struct {
	lower cases.Caser
	strip transform.Transformer
	// seen remembers how each non-ASCII piece of text folds: words repeat
	// (a few thousand distinct ones make most of any text), and folding
	// one through the Unicode tables is what costs.
	seen map[string][]string
	buf  []byte // the word being passed on
	// pieces and words are the sets AppendDistinct fills, kept empty
	// between calls.
	pieces, words spanSet
}

// NewFolder returns a Folder for lang; it is not safe for concurrent use.
func NewFolder(lang string) *Folder {
	tag, _ := language.Parse(lang)
	return &Folder{
		lower: cases.Lower(tag),
		strip: transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.M))),
		seen:  map[string][]string{},
	}
}

// modifierApostrophe, ʼ, is a letter to Unicode, but Ukrainian keyboards
// type it for the apostrophe of "пʼять", which a text may write ' or ’:
// it cuts words as they do, so that the three spellings find each other.
const modifierApostrophe = '\u02bc'

// spelledOut are the letters folded to more than their base letter, or
// that have no decomposition to strip a mark from.
var spelledOut = map[rune]string{
	'œ': "oe", 'æ': "ae", 'ß': "ss", 'ø': "o", 'ł': "l", 'đ': "d", 'ı': "i", 'þ': "th", 'ð': "d",
}

// Each calls fn with each folded word of s, in order. The bytes are only
// valid during the call.
func (f *Folder) Each(s string, fn func([]byte)) {
	// White space separates words however they are folded (as
	// strings.Fields cuts), so the text is cut there first and each piece
	// folded alone: most pieces are plain ASCII, which needs no Unicode
	// machinery.
	for i := 0; i < len(s); {
		// Skip white space.
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				if asciiSpace[c] == 0 {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += size
		}
		// The piece runs to the next white space.
		start, ascii := i, true
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				if asciiSpace[c] != 0 {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
			ascii = false
			i += size
		}
		if i == start {
			break
		}
		piece := s[start:i]
		if ascii {
			f.eachASCII(piece, fn)
			continue
		}
		terms, ok := f.seen[piece]
		if !ok {
			terms = f.appendTerms(nil, piece)
			f.seen[strings.Clone(piece)] = terms
		}
		for _, t := range terms {
			f.buf = append(f.buf[:0], t...)
			fn(f.buf)
		}
	}
}

// asciiSpace marks the ASCII bytes strings.Fields cuts at.
var asciiSpace = [utf8.RuneSelf]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// eachASCII folds an ASCII piece: lower case, split at anything but
// letters and digits, words of two letters or more.
func (f *Folder) eachASCII(s string, fn func([]byte)) {
	b := f.buf[:0]
	for i := 0; i <= len(s); i++ {
		var c byte
		if i < len(s) {
			c = s[i]
		}
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			b = append(b, c)
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			if len(b) >= 2 {
				fn(b)
			}
			b = b[:0]
		}
	}
	f.buf = b
}

// appendTerms folds any piece: the language's lower case, then NFKD
// without marks (é → e, ﬁ → fi), letters spelled out that NFKD leaves
// alone (œ → oe), split at anything but letters and digits.
func (f *Folder) appendTerms(out []string, s string) []string {
	s = f.lower.String(s)
	// NFKD splits letters from their marks and compatibility forms (ligature
	// ﬁ, superscripts, no-break spaces) into plain ones.
	s, _, _ = transform.String(f.strip, s)
	var b strings.Builder
	flush := func() {
		if utf8.RuneCountInString(b.String()) >= 2 {
			out = append(out, b.String())
		}
		b.Reset()
	}
	for _, r := range s {
		switch {
		case spelledOut[r] != "":
			b.WriteString(spelledOut[r])
		case r == modifierApostrophe:
			flush()
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}
