package content

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tractpub/tract/internal/diag"
)

// Control characters and unclosed bidirectional controls are taken out
// of a text as it is read, so that everything published from it (pages,
// feeds, calendars, the search index, PDFs) gets the same clean text, and
// the editor is told once, at the file and line.
//
// A control character (C0 but tab, line feed and carriage return; DEL;
// C1) is a parse error in HTML, a box or nothing in a browser, U+FFFD in
// a feed. Vertical tab, form feed and U+0085 (next line) separate words
// where they were typed, Word's manual line break above all: they become
// a space. In a body a line break would be nearer what the editor meant,
// but a new line changes what the Markdown after it is (a line starting
// "- " becomes a list) and the line of every later warning: a space keeps
// the words apart and the text as it was written. The others are dropped.
//
// A bidirectional embedding, override or isolate (U+202A–U+202E,
// U+2066–U+2069) holds for the rest of its paragraph unless it is closed.
// In the file an editor reviews, a line (or a front matter field) is that
// paragraph; on a page a title is followed by other text, and an
// unclosed U+202E would turn that text around too: a title could show
// something else than its source does. So each one left open is closed at
// the end of its field or line, as the editor's own view of the file ends
// it, and a closing mark with nothing to close is dropped. Balanced ones,
// which mixed-direction text needs, and the marks U+200E, U+200F and
// U+061C, which reorder nothing beyond their neighbours, are kept.

// Bidirectional controls, by their Unicode abbreviations.
const (
	lre        = '\u202A'
	rle        = '\u202B'
	pop        = '\u202C'
	lro        = '\u202D'
	rlo        = '\u202E'
	lri        = '\u2066'
	rli        = '\u2067'
	fsi        = '\u2068'
	popIsolate = '\u2069'
)

// needsCleaning reports whether s holds a rune CleanText changes, without
// decoding it: the texts of a site almost never do, and every body is
// looked through on every build.
func needsCleaning[S ~string | ~[]byte](s S) bool {
	for i := 0; i < len(s); i++ {
		if !suspect[s[i]] {
			continue
		}
		switch c := s[i]; {
		case c < 0x20 || c == 0x7f:
			return true
		case c == 0xc2:
			if i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
				return true
			}
		case c == 0xe2:
			if i+2 < len(s) && (s[i+1] == 0x80 && s[i+2] >= 0xaa && s[i+2] <= 0xae ||
				s[i+1] == 0x81 && s[i+2] >= 0xa6 && s[i+2] <= 0xa9) {
				return true
			}
		}
	}
	return false
}

// suspect marks the bytes that may start a rune CleanText changes: a
// table makes the look three times as fast as comparing each byte (2.5
// GB/s, not 0.8).
var suspect = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t' && c != '\n' && c != '\r'
	}
	t[0x7f], t[0xc2], t[0xe2] = true, true, true
	return t
}()

// CleanText returns s without control characters and with its
// bidirectional controls balanced (see above), and the runes it changed,
// each once, in the order they come. The loader cleans each line of a
// text; the Markdown stage cleans what character references stand for
// (&#x202E;), which the loader reads as plain ASCII. A new line in s (a field written
// over several lines) is kept, and does not end an embedding: the field
// is one paragraph. s itself is returned when nothing needs changing.
func CleanText(s string) (string, []rune) {
	if !needsCleaning(s) {
		return s, nil
	}
	var (
		b     strings.Builder
		found []rune
		open  []rune // embeddings, overrides and isolates not yet closed
	)
	report := func(r rune) {
		if !slices.Contains(found, r) {
			found = append(found, r)
		}
	}
	b.Grow(len(s))
	for _, r := range s {
		if c := ControlRune(r); c != r {
			if c >= 0 {
				b.WriteRune(c)
			}
			report(r)
			continue
		}
		switch {
		case r == lre || r == rle || r == lro || r == rlo || r == lri || r == rli || r == fsi:
			open = append(open, r)
			b.WriteRune(r)
		case r == pop:
			// It closes the last embedding or override, if no isolate was
			// opened after it; otherwise it closes nothing.
			if n := len(open); n > 0 && !isolate(open[n-1]) {
				open = open[:n-1]
				b.WriteRune(r)
			} else {
				report(r)
			}
		case r == popIsolate:
			// It closes the last isolate, and with it the embeddings
			// opened inside it; otherwise it closes nothing.
			i := len(open) - 1
			for i >= 0 && !isolate(open[i]) {
				i--
			}
			if i < 0 {
				report(r)
				continue
			}
			open = open[:i]
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	for _, o := range slices.Backward(open) {
		b.WriteRune(closer(o))
		report(o)
	}
	return b.String(), found
}

// ControlRune is what a text keeps of r, for strings.Map: r itself, a
// space for a vertical tab, a form feed or U+0085 (next line), which
// part words where they were typed, or -1, dropped, for another control
// character (C0 but tab, line feed and carriage return; DEL; C1).
func ControlRune(r rune) rune {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return r
	case r == '\v' || r == '\f' || r == '\u0085':
		return ' '
	case r < 0x20 || r >= 0x7f && r <= 0x9f:
		return -1
	}
	return r
}

// isolate reports whether r opens an isolate, which U+2069 closes.
func isolate(r rune) bool { return r == lri || r == rli || r == fsi }

// closer is the control that closes r.
func closer(r rune) rune {
	if isolate(r) {
		return popIsolate
	}
	return pop
}

// c1 reports whether r is a C1 control character.
func c1(r rune) bool { return r >= 0x80 && r <= 0x9f }

// controlNames name the characters CleanText changes, as a warning says them.
var controlNames = map[rune]string{
	0x00:       "a null character",
	0x07:       "a bell",
	0x08:       "a backspace",
	0x0b:       "a vertical tab, as Word writes a line break",
	0x0c:       "a form feed, as a page break is written",
	0x1b:       "an escape",
	0x7f:       "a delete",
	0x85:       "a next line, as old systems write a line break",
	lre:        "a left-to-right embedding",
	rle:        "a right-to-left embedding",
	pop:        "a pop directional formatting, which closes an embedding or override",
	lro:        "a left-to-right override",
	rlo:        "a right-to-left override",
	lri:        "a left-to-right isolate",
	rli:        "a right-to-left isolate",
	fsi:        "a first strong isolate",
	popIsolate: "a pop directional isolate, which closes an isolate",
}

// controlName names r for a warning: "U+000B (a vertical tab, as Word
// writes a line break)".
func controlName(r rune) string {
	name, ok := controlNames[r]
	if !ok {
		name = "a control character"
	}
	return fmt.Sprintf("U+%04X (%s)", r, name)
}

// ControlMessage says what CleanText did with r in where ("the title",
// "this line"), which ends at the end of unit ("the title", "the line"),
// and what the editor can do.
func ControlMessage(where, unit string, r rune) string {
	name := controlName(r)
	switch {
	case r == '\v' || r == '\f' || r == '\u0085':
		return fmt.Sprintf("%s holds %s, which shows as a box or as nothing: it is published as a space; type a space (or start a new paragraph) there instead", where, name)
	case c1(r):
		// They come in crowds, from a Windows-1252 file converted as
		// Latin-1: said once for the file.
		return fmt.Sprintf("%s holds U+%04X, a control character that shows as nothing: it is what a quote, a dash or œ of Windows-1252 becomes when the file is converted as Latin-1, and it is left out of the site, with any others in the file; convert the original file again with iconv -f windows-1252 -t utf-8, or mend this one with: iconv -f utf-8 -t latin1 FILE | iconv -f windows-1252 -t utf-8", where, r)
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf("%s holds %s, which shows as a box or as nothing: it is left out of the site; delete it", where, name)
	case r == pop || r == popIsolate:
		return fmt.Sprintf("%s holds %s with nothing open to close: it is left out of the site; delete it", where, name)
	}
	return fmt.Sprintf("%s holds %s that is never closed, and would turn around the text that follows it on the page: it is closed at the end of %s; close it with %s where it should end, or delete it", where, name, unit, controlName(closer(r)))
}

// cleanVariant cleans the shown fields of fm and the lines of body (see
// CleanText), and warns of what it changed in the file at p: once for
// each character and field or line, and once for the file for C1
// controls. fm is not changed: a changed copy is returned.
func cleanVariant(p string, fm *FrontMatter, body []byte, bodyLine int, diags *diag.List) (*FrontMatter, []byte) {
	c1Told := false
	warn := func(line int, where, unit string, found []rune) {
		for _, r := range found {
			if c1(r) && r != '\u0085' {
				if c1Told {
					continue
				}
				c1Told = true
			}
			diags.Warnf(p, line, "%s", ControlMessage(where, unit, r))
		}
	}
	fieldsNeed := needsCleaning(fm.Title) || needsCleaning(fm.Summary) || needsCleaning(fm.Venue) || needsCleaning(fm.Address) ||
		slices.ContainsFunc(fm.Tags, needsCleaning[string]) || slices.ContainsFunc(fm.Signatories, needsCleaning[string])
	if fieldsNeed {
		c := *fm
		for _, f := range []struct {
			key string
			s   *string
		}{{"title", &c.Title}, {"summary", &c.Summary}, {"venue", &c.Venue}, {"address", &c.Address}} {
			var found []rune
			*f.s, found = CleanText(*f.s)
			warn(fm.Line[f.key], "the "+f.key, "the "+f.key, found)
		}
		for _, f := range []struct {
			key  string
			list *[]string
		}{{"tags", &c.Tags}, {"signatories", &c.Signatories}} {
			if !slices.ContainsFunc(*f.list, needsCleaning[string]) {
				continue
			}
			*f.list = slices.Clone(*f.list)
			var all []rune
			for i, s := range *f.list {
				var found []rune
				(*f.list)[i], found = CleanText(s)
				for _, r := range found {
					if !slices.Contains(all, r) {
						all = append(all, r)
					}
				}
			}
			warn(fm.Line[f.key], "an entry of "+f.key, "the entry", all)
		}
		fm = &c
	}
	if !needsCleaning(body) {
		return fm, body
	}
	out := make([]byte, 0, len(body))
	for i, line := range strings.SplitAfter(string(body), "\n") {
		text, nl := strings.CutSuffix(line, "\n")
		text, found := CleanText(text)
		warn(bodyLine+i, "this line", "the line", found)
		out = append(out, text...)
		if nl {
			out = append(out, '\n')
		}
	}
	return fm, out
}
