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
