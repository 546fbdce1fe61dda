package search

import (
	"slices"
	"testing"
)

// Words fold to lower case without accents, ligatures spelled out, cut at
// what is neither a letter nor a digit: the apostrophe of Ukrainian
// keyboards (U+02BC, a letter to Unicode) as ' and ’ are, so that the
// three spellings of "п'ять" find each other.
func TestTermsFoldAndCutWords(t *testing.T) {
	for _, tc := range []struct {
		lang, in string
		want     []string
	}{
		{"fr", "Février, cœur : l'été", []string{"fevrier", "coeur", "ete"}},
		{"uk", "п'ять п’ять пʼять", []string{"ять", "ять", "ять"}},
		{"tr", "DAYANIŞMA İstanbul", []string{"dayanisma", "istanbul"}},
	} {
		if got := Terms(tc.lang, tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Terms(%s, %q) = %q, want %q", tc.lang, tc.in, got, tc.want)
		}
	}
}
