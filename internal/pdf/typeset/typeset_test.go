package typeset

import (
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/tractpub/tract/internal/pdf/fonts"
	"github.com/tractpub/tract/internal/pdf/hyphen"
	"github.com/tractpub/tract/internal/pdf/linebreak"
)

// The repository root holds the default assets; tests read them from disk
// so that they do not depend on the root package compiling.
var root = os.DirFS("../../..")

type env struct {
	set *fonts.Set
	lib *hyphen.Library
}

var loadEnv = sync.OnceValues(func() (env, error) {
	set, err := fonts.LoadSet(root)
	return env{set, hyphen.New(root)}, err
})

func testEnv(t testing.TB) env {
	t.Helper()
	e, err := loadEnv()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func (e env) hyph(t testing.TB, lang string) *hyphen.Hyphenator {
	t.Helper()
	h, err := e.lib.Lang(lang)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func leaflet(t testing.TB, lang string) []string {
	t.Helper()
	text, err := os.ReadFile("../hyphen/testdata/leaflet-" + lang + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(text)), "\n\n")
}

// words reads a block back: fragment texts, with a space wherever the
// line has a gap between fragments or ends at a space, and the hyphens
// inserted at hyphenation points removed.
func words(b *Block) []string {
	var s strings.Builder
	for _, l := range b.Lines {
		for i, f := range l.Fragments {
			text := f.Text
			if l.Hyphenated() && i == len(l.Fragments)-1 {
				text = strings.TrimSuffix(text, "-")
			}
			if i > 0 {
				prev := l.Fragments[i-1]
				if f.X > prev.X+prev.Width+1e-6 {
					s.WriteByte(' ')
				}
			}
			s.WriteString(text)
		}
		if l.Ending != EndHyphen && l.Ending != EndInside {
			s.WriteByte(' ')
		}
	}
	return strings.Fields(s.String())
}

func lineText(l Line) string {
	var s strings.Builder
	for _, f := range l.Fragments {
		s.WriteString(f.Text)
		s.WriteByte(' ')
	}
	return strings.TrimSpace(s.String())
}

var aligns = []Align{Justify, Left, Center, Right}

func TestParagraphsRoundTripInEveryLanguage(t *testing.T) {
	e := testEnv(t)
	for _, lang := range []string{"en", "fr", "es"} {
		h := e.hyph(t, lang)
		for _, para := range leaflet(t, lang) {
			p := Prepare([]Run{{Text: para, Style: Style{Face: e.set.Serif, Size: 10}}}, h)
			for _, width := range []float64{90, 150, 233, 400} {
				for _, al := range aligns {
					b := p.Layout(Layout{Widths: []float64{width}, Align: al})
					if got, want := words(b), strings.Fields(para); !slices.Equal(got, want) {
						t.Fatalf("%s width %v align %d: words differ\n got %q\nwant %q", lang, width, al, got, want)
					}
				}
			}
		}
	}
}

func TestJustifiedLinesEndExactlyAtTheWidth(t *testing.T) {
	e := testEnv(t)
	for _, lang := range []string{"en", "fr", "es"} {
		para := strings.Join(leaflet(t, lang), " ")
		p := Prepare([]Run{{Text: para, Style: Style{Face: e.set.Serif, Size: 10}}}, e.hyph(t, lang))
		for _, width := range []float64{120, 200, 300} {
			b := p.Layout(Layout{Widths: []float64{width}})
			for i, l := range b.Lines[:len(b.Lines)-1] {
				last := l.Fragments[len(l.Fragments)-1]
				if end := last.X + last.Width; math.Abs(end-width) > 0.01 || math.Abs(l.Width-width) > 0.01 {
					t.Errorf("%s width %v: line %d %q ends at %v (Width %v)", lang, width, i, lineText(l), end, l.Width)
				}
			}
			if last := b.Lines[len(b.Lines)-1]; last.Width > width || len(last.Fragments) > 1 && last.Fragments[1].X-last.Fragments[0].X > 40 {
				t.Errorf("%s width %v: last line is stretched: %+v", lang, width, last)
			}
		}
	}
}

func TestFrenchSpacingKeepsPunctuationWithItsWord(t *testing.T) {
	e := testEnv(t)
	para := strings.Join(leaflet(t, "fr"), " ") +
		" « Non\u202f! » dit-elle\u202f; « pourquoi\u202f? » Réponse\u00a0: « parce que » ; « avec des espaces ordinaires » !"
	p := Prepare([]Run{{Text: para, Style: Style{Face: e.set.Serif, Size: 10}}}, e.hyph(t, "fr"))
	for width := 60.0; width < 400; width += 7 {
		for _, al := range aligns {
			b := p.Layout(Layout{Widths: []float64{width}, Align: al})
			for i, l := range b.Lines {
				text := lineText(l)
				first, _ := utf8.DecodeRuneInString(text)
				last, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(text, "-"))
				if strings.ContainsRune(";!?:»", first) || (i > 0 && last == '«') || last == '\u202f' || last == '\u00a0' {
					t.Errorf("width %v align %d: line %d breaks French spacing: %q", width, al, i, text)
				}
			}
		}
	}
}

func TestNoBreakAtNoBreakSpacesOrWordJoiners(t *testing.T) {
	e := testEnv(t)
	var b strings.Builder
	joins := []string{"\u00a0", "\u202f", "\u2060", "\u00a0\u00a0"}
	for i := range 60 {
		b.WriteString("left" + string(rune('a'+i%26)) + joins[i%len(joins)] + "right" + string(rune('a'+i%26)) + " and ")
	}
	p := Prepare([]Run{{Text: b.String(), Style: Style{Face: e.set.Serif, Size: 10}}}, e.hyph(t, "en"))
	for width := 90.0; width < 300; width += 11 {
		for _, al := range aligns {
			for _, l := range p.Layout(Layout{Widths: []float64{width}, Align: al}).Lines {
				text := lineText(l)
				if strings.HasSuffix(text, "-") {
					continue // "left"/"right" are too short to hyphenate; never happens
				}
				if strings.Count(text, "left") != strings.Count(text, "right") {
					t.Errorf("width %v align %d: a no-break space was broken: %q", width, al, text)
				}
			}
		}
	}
}

func TestHardLineBreaksForceABreakAndAreNotStretched(t *testing.T) {
	e := testEnv(t)
	p := Prepare([]Run{
		{Text: "The George Alcock Centre\n", Style: Style{Face: e.set.Serif, Size: 10}},
		{Text: "Whittlesey Rd, Stanground\nPeterborough PE2 8QS", Style: Style{Face: e.set.Serif, Size: 10}},
	}, e.hyph(t, "en"))
	b := p.Layout(Layout{Widths: []float64{400}})
	var got []string
	for _, l := range b.Lines {
		got = append(got, lineText(l))
	}
	want := []string{"The George Alcock Centre", "Whittlesey Rd, Stanground", "Peterborough PE2 8QS"}
	if !slices.Equal(got, want) {
		t.Errorf("lines %q, want %q", got, want)
	}
	for _, l := range b.Lines {
		if len(l.Fragments) != 1 {
			t.Errorf("unstretched line %q is in %d fragments, want 1", lineText(l), len(l.Fragments))
		}
	}
}

func TestLongURLsBreakAfterASlashOrBeforePunctuation(t *testing.T) {
	e := testEnv(t)
	url := "https://www.example.org/leaflets/kelloggs-strike/solidarity-messages?lang=fr&page=2"
	text := "Read every message at " + url + " and send your own."
	p := Prepare([]Run{
		{Text: "Read every message at ", Style: Style{Face: e.set.Serif, Size: 10}},
		{Text: url, Style: Style{Face: e.set.Serif, Size: 10}, Link: url},
		{Text: " and send your own.", Style: Style{Face: e.set.Serif, Size: 10}},
	}, e.hyph(t, "en"))
	for _, width := range []float64{100, 140, 180} {
		b := p.Layout(Layout{Widths: []float64{width}})
		if got := words(b); !slices.Equal(got, strings.Fields(text)) {
			t.Errorf("width %v: %q", width, got)
		}
		var linked strings.Builder
		for _, l := range b.Lines {
			if l.Overfull {
				t.Errorf("width %v: line %q is overfull", width, lineText(l))
			}
			for i, f := range l.Fragments {
				if f.Link != url {
					continue
				}
				linked.WriteString(f.Text)
				if i == len(l.Fragments)-1 && l.Ending != EndInside && l.Ending != EndSpace {
					t.Errorf("width %v: line %q ends in the URL with %v", width, lineText(l), l.Ending)
				}
				// Broken after a slash, or before other punctuation, which
				// starts the next line: never after a hyphen or a full
				// stop, which would read as the layout's or a sentence's.
				if i == len(l.Fragments)-1 && l.Ending == EndInside {
					rest := url[strings.Index(url, linked.String())+len(linked.String()):]
					if last := f.Text[len(f.Text)-1]; last != '/' && (rest == "" || !strings.ContainsRune(".?&=-_#~", rune(rest[0]))) {
						t.Errorf("width %v: URL broken after %q, before %q", width, linked.String(), rest)
					}
				}
			}
		}
		if linked.String() != url {
			t.Errorf("width %v: the linked fragments spell %q", width, linked.String())
		}
	}
}

// An address written without its scheme, as tract prints a link's
// after its text, is never hyphenated: a reader who types
// "tenants-as-sembly" from the paper finds nothing. The paragraph has no
// "://", "www." or "@" to give it away.
func TestAnAddressWithoutSchemeIsNeverHyphenated(t *testing.T) {
	e := testEnv(t)
	for _, addr := range []string{"(example.org/en/events/tenants-assembly/)", "(example.org/en/leaflets/solidarity-with-vantor-strikers/)", "kellingford-solidarity.org."} {
		text := "Everyone who rents in the building is welcome at the meeting " + addr + " Bring a neighbour."
		p := Prepare([]Run{{Text: text, Style: Style{Face: e.set.Serif, Size: 10}}}, e.hyph(t, "en"))
		for width := 60.0; width <= 200; width += 7 {
			b := p.Layout(Layout{Widths: []float64{width}})
			for _, l := range b.Lines {
				if l.Ending == EndHyphen && strings.Contains(addr, lastWord(lineText(l))) {
					t.Errorf("width %v: line %q ends in the address with a hyphen", width, lineText(l))
				}
			}
		}
	}
}

// A street, an estate, a firm: a word that starts with a capital is
// never hyphenated (the hyphen package's rule), in a justified paragraph
// of any width, in every language. One wider than the line is broken
// all the same, and then where it may be hyphenated, not between any
// two letters.
func TestNamesAreNotHyphenatedUnlessWiderThanTheLine(t *testing.T) {
	e := testEnv(t)
	names := []string{"Holloway", "Greyhaven", "Eastgate", "Pelham", "Vantor"}
	for lang, text := range map[string]string{
		"en": "The repairs group meets at the community hall (14 Holloway Street) every Tuesday; tenants from Greyhaven estate, Eastgate and Pelham Court joined the strikers at Vantor.",
		"fr": "Le groupe se réunit à la salle commune (14 Holloway Street) chaque mardi ; des locataires de Greyhaven, d’Eastgate et de Pelham Court ont rejoint les grévistes de Vantor.",
		"es": "El grupo se reúne en el local vecinal (14 Holloway Street) cada martes; inquilinos de Greyhaven, de Eastgate y de Pelham Court se unieron a los huelguistas de Vantor.",
	} {
		p := Prepare([]Run{{Text: text, Style: Style{Face: e.set.Serif, Size: 10}}}, e.hyph(t, lang))
		for width := 70.0; width <= 260; width += 3 {
			for _, l := range p.Layout(Layout{Widths: []float64{width}}).Lines {
				if w := lastWord(lineText(l)); l.Ending == EndHyphen && slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, strings.TrimLeft(w, "(d’")) }) {
					t.Errorf("%s width %v: line %q ends in a name with a hyphen", lang, width, lineText(l))
				}
			}
		}
	}
	p := Prepare([]Run{{Text: "At Holloway", Style: Style{Face: e.set.Serif, Size: 10}}}, e.hyph(t, "en"))
	var got []string
	for _, l := range p.Layout(Layout{Widths: []float64{35}, Align: Left}).Lines {
		got = append(got, lineText(l))
	}
	if want := []string{"At", "Hol-", "loway"}; !slices.Equal(got, want) {
		t.Errorf("a name wider than the line: lines %q, want %q", got, want)
	}
}

// Code is never hyphenated, even wider than the line: a reader types it
// as printed, and would type the hyphen. It breaks where UAX #14 lets it
// (after a hyphen of its own), and the words around it are hyphenated
// as ever.
func TestCodeIsNeverHyphenated(t *testing.T) {
	e := testEnv(t)
	runs := []Run{
		{Text: "Run ", Style: Style{Face: e.set.Serif, Size: 10}},
		{Text: "configuration-unbreakable", Style: Style{Face: e.set.Mono, Size: 10, Code: true}},
		{Text: " notwithstanding extraordinarily", Style: Style{Face: e.set.Serif, Size: 10}},
	}
	p := Prepare(runs, e.hyph(t, "en"))
	hyphenatedProse := false
	for width := 30.0; width <= 160; width += 2 {
		for _, l := range p.Layout(Layout{Widths: []float64{width}, Align: Left}).Lines {
			if l.Ending != EndHyphen {
				continue
			}
			last := l.Fragments[len(l.Fragments)-1]
			if last.Style.Code {
				t.Errorf("width %v: line %q ends in the code with a hyphen", width, lineText(l))
			} else {
				hyphenatedProse = true
			}
		}
	}
	if !hyphenatedProse {
		t.Error("the words after the code were never hyphenated")
	}
}

// The punctuation of the sentence after an address stays with it: no
// line starts with the full stop or the comma that ends "….org.".
func TestNoLineStartsWithTheFullStopAfterAnAddress(t *testing.T) {
	e := testEnv(t)
	for _, addr := range []string{"kellingford-solidarity.org.", "(kellingford-solidarity.org),", "https://example.org/leaflets/solidarity-with-strikers."} {
		text := "Everyone is welcome, write to us at " + addr + " Bring a neighbour."
		p := Prepare([]Run{{Text: text, Style: Style{Face: e.set.Serif, Size: 10}}}, e.hyph(t, "en"))
		for width := 60.0; width <= 260; width++ { // narrower, a word is cut anywhere to fit
			for _, l := range p.Layout(Layout{Widths: []float64{width}}).Lines {
				if first := strings.TrimSpace(lineText(l)); first == "." || strings.HasPrefix(first, ". ") || strings.HasPrefix(first, ",") || strings.HasPrefix(first, ")") {
					t.Errorf("width %v: a line starts %q", width, first)
				}
			}
		}
	}
}

// An e-mail address is kept on one line whenever a line can hold it,
// in a justified paragraph of any width: a reader types it from the
// paper. Only one wider than the line is broken, at its @ or before a
// dot, and fits.
func TestAnEmailAddressBreaksOnlyWhenNoLineHoldsIt(t *testing.T) {
	e := testEnv(t)
	const addr = "network@example.org"
	for lang, text := range map[string]string{
		"en": "Called by the tenants of Pelham Court, with the support of the Kellingford Tenants' and Workers' Solidarity Network. Contact: 07700 900461 · " + addr,
		"es": "Convocan vecinas y vecinos de Pelham Court, con el apoyo de la Red de Solidaridad de Inquilinos y Trabajadores de Kellingford. Contacto: 07700 900461 · " + addr,
	} {
		run := []Run{{Text: text, Style: Style{Face: e.set.Serif, Size: 10}}}
		p := Prepare(run, e.hyph(t, lang))
		whole := Prepare([]Run{{Text: addr, Style: run[0].Style}}, nil).Layout(Layout{Widths: []float64{1000}, Align: Left}).Lines[0].Width
		broken := 0
		for width := 40.0; width <= 300; width += 1 {
			b := p.Layout(Layout{Widths: []float64{width}})
			var got strings.Builder
			for _, l := range b.Lines {
				if l.Overfull {
					t.Errorf("%s width %v: line %q is overfull", lang, width, lineText(l))
				}
				got.WriteString(lineText(l) + "\n")
			}
			if !strings.Contains(got.String(), addr) {
				if width >= whole {
					t.Errorf("%s width %v: the address, %.1f wide, is broken:\n%s", lang, width, whole, got.String())
				}
				broken++
			}
		}
		if broken == 0 {
			t.Errorf("%s: the address, %.1f wide, is never broken, even in lines narrower", lang, whole)
		}
	}
}

// A web address breaks in its path, after a slash or before other
// punctuation, but not in its host, where a line can hold the host:
// "(archive" ".x.org/fr/…" reads as two things.
func TestAnAddressBreaksInItsPathNotItsHost(t *testing.T) {
	e := testEnv(t)
	style := Style{Face: e.set.Serif, Size: 10}
	for _, host := range []string{"(archive.x.org/", "https://kellingford-solidarity.org/", "www.example.org/"} {
		addr := host + "fr/leaflets/picket-summer-committee-hospital/)"
		text := "Collecter chauffeur aux leur et ils où distribuer nous où en " + addr + " hôpital humidité le français nouveau matin ont."
		p := Prepare([]Run{{Text: text, Style: style}}, e.hyph(t, "fr"))
		hostW := Prepare([]Run{{Text: host, Style: style}}, nil).Layout(Layout{Widths: []float64{1e4}, Align: Left}).Lines[0].Width
		inPath := 0
		for width := 60.0; width <= 320; width++ {
			var joined strings.Builder
			for _, l := range p.Layout(Layout{Widths: []float64{width}}).Lines {
				joined.WriteString(lineText(l) + "\n")
			}
			got := joined.String()
			at := strings.Index(got, host[:3])
			if at < 0 {
				t.Fatalf("width %v: the address is not in %q", width, got)
			}
			if cut := strings.IndexByte(got[at:at+len(host)], '\n'); cut >= 0 && width >= hostW {
				t.Errorf("width %v: the host %q, %.1f wide, is broken: %q", width, host, hostW, got[at:at+len(host)+1])
			}
			if !strings.Contains(got, addr) && strings.Contains(got, host) {
				inPath++
			}
		}
		if inPath == 0 {
			t.Errorf("%s: the address never breaks in its path", host)
		}
	}
}

// A dot that separates, "07700 900461 · network@example.org", ends a
// line rather than starts one, where it would read as a list's bullet.
// It starts one only when the line before could not hold it at its
// natural spacing.
func TestASeparatingDotEndsALineRatherThanStartsOne(t *testing.T) {
	e := testEnv(t)
	style := Style{Face: e.set.Serif, Size: 10}
	natural := func(text string) float64 {
		return Prepare([]Run{{Text: text, Style: style}}, nil).Layout(Layout{Widths: []float64{10000}, Align: Left}).Lines[0].Width
	}
	for _, sep := range []string{"·", "•"} {
		text := "Called by the residents of Pelham Court, with the support of the Kellingford Tenants' and Workers' Solidarity Network. Contact: 07700 900461 " + sep + " network@example.org " + sep + " Thursdays 6 pm " + sep + " Block B"
		p := Prepare([]Run{{Text: text, Style: style}}, e.hyph(t, "en"))
		ended := 0
		for width := 100.0; width <= 300; width++ {
			prev := ""
			for _, l := range p.Layout(Layout{Widths: []float64{width}}).Lines {
				line := strings.TrimSpace(lineText(l))
				if strings.HasPrefix(line, sep) {
					if w := natural(strings.TrimSuffix(prev, "-") + " " + sep); w <= width {
						t.Errorf("width %v: %q starts a line, where the line before could end with it (%.1f wide): %q", width, sep, w, prev)
					}
				}
				if strings.HasSuffix(line, sep) {
					ended++
				}
				prev = line
			}
		}
		if ended == 0 {
			t.Errorf("%s: no line ends with the separator at any width", sep)
		}
	}
}

// A heading or a title set with Balance takes as many lines as without,
// in lines of even length: "Loyers et salaires : un seul" "combat"
// becomes "Loyers et salaires :" "un seul combat". Centered, each line
// is centered in the whole width, not in the narrower one it was set in.
func TestBalanceSetsAHeadingInLinesOfEvenLength(t *testing.T) {
	e := testEnv(t)
	for _, title := range []string{"Loyers et salaires : un seul combat", "Pelham Court: no to the 14% rent rise", "Rent and wages: one struggle, not two, in every block and every warehouse of the city"} {
		p := Prepare([]Run{{Text: title, Style: Style{Face: e.set.SansBold, Size: 24}}}, nil)
		natural := p.NaturalWidth(1)
		alone := 0
		for width := natural * 0.3; width < natural; width += 3 {
			for _, align := range []Align{Left, Center, Right} {
				plain := p.Layout(Layout{Widths: []float64{width}, Align: align})
				even := p.Layout(Layout{Widths: []float64{width}, Align: align, Balance: true})
				if got, want := words(even), words(plain); !slices.Equal(got, want) {
					t.Fatalf("width %.0f: balanced %q, not %q", width, got, want)
				}
				if len(even.Lines) != len(plain.Lines) {
					t.Errorf("%q width %.0f: %d lines balanced, %d not", title, width, len(even.Lines), len(plain.Lines))
				}
				widest, shortest := 0.0, math.Inf(1)
				for _, l := range even.Lines {
					widest, shortest = max(widest, l.Width), min(shortest, l.Width)
					if l.Overfull {
						t.Errorf("%q width %.0f: line %q is overfull", title, width, lineText(l))
					}
					left := l.Fragments[0].X
					want := map[Align]float64{Left: 0, Center: (width - l.Width) / 2, Right: width - l.Width}[align]
					if math.Abs(left-want) > 1e-6 {
						t.Errorf("%q width %.0f align %v: line %q starts at %.2f, want %.2f", title, width, align, lineText(l), left, want)
					}
				}
				last := plain.Lines[len(plain.Lines)-1]
				if len(plain.Lines) > 1 && !strings.Contains(lineText(last), " ") {
					alone++ // one word alone: balanced, no line is as short
					if shortest < 0.5*widest {
						t.Errorf("%q width %.0f: balanced lines of %.0f to %.0f points: %q", title, width, shortest, widest, lineTexts(even))
					}
				}
			}
		}
		if alone == 0 {
			t.Errorf("%q: no width leaves a word alone on the last line, nothing was tested", title)
		}
	}
}

func lineTexts(b *Block) []string {
	var out []string
	for _, l := range b.Lines {
		out = append(out, lineText(l))
	}
	return out
}

// A word set in a line as wide as the word, give or take the last bit of
// a float (a table's column, its cells' widest word plus padding, less
// the padding), is set whole: a table header was cut "Caiss" "e".
func TestAWordAsWideAsTheLineIsNotCut(t *testing.T) {
	e := testEnv(t)
	narrower := 0
	for _, word := range []string{"Caisse", "Loyers", "Victoire", "Grève", "Réponse", "Montant"} {
		p := Prepare([]Run{{Text: word, Style: Style{Face: e.set.SansBold, Size: 0.85}}}, e.hyph(t, "fr"))
		for size := 8.0; size <= 12; size += 0.25 {
			w := p.WordWidth(size)
			for pad := 0.1; pad < 8; pad += 0.1 {
				width := (w + 2*pad) - 2*pad
				if width >= w {
					continue
				}
				narrower++
				for _, al := range []Align{Left, Right} {
					b := p.Layout(Layout{Widths: []float64{width}, Align: al, Scale: size, WholeWords: true})
					if len(b.Lines) != 1 || lineText(b.Lines[0]) != word || b.Pass != linebreak.NoHyphenation {
						t.Fatalf("%q at size %v in %v points (its width less %g): lines %q, pass %v", word, size, width, w-width, lineTexts(b), b.Pass)
					}
				}
			}
		}
	}
	if narrower == 0 {
		t.Fatal("no width came out a bit narrower than its word: nothing was tested")
	}
}

// lastWord is the last word of a line of text.
func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.TrimSuffix(f[len(f)-1], "-")
}

func TestAWordWiderThanTheLineIsCutToFit(t *testing.T) {
	e := testEnv(t)
	hash := strings.Repeat("0123456789abcdef", 12)
	text := "checksum " + hash + " ok"
	p := Prepare([]Run{{Text: text, Style: Style{Face: e.set.Mono, Size: 9}}}, nil)
	for _, al := range aligns {
		b := p.Layout(Layout{Widths: []float64{120}, Align: al})
		for _, l := range b.Lines {
			if l.Overfull || l.Width > 120+1e-6 {
				t.Errorf("align %d: line %q is %v wide", al, lineText(l), l.Width)
			}
		}
		var joined strings.Builder
		for _, l := range b.Lines {
			joined.WriteString(lineText(l) + " ")
		}
		if got := strings.ReplaceAll(joined.String(), " ", ""); got != strings.ReplaceAll(text, " ", "") {
			t.Errorf("align %d: text changed: %q", al, got)
		}
	}
}

func TestFragmentsAreMergedPerStyle(t *testing.T) {
	e := testEnv(t)
	bold, regular := Style{Face: e.set.SerifBold, Size: 10}, Style{Face: e.set.Serif, Size: 10}
	p := Prepare([]Run{
		{Text: "Not one penny ", Style: bold},
		{Text: "for this war", Style: regular},
		{Text: ".", Style: regular, Link: "https://example.org"},
	}, e.hyph(t, "en"))
	b := p.Layout(Layout{Widths: []float64{500}, Align: Left})
	if len(b.Lines) != 1 {
		t.Fatalf("%d lines, want 1", len(b.Lines))
	}
	f := b.Lines[0].Fragments
	if len(f) != 3 || f[0].Text != "Not one penny" || f[1].Text != "for this war" || f[2].Text != "." {
		t.Fatalf("fragments %+v", f)
	}
	if f[0].Style != bold || f[1].Style != regular || f[2].Link != "https://example.org" || f[1].Link != "" {
		t.Errorf("styles or links wrong: %+v", f)
	}
	// Positions are what fpdf will measure: each fragment starts where
	// the previous one and a space in its style end.
	space := e.set.SerifBold.Width(" ", 10)
	if want := e.set.SerifBold.Width("Not one penny", 10) + space; math.Abs(f[1].X-want) > 1e-9 {
		t.Errorf("second fragment at %v, want %v", f[1].X, want)
	}
	if want := f[1].X + e.set.Serif.Width("for this war", 10); math.Abs(f[2].X-want) > 1e-9 {
		t.Errorf("third fragment at %v, want %v (no space before the full stop)", f[2].X, want)
	}
}

func TestAlignmentPlacesLines(t *testing.T) {
	e := testEnv(t)
	p := Prepare([]Run{{Text: "Solidarity forever", Style: Style{Face: e.set.Serif, Size: 12}}}, nil)
	w := e.set.Serif.Width("Solidarity forever", 12)
	tests := []struct {
		align Align
		x     float64
	}{{Left, 5}, {Justify, 5}, {Center, 5 + (200-w)/2}, {Right, 5 + 200 - w}}
	for _, tt := range tests {
		b := p.Layout(Layout{Widths: []float64{200}, Indents: []float64{5}, Align: tt.align})
		if got := b.Lines[0].Fragments[0].X; math.Abs(got-tt.x) > 1e-9 {
			t.Errorf("align %d: x = %v, want %v", tt.align, got, tt.x)
		}
	}
}

func TestLineHeightsFollowLeadingAndScale(t *testing.T) {
	e := testEnv(t)
	p := Prepare([]Run{
		{Text: "Small text and ", Style: Style{Face: e.set.Serif, Size: 10}},
		{Text: "big", Style: Style{Face: e.set.SansBold, Size: 20}},
	}, nil)
	b := p.Layout(Layout{Widths: []float64{1000}, Leading: 1.5, Scale: 0.5})
	l := b.Lines[0]
	if l.Height != 15 || b.Height != 15 {
		t.Errorf("height %v (block %v), want 1.5 × 20 × 0.5 = 15", l.Height, b.Height)
	}
	if want := e.set.SansBold.Metrics().Ascent * 10; math.Abs(l.Ascent-want) > 1e-9 {
		t.Errorf("ascent %v, want %v", l.Ascent, want)
	}
	if l.Fragments[1].Style.Size != 10 {
		t.Errorf("scaled size %v, want 10", l.Fragments[1].Style.Size)
	}
}

func TestSmallerScaleGivesFewerLines(t *testing.T) {
	e := testEnv(t)
	p := Prepare([]Run{{Text: strings.Join(leaflet(t, "es"), " "), Style: Style{Face: e.set.Serif, Size: 12}}}, e.hyph(t, "es"))
	prev := math.MaxInt
	for _, scale := range []float64{1, 0.9, 0.8, 0.7} {
		n := len(p.Layout(Layout{Widths: []float64{300}, Scale: scale}).Lines)
		if n >= prev {
			t.Errorf("scale %v: %d lines, not fewer than %d", scale, n, prev)
		}
		prev = n
	}
}

func TestRunesTheFontLacksAreReplacedAndReported(t *testing.T) {
	e := testEnv(t)
	runs := []Run{
		{Text: "Solidarity ", Style: Style{Face: e.set.Serif, Size: 10}},
		{Text: "✊🏽 from Kraków 😀", Style: Style{Face: e.set.Serif, Size: 10}},
	}
	p := Prepare(runs, nil)
	got := p.Replacements()
	if len(got) != 3 {
		t.Fatalf("replacements %v, want 3", got)
	}
	for _, r := range got {
		if r.Run != 1 || !strings.HasPrefix(runs[1].Text[r.Offset:], string(r.Rune)) {
			t.Errorf("replacement %+v does not point at its rune", r)
		}
	}
	b := p.Layout(Layout{Widths: []float64{500}, Align: Left})
	if text := lineText(b.Lines[0]); strings.ContainsAny(text, "😀🏽") || !strings.Contains(text, "Kraków") {
		t.Errorf("line %q", text)
	}
}

func TestEmptyParagraphHasNoLines(t *testing.T) {
	e := testEnv(t)
	for _, text := range []string{"", "   ", "\u200b"} {
		p := Prepare([]Run{{Text: text, Style: Style{Face: e.set.Serif, Size: 10}}}, nil)
		b := p.Layout(Layout{Widths: []float64{100}})
		if !p.Empty() || len(words(b)) != 0 {
			t.Errorf("%q: Empty %v, words %q", text, p.Empty(), words(b))
		}
	}
}

func TestLayoutIsSafeForConcurrentUse(t *testing.T) {
	e := testEnv(t)
	p := Prepare([]Run{{Text: strings.Join(leaflet(t, "fr"), " "), Style: Style{Face: e.set.Serif, Size: 10}}}, e.hyph(t, "fr"))
	want := len(p.Layout(Layout{Widths: []float64{200}}).Lines)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := len(p.Layout(Layout{Widths: []float64{200}}).Lines); got != want {
				t.Errorf("%d lines, want %d", got, want)
			}
		})
	}
	wg.Wait()
}

func FuzzPrepareAndLayout(f *testing.F) {
	for _, s := range []string{"« Non\u202f! »", "a\nb", "https://x.org/a?b=c", "soft\u00adhyphen", "\u200b\u2060 \u00a0", "l’organisation 12\u202f345", "Appelez le +33 (0)1 23 45 67 89."} {
		f.Add(s, 80.0)
	}
	f.Fuzz(func(t *testing.T, text string, width float64) {
		if !(width > 1 && width < 1e5) {
			return
		}
		e := testEnv(t)
		p := Prepare([]Run{{Text: text, Style: Style{Face: e.set.Serif, Size: 10}}, {Text: text, Style: Style{Face: e.set.SerifItalic, Size: 8}}}, e.hyph(t, "fr"))
		checkNaturalWidth(t, p, text, width/80)
		for _, al := range aligns {
			b := p.Layout(Layout{Widths: []float64{width}, Align: al})
			even := p.Layout(Layout{Widths: []float64{width}, Align: al, Balance: true})
			if len(even.Lines) != len(b.Lines) || !slices.Equal(words(even), words(b)) {
				t.Fatalf("balanced, %d lines %q; not, %d lines %q", len(even.Lines), words(even), len(b.Lines), words(b))
			}
			for _, l := range append(b.Lines, even.Lines...) {
				for _, fr := range l.Fragments {
					if math.IsNaN(fr.X) || !utf8.ValidString(fr.Text) {
						t.Fatalf("bad fragment %+v", fr)
					}
					for _, r := range fr.Text {
						if r > 0xFFFF || !fr.Style.Face.Has(r) {
							t.Fatalf("fragment %q has %U the face cannot draw", fr.Text, r)
						}
					}
				}
			}
		}
	})
}

// A fragment is drawn as its text in its face, each space widened by
// WordSpace: that must be the width the line breaker set it at, or the
// words after the first would not land where the line was justified.
func TestFragmentsAreAsWideAsTheirTextDrawn(t *testing.T) {
	e := testEnv(t)
	for _, lang := range []string{"en", "fr", "es"} {
		para := strings.Join(leaflet(t, lang), " ")
		half := strings.Index(para[len(para)/2:], " ") + len(para)/2
		p := Prepare([]Run{
			{Text: para[:half], Style: Style{Face: e.set.Serif, Size: 10}},
			{Text: " in italics and", Style: Style{Face: e.set.SerifItalic, Size: 10}},
			{Text: " a linked part", Style: Style{Face: e.set.Serif, Size: 10}, Link: "https://example.org/"},
			{Text: para[half:], Style: Style{Face: e.set.Serif, Size: 10}},
		}, e.hyph(t, lang))
		for _, width := range []float64{120, 200, 300} {
			for _, al := range aligns {
				b := p.Layout(Layout{Widths: []float64{width}, Align: al, Scale: 1.1})
				spaced := 0
				for i, l := range b.Lines {
					for j, f := range l.Fragments {
						drawn := f.Style.Face.Width(f.Text, f.Style.Size) + float64(strings.Count(f.Text, " "))*f.WordSpace
						if math.Abs(drawn-f.Width) > 1e-6 {
							t.Fatalf("%s width %v align %d: line %d fragment %q is %v wide but drawn %v", lang, width, al, i, f.Text, f.Width, drawn)
						}
						if j > 0 && f.X < l.Fragments[j-1].X+l.Fragments[j-1].Width-1e-6 {
							t.Fatalf("%s width %v align %d: line %d fragment %q overlaps the one before", lang, width, al, i, f.Text)
						}
						if f.WordSpace != 0 {
							spaced++
							if al != Justify || i == len(b.Lines)-1 {
								t.Fatalf("%s width %v align %d: line %d %q has word space %v", lang, width, al, i, lineText(l), f.WordSpace)
							}
						}
					}
				}
				if al == Justify && spaced == 0 {
					t.Errorf("%s width %v: no fragment of the justified lines has its spaces widened", lang, width)
				}
			}
		}
	}
}

// On a justified line, the words of one style are one fragment, drawn in
// one call: one per line in an English text of one style.
func TestJustifiedLinesOfOneStyleAreOneFragment(t *testing.T) {
	e := testEnv(t)
	para := strings.Join(leaflet(t, "en"), " ")
	p := Prepare([]Run{{Text: para, Style: Style{Face: e.set.Serif, Size: 10}}}, e.hyph(t, "en"))
	for _, width := range []float64{120, 200, 300} {
		b := p.Layout(Layout{Widths: []float64{width}})
		for i, l := range b.Lines {
			if len(l.Fragments) != 1 {
				t.Errorf("width %v: line %d %q is in %d fragments", width, i, lineText(l), len(l.Fragments))
			}
		}
	}
}

// MinWidth is the narrowest column that cuts no word: set that wide, a
// paragraph keeps its numbers whole, phone numbers too (a word may still
// be hyphenated), and any narrower, its widest part no longer fits.
func TestMinWidthIsTheNarrowestColumnThatCutsNothing(t *testing.T) {
	e := testEnv(t)
	for _, text := range []string{"625,00\u00a0€", "Loyer actuel", "1\u202f022,40\u00a0€ par mois", "Observations détaillées des locataires", "Tél. 01 23 45 67 89"} {
		p := Prepare([]Run{{Text: text, Style: Style{Face: e.set.Serif, Size: 10}}}, e.hyph(t, "fr"))
		w := p.MinWidth(0.85)
		b := p.Layout(Layout{Widths: []float64{w}, Align: Left, Scale: 0.85})
		var got []string
		for _, l := range b.Lines {
			if l.Overfull {
				t.Errorf("%q at its MinWidth %.2f: line %q is overfull", text, w, lineText(l))
			}
			got = append(got, strings.TrimSuffix(lineText(l), "-"))
		}
		if joined := strings.Join(got, ""); strings.Contains(text, "625,00") && !slices.Contains(got, "625,00\u00a0€") ||
			strings.Contains(text, "01 23") && !slices.Contains(got, "01 23 45 67 89") {
			t.Errorf("%q at its MinWidth %.2f: lines %q cut the number", text, w, got)
		} else if strings.ReplaceAll(joined, " ", "") != strings.ReplaceAll(text, " ", "") {
			t.Errorf("%q at its MinWidth: lines %q lose text", text, got)
		}
		// Narrower, the widest part runs over the line or is cut (as
		// "Loye" and "r ac-"): the lines are not those above.
		narrower := p.Layout(Layout{Widths: []float64{w - 0.5}, Align: Left, Scale: 0.85})
		var cut []string
		for _, l := range narrower.Lines {
			cut = append(cut, strings.TrimSuffix(lineText(l), "-"))
		}
		if !slices.ContainsFunc(narrower.Lines, func(l Line) bool { return l.Overfull }) && slices.Equal(cut, got) {
			t.Errorf("%q half a point narrower than its MinWidth: set as %q all the same, so MinWidth is too wide", text, cut)
		}
	}
}

// NaturalWidth is the widest line of the paragraph laid out wider than
// it, hard breaks and all: the width a table gives a column that holds
// it on one line.
func TestNaturalWidthIsTheWidestLineSetWithoutBreaking(t *testing.T) {
	e := testEnv(t)
	texts := []string{"", " ", "Loyer actuel", "  deux espaces devant, trois derrière   ", "a\nb", "ligne\n\n  après deux sauts\n", "625,00\u00a0€", "« Non\u202f! »",
		"Tél. 01 23 45 67 89", "https://example.org/un/tres/long/chemin?avec=des&parametres", "soft\u00adhyphen, anti-constitutionnellement"}
	for _, lang := range []string{"en", "fr", "es"} {
		texts = append(texts, leaflet(t, lang)...)
	}
	for _, text := range texts {
		// As a table sets its cells: sizes relative to the scale, the
		// text's size in points.
		p := Prepare([]Run{{Text: text, Style: Style{Face: e.set.Serif, Size: 1}}, {Text: text, Style: Style{Face: e.set.SansBold, Size: 0.85}}}, e.hyph(t, "fr"))
		for _, scale := range []float64{0, 7.7, 9.35, 10.5, 12.1} {
			checkNaturalWidth(t, p, text, scale)
		}
	}
}

// checkNaturalWidth fails t if p's NaturalWidth at scale is not exactly
// the widest line of p laid out in lines no text reaches.
func checkNaturalWidth(t *testing.T, p *Paragraph, text string, scale float64) {
	t.Helper()
	want := 0.0
	for _, l := range p.Layout(Layout{Widths: []float64{1e9}, Align: Left, Scale: scale}).Lines {
		want = max(want, l.Width)
	}
	// Exactly: a table's columns are shared out from these widths, and a
	// last bit changed moves its text in the PDF.
	if got := p.NaturalWidth(scale); got != want {
		t.Errorf("%q at scale %g: NaturalWidth %.4f, widest line %.4f", text, scale, got, want)
	}
}

// With WholeWords, a paragraph set at its WordWidth or wider has no
// hyphen the author did not put there; narrower, its widest word is
// hyphenated rather than cut between any two letters.
func TestWholeWordsHyphenatesOnlyWordsTooWideForTheLine(t *testing.T) {
	e := testEnv(t)
	p := Prepare([]Run{{Text: "Ayudas concedidas", Style: Style{Face: e.set.SansBold, Size: 8.5}}}, e.hyph(t, "es"))
	w := p.WordWidth(1)
	if m := p.MinWidth(1); m >= w {
		t.Fatalf("MinWidth %v, WordWidth %v: the hyphenated pieces are not narrower", m, w)
	}
	for _, width := range []float64{w, w + 5, w + 20} {
		for _, l := range p.Layout(Layout{Widths: []float64{width}, Align: Left, WholeWords: true}).Lines {
			if l.Ending == EndHyphen || l.Overfull {
				t.Errorf("width %v: line %q (hyphenated: %v, overfull: %v)", width, lineText(l), l.Ending == EndHyphen, l.Overfull)
			}
		}
	}
	b := p.Layout(Layout{Widths: []float64{w - 3}, Align: Left, WholeWords: true})
	if got := words(b); !slices.Equal(got, []string{"Ayudas", "concedidas"}) || !slices.ContainsFunc(b.Lines, func(l Line) bool { return l.Ending == EndHyphen }) {
		t.Errorf("narrower than its longest word: lines %q, want \"concedidas\" hyphenated", got)
	}
}
