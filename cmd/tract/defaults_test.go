package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tract defaults lists the built-in files and copies those asked for
// into the site, where the build then uses them; it never overwrites
// the site's own.
func TestDefaultsCopiesBuiltInFilesIntoTheSite(t *testing.T) {
	parent := t.TempDir()
	if r := tract(t, parent, nil, "init", "site"); r.code != 0 {
		t.Fatalf("init: exit %d\n%s", r.code, r.stderr)
	}
	dir := filepath.Join(parent, "site")

	r := tract(t, dir, nil, "defaults")
	if r.code != 0 {
		t.Fatalf("defaults: exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"templates/  the pages' HTML", "  templates/layout.html", "  locales/fr.toml", "  assets/site/tract.css", "  assets/fonts/DejaVuSerif.ttf"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the list lacks %q:\n%s", want, r.stdout)
		}
	}

	// The site's own stylesheet is kept; a folder copies each file.
	if err := os.MkdirAll(filepath.Join(dir, "assets/site"), 0o755); err != nil {
		t.Fatal(err)
	}
	own := "body { color: purple; }\n"
	if err := os.WriteFile(filepath.Join(dir, "assets/site/tract.css"), []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	r = tract(t, dir, nil, "defaults", "templates/layout.html", "assets/site/")
	if r.code != 0 {
		t.Fatalf("defaults: exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"copied    templates/layout.html", "copied    assets/site/search.js", "kept      assets/site/tract.css (the site has its own)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the output lacks %q:\n%s", want, r.stdout)
		}
	}
	if got := readFile(t, filepath.Join(dir, "assets/site/tract.css")); got != own {
		t.Errorf("the site's own stylesheet was overwritten:\n%s", got)
	}
	builtin, err := os.ReadFile("../../templates/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "templates/layout.html")); got != string(builtin) {
		t.Error("templates/layout.html is not tract's")
	}

	// The copy is the site's: an edit of it shows on the pages.
	layout := strings.Replace(string(builtin), `<footer class="site">`, `<footer class="site"><p>Printed by volunteers</p>`, 1)
	if err := os.WriteFile(filepath.Join(dir, "templates/layout.html"), []byte(layout), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := tract(t, dir, nil, "build", "--no-pdf"); r.code != 0 {
		t.Fatalf("build: exit %d\n%s", r.code, r.stderr)
	}
	if got := readFile(t, filepath.Join(dir, "dist/en/index.html")); !strings.Contains(got, "Printed by volunteers") {
		t.Error("the edited copy of layout.html is not used")
	}

	// A name tract does not have is a mistake, and nothing is copied.
	r = tract(t, dir, nil, "defaults", "locales/de.toml", "templates/item.html")
	if r.code != 2 || !strings.Contains(r.stderr, "tract has no built-in locales/de.toml: tract defaults lists them") {
		t.Errorf("an unknown name: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "templates/item.html")); err == nil {
		t.Error("a file was copied though another name was a mistake")
	}
}
