package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/web"
)

// The stylesheet and the search script are published minified, by tract
// build and tract serve alike: every rule kept, the comments and the
// white space gone. Pages link them under the version of the files as
// written.
func TestTheStylesheetAndTheScriptArePublishedMinified(t *testing.T) {
	source, err := os.ReadFile("../../" + Stylesheet)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{SiteDir: "../..", OutDir: filepath.Join(t.TempDir(), "dist"), Now: now, NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	built := []byte(read(t, res.OutDir, "assets/tract.css"))
	if len(built) > len(source)*3/4 {
		t.Errorf("published stylesheet: %d bytes, from %d as written", len(built), len(source))
	}
	if bytes.Contains(built, []byte("/*")) || bytes.Contains(built, []byte("\n  ")) {
		t.Errorf("published stylesheet keeps comments or indentation:\n%.400s", built)
	}
	// Rules of every kind the stylesheet has, as the minifier writes them.
	for _, rule := range []string{
		"--accent:#a4161a",
		"@media(prefers-color-scheme:dark)",
		"@media print",
		"text-wrap:balance",
		"article.item>header{margin-bottom:1.25rem}",
		"::details-content",
	} {
		if !bytes.Contains(built, []byte(rule)) {
			t.Errorf("published stylesheet lacks %q", rule)
		}
	}
	version := web.Versioned("assets/tract.css", source)
	if page := read(t, res.OutDir, "en/index.html"); !strings.Contains(page, version) {
		t.Errorf("en/index.html does not link %s", version)
	}

	script, err := os.ReadFile("../../" + SearchScript)
	if err != nil {
		t.Fatal(err)
	}
	builtScript := []byte(read(t, res.OutDir, "assets/search.js"))
	if len(builtScript) > len(script)/2 || bytes.Contains(builtScript, []byte("// ")) {
		t.Errorf("published search script: %d bytes, from %d as written:\n%.300s", len(builtScript), len(script), builtScript)
	}
	if page := read(t, res.OutDir, "en/search/index.html"); !strings.Contains(page, searchScriptPath(script)) {
		t.Errorf("en/search/index.html does not link %s", searchScriptPath(script))
	}

	p := preview(t, loadRoot(t, copySample(t)), false)
	for name, want := range map[string][]byte{"assets/tract.css": built, "assets/search.js": builtScript} {
		served, err := p.File(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(served, want) {
			t.Errorf("tract serve serves %d bytes of %s, tract build publishes %d", len(served), name, len(want))
		}
	}
}

// The stylesheet and the search script are minified; the script stays
// ES5, with nothing newer in it than what it was written with (e2e's
// TestScriptsParseAsES5 parses the published one); any other file is
// published as it is.
func TestTheStylesheetAndTheScriptAreMinifiedAndNothingElse(t *testing.T) {
	script := []byte("// a comment\nfunction f(a) {\n  var longName = 'x' + a;\n  return longName;\n}\nf(1);\n")
	got := string(publishedAsset("assets/search.js", script))
	if strings.Contains(got, "comment") || strings.Contains(got, "longName") || len(got) >= len(script)/2 {
		t.Errorf("the script, minified: %q", got)
	}
	for _, newer := range []string{"=>", "`", "let ", "const "} {
		if strings.Contains(got, newer) {
			t.Errorf("the minified script has %q, newer than ES5: %q", newer, got)
		}
	}
	if got := publishedAsset("assets/tract.css", []byte("/* x */\np {\n  color: red;\n}\n")); string(got) != "p{color:red}" {
		t.Errorf("the stylesheet, minified: %q", got)
	}
	text := []byte("/* not CSS */\n")
	if got := publishedAsset("robots.txt", text); !bytes.Equal(got, text) {
		t.Errorf("robots.txt was changed: %q", got)
	}
}
