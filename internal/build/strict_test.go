package build

import (
	"context"
	"strings"
	"testing"
)

func TestStrictCountsItsWarningsInGoodEnglish(t *testing.T) {
	for _, tc := range []struct {
		html string
		want string
	}{
		{"<div>One.</div>\n", "--strict: 1 warning"},
		{"<div>One.</div>\n\n<div>Two.</div>\n", "--strict: 2 warnings"},
	} {
		dir := writeSite(t, "-- content/leaflets/rent/en.md --\n---\ntitle: Rent\ndate: 2024-02-24\n---\nText.\n\n"+tc.html)
		res, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true, Strict: true})
		if err == nil || err.Error() != tc.want {
			var ds []string
			if res != nil {
				for _, d := range res.Diagnostics {
					ds = append(ds, d.String())
				}
			}
			t.Errorf("error %v, want %q\n%s", err, tc.want, strings.Join(ds, "\n"))
		}
	}
}
