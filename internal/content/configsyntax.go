package content

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
)

// This file puts the TOML parser's syntax errors in an editor's words.
// go-toml says "unexpected character U+0065 'e' at start of value" of
// languages = en, fr, es, and names a curly quote by its first byte
// (U+00E2 'â'); the mistakes behind such messages are few, and each has
// a fix that can be shown on the line itself.

// quoteKinds names the quotation marks that are not quotes to TOML, as a
// word processor, TextEdit or a French keyboard types them.
var quoteKinds = map[rune]string{
	'“': "curly quotes (“ ”)", '”': "curly quotes (“ ”)", '„': "curly quotes („ “)", '‟': "curly quotes (“ ”)",
	'‘': "curly quotes (‘ ’)", '’': "curly quotes (‘ ’)", '‚': "curly quotes (‚ ‘)", '‛': "curly quotes (‘ ’)",
	'«': "angle quotes (« »)", '»': "angle quotes (« »)", '‹': "angle quotes (‹ ›)", '›': "angle quotes (‹ ›)",
	'＂': "full-width quotes (＂)", '＇': "full-width quotes (＇)",
}

// bareKey is a key TOML takes as it is, so a fix can be shown as key = value.
var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$`)

// syntaxHelp explains a syntax error the TOML parser found at byte
// column col (from 1) of line, one line of tract.toml: msg is what to
// tell the editor, and fix the value, written in TOML, that line was
// most likely meant to hold ("" when there is none to show). msg is ""
// when the mistake is none of those it knows.
func syntaxHelp(line string, col int) (msg, fix string) {
	eq := strings.IndexByte(line, '=')
	if key, v, ok := strings.Cut(line, ":"); eq < 0 && ok && bareKey.MatchString(strings.TrimSpace(key)) && strings.TrimSpace(v) != "" {
		// fallback: hide, as front matter is written
		key = strings.TrimSpace(key)
		fix = fixValue(strings.TrimSpace(v), key == "languages")
		if fix == "" {
			return fmt.Sprintf("a setting is written with =, not with : as in front matter: %s = …", key), ""
		}
		return fmt.Sprintf("a setting is written with =, not with : as in front matter: %s = %s", key, fix), fix
	}
	if eq < 0 || col-1 <= eq {
		return "", "" // the key, a [table] line: not a value's mistake
	}
	key := strings.TrimSpace(line[:eq])
	v := strings.TrimSpace(line[eq+1:])
	if v == "" {
		return "", ""
	}
	at, _ := utf8.DecodeRuneInString(line[min(col-1, len(line)):])
	first, _ := utf8.DecodeRuneInString(v)
	last, _ := utf8.DecodeLastRuneInString(v)
	list := key == "languages" || first == '['
	show := func(fix string) string {
		if bareKey.MatchString(key) {
			return key + " = " + fix
		}
		return fix
	}
	if key == "max_file_size_mb" {
		return key + " must be " + configShapes[key], ""
	}
	kind := quoteKinds[at]
	if kind == "" {
		kind = quoteKinds[first]
	}
	if kind == "" && (last == '”' || last == '’') && (first == '"' || first == '\'') {
		kind = quoteKinds[last] // "Our Network”: opened straight, closed curly
	}
	if kind != "" {
		fix = fixValue(v, list)
		switch {
		case first != '{' && first != '[':
			msg = fmt.Sprintf("the value of %s is between %s, which TOML does not take for quotes: write it between straight quotes, %s", key, kind, show(fix))
		case fix != "":
			msg = fmt.Sprintf("the value of %s holds text between %s, which TOML does not take for quotes: write each between straight quotes, %s", key, kind, show(fix))
		default:
			msg = fmt.Sprintf("the value of %s holds text between %s, which TOML does not take for quotes: write each between straight quotes (\")", key, kind)
		}
		if strings.HasPrefix(kind, "curly") {
			msg += " (word processors and TextEdit curl quotes as they are typed: edit tract.toml in a plain text editor, or turn smart quotes off)"
		}
		return msg, fix
	}
	if first == '\'' && !strings.HasPrefix(v, "'''") {
		if end := strings.IndexByte(v[1:], '\''); end >= 0 && !endOfValue(v[1+end+1:]) {
			fix = fixValue(v, false)
			return fmt.Sprintf("the apostrophe in %s ends the value, which began with a single quote: write a value that holds an apostrophe between double quotes, %s", v, show(fix)), fix
		}
	}
	if first == '"' && !strings.HasPrefix(v, `"""`) {
		if end := closingQuote(v[1:]); end >= 0 && !endOfValue(v[1+end+1:]) {
			word := strings.TrimSpace(v[1+end+1:])
			if i := strings.IndexAny(word, ` "'`); i > 0 {
				word = word[:i]
			}
			if inner := unquote(v); utf8.ValidString(inner) && !strings.ContainsFunc(inner, notLiteral) {
				fix = "'" + inner + "'"
				return fmt.Sprintf("the double quote before %s ends the value: write a value that holds double quotes between single quotes, %s", word, show(fix)), fix
			}
			fix = fixValue(v, false)
			return fmt.Sprintf("the double quote before %s ends the value: write each double quote inside a value as \\\", %s", word, show(fix)), fix
		} else if end < 0 {
			return fmt.Sprintf("the value of %s has no closing quote: end it with \" on the same line, %s", key, show(fixValue(v, false))), fixValue(v, false)
		}
	}
	if unicode.IsLetter(at) && (unicode.IsLetter(first) || first == '[') {
		// A word without quotes: en, original, Our Network. (A letter
		// at the error after a quote, as in 'Workers' Bulletin', is
		// handled above.)
		if list {
			if fix = fixValue(v, true); fix == "" {
				return fmt.Sprintf("the value of %s needs straight quotes around each item of the list", key), ""
			}
			return fmt.Sprintf("the value of %s needs straight quotes around each item of the list: %s", key, show(fix)), fix
		}
		fix = fixValue(v, false)
		return fmt.Sprintf("the value of %s needs straight quotes around it: %s", key, show(fix)), fix
	}
	return "", ""
}

// endOfValue reports whether rest, what follows a closing quote, ends
// the value: nothing, a comment, or what goes on a list or a table.
func endOfValue(rest string) bool {
	rest = strings.TrimSpace(rest)
	return rest == "" || strings.ContainsAny(rest[:1], "#,]}")
}

// closingQuote is the index in s, a basic string's text after its
// opening quote, of the quote that ends it, or -1.
func closingQuote(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// notLiteral reports whether r cannot be in a TOML literal string, one
// between single quotes.
func notLiteral(r rune) bool { return r == '\'' || r < 0x20 && r != '\t' || r == 0x7f }

// isQuote reports whether r is a quote around a value, straight or not.
func isQuote(r rune) bool { return r == '"' || r == '\'' || quoteKinds[r] != "" }

// unquote takes off s's quotes, straight or not: one at each end. The
// spaces inside curly or angle quotes go with them: French puts a
// (no-break) space inside « », which is typography, not the value.
func unquote(s string) string {
	trim := false
	if r, n := utf8.DecodeRuneInString(s); isQuote(r) {
		s = s[n:]
		trim = quoteKinds[r] != ""
	}
	if r, n := utf8.DecodeLastRuneInString(s); isQuote(r) {
		s = s[:len(s)-n]
		trim = trim || quoteKinds[r] != ""
	}
	if trim {
		s = strings.TrimSpace(s)
	}
	return s
}

// fixValue writes v, a value as an editor typed it, as TOML: its words
// between straight quotes, and for a list each item so. An inline table
// or a list keeps its shape, only its quotes straightened; it is ""
// when that cannot be done with confidence.
func fixValue(v string, list bool) string {
	v = strings.ToValidUTF8(v, "\uFFFD")
	if v[0] == '{' || v[0] == '[' {
		fixed, commaQuoted, ok := straighten(v)
		if ok && parsesAs(fixed, v[0]) {
			return fixed
		}
		// A list of bare words, or one not closed: its items are what
		// lies between commas, unless a quoted one holds a comma.
		if v[0] == '{' || commaQuoted || strings.Count(v, "[") > 1 || strings.Contains(v, "{") {
			return ""
		}
		list = true
	}
	if !list {
		if !isQuote([]rune(v)[0]) {
			v, _, _ = strings.Cut(v, " #") // a bare value's comment
		}
		return tomlQuote(unquote(strings.TrimSpace(v)))
	}
	v, _, _ = strings.Cut(v, "#")
	v = strings.TrimSpace(v)
	v = strings.TrimSuffix(strings.TrimPrefix(v, "["), "]")
	items := strings.Split(v, ",")
	if len(items) == 1 {
		items = strings.Fields(v) // languages = en fr es
	}
	var quoted []string
	for _, it := range items {
		if it = unquote(strings.TrimSpace(it)); it != "" {
			quoted = append(quoted, tomlQuote(it))
		}
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// straighten writes v, an inline table or a list as an editor typed it,
// with each text between curly or angle quotes put between straight
// quotes, and the rest as it was, but for a comment at the end. ok is
// false when a quote has no end; commaQuoted tells whether a quoted text
// holds a comma, so that v cannot be cut into items at its commas.
func straighten(v string) (fixed string, commaQuoted, ok bool) {
	var b strings.Builder
	for i := 0; i < len(v); {
		r, n := utf8.DecodeRuneInString(v[i:])
		if r == '#' {
			break
		}
		if !isQuote(r) {
			b.WriteString(v[i : i+n])
			i += n
			continue
		}
		end := -1 // of the straight quote that ends the text
		switch r {
		case '"', '\'':
			if strings.HasPrefix(v[i:], strings.Repeat(string(r), 3)) {
				return "", commaQuoted, false // a multi-line string
			}
			if r == '"' {
				end = closingQuote(v[i+1:])
			} else {
				end = strings.IndexByte(v[i+1:], '\'')
			}
		}
		// A curly or angle quote ends it where an item ends after it,
		// so that the apostrophe in “l’été” does not.
		before := len(v) - (i + n)
		if end >= 0 {
			before = end // looked for no further, so that v is read once
		}
		curly, cn := closingCurly(v[i+n:], before)
		if curly >= 0 && (end < 0 || curly < end) {
			text := v[i+n : i+n+curly]
			commaQuoted = commaQuoted || strings.Contains(text, ",")
			b.WriteString(tomlQuote(strings.TrimSpace(text)))
			i += n + curly + cn
			continue
		}
		if end < 0 {
			// An apostrophe, as in [l'été, août], more likely than a
			// quote not closed.
			unclosed := r != '\'' && strings.Contains(v[i:], ",")
			return "", commaQuoted || unclosed, false
		}
		text := v[i : i+1+end+1]
		commaQuoted = commaQuoted || strings.Contains(text, ",")
		b.WriteString(text)
		i += len(text)
	}
	return strings.TrimSpace(b.String()), commaQuoted, true
}

// closingCurly is the index in s[:before], a text after its opening
// quote, of the curly or angle quote that ends it, the first one an
// item's end follows, and that quote's length; or -1.
func closingCurly(s string, before int) (at, n int) {
	for i, r := range s[:before] {
		if quoteKinds[r] == "" {
			continue
		}
		n = utf8.RuneLen(r)
		if rest := strings.TrimLeftFunc(s[i+n:], unicode.IsSpace); rest == "" || strings.ContainsAny(rest[:1], "#,]}") {
			return i, n
		}
	}
	return -1, 0
}

// parsesAs reports whether fix, a value in TOML, is an inline table when
// open is '{' and a list when it is '['.
func parsesAs(fix string, open byte) bool {
	var doc map[string]any
	if toml.Unmarshal([]byte("k = "+fix), &doc) != nil {
		return false
	}
	switch doc["k"].(type) {
	case map[string]any:
		return open == '{'
	case []any:
		return open == '['
	}
	return false
}

// tomlQuote writes s as a TOML basic string.
func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// parserChar is how go-toml names a character in its messages, by the
// first byte of its UTF-8 encoding: U+00E2 'â' for “.
var parserChar = regexp.MustCompile(`U\+[0-9A-F]{4,6} '[^']*'`)

// nameCharacter gives msg, a parser message about the character at byte
// column col of line, that character's real name: U+201C '“', not the
// U+00E2 'â' of its first byte.
func nameCharacter(msg, line string, col int) string {
	if col < 1 || col > len(line) {
		return msg
	}
	r, n := utf8.DecodeRuneInString(line[col-1:])
	if r == utf8.RuneError && n <= 1 {
		return msg
	}
	named := fmt.Sprintf("U+%04X '%c'", r, r)
	if kind := quoteKinds[r]; kind != "" {
		named += ", one of the " + kind + " TOML does not take for quotes: use straight ones (\")"
	}
	return parserChar.ReplaceAllLiteralString(msg, named)
}
