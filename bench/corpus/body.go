package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A body is planned once per item and written in each language from the
// plan, so that translations have the shape of their original (the same
// headings, lists, links and footnotes) in other words.

type blockKind int

const (
	para blockKind = iota
	heading
	bullets
	numbered
	table
	quote
	figure
)

// mark is what one sentence of a paragraph carries besides words.
type mark int

const (
	plain    mark = iota
	bold          // a few words in **bold**
	emphasis      // a few words in *italics*
	internal      // a link to another item's Markdown file
	external      // a link to a web address
	quoted        // a few words in "quotes" (the typographer curls them)
	place         // a place name with letters beyond Latin-1
	amount        // a sum of money or a percentage
	colon         // a clause after a colon (spaced in French)
	question      // ends with a question mark (¿...? in Spanish)
	exclaim       // ends with an exclamation mark (¡...! in Spanish)
	footref       // carries the footnote reference
)

type block struct {
	kind      blockKind
	level     int    // heading
	lens      []int  // words of each sentence or list entry; cells per row of a table
	marks     []mark // per sentence of a paragraph
	targets   []int  // per sentence: the item an internal link points at
	listLeads []bool // per list entry: starts with a bold call to action
}

// wordsFor is how long an item's body is: several hundred words, a few
// thousand for a pamphlet. Leaflets and events are printed on one page, so
// they are written to fit one (a few editors still write too much): fewer
// words on A5, and fewer on a statement, whose signatories take room.
func wordsFor(r *rand.Rand, it *Item) int {
	switch it.Section {
	case "leaflets":
		switch {
		case it.Paper == "a5":
			return 100 + r.IntN(120)
		case len(it.Signatories) > 0:
			return 150 + r.IntN(200)
		}
		return 180 + r.IntN(300)
	case "articles":
		return 400 + r.IntN(700)
	case "bulletins":
		return 200 + r.IntN(300)
	case "pamphlets":
		return 2500 + r.IntN(2500)
	case "events":
		return 100 + r.IntN(200)
	}
	return 150 + r.IntN(350)
}

// planBody plans the blocks of item self out of n items, its body
// length times as long as wordsFor says.
func planBody(r *rand.Rand, it *Item, self, n int, length float64) []block {
	target := wordsFor(r, it)
	if length > 0 {
		target = int(float64(target) * length)
	}
	image := it.Image
	long := it.Section == "pamphlets"
	wantTable := r.IntN(100) < 10 || (long && r.IntN(2) == 0)
	wantFootnote := r.IntN(100) < 12 || (long && r.IntN(100) < 60)
	wantQuote := r.IntN(100) < 15 || long
	var bs []block
	total, since := 0, 0
	nextHeading := 120 + r.IntN(150)
	chapter := 0
	for total < target {
		switch {
		case len(bs) >= 2 && since >= nextHeading:
			level := 2
			if long {
				if chapter > 0 && r.IntN(3) > 0 {
					level = 3
				} else {
					chapter++
				}
			}
			bs = append(bs, block{kind: heading, level: level, lens: []int{2 + r.IntN(4)}})
			since, nextHeading = 0, 120+r.IntN(150)
			continue
		case image && len(bs) == 1:
			bs = append(bs, block{kind: figure, lens: []int{3 + r.IntN(4), 5 + r.IntN(8)}})
			continue
		case wantTable && total > target/3:
			b := block{kind: table}
			cols := 3 + r.IntN(2)
			for range 1 + 3 + r.IntN(4) {
				b.lens = append(b.lens, cols)
			}
			bs = append(bs, b)
			wantTable = false
			total += 15
			continue
		case wantQuote && total > target/2:
			b := block{kind: quote, lens: []int{10 + r.IntN(12), 8 + r.IntN(10)}}
			bs = append(bs, b)
			wantQuote = false
			total += b.lens[0] + b.lens[1]
			since += b.lens[0] + b.lens[1]
			continue
		case len(bs) >= 1 && bs[len(bs)-1].kind == para && r.IntN(100) < 15:
			b := block{kind: bullets}
			if r.IntN(3) == 0 {
				b.kind = numbered
			}
			for range 3 + r.IntN(4) {
				k := 5 + r.IntN(14)
				b.lens = append(b.lens, k)
				b.listLeads = append(b.listLeads, r.IntN(2) == 0)
				total += k
				since += k
			}
			bs = append(bs, b)
			continue
		}
		b := block{kind: para}
		for range 2 + r.IntN(5) {
			k := 6 + r.IntN(16)
			m, t := plain, -1
			switch p := r.IntN(100); {
			case p < 8:
				m = internal
				if t = r.IntN(n); t == self {
					t = (self + 1) % n
				}
				if t == self {
					m, t = plain, -1 // a corpus of one item
				}
			case p < 10:
				m = external
			case p < 15:
				m = bold
			case p < 20:
				m = emphasis
			case p < 23:
				m = quoted
			case p < 29:
				m = place
			case p < 33:
				m = amount
			case p < 38:
				m = colon
			case p < 43:
				m = question
			case p < 46:
				m = exclaim
			}
			b.lens = append(b.lens, k)
			b.marks = append(b.marks, m)
			b.targets = append(b.targets, t)
			total += k
			since += k
		}
		if wantFootnote && total > target/4 {
			b.marks[len(b.marks)-1] = footref
			wantFootnote = false
		}
		bs = append(bs, b)
	}
	return bs
}

// linkFunc is the destination of a link from a variant in lang to item to.
type linkFunc func(lang string, to *Item) string

// tractLink links another item's Markdown file, as editors do on a git
// forge: the variant in the same language, or else the original.
func tractLink(lang string, to *Item) string {
	l := lang
	if to.Variants[l] == nil {
		l = to.Original
	}
	return "../../" + to.Section + "/" + to.Slug + "/" + l + ".md"
}

// writer writes text in one language from one random stream.
type writer struct {
	r    *rand.Rand
	lang string
	v    *vocab
	c    *Corpus
	it   *Item
}

func newWriter(r *rand.Rand, lang string, c *Corpus, it *Item) *writer {
	return &writer{r: r, lang: lang, v: vocabs[lang], c: c, it: it}
}

func (w *writer) word() string {
	if w.r.IntN(100) < 42 {
		return w.v.function[w.r.IntN(len(w.v.function))]
	}
	return w.v.content[w.r.IntN(len(w.v.content))]
}

func (w *writer) words(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = w.word()
	}
	return out
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// sentence is n plain words ending with a full stop.
func (w *writer) sentence(n int) string {
	return capitalize(strings.Join(w.words(n), " ")) + "."
}

func (w *writer) amount() string {
	n := 3 + w.r.IntN(400)
	switch {
	case w.r.IntN(2) == 0 && w.lang == "en":
		return fmt.Sprintf("%d%%", n%60+2)
	case w.r.IntN(2) == 0:
		return fmt.Sprintf("%d\u00a0%%", n%60+2)
	case w.lang == "en":
		return fmt.Sprintf("£%d", n)
	}
	return fmt.Sprintf("%d\u00a0€", n)
}

// marked writes one sentence of k words carrying m.
func (w *writer) marked(k int, m mark, target int, link linkFunc) string {
	ws := w.words(k)
	ws[0] = capitalize(ws[0])
	span := func(from, size int) (int, int) {
		from = min(from, len(ws)-1)
		return from, min(from+size, len(ws))
	}
	i := w.r.IntN(max(len(ws)-3, 1))
	switch m {
	case bold, emphasis, quoted, internal, external:
		a, b := span(i, 1+w.r.IntN(3))
		inner := strings.Join(ws[a:b], " ")
		switch m {
		case bold:
			inner = "**" + inner + "**"
		case emphasis:
			inner = "*" + inner + "*"
		case quoted:
			inner = `"` + inner + `"`
		case internal:
			inner = "[" + inner + "](" + link(w.lang, w.c.Items[target]) + ")"
		case external:
			inner = fmt.Sprintf("[%s](https://example.org/%s/%d)", inner, w.lang, w.r.IntN(1000))
		}
		ws = append(ws[:a], append([]string{inner}, ws[b:]...)...)
	case place:
		ws[i] = places[w.r.IntN(len(places))]
	case amount:
		ws[i] = w.amount()
	case colon:
		if w.lang == "fr" {
			ws[i] += "\u00a0:"
		} else {
			ws[i] += ":"
		}
	}
	s := strings.Join(ws, " ")
	switch m {
	case question:
		return w.v.question[0] + s + w.v.question[1]
	case exclaim:
		return w.v.exclaim[0] + s + w.v.exclaim[1]
	case footref:
		return s + "[^1]."
	}
	return s + "."
}

// body writes the Markdown of a plan.
func (w *writer) body(plan []block, link linkFunc) string {
	var b strings.Builder
	footnote := false
	for i, bl := range plan {
		if i > 0 {
			b.WriteString("\n")
		}
		switch bl.kind {
		case para:
			for j, k := range bl.lens {
				if j > 0 {
					b.WriteString(" ")
				}
				b.WriteString(w.marked(k, bl.marks[j], bl.targets[j], link))
				footnote = footnote || bl.marks[j] == footref
			}
			b.WriteString("\n")
		case heading:
			b.WriteString(strings.Repeat("#", bl.level) + " ")
			b.WriteString(w.v.heading[w.r.IntN(len(w.v.heading))] + " " + strings.Join(w.words(bl.lens[0]), " ") + "\n")
		case bullets, numbered:
			for j, k := range bl.lens {
				if bl.kind == numbered {
					fmt.Fprintf(&b, "%d. ", j+1)
				} else {
					b.WriteString("- ")
				}
				if bl.listLeads[j] {
					b.WriteString("**" + w.v.listLead[w.r.IntN(len(w.v.listLead))] + ".** ")
					b.WriteString(capitalize(strings.Join(w.words(k), " ")) + ";\n")
				} else {
					b.WriteString(capitalize(strings.Join(w.words(k), " ")) + ";\n")
				}
			}
		case table:
			for row, cols := range bl.lens {
				b.WriteString("|")
				for col := range cols {
					switch {
					case row == 0:
						b.WriteString(" " + w.v.heading[w.r.IntN(len(w.v.heading))] + " |")
					case col == cols-1:
						b.WriteString(" " + w.amount() + " |")
					default:
						b.WriteString(" " + strings.Join(w.words(1+w.r.IntN(3)), " ") + " |")
					}
				}
				b.WriteString("\n")
				if row == 0 {
					b.WriteString("|" + strings.Repeat(" --- |", cols-1) + " ---: |\n")
				}
			}
		case quote:
			b.WriteString("> " + w.sentence(bl.lens[0]) + " " + w.sentence(bl.lens[1]) + "\n>\n")
			b.WriteString("> — " + people[w.r.IntN(len(people))] + "\n")
		case figure:
			fmt.Fprintf(&b, "![%s](photo.png \"%s, %s\")\n", strings.Join(w.words(bl.lens[0]), " "),
				capitalize(strings.Join(w.words(bl.lens[1]), " ")), places[w.r.IntN(len(places))])
		}
	}
	if footnote {
		b.WriteString("\n[^1]: " + w.sentence(8+w.r.IntN(15)) + "\n")
	}
	return b.String()
}
