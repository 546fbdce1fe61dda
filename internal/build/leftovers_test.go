package build

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
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
