package pdf

import (
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/pdf/layout"
)

// docText is the text a document draws, its lines joined by spaces and
// its no-break spaces as spaces.
func docText(doc *layout.Document) string {
	var b strings.Builder
	for _, p := range doc.Pages {
		for _, op := range p.Ops {
			if op.Kind == layout.OpText {
				b.WriteString(op.Text + " ")
			}
		}
	}
	return strings.Join(strings.Fields(strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(b.String())), " ")
}

// outdatedSite has a text of each kind in English and, translated from an
// earlier English text (a digest that is not the English one's), in
// French; the bulletin prints the article.
const outdatedSite = `
-- content/leaflets/l/en.md --
---
title: "Repairs are your right"
date: 2026-10-26
---
Every Tuesday from 6 to 8.30 pm at the Holloway Street hall.
-- content/leaflets/l/fr.md --
---
title: "Les réparations sont un droit"
translated_from: en@000000000000
---
Tous les mardis de 18 h à 20 h à la salle de Holloway Street.
-- content/articles/a/en.md --
---
title: "The meeting"
date: 2026-10-20
---
Ninety-four people came.
-- content/articles/a/fr.md --
---
title: "La réunion"
translated_from: en@000000000000
---
Quatre-vingt-quatorze personnes sont venues.
-- content/bulletins/b/en.md --
---
title: "Issue one"
date: 2026-10-30
number: 1
articles: [a]
---
This month.
-- content/bulletins/b/fr.md --
---
title: "Numéro un"
translated_from: en@000000000000
---
Ce mois-ci.
-- content/pamphlets/p/en.md --
---
title: "Rent and wages"
date: 2026-10-01
---
## One

Rent.
-- content/pamphlets/p/fr.md --
---
title: "Loyers et salaires"
translated_from: en@000000000000
---
## Un

Loyers.
-- content/events/e/en.md --
---
title: "Tenants' assembly"
starts: 2027-01-16T14:00:00Z
venue: "Holloway Street hall"
---
Come.
-- content/events/e/fr.md --
---
title: "Assemblée des locataires"
translated_from: en@000000000000
---
Venez.
`

// The printed copy of an outdated translation is the one handed out: it
// says, in its language, near its title, that the original has changed
// and where to read it, as the web page does. Its original, and the
// bulletin's other texts, say nothing of the kind. A bulletin's outdated
// article says so under its own title.
func TestAnOutdatedTranslationsPDFSaysSo(t *testing.T) {
	m, site := maker(t, outdatedSite)
	const notice = "Cette traduction n’est peut-être plus à jour : l’original en anglais a été modifié depuis. La page web (code QR) renvoie à l’original."
	for _, it := range site.Items {
		for lang, v := range it.Variants {
			want := 0
			switch {
			case lang == "en":
			case it.Section == "bulletins":
				want = 2 // its own text's and its article's
			default:
				want = 1
			}
			doc, _, err := m.set(v, "a4")
			if err != nil {
				t.Fatal(err)
			}
			text := docText(doc)
			if n := strings.Count(text, notice); n != want {
				t.Errorf("%s: the notice is printed %d times, want %d:\n%s", v.Path, n, want, text)
			}
			if want == 0 {
				continue
			}
			// Near the title: before the text.
			if body := strings.Index(text, map[string]string{"leaflets": "Tous les mardis", "articles": "Quatre-vingt", "bulletins": "Ce mois-ci", "pamphlets": "Loyers.", "events": "Venez"}[it.Section]); body < strings.Index(text, notice) {
				t.Errorf("%s: the notice is printed after the text begins:\n%s", v.Path, text)
			}
		}
	}
}

// A leaflet that fits its one page only just keeps it when it is an
// outdated translation: its notice, which near the title would send it
// to a second side, is printed in the QR block instead.
func TestAnOutdatedLeafletThatOnlyJustFitsKeepsItsPage(t *testing.T) {
	const sentence = "Les moisissures noires reviennent chaque hiver sur les murs des chambres, et le propriétaire dit que c’est notre faute. "
	site := func(n int) string {
		return "-- content/leaflets/l/en.md --\n---\ntitle: Repairs\n---\nText.\n" +
			"-- content/leaflets/l/fr.md --\n---\ntitle: Réparations\ntranslated_from: en@000000000000\n---\n" +
			strings.Repeat(sentence, n) + "\n"
	}
	// fits reports whether the French text of n sentences fits one page,
	// with the notice near its title or not.
	fits := func(n int, notice bool) bool {
		m, s := maker(t, site(n))
		v := s.Item("leaflets", "l").Variants["fr"]
		w, h, _ := PaperSize("a4")
		margins := [4]float64{15 * mm, 15 * mm, 23 * mm, 15 * mm}
		_, _, _, ok := layoutOf(m, v, notice).ForPage(w, h, margins).Fit(leafletMax, leafletMin, 1)
		return ok
	}
	// The most sentences that fit without the notice.
	lo, hi := 1, 80
	if !fits(lo, false) || fits(hi, false) {
		t.Fatal("the search starts from a text that fits and one that does not")
	}
	for hi-lo > 1 {
		if mid := (lo + hi) / 2; fits(mid, false) {
			lo = mid
		} else {
			hi = mid
		}
	}
	if fits(lo, true) {
		t.Fatalf("%d sentences fit with the notice near the title: the test needs a text that does not", lo)
	}
	m, s := maker(t, site(lo))
	v := s.Item("leaflets", "l").Variants["fr"]
	files, problems, err := m.Make(v)
	if err != nil {
		t.Fatal(err)
	}
	if files[0].Pages != 1 || len(problems) != 0 {
		t.Errorf("%d sentences: %d pages, problems %v; want the one page it has without the notice", lo, files[0].Pages, problems)
	}
	doc, _, _ := m.set(v, "a4")
	text := docText(doc)
	if i, rev := strings.Index(text, "La page web (code QR) renvoie à l’original."), strings.Index(text, "rev "+v.Digest); i < 0 || i < rev {
		t.Errorf("the notice is not after the revision mark:\n%s", text)
	}
}

// layoutOf is v's blocks prepared, with its outdated notice near its
// title or not.
func layoutOf(m *Maker, v *content.Variant, notice bool) *layout.Prepared {
	return layout.Prepare(m.spec(v, m.blocks(v, notice)))
}
