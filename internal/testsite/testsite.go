// Package testsite builds small sites for tests from txtar archives: the
// site is written as one string of files, as Hugo's integration tests do.
package testsite

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// DefaultConfig is a tract.toml for the three sample languages, added to a
// site that does not give its own.
const DefaultConfig = `base_url = "https://x.org"
languages = ["en", "fr", "es"]
default_language = "en"
[title]
en = "Workers' Bulletin"
fr = "Bulletin ouvrier"
es = "Boletín obrero"
`

// FS returns the files of a txtar archive as a file system.
func FS(archive string) fstest.MapFS {
	a := txtar.Parse([]byte(strings.TrimLeft(archive, "\n")))
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	if _, ok := fsys["tract.toml"]; !ok {
		fsys["tract.toml"] = &fstest.MapFile{Data: []byte(DefaultConfig), Mode: 0o644}
	}
	return fsys
}

// Dir writes the files of a txtar archive (and the default tract.toml when
// the archive has none) into a new temporary directory and returns it: for
// tests that need a real site directory, such as those of os.Root or of
// the tract command.
func Dir(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range FS(archive) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
