package content

import (
	"slices"
	"testing"

	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
)

// A file that came and went in an item's folder while an editor saved
// changed nothing: Reload takes the rest of the edit without it. A file
// of the item that went, or a new one, is one of the item's files no
// more, or now.
func TestReloadPassesOverFilesThatCameAndWent(t *testing.T) {
	before := "-- content/articles/a/en.md --\n---\ntitle: Hello\ndate: 2024-01-01\n---\nText.\n" +
		"-- content/articles/a/photo.jpg --\nnot really\n"
	s, ds := load(t, before)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	after := testsite.FS("-- content/articles/a/en.md --\n---\ntitle: Hello again\ndate: 2024-01-01\n---\nText.\n" +
		"-- content/articles/a/notes.txt --\nstill here\n")
	for _, tt := range []struct {
		paths         []string
		ok            bool
		assets, files []string
	}{
		{[]string{"content/articles/a/en.md", "content/articles/a/en.md___jb_tmp___"}, true, []string{"photo.jpg"}, nil},
		{[]string{"content/articles/a/en.md", "content/articles/a/fr.md"}, true, []string{"photo.jpg"}, nil}, // a translation begun and given up
		{[]string{"content/articles/a/en.md", "content/articles/a/photo.jpg"}, true, nil, []string{"content/articles/a/photo.jpg"}},
		{[]string{"content/articles/a/en.md", "content/articles/a/notes.txt"}, true, []string{"notes.txt", "photo.jpg"}, []string{"content/articles/a/notes.txt"}},
		{[]string{"content/articles/b/en.md___jb_tmp___"}, false, nil, nil}, // not in an item
	} {
		var diags diag.List
		ns, items, files, ok := s.Reload(after, tt.paths, &diags)
		if ok != tt.ok {
			t.Errorf("Reload(%v): %v, want %v", tt.paths, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		it := ns.Item("articles", "a")
		if len(items) != 1 || it.Variants["en"].Title() != "Hello again" {
			t.Errorf("Reload(%v) did not read the text saved", tt.paths)
		}
		if !slices.Equal(it.Assets, tt.assets) {
			t.Errorf("Reload(%v): the item's files are %v, want %v", tt.paths, it.Assets, tt.assets)
		}
		if !slices.Equal(files, tt.files) {
			t.Errorf("Reload(%v) reports the files %v, want %v", tt.paths, files, tt.files)
		}
	}
}
