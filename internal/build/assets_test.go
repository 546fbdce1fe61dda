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

// The stylesheet is published minified, by tract build and tract serve
// alike: every rule kept, the comments and the white space gone. Pages
// link it under the version of the file as written.
func TestTheStylesheetIsPublishedMinified(t *testing.T) {
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

	p := preview(t, loadRoot(t, copySample(t)), false)
	served, err := p.File("assets/tract.css")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(served, built) {
		t.Errorf("tract serve serves %d bytes of stylesheet, tract build publishes %d", len(served), len(built))
	}
}

func TestOnlyTheStylesheetIsMinified(t *testing.T) {
	script := []byte("// a comment\nvar a = 1;\n")
	if got := publishedAsset("assets/search.js", script); !bytes.Equal(got, script) {
		t.Errorf("the script was changed: %q", got)
	}
	if got := publishedAsset("assets/tract.css", []byte("/* x */\np {\n  color: red;\n}\n")); string(got) != "p{color:red}" {
		t.Errorf("minified: %q", got)
	}
}
