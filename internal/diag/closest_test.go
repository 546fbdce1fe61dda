package diag

import (
	"fmt"
	"testing"
)

func TestClosestFindsTheWordMeant(t *testing.T) {
	keys := []string{"title", "date", "summary", "tags", "translated_from", "paper", "starts", "ends", "venue", "address", "number", "articles"}
	for _, tt := range []struct{ word, want string }{
		{"titel", "title"},
		{"Title", "title"},
		{"sumary", "summary"},
		{"tag", "tags"},
		{"translatedfrom", "translated_from"},
		{"translated-from", "translated_from"},
		{"colour", ""},
		{"x", ""},
		{"start", "starts"},
		{"title", ""}, // the word itself is not a suggestion
	} {
		if got := Closest(tt.word, keys); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	slugs := []string{"tenants-meeting", "rent-strike", "no-to-the-rent-rise"}
	if got := Closest("tenants-meting", slugs); got != "tenants-meeting" {
		t.Errorf("Closest(tenants-meting) = %q", got)
	}
	if got := Closest("solidarity", slugs); got != "" {
		t.Errorf("Closest(solidarity) = %q, want none", got)
	}
}

// BenchmarkClosest looks for a mistyped slug among the 3,000 slugs of one
// section of a large archive, as a broken link's error does: a site with
// hundreds of broken links must still be checked in moments.
func BenchmarkClosest(b *testing.B) {
	slugs := make([]string, 3000)
	for i := range slugs {
		slugs[i] = fmt.Sprintf("solidarity-with-strikers-%04d", i)
	}
	for b.Loop() {
		if Closest("solidarity-with-striker-0042", slugs) == "" {
			b.Fatal("no suggestion")
		}
	}
}
