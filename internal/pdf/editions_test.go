package pdf

import (
	"reflect"
	"strings"
	"testing"
)

// editionsSite has a variant for each way editions are made: an A5
// leaflet (its own half of a two-up sheet), a Letter leaflet (set again
// on half-Letter) too long for one page, and a pamphlet (set again on A5
// for the booklet); both with a character the fonts lack.
const editionsSite = statement + `
-- content/leaflets/letter/en.md --
---
title: "A long leaflet on Letter paper"
paper: letter
---
` + "Rent rose again; the repairs still wait, and the landlord answers no letter. 𝄞 " + `
-- content/pamphlets/p/en.md --
---
title: "Rent and wages"
date: 2026-11-01
---
## Chapter one

Organising starts with a list of doors, and a list of doors starts with one.

### A section

Every meeting decides something.

## Chapter two

The fonts have no 𝄞.
`

func editionsMaker(t *testing.T) (*Maker, []struct{ section, slug, lang string }) {
	site := strings.Replace(editionsSite, "landlord answers no letter. ", strings.Repeat("landlord answers no letter. ", 300), 1)
	m, _ := maker(t, site)
	return m, []struct{ section, slug, lang string }{
		{"leaflets", "statement", "en"}, {"leaflets", "statement", "fr"},
		{"leaflets", "letter", "en"}, {"pamphlets", "p", "en"},
	}
}

// Check reports what Make reports and describes the same files, without
// their bytes.
func TestCheckReportsWhatMakeReports(t *testing.T) {
	m, variants := editionsMaker(t)
	kinds := map[string]bool{}
	for _, c := range variants {
		v := m.site.Item(c.section, c.slug).Variants[c.lang]
		made, madeProbs, err := m.Make(v)
		if err != nil {
			t.Fatal(err)
		}
		checked, checkedProbs, err := m.Check(v)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(checkedProbs, madeProbs) {
			t.Errorf("%s: Check reports %v, Make %v", v.Path, checkedProbs, madeProbs)
		}
		for _, p := range madeProbs {
			kinds[strings.Fields(p.Message)[0]] = true
		}
		if len(checked) != len(made) {
			t.Fatalf("%s: Check describes %d files, Make makes %d", v.Path, len(checked), len(made))
		}
		for i := range made {
			if checked[i].Data != nil {
				t.Errorf("%s: Check wrote %s", v.Path, checked[i].Name)
			}
			made[i].Data = nil
			if !reflect.DeepEqual(checked[i], made[i]) {
				t.Errorf("%s: Check describes %+v, Make made %+v", v.Path, checked[i], made[i])
			}
		}
	}
	// The site must give the problems worth comparing.
	for _, k := range []string{"does", "the"} {
		if !kinds[k] {
			t.Errorf("no problem starting %q among those made: %v", k, kinds)
		}
	}
}

// Setting a variant on a second paper from the analysis made for the
// first gives the document an analysis of its own gives.
func TestEditionsOnTwoPapersShareTheAnalysis(t *testing.T) {
	m, variants := editionsMaker(t)
	for _, c := range variants {
		v := m.site.Item(c.section, c.slug).Variants[c.lang]
		shared := m.prepare(v)
		for _, paper := range []string{"a4", "a5", "letter", "half-letter"} {
			got, gotProbs, err := m.setPrepared(v, shared, paper)
			if err != nil {
				t.Fatal(err)
			}
			want, wantProbs, err := m.set(v, paper)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotProbs, wantProbs) {
				t.Errorf("%s on %s: the shared analysis sets a different document", v.Path, paper)
			}
		}
	}
}
