package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/tractpub/tract/internal/diag"
)

// cleanLeftovers puts back an output set aside by a swap that was cut
// short, and removes its builds' folders, and leaves alone those of
// another output beside it whose name begins with its own: a folder of
// dist-foo's may hold dist-foo's only good site.
func TestLeftoversOfAnotherOutputAreLeftAlone(t *testing.T) {
	parent := t.TempDir()
	site := func(dir, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Join(parent, dir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(parent, dir, "index.html"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// dist-foo's swap was cut between its renames: its site is set aside.
	site(".tract-old-dist-foo-dist-foo-123", "dist-foo's site")
	site(".tract-build-dist-foo-456", "dist-foo's build")
	site(".tract-build-dist-foo-spare", "dist-foo's spare")
	// dist's own: a build cut short, and its site set aside by a swap.
	site(".tract-build-dist-789", "dist's build")
	site(".tract-build-dist-spare", "dist's spare")
	site(".tract-old-dist-dist-321", "dist's site")
	site("dist-2024", "another site")

	cleanLeftovers(filepath.Join(parent, "dist"))
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{".tract-build-dist-foo-456", ".tract-build-dist-foo-spare", ".tract-old-dist-foo-dist-foo-123", "dist", "dist-2024"}
	if !slices.Equal(names, want) {
		t.Errorf("after cleaning dist's leftovers: %q, want %q", names, want)
	}
	if b, _ := os.ReadFile(filepath.Join(parent, "dist", "index.html")); string(b) != "dist's site" {
		t.Errorf("dist holds %q, want its own site put back", b)
	}

	cleanLeftovers(filepath.Join(parent, "dist-foo"))
	if b, _ := os.ReadFile(filepath.Join(parent, "dist-foo", "index.html")); string(b) != "dist-foo's site" {
		t.Errorf("dist-foo holds %q, want its own site put back", b)
	}
}

// A read-only copy of an output (chmod -R a-w dist) is removed all the
// same: removeTree makes its folders writable first. Root may remove
// what it likes, so removeAll refuses here as it would for another user:
// while a folder of the tree is not writable.
func TestARemovedOutputMayBeReadOnly(t *testing.T) {
	defer func(f func(string) error) { removeAll = f }(removeAll)
	removeAll = func(p string) error {
		err := filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if info, err := d.Info(); err == nil && d.IsDir() && info.Mode().Perm()&0o200 == 0 {
				return &os.PathError{Op: "unlinkat", Path: q, Err: syscall.EACCES}
			}
			return nil
		})
		if err != nil {
			return err
		}
		return os.RemoveAll(p)
	}
	dir := filepath.Join(t.TempDir(), "dist")
	if err := os.MkdirAll(filepath.Join(dir, "en", "leaflets"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "en", "leaflets", "index.html"), []byte("a page"), 0o444); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"en/leaflets", "en", ""} {
		if err := os.Chmod(filepath.Join(dir, d), 0o555); err != nil {
			t.Fatal(err)
		}
	}
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Errorf("%s is still there (%v)", dir, err)
	}
}

// oneLeaflet is a site of one text, for the tests of where a build
// writes.
const oneLeaflet = `
-- content/leaflets/rent/en.md --
---
title: Rent
date: 2026-09-01
---
We refuse the rent rise.
`

// A folder of an earlier build that cannot be removed, and the old
// output a build replaced, are warned about by name, and the build
// succeeds: the new output is in place.
func TestABuildSaysWhichOfItsOldFoldersItCouldNotRemove(t *testing.T) {
	dir := writeSite(t, oneLeaflet)
	if _, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoCache: true, NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	stuck := filepath.Join(dir, ".tract-build-dist-123")
	if err := os.Mkdir(stuck, 0o755); err != nil {
		t.Fatal(err)
	}
	defer func(f func(string) error) { removeAll = f }(removeAll)
	removeAll = func(p string) error {
		if strings.HasPrefix(filepath.Base(p), ".tract-") {
			return &os.PathError{Op: "unlinkat", Path: p, Err: syscall.EACCES}
		}
		return os.RemoveAll(p)
	}
	writeFile(t, dir, "content/leaflets/rent/en.md", "---\ntitle: Rent\ndate: 2026-09-01\n---\nWe refuse the rent rise, again.\n")
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoCache: true, NoPDF: true})
	if err != nil {
		t.Fatalf("the build failed: %v", err)
	}
	if page, _ := os.ReadFile(filepath.Join(dir, "dist/en/leaflets/rent/index.html")); !strings.Contains(string(page), "again") {
		t.Error("the new output is not in place")
	}
	var warned []string
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "could not remove (permission denied)") && d.Severity == diag.Warning {
			warned = append(warned, d.Path)
		}
	}
	if len(warned) != 2 || !slices.Contains(warned, stuck) {
		t.Fatalf("warned of %q, want the build's folder and the old output; diagnostics: %v", warned, res.Diagnostics)
	}
	old := warned[0]
	if old == stuck {
		old = warned[1]
	}
	// The old output, where the warning says it is.
	if page, _ := os.ReadFile(filepath.Join(old, "en/leaflets/rent/index.html")); !strings.Contains(string(page), "We refuse the rent rise.") {
		t.Errorf("%s does not hold the old output", old)
	}
}

// An output beside which the user may not write (a site folder made
// read-only, or another user's) is an error that says where the build
// writes and what to do, not a bare "mkdir …: permission denied".
func TestAnOutputThatCannotBeWrittenSaysWhere(t *testing.T) {
	dir := writeSite(t, oneLeaflet)
	defer func(f func(string, string) (string, error)) { mkdirTemp = f }(mkdirTemp)
	mkdirTemp = func(d, pattern string) (string, error) {
		return "", &os.PathError{Op: "mkdir", Path: filepath.Join(d, pattern), Err: syscall.EACCES}
	}
	_, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoCache: true, NoPDF: true})
	if err == nil || !strings.Contains(err.Error(), "the output is written in "+dir+", beside dist, and this user may not write there: give --out a folder in a place you may write") {
		t.Errorf("error %v", err)
	}
}
