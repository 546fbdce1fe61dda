package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/testsite"
)

func TestPDFMakesTheItemsAndLanguagesAsked(t *testing.T) {
	dir := fundSite(t) // leaflets/rent: en only; articles/fund: fr, en, es
	pdfs := func(out string) []string {
		entries, _ := os.ReadDir(out)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
	out := filepath.Join(t.TempDir(), "fr")
	r := tract(t, dir, nil, "pdf", "articles/fund", "--lang", "fr", "--out", out)
	if r.code != 0 || !slices.Equal(pdfs(out), []string{"fund-fr-a4.pdf"}) || !strings.Contains(r.stdout, "fund-fr-a4.pdf\ta4, 1 page") {
		t.Errorf("--lang fr: exit %d, %v\n%s%s", r.code, pdfs(out), r.stdout, r.stderr)
	}
	out = filepath.Join(t.TempDir(), "all")
	if r := tract(t, dir, nil, "pdf", "--out", out, "articles/fund"); r.code != 0 || len(pdfs(out)) != 3 {
		t.Errorf("every language: exit %d, %v\n%s", r.code, pdfs(out), r.stderr)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--lang", "de", "articles/fund"}, 2, `"de" is not one of the site's languages`},
		{[]string{"--lang", "fr", "leaflets/rent"}, 1, "leaflets/rent has no fr.md: it is in en"},
		{[]string{"leaflets/nothing"}, 1, "leaflets/nothing"},
	} {
		out := filepath.Join(t.TempDir(), "out")
		r := tract(t, dir, nil, append([]string{"pdf", "--out", out}, tc.args...)...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || len(pdfs(out)) != 0 {
			t.Errorf("%v: exit %d, want %d saying %q; made %v\n%s", tc.args, r.code, tc.code, tc.want, pdfs(out), r.stderr)
		}
	}
}

// Before printing an outdated translation, tract pdf says so, as tract
// build does; it does not repeat the warnings about texts it does not
// print.
func TestPDFWarnsAboutWhatItPrints(t *testing.T) {
	en := "---\ntitle: Rent\ndate: 2024-02-24\n---\n\nThe café opens from 6 to 8.30 pm.\n"
	fr := "---\ntitle: Loyers\ntranslated_from: en@000000000000\n---\n\nLe café ouvre de 18 h à 20 h.\n"
	other := "---\ntitle: Other\n---\n\n<div>raw</div>\n"
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+en+"-- content/leaflets/rent/fr.md --\n"+fr+
		"-- content/leaflets/other/en.md --\n"+other)
	r := tract(t, dir, nil, "pdf", "--out", t.TempDir(), "--lang", "fr", "leaflets/rent")
	if r.code != 0 || !strings.Contains(r.stderr, "content/leaflets/rent/fr.md:3: warning: outdated translation") || strings.Contains(r.stderr, "other") {
		t.Errorf("--lang fr: exit %d\n%s", r.code, r.stderr)
	}
	r = tract(t, dir, nil, "pdf", "--out", t.TempDir(), "--lang", "en", "leaflets/rent")
	if r.code != 0 || strings.Contains(r.stderr, "warning") {
		t.Errorf("--lang en: exit %d\n%s", r.code, r.stderr)
	}
}

// tract pdf parses only the texts it prints: a mistake in another text
// is tract check's to report, and does not keep an item from printing;
// one in a text printed stops it, as before.
func TestPDFReadsOnlyTheTextsItPrints(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN+
		"-- content/articles/other/en.md --\n---\ntitle: Other\n---\n\nA [link to nothing](../../leaflets/none/en.md).\n")
	out := t.TempDir()
	if r := tract(t, dir, nil, "pdf", "--out", out, "leaflets/rent"); r.code != 0 || !strings.Contains(r.stdout, "rent-en-a4.pdf") || strings.Contains(r.stderr, "other") {
		t.Errorf("leaflets/rent: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := tract(t, dir, nil, "pdf", "--out", out, "articles/other"); r.code != 1 || !strings.Contains(r.stderr, "content/articles/other/en.md:") || strings.Contains(r.stdout, "other-en") {
		t.Errorf("articles/other: exit %d, want 1 and the error\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// Two items sharing a slug, asked for in one run, each get their PDFs,
// named with their section: named as a build names them, in one folder,
// the second replaced the first without a word.
func TestPDFOfItemsSharingASlugReplacesNeither(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/first/en.md --\n---\ntitle: Leaflet\n---\n\nThe leaflet.\n"+
		"-- content/articles/first/en.md --\n---\ntitle: Article\n---\n\nThe article.\n")
	out := t.TempDir()
	r := tract(t, dir, nil, "pdf", "--out", out, "leaflets/first", "articles/first", "content/leaflets/first")
	var names []string
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"articles-first-en-a4.pdf", "leaflets-first-en-a4.pdf"}; r.code != 0 || !slices.Equal(names, want) || strings.Count(r.stdout, ".pdf") != 2 {
		t.Errorf("exit %d, made %v, want %v\n%s%s", r.code, names, want, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "leaflets/first and articles/first share the name first") {
		t.Errorf("no word of the names shared:\n%s", r.stderr)
	}
	// One item, or two of other slugs, keep the names a build gives.
	out = t.TempDir()
	if r := tract(t, dir, nil, "pdf", "--out", out, "leaflets/first"); r.code != 0 || !strings.Contains(r.stdout, "first-en-a4.pdf") || strings.Contains(r.stdout, "leaflets-first") {
		t.Errorf("one item: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// Run inside content/, tract pdf writes into the site's folder, where the
// next build does not refuse the PDFs and tract init's .gitignore keeps
// them out of git, and names that folder in full.
func TestPDFInsideContentWritesToTheSiteFolderAndSaysWhere(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
	r := tract(t, filepath.Join(dir, "content", "leaflets", "rent"), nil, "pdf", ".")
	abs, _ := filepath.Abs(dir)
	if _, err := os.Stat(filepath.Join(dir, "rent-en-a4.pdf")); r.code != 0 || err != nil {
		t.Fatalf("exit %d, %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "into the site's folder, "+abs+",") {
		t.Errorf("does not say where the PDFs went (%s):\n%s", abs, r.stderr)
	}
}
