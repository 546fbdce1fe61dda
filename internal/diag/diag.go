// Package diag collects the problems tract finds in a site: errors that stop
// a build and warnings that do not. Every problem names the file (relative to
// the site directory) and, where it can, the line, so editors read
// "content/leaflets/rent/fr.md:12: message" exactly as they would from a
// compiler.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Plural writes a count with an English noun, as messages for the
// terminal give them: "1 warning", "3 warnings".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Or lists words as a sentence gives choices: "en", "en or fr",
// "en, fr or es".
func Or(words []string) string { return list(words, "or") }

// And lists words as a sentence does: "title", "title and summary",
// "title, summary and text".
func And(words []string) string { return list(words, "and") }

func list(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

// Severity says whether a problem stops the build.
type Severity int

const (
	// Error stops the build and makes tract check exit 1.
	Error Severity = iota
	// Warning is reported but the build goes on (tract check --strict fails on it).
	Warning
	// Note says what the build does not make, and why, where nothing is
	// wrong to mend: no PDFs in a language written right to left. It is
	// reported with the others and counted as neither (--strict passes).
	Note
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Note:
		return "note"
	}
	return "error"
}

// Diagnostic is one problem at one place.
type Diagnostic struct {
	Path     string   // slash-separated, relative to the site directory
	Line     int      // 1-based; 0 when the problem concerns the whole file
	Severity Severity // Error or Warning
	Message  string
}

// shown is s as a terminal can show it: a control character written as
// an escape, not sent to the terminal, where a carriage return would
// draw the message over a file's name (a Mac folder's "Icon\r") and an
// escape sequence copied from a text could write the clipboard or erase
// lines; and the marks that turn text right to left (U+202E), which would
// show the rest of the line backwards, written as escapes too.
//
// A byte that is not UTF-8 (a file's name from an old zip, in Latin-1) is
// written as an escape too, \xe9: a terminal would show it as whatever
// its own encoding makes of it, or nothing.
func shown(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, hidden) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				fmt.Fprintf(&b, `\x%02x`, s[i])
				continue
			}
		}
		if !hidden(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// hidden reports whether r is a control or a bidirectional mark, which a
// terminal obeys instead of showing.
func hidden(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}

// Error formats the diagnostic as path:line: message.
func (d Diagnostic) Error() string {
	d.Path, d.Message = shown(d.Path), shown(d.Message)
	switch {
	case d.Path == "":
		return d.Message
	case d.Line > 0:
		return fmt.Sprintf("%s:%d: %s", d.Path, d.Line, d.Message)
	default:
		return fmt.Sprintf("%s: %s", d.Path, d.Message)
	}
}

// String formats the diagnostic as tract check prints it:
// path:line: severity: message.
func (d Diagnostic) String() string {
	d.Path, d.Message = shown(d.Path), shown(d.Message)
	pos := d.Path
	if d.Line > 0 {
		pos = fmt.Sprintf("%s:%d", d.Path, d.Line)
	}
	if pos == "" {
		return fmt.Sprintf("%s: %s", d.Severity, d.Message)
	}
	return fmt.Sprintf("%s: %s: %s", pos, d.Severity, d.Message)
}

// List gathers diagnostics from concurrent stages. The zero value is ready.
type List struct {
	mu     sync.Mutex
	items  []Diagnostic
	errors int // how many of items are errors
}

// Add records d.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	if d.Severity == Error {
		l.errors++
	}
	l.mu.Unlock()
}

// Errorf records an error at path:line.
func (l *List) Errorf(path string, line int, format string, args ...any) {
	l.Add(Diagnostic{Path: path, Line: line, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at path:line.
func (l *List) Warnf(path string, line int, format string, args ...any) {
	l.Add(Diagnostic{Path: path, Line: line, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Sorted returns the diagnostics ordered by file, line, then message, without
// exact duplicates (two stages may find the same problem).
func (l *List) Sorted() []Diagnostic {
	l.mu.Lock()
	out := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortStableFunc(out, Compare)
	return slices.Compact(out)
}

// Compare orders diagnostics by path, line, severity and message.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		strings.Compare(a.Path, b.Path),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Severity, b.Severity),
		strings.Compare(a.Message, b.Message),
	)
}

// HasErrors reports whether any diagnostic is an error.
// A build asks before each text's PDFs, so it is kept counted.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.errors > 0
}

// Len returns the number of diagnostics recorded so far.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Count returns the number of errors and warnings, duplicates removed;
// notes are neither.
func (l *List) Count() (errors, warnings int) {
	return Count(l.Sorted())
}

// Count returns the number of errors and warnings in ds; notes are
// neither.
func Count(ds []Diagnostic) (errors, warnings int) {
	for _, d := range ds {
		switch d.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		}
	}
	return errors, warnings
}

// Err returns the errors (not the warnings) joined into one error, or nil.
// Each line of its text is one path:line: message.
func (l *List) Err() error {
	var errs []string
	for _, d := range l.Sorted() {
		if d.Severity == Error {
			errs = append(errs, d.Error())
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &Errors{Lines: errs}
}

// Errors is the error a failed stage returns: one user-facing problem per line.
type Errors struct{ Lines []string }

func (e *Errors) Error() string { return strings.Join(e.Lines, "\n") }
