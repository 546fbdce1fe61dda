package markdown

import (
	"testing"
)

func TestTargetItemIsTheSectionAndSlug(t *testing.T) {
	for target, want := range map[string]string{
		"fr/leaflets/rent/":            "leaflets/rent",
		"fr/leaflets/rent/r-fr-a4.pdf": "leaflets/rent",
		"leaflets/rent/photo.jpg":      "leaflets/rent",
		"articles/x/a/b/c.pdf":         "articles/x",
		"articles/x/":                  "articles/x",
		"articles/":                    "",
		"es/events/fiesta":             "events/fiesta",
		"fr/leaflets/":                 "leaflets/",
		"fr/leaflets":                  "",
		"fr/":                          "",
		"fr":                           "",
		"":                             "",
		"pamphlets/été-2026/p.pdf":     "pamphlets/été-2026",
	} {
		if got := targetItem(target); got != want {
			t.Errorf("targetItem(%q) = %q, want %q", target, got, want)
		}
	}
}

func TestTargetItemMakesNoString(t *testing.T) {
	for _, target := range []string{"fr/leaflets/rent/", "leaflets/rent/photo.jpg"} {
		if n := testing.AllocsPerRun(100, func() { _ = targetItem(target) }); n != 0 {
			t.Errorf("targetItem(%q) allocates %v times per call, want 0", target, n)
		}
	}
}
