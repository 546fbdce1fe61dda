package status

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
)

// TextOptions change how WriteText looks.
type TextOptions struct {
	// Color marks the states with ANSI colours: for a terminal only.
	Color bool
}

// ANSI colours of the states, and the reset code.
var colors = map[content.Status]string{
	content.Original: "\x1b[1m",  // bold
	content.Current:  "\x1b[32m", // green
	content.Outdated: "\x1b[33m", // yellow
	content.Missing:  "\x1b[31m", // red
	// A copy not translated yet is as far from done as a missing one, and
	// a file that cannot be read is not there for readers.
	content.Untranslated: "\x1b[31m",
	content.Unreadable:   "\x1b[31m",
}

const reset = "\x1b[0m"

// WriteText writes the matrix as aligned columns, the list of outdated
// translations and, when they were found, their changes, then the
// totals: on an archive the list runs to thousands of lines, and a
// terminal shows its end, so the report ends with the sum of it.
func (m *Matrix) WriteText(w io.Writer, opts TextOptions) error {
	// The first column holds the items and the totals' labels.
	first := max(len("translated"), len(diag.Plural(m.Items, "item")))
	for _, r := range m.Rows {
		first = max(first, utf8.RuneCountInString(r.Item))
	}
	col := 10 // wider than "original" and "outdated"
	if m.counted(content.Untranslated)+m.counted(content.Unreadable) > 0 {
		col = 14 // and "untranslated", in the cells and the totals' labels
		first = max(first, len("untranslated"))
	}
	paint := func(s string, st content.Status) string {
		cell := s + strings.Repeat(" ", max(0, col-utf8.RuneCountInString(s)))
		if opts.Color {
			return colors[st] + s + reset + cell[len(s):]
		}
		return cell
	}
	tw := &errWriter{w: w}
	// columns writes lines padded on the right, the last column's
	// padding trimmed.
	columns := func(write func(cw *errWriter)) {
		var b strings.Builder
		write(&errWriter{w: &b})
		for _, line := range strings.SplitAfter(b.String(), "\n") {
			if trimmed := strings.TrimRight(line, " \n"); line != trimmed {
				tw.printf("%s\n", trimmed)
			}
		}
	}
	header := func(cw *errWriter, label string) {
		cw.printf("%-*s", first+2, label)
		for _, l := range m.Languages {
			cw.printf("%-*s", col, l)
		}
		cw.printf("\n")
	}
	if len(m.Rows) == 0 && m.Items > 0 {
		// Select left out every row: nothing waits for a translator.
		tw.printf("nothing left to translate: no translation is missing, untranslated, unreadable, outdated or partly translated\n")
	} else {
		columns(func(cw *errWriter) {
			header(cw, "item")
			for _, r := range m.Rows {
				cw.printf("%-*s", first+2, r.Item)
				for _, c := range r.Cells {
					color := c.Status
					if c.partly() {
						color = content.Outdated // work left, as there
					}
					cw.printf("%s", paint(c.label(), color))
				}
				cw.printf("\n")
			}
		})
	}

	if out := m.Outdated(); len(out) > 0 {
		tw.printf("\noutdated translations (their source changed since they were translated):\n")
		for _, c := range out {
			tw.printf("  %s  (from %s.md)\n", c.Path, c.Source)
		}
		// A translator typing into the original by mistake makes its
		// translations outdated: the way back is not to mend them.
		for _, p := range m.Uncommitted {
			tw.printf("\n%s has changes not yet committed, which outdate its translations: if you typed them there by mistake (meaning to edit a translation), git restore %s takes them back; if they are an editor's, leave them\n", p, p)
		}
	}
	if partly := m.PartlyCopied(); len(partly) > 0 {
		tw.printf("\n%s\n", partlyHeading)
		for _, c := range partly {
			tw.printf("  %s  (%s)\n", c.Path, copiedCount(c))
		}
	}
	for _, group := range sameChange(m.Changes) {
		ch, since := group[0], "it was"
		if len(group) > 1 {
			since = "they were"
		}
		tw.printf("\n%s: what changed in %s since %s translated\n", paths(group, plain), ch.Source, since)
		if ch.Problem != "" {
			tw.printf("  %s\n", ch.Problem)
			continue
		}
		tw.printf("%s", colorDiff(ch.Diff, opts.Color))
		if !opts.Color {
			// Without colours to mark them, the words changed are listed.
			writeWordChanges(tw, wordChanges(ch.Diff), textList)
		}
	}

	tw.printf("\n")
	columns(func(cw *errWriter) {
		header(cw, diag.Plural(m.Items, "item"))
		for _, row := range m.totalRows() {
			cw.printf("%-*s", first+2, row.label)
			for _, t := range m.Totals {
				cw.printf("%-*d", col, row.of(t))
			}
			cw.printf("\n")
		}
		cw.printf("%-*s", first+2, "translated")
		for _, t := range m.Totals {
			cw.printf("%-*s", col, fmt.Sprintf("%d%%", t.Percent()))
		}
		cw.printf("\n")
	})
	return tw.err
}

// partlyHeading heads the list of translations partly copied.
const partlyHeading = "partly translated (tract check gives the line of the first paragraph left as it was):"

// copiedCount says how much of c is still its source's, as tract check
// says it.
func copiedCount(c Cell) string { return content.CopiedNote(c.Copied, c.Of, c.Source) }

// colorDiff colours the added and removed lines of a unified diff, and
// within a line that was changed, not rewritten, the words that changed:
// in a paragraph written as one long line, a translator sees "seven"
// where "six" was without reading the line twice.
func colorDiff(diff string, color bool) string {
	if !color {
		return diff
	}
	var b strings.Builder
	lines := strings.SplitAfter(diff, "\n")
	inHunk := false // "---" is a file's name before the first "@@", a removed "--" line after
	for i := 0; i < len(lines); {
		line := lines[i]
		switch {
		case !inHunk && (strings.HasPrefix(line, "+++") || strings.HasPrefix(line, "---")):
			b.WriteString("\x1b[1m" + strings.TrimSuffix(line, "\n") + reset + "\n")
		case strings.HasPrefix(line, "-"), strings.HasPrefix(line, "+"):
			var removed, added []string
			removed, added, i = changeAt(lines, i)
			colorChange(&b, removed, added)
			continue
		case strings.HasPrefix(line, "@@"):
			inHunk = true
			b.WriteString("\x1b[36m" + strings.TrimSuffix(line, "\n") + reset + "\n")
		default:
			b.WriteString(line)
		}
		i++
	}
	return b.String()
}

// colorChange writes the lines a change removes in red and those it adds
// in green (see changeAt), with the words that differ in reverse video
// when there are lines of both and they differ by a part, not the whole.
func colorChange(b *strings.Builder, removed, added []string) {
	var oldSpans, newSpans [][]span
	if len(removed) > 0 && len(added) > 0 {
		oldSpans, newSpans = changedWords(removed, added)
	}
	write := func(sign, colour string, lines []string, spans [][]span) {
		for i, l := range lines {
			b.WriteString(colour + sign)
			at := 0
			if spans != nil {
				for _, s := range joinSpans(l, spans[i]) {
					b.WriteString(l[at:s.from] + "\x1b[7m" + l[s.from:s.to] + "\x1b[27m")
					at = s.to
				}
			}
			b.WriteString(l[at:] + reset + "\n")
		}
	}
	write("-", "\x1b[31m", removed, oldSpans)
	write("+", "\x1b[32m", added, newSpans)
}

// joinSpans joins the spans of line that only spaces part, so that two
// words changed side by side read as one change, and leaves out the
// spaces at their ends, unless a span is only spaces.
func joinSpans(line string, spans []span) []span {
	var out []span
	for _, s := range spans {
		if n := len(out); n > 0 && strings.TrimSpace(line[out[n-1].to:s.from]) == "" {
			out[n-1].to = s.to
			continue
		}
		out = append(out, s)
	}
	for i, s := range out {
		text := line[s.from:s.to]
		if trimmed := strings.TrimLeftFunc(text, unicode.IsSpace); trimmed != "" {
			s.from += len(text) - len(trimmed)
			s.to -= len(trimmed) - len(strings.TrimRightFunc(trimmed, unicode.IsSpace))
			out[i] = s
		}
	}
	return out
}

// errWriter keeps the first write error, so the writers need not check
// each line.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// JSON is the matrix as WriteJSON writes it.
type JSON struct {
	Languages []string     `json:"languages"`
	Items     []ItemJSON   `json:"items"`
	Totals    []TotalJSON  `json:"totals"`
	Outdated  []ChangeJSON `json:"outdated"`
	// Copied are the translations partly done (see Cell.Copied).
	Copied []CopiedJSON `json:"copied"`
	// Errors are the site's errors: why a file is unreadable, above all.
	Errors []ErrorJSON `json:"errors"`
}

// ErrorJSON is one error of the site, at its file and line (0 if none).
type ErrorJSON struct {
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// ItemJSON is one row: the state of each language, by language.
type ItemJSON struct {
	Item     string `json:"item"`
	Dir      string `json:"dir"`
	Original string `json:"original"`
	// Status is each language's state, as the text report's cells
	// give it: "partly" for a current translation with paragraphs
	// still its source's (listed in copied).
	Status map[string]string `json:"status"`
}

// TotalJSON is one language's totals.
type TotalJSON struct {
	Language string `json:"language"`
	Original int    `json:"original"`
	Current  int    `json:"current"` // the current translations done in full
	// Partly counts the current translations with paragraphs still
	// their source's, listed in copied.
	Partly   int `json:"partly"`
	Outdated int `json:"outdated"`
	// Untranslated counts the copies tract translate --to wrote that are
	// not translated yet.
	Untranslated int `json:"untranslated"`
	// Unreadable counts the files that are there but cannot be read.
	Unreadable int `json:"unreadable"`
	Missing    int `json:"missing"`
	Translated int `json:"translated"` // original + current
	Percent    int `json:"percent"`    // translated * 100 / items, rounded down
}

// CopiedJSON is one translation partly done: Copied of its Of
// paragraphs and list items of six words or more are still those of Source, word for
// word.
type CopiedJSON struct {
	Path   string `json:"path"`
	Source string `json:"source"`
	Copied int    `json:"copied"`
	Of     int    `json:"of"`
}

// ChangeJSON is one outdated translation; the last three fields are set
// with --diff.
type ChangeJSON struct {
	Path     string `json:"path"`
	Source   string `json:"source"`
	Revision string `json:"revision,omitempty"`
	Diff     string `json:"diff,omitempty"`
	Problem  string `json:"problem,omitempty"`
}

// WriteJSON writes the matrix as one JSON object (see JSON).
func (m *Matrix) WriteJSON(w io.Writer) error {
	out := JSON{Languages: m.Languages, Items: []ItemJSON{}, Totals: []TotalJSON{}, Outdated: []ChangeJSON{}, Copied: []CopiedJSON{}, Errors: []ErrorJSON{}}
	for _, d := range m.Errors {
		out.Errors = append(out.Errors, ErrorJSON{d.Path, d.Line, d.Message})
	}
	for _, r := range m.Rows {
		it := ItemJSON{Item: r.Item, Dir: r.Dir, Original: r.Original, Status: map[string]string{}}
		for i, c := range r.Cells {
			it.Status[m.Languages[i]] = c.label()
		}
		out.Items = append(out.Items, it)
	}
	for _, t := range m.Totals {
		out.Totals = append(out.Totals, TotalJSON{t.Language, t.Original, t.Current, t.Partly, t.Outdated, t.Untranslated, t.Unreadable, t.Missing, t.Translated(), t.Percent()})
	}
	for _, c := range m.Outdated() {
		j := ChangeJSON{Path: c.Path, Source: sourcePath(dirOf(c.Path), c.Source)}
		if ch := m.change(c.Path); ch != nil {
			j.Revision, j.Diff, j.Problem = ch.Revision, ch.Diff, ch.Problem
		}
		out.Outdated = append(out.Outdated, j)
	}
	for _, c := range m.PartlyCopied() {
		out.Copied = append(out.Copied, CopiedJSON{c.Path, sourcePath(dirOf(c.Path), c.Source), c.Copied, c.Of})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// Markdown cell labels: a symbol reads at a glance in a long table.
var markdownLabels = map[content.Status]string{
	content.Original:     "original",
	content.Current:      "✅ current",
	content.Outdated:     "⚠️ outdated",
	content.Untranslated: "📝 untranslated",
	content.Unreadable:   "🛑 unreadable",
	content.Missing:      "❌ missing",
}

// markdownText escapes a message for a Markdown line: "content/<section>/"
// is not taken for an HTML tag, which GitHub would strip, nor a backtick
// for code.
var markdownText = strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;", "`", "\\`", "\n", " ")

// WriteMarkdown writes the matrix for a pull-request comment: the totals
// first, then the outdated translations (with their diffs when found),
// then the full matrix folded in a <details> block, so a site of hundreds
// of items still makes a short comment.
func (m *Matrix) WriteMarkdown(w io.Writer) error {
	mw := &errWriter{w: w}
	mw.printf("### Translation status\n\n")
	mw.printf("| | %s |\n|---|%s\n", strings.Join(m.Languages, " | "), strings.Repeat("---:|", len(m.Languages)))
	row := func(label string, f func(Total) string) {
		cells := make([]string, len(m.Totals))
		for i, t := range m.Totals {
			cells[i] = f(t)
		}
		mw.printf("| %s | %s |\n", label, strings.Join(cells, " | "))
	}
	n := m.Items
	row("**translated**", func(t Total) string { return fmt.Sprintf("**%d%%** (%d/%d)", t.Percent(), t.Translated(), n) })
	for _, r := range m.totalRows() {
		row(r.label, func(t Total) string { return fmt.Sprint(r.of(t)) })
	}

	if len(m.Errors) > 0 {
		mw.printf("\n**Errors** (`tract check` lists them too; an unreadable file is one of them):\n\n")
		for _, d := range m.Errors {
			at := d.Path
			if d.Line > 0 {
				at = fmt.Sprintf("%s:%d", d.Path, d.Line)
			}
			mw.printf("- `%s`: %s\n", at, markdownText.Replace(d.Message))
		}
	}
	if out := m.Outdated(); len(out) > 0 {
		mw.printf("\n**Outdated translations** (their source changed since they were translated):\n\n")
		for _, c := range out {
			mw.printf("- `%s` (from `%s.md`)\n", c.Path, c.Source)
		}
	}
	if partly := m.PartlyCopied(); len(partly) > 0 {
		mw.printf("\n**Partly translated** (`tract check` gives the line of the first paragraph left as it was):\n\n")
		for _, c := range partly {
			mw.printf("- `%s`: %s\n", c.Path, markdownText.Replace(copiedCount(c)))
		}
	}
	for _, group := range sameChange(m.Changes) {
		ch := group[0]
		mw.printf("\n<details><summary>%s: what changed in <code>%s</code></summary>\n\n", paths(group, code), ch.Source)
		if ch.Problem != "" {
			mw.printf("%s\n", ch.Problem)
		} else {
			writeWordChanges(mw, wordChanges(ch.Diff), markdownList)
			fence := "```"
			for strings.Contains(ch.Diff, fence) {
				fence += "`"
			}
			mw.printf("%sdiff\n%s%s\n", fence, ch.Diff, fence)
		}
		mw.printf("\n</details>\n")
	}

	if len(m.Rows) == n {
		mw.printf("\n<details><summary>Every item (%d)</summary>\n\n", n)
	} else {
		mw.printf("\n<details><summary>Items with something left to translate (%d of %d)</summary>\n\n", len(m.Rows), n)
	}
	mw.printf("| item | %s |\n|---|%s\n", strings.Join(m.Languages, " | "), strings.Repeat("---|", len(m.Languages)))
	for _, r := range m.Rows {
		cells := make([]string, len(r.Cells))
		for i, c := range r.Cells {
			cells[i] = markdownLabels[c.Status]
			if c.partly() {
				cells[i] = "🟡 partly"
			}
		}
		mw.printf("| `%s` | %s |\n", r.Item, strings.Join(cells, " | "))
	}
	mw.printf("\n</details>\n")
	return mw.err
}

// wordChangesListed is how many word changes a report lists for one
// diff, and wordChangeShown how many characters of each side.
const (
	wordChangesListed = 20
	wordChangeShown   = 120
)

// A wordList is how a report lists word changes: the list has head
// before it and tail after it, each change is a line starting with
// bullet, written by show.
type wordList struct {
	head, bullet, tail string
	show               func(wordChange) string
}

var (
	textList     = wordList{"words changed:\n", "  ", "", wordChange.plain}
	markdownList = wordList{"Words changed:\n\n", "- ", "\n", wordChange.markdown}
)

// writeWordChanges lists the words a diff replaced, for a report that
// cannot colour them within a line (a file, a pull-request comment): in
// a paragraph written as one long line, "six" and "seven" side by side
// say at once what the diff says in two long lines.
func writeWordChanges(w *errWriter, changes []wordChange, l wordList) {
	if len(changes) == 0 {
		return
	}
	w.printf("%s", l.head)
	for i, c := range changes {
		if i == wordChangesListed {
			w.printf("%sand %d more\n", l.bullet, len(changes)-i)
			break
		}
		w.printf("%sline %d: %s\n", l.bullet, c.Line, l.show(c))
	}
	w.printf("%s", l.tail)
}

func dirOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// plain and code write a path as text and as Markdown's HTML writes it.
func plain(path string) string { return path }
func code(path string) string  { return "<code>" + path + "</code>" }
