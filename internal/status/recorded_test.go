package status

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/testsite"
)

// A translation counts as untouched only against the commit that wrote
// its translated_from value: an edit committed since, or not committed,
// is a change; a translated_from value no commit holds cannot be told.
func TestUnchangedSinceRecordedComparesWithTheCommitThatRecorded(t *testing.T) {
	site, git := gitRepo(t)
	ctx := context.Background()
	ref := content.Ref{Lang: "en", Digest: digest(t, enV1)}
	frV1 := "---\ntitle: Loyer\ntranslated_from: \"" + ref.String() + "\" # Ana\n---\n\nNous refusons la hausse.\n"
	frV2 := strings.Replace(frV1, "la hausse", "la hausse du loyer", 1)
	fr := filepath.Join(site, "content/leaflets/rent/fr.md")
	write(t, filepath.Join(site, "tract.toml"), testsite.DefaultConfig)
	write(t, filepath.Join(site, "content/leaflets/rent/en.md"), enV1)
	write(t, fr, frV1)
	git("add", ".")
	git("commit", "-q", "-m", "rent leaflet")
	recorded := git("rev-parse", "HEAD")
	write(t, filepath.Join(site, "content/leaflets/rent/en.md"), enV2)
	git("commit", "-q", "-am", "which rise")

	check := func(when, text string, want bool) {
		t.Helper()
		rev, same := UnchangedSinceRecorded(ctx, site, "content/leaflets/rent/fr.md", ref, digest(t, text))
		if same != want || (same && rev != recorded) {
			t.Errorf("%s: %q, %v; want %v (commit %s)", when, rev, same, want, recorded)
		}
	}
	check("untouched", frV1, true)
	write(t, fr, frV2)
	check("edited, not committed", frV2, false)
	git("commit", "-q", "-am", "fr: the rise of the rent")
	check("edited and committed", frV2, false)
	if got := Uncommitted(ctx, site, []string{"content/leaflets/rent/fr.md", "content/leaflets/rent/es.md"}); got != nil {
		t.Errorf("uncommitted after a commit: %v", got)
	}
	write(t, filepath.Join(site, "content/leaflets/rent/es.md"), "new")
	if got := Uncommitted(ctx, site, []string{"content/leaflets/rent/fr.md", "content/leaflets/rent/es.md"}); len(got) != 1 || got[0] != "content/leaflets/rent/es.md" {
		t.Errorf("uncommitted with es.md new: %v", got)
	}
	other := content.Ref{Lang: "en", Digest: digest(t, enV2)}
	if _, same := UnchangedSinceRecorded(ctx, site, "content/leaflets/rent/fr.md", other, digest(t, frV2)); same {
		t.Error("a translated_from value no commit holds is told unchanged")
	}
}
