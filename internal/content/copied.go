package content

import (
	"bytes"
	"strings"
	"unicode"
)

// Copied says how much of a translation's text is still its source's,
// word for word: of the paragraphs worth translating in v (those of six
// words or more: a name, an address or a heading may well stay the same),
// how many are found in src, and the file line of the first of them (0 if
// none). The copy tract translate --to writes has same == of; a
// translation half done, some of them.
func (v *Variant) Copied(src *Variant) (same, of, line int) {
	sourceParas := map[string]bool{}
	for _, p := range paragraphs(src.Body) {
		sourceParas[p.text] = true
	}
	for _, p := range paragraphs(v.Body) {
		if len(strings.Fields(p.text)) < 6 || !strings.ContainsFunc(p.text, unicode.IsLetter) {
			continue
		}
		of++
		if sourceParas[p.text] {
			same++
			if line == 0 {
				line = v.BodyLine + p.line
			}
		}
	}
	return same, of, line
}

// paragraph is a run of non-blank lines of a body, its white space
// collapsed, and its first line counted from 0 in the body.
type paragraph struct {
	text string
	line int
}

// paragraphs cuts body at blank lines.
func paragraphs(body []byte) []paragraph {
	var out []paragraph
	var cur []string
	start := 0
	flush := func() {
		if len(cur) > 0 {
			out = append(out, paragraph{strings.Join(strings.Fields(strings.Join(cur, " ")), " "), start})
			cur = cur[:0]
		}
	}
	for i, l := range bytes.Split(body, []byte("\n")) {
		if len(bytes.TrimSpace(l)) == 0 {
			flush()
			continue
		}
		if len(cur) == 0 {
			start = i
		}
		cur = append(cur, string(l))
	}
	flush()
	return out
}
