// Package content reads a tract site: tract.toml and the Markdown variants
// under content/, each split into strictly decoded front matter and a body
// that keeps its line numbers. It matches variants into items, finds each
// item's original, computes digests and tells which translations are
// current, outdated or missing. It knows nothing of Markdown rendering or
// PDF: later stages read the Site it returns and never change it.
package content

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/layered"
)

// Sections are the kinds of item tract publishes, in the order menus list them.
var Sections = []string{"leaflets", "articles", "bulletins", "pamphlets", "events", "pages"}

// UnknownSection is the message for name, which is none of Sections,
// with the section most likely meant: "leaflet" is leaflets, "Events"
// events. tract check says it of a folder, tract new and tract status
// of what they are given.
func UnknownSection(name string) string {
	msg := fmt.Sprintf("unknown section %q (sections are %s)", name, strings.Join(Sections, ", "))
	if s := MeantSection(name); s == strings.ToLower(name) {
		msg += ": did you mean " + s + "? Section names are in small letters"
	} else if s != "" {
		msg += ": did you mean " + s + "?"
	}
	return msg
}

// MeantSection is the section name, not one, most likely stands for,
// or "" when it is close to none.
func MeantSection(name string) string {
	if low := strings.ToLower(name); slices.Contains(Sections, low) {
		return low
	}
	return diag.Closest(strings.ToLower(name), Sections)
}

// Site is the whole publication as read from disk.
type Site struct {
	Config *Config
	Items  []*Item // ordered by section, then slug

	byKey *layered.Map[string, *Item]
	// left holds the keys of the item folders left out of the site
	// because none of their texts could be read (see Left).
	left map[string]bool
	// Unreadable are the items left out of Items whose every text
	// failed to read (its errors reported), ordered as Items: tract
	// status shows them, as unreadable, not as if they did not exist.
	Unreadable []*Item
}

// Item returns the item content/<section>/<slug>, or nil.
func (s *Site) Item(section, slug string) *Item { return s.byKey.Get(section + "/" + slug) }

// Left reports whether content/<section>/<slug> is an item folder that is
// not in the site for errors of its own, already reported: no text, or
// none that could be read. A link to it, or a bulletin listing it, need
// not report it again as missing.
func (s *Site) Left(section, slug string) bool { return s.left[section+"/"+slug] }

// Section returns the items of one section, newest first.
func (s *Site) Section(section string) []*Item {
	var out []*Item
	for _, it := range s.Items {
		if it.Section == section {
			out = append(out, it)
		}
	}
	SortNewestFirst(out)
	return out
}

// NewestFirst compares items by date, newest first; undated items come
// last; items of the same date are ordered by section, then slug. No two
// items of a site compare equal, so every list of them has one order.
func NewestFirst(a, b *Item) int {
	if c := b.SortTime().Compare(a.SortTime()); c != 0 {
		return c
	}
	if a.Section != b.Section {
		return slices.Index(Sections, a.Section) - slices.Index(Sections, b.Section)
	}
	return strings.Compare(a.Slug, b.Slug)
}

// SortNewestFirst orders items by NewestFirst.
func SortNewestFirst(items []*Item) {
	slices.SortFunc(items, NewestFirst)
}

// Item is one publication (a leaflet, an article, an event...) in all its
// languages: the folder content/<section>/<slug>/.
type Item struct {
	Section, Slug string
	Dir           string // content/<section>/<slug>
	Original      string // the language of the original variant ("" if none could be found)
	Variants      map[string]*Variant
	Meta          Meta
	Assets        []string // other files in the folder, slash paths relative to Dir

	files      int      // variant files found, readable or not
	entries    int      // files found in its folder, but for those passed over (systemFile, dot files)
	unreadable []string // languages whose file could not be read (already reported)
	refused    []string // files beside the texts refused (already reported), as Assets
}

// Key is section/slug, the item's identity across languages.
func (it *Item) Key() string { return it.Section + "/" + it.Slug }

// Unreadable reports whether the item's file in lang exists but could not
// be read or decoded: an error already reported at that file, which a
// link to it need not report again as a missing file.
func (it *Item) Unreadable(lang string) bool { return slices.Contains(it.unreadable, lang) }

// Refused reports whether the file at rel (a slash path relative to the
// item's folder) is in the folder but was refused, for its type, name or
// size: an error already reported at that file, which a link to it need
// not report again as a missing file.
func (it *Item) Refused(rel string) bool { return slices.Contains(it.refused, rel) }

// Langs returns the languages the item exists in, in the site's order.
func (it *Item) Langs(site []string) []string {
	var out []string
	for _, l := range site {
		if it.Variants[l] != nil {
			out = append(out, l)
		}
	}
	return out
}

// SameLangs reports whether it and o have texts in the same languages,
// and pages in the same ones: a copy translated (see Published) changes
// where links to the item lead, as a new language does.
func (it *Item) SameLangs(o *Item) bool {
	if len(it.Variants) != len(o.Variants) {
		return false
	}
	for lang := range it.Variants {
		if o.Variants[lang] == nil || (it.Published(lang) == nil) != (o.Published(lang) == nil) {
			return false
		}
	}
	return true
}

// SortTime is the date used to order the item: its date, or for events
// without one, the day they start.
func (it *Item) SortTime() time.Time {
	if !it.Meta.Date.IsZero() {
		return it.Meta.Date.Time
	}
	return it.Meta.Starts.Time
}

// Meta holds the language-neutral fields, read from the original variant.
type Meta struct {
	Date           Date
	Starts, Ends   When
	Venue, Address string
	Tags           []string
	Number         int
	Articles       []string
	Signatories    []string
	Paper          string // always set: the item's or tract.toml's
}

// Status is the state of one language of an item.
type Status int

// The states of a language of an item.
const (
	Missing      Status = iota // no file
	Original                   // the variant without translated_from
	Current                    // a translation whose source has not changed since
	Outdated                   // a translation whose source changed since
	Untranslated               // the copy tract translate --to writes, its source word for word
	Unreadable                 // a file that is there but could not be read (tract check says why)
)

func (s Status) String() string {
	return [...]string{"missing", "original", "current", "outdated", "untranslated", "unreadable"}[s]
}

// Status tells whether lang is the original, a current or outdated
// translation, a copy not translated yet, a file that cannot be read, or
// missing.
func (it *Item) Status(lang string) Status {
	v := it.Variants[lang]
	switch {
	case v == nil && it.Unreadable(lang):
		return Unreadable
	case v == nil:
		return Missing
	case v.TranslatedFrom() == nil:
		return Original
	case v.inCycle:
		return Unreadable
	case v.Untranslated:
		return Untranslated
	case v.Outdated:
		return Outdated
	}
	return Current
}

// Variant is one language of an item: one Markdown file.
type Variant struct {
	Item  *Item
	Lang  string
	Path  string // slash path relative to the site directory
	Front *FrontMatter
	// Body is the Markdown after the front matter; BodyLine is the file line
	// its first byte is on, so positions in Body map back to the file.
	Body     []byte
	BodyLine int
	// Digest identifies the translatable text (see Digest).
	Digest string
	// Outdated is set on a translation whose source's digest is no longer
	// the one it records.
	Outdated bool
	// Untranslated is set on a translation whose title, summary and text
	// are its source's, word for word: the copy tract translate --to
	// writes. Its digest alone would call it current.
	Untranslated bool
	// CopiedParagraphs is, for a translation partly done, how many of its
	// paragraphs and list items of six words or more are still its source's word for
	// word, out of Paragraphs: what tract status lists and tract check
	// warns about. Both are 0 for an original and for a copy not
	// translated yet (Untranslated).
	CopiedParagraphs, Paragraphs int
	// CopiedLines are the lines of those paragraphs, in the body, for a
	// translation partly done, each with the language its words were
	// written in, which its page and its PDF mark them as. nil
	// otherwise.
	CopiedLines []Lines
	// inCycle is set on a translation whose chain of translated_from
	// comes back to it: with no original, it is neither current nor
	// outdated, and its status is that of a file in error.
	inCycle bool
	// paragraphs is the body's paragraphs worth translating, for
	// Copied: worked out as the file is read, on every core.
	paragraphs []paragraph
}

// Title is the variant's title.
func (v *Variant) Title() string { return v.Front.Title }

// Untitled reports whether the file has no title, not even an empty one
// written: an empty file, or one whose front matter could not be read.
// Its own error says what to do; what it is a translation of is unknown.
func (v *Variant) Untitled() bool {
	return v.Front == nil || v.Front.Title == "" && !v.Front.Has("title")
}

// TranslatedFrom is the variant this one was translated from, or nil for the original.
func (v *Variant) TranslatedFrom() *Ref { return v.Front.TranslatedFrom }

// Line converts a byte offset in Body to a file line.
func (v *Variant) Line(offset int) int {
	if offset > len(v.Body) {
		offset = len(v.Body)
	}
	line := v.BodyLine
	for _, c := range v.Body[:max(offset, 0)] {
		if c == '\n' {
			line++
		}
	}
	return line
}

// FallbackOrder is the documented order in which an item's variants are
// tried for a reader of lang: lang itself, then the item's original. Not
// the site's default language: a reader who cannot have their own language
// gets the text as it was written, which is never out of date.
func FallbackOrder(lang, original string) []string {
	if lang == original || original == "" {
		return []string{lang}
	}
	return []string{lang, original}
}

// ReaderLang is the language a reader of lang is given for this item,
// following FallbackOrder; "" if the item has no usable variant.
func (it *Item) ReaderLang(lang string) string {
	for _, l := range FallbackOrder(lang, it.Original) {
		if it.Published(l) != nil {
			return l
		}
	}
	return ""
}

// Published is the item's text in lang that readers get: its variant,
// unless that is still the copy tract translate --to wrote, its source
// word for word (Variant.Untranslated), which would show the source's
// language under lang's; nil then, as for a language the item lacks.
func (it *Item) Published(lang string) *Variant {
	if v := it.Variants[lang]; v != nil && !v.Untranslated {
		return v
	}
	return nil
}

// PublishedLangs are the languages of site, in order, the item has a
// text readers get in (see Published).
func (it *Item) PublishedLangs(site []string) []string {
	var out []string
	for _, l := range site {
		if it.Published(l) != nil {
			out = append(out, l)
		}
	}
	return out
}

// PagePath is the site path of the item's page in lang: "fr/leaflets/rent/".
func (it *Item) PagePath(lang string) string {
	return lang + "/" + it.Section + "/" + it.Slug + "/"
}

// FilesPath is the site path of the folder the item's files are
// published in — the files beside its variants, and the smaller copies
// tract makes of its pictures: "leaflets/rent/". It is one folder for
// every language: each language's page shows and links the same file, so
// a reader who changes language, a browser's cache and an upload fetch
// or send it once. It is never a language's folder: a language is a tag
// of two or three letters (see ParseConfig), and a section's name is
// longer.
func (it *Item) FilesPath() string {
	return it.Section + "/" + it.Slug + "/"
}

// SplitSitePath splits a site path that leads into an item's page's
// folder — "fr/leaflets/rent/", "fr/leaflets/rent/rent-fr-a4.pdf" — as
// PagePath joins it: into the language, the item's section and slug, and
// what follows the item's folder ("", "rent-fr-a4.pdf"). All are slices
// of p. ok is false for a path with fewer than two slashes, which reaches
// no item, and for one in an item's files folder (see SplitFilesPath).
func SplitSitePath(p string) (lang, section, slug, rest string, ok bool) {
	lang, after, ok := strings.Cut(p, "/")
	if !ok || slices.Contains(Sections, lang) {
		return "", "", "", "", false
	}
	section, after, ok = strings.Cut(after, "/")
	if !ok {
		return "", "", "", "", false
	}
	slug, rest, _ = strings.Cut(after, "/")
	return lang, section, slug, rest, true
}

// SplitFilesPath splits a site path in an item's files folder —
// "leaflets/rent/", "leaflets/rent/photo%20a.jpg" — as FilesPath joins
// it: into the item's section and slug, and what follows the folder (a
// file's escaped name). All are slices of p. ok is false for a path that
// does not start with a section's folder and a slug.
func SplitFilesPath(p string) (section, slug, rest string, ok bool) {
	section, after, ok := strings.Cut(p, "/")
	if !ok || !slices.Contains(Sections, section) {
		return "", "", "", false
	}
	slug, rest, ok = strings.Cut(after, "/")
	if !ok || slug == "" {
		return "", "", "", false
	}
	return section, slug, rest, true
}

// FileAt returns the slash path in the site of the item's file published
// at the site path p: "articles/x/big%20photo.jpg" is
// content/articles/x/big photo.jpg. ok is false when p is not in an
// item's files folder, or names no file there.
func FileAt(p string) (file string, ok bool) {
	section, slug, rest, ok := SplitFilesPath(p)
	if !ok || rest == "" {
		return "", false
	}
	name, err := url.PathUnescape(rest)
	if err != nil {
		return "", false
	}
	return path.Join(ContentDir, section, slug, name), true
}

// EscapePath escapes each segment of the slash path p for a URL: a slug
// or a file name may have accents or spaces.
func EscapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// RelURL is the relative URL from the page at site path from (a folder
// such as "fr/articles/x/") to the site path to. Relative URLs let the
// same dist/ work at any address: a domain root, a sub-folder, a preview.
func RelURL(from, to string) string {
	fromDir := from[:strings.LastIndexByte(from, '/')+1]
	depth := strings.Count(fromDir, "/")
	// Share the common leading folders.
	i := 0
	for {
		j := strings.IndexByte(fromDir[i:], '/')
		if j < 0 || !strings.HasPrefix(to[i:], fromDir[i:i+j+1]) {
			break
		}
		i += j + 1
		depth--
	}
	rest := to[i:]
	if depth == 0 {
		if rest == "" {
			return "./"
		}
		return rest // a link inside the page's folder: no copy
	}
	var b strings.Builder // one allocation, where Repeat and + made two
	b.Grow(3*depth + len(rest))
	for range depth {
		b.WriteString("../")
	}
	b.WriteString(rest)
	return b.String()
}
