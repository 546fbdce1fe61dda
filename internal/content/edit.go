package content

import (
	"bytes"
	"fmt"
	"regexp"
)

var translatedFromLine = regexp.MustCompile(`(?m)^translated_from:[ \t]*("?)[^\s"#]*("?)`)

// SetTranslatedFrom rewrites the translated_from line of a variant file to
// ref, touching nothing else: comments, key order, quoting style and line
// endings stay as the editor wrote them. A file without the key gets it
// after its title line.
func SetTranslatedFrom(data []byte, ref Ref) ([]byte, error) {
	norm := NormalizeNewlines(data)
	src, perr := split(norm)
	if perr != nil {
		return nil, fmt.Errorf("line %d: %s", perr.line, perr.msg)
	}
	if !src.hasFront {
		return nil, fmt.Errorf("no front matter")
	}
	// Work on the original bytes so CRLF files stay CRLF: find the front
	// matter's end in them by counting lines.
	bom := 0
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		bom = 3
	}
	end := bom
	for line := 1; line < src.bodyLine-1 && end < len(data); line++ {
		i := bytes.IndexByte(data[end:], '\n')
		if i < 0 {
			end = len(data)
			break
		}
		end += i + 1
	}
	front := data[bom:end]
	if loc := translatedFromLine.FindSubmatchIndex(front); loc != nil {
		q := string(front[loc[2]:loc[3]])
		repl := []byte("translated_from: " + q + ref.String() + q)
		out := append([]byte{}, data[:bom+loc[0]]...)
		out = append(out, repl...)
		return append(out, data[bom+loc[1]:]...), nil
	}
	eol := "\n"
	if bytes.Contains(front, []byte("\r\n")) {
		eol = "\r\n"
	}
	title := regexp.MustCompile(`(?m)^title:.*$`).FindIndex(front)
	at := bom + len(firstLine(front)) // after the opening ---
	if title != nil {
		at = bom + title[1]
		// Past the end of line (the match stops before \r\n or \n).
		for at < len(data) && (data[at] == '\r' || data[at] == '\n') {
			at++
			if data[at-1] == '\n' {
				break
			}
		}
	}
	out := append([]byte{}, data[:at]...)
	out = append(out, []byte("translated_from: "+ref.String()+eol)...)
	return append(out, data[at:]...), nil
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i+1]
	}
	return b
}
