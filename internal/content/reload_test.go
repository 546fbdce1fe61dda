package content

import (
	"testing"

	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
)

// A file that came and went in an item's folder while an editor saved
// changed nothing: Reload takes the rest of the edit without it. A file
// of the item that went, or one that is still there, needs a full load.
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
		paths []string
		ok    bool
	}{
		{[]string{"content/articles/a/en.md", "content/articles/a/en.md___jb_tmp___"}, true},
		{[]string{"content/articles/a/en.md", "content/articles/a/fr.md"}, true}, // a translation begun and given up
		{[]string{"content/articles/a/photo.jpg"}, false},                        // removed
		{[]string{"content/articles/a/notes.txt"}, false},                        // added
		{[]string{"content/articles/b/en.md___jb_tmp___"}, false},                // not in an item
	} {
		var diags diag.List
		ns, items, ok := s.Reload(after, tt.paths, &diags)
		if ok != tt.ok {
			t.Errorf("Reload(%v): %v, want %v", tt.paths, ok, tt.ok)
			continue
		}
		if ok && (len(items) != 1 || ns.Item("articles", "a").Variants["en"].Title() != "Hello again") {
			t.Errorf("Reload(%v) did not read the text saved", tt.paths)
		}
	}
}
