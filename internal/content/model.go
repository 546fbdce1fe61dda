package content

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tractpub/tract/internal/diag"
)

// outdatedPrefix starts the warning about each outdated translation.
const outdatedPrefix = "outdated translation: "

// OutdatedNamed is the most outdated translations tract build and tract
// serve name one by one. An archive of thousands of items has hundreds
// (459 in the 3,000-item benchmark corpus), and naming them all, on
// every build, would bury the warning that matters, about the text just
// written: past this number they are counted in one line. tract check
// and tract status name them all.
const OutdatedNamed = 10

// IsOutdatedWarning reports whether d is the warning about an outdated
// translation (see OutdatedNamed).
func IsOutdatedWarning(d diag.Diagnostic) bool {
	return d.Severity == diag.Warning && strings.HasPrefix(d.Message, outdatedPrefix)
}

// link matches the variants of each item: it finds the original, checks
// translated_from chains, fills the item's language-neutral fields from
// the original and marks outdated translations.
func (s *Site) link(diags *diag.List) {
	keys := s.byKey.Edit()
	s.Items = slices.DeleteFunc(s.Items, func(it *Item) bool {
		if len(it.Variants) == 0 {
			switch {
			case it.files > 0:
			case it.entries == 0:
				// A folder made and not yet filled, or emptied: nothing
				// of it is lost, and nothing published.
				diags.Warnf(it.Dir, 0, "empty folder: nothing is published from it; add a text such as %s.md, or remove the folder", s.Config.DefaultLanguage)
			default:
				diags.Errorf(it.Dir, 0, "no variant: add a file such as %s/%s.md", it.Dir, s.Config.DefaultLanguage)
			}
			keys.Delete(it.Key())
			if s.left == nil {
				s.left = map[string]bool{}
			}
			s.left[it.Key()] = true
			if len(it.unreadable) > 0 {
				s.Unreadable = append(s.Unreadable, it)
			}
			return true
		}
		return false
	})
	s.byKey = keys.Done()
	slices.SortFunc(s.Items, ItemOrder)
	slices.SortFunc(s.Unreadable, ItemOrder)
	for _, it := range s.Items {
		s.linkItem(it, diags)
	}
	for _, it := range s.Items {
		s.checkMeta(it, diags)
	}
	s.checkTags(diags)
	s.checkTagKeys(diags)
	s.checkNumbers(diags)
}

// untilTranslated says what readers get of it in a language whose text
// is a copy not yet translated: what they get of a language it lacks.
func untilTranslated(it *Item) string {
	if it.Original == "" {
		return "until it is translated, it is not published"
	}
	return fmt.Sprintf("until it is translated, it is not published, and its readers get %s.md, as for a text not yet written (in its lists with a notice, or not at all with fallback = \"hide\")", it.Original)
}

// maxTitle is the longest title, in characters, not warned about: a
// statement's title may be long, a paragraph is not a title.
const maxTitle = 200

// sameTitle reports whether a translation's title is its source's, of
// four words or more: a name ("Vantor", "Pelham Court") stays as it is
// in every language, and is not warned about.
func sameTitle(a, b string) bool { return sameWords(a, b, 4) }

// sameWords reports whether a and b are the same words, case and spaces
// aside, and a has atLeast words: a summary of six words left as the
// original's is found, a slogan of three is not.
func sameWords(a, b string, atLeast int) bool {
	words := strings.Fields(a)
	return len(words) >= atLeast && strings.EqualFold(strings.Join(words, " "), strings.Join(strings.Fields(b), " "))
}

// checkNumbers warns about two bulletins with one number: readers, and
// the people who hand them out, tell issues apart by it.
func (s *Site) checkNumbers(diags *diag.List) {
	first := map[int]*Item{}
	for _, it := range s.Items { // in ItemOrder: the first by its folder's name is named
		if it.Section != "bulletins" || it.Original == "" || it.Meta.Number == 0 {
			continue
		}
		if was := first[it.Meta.Number]; was != nil {
			v := it.Variants[it.Original]
			diags.Warnf(v.Path, v.Front.Line["number"], "bulletin number %d is also %s's: give each bulletin its own number", it.Meta.Number, was.Variants[was.Original].Path)
			continue
		}
		first[it.Meta.Number] = it
	}
}

// checkTagKeys warns about two tags written differently, beyond case and
// spaces, that share a page: TagKey keeps only letters, digits, hyphens
// and underscores, so "C#" and "C+" are both tags/c-/, named after the
// first, and the second has no page of its own.
func (s *Site) checkTagKeys(diags *diag.List) {
	type first struct{ written, shown, path string }
	seen, warned := map[string]first{}, map[string]bool{}
	for _, it := range s.Items {
		orig := it.Variants[it.Original]
		if orig == nil {
			continue
		}
		for _, t := range it.Meta.Tags {
			key, written := TagKey(t), strings.Join(strings.Fields(strings.ToLower(norm.NFC.String(t))), " ")
			f, ok := seen[key]
			if !ok {
				seen[key] = first{written, strings.TrimSpace(t), orig.Path}
				continue
			}
			if f.written != written && !warned[key+"\x00"+written] {
				warned[key+"\x00"+written] = true // once for each other spelling
				diags.Warnf(orig.Path, orig.Front.Line["tags"], "tag %q shares its page, tags/%s/, with %q (%s): a tag page is named by the letters and digits of the tag; write the two alike, or tell them apart with letters", strings.TrimSpace(t), key, f.shown, f.path)
			}
		}
	}
}

// checkTags warns about the tags that look mistyped: one that a single
// item has, a letter or two from one that several items have
// ("reapirs", "comunity"), which would get a page of its own; and a
// tag tract.toml names that no item has (a mistyped tag, or one whose
// items were all removed). It looks at the whole site.
func (s *Site) checkTags(diags *diag.List) {
	users := map[string][]*Item{} // tag key -> the items that have it
	var keys []string
	for _, it := range s.Items {
		for _, t := range it.Meta.Tags {
			k := TagKey(t)
			if n := len(users[k]); n > 0 && users[k][n-1] == it {
				continue // written twice in one item
			}
			if users[k] == nil {
				keys = append(keys, k)
			}
			users[k] = append(users[k], it)
		}
	}
	folded := s.checkFoldedTags(users, keys, diags)
	var common []string // the tags of several items, which a typo is near
	for _, k := range keys {
		if len(users[k]) > 1 {
			common = append(common, k)
		}
	}
	for _, k := range keys {
		if len(users[k]) != 1 || s.Config.tagLines[k] > 0 || utf8.RuneCountInString(k) < 5 {
			// A tag tract.toml names is meant; and a short word a letter
			// from another is as often another word (iran, iraq).
			continue
		}
		it := users[k][0]
		if it.Original == "" {
			continue
		}
		meant := diag.Closest(k, common)
		if meant == "" || folded[k] || slices.ContainsFunc(it.Meta.Tags, func(t string) bool { return TagKey(t) == meant }) {
			continue
		}
		v := it.Variants[it.Original]
		diags.Warnf(v.Path, v.Front.Line["tags"], "tag %q is on no other item, and %q is on %d: did you mean %s? (a tag gets a page of its own; if it is meant, name it in tract.toml's [tags] to say so)", k, meant, len(users[meant]), meant)
	}
	for _, key := range slices.Sorted(maps.Keys(s.Config.tagLines)) {
		if users[key] != nil {
			continue
		}
		msg := fmt.Sprintf("tags: no item has the tag %q, so its names are not used", key)
		if k := diag.Closest(key, keys); k != "" {
			msg += fmt.Sprintf(": did you mean %s?", k)
		}
		diags.Warnf(ConfigFile, s.Config.tagLines[key], "%s", msg)
	}
}

// checkFoldedTags warns about tags of one language that differ only in
// accents ("grève" and "greve"; case already shares a page, see TagKey),
// which get a page each, whatever the number of items that have them: at
// each item of the rarer spelling, or of the later one when they are as
// common (in the order of keys), naming the more common. A tag tract.toml
// names is meant. users and keys are checkTags'; the result are the tags
// warned about.
func (s *Site) checkFoldedTags(users map[string][]*Item, keys []string, diags *diag.List) map[string]bool {
	type group struct {
		lang string
		fold string
	}
	spellings := map[group][]string{}
	var groups []group
	for _, k := range keys {
		langs := map[string]bool{} // the languages of k's items' originals
		for _, it := range users[k] {
			if it.Original == "" || langs[it.Original] {
				continue
			}
			langs[it.Original] = true
			g := group{it.Original, foldAccents(k)}
			if spellings[g] == nil {
				groups = append(groups, g)
			}
			spellings[g] = append(spellings[g], k)
		}
	}
	count := func(k, lang string) int {
		n := 0
		for _, it := range users[k] {
			if it.Original == lang {
				n++
			}
		}
		return n
	}
	warned := map[string]bool{}
	for _, g := range groups {
		ks := spellings[g]
		if len(ks) < 2 {
			continue
		}
		// The most common first; of those as common, the first met.
		slices.SortStableFunc(ks, func(a, b string) int { return count(b, g.lang) - count(a, g.lang) })
		meant := ks[0]
		for _, k := range ks[1:] {
			if s.Config.tagLines[k] > 0 {
				continue
			}
			warned[k] = true
			on := firstPath(users[meant], g.lang)
			if n := count(meant, g.lang); n > 1 {
				on = fmt.Sprintf("%d items, such as %s", n, on)
			}
			for _, it := range users[k] {
				if it.Original != g.lang {
					continue
				}
				v := it.Variants[it.Original]
				diags.Warnf(v.Path, v.Front.Line["tags"], "tag %q differs from %q (on %s) only in its accents: each gets a page of its own, tags/%s/ and tags/%s/, and a reader finds some of the items on one, the rest on the other: write it %s (if the two are different words, name %s in tract.toml's [tags] to say so)", k, meant, on, k, meant, meant, k)
			}
		}
	}
	return warned
}

// firstPath is the path of the first of items whose original is in lang.
func firstPath(items []*Item, lang string) string {
	for _, it := range items {
		if it.Original == lang {
			return it.Variants[lang].Path
		}
	}
	return ""
}

// foldAccents is s without its accents: "grève" is "greve".
func foldAccents(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (s *Site) linkItem(it *Item, diags *diag.List) {
	langs := it.Langs(s.Config.Languages)
	var originals []string
	for _, l := range langs {
		if it.Variants[l].TranslatedFrom() == nil {
			originals = append(originals, l)
		}
	}
	// A file with no title (an empty one) has its own error, which says
	// what to do: it is not also a second original, told to name a
	// source, nor the original when another file has a title.
	untitled := func(l string) bool { return it.Variants[l].Untitled() }
	originals = slices.Concat(
		slices.DeleteFunc(slices.Clone(originals), untitled),
		slices.DeleteFunc(originals, func(l string) bool { return !untitled(l) }))
	switch len(originals) {
	case 0:
		// Reported below as a cycle or a missing source.
	case 1:
		it.Original = originals[0]
	default:
		names := make([]string, len(originals))
		for i, l := range originals {
			names[i] = l + ".md"
		}
		for _, l := range originals[1:] {
			if untitled(l) {
				continue
			}
			diags.Errorf(it.Variants[l].Path, 1, "two originals in one item (%s): if %s.md is a translation of %s.md, add the line translated_from: %s@000000000000 to its front matter, then run tract translate %s --done %s", strings.Join(names, ", "), l, originals[0], originals[0], it.Key(), l)
		}
		it.Original = originals[0]
	}

	for _, l := range langs {
		v := it.Variants[l]
		ref := v.TranslatedFrom()
		if ref == nil {
			continue
		}
		line := v.Front.Line["translated_from"]
		src := it.Variants[ref.Lang]
		switch {
		case ref.Lang == l:
			diags.Errorf(v.Path, line, "translated_from names this same variant (%s)", ref)
			continue
		case src == nil && slices.Contains(it.unreadable, ref.Lang):
			continue // that file's own errors are reported
		case src == nil:
			fix := fmt.Sprintf("if %s.md was removed, and this text is now the item's original, remove the translated_from line", ref.Lang)
			for _, o := range it.Langs(s.Config.Languages) {
				if o != l && it.Variants[o].TranslatedFrom() == nil {
					// The item's original is another: name it.
					fix = fmt.Sprintf("if this is a translation of %s.md, the item's original, write translated_from: %s@000000000000, then run tract translate %s --done %s", o, o, it.Key(), l)
					break
				}
			}
			diags.Errorf(v.Path, line, "translated_from names %s.md, which does not exist in %s: %s", ref.Lang, it.Dir, fix)
			continue
		}
		// Follow the chain to the original. A chain that comes back to a
		// variant it has passed is a cycle: reported once, on the first
		// variant (in the site's language order) that is part of it.
		seen := []string{l}
		cycle := false
		for cur := src; ; {
			seen = append(seen, cur.Lang)
			next := cur.TranslatedFrom()
			if next == nil {
				break
			}
			if i := slices.Index(seen, next.Lang); i >= 0 {
				cycle = true
				first := slices.MinFunc(seen, func(a, b string) int { return slices.Index(langs, a) - slices.Index(langs, b) })
				if i == 0 && first == l {
					diags.Errorf(v.Path, line, "translated_from forms a cycle (%s): one variant must be the original, without translated_from", strings.Join(append(seen, next.Lang), " ← "))
				}
				break
			}
			if cur = it.Variants[next.Lang]; cur == nil {
				break // reported on that variant
			}
		}
		if cycle {
			v.inCycle = true // "outdated" means nothing without an original
			continue
		}
		v.Outdated = src.Digest != ref.Digest
		if v.Outdated {
			diags.Warnf(v.Path, line, outdatedPrefix+"%s.md changed since this was translated from it (it is published with a notice that tells readers so): tract status --diff shows what changed; once this translation is updated, run tract translate %s --done %s", ref.Lang, it.Key(), v.Lang)
		}
		same, of, at := v.Copied(src)
		switch {
		case v.Digest == src.Digest:
			// The same digest is the same title, summary and text.
			v.Untranslated = true
			diags.Warnf(v.Path, line, "not translated yet: its title, summary and text are those of %s.md, word for word; %s", ref.Lang, untilTranslated(it))
		case of > 0 && same == of:
			v.Untranslated = true
			diags.Warnf(v.Path, at, "not translated yet: its text is that of %s.md, word for word; %s", ref.Lang, untilTranslated(it))
		case same > 0:
			v.CopiedParagraphs, v.Paragraphs = same, of
			v.CopiedLines = v.copiedLines(src)
			diags.Warnf(v.Path, at, "%s: this is the first; a quotation kept in its own language on purpose is marked as a passage in it, with ::: {lang=%s} on the line before it and ::: on the line after", CopiedNote(same, of, ref.Lang), ref.Lang)
		}
		if !v.Untranslated && sameTitle(v.Title(), src.Title()) {
			diags.Warnf(v.Path, v.Front.Line["title"], "its title is that of %s.md, word for word, and it is what lists, feeds and the PDF show first: translate it too", ref.Lang)
		}
		if !v.Untranslated && sameWords(v.Front.Summary, src.Front.Summary, 6) {
			diags.Warnf(v.Path, v.Front.Line["summary"], "its summary is that of %s.md, word for word, and it is what lists, feeds, search results and link previews show: translate it too", ref.Lang)
		}
	}
	if it.Original == "" {
		return
	}
	orig := it.Variants[it.Original]
	f := orig.Front
	it.Meta = Meta{
		Date: f.Date, Starts: f.Starts, Ends: f.Ends, Venue: f.Venue, Address: f.Address,
		Tags: f.Tags, Number: f.Number, Articles: f.Articles, Signatories: f.Signatories,
		Paper: f.Paper,
	}
	if it.Meta.Paper == "" {
		it.Meta.Paper = s.Config.Paper
	}
	for _, l := range langs {
		if l != it.Original {
			checkNeutral(it.Variants[l], orig, diags)
		}
	}
}

// checkNeutral warns when a translation states a language-neutral field
// differently from the original: the original's value is the one used.
func checkNeutral(v, orig *Variant, diags *diag.List) {
	for _, k := range NeutralKeys {
		if !v.Front.Has(k) {
			continue
		}
		mine, theirs := neutralValue(v.Front, k), neutralValue(orig.Front, k)
		if mine == theirs {
			continue
		}
		used := "which gives " + theirs + ", the value that is used"
		if !orig.Front.Has(k) {
			used = "which gives none, so the item has none"
		}
		hint := ""
		if k == "tags" {
			hint = `; a tag's name in another language goes in tract.toml: [tags] housing = { fr = "logement" }`
		}
		diags.Warnf(v.Path, v.Front.Line[k], "%s: %s here contradicts %s.md, the original, %s: fields that are the same in every language are read from the original; remove %s from this translation (or, if its value is the right one, write it in %s.md instead)%s",
			k, mine, orig.Lang, used, k, orig.Lang, hint)
	}
}

// neutralValue is the value of a language-neutral field as a front
// matter writes it, to compare and to show: 2024-02-24, ["war", "rent"].
func neutralValue(f *FrontMatter, key string) string {
	switch key {
	case "date":
		if f.Date.IsZero() {
			return ""
		}
		return f.Date.Format("2006-01-02")
	case "starts":
		return whenString(f.Starts)
	case "ends":
		return whenString(f.Ends)
	case "venue":
		return strconv.Quote(f.Venue)
	case "address":
		return strconv.Quote(f.Address)
	case "tags":
		return quotedList(f.Tags)
	case "number":
		return fmt.Sprint(f.Number)
	case "articles":
		return quotedList(f.Articles)
	case "signatories":
		return quotedList(f.Signatories)
	case "paper":
		return f.Paper
	}
	return ""
}

// quotedList writes l as a front matter's list, each item quoted:
// ["war", "Organisation one (Country)"].
func quotedList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func whenString(w When) string {
	switch {
	case w.IsZero():
		return ""
	case w.AllDay:
		return w.Time.Format("2006-01-02")
	case w.Floating:
		return w.Time.Format("2006-01-02T15:04:05")
	}
	return w.Time.Format("2006-01-02T15:04:05Z07:00")
}

// elsewhere is the item named slug in a section other than not, if any:
// for a list that names an item of the wrong section.
func (s *Site) elsewhere(slug, not string) *Item {
	for _, sec := range Sections {
		if sec == not {
			continue
		}
		if it := s.Item(sec, slug); it != nil {
			return it
		}
	}
	return nil
}

// checkMeta checks the fields that depend on the section or on other items.
func (s *Site) checkMeta(it *Item, diags *diag.List) {
	if it.Original == "" {
		return
	}
	for _, l := range it.Langs(s.Config.Languages) {
		// A text pasted into the title: every list, feed and search
		// result would carry it (a megabyte's title made a 4 MB site
		// weigh 45).
		v := it.Variants[l]
		if n := utf8.RuneCountInString(v.Title()); n > maxTitle {
			diags.Warnf(v.Path, v.Front.Line["title"], "the title is %d characters long: every list, feed and search result shows it whole, and a PDF's cover; give it %d at most, and the rest to summary:", n, maxTitle)
		}
	}
	orig := it.Variants[it.Original]
	f := orig.Front
	if it.Section == "events" {
		switch {
		case f.Starts.IsZero():
			diags.Errorf(orig.Path, 1, "an event needs starts: (a date such as 2024-10-19, or a time such as 2024-10-19T18:00)")
		case !f.Ends.IsZero() && f.Ends.AllDay != f.Starts.AllDay:
			diags.Errorf(orig.Path, f.Line["ends"], "ends must be written like starts: both dates (all-day) or both times")
		case !f.Ends.IsZero() && f.Ends.Floating != f.Starts.Floating:
			// A calendar takes a time without an offset as the reader's
			// own: 22:00+09:00 to 23:00 would last ten hours in London.
			with, without, line := f.Starts, f.Ends, f.Line["ends"]
			if f.Starts.Floating {
				with, without, line = f.Ends, f.Starts, f.Line["starts"]
			}
			_, offset := with.Time.Zone()
			fixed := time.Date(without.Time.Year(), without.Time.Month(), without.Time.Day(), without.Time.Hour(), without.Time.Minute(), without.Time.Second(), 0, time.FixedZone("", offset))
			diags.Errorf(orig.Path, line, "one of starts and ends has a UTC offset (%s) and the other has none: write both with it (%s) or both without", with.Time.Format("Z07:00"), whenString(When{Time: fixed}))
		case !f.Ends.IsZero() && f.Ends.Time.Before(f.Starts.Time):
			diags.Errorf(orig.Path, f.Line["ends"], "the event ends (%s) before it starts (%s)", whenString(f.Ends), whenString(f.Starts))
		}
	} else {
		if f.Date.IsZero() && it.Section != "pages" {
			// Lists and feeds put the newest first: an item without a
			// date would go last, after years of others, and a feed
			// would show it as new each time the newest item changes.
			diags.Warnf(orig.Path, 1, "no date: lists show the newest items first, so this one comes after every dated item, on the home page as in its section; add the day it is published, such as date: 2024-02-24")
		}
		for _, k := range []string{"starts", "ends", "venue", "address"} {
			if f.Has(k) {
				diags.Warnf(orig.Path, f.Line[k], "%s is only used for events; it is ignored in %s", k, it.Section)
			}
		}
	}
	if it.Section == "bulletins" {
		for i, slug := range f.Articles {
			line := f.Line["articles"]
			if i < len(f.ArticleLines) {
				line = f.ArticleLines[i]
			}
			switch {
			case s.Left("articles", slug):
				// Its own errors say what is wrong.
			case s.Item("articles", slug) == nil:
				if other := s.elsewhere(slug, "articles"); other != nil {
					diags.Errorf(orig.Path, line, "%q is in %s, not articles: a bulletin prints articles (%s/articles/) only; move the folder there, or take it off the list", slug, other.Section, ContentDir)
				} else {
					diags.Errorf(orig.Path, line, "article %q does not exist (no folder %s/articles/%s)", slug, ContentDir, slug)
				}
			case slices.Contains(f.Articles[:i], slug):
				diags.Errorf(orig.Path, line, "article %q is listed twice: a bulletin prints each article once", slug)
			}
		}
	} else {
		for _, k := range []string{"number", "articles"} {
			if f.Has(k) {
				diags.Warnf(orig.Path, f.Line[k], "%s is only used for bulletins; it is ignored in %s", k, it.Section)
			}
		}
	}
}
