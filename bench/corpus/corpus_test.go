package corpus

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tractpub/tract/internal/build"
	"github.com/tractpub/tract/internal/diag"
)

func TestSameOptionsGiveIdenticalTrees(t *testing.T) {
	opts := Options{Items: 120, Seed: 7}
	a, b := Generate(opts), Generate(opts)
	for name, pair := range map[string][2]Files{
		"tract": {a.Files(), b.Files()},
		"hugo":  {a.HugoFiles(), b.HugoFiles()},
	} {
		x, y := pair[0], pair[1]
		if len(x) != len(y) {
			t.Fatalf("%s: %d files, then %d", name, len(x), len(y))
		}
		for p, data := range x {
			if !bytes.Equal(data, y[p]) {
				t.Errorf("%s: %s differs between two runs", name, p)
			}
		}
	}
	// And on disk: what gen writes is what was generated.
	dir := t.TempDir()
	want := b.Files()
	if err := a.Files().Write(dir); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !bytes.Equal(data, want[filepath.ToSlash(rel)]) {
			t.Errorf("%s on disk differs from the generated file", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(want) {
		t.Errorf("%d files on disk, %d generated", n, len(want))
	}
}

func TestAnotherSeedGivesAnotherCorpus(t *testing.T) {
	a := Generate(Options{Items: 30, Seed: 1}).Files()
	b := Generate(Options{Items: 30, Seed: 2}).Files()
	same := 0
	for p, data := range a {
		if bytes.Equal(data, b[p]) {
			same++
		}
	}
	if same > 1 { // tract.toml
		t.Errorf("%d files identical across seeds", same)
	}
}

func TestLengthScalesTheTexts(t *testing.T) {
	one := Generate(Options{Items: 60, Seed: 3}).Stats()
	three := Generate(Options{Items: 60, Seed: 3, Length: 3}).Stats()
	if three.Variants != one.Variants {
		t.Fatalf("%d variants at length 3, %d at length 1: only the texts should change", three.Variants, one.Variants)
	}
	if r := float64(three.Words) / float64(one.Words); r < 2.7 || r > 3.3 {
		t.Errorf("length 3 wrote %.2f times the words of length 1 (%d, %d)", r, three.Words, one.Words)
	}
}

func TestCorpusHasTheMixOfARealArchive(t *testing.T) {
	c := Generate(Options{Items: 1000, Seed: 1})
	s := c.Stats()
	if per := float64(s.Variants) / float64(s.Items); per < 2.8 || per > 3.0 {
		t.Errorf("%.2f variants per item, want about 2.9", per)
	}
	for _, sec := range []string{"leaflets", "articles", "bulletins", "pamphlets", "events", "pages"} {
		if s.BySection[sec] == 0 {
			t.Errorf("no %s", sec)
		}
	}
	if s.BySection["leaflets"]+s.BySection["articles"] < s.Items/2 {
		t.Errorf("leaflets and articles are %d of %d items, want most", s.BySection["leaflets"]+s.BySection["articles"], s.Items)
	}
	for _, l := range Languages {
		if s.OriginalsByLanguage[l] == 0 {
			t.Errorf("no original in %s", l)
		}
	}
	if s.OriginalsByLanguage["en"] < s.Items/2 {
		t.Errorf("%d originals in en of %d, want most", s.OriginalsByLanguage["en"], s.Items)
	}
	if s.Missing == 0 || s.Outdated == 0 || s.Chained == 0 {
		t.Errorf("missing %d, outdated %d, chained %d: want some of each", s.Missing, s.Outdated, s.Chained)
	}
	if words := s.Words / s.Variants; words < 300 || words > 1200 {
		t.Errorf("%d words per variant, want several hundred", words)
	}
	var all strings.Builder
	for _, data := range c.Files() {
		all.Write(data)
	}
	text := all.String()
	for _, want := range []string{"é", "è", "à", "ç", "ñ", "¿", "¡", "ş", "ğ", "ı", "ł", "ż",
		"\n## ", "\n- ", "\n1. ", "**", "](../../", "](https://", "\n| ", "[^1]:", "\n> ",
		"signatories:", "translated_from:", "number:", "articles: [", "café", "photo.png"} {
		if !strings.Contains(text, want) {
			t.Errorf("the corpus never has %q", want)
		}
	}
	timed, allDay := 0, 0
	for _, it := range c.Items {
		if it.Event != nil {
			if strings.Contains(it.Event.Starts, "T") {
				timed++
			} else {
				allDay++
			}
		}
	}
	if timed == 0 || allDay == 0 {
		t.Errorf("%d timed and %d all-day events: want both", timed, allDay)
	}
}

// TestGeneratedSiteBuildsWithTract builds a small corpus with tract (the
// site, without PDFs, as the comparison with Hugo does): no error, the only
// warnings are the outdated translations the generator made on purpose,
// and the pages written are the ones the design lists for this content.
func TestGeneratedSiteBuildsWithTract(t *testing.T) {
	c := Generate(Options{Items: 60, Seed: 3})
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := c.Files().Write(site); err != nil {
		t.Fatal(err)
	}
	dist := filepath.Join(dir, "dist")
	res, err := build.Build(context.Background(), build.Options{
		SiteDir: site,
		OutDir:  dist,
		Now:     time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
		NoPDF:   true,
	})
	if res != nil {
		for _, d := range res.Diagnostics {
			if d.Severity == diag.Error || !strings.Contains(d.Message, "outdated translation") {
				t.Errorf("%s", d)
			}
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(res.Diagnostics), c.Stats().Outdated; got != want {
		t.Errorf("%d warnings, want one per outdated translation (%d)", got, want)
	}
	// The files of the site: all but the mark by which tract knows its
	// output folder, which it does not count.
	written := map[string]bool{}
	err = filepath.WalkDir(dist, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && p != filepath.Join(dist, ".tract-output") {
			rel, _ := filepath.Rel(dist, p)
			written[filepath.ToSlash(rel)] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != len(written) {
		t.Errorf("tract reports %d files written, dist has %d", res.Files, len(written))
	}
	want := expectedTractFiles(c)
	for p := range want {
		if !written[p] {
			t.Errorf("%s was not written", p)
		}
	}
	// Under the sections and tags, exactly the expected files: one page per
	// variant, the list and tag pages, the events' calendars; and the
	// pictures, in their items' folders outside the languages'.
	// Site-wide files (search indexes, share pictures...) may come and go.
	for p := range written {
		parts := strings.Split(p, "/")
		underSection := len(parts) > 2 && (slices.Contains(sections, parts[1]) || parts[1] == "tags")
		itemFile := slices.Contains(sections, parts[0]) // an item's files, once for every language
		if (underSection || itemFile) && !want[p] {
			t.Errorf("%s was written, but the corpus has no such page", p)
		}
	}
	t.Logf("%d files written, %d of them listed by the design", len(written), len(want))
}

var sections = []string{"leaflets", "articles", "bulletins", "pamphlets", "events", "pages"}

// expectedTractFiles lists the files tract writes for c, from the output
// layout in DESIGN.md: every item is listed in every language (the
// fallback is "original"), lists and tag pages hold 20 items a page.
func expectedTractFiles(c *Corpus) map[string]bool {
	want := map[string]bool{}
	add := func(p string) { want[p] = true }
	paginated := func(base string, n int) {
		add(base + "index.html")
		for page := 2; page <= (n+19)/20; page++ {
			add(fmt.Sprintf("%spage/%d/index.html", base, page))
		}
	}
	for _, p := range []string{"index.html", "404.html", "sitemap.xml", "assets/tract.css"} {
		add(p)
	}
	bySection := map[string]int{}
	byTag := map[string]int{}
	for _, it := range c.Items {
		bySection[it.Section]++
		for _, t := range it.Tags {
			byTag[t]++
		}
	}
	for _, l := range Languages {
		for _, p := range []string{"index.html", "404.html", "feed.xml", "events.ics", "tags/index.html"} {
			add(l + "/" + p)
		}
		for _, sec := range sections {
			paginated(l+"/"+sec+"/", bySection[sec])
		}
		for tag, n := range byTag {
			paginated(l+"/tags/"+tag+"/", n)
		}
		for _, it := range c.Items {
			if it.Variants[l] == nil {
				continue
			}
			dir := l + "/" + it.Section + "/" + it.Slug + "/"
			add(dir + "index.html")
			if it.Event != nil {
				add(dir + it.Slug + ".ics")
			}
		}
	}
	// An item's files are published once, for every language.
	for _, it := range c.Items {
		if it.Image {
			add(it.Section + "/" + it.Slug + "/photo.png")
		}
	}
	return want
}

func TestHugoSiteHasOnePagePerVariant(t *testing.T) {
	c := Generate(Options{Items: 40, Seed: 1})
	files := c.HugoFiles()
	pages := 0
	for p, data := range files {
		if strings.HasPrefix(p, "content/") && strings.Contains(p, "/index.") {
			pages++
			if bytes.Contains(data, []byte("](../../")) {
				t.Errorf("%s: a link was left in tract's form", p)
			}
		}
	}
	if s := c.Stats(); pages != s.Variants {
		t.Errorf("%d Hugo pages, want one per variant (%d)", pages, s.Variants)
	}
	for _, want := range []string{"hugo.toml", "layouts/baseof.html", "layouts/page.html", "layouts/section.html",
		"layouts/term.html", "layouts/_markup/render-link.html", "i18n/fr.toml", "static/assets/tract.css"} {
		if files[want] == nil {
			t.Errorf("no %s", want)
		}
	}
}

// TestGeneratedSiteMakesPDFs builds a tiny corpus with its PDFs: tract
// accepts every kind of item for print. Leaflets are written to fit one
// page, but a few are too long, as in life: that is a warning, not an error.
func TestGeneratedSiteMakesPDFs(t *testing.T) {
	if testing.Short() {
		t.Skip("PDFs take a few seconds")
	}
	c := Generate(Options{Items: 10, Seed: 1})
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := c.Files().Write(site); err != nil {
		t.Fatal(err)
	}
	res, err := build.Build(context.Background(), build.Options{SiteDir: site, OutDir: filepath.Join(dir, "dist"), Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), NoCache: true})
	if res != nil {
		for _, d := range res.Diagnostics {
			if d.Severity == diag.Error {
				t.Errorf("%s", d)
			}
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if s := c.Stats(); res.PDFs < s.Variants {
		t.Errorf("%d PDFs for %d variants, want at least one each", res.PDFs, s.Variants)
	}
}
