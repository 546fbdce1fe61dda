package tract

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestMakefileListsEveryFuzzTarget keeps the Makefile's FUZZ list, which
// is all that make fuzz and so CI fuzz (.ci/run, .ci/fuzz), the same as
// the fuzz targets in the module's tests: a target left out is never
// fuzzed, only its seeds run, and one listed that is gone fuzzes nothing
// without failing (go test -fuzz matching no target passes).
// third_party/ and bench/ are not ours to fuzz.
func TestMakefileListsEveryFuzzTarget(t *testing.T) {
	listed := makefileFuzz(t)
	found := fuzzTargets(t)
	for _, f := range found {
		if !slices.Contains(listed, f) {
			t.Errorf("the Makefile's FUZZ list lacks %s: add it", f)
		}
	}
	for i, l := range listed {
		if !slices.Contains(found, l) {
			t.Errorf("the Makefile's FUZZ list has %s, which is no fuzz target: remove it", l)
		}
		if slices.Contains(listed[:i], l) {
			t.Errorf("the Makefile's FUZZ list has %s twice", l)
		}
	}
}

// makefileFuzz returns the entries of the Makefile's FUZZ variable, as it
// spells them (./internal/content:FuzzConfig).
func makefileFuzz(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	var def string // FUZZ's definition, its continued lines joined
	in := false
	for line := range strings.Lines(string(data)) {
		line = strings.TrimRight(line, "\r\n")
		if !in {
			name, _, ok := strings.Cut(line, ":=")
			if !ok || strings.TrimSpace(name) != "FUZZ" {
				continue
			}
			in, line = true, line[len(name)+2:]
		}
		line, more := strings.CutSuffix(line, "\\")
		def += " " + line
		if !more {
			break
		}
	}
	list := strings.Fields(def)
	if len(list) == 0 {
		t.Fatal("the Makefile defines no FUZZ list (FUZZ := ...)")
	}
	return list
}

// fuzzTargets returns the fuzz targets of the module's tests as the
// Makefile lists them: ./DIR:FuzzName, or .:FuzzName in the root.
func fuzzTargets(t *testing.T) []string {
	t.Helper()
	var targets []string
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch base := d.Name(); {
			case name == "third_party", name == "bench", base == "testdata", base == "node_modules",
				name != "." && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_")):
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil && isFuzzName(fn.Name.Name) {
				dir := filepath.ToSlash(filepath.Dir(name))
				if dir != "." {
					dir = "./" + dir
				}
				targets = append(targets, dir+":"+fn.Name.Name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(targets) == 0 {
		t.Fatal("found no fuzz target")
	}
	return targets
}

// isFuzzName reports whether name is one go test takes for a fuzz
// target: Fuzz, or Fuzz followed by anything but a lower-case letter.
func isFuzzName(name string) bool {
	rest, ok := strings.CutPrefix(name, "Fuzz")
	if !ok {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || !unicode.IsLower(r)
}
