// Package corpus generates the synthetic trilingual sites tract is
// benchmarked on: N items spread over tract's sections, each written in
// one language and translated into the others, with some translations
// missing, some outdated and some made from another translation. The text
// is random words of each language put in realistic Markdown: paragraphs,
// headings, lists, emphasis, links between items, the odd table, footnote,
// quote and captioned figure.
//
// Generation is deterministic: the same Options always give the same
// bytes. Each item draws from its own random stream, seeded by the corpus
// seed and the item's index, so a change to how one kind of item is made
// does not reshuffle every other item.
//
// The same corpus is written as a tract site (Files) and as an equivalent
// Hugo site (HugoFiles), for a side by side comparison.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/tractpub/tract/internal/content"
)

// Languages are the corpus languages, in the site's order.
var Languages = []string{"en", "fr", "es"}

// Options say what corpus to make.
type Options struct {
	Items int    // number of items
	Seed  uint64 // the same seed and Items give the same corpus
	// Length scales how many words each body is written to: 2 doubles
	// every text. 0 means 1, the length of a real archive's texts.
	Length float64
}

// Corpus is a generated site: its items in the order they are written.
type Corpus struct {
	Options Options
	Items   []*Item
}

// Item is one generated item: content/<Section>/<Slug>/ in tract terms.
type Item struct {
	Section, Slug string
	Original      string    // language of the original variant
	Date          time.Time // publication date; zero for pages
	Tags          []string
	Paper         string   // "" for the site default
	Signatories   []string // statements only
	Number        int      // bulletins only
	Articles      []string // bulletins only: article slugs, in order
	Event         *Event   // events only
	Image         bool     // the item has a photo.png shown as a figure
	// Variants by language; a language missing here is a missing translation.
	Variants map[string]*Variant

	index int
	plan  []block
}

// Event holds an event's times exactly as written in front matter.
type Event struct {
	Starts, Ends   string // Ends may be ""
	Venue, Address string
}

// Variant is one language of an item.
type Variant struct {
	Lang           string
	Title, Summary string // Summary "" means the summary is derived from the body
	Body           string // Markdown, with links in tract's form
	// From is the language this variant was translated from ("" for the
	// original); FromDigest the digest recorded in translated_from, which
	// is not the source's current digest when Outdated.
	From, FromDigest string
	Outdated         bool
	// Neutral: the translation repeats the item's date and tags (with the
	// original's values, as editors often copy them).
	Neutral bool
}

// Generate makes the corpus described by opts.
func Generate(opts Options) *Corpus {
	c := &Corpus{Options: opts}
	sections := sectionPlan(opts.Items)
	used := map[string]bool{}
	for i, sec := range sections {
		c.Items = append(c.Items, c.planItem(i, sec, len(sections), used))
	}
	c.planBulletins()
	for _, it := range c.Items {
		c.write(it)
	}
	return c
}

// sectionPlan spreads n items over the sections: mostly leaflets and
// articles, some bulletins and events, a few pamphlets and pages.
func sectionPlan(n int) []string {
	pages := min(max(n/150, 2), 20)
	pamphlets := max(n/50, 1)
	bulletins := max(n*6/100, 1)
	events := max(n*12/100, 1)
	rest := n - pages - pamphlets - bulletins - events
	if n < 8 {
		// Too small for every section: leaflets and one article each side.
		rest, pages, pamphlets, bulletins, events = n, 0, 0, 0, 0
	}
	articles := rest * 45 / 100
	leaflets := rest - articles
	var out []string
	add := func(sec string, k int) {
		for range k {
			out = append(out, sec)
		}
	}
	add("leaflets", leaflets)
	add("articles", articles)
	add("bulletins", bulletins)
	add("pamphlets", pamphlets)
	add("events", events)
	add("pages", pages)
	return out
}

func (c *Corpus) rng(i int, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(c.Options.Seed, uint64(i)<<8|stream))
}

var (
	archiveStart = time.Date(2006, 1, 1, 0, 0, 0, 0, time.UTC)
	archiveEnd   = time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
)

// planItem decides everything about item i except its text.
func (c *Corpus) planItem(i int, section string, n int, used map[string]bool) *Item {
	r := c.rng(i, 0)
	it := &Item{Section: section, index: i, Variants: map[string]*Variant{}}

	switch p := r.IntN(100); {
	case section == "pages" || p < 70:
		it.Original = "en"
	case p < 88:
		it.Original = "fr"
	default:
		it.Original = "es"
	}
	it.Variants[it.Original] = &Variant{Lang: it.Original}
	// Translations: about 95% of each other language exists, so an item
	// has 2.9 variants on average.
	var trans []string
	for _, l := range Languages {
		if l != it.Original && r.IntN(100) < 95 {
			trans = append(trans, l)
		}
	}
	for _, l := range trans {
		v := &Variant{Lang: l, From: it.Original, Neutral: r.IntN(100) < 20}
		it.Variants[l] = v
	}
	// Chains: a translation made from another translation (es from en
	// from fr), as happens when no one reads the original's language.
	if len(trans) == 2 && r.IntN(100) < 30 {
		it.Variants[trans[1]].From = trans[0]
	}
	for _, l := range trans {
		it.Variants[l].Outdated = r.IntN(100) < 8
	}

	if section != "pages" {
		days := int(archiveEnd.Sub(archiveStart).Hours() / 24)
		it.Date = archiveStart.AddDate(0, 0, r.IntN(days+1))
		for range 1 + r.IntN(3) {
			t := tagVocab[r.IntN(len(tagVocab))]
			if !slices.Contains(it.Tags, t) {
				it.Tags = append(it.Tags, t)
			}
		}
	}
	switch section {
	case "leaflets":
		if p := r.IntN(100); p < 6 {
			it.Paper = "a5"
		} else if p < 9 {
			it.Paper = "letter"
		}
		if r.IntN(100) < 25 {
			it.Signatories = signatories(r, 4+r.IntN(20))
		}
	case "events":
		it.Event = event(r, it.Date)
	}
	if (section == "leaflets" || section == "articles") && r.IntN(100) < 5 {
		it.Image = true
	}
	it.Slug = slug(titleWords(r, it.Original), used)
	it.plan = planBody(r, it, i, n, c.Options.Length)
	return it
}

func signatories(r *rand.Rand, n int) []string {
	var out []string
	for len(out) < n {
		k := signatoryKinds[r.IntN(len(signatoryKinds))]
		s := fmt.Sprintf(k.pattern, k.cities[r.IntN(len(k.cities))]) + " (" + k.country + ")"
		if !slices.Contains(out, s) {
			out = append(out, s)
		} else if len(out) > 60 {
			break
		}
	}
	return out
}

// event writes an event's times the ways editors do: with a UTC offset,
// all-day (one day or several), or as a floating local time.
func event(r *rand.Rand, published time.Time) *Event {
	day := published.AddDate(0, 0, 5+r.IntN(40))
	v := venues[r.IntN(len(venues))]
	e := &Event{Venue: v.name, Address: v.address}
	hour := 9 + r.IntN(11)
	minute := []int{0, 0, 15, 30, 30, 45}[r.IntN(6)]
	start := time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, time.UTC)
	end := start.Add(time.Duration(60+30*r.IntN(6)) * time.Minute)
	if end.Day() != start.Day() {
		end = time.Date(start.Year(), start.Month(), start.Day(), 23, 30, 0, 0, time.UTC)
	}
	switch p := r.IntN(100); {
	case p < 60:
		off := []string{"+00:00", "+01:00", "+01:00", "+02:00", "+03:00"}[r.IntN(5)]
		e.Starts = start.Format("2006-01-02T15:04:05") + off
		if r.IntN(100) < 85 {
			e.Ends = end.Format("2006-01-02T15:04:05") + off
		}
	case p < 85:
		e.Starts = day.Format(time.DateOnly)
		if r.IntN(100) < 40 {
			e.Ends = day.AddDate(0, 0, 1+r.IntN(3)).Format(time.DateOnly)
		}
	default:
		e.Starts = start.Format("2006-01-02T15:04")
		e.Ends = end.Format("2006-01-02T15:04")
	}
	return e
}

// titleWords are the words of a title in lang (also used for the slug).
func titleWords(r *rand.Rand, lang string) []string {
	v := vocabs[lang]
	words := []string{v.heading[r.IntN(len(v.heading))]}
	for range 2 + r.IntN(4) {
		if r.IntN(3) == 0 {
			words = append(words, v.function[r.IntN(len(v.function))])
		} else {
			words = append(words, v.content[r.IntN(len(v.content))])
		}
	}
	return words
}

// slug makes a folder name from the first title words: lower case ASCII
// letters and hyphens, made unique with a number.
func slug(words []string, used map[string]bool) string {
	var parts []string
	for _, w := range words[:min(len(words), 4)] {
		if a := asciiFold(w); a != "" {
			parts = append(parts, a)
		}
	}
	base := strings.Join(parts, "-")
	s := base
	for n := 2; used[s]; n++ {
		s = fmt.Sprintf("%s-%d", base, n)
	}
	used[s] = true
	return s
}

// asciiFold lower-cases w and drops accents and anything but letters,
// digits and hyphens.
func asciiFold(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		case r == 'ı':
			b.WriteByte('i')
		case r == 'ł':
			b.WriteByte('l')
		}
	}
	return strings.Trim(b.String(), "-")
}

// planBulletins fills each bulletin's issue number and articles: the
// articles sorted by date are shared out in order, three to six an issue,
// and an issue is dated a few days after its last article.
func (c *Corpus) planBulletins() {
	var articles, bulletins []*Item
	for _, it := range c.Items {
		switch it.Section {
		case "articles":
			articles = append(articles, it)
		case "bulletins":
			bulletins = append(bulletins, it)
		}
	}
	byDate := func(a, b *Item) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	}
	slices.SortFunc(articles, byDate)
	slices.SortFunc(bulletins, byDate)
	next := 0
	for n, b := range bulletins {
		b.Number = n + 1
		if len(articles) == 0 {
			continue
		}
		k := 3 + c.rng(b.index, 1).IntN(4)
		for range min(k, len(articles)) {
			b.Articles = append(b.Articles, articles[next%len(articles)].Slug)
			b.Date = articles[next%len(articles)].Date.AddDate(0, 0, 3)
			next++
		}
	}
}

// write writes the text of every variant of it: the original first, then
// each translation once its source is written, so digests can be taken.
func (c *Corpus) write(it *Item) {
	order := []string{it.Original}
	for len(order) < len(it.Variants) {
		for _, l := range Languages {
			v := it.Variants[l]
			if v != nil && !slices.Contains(order, l) && slices.Contains(order, v.From) {
				order = append(order, l)
			}
		}
	}
	for _, l := range order {
		v := it.Variants[l]
		li := slices.Index(Languages, l)
		r := c.rng(it.index, 2+uint64(li))
		w := newWriter(r, l, c, it)
		v.Title = strings.Join(titleWords(r, l), " ")
		if it.Section != "pages" && c.rng(it.index, 5).IntN(100) < 85 {
			v.Summary = w.sentence(12+r.IntN(14)) + " " + w.sentence(6+r.IntN(10))
		}
		v.Body = w.body(it.plan, tractLink)
		if v.From == "" {
			continue
		}
		src := it.Variants[v.From]
		if v.Outdated {
			// The source has changed since: it used to end a paragraph earlier.
			v.FromDigest = content.Digest(src.Title, src.Summary, []byte(oldVersion(src.Body)))
		} else {
			v.FromDigest = content.Digest(src.Title, src.Summary, []byte(src.Body))
		}
	}
}

// oldVersion is an earlier text of body: without its last paragraph.
func oldVersion(body string) string {
	body = strings.TrimRight(body, "\n")
	if i := strings.LastIndex(body, "\n\n"); i > 0 {
		return body[:i] + "\n"
	}
	return body + "\n\nA paragraph since removed.\n"
}

// Stats counts what a corpus holds.
type Stats struct {
	Items, Variants     int
	Missing, Outdated   int // translations
	Chained             int // translations made from a translation
	Words               int
	BySection           map[string]int
	VariantsByLanguage  map[string]int
	OriginalsByLanguage map[string]int
}

// Stats counts the corpus's items and variants.
func (c *Corpus) Stats() Stats {
	s := Stats{BySection: map[string]int{}, VariantsByLanguage: map[string]int{}, OriginalsByLanguage: map[string]int{}}
	for _, it := range c.Items {
		s.Items++
		s.BySection[it.Section]++
		s.OriginalsByLanguage[it.Original]++
		for _, l := range Languages {
			v := it.Variants[l]
			if v == nil {
				s.Missing++
				continue
			}
			s.Variants++
			s.VariantsByLanguage[l]++
			s.Words += len(strings.Fields(v.Body))
			if v.Outdated {
				s.Outdated++
			}
			if v.From != "" && v.From != it.Original {
				s.Chained++
			}
		}
	}
	return s
}
