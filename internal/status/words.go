package status

import (
	"unicode"
	"unicode/utf8"

	"github.com/aymanbagabas/go-udiff/lcs"
)

// A span is a range of bytes of a diff line's text.
type span struct{ from, to int }

// A token is a word, a run of spaces or one other character of a line,
// the unit a change is shown in: "six" against "seven", not "s" and
// "ix" against "even".
type token struct {
	text string
	line int // the index of its line in the lines tokenised
	at   int // its offset in its line
}

// tokens splits lines into tokens, in order, with a "\n" token between
// lines so that a change can join or split them.
func tokens(lines []string) []token {
	var out []token
	for n, line := range lines {
		if n > 0 {
			out = append(out, token{text: "\n", line: n, at: 0})
		}
		for i := 0; i < len(line); {
			r, size := utf8.DecodeRuneInString(line[i:])
			j := i + size
			if kind := runeKind(r); kind != other {
				for j < len(line) {
					r, size := utf8.DecodeRuneInString(line[j:])
					if runeKind(r) != kind {
						break
					}
					j += size
				}
			}
			out = append(out, token{text: line[i:j], line: n, at: i})
			i = j
		}
	}
	return out
}

const (
	other = iota
	wordRune
	spaceRune
)

// runeKind says whether r goes in a word (a letter, a digit or a mark
// that accents one), in a run of spaces, or stands alone.
func runeKind(r rune) int {
	switch {
	case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r):
		return wordRune
	case unicode.IsSpace(r):
		return spaceRune
	}
	return other
}

// changedWords compares the lines a hunk removes with those it adds in
// their place, word by word, and returns for each line the spans that
// differ. When most of the text differs, a rewritten paragraph, it
// returns nil, nil: marking nearly every word says less than the
// colour of the whole line.
func changedWords(removed, added []string) (old, new [][]span) {
	a, b := tokens(removed), tokens(added)
	texts := func(ts []token) []string {
		s := make([]string, len(ts))
		for i, t := range ts {
			s[i] = t.text
		}
		return s
	}
	diffs := lcs.DiffLines(texts(a), texts(b))
	changed, total := 0, 0
	for _, t := range a {
		total += len(t.text)
	}
	for _, t := range b {
		total += len(t.text)
	}
	for _, d := range diffs {
		for _, t := range a[d.Start:d.End] {
			changed += len(t.text)
		}
		for _, t := range b[d.ReplStart:d.ReplEnd] {
			changed += len(t.text)
		}
	}
	if total == 0 || changed*2 > total {
		return nil, nil
	}
	old, new = make([][]span, len(removed)), make([][]span, len(added))
	for _, d := range diffs {
		mark(old, a[d.Start:d.End])
		mark(new, b[d.ReplStart:d.ReplEnd])
	}
	return old, new
}

// mark adds the tokens ts, which follow each other, to the spans of
// their lines, joining those that touch. The "\n" between two lines
// marks nothing: a line's colour already shows it is there.
func mark(spans [][]span, ts []token) {
	for _, t := range ts {
		if t.text == "\n" {
			continue
		}
		s := span{t.at, t.at + len(t.text)}
		line := spans[t.line]
		if n := len(line); n > 0 && line[n-1].to == s.from {
			line[n-1].to = s.to
		} else {
			line = append(line, s)
		}
		spans[t.line] = line
	}
}
