// Package status computes a site's translation matrix: one row per item,
// one cell per language saying whether that language is the original, a
// current translation, an outdated one, a copy not translated yet or
// missing, with the totals per
// language. It writes the matrix as aligned text for a terminal, as JSON
// for scripts and as Markdown for a pull-request comment, and can find in
// the git history what changed in the source of each outdated
// translation since it was translated (see Changes).
package status

import (
	"slices"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
)

// Matrix is the translation state of every item of a site.
type Matrix struct {
	Languages []string // the site's languages, in tract.toml's order
	Rows      []Row    // one per item, ordered by section then slug
	Totals    []Total  // one per language, in the order of Languages
	// Items is the number of items the totals count: len(Rows), unless
	// Select left out the rows with nothing to do.
	Items int
	// Changes holds, when they were looked for, what changed in the source
	// of each outdated translation (see Changes); nil otherwise.
	Changes []Change
	// Uncommitted are, when they were looked for (FindUncommitted), the
	// sources of outdated translations that have changes not yet
	// committed since a commit that has them: perhaps a translator
	// typing into the original by mistake.
	Uncommitted []string
	// Errors are the site's errors, which the JSON and Markdown reports
	// give with the states they explain (a file unreadable says why).
	Errors []diag.Diagnostic
}

// Row is one item.
type Row struct {
	Item     string // section/slug
	Dir      string // content/section/slug
	Original string // the original's language, "" when the item has none
	Cells    []Cell // one per language, in the order of Matrix.Languages
}

// Cell is one language of one item.
type Cell struct {
	Status content.Status
	Path   string // the variant file, relative to the site; "" when missing
	Source string // for a translation, the language it was translated from
	// Copied is, for a translation partly done (current or outdated),
	// how many of its paragraphs and list items of six words or more are still its
	// source's word for word, out of Of: its state alone calls it
	// current, and tract check warns.
	Copied, Of int
}

// Total counts one language's cells.
type Total struct {
	Language                                                       string
	Original, Current, Outdated, Untranslated, Unreadable, Missing int
	// Partly counts the current translations with paragraphs still
	// their source's (Cell.Copied): they are not counted in Current.
	Partly int
}

// Translated is the number of items whose text is up to date in this
// language: the originals written in it and the current translations.
// An outdated translation does not count: part of it no longer says
// what the source says; nor does a copy not translated yet, nor a
// translation left half done, whose readers meet the source's words.
func (t Total) Translated() int { return t.Original + t.Current }

// Percent is Translated as a whole percentage of the items, rounded down
// so that 100 means every item; 100 for a site with no items.
func (t Total) Percent() int {
	items := t.Original + t.Current + t.Partly + t.Outdated + t.Untranslated + t.Unreadable + t.Missing
	if items == 0 {
		return 100
	}
	return t.Translated() * 100 / items
}

// New computes the matrix of site.
func New(site *content.Site) *Matrix {
	langs := site.Config.Languages
	m := &Matrix{Languages: langs, Totals: make([]Total, len(langs))}
	for i, l := range langs {
		m.Totals[i].Language = l
	}
	// An item none of whose texts could be read is in the matrix too,
	// unreadable, in its place: gone from it, it would look deleted.
	items := slices.SortedFunc(slices.Values(slices.Concat(site.Items, site.Unreadable)), content.ItemOrder)
	for _, it := range items {
		row := Row{Item: it.Key(), Dir: it.Dir, Original: it.Original, Cells: make([]Cell, len(langs))}
		for i, l := range langs {
			c := Cell{Status: state(it, l)}
			if v := it.Variants[l]; v != nil {
				c.Path = v.Path
				if ref := v.TranslatedFrom(); ref != nil {
					c.Source = ref.Lang
				}
				if c.Status == content.Current || c.Status == content.Outdated {
					c.Copied, c.Of = v.CopiedParagraphs, v.Paragraphs
				}
			}
			row.Cells[i] = c
			m.Totals[i].add(c)
		}
		m.Rows = append(m.Rows, row)
	}
	m.Items = len(m.Rows)
	return m
}

// state is the state of it in lang, as Item.Status says, but for a file
// whose error (reported by the loader) leaves its state unknown, which is
// unreadable, as tract status says it is: a file with no title (an empty
// one), a second original beside the item's, and a translation whose
// translated_from names itself or a file that is not there (its
// original deleted). Counted as the original or a current translation,
// it made a language look translated in full.
func state(it *content.Item, lang string) content.Status {
	v := it.Variants[lang]
	if v == nil {
		return it.Status(lang)
	}
	ref := v.TranslatedFrom()
	switch {
	case v.Untitled():
		return content.Unreadable
	case ref == nil && lang != it.Original:
		return content.Unreadable
	case ref != nil && (ref.Lang == lang || it.Variants[ref.Lang] == nil && !it.Unreadable(ref.Lang)):
		return content.Unreadable
	}
	return it.Status(lang)
}

// add counts c: in Partly when it is partly translated, else in its
// state.
func (t *Total) add(c Cell) {
	if c.partly() {
		t.Partly++
		return
	}
	*t.of(c.Status)++
}

// Of is the number of cells in state s.
func (t Total) Of(s content.Status) int { return *t.of(s) }

// of points at the counter of state s.
func (t *Total) of(s content.Status) *int {
	switch s {
	case content.Original:
		return &t.Original
	case content.Current:
		return &t.Current
	case content.Outdated:
		return &t.Outdated
	case content.Untranslated:
		return &t.Untranslated
	case content.Unreadable:
		return &t.Unreadable
	}
	return &t.Missing
}

// Count returns the number of cells in state s, over every language.
func (m *Matrix) Count(s content.Status) int {
	n := 0
	for _, r := range m.Rows {
		for _, c := range r.Cells {
			if c.Status == s {
				n++
			}
		}
	}
	return n
}

// partly reports whether c is a current translation with paragraphs
// still its source's: the reports call it partly translated. An
// outdated one is outdated first.
func (c Cell) partly() bool { return c.Status == content.Current && c.Copied > 0 }

// label is how the text and Markdown reports name c's state.
func (c Cell) label() string {
	if c.partly() {
		return partly
	}
	return c.Status.String()
}

// partly names a current translation left half done, in the reports'
// cells and totals.
const partly = "partly"

// totalRow is one row of the totals: a state, or the translations
// partly done.
type totalRow struct {
	label string
	of    func(Total) int
}

// totalRows are the rows the totals show, in order: partly,
// untranslated and unreadable, almost always zeros, only when they are
// not.
func (m *Matrix) totalRows() []totalRow {
	var rows []totalRow
	add := func(label string, of func(Total) int, always bool) {
		n := 0
		for _, t := range m.Totals {
			n += of(t)
		}
		if always || n > 0 {
			rows = append(rows, totalRow{label, of})
		}
	}
	for _, st := range []content.Status{content.Original, content.Current, content.Outdated, content.Untranslated, content.Unreadable, content.Missing} {
		add(st.String(), func(t Total) int { return t.Of(st) }, st != content.Untranslated && st != content.Unreadable)
		if st == content.Current {
			add(partly, func(t Total) int { return t.Partly }, false)
		}
	}
	return rows
}

// counted is the number of cells in state s the totals count, over every
// language.
func (m *Matrix) counted(s content.Status) int {
	n := 0
	for _, t := range m.Totals {
		n += t.Of(s)
	}
	return n
}

// Outdated lists the outdated translations, in the order of the rows.
func (m *Matrix) Outdated() []Cell {
	var out []Cell
	for _, r := range m.Rows {
		for _, c := range r.Cells {
			if c.Status == content.Outdated {
				out = append(out, c)
			}
		}
	}
	return out
}

// PartlyCopied returns the translations, current or outdated, with
// paragraphs still their source's word for word, in the matrix's order.
func (m *Matrix) PartlyCopied() []Cell {
	var out []Cell
	for _, r := range m.Rows {
		for _, c := range r.Cells {
			if c.Copied > 0 {
				out = append(out, c)
			}
		}
	}
	return out
}

// sourcePath is the file a translation in dir was made from.
func sourcePath(dir, lang string) string { return dir + "/" + lang + ".md" }

// change returns the change found for the translation at path, or nil.
func (m *Matrix) change(path string) *Change {
	for i := range m.Changes {
		if m.Changes[i].Path == path {
			return &m.Changes[i]
		}
	}
	return nil
}
