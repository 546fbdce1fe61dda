package pdf

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/pdf/layout"
)

// keptSite is a French text (hyphenated, with a table and a list) as
// body is, twice: as a pamphlet, and as an article a bulletin prints.
func keptSite(body string) string {
	return "-- tract.toml --\nbase_url = \"https://example.org\"\nlanguages = [\"fr\"]\n[title]\nfr = \"Réseau\"\n" +
		"-- content/pamphlets/p/fr.md --\n---\ntitle: \"Loyers et salaires\"\ndate: 2026-11-01\n---\n" + body +
		"-- content/articles/a/fr.md --\n---\ntitle: \"Loyers\"\ndate: 2026-11-01\n---\n" + body +
		"-- content/bulletins/b/fr.md --\n---\ntitle: \"Bulletin\"\ndate: 2026-11-02\nnumber: 3\narticles: [a]\n---\nÉdito du bulletin.\n"
}

const keptBody = `## Pourquoi

Depuis le lundi 2 novembre, 180 salariés du centre de distribution sont en grève : ils demandent un taux horaire de 15 £ et la fin des sanctions.

Nous sommes à leurs côtés, comme locataires et comme travailleurs ! Les [loyers](https://example.org/loyers) montent, les salaires non.

- Une liste
- de *revendications* **claires**

| Mois | Loyer |
|------|------:|
| octobre | 720 € |

## Comment

Chaque assemblée décide de la suite ; chaque voisine peut y prendre la parole.
`

// TestKeptAnalysesGiveTheDocumentsOfAFreshMaker edits a pamphlet made by
// a maker that keeps its analyses (as tract serve's does): the next
// documents must be those a new maker makes of the edited text, byte for
// byte, with the paragraphs the edit left alone taken from the earlier
// analysis and the others analysed again.
func TestKeptAnalysesGiveTheDocumentsOfAFreshMaker(t *testing.T) {
	before, site := maker(t, keptSite(keptBody))
	before.KeepAnalyses(8)
	docs := []struct{ section, slug string }{{"pamphlets", "p"}, {"bulletins", "b"}}
	for _, d := range docs {
		make1(t, before, site, d.section, d.slug, "fr")
	}
	// Each edit, and whether it leaves a paragraph that is new.
	edits := map[string]struct {
		body string
		new  bool
	}{
		"a word":              {strings.Replace(keptBody, "montent", "grimpent", 1), true},
		"a paragraph added":   {keptBody + "\nUne phrase de plus, ajoutée à la fin.\n", true},
		"a cell":              {strings.Replace(keptBody, "720 €", "740 €", 1), true},
		"italic to bold":      {strings.Replace(keptBody, "*revendications*", "**revendications**", 1), true},
		"a link's address":    {strings.Replace(keptBody, "example.org/loyers", "example.org/salaires", 1), true},
		"a paragraph removed": {strings.Replace(keptBody, "Chaque assemblée décide de la suite ; chaque voisine peut y prendre la parole.\n", "", 1), false},
		"nothing":             {keptBody, false},
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			fresh, after := makerWithFonts(t, keptSite(edit.body), before.Fonts)
			kept := before.With(after, fresh.docs)
			for _, ref := range docs {
				key := ref.section + "/" + ref.slug + "/fr"
				earlier := before.kept.get(key)
				want, wantProbs := make1(t, fresh, after, ref.section, ref.slug, "fr")
				got, gotProbs := make1(t, kept, after, ref.section, ref.slug, "fr")
				if len(got) != len(want) || len(gotProbs) != len(wantProbs) {
					t.Fatalf("%s: %d files and %d problems, want %d and %d", key, len(got), len(gotProbs), len(want), len(wantProbs))
				}
				for i := range want {
					if got[i].Name != want[i].Name || got[i].Pages != want[i].Pages || !bytes.Equal(got[i].Data, want[i].Data) {
						t.Errorf("%s: %s differs from a new maker's", key, want[i].Name)
					}
				}
				reused, total := before.kept.get(key).Reused(earlier)
				if reused == 0 || (reused < total) != edit.new {
					t.Errorf("%s: %d of %d paragraphs taken from the earlier analysis", key, reused, total)
				}
				// The next edit starts from the state before this one.
				before.kept.put(key, earlier)
			}
		})
	}
}

// KeepAnalyses keeps a bounded number: the least recently made goes.
func TestKeptAnalysesAreTheLastOnesMade(t *testing.T) {
	k := newKept(2)
	a, b, c := &layout.Prepared{}, &layout.Prepared{}, &layout.Prepared{}
	k.put("a", a)
	k.put("b", b)
	k.put("a", a) // made again: now the most recent
	k.put("c", c)
	if k.get("a") != a || k.get("c") != c || k.get("b") != nil || len(k.docs) != 2 {
		t.Errorf("kept %v, want a and c", k.keys)
	}
}

// TestABulletinReportsItsArticlesProblemsAtTheirFiles prints, in a
// bulletin, an article with a character the fonts lack on its fifth line:
// the bulletin's PDF reports it at the article's file and line, where the
// article's own PDF reports it, not at that line of the bulletin's file
// (its front matter).
func TestABulletinReportsItsArticlesProblemsAtTheirFiles(t *testing.T) {
	m, site := maker(t, keptSite("Un mot en chinois : 漢.\n"))
	for _, slug := range []struct{ section, slug string }{{"articles", "a"}, {"bulletins", "b"}} {
		_, problems, err := m.Make(site.Item(slug.section, slug.slug).Variants["fr"])
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, p := range problems {
			if !strings.Contains(p.Message, "U+6F22") {
				continue
			}
			found = true
			if p.Path != "content/articles/a/fr.md" || p.Line != 5 {
				t.Errorf("%s: the missing character is reported at %s:%d, want content/articles/a/fr.md:5", slug.section, p.Path, p.Line)
			}
		}
		if !found {
			t.Errorf("%s: no problem about U+6F22 in %v", slug.section, problems)
		}
	}
}

// A character the fonts lack in a table is reported at the table's first
// line, in French too, whose typography turns every text of a cell into
// a node without a place in the source (the line was 0 there).
func TestACharacterLackedInATableIsReportedAtItsLine(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		archive := "-- tract.toml --\nbase_url = \"https://example.org\"\nlanguages = [\"" + lang + "\"]\n[title]\n" + lang + " = \"Réseau\"\n" +
			"-- content/pamphlets/p/" + lang + ".md --\n---\ntitle: \"Loyers\"\ndate: 2026-11-01\n---\nUn paragraphe.\n\n| Mois | Loyer |\n|------|------:|\n| octobre | 720 漢 |\n"
		m, site := maker(t, archive)
		_, problems, err := m.Make(site.Item("pamphlets", "p").Variants[lang])
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range problems {
			if strings.Contains(p.Message, "U+6F22") {
				found = true
				if p.Line != 7 {
					t.Errorf("%s: the missing character is reported at line %d, want 7", lang, p.Line)
				}
			}
		}
		if !found {
			t.Errorf("%s: no problem about U+6F22 in %v", lang, problems)
		}
	}
}

// A maker that keeps its analyses keeps its PDFs' compressed pages too:
// after a word changed at the end of a 12-page pamphlet, its next PDFs
// compress again only the pages that changed, and are the bytes a new
// maker writes.
func TestKeptPagesAreNotCompressedAgain(t *testing.T) {
	before, site := maker(t, benchSite())
	before.KeepAnalyses(4)
	first, _ := make1(t, before, site, "pamphlets", "p", "fr")
	archive := benchSite()
	at := strings.LastIndex(archive, "## Chapitre 8")
	archive = archive[:at] + strings.Replace(archive[at:], "salariés", "grévistes", 1)
	fresh, after := makerWithFonts(t, archive, before.Fonts)
	want, _ := make1(t, fresh, after, "pamphlets", "p", "fr")
	got, _ := make1(t, before.With(after, fresh.docs), after, "pamphlets", "p", "fr")
	for i := range want {
		if !bytes.Equal(got[i].Data, want[i].Data) {
			t.Errorf("%s differs from a new maker's", want[i].Name)
		}
	}
	a4 := before.kept.streams("pamphlets/p/fr", first[0].Name)
	if got[0].Pages != 12 || a4.Hits() < 10 {
		t.Errorf("%d of the A4 edition's %d pages taken from the last PDF, want all but the last one or two", a4.Hits(), got[0].Pages)
	}
}

// TestAnalysesBesideTheReadingGiveTheSameDocuments makes, from nothing,
// a long pamphlet with a maker that keeps its analyses (tract serve's,
// which analyses the paragraphs on a second goroutine as it reads the
// text) and with one that does not: the same files, byte for byte, and
// the same problems in the same order. The text has more paragraphs than
// the goroutine takes ahead, characters the fonts lack in paragraphs and
// table cells, and a picture the PDF leaves out between them, whose
// warning comes from the reading itself.
func TestAnalysesBesideTheReadingGiveTheSameDocuments(t *testing.T) {
	var body strings.Builder
	for i := range 400 {
		fmt.Fprintf(&body, "Paragraphe %d : les loyers montent, les salaires non, et la grève continue au centre de distribution.\n\n", i)
		switch i % 50 {
		case 7:
			fmt.Fprintf(&body, "Un mot en chinois, %d : 漢字.\n\n", i)
		case 19:
			fmt.Fprintf(&body, "| Mois | Loyer |\n|------|------:|\n| octobre %d | 720 € ✊ |\n\n", i)
		case 31:
			body.WriteString("![Une affiche](https://example.org/affiche.png)\n\n")
		}
	}
	fresh, site := maker(t, keptSite(body.String()))
	kept, same := makerWithFonts(t, keptSite(body.String()), fresh.Fonts)
	kept.KeepAnalyses(8)
	want, wantProbs := make1(t, fresh, site, "pamphlets", "p", "fr")
	got, gotProbs := make1(t, kept, same, "pamphlets", "p", "fr")
	if len(want) != 2 || len(got) != len(want) {
		t.Fatalf("%d files, want %d (2)", len(got), len(want))
	}
	for i := range want {
		if got[i].Name != want[i].Name || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Errorf("%s differs from a maker's that analyses as it reads", want[i].Name)
		}
	}
	if len(wantProbs) < 20 {
		t.Fatalf("only %d problems: the text does not test their order", len(wantProbs))
	}
	if !slices.Equal(gotProbs, wantProbs) {
		t.Errorf("the problems differ:\n%v\nwant\n%v", gotProbs, wantProbs)
	}
}
