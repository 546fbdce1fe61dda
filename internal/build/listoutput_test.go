package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// listOutput lists the folders two levels down on several goroutines; its
// list must be the one a plain walk of the whole tree makes, in the same
// order: a stamp compares the two file by file. The tree has files at
// every depth, more folders than readers, and names that sort one way as
// folder entries and another as whole paths ("a" before "a-c", but
// "a-c" before "a/b.txt").
func TestListOutputIsAWalkOfTheWholeTree(t *testing.T) {
	dir := t.TempDir()
	files := []string{"index.html", "a-c", "z.txt", "a/b.txt", "a/b-c/x", "a/b/c/d/e.html", "a-b/x", "en/index.html", "en/leaflets/x/index.html", "en/leaflets/x/x-en-a4.pdf", "en/leaflets/index.html", "en/z/y"}
	for i := range 30 {
		files = append(files, "fr/s"+strings.Repeat("x", i)+"/p/index.html", "fr/s"+strings.Repeat("x", i)+"/q")
	}
	for _, name := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, name, name)
	}
	if err := os.MkdirAll(filepath.Join(dir, "empty", "folder", "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	want, err := walkOutput(dir, dir) // the whole tree, one folder after the other
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != len(files) {
		t.Fatalf("the walk found %d files of %d", len(want), len(files))
	}
	got, err := listOutput(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("listOutput:\n%v\na walk:\n%v", got, want)
	}

	// A file that is not a regular one is an error, at any depth.
	for _, link := range []string{"top-link", "en/leaflets/x/link"} {
		if err := os.Symlink("index.html", filepath.Join(dir, link)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
		if _, err := listOutput(dir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("with %s a link, listOutput gives %v", link, err)
		}
		os.Remove(filepath.Join(dir, link))
	}
}
