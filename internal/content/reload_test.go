package content

import (
	"slices"
	"strings"
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
		ns, ch, ok := s.Reload(after, tt.paths, &diags)
		if ok != tt.ok {
			t.Errorf("Reload(%v): %v, want %v", tt.paths, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		it := ns.Item("articles", "a")
		if len(ch.Items) != 1 || it.Variants["en"].Title() != "Hello again" {
			t.Errorf("Reload(%v) did not read the text saved", tt.paths)
		}
		if !slices.Equal(it.Assets, tt.assets) {
			t.Errorf("Reload(%v): the item's files are %v, want %v", tt.paths, it.Assets, tt.assets)
		}
		if !slices.Equal(ch.Files, tt.files) {
			t.Errorf("Reload(%v) reports the files %v, want %v", tt.paths, ch.Files, tt.files)
		}
	}
}

// A file saved beside a text that a full Load would not publish as it is
// (a system's file, a backup, an SVG picture, a text with the wrong
// ending) is left to a full Load, which passes over it, warns or refuses:
// the preview shows what the build will publish.
func TestReloadLeavesFilesLoadWouldNotPublishToAFullLoad(t *testing.T) {
	before := "-- content/articles/a/en.md --\n---\ntitle: Hello\ndate: 2024-01-01\n---\nText.\n"
	s, ds := load(t, before)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	for _, name := range []string{"Thumbs.db", "~$letter.docx", "en.md.orig", "map.svg", "page.html", "fr.md.txt", "a-480w.jpg", "page.xhtm", "x.php.jpg", "data.bin"} {
		after := testsite.FS(before + "-- content/articles/a/" + name + " --\nx\n")
		var diags diag.List
		if _, _, ok := s.Reload(after, []string{"content/articles/a/" + name}, &diags); ok {
			t.Errorf("Reload took %s as a file to publish", name)
		}
	}
}

// An item whose folder was removed — named by the folder, or by each of
// its files — is gone from the site Reload returns, with its files; one
// whose texts are all gone while its folder is there, or that a bulletin
// lists, is left to a full Load.
func TestReloadDropsAnItemWhoseFolderIsGone(t *testing.T) {
	before := "-- content/articles/a/en.md --\n---\ntitle: A\ndate: 2024-01-01\n---\nText.\n" +
		"-- content/articles/a/fr.md --\n---\ntitle: A fr\ntranslated_from: en@0123456789ab\n---\nTexte.\n" +
		"-- content/articles/a/photo.jpg --\nnot really\n" +
		"-- content/articles/b/en.md --\n---\ntitle: B\ndate: 2024-01-02\n---\nText.\n" +
		"-- content/articles/c/en.md --\n---\ntitle: C\ndate: 2024-01-03\n---\nText.\n" +
		"-- content/bulletins/one/en.md --\n---\ntitle: One\ndate: 2024-02-01\narticles: [b]\n---\nIntro.\n"
	s, ds := load(t, before)
	for _, d := range ds {
		if d.Severity == diag.Error {
			t.Fatal(d)
		}
	}
	rest := "-- content/articles/b/en.md --\n---\ntitle: B\ndate: 2024-01-02\n---\nText.\n" +
		"-- content/articles/c/en.md --\n---\ntitle: C\ndate: 2024-01-03\n---\nText.\n" +
		"-- content/bulletins/one/en.md --\n---\ntitle: One\ndate: 2024-02-01\narticles: [b]\n---\nIntro.\n"
	withoutA := testsite.FS(rest)
	for _, paths := range [][]string{
		{"content/articles/a"},
		{"content/articles/a/en.md", "content/articles/a/fr.md", "content/articles/a/photo.jpg"},
		{"content/articles/a/en.md", "content/articles/a/fr.md"}, // the picture's event came later
	} {
		var diags diag.List
		ns, ch, ok := s.Reload(withoutA, paths, &diags)
		if !ok {
			t.Errorf("Reload(%v) refused: %v", paths, diags.Sorted())
			continue
		}
		if ns.Item("articles", "a") != nil || len(ns.Items) != 3 || s.Item("articles", "a") == nil {
			t.Errorf("Reload(%v): the new site has %d items, a among them: %v", paths, len(ns.Items), ns.Item("articles", "a") != nil)
		}
		if len(ch.Gone) != 1 || ch.Gone[0] != s.Item("articles", "a") || len(ch.Items) != 0 {
			t.Errorf("Reload(%v): gone %v, made %v", paths, ch.Gone, ch.Items)
		}
		if !slices.Equal(ch.Files, []string{"content/articles/a/photo.jpg"}) {
			t.Errorf("Reload(%v) reports the files %v", paths, ch.Files)
		}
	}
	for _, tt := range []struct {
		why   string
		after string
		paths []string
	}{
		{"a's texts are gone, its folder is there", rest + "-- content/articles/a/photo.jpg --\nnot really\n", []string{"content/articles/a/en.md", "content/articles/a/fr.md"}},
		{"a bulletin lists b", strings.Replace(rest, "-- content/articles/b/en.md --\n---\ntitle: B\ndate: 2024-01-02\n---\nText.\n", "", 1), []string{"content/articles/b"}},
	} {
		var diags diag.List
		if _, _, ok := s.Reload(testsite.FS(tt.after), tt.paths, &diags); ok {
			t.Errorf("%s: Reload(%v) took the edit", tt.why, tt.paths)
		}
	}
}

// A folder whose only text had an error is left out of the site, and
// Left says so. When the text is mended, Reload leaves it to a full Load,
// which puts the item in and takes it out of Left.
func TestAFolderLeftOutIsMendedByAFullLoad(t *testing.T) {
	broken := "-- content/articles/a/en.md --\n---\ntitle: A\ndate: 2024-02-30\n---\nText.\n" +
		"-- content/articles/b/en.md --\n---\ntitle: B\ndate: 2024-01-02\n---\nText.\n"
	var ds diag.List
	s := Load(testsite.FS(broken), &ds)
	if !ds.HasErrors() || s.Item("articles", "a") != nil || !s.Left("articles", "a") {
		t.Fatalf("a text with a bad date: item %v, left %v, diagnostics %v", s.Item("articles", "a"), s.Left("articles", "a"), ds.Sorted())
	}
	if s.Left("articles", "b") || s.Left("articles", "nowhere") {
		t.Error("Left says true of an item in the site, or of a folder that is not there")
	}
	mended := testsite.FS("-- content/articles/a/en.md --\n---\ntitle: A\ndate: 2024-02-28\n---\nText.\n" +
		"-- content/articles/b/en.md --\n---\ntitle: B\ndate: 2024-01-02\n---\nText.\n")
	var diags diag.List
	if _, _, ok := s.Reload(mended, []string{"content/articles/a/en.md"}, &diags); ok {
		t.Error("Reload took in a folder the last Load left out")
	}
	var full diag.List
	ns := Load(mended, &full)
	if ns.Item("articles", "a") == nil || ns.Left("articles", "a") || full.HasErrors() {
		t.Errorf("after a full Load: item %v, left %v, diagnostics %v", ns.Item("articles", "a"), ns.Left("articles", "a"), full.Sorted())
	}
}

// An item none of whose texts reads stays in Unreadable after an edit of
// another item, as it does in Left (diff review: Reload kept the one and
// dropped the other).
func TestReloadKeepsTheUnreadableItems(t *testing.T) {
	before := "-- content/articles/a/en.md --\n---\ntitle: Hello\ndate: 2024-01-01\n---\nText.\n" +
		"-- content/events/ride/en.md --\n---\ntitle: Ride\nstarts: 12/12/2026 18:00\n---\nRide.\n"
	var diags diag.List
	s := Load(testsite.FS(before), &diags)
	if s == nil || len(s.Unreadable) != 1 {
		t.Fatalf("want events/ride unreadable; got %v", diags.Sorted())
	}
	after := testsite.FS(strings.Replace(before, "Text.", "Text, edited.", 1))
	var again diag.List
	ns, _, ok := s.Reload(after, []string{"content/articles/a/en.md"}, &again)
	if !ok {
		t.Fatalf("the edit was not reloaded: %v", again.Sorted())
	}
	if len(ns.Unreadable) != 1 || ns.Unreadable[0].Key() != "events/ride" {
		t.Errorf("after Reload, Unreadable = %v", ns.Unreadable)
	}
}
