package web

import "unicode/utf8"

// A search index is written by hand, not by encoding/json, for the
// memory a large one costs. encoding/json marshals a value whole into a
// buffer of its own, grown by doubling and kept in a pool afterwards,
// before copying it to the writer, which grows a second buffer by
// doubling: at 3,000 items, 8 MB of the heap's peak went to such
// buffers for two indexes of 1.8 MB. appendJSON writes into one buffer
// made at about the index's size, the same bytes encoding/json writes
// (with SetEscapeHTML(false), as the index was written before; the
// tests compare the two).

// appendJSON appends idx to b as JSON, and a newline, as a
// json.Encoder writes it.
func (idx *searchIndex) appendJSON(b []byte) []byte {
	b = append(b, `{"lang":`...)
	b = appendJSONString(b, idx.Lang)
	b = append(b, `,"docs":[`...)
	for i, d := range idx.Docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"p":`...)
		b = appendJSONString(b, d.Path)
		b = append(b, `,"t":`...)
		b = appendJSONString(b, d.Title)
		if d.Summary != "" {
			b = append(b, `,"s":`...)
			b = appendJSONString(b, d.Summary)
		}
		b = append(b, `,"m":`...)
		b = appendJSONString(b, d.Meta)
		if d.Words != "" {
			b = append(b, `,"w":`...)
			b = appendJSONString(b, d.Words)
		}
		b = append(b, '}')
	}
	b = append(b, `],"terms":{`...)
	for i, t := range idx.Terms {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, t.Word)
		b = append(b, ':')
		b = appendJSONString(b, t.Pages)
	}
	return append(b, "}}\n"...)
}

// jsonSize is what appendJSON writes for idx when no string needs an
// escape, which a few escapes a page exceed by a few bytes.
func (idx *searchIndex) jsonSize() int {
	n := len(`{"lang":"","docs":[],"terms":{}}`+"\n") + len(idx.Lang)
	for _, d := range idx.Docs {
		n += len(`{"p":"","t":"","s":"","m":"","w":""},`) +
			len(d.Path) + len(d.Title) + len(d.Summary) + len(d.Meta) + len(d.Words)
	}
	for _, t := range idx.Terms {
		n += len(`"":"",`) + len(t.Word) + len(t.Pages)
	}
	return n
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s to b as a JSON string, escaped as
// encoding/json escapes it without HTML escaping: a quote, a backslash
// and the control characters, by their short escape where JSON has one;
// U+2028 and U+2029, which JavaScript once did not allow in a string;
// and each byte of s that is not UTF-8, as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
