package status

import (
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aymanbagabas/go-udiff/lcs"

	"github.com/tractpub/tract/internal/content"
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

// wordDiff compares the lines a hunk removes with those it adds in
// their place, word by word: the tokens of each side, and the runs of
// tokens of a replaced by runs of b. ok is false when most of the text
// differs, a rewritten paragraph: marking nearly every word says less
// than the colour of the whole line.
func wordDiff(removed, added []string) (a, b []token, diffs []lcs.Diff, ok bool) {
	a, b = tokens(removed), tokens(added)
	texts := func(ts []token) []string {
		s := make([]string, len(ts))
		for i, t := range ts {
			s[i] = t.text
		}
		return s
	}
	diffs = lcs.DiffLines(texts(a), texts(b))
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
	return a, b, diffs, total > 0 && changed*2 <= total
}

// changedWords returns, for each line a hunk removes and each it adds
// (see wordDiff), the spans that differ; nil, nil for a rewritten text.
func changedWords(removed, added []string) (old, new [][]span) {
	a, b, diffs, ok := wordDiff(removed, added)
	if !ok {
		return nil, nil
	}
	old, new = make([][]span, len(removed)), make([][]span, len(added))
	for _, d := range diffs {
		mark(old, a[d.Start:d.End])
		mark(new, b[d.ReplStart:d.ReplEnd])
	}
	return old, new
}

// A wordChange is one run of words a change replaced, as the reports
// without colours list it: Line is the line of the file as it is now
// where the new words are (or would be, for words removed).
type wordChange struct {
	Line     int
	Old, New string
}

// plain writes c for a text report: "six" → "seven", added "8.30".
func (c wordChange) plain() string {
	return c.show(func(_, s string) string { return strconv.Quote(s) })
}

// markdown writes c for a pull-request comment, escaped:
// <del>six</del> → <ins>seven</ins>.
func (c wordChange) markdown() string {
	return c.show(func(tag, s string) string { return "<" + tag + ">" + html.EscapeString(s) + "</" + tag + ">" })
}

// show writes c with words, which writes the words removed ("del") or
// added ("ins"), each cut at wordChangeShown characters.
func (c wordChange) show(words func(tag, s string) string) string {
	cut := func(s string) string { return content.CutRunes(s, wordChangeShown) }
	switch {
	case c.Old == "":
		return "added " + words("ins", cut(c.New))
	case c.New == "":
		return "removed " + words("del", cut(c.Old))
	}
	return words("del", cut(c.Old)) + " → " + words("ins", cut(c.New))
}

// wordChanges lists the words each change of a unified diff replaced,
// for a report that cannot colour them (a pull-request comment, a file):
// "six" by "seven" at line 11. A rewritten text lists nothing.
func wordChanges(diff string) []wordChange {
	var out []wordChange
	lines := strings.SplitAfter(diff, "\n")
	now, inHunk := 0, false // the line number, in the file as it is now, of the next line
	for i := 0; i < len(lines); {
		line := lines[i]
		switch {
		case strings.HasPrefix(line, "@@"):
			inHunk = true
			// @@ -a,b +c,d @@: the hunk starts at line c of the new file.
			if _, plus, ok := strings.Cut(line, " +"); ok {
				n, _, _ := strings.Cut(strings.TrimLeft(plus, "+"), ",")
				n, _, _ = strings.Cut(n, " ")
				now, _ = strconv.Atoi(n)
			}
		case inHunk && (strings.HasPrefix(line, "-") || strings.HasPrefix(line, "+")):
			var removed, added []string
			removed, added, i = changeAt(lines, i)
			if len(removed) > 0 && len(added) > 0 {
				if a, b, diffs, ok := wordDiff(removed, added); ok {
					for _, d := range diffs {
						d = withWordBeside(a, b, d)
						at := now + len(added) - 1 // words removed at the end
						if d.ReplStart < len(b) {
							at = now + b[d.ReplStart].line
						}
						c := wordChange{Line: at, Old: joinTokens(a[d.Start:d.End]), New: joinTokens(b[d.ReplStart:d.ReplEnd])}
						if c.Old != c.New { // not a line break become a space
							out = append(out, c)
						}
					}
				}
			}
			now += len(added)
			continue
		case inHunk && strings.HasPrefix(line, " "):
			now++
		}
		i++
	}
	return out
}

// changeAt reads the change of a unified diff's lines that starts at
// line i: the text of the lines it removes ("-"), then of those it adds
// ("+"), without their sign or newline, and the index of the line after.
func changeAt(lines []string, i int) (removed, added []string, next int) {
	for ; i < len(lines) && strings.HasPrefix(lines[i], "-"); i++ {
		removed = append(removed, strings.TrimSuffix(lines[i][1:], "\n"))
	}
	for ; i < len(lines) && strings.HasPrefix(lines[i], "+"); i++ {
		added = append(added, strings.TrimSuffix(lines[i][1:], "\n"))
	}
	return removed, added, i
}

// withWordBeside widens d, when it only adds or only removes, to the
// word before it on both sides (they are the same), or else the word
// after: ".30" added reads as "8" become "8.30".
func withWordBeside(a, b []token, d lcs.Diff) lcs.Diff {
	if d.Start != d.End && d.ReplStart != d.ReplEnd {
		return d
	}
	word := func(t token) bool {
		r, _ := utf8.DecodeRuneInString(t.text)
		return runeKind(r) == wordRune
	}
	switch {
	case d.Start > 0 && d.ReplStart > 0:
		for d.Start > 0 && d.ReplStart > 0 {
			d.Start, d.ReplStart = d.Start-1, d.ReplStart-1
			if word(a[d.Start]) {
				break
			}
		}
	case d.End < len(a) && d.ReplEnd < len(b):
		for d.End < len(a) && d.ReplEnd < len(b) {
			d.End, d.ReplEnd = d.End+1, d.ReplEnd+1
			if word(a[d.End-1]) {
				break
			}
		}
	}
	return d
}

// joinTokens is the text of ts, a line break between lines written as a
// space, without spaces at its ends.
func joinTokens(ts []token) string {
	var b strings.Builder
	for _, t := range ts {
		if t.text == "\n" {
			b.WriteByte(' ')
			continue
		}
		b.WriteString(t.text)
	}
	return strings.TrimSpace(b.String())
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
