package content

import (
	"bytes"
	"hash/maphash"
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"
)

// eachParagraphByWord is eachParagraph as it was written first, a byte at
// a time, with the words copied out and joined before they are hashed:
// what the line-by-line eachParagraph must answer exactly.
func eachParagraphByWord(seed maphash.Seed, body []byte, fn func(h uint64, words int, letters bool, first, last int)) {
	var words []byte // the paragraph's words, each followed by a space
	n, letters, start, last := 0, false, 0, 0
	flush := func() {
		if n > 0 {
			fn(maphash.Bytes(seed, words), n, letters, start, last)
		}
		words, n, letters = words[:0], 0, false
	}
	line, blank := 0, true
	var fence byte // the open fence's character, 0 outside a code block
	fenceLen := 0  // and its length
	var passages passageLines
	for i := 0; i < len(body); {
		if i == 0 || body[i-1] == '\n' {
			c, m, info := fenceOf(body[i:])
			if fence == 0 && passages.indented(body[i:]) {
				m = 0
			}
			end := bytes.IndexByte(body[i:], '\n')
			if end < 0 {
				end = len(body) - i
			}
			if fence == 0 && m == 0 && passages.skip(body[i:i+end]) {
				flush()
				i, line, blank = i+end+1, line+1, true
				continue
			}
			if fence != 0 || m > 0 {
				passages.afterBlank = false
				switch {
				case fence == 0:
					fence, fenceLen = c, m
				case c == fence && m >= fenceLen && !info:
					fence = 0
				}
				flush()
				end := bytes.IndexByte(body[i:], '\n')
				if end < 0 {
					break
				}
				i, line, blank = i+end+1, line+1, true
				continue
			}
		}
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
		last = line
		n++
		blank = false
		if !letters {
			letters = hasLetter(body[i:j])
		}
		i = j
	}
	flush()
}

// A paragraph as eachParagraph reports it.
type reported struct {
	h       uint64
	words   int
	letters bool
	line    int
	last    int
}

func reportedBy(each func(maphash.Seed, []byte, func(uint64, int, bool, int, int)), body []byte) []reported {
	var out []reported
	each(paragraphSeed, body, func(h uint64, words int, letters bool, first, last int) {
		out = append(out, reported{h, words, letters, first, last})
	})
	return out
}

// The line-by-line scan answers what the word-by-word one answers: the
// same paragraphs, hashes, counts and lines, on text whose lines are
// words one space apart (taken whole) and on text with every other kind
// of white space (cut word by word).
func TestParagraphsLineByLineAsWordByWord(t *testing.T) {
	for _, body := range []string{
		"",
		"one two three four five six\nseven eight\n\nnine ten\n",
		"  indented  twice   and\ttabbed\r\nwith CRLF  \n\n\n\nlast",
		"a\u00a0no-break space, a\u202fnarrow one, a\u2028line separator and\u3000wide\n",
		"“Quotes” – dashes… and ’apostrophes’ are not white space\nà é ü ß\n",
		"\u0085next line\u1680ogham\u205fmath\n",
		"```\ncode code code code code code\n```\ntext after the fence\n",
		"- item one\n  ~~~~ info\n  one two three four five six\n  ~~~~\n",
		"invalid \xe2\x80 bytes \xc2 and \xff here\n\xe2\x80\xa8\n",
		" \n \t \n\v\f\n",
		"no line end at the end",
		// One kind of white space a line at a time.
		"two  spaces between words and nothing else\n",
		"a\u00a0no-break space and nothing else\n",
		"a \u0085next line and nothing else\n",
		"a tab right after a quote “\tand nothing else\n",
		"```a``` one two three four five six\n```\n",
		// Passages in another language.
		"one two\n::: {lang=es}\nuno dos tres\n\ncuatro\n:::\nthree four\n",
		"::: {lang=en}\n```\n:::\n```\nstill in it\n:::\nout of it\n",
		"::: {lang=en}\n::: {lang=es}\nsí\n:::\nyes\n:::\nout\n:::\nagain\n",
		"::: es\nnot a passage\n:::\n",
		"    ::: {lang=es}\nindented too far\n",
		"::: {lang=es}\nnever closed",
	} {
		got, want := reportedBy(eachParagraph, []byte(body)), reportedBy(eachParagraphByWord, []byte(body))
		if !slices.Equal(got, want) {
			t.Errorf("%q:\n got %v\nwant %v", body, got, want)
		}
	}
}
