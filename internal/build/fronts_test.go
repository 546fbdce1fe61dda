package build

import (
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/content"
)

// A build that keeps a stamp keeps each variant file's decoded front
// matter beside it (frontMemo), and the next build takes it from there
// for the files whose bytes it has seen: after one edit the file holds
// the same number of entries, one of them new; a file damaged on disk
// costs decoding again, never a wrong page; and what the memo holds is
// what the build uses.
func TestFrontMatterIsKeptForTheNextBuild(t *testing.T) {
	dir, cache := copySample(t), t.TempDir()
	opts := Options{SiteDir: dir, Now: now, CacheDir: cache, NoPDF: true}
	opts.OutDir = filepath.Join(dir, "dist")
	build := func() {
		t.Helper()
		buildAsFromNothing(t, opts)
	}
	file := strings.TrimSuffix(stampPath(opts), ".json") + ".fronts"
	readFronts := func() map[[sha256.Size]byte][]byte {
		entries, _, _ := readEntries(file, frontsFormat)
		return entries
	}
	build()
	first := readFronts()
	variants, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*", "*.md"))
	if len(first) == 0 || len(first) > len(variants) {
		t.Fatalf("the memo holds %d entries for %d variant files", len(first), len(variants))
	}

	// One edit: one entry replaced.
	edited := filepath.Join(dir, "content/leaflets/repairs-are-your-right/en.md")
	data, err := os.ReadFile(edited)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(edited, append(data, "\nOne more line.\n"...), 0o644)
	build()
	second := readFronts()
	gone := 0
	for key := range first {
		if second[key] == nil {
			gone++
		}
	}
	if len(second) != len(first) || gone != 1 {
		t.Errorf("after one edit the memo holds %d entries (%d before), %d of them new; want the same number, one new", len(second), len(first), gone)
	}

	// A byte changed in the middle of the file: what follows is not
	// trusted, and the build decodes those files again.
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	raw[len(raw)/2] ^= 0xff
	os.WriteFile(file, raw, 0o644)
	if n := len(readFronts()); n >= len(second) {
		t.Fatalf("a damaged memo still gives %d entries of %d", n, len(second))
	}
	os.WriteFile(edited, append(data, "\nAnother line.\n"...), 0o644)
	build()
	if n := len(readFronts()); n != len(second) {
		t.Errorf("after a build, the damaged memo holds %d entries; want %d", n, len(second))
	}

	// What the memo holds for a file's bytes is what the build uses: a
	// memo that says otherwise shows. (So the key must name everything
	// decoding depends on: the bytes, by their sum, and tract's
	// executable.)
	inputs, err := inputsSum(os.DirFS(dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	m := openFrontMemo(opts, &inputs)
	text := "content/leaflets/repairs-are-your-right/en.md"
	fm, digest, keep := m.Recall(text, inputs.data[text])
	if fm == nil || keep != nil {
		t.Fatal("the memo does not hold the file just built")
	}
	fm.Title = "Told by the memo"
	key, _ := m.key(text)
	m.old[key] = content.AppendFront(nil, fm, digest)
	m.now, m.fresh = m.old, true
	m.write()
	os.WriteFile(filepath.Join(dir, "content/pages/about/en.md"), []byte("---\ntitle: About us\n---\nWho we are.\n"), 0o644)
	if res, err := Build(context.Background(), opts); err != nil {
		t.Fatalf("build: %v %v", err, res.Diagnostics)
	}
	page, err := os.ReadFile(filepath.Join(opts.OutDir, "en/leaflets/repairs-are-your-right/index.html"))
	if err != nil || !strings.Contains(string(page), "Told by the memo") {
		t.Errorf("the page does not show the title the memo holds (%v)", err)
	}
}
