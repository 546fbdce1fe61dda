package content

import (
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
)

// A folder named as a title ("Rent Strike") is told the slug to rename
// it to, as tract new tells a slug given so; one with no letter or digit
// to make a slug of is told only what a slug is.
func TestFolderNameNotASlugIsToldOne(t *testing.T) {
	_, ds := load(t, "-- tract.toml --\n"+testsite.DefaultConfig+
		"-- content/leaflets/Rent Strike/en.md --\n---\ntitle: Rent\n---\n\nText.\n"+
		"-- content/leaflets/!!/en.md --\n---\ntitle: Bang\n---\n\nText.\n")
	wantDiag(t, ds, diag.Error, "content/leaflets/Rent Strike", 0, `folder name "Rent Strike" is not a usable slug: use letters, digits and hyphens; rename the folder rent-strike, for instance`)
	for _, d := range ds {
		if d.Path == "content/leaflets/!!" && strings.Contains(d.Message, "rename the folder") {
			t.Errorf("a slug made of nothing suggested: %s", d)
		}
	}
	wantDiag(t, ds, diag.Error, "content/leaflets/!!", 0, `folder name "!!" is not a usable slug`)
}
