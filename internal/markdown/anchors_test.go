package markdown

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
)

// linkWarnings are the messages of ds about links, as "line: message".
func linkWarnings(ds []diag.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		if strings.HasPrefix(d.Message, "link ") {
			out = append(out, d.String())
		}
	}
	return out
}

// headed is a leaflet in three languages: the French text has the
// English one's headings and notes, the Spanish one has headings of
// other levels and no note. deep is a text refused unparsed.
const headed = `
-- content/leaflets/x/en.md --
---
title: X
---
## What we ask

Text.[^1]

## Who we are

[^1]: A note.
-- content/leaflets/x/fr.md --
---
title: X
translated_from: en@000000000000
---
## Ce que nous demandons

Texte.[^1]

## Qui nous sommes

[^1]: Une note.
-- content/leaflets/x/es.md --
---
title: X
translated_from: en@000000000000
---
## Lo que pedimos

Texto.

## Quiénes somos

### Desde cuándo
-- content/leaflets/deep/en.md --
---
title: Deep
---
` + ">>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> deep\n"

func TestAFragmentThatNamesNoPartOfItsTextIsAWarningAtItsLine(t *testing.T) {
	md := "## Our demands\n\n## Réunion\n\n" +
		"See [below](#our-demand), [the note](#fn:1)[^1], [the top](#top), [the contents](#toc), [here](#),\n" +
		"[the demands](#our-demands), [the meeting](#r%C3%A9union), [again](#our%20demands) and [away](#zzz).\n\n" +
		"Theirs: [who](../../leaflets/x/en.md#who-we-are), [what](../../leaflets/x/en.md#what-we-asked),\n" +
		"[where](../../leaflets/x/en.md#where), [deep](../../leaflets/deep/en.md#deep) and [hers](../../leaflets/x/#who-we-are).\n\n" +
		"[^1]: A note.\n"
	_, ds := parse(t, body("en", md)+headed, "content/articles/a/en.md")
	want := []string{
		`content/articles/a/en.md:8: warning: link "#our-demand": this text has no heading #our-demand: did you mean #our-demands?`,
		`content/articles/a/en.md:9: warning: link "#our%20demands": this text has no heading #our demands: did you mean #our-demands?`,
		`content/articles/a/en.md:9: warning: link "#zzz": this text has no heading #zzz (a heading's id is its text in lower case, its words joined by hyphens)`,
		`content/articles/a/en.md:11: warning: link "../../leaflets/x/en.md#what-we-asked": content/leaflets/x/en.md has no heading #what-we-asked: did you mean #what-we-ask?`,
		`content/articles/a/en.md:12: warning: link "../../leaflets/x/en.md#where": content/leaflets/x/en.md has no heading #where (a heading's id is its text in lower case, its words joined by hyphens)`,
	}
	if got := linkWarnings(ds); !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A link written to the English text of x leads a French reader to the
// French page: its fragment is that of the heading at the same place
// there, since the French text's headings are the English one's. The
// Spanish text's are not: a Spanish reader is sent to the top of the
// page, and told how to do better.
func TestAFragmentIsCarriedToTheSamePartOfTheReadersText(t *testing.T) {
	const links = "[who](../../leaflets/x/en.md#who-we-are), [the note](../../leaflets/x/en.md#fn:1), [the top](../../leaflets/x/en.md#top), [what](../../leaflets/x/fr.md#ce-que-nous-demandons)\n"
	site := body("fr", links) + body("es", links) + body("en", links) + headed

	for _, tt := range []struct {
		lang     string
		hrefs    []string
		targets  []string
		warnings []string
	}{{
		lang: "fr",
		hrefs: []string{`href="../../leaflets/x/#qui-nous-sommes"`, `href="../../leaflets/x/#fn:1"`,
			`href="../../leaflets/x/#top"`, `href="../../leaflets/x/#ce-que-nous-demandons"`},
		targets: []string{"fr/leaflets/x/#qui-nous-sommes", "fr/leaflets/x/#fn:1", "fr/leaflets/x/#top", "fr/leaflets/x/#ce-que-nous-demandons"},
	}, {
		lang: "es",
		hrefs: []string{`href="../../leaflets/x/">who`, `href="../../leaflets/x/">the note`,
			`href="../../leaflets/x/#top"`, `href="../../leaflets/x/">what`},
		targets: []string{"es/leaflets/x/", "es/leaflets/x/", "es/leaflets/x/#top", "es/leaflets/x/"},
		warnings: []string{
			`content/articles/a/es.md:4: warning: link "../../leaflets/x/en.md#fn:1": its readers are sent to the page of content/leaflets/x/es.md, whose notes do not match those of en.md one for one, so to its top; link to the note in es.md to send them to it`,
			`content/articles/a/es.md:4: warning: link "../../leaflets/x/en.md#who-we-are": its readers are sent to the page of content/leaflets/x/es.md, whose headings do not match those of en.md one for one, so to its top; link to the heading in es.md to send them to it`,
			`content/articles/a/es.md:4: warning: link "../../leaflets/x/fr.md#ce-que-nous-demandons": its readers are sent to the page of content/leaflets/x/es.md, whose headings do not match those of fr.md one for one, so to its top; link to the heading in es.md to send them to it`,
		},
	}, {
		lang: "en",
		hrefs: []string{`href="../../leaflets/x/#who-we-are"`, `href="../../leaflets/x/#fn:1"`,
			`href="../../leaflets/x/#top"`, `href="../../leaflets/x/#what-we-ask"`},
		targets: []string{"en/leaflets/x/#who-we-are", "en/leaflets/x/#fn:1", "en/leaflets/x/#top", "en/leaflets/x/#what-we-ask"},
	}} {
		t.Run(tt.lang, func(t *testing.T) {
			d, ds := parse(t, site, "content/articles/a/"+tt.lang+".md")
			h := htmlOf(t, d)
			for _, want := range tt.hrefs {
				if !strings.Contains(h, want) {
					t.Errorf("no %s in\n%s", want, h)
				}
			}
			// The PDF's links are the Targets made absolute.
			var targets []string
			for _, l := range d.Links() {
				targets = append(targets, l.Target)
			}
			if !slices.Equal(targets, tt.targets) {
				t.Errorf("targets %q, want %q", targets, tt.targets)
			}
			if got := linkWarnings(ds); !slices.Equal(got, tt.warnings) {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.warnings, "\n"))
			}
			var texts []string
			for _, l := range []string{"en", "es", "fr"} {
				if l == tt.lang || l == "en" || l == "fr" {
					texts = append(texts, "content/leaflets/x/"+l+".md")
				}
			}
			if got := d.LinkedTexts(); !slices.Equal(got, texts) {
				t.Errorf("LinkedTexts = %q, want %q", got, texts)
			}
		})
	}
}

// Texts linking into each other are parsed in parallel, as a build
// parses them, in either order: each text's warnings are those it gives
// parsed alone, and no parse waits for another that waits for it.
func TestFragmentsAreCheckedWhateverOrderTheTextsAreParsedIn(t *testing.T) {
	const site = `
-- content/leaflets/a/en.md --
---
title: A
---
## Ay

[b](../b/en.md#bee) [b](../b/en.md#be)
-- content/leaflets/b/en.md --
---
title: B
---
## Bee

[a](../a/en.md#ay) [a](../a/en.md#aye)
`
	var diags diag.List
	cs := content.Load(testsite.FS(site), &diags)
	if cs == nil {
		t.Fatal(diags.Sorted())
	}
	a, b := cs.Item("leaflets", "a").Variants["en"], cs.Item("leaflets", "b").Variants["en"]
	alone := map[*content.Variant][]string{}
	for _, v := range []*content.Variant{a, b} {
		var ds diag.List
		NewParser(cs, nil).Parse(v, &ds)
		alone[v] = linkWarnings(ds.Sorted())
		if len(alone[v]) != 1 {
			t.Fatalf("%s alone: %q, want one warning", v.Path, alone[v])
		}
	}
	for range 50 {
		p := NewParser(cs, nil)
		var wg sync.WaitGroup
		got := map[*content.Variant]*diag.List{a: {}, b: {}}
		for _, v := range []*content.Variant{a, b} {
			wg.Go(func() { p.Parse(v, got[v]) })
		}
		wg.Wait()
		for v, ds := range got {
			if w := linkWarnings(ds.Sorted()); !slices.Equal(w, alone[v]) {
				t.Fatalf("%s in parallel: %q, alone: %q", v.Path, w, alone[v])
			}
		}
	}
}

// The ids a fragment is checked against are the ids of the page, every
// one but those of the templates (see pageID).
func TestTheAnchorsAreTheIDsOfThePage(t *testing.T) {
	md := "## One\n\nA mark[^a], another[^b] and the first again[^a].\n\n> ### Quoted\n\n- ## In a list\n\n[^a]: The first.\n[^b]: The second.\n[^c]: Never referred to.\n"
	d, _ := parse(t, body("en", md), "content/articles/a/en.md")
	a := d.anchors()
	got := slices.Concat(a.ids, a.notes)
	var want []string
	h := htmlOf(t, d)
	for rest := h; ; {
		i := strings.Index(rest, ` id="`)
		if i < 0 {
			break
		}
		rest = rest[i+len(` id="`):]
		if id := rest[:strings.IndexByte(rest, '"')]; !pageID(id) {
			want = append(want, id)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || len(want) != 8 {
		t.Errorf("anchors %q, the page's ids %q in\n%s", got, want, h)
	}
}
