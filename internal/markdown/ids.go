package markdown

import (
	"strconv"
	"strings"
	"unicode"
)

// reservedIDs are the ids tract's templates and a text's footnotes
// (footnotesID) give to parts of a page; a heading never takes one of
// them.
var reservedIDs = []string{
	"main", "toc", "signatories", "in-this-issue", "print", "latest", "upcoming", "past",
	"current-bulletin", "browse", "q", "results", "search-langs", "search-status", footnotesID,
}

// headingIDs makes the ids of headings (the anchors of a table of contents
// and of links to a section) from their text. Unlike goldmark's default,
// which drops every letter outside ASCII ("Réunion" became "runion"), it
// keeps letters in any script, lower-cased: "réunion", "ελλάδα".
type headingIDs struct {
	used map[string]bool
	// next is, for a base id taken, the number its next duplicate tries
	// first: without it, the k-th heading of one name tried k ids, and
	// 16,000 headings "Notes" took 17 s.
	next map[string]int
}

func newHeadingIDs() *headingIDs {
	ids := &headingIDs{used: map[string]bool{}, next: map[string]int{}}
	for _, id := range reservedIDs {
		ids.used[id] = true
	}
	return ids
}

// id returns the id of a heading whose text is text: a number follows it
// when an id made before, or a reserved one, is the same.
func (ids *headingIDs) id(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	base := b.String()
	if base == "" {
		base = "section"
	}
	id := base
	n := max(ids.next[base], 1)
	for ; ids.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	if id != base {
		ids.next[base] = n
	}
	ids.used[id] = true
	return id
}
