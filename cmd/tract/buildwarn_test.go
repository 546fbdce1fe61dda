package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/testsite"
)

// outdatedSite has n leaflets whose French translation is outdated, and
// one translation that contradicts its original's date.
func outdatedSite(t *testing.T, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "-- content/leaflets/l%02d/en.md --\n---\ntitle: Leaflet %d\ndate: 2024-02-24\n---\nText.\n", i, i)
		fmt.Fprintf(&b, "-- content/leaflets/l%02d/fr.md --\n---\ntitle: Tract %d\ntranslated_from: en@0123456789ab\n---\nTexte.\n", i, i)
	}
	en := "---\ntitle: A\ndate: 2024-02-24\n---\nText.\n"
	b.WriteString("-- content/articles/a/en.md --\n" + en)
	b.WriteString("-- content/articles/a/es.md --\n---\ntitle: A\ndate: 2024-03-01\ntranslated_from: en@" + digestOf(t, en) + "\n---\nTexto.\n")
	return testsite.Dir(t, b.String())
}

// A build names a few outdated translations, and counts many in one line;
// every other warning is printed in full either way.
func TestABuildCountsManyOutdatedTranslations(t *testing.T) {
	for _, n := range []int{content.OutdatedNamed, content.OutdatedNamed + 1} {
		r := tract(t, outdatedSite(t, n), nil, "build", "--no-pdf")
		if r.code != 0 {
			t.Fatalf("%d outdated: exit %d\n%s", n, r.code, r.stderr)
		}
		named := strings.Count(r.stderr, "warning: outdated translation")
		summary := strings.Contains(r.stderr, fmt.Sprintf("tract build: %d translations are outdated", n))
		if n <= content.OutdatedNamed && (named != n || summary) || n > content.OutdatedNamed && (named != 0 || !summary) {
			t.Errorf("%d outdated: %d named, summary %v:\n%s", n, named, summary, r.stderr)
		}
		if !strings.Contains(r.stderr, "content/articles/a/es.md") || !strings.Contains(r.stdout, fmt.Sprintf("%d warnings", n+1)) {
			t.Errorf("%d outdated: the other warning or the count is missing:\n%s%s", n, r.stderr, r.stdout)
		}
	}
}
