package content

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Front matter as editors write it is a few "key: value" lines: a title in
// quotes, a date, tags in brackets, signatories one to a line. yaml.v3
// builds its node tree for that in about 13 µs and 10 KB, most of it its
// parser's own buffers: a tenth of the memory a build allocates, and a
// twentieth of its time, for lines whose reading is not in doubt.
//
// quickFront reads that common shape and nothing else, into the very tree
// yaml.v3 makes of it, field for field. Any line it is not sure of (a
// comment, a quote inside quotes, a value on two lines, a tab, an anchor,
// a key it would have to guess at) makes it give up, and yaml.v3 reads the
// whole front matter, errors and all. Which tag a plain value gets (a
// date, a number, text) is always yaml.v3's say: Node.ShortTag resolves
// it. FuzzQuickFrontIsWhatYAMLReads holds the two to the same trees.

// quickFront returns the document node yaml.v3 would make of front, or
// false when front is not of the shape it reads.
func quickFront(front []byte) (*yaml.Node, bool) {
	if !utf8.Valid(front) {
		return nil, false
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Column: 1}
	lines := bytes.Split(front, []byte("\n"))
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if len(line) == 0 {
			continue
		}
		n := i + 1
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 || colon > 64 || !quickKey(line[:colon]) {
			return nil, false
		}
		k := &yaml.Node{Kind: yaml.ScalarNode, Value: string(line[:colon]), Line: n, Column: 1}
		k.Tag = k.ShortTag()
		if k.Tag != "!!str" {
			return nil, false
		}
		rest := line[colon+1:]
		var v *yaml.Node
		if len(rest) == 0 {
			// A list, one entry to a line below the key.
			var next int
			v, next = quickBlockList(lines, i+1)
			if v == nil {
				return nil, false
			}
			i = next - 1
		} else {
			if rest[0] != ' ' {
				return nil, false
			}
			at := len(line) - len(bytes.TrimLeft(rest, " "))
			v = quickValue(line[at:], n, utf8.RuneCount(line[:at])+1, false)
			if v == nil {
				return nil, false
			}
			if i+1 < len(lines) && len(lines[i+1]) > 0 && lines[i+1][0] == ' ' {
				// An indented line goes on with the value.
				return nil, false
			}
		}
		if m.Line == 0 {
			m.Line = n
		}
		m.Content = append(m.Content, k, v)
	}
	if len(m.Content) == 0 {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: m.Line, Column: 1, Content: []*yaml.Node{m}}, true
}

// quickKey reports whether b is a key quickFront reads: a plain word of
// ASCII letters, digits, _ and -, starting with a letter or _.
func quickKey(b []byte) bool {
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '-'):
		default:
			return false
		}
	}
	return true
}

// quickBlockList reads the "- entry" lines from lines[from], all indented
// alike, into a sequence node; it returns the index of the line after
// them, or nil when there are none or one is not of the shape it reads.
func quickBlockList(lines [][]byte, from int) (*yaml.Node, int) {
	indent := -1
	var seq *yaml.Node
	i := from
	for ; i < len(lines); i++ {
		line := lines[i]
		body := bytes.TrimLeft(line, " ")
		if len(body) == 0 || body[0] != '-' {
			break
		}
		in := len(line) - len(body)
		if indent < 0 {
			indent = in
			seq = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: i + 1, Column: in + 1}
		} else if in != indent {
			return nil, 0
		}
		if len(body) < 3 || body[1] != ' ' {
			return nil, 0
		}
		at := 1 + len(body[1:]) - len(bytes.TrimLeft(body[1:], " "))
		e := quickValue(body[at:], i+1, in+at+1, false)
		if e == nil {
			return nil, 0
		}
		seq.Content = append(seq.Content, e)
	}
	if seq == nil {
		return nil, 0
	}
	if i < len(lines) && len(lines[i]) > 0 && lines[i][0] == ' ' {
		return nil, 0
	}
	return seq, i
}

// quickValue reads the value b, which starts at column col of line n and
// runs to the end of the line (or of the entry, in brackets): quoted, a
// list in brackets, or plain. It returns nil when b is not of the shape
// quickFront reads.
func quickValue(b []byte, n, col int, inList bool) *yaml.Node {
	b = bytes.TrimRight(b, " ")
	if len(b) == 0 || !quickChars(b) {
		return nil
	}
	switch b[0] {
	case '"', '\'':
		q := b[0]
		if len(b) < 2 || b[len(b)-1] != q || bytes.IndexByte(b[1:len(b)-1], q) >= 0 ||
			q == '"' && bytes.IndexByte(b, '\\') >= 0 {
			return nil
		}
		style := yaml.DoubleQuotedStyle
		if q == '\'' {
			style = yaml.SingleQuotedStyle
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(b[1 : len(b)-1]), Style: style, Line: n, Column: col}
	case '[':
		if inList {
			return nil
		}
		return quickFlowList(b, n, col)
	case '-', '?', ':', ',', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`':
		return nil
	}
	for i, c := range b {
		switch {
		case c == '#':
			return nil
		case inList:
			// In brackets, YAML ends a plain entry at more signs, and
			// not always as one would guess: read words only.
			if c < utf8.RuneSelf && !quickListChar(c) {
				return nil
			}
		case c == ':' && (i+1 == len(b) || b[i+1] == ' '):
			return nil
		}
	}
	v := &yaml.Node{Kind: yaml.ScalarNode, Value: string(b), Line: n, Column: col}
	if v.Value == "<<" {
		return nil
	}
	v.Tag = v.ShortTag()
	return v
}

// quickListChar reports whether c, an ASCII byte, may be part of a
// plain entry of a list in brackets that quickFront reads.
func quickListChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte(" -_./+@()'", c) >= 0
}

// quickFlowList reads a list written in brackets on one line: [a, "b c"].
func quickFlowList(b []byte, n, col int) *yaml.Node {
	if b[len(b)-1] != ']' {
		return nil
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: n, Column: col}
	inner := b[1 : len(b)-1]
	if len(bytes.TrimLeft(inner, " ")) == 0 {
		return seq
	}
	at := 1 // byte offset in b of the entry being read
	for _, e := range bytes.Split(inner, []byte(",")) {
		lead := len(e) - len(bytes.TrimLeft(e, " "))
		start := at + lead
		v := quickValue(e[lead:], n, col+utf8.RuneCount(b[:start]), true)
		if v == nil {
			return nil
		}
		seq.Content = append(seq.Content, v)
		at += len(e) + 1
	}
	return seq
}

// quickChars reports whether b holds only characters that YAML reads as
// they are on one line: no tab, no control character, no line or
// paragraph separator, no byte-order mark, nothing YAML will not print.
func quickChars(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r <= 0x9f, r == 0x2028, r == 0x2029, r == 0xfeff, r >= 0xfffe && r <= 0xffff, r == utf8.RuneError:
			return false
		}
		i += size
	}
	return true
}
