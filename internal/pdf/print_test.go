package pdf

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/pdf/layout"
)

// pageTexts gives the text each page of doc draws, an op a line.
func pageTexts(doc *layout.Document) []string {
	var out []string
	for _, p := range doc.Pages {
		var b strings.Builder
		for _, op := range p.Ops {
			if op.Kind == layout.OpText {
				b.WriteString(op.Text + "\n")
			}
		}
		out = append(out, b.String())
	}
	return out
}

// A table on a narrow page gives each column its longest word before it
// shares the rest: a first column of long lines took the room, and the
// headers beside it were hyphenated ("Impor-te", "Ayudas concedi-das"),
// as were the rows of the EN booklet's ("Two bed-rooms").
func TestTableCellsAreNotHyphenatedWhenTheirWordsFit(t *testing.T) {
	m, site := maker(t, `-- content/articles/a/es.md --
---
title: A
---
| Gastos | Ayudas concedidas | Importe |
|---|---:|---:|
| Anticipos de alquiler | 18 | 5400 £ |
| Facturas de energía | 14 | 1960 £ |
| Transporte y cuidado de niños para ir a los juicios | 9 | 640 £ |
| **Total** | **41** | **8000 £** |
-- content/articles/b/en.md --
---
title: B
---
| Flat | Rent now (per month) | Proposed rent (per month) | Extra per year |
|---|---:|---:|---:|
| One bedroom | £825.00 | £940.50 | £1,386.00 |
| Two bedrooms | £960.00 | £1,094.40 | £1,612.80 |
| Three bedrooms | £1,120.00 | £1,276.80 | £1,881.60 |
`)
	for _, slug := range []string{"a", "b"} {
		it := site.Item("articles", slug)
		for _, v := range it.Variants {
			doc, _, err := m.set(v, "a5")
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range doc.Pages {
				for _, op := range p.Ops {
					if op.Kind == layout.OpText && op.Size < bookletSize && strings.HasSuffix(op.Text, "-") {
						t.Errorf("%s: a cell's line ends %q: hyphenated", v.Path, op.Text)
					}
				}
			}
		}
	}
}

// A table on a narrow page sets its rows of short cells on one line each
// before it gives long headers room: the EN and FR booklets' rent tables
// set "Two / bedrooms" and "Deux / chambres" on two lines, their headers
// on two lines all the same; and the ES one "Ayudas / concedidas".
func TestTableRowsOfShortCellsAreOnOneLine(t *testing.T) {
	m, site := maker(t, `-- content/articles/a/en.md --
---
title: A
---
| Flat | Rent now (per month) | Proposed rent (per month) | Extra per year |
|---|---:|---:|---:|
| One bedroom | £825.00 | £940.50 | £1,386.00 |
| Two bedrooms | £960.00 | £1,094.40 | £1,612.80 |
| Three bedrooms | £1,120.00 | £1,276.80 | £1,881.60 |
-- content/articles/b/fr.md --
---
title: B
---
| Logement | Loyer actuel (par mois) | Loyer proposé (par mois) | Surcoût annuel |
|---|---:|---:|---:|
| Une chambre | 825,00 £ | 940,50 £ | 1 386,00 £ |
| Deux chambres | 960,00 £ | 1 094,40 £ | 1 612,80 £ |
| Trois chambres | 1 120,00 £ | 1 276,80 £ | 1 881,60 £ |
-- content/articles/c/es.md --
---
title: C
---
| Gastos | Ayudas concedidas | Importe |
|---|---:|---:|
| Anticipos de alquiler | 18 | 5400 £ |
| Facturas de energía | 14 | 1960 £ |
| Transporte y cuidado de niños para ir a los juicios | 9 | 640 £ |
`)
	for slug, whole := range map[string][]string{
		"a": {"Two bedrooms", "Three bedrooms"},
		"b": {"Deux chambres", "Trois chambres"},
		"c": {"Ayudas concedidas", "Anticipos de alquiler"},
	} {
		it := site.Item("articles", slug)
		doc, _, err := m.set(it.Variants[it.Original], "a5")
		if err != nil {
			t.Fatal(err)
		}
		text := pageTexts(doc)[0]
		for _, cell := range whole {
			if !strings.Contains(text, "\n"+cell+"\n") {
				t.Errorf("%q is not on one line:\n%s", cell, text)
			}
		}
	}
}

// A paragraph that ends with a colon is kept with what it announces: the
// ES bulletin ended a page with "Las reglas deben ser claras, y pocas.
// Tenemos tres:", its list on the next.
func TestALeadInIsKeptWithItsList(t *testing.T) {
	for n := 30; n < 60; n++ {
		var filler strings.Builder
		for i := range n {
			fmt.Fprintf(&filler, "Línea %d.\n\n", i)
		}
		m, site := maker(t, "-- content/articles/a/es.md --\n---\ntitle: A\n---\n"+filler.String()+
			"**Las reglas deben ser claras, y pocas.** Tenemos tres:\n\n1. Primera regla.\n2. Segunda regla.\n3. Tercera regla.\n")
		doc, _, err := m.set(site.Item("articles", "a").Variants["es"], "a5")
		if err != nil {
			t.Fatal(err)
		}
		for i, text := range pageTexts(doc) {
			if strings.Contains(text, "Tenemos tres:") && !strings.Contains(text, "Primera regla.") {
				t.Errorf("%d lines before it: page %d ends with the lead-in, its list on the next", n, i+1)
			}
		}
	}
}

// The rule above a text's notes is kept with the first of them: the EN
// report ended its first page with it, the notes on the second.
func TestTheNotesRuleIsKeptWithTheNotes(t *testing.T) {
	for n := 40; n < 70; n++ {
		var filler strings.Builder
		for i := range n {
			fmt.Fprintf(&filler, "Line %d.\n\n", i)
		}
		m, site := maker(t, "-- content/articles/a/en.md --\n---\ntitle: A\n---\n"+filler.String()+
			"The hall has no step-free access.[^1]\n\n[^1]: The council says it will fix it.\n")
		doc, _, err := m.set(site.Item("articles", "a").Variants["en"], "a4")
		if err != nil {
			t.Fatal(err)
		}
		texts := pageTexts(doc)
		for i, p := range doc.Pages {
			for _, op := range p.Ops {
				if op.Kind == layout.OpLine && op.Gray == 120 && !strings.Contains(texts[i], "The council says") {
					t.Errorf("%d lines before it: page %d ends with the notes' rule, the notes on the next", n, i+1)
				}
			}
		}
	}
}

// A cover carries no page number: a pamphlet's title page, a bulletin's
// first page (its masthead, the front of its booklet). It counts all the
// same, and every other page, and every page of other documents, has its
// number.
func TestACoverHasNoPageNumber(t *testing.T) {
	long := strings.Repeat("A paragraph of the text, long enough to need a few lines on a page of any size.\n\n", 60)
	m, site := maker(t, "-- content/pamphlets/p/en.md --\n---\ntitle: P\n---\n## One\n\n"+long+"## Two\n\n"+long+
		"-- content/bulletins/b/en.md --\n---\ntitle: B\nnumber: 1\n---\n"+long+
		"-- content/articles/a/en.md --\n---\ntitle: A\n---\n"+long)
	folio := regexp.MustCompile(`^(\d+) / (\d+)$`)
	for _, tt := range []struct {
		section, slug string
		cover         bool
	}{{"pamphlets", "p", true}, {"bulletins", "b", true}, {"articles", "a", false}} {
		for _, paper := range []string{"a4", "a5"} {
			doc, _, err := m.set(site.Item(tt.section, tt.slug).Variants["en"], paper)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range doc.Pages {
				var num []string
				for _, op := range p.Ops {
					if op.Kind == layout.OpText {
						if m := folio.FindStringSubmatch(op.Text); m != nil {
							num = m
						}
					}
				}
				want := i > 0 || !tt.cover
				switch {
				case !want && num != nil:
					t.Errorf("%s %s: the cover is numbered %q", tt.section, paper, num[0])
				case want && num == nil:
					t.Errorf("%s %s: page %d has no number", tt.section, paper, i+1)
				case want && (num[1] != strconv.Itoa(i+1) || num[2] != strconv.Itoa(len(doc.Pages))):
					t.Errorf("%s %s: page %d of %d is numbered %q", tt.section, paper, i+1, len(doc.Pages), num[0])
				}
			}
		}
	}
}

// An event poster's date line starts with a capital, though French and
// Spanish write a weekday small: "samedi 12 décembre…" started the FR
// winter benefit night's. So do Polish and Ukrainian, which a site adds.
func TestAPostersDateLineStartsWithACapital(t *testing.T) {
	m, site := maker(t, `-- tract.toml --
base_url = "https://x.org"
languages = ["en", "fr", "es", "pl", "uk"]
title = "Site"
-- locales/pl.toml --
Weekday6 = "sobota"
Month12 = "grudnia"
DateLongFormat = "{{.Weekday}}, {{.Day}}\u00a0{{.Month}} {{.Year}}"
TimeFormat = "{{.Hour}}:{{.Minute}}"
EventSameDay = "{{.Date}}, od {{.Start}} do {{.End}}"
-- locales/uk.toml --
Weekday6 = "субота"
Month12 = "грудня"
DateLongFormat = "{{.Weekday}}, {{.Day}}\u00a0{{.Month}} {{.Year}}\u00a0р."
TimeFormat = "{{.Hour}}:{{.Minute}}"
EventSameDay = "{{.Date}}, з {{.Start}} до {{.End}}"
-- content/events/e/en.md --
---
title: Benefit night
starts: 2026-12-12T19:00:00Z
ends: 2026-12-12T23:30:00Z
venue: The Lamplighter
address: 52 Canal Side
---
Come.
-- content/events/e/fr.md --
---
title: Soirée de soutien
translated_from: en@4f1c2a9e0b7d
---
Venez.
-- content/events/e/es.md --
---
title: Noche solidaria
translated_from: en@4f1c2a9e0b7d
---
Venid.
-- content/events/e/pl.md --
---
title: Wieczór solidarności
translated_from: en@4f1c2a9e0b7d
---
Zapraszamy.
-- content/events/e/uk.md --
---
title: Вечір солідарності
translated_from: en@4f1c2a9e0b7d
---
Приходьте.
`)
	for lang, weekday := range map[string]string{"en": "Saturday", "fr": "Samedi", "es": "Sábado", "pl": "Sobota", "uk": "Субота"} {
		doc, _, err := m.set(site.Item("events", "e").Variants[lang], "a4")
		if err != nil {
			t.Fatal(err)
		}
		if text := pageTexts(doc)[0]; !strings.Contains(text, "\n"+weekday) {
			t.Errorf("%s: no line starts %q:\n%s", lang, weekday, text)
		}
	}
}

// A pamphlet's title page sets its title block high on the page, not
// against the top margin (a space above it was dropped there), and a
// title of 200 characters keeps the whole block on that page.
func TestAPamphletsTitleBlockIsSetHighOnItsPage(t *testing.T) {
	long := "Why the tenants of Pelham Court, the workers of the Vantor warehouse and the families of Eastgate refused to pay for a crisis they did not make, and what five years of organising together taught them."
	for _, title := range []string{"Rent and wages", long} {
		m, site := maker(t, "-- content/pamphlets/p/en.md --\n---\ntitle: \""+title+"\"\ndate: 2026-11-01\nsummary: \"Why the network organises tenants and workers together, and how to make a start.\"\n---\n## One\n\nBody text.\n")
		v := site.Item("pamphlets", "p").Variants["en"]
		for _, paper := range []string{"a4", "a5"} {
			doc, _, err := m.set(v, paper)
			if err != nil {
				t.Fatal(err)
			}
			_, h, _ := PaperSize(paper)
			margin := map[string]float64{"a4": 15 * mm, "a5": 12 * mm}[paper]
			textH := h - 2*margin - 8*mm
			var top, date float64 // the baselines of the block's first and last lines
			for _, op := range doc.Pages[0].Ops {
				if op.Kind == layout.OpText && top == 0 {
					top = op.Y
				}
				if op.Kind == layout.OpText && op.Text == "1\u00a0November 2026" {
					date = op.Y
				}
			}
			name := fmt.Sprintf("%d-character title on %s", len(title), paper)
			if texts := pageTexts(doc); date == 0 || len(texts) < 2 || !strings.HasPrefix(texts[1], "One\n") {
				t.Errorf("%s: the title page is not the block alone:\n%q", name, texts[:2])
				continue
			}
			if middle := ((top+date)/2 - margin) / textH; len(title) < 50 && (middle < 0.2 || middle > 0.4) {
				t.Errorf("%s: the block's middle is %.0f%% of the way down the text block, want 20 to 40%%", name, 100*middle)
			}
			if top < margin || date > h-margin-8*mm {
				t.Errorf("%s: the block runs from %.0f to %.0f points, out of the text block (%.0f to %.0f)", name, top, date, margin, h-margin-8*mm)
			}
		}
	}
}
