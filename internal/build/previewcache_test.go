package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tractpub/tract/internal/diag"
)

// loadAsServe loads the site in dir as tract serve does, taking what the
// last build of opts left when last is set.
func loadAsServe(t *testing.T, dir string, last *Options) (*Site, []diag.Diagnostic) {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	var diags diag.List
	s := LoadPreview(context.Background(), root.FS(), now, 2, &diags, last)
	if s == nil {
		t.Fatalf("load: %v", diags.Sorted())
	}
	return s, diags.Sorted()
}

// samePreviews fails unless a and b hold the same files, byte for byte.
func samePreviews(t *testing.T, a, b *Site) {
	t.Helper()
	pa, pb := preview(t, a, false), preview(t, b, false)
	var fa, fb []string
	for _, f := range a.Renderer.Files() {
		fa = append(fa, f.Path)
	}
	for _, f := range b.Renderer.Files() {
		fb = append(fb, f.Path)
	}
	if !slices.Equal(fa, fb) {
		t.Fatalf("%d files, taken from the build; %d parsed", len(fa), len(fb))
	}
	for _, name := range fa {
		x, err := pa.File(name)
		if err != nil {
			t.Fatal(err)
		}
		y, err := pb.File(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs from the page of a site parsed whole", name)
		}
	}
}

// tract serve takes the texts the last tract build into dist/ kept, where
// their files are still those the build read, and the site it serves is
// the one a load that parses everything gives: every page, and the
// warnings. A text edited since is parsed; without a build, or with the
// cache turned off, every text is.
func TestAPreviewTakesTheTextsTheLastBuildKept(t *testing.T) {
	dir := copySample(t)
	t.Setenv("TRACT_CACHE_DIR", t.TempDir()) // as tract build and tract serve find it
	last := &Options{SiteDir: dir, OutDir: filepath.Join(dir, "dist")}
	if s, _ := loadAsServe(t, dir, last); s.TextsTaken != 0 {
		t.Fatalf("before any build: %d texts taken", s.TextsTaken)
	}
	if _, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	check := func(wantTaken int) {
		t.Helper()
		taken, takenDiags := loadAsServe(t, dir, last)
		parsed, parsedDiags := loadAsServe(t, dir, nil)
		if taken.TextsTaken != wantTaken {
			t.Errorf("%d texts taken from the build, want %d", taken.TextsTaken, wantTaken)
		}
		if !slices.Equal(takenDiags, parsedDiags) {
			t.Errorf("warnings:\n%v\nparsed whole:\n%v", takenDiags, parsedDiags)
		}
		samePreviews(t, taken, parsed)
	}
	whole, _ := loadAsServe(t, dir, nil)
	texts := 0
	for _, it := range whole.Content.Items {
		texts += len(it.Variants)
	}
	check(texts)

	// An edit after the build: that text is parsed, the others taken.
	p := filepath.Join(dir, "content/leaflets/no-to-the-rent-rise/en.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(data, "\nOne more line, written after the build.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	check(texts - 1)

	// The cache turned off: nothing is taken.
	t.Setenv("TRACT_CACHE", "off")
	if s, _ := loadAsServe(t, dir, last); s.TextsTaken != 0 {
		t.Errorf("TRACT_CACHE=off: %d texts taken", s.TextsTaken)
	}
}

// Edits after a load that took the last build's texts give the site a
// full load gives, PDFs included: the texts taken are known to the
// parser as parsed ones are, for the links into them.
func TestAnEditAfterALoadFromTheLastBuildGivesAFullLoad(t *testing.T) {
	dir := copySample(t)
	t.Setenv("TRACT_CACHE_DIR", t.TempDir())
	if _, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	before, _ := loadAsServe(t, dir, &Options{SiteDir: dir, OutDir: filepath.Join(dir, "dist")})
	if before.TextsTaken == 0 {
		t.Fatal("no text taken from the build")
	}
	editMatchesFullLoadAfter(t, before, dir, true, nil)
}
