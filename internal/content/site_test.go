package content

import "testing"

// SplitSitePath undoes PagePath, and splits the path of a file in an
// item's folder the same way.
func TestSplitSitePathUndoesPagePath(t *testing.T) {
	it := &Item{Section: "leaflets", Slug: "été-2026"}
	for _, tc := range []struct {
		path, lang, section, slug, rest string
		ok                              bool
	}{
		{it.PagePath("fr"), "fr", "leaflets", "été-2026", "", true},
		{it.PagePath("fr") + "photo.jpg", "fr", "leaflets", "été-2026", "photo.jpg", true},
		{"en/articles/x/a/b.pdf", "en", "articles", "x", "a/b.pdf", true},
		{"es/events/fiesta", "es", "events", "fiesta", "", true},
		{"fr/leaflets/", "fr", "leaflets", "", "", true},
		{"fr/leaflets", "", "", "", "", false},
		{"fr/", "", "", "", "", false},
		{"", "", "", "", "", false},
	} {
		lang, section, slug, rest, ok := SplitSitePath(tc.path)
		if lang != tc.lang || section != tc.section || slug != tc.slug || rest != tc.rest || ok != tc.ok {
			t.Errorf("SplitSitePath(%q) = %q, %q, %q, %q, %v", tc.path, lang, section, slug, rest, ok)
		}
	}
}

// SplitFilesPath undoes FilesPath, FileAt finds the file published there,
// and neither takes a page's path, nor SplitSitePath a files path.
func TestFilesPathIsOneFolderForEveryLanguage(t *testing.T) {
	it := &Item{Section: "leaflets", Slug: "été-2026"}
	if got := it.FilesPath(); got != "leaflets/été-2026/" {
		t.Errorf("FilesPath = %q", got)
	}
	for _, tc := range []struct {
		path, section, slug, rest, file string
		ok                              bool
	}{
		{it.FilesPath(), "leaflets", "été-2026", "", "", true},
		{it.FilesPath() + "big%20photo.jpg", "leaflets", "été-2026", "big%20photo.jpg", "content/leaflets/été-2026/big photo.jpg", true},
		{"articles/x/a/b.pdf", "articles", "x", "a/b.pdf", "content/articles/x/a/b.pdf", true},
		{"articles/x", "", "", "", "", false},
		{"articles/", "", "", "", "", false},
		{"fr/articles/x/photo.jpg", "", "", "", "", false},
		{"assets/tract.css", "", "", "", "", false},
		{"", "", "", "", "", false},
	} {
		section, slug, rest, ok := SplitFilesPath(tc.path)
		if section != tc.section || slug != tc.slug || rest != tc.rest || ok != tc.ok {
			t.Errorf("SplitFilesPath(%q) = %q, %q, %q, %v", tc.path, section, slug, rest, ok)
		}
		if file, ok := FileAt(tc.path); file != tc.file || ok != (tc.file != "") {
			t.Errorf("FileAt(%q) = %q, %v; want %q", tc.path, file, ok, tc.file)
		}
		if _, _, _, _, ok := SplitSitePath(tc.path); ok && tc.ok {
			t.Errorf("SplitSitePath(%q) takes a files path for a page's", tc.path)
		}
	}
}
