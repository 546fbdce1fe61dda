package diag

import (
	"strings"

	"github.com/agnivade/levenshtein"
)

// Closest returns the candidate a mistyped word most likely meant, for a
// message's "did you mean …?", or "" when none is close: "titel" gives
// "title", "tenants-meting" gives "tenants-meeting", "colour" gives
// nothing. A candidate is close when it differs by case alone, or by few
// edits (a letter added, dropped or changed): one in a word of four
// letters or less ("none" is not "long"), two up to eight ("titel" is
// two), three past that. Of several, the nearest, then the first.
func Closest(word string, candidates []string) string {
	best, bestDist := "", 0
	limit := 3
	switch n := len([]rune(word)); {
	case n <= 4:
		limit = 1
	case n <= 8:
		limit = 2
	}
	n := len([]rune(word))
	for _, c := range candidates {
		if c == word {
			continue
		}
		if strings.EqualFold(c, word) {
			return c
		}
		if m := len([]rune(c)); m < n-limit || m > n+limit {
			continue // too long or too short to be close: spare the distance
		}
		if d := levenshtein.ComputeDistance(strings.ToLower(word), strings.ToLower(c)); d <= limit && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}
