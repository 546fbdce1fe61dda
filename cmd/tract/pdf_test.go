package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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
