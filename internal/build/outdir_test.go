package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const outDirSite = `
-- content/leaflets/rent/en.md --
---
title: Rent
date: 2024-01-10
---
No to the rent rise.
`

// A wrong --out must not cost anyone their files: a build replaces its
// output folder whole, so it refuses one it would destroy, before it
// writes anything, and leaves it as it was.
func TestABuildRefusesAnOutputFolderItWouldDestroy(t *testing.T) {
	site := writeSite(t, outDirSite)
	mine := filepath.Join(t.TempDir(), "mine")
	if err := os.MkdirAll(filepath.Join(mine, "photos"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mine, "notes.txt"), []byte("my notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "file.txt")
	if err := os.WriteFile(file, []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(mine, link); err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(t.TempDir(), "pages")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := writeMark(repo); err != nil { // made by tract once, a repository since
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, out, want string }{
		{"the site", site, "is the site itself"},
		{"the site, by another name", site + "/content/..", "is the site itself"},
		{"a folder above the site", filepath.Dir(site), "holds the site"},
		{"content", filepath.Join(site, "content"), "in the site's content/"},
		{"a folder in content", filepath.Join(site, "content", "leaflets", "out"), "in the site's content/"},
		{"templates", filepath.Join(site, "templates"), "in the site's templates/"},
		{"someone's folder", mine, "holds files tract did not write (notes.txt, photos/)"},
		{"a file", file, "is a file, not a folder"},
		{"a link", link, "is a symbolic link to " + mine},
		{"a repository", repo, "holds .git"},
	} {
		_, err := Build(context.Background(), Options{SiteDir: site, OutDir: tc.out, Now: now, NoPDF: true})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
	if b, err := os.ReadFile(filepath.Join(site, "content", "leaflets", "rent", "en.md")); err != nil || !strings.Contains(string(b), "No to the rent rise.") {
		t.Errorf("the site's text: %q, %v", b, err)
	}
	if b, err := os.ReadFile(filepath.Join(mine, "notes.txt")); err != nil || string(b) != "my notes" {
		t.Errorf("notes.txt: %q, %v", b, err)
	}
	if b, err := os.ReadFile(file); err != nil || string(b) != "a file" {
		t.Errorf("file.txt: %q, %v", b, err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link is no longer a link: %v", err)
	}
	if _, err := os.Stat(filepath.Join(repo, ".git")); err != nil {
		t.Errorf("the repository: %v", err)
	}
	if _, err := os.Stat(filepath.Join(site, "dist")); !os.IsNotExist(err) {
		t.Errorf("a refused build wrote dist/: %v", err)
	}
}

// An output tract made, even one from before it marked its outputs, is
// replaced; so is a new or empty folder.
func TestABuildReplacesItsOwnOutput(t *testing.T) {
	site := writeSite(t, outDirSite)
	empty := t.TempDir()
	for _, out := range []string{filepath.Join(site, "dist"), filepath.Join(t.TempDir(), "new", "out"), empty} {
		if _, err := Build(context.Background(), Options{SiteDir: site, OutDir: out, Now: now, NoPDF: true, NoCache: true}); err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		if _, err := os.Stat(filepath.Join(out, outputMark)); err != nil {
			t.Errorf("%s: no mark: %v", out, err)
		}
	}
	// Built again: over the marked output, with a file added by hand
	// (which goes), and over an output from before the mark.
	dist := filepath.Join(site, "dist")
	if err := os.WriteFile(filepath.Join(dist, "stray.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, step := range []string{"marked", "unmarked"} {
		if step == "unmarked" {
			if err := os.Remove(filepath.Join(dist, outputMark)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := Build(context.Background(), Options{SiteDir: site, Now: now, NoPDF: true, NoCache: true}); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if _, err := os.Stat(filepath.Join(dist, "stray.txt")); !os.IsNotExist(err) {
			t.Errorf("%s: the stray file is still there: %v", step, err)
		}
		if _, err := os.Stat(filepath.Join(dist, outputMark)); err != nil {
			t.Errorf("%s: no mark: %v", step, err)
		}
	}
}
