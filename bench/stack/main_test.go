package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunWritesAPageForEachText: a page per text, at its place, holding
// the title and the rendered text, escaped where it must be; an existing
// output and a site without texts are refused.
func TestRunWritesAPageForEachText(t *testing.T) {
	site, to := t.TempDir(), filepath.Join(t.TempDir(), "out")
	write := func(rel, s string) {
		p := filepath.Join(site, "content", filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("leaflets/rent/en.md", "---\ntitle: \"Rent & repairs\"\ntags: [housing]\n---\nThe rent goes *up*.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
	write("leaflets/rent/fr.md", "---\ntitle: Loyers\ntranslated_from: en@000000000000\n---\nLe loyer \"monte\".\n")
	write("leaflets/rent/photo.txt", "not a text")
	n, err := run(site, to, 2)
	if err != nil || n != 2 {
		t.Fatalf("run: %d pages, %v; want 2, no error", n, err)
	}
	for path, want := range map[string][]string{
		"en/leaflets/rent/index.html": {`<html lang="en">`, "<title>Rent &amp; repairs</title>", "<em>up</em>", "<table>"},
		"fr/leaflets/rent/index.html": {`<html lang="fr">`, "<h1>Loyers</h1>", "&ldquo;monte&rdquo;"},
	} {
		got, err := os.ReadFile(filepath.Join(to, filepath.FromSlash(path)))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(got), w) {
				t.Errorf("%s lacks %q:\n%s", path, w, got)
			}
		}
	}
	if _, err := run(site, to, 2); err == nil {
		t.Error("run into an existing output: no error")
	}
	if _, err := run(t.TempDir(), filepath.Join(t.TempDir(), "out"), 1); err == nil {
		t.Error("run on a site without texts: no error")
	}
}
