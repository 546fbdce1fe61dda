package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// Bare addresses in the text ("www.example.org", "https://…",
// "contact@example.org") become links, as GitHub's Markdown makes them,
// by goldmark's Linkify extension. It is costly even in a text that has
// none: it asks goldmark to stop at every space of every line to look for
// one. goldmark converted the 856 texts of the 300-item generated corpus
// in 126-137 ms with it and 86-97 ms without. So a text is first parsed
// without it whenever it may have no bare address, and parsed again with
// it if it turns out to have one.
//
// A bare address needs one of "://", "www." or "@" (Linkify's patterns
// start with a scheme followed by "://", with "www.", or hold an "@"), and
// where Linkify would make a link the parse without it leaves plain text.
// So a text parsed without Linkify whose plain text holds none of the
// three is exactly what Linkify would have left as it is (needsLinkify).
// Most texts that hold them hold them only in links' destinations
// ("[the rules](https://example.org/rules)"), which are not plain text:
// mayLinkify guesses from the source whether any stands anywhere else,
// so that a text with a bare address is not parsed twice.

// linkifyMarks are what every bare address Linkify recognises holds.
var linkifyMarks = [...][]byte{[]byte("://"), []byte("www."), []byte("@")}

// mayLinkify guesses whether src has a bare address: whether one of
// linkifyMarks stands outside what looks like a link's destination
// ("](…" or "<…" up to the next space) or a reference definition. A wrong
// guess costs time, never a wrong result: needsLinkify checks the parse.
func mayLinkify(src []byte) bool {
	if trailingBlanks(src) {
		return true
	}
	for _, mark := range linkifyMarks {
		for rest, at := src, 0; ; {
			i := bytes.Index(rest, mark)
			if i < 0 {
				break
			}
			if !inDestination(src, at+i) {
				return true
			}
			rest, at = rest[i+len(mark):], at+i+len(mark)
		}
	}
	return false
}

// inDestination reports whether the byte at i of src is in a word that
// looks like a link's destination: one that starts with "](" or "<", or
// follows "]: " on its line.
func inDestination(src []byte, i int) bool {
	start := i
	for start > 0 && !isLayoutSpace(rune(src[start-1])) {
		start--
	}
	word := src[start:i]
	if bytes.Contains(word, []byte("](")) || bytes.HasPrefix(word, []byte("<")) {
		return true
	}
	return start >= 3 && bytes.Equal(src[start-3:start], []byte("]: "))
}

// trailingBlanks reports whether a line of src ends with two or more
// spaces and tabs, not counting the two spaces of a hard line break.
// goldmark trims such blanks whole without Linkify, but keeps all of them
// but the last with it: Linkify stops at each blank, and each blank but
// the last joins the text before it. Such a text is parsed with Linkify,
// as it always was.
func trailingBlanks(src []byte) bool {
	for len(src) > 0 {
		line, rest, newline := bytes.Cut(src, []byte("\n"))
		src = rest
		line = bytes.TrimSuffix(line, []byte("\r"))
		n := len(line) - len(bytes.TrimRight(line, " \t"))
		if newline && bytes.HasSuffix(line, []byte("  ")) {
			n -= 2 // a hard line break
		}
		if n >= 2 {
			return true
		}
	}
	return false
}

// needsLinkify reports whether doc, parsed without Linkify, has plain text
// where Linkify could have made a link: a Text node holding one of
// linkifyMarks. Each node is looked at with the three bytes on either
// side of it, since goldmark may cut "www." into two Text nodes at the
// dot; that can only find marks that are not there, which costs a parse.
func needsLinkify(doc ast.Node, src []byte) bool {
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*ast.Text)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		from, to := max(t.Segment.Start-3, 0), min(t.Segment.Stop+3, len(src))
		if from >= to {
			return ast.WalkContinue, nil
		}
		for _, mark := range linkifyMarks {
			if bytes.Contains(src[from:to], mark) {
				found = true
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return found
}
