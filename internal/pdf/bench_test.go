package pdf

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/content"
)

// A leaflet of about 450 words, a pamphlet of 12 A4 pages (a title
// page, contents, 10 pages of text) and one of tables (six of 80 rows
// and five columns, a survey's figures), in French, for
// `go test -bench 'Leaflet|Pamphlet' -benchmem ./internal/pdf`.
func benchSite() string {
	para := "Depuis le lundi 2 novembre, 180 salariés du centre de distribution sont en grève : ils demandent un taux horaire de 15 £, la fin des sanctions et des plannings publiés à l’avance. Nous sommes à leurs côtés, comme locataires et comme travailleurs !"
	var leaflet, pamphlet, over, long, tables strings.Builder
	for i := 0; i < 11; i++ {
		leaflet.WriteString(para + "\n\n")
	}
	for i := 0; i < 24; i++ {
		over.WriteString(para + "\n\n")
	}
	for i := 0; i < 66; i++ {
		long.WriteString(para + "\n\n")
	}
	for c := 1; c <= 8; c++ {
		fmt.Fprintf(&pamphlet, "## Chapitre %d\n\n", c)
		for i := 0; i < 16; i++ {
			pamphlet.WriteString(para + "\n\n")
		}
	}
	for t := 1; t <= 6; t++ {
		fmt.Fprintf(&tables, "## Enquête, immeuble %d\n\n%s\n\n| Logement | Pièces | Loyer avant | Loyer après | Réparations en attente |\n|:---|---:|---:|---:|:---|\n", t, para)
		for r := 1; r <= 80; r++ {
			fmt.Fprintf(&tables, "| Appartement %d-%d | %d | %d,00 € | %d,50 € | %s |\n", t, r, 1+r%5, 400+7*r, 430+9*r, []string{"aucune", "fenêtres, chauffage", "humidité dans la salle de bains", "**urgent** : ascenseur"}[r%4])
		}
		tables.WriteString("\n")
	}
	return "-- tract.toml --\nbase_url = \"https://example.org\"\nlanguages = [\"fr\"]\n[title]\nfr = \"Réseau\"\n" +
		"-- content/leaflets/l/fr.md --\n---\ntitle: \"Solidarité avec les grévistes\"\ndate: 2026-11-09\n---\n" + leaflet.String() +
		"-- content/leaflets/over/fr.md --\n---\ntitle: \"Solidarité avec les grévistes\"\ndate: 2026-11-09\n---\n" + over.String() +
		"-- content/leaflets/long/fr.md --\n---\ntitle: \"Solidarité avec les grévistes\"\ndate: 2026-11-09\n---\n" + long.String() +
		"-- content/pamphlets/p/fr.md --\n---\ntitle: \"Loyers et salaires\"\ndate: 2026-11-01\n---\n" + pamphlet.String() +
		"-- content/pamphlets/tables/fr.md --\n---\ntitle: \"Ce que paient les locataires\"\ndate: 2026-11-01\n---\n" + tables.String()
}

// makeEach makes v's editions with m once per iteration of b and
// returns the last ones.
func makeEach(b *testing.B, m *Maker, v *content.Variant) []File {
	b.Helper()
	var files []File
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if files, _, err = m.Make(v); err != nil {
			b.Fatal(err)
		}
	}
	return files
}

func BenchmarkLeaflet(b *testing.B) {
	m, site := maker(b, benchSite())
	makeEach(b, m, site.Item("leaflets", "l").Variants["fr"])
}

// BenchmarkLeafletTooLong makes leaflets written too long for their one
// page: one that fits front and back (24 paragraphs, about 1,000 words),
// and one that does not fit on two pages at the smallest size either (66
// paragraphs, three times that). Each is set at several sizes to find the
// largest that fits.
func BenchmarkLeafletTooLong(b *testing.B) {
	m, site := maker(b, benchSite())
	for _, slug := range []string{"over", "long"} {
		v := site.Item("leaflets", slug).Variants["fr"]
		b.Run(slug, func(b *testing.B) {
			b.ReportMetric(float64(makeEach(b, m, v)[0].Pages), "pages")
		})
	}
}

// BenchmarkPamphlet makes both editions of the pamphlet: the A4 one and
// the A5 booklet (two documents). Make sets and writes them at once, so
// with two cores its time is the wall time of the slower one plus the
// analysis they share; BenchmarkPamphletA4 times one document.
func BenchmarkPamphlet(b *testing.B) {
	m, site := maker(b, benchSite())
	files := makeEach(b, m, site.Item("pamphlets", "p").Variants["fr"])
	b.ReportMetric(float64(files[0].Pages), "a4-pages")
	b.ReportMetric(float64(files[1].Pages), "a5-pages")
}

// BenchmarkPamphletTables makes both editions of the pamphlet of tables:
// a table's cells are laid out to find its columns' widths, then in them.
func BenchmarkPamphletTables(b *testing.B) {
	m, site := maker(b, benchSite())
	files := makeEach(b, m, site.Item("pamphlets", "tables").Variants["fr"])
	b.ReportMetric(float64(files[0].Pages), "a4-pages")
	b.ReportMetric(float64(files[1].Pages), "a5-pages")
}

// BenchmarkPamphletFirstServe makes both editions of a pamphlet as tract
// serve does the first time, with nothing kept from an earlier version:
// its maker analyses the paragraphs on a second goroutine as it reads
// the text (layout.Spec.Beside), which a build's does not
// (BenchmarkPamphlet, BenchmarkPamphletTables).
func BenchmarkPamphletFirstServe(b *testing.B) {
	for _, slug := range []string{"p", "tables"} {
		b.Run(slug, func(b *testing.B) {
			m, site := maker(b, benchSite())
			v := site.Item("pamphlets", slug).Variants["fr"]
			b.ReportAllocs()
			for b.Loop() {
				m.KeepAnalyses(8) // nothing kept
				if _, _, err := m.Make(v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPamphletEdit makes both editions of a pamphlet, as tract
// serve does after each save, with the maker keeping its analyses: each
// iteration makes the text with one word of a paragraph changed, then
// put back, so each make finds every other paragraph, and every table
// cell, analysed and set by the one before.
func BenchmarkPamphletEdit(b *testing.B) {
	for _, slug := range []string{"p", "tables"} {
		b.Run(slug, func(b *testing.B) {
			base, site := maker(b, benchSite())
			body := site.Item("pamphlets", slug).Variants["fr"].Body
			archive := benchSite()
			at := strings.Index(archive, "-- content/pamphlets/"+slug+"/fr.md --")
			archive = archive[:at] + strings.Replace(archive[at:], "salariés", "grévistes", 1)
			edited, editedSite := makerWithFonts(b, archive, base.Fonts)
			if bytes.Equal(body, editedSite.Item("pamphlets", slug).Variants["fr"].Body) {
				b.Fatal("the edit changed nothing")
			}
			base.KeepAnalyses(4)
			versions := []struct {
				m *Maker
				v *content.Variant
			}{
				{base, site.Item("pamphlets", slug).Variants["fr"]},
				{base.With(editedSite, edited.docs), editedSite.Item("pamphlets", slug).Variants["fr"]},
			}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				ver := versions[i%2]
				if _, _, err := ver.m.Make(ver.v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPamphletA4 makes one document, the pamphlet's A4 edition.
func BenchmarkPamphletA4(b *testing.B) {
	m, site := maker(b, benchSite())
	v := site.Item("pamphlets", "p").Variants["fr"]
	pages := 0
	b.ReportAllocs()
	for b.Loop() {
		doc, _, err := m.set(v, "a4")
		if err != nil {
			b.Fatal(err)
		}
		if err := Write(io.Discard, doc, m.Fonts, m.meta(v), Plain); err != nil {
			b.Fatal(err)
		}
		pages = len(doc.Pages)
	}
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkLayout and BenchmarkWrite split one document's time in two:
// setting the text in pages (layout: line breaking, hyphenation,
// pagination), and drawing the laid-out pages with fpdf into a PDF file
// with its fonts subset and embedded (write). The leaflet is A4, the
// pamphlet its A4 edition.
func BenchmarkLayout(b *testing.B) {
	m, site := maker(b, benchSite())
	for _, d := range benchDocs {
		v := site.Item(d.section, d.slug).Variants["fr"]
		b.Run(d.slug, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := m.set(v, "a4"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWrite(b *testing.B) {
	m, site := maker(b, benchSite())
	for _, d := range benchDocs {
		v := site.Item(d.section, d.slug).Variants["fr"]
		doc, _, err := m.set(v, "a4")
		if err != nil {
			b.Fatal(err)
		}
		b.Run(d.slug, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, doc, m.Fonts, m.meta(v), Plain); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(doc.Pages)), "pages")
		})
	}
}

// benchDocs are the documents BenchmarkLayout and BenchmarkWrite make.
var benchDocs = []struct{ section, slug string }{{"leaflets", "l"}, {"pamphlets", "p"}}

// BenchmarkSampleSite makes every edition of every variant of the sample
// site (the repository's content/), one after the other: the PDFs of a
// real build, without the pages. The metric is per PDF.
func BenchmarkSampleSite(b *testing.B) {
	m, site := makerFS(b, os.DirFS("../.."), nil)
	if m == nil {
		b.Fatal("the sample site has errors")
	}
	var variants []*content.Variant
	for _, it := range site.Items {
		for _, lang := range site.Config.Languages {
			if v := it.Variants[lang]; v != nil {
				variants = append(variants, v)
			}
		}
	}
	pdfs := 0
	b.ReportAllocs()
	for b.Loop() {
		pdfs = 0
		for _, v := range variants {
			files, _, err := m.Make(v)
			if err != nil {
				b.Fatal(err)
			}
			pdfs += len(files)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pdfs), "ns/pdf")
	b.ReportMetric(float64(pdfs), "pdfs")
}

// benchPerUnit lays out, at each size n, the text body(n) makes as the
// only item of a site, in section and lang, and reports its time per
// unit of n: a figure that must not grow with n.
func benchPerUnit(b *testing.B, section, lang string, sizes []int, body func(n int) string, unit string) {
	for _, n := range sizes {
		site := "-- tract.toml --\nbase_url = \"https://example.org\"\nlanguages = [\"" + lang + "\"]\nmax_file_size_mb = 8\n[title]\n" + lang + " = \"Network\"\n" +
			"-- content/" + section + "/big/" + lang + ".md --\n---\ntitle: \"Big\"\n---\n" + body(n)
		m, s := maker(b, site)
		v := s.Item(section, "big").Variants[lang]
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, _, err := m.set(v, "a4"); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(n), "µs/"+unit)
		})
	}
}

// BenchmarkDeepList lays out articles of n lines, each a quote in lists in
// quotes, 32 deep (tract's limit). Finding each block's line once walked
// the subtree of every block, and of its parents: 250 lines took 5.8 s,
// and 2,000 had not finished after ten minutes.
func BenchmarkDeepList(b *testing.B) {
	line := strings.Repeat("> - 1. ", 10) + "> > mot\n"
	benchPerUnit(b, "articles", "fr", []int{250, 1000, 4000}, func(n int) string { return strings.Repeat(line, n) }, "line")
}

// BenchmarkManyPieces lays out a paragraph of n pieces in one style
// (here apostrophes and quotes, which typography turns into pieces of
// their own; soft line breaks do the same). Each piece once copied the
// paragraph so far: 32,000 pieces took 17 s.
func BenchmarkManyPieces(b *testing.B) {
	benchPerUnit(b, "articles", "en", []int{2000, 8000, 32000}, func(n int) string {
		var text strings.Builder
		for i := range n {
			fmt.Fprintf(&text, "don't say \"no\" %d ", i)
		}
		return text.String() + "\n"
	}, "piece")
}
