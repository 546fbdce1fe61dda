package hyphen

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// patterns is a Liang pattern set. Every pattern's letters (with "." for
// a word boundary) map to the priorities between them; every proper prefix
// of a pattern is in the map too, marked more, so that matching a
// position stops at the first substring no pattern starts with.
type patterns map[string]pattern

type pattern struct {
	// prio[k] is the priority before the k-th letter; the last entry is
	// the priority after the last letter. Nil for a bare prefix.
	prio []uint8
	more bool
}

// parsePatterns reads whitespace-separated TeX patterns such as "1b",
// ".ab3réa" or "4be.". Two patterns with the same letters are merged by
// taking the higher priority at each place, which is what matching both
// would do.
func parsePatterns(text string) patterns {
	m := patterns{}
	for _, tok := range strings.Fields(text) {
		var letters strings.Builder
		prio := []uint8{0}
		for _, r := range tok {
			if r >= '0' && r <= '9' {
				prio[len(prio)-1] = uint8(r - '0')
				continue
			}
			letters.WriteRune(r)
			prio = append(prio, 0)
		}
		key := letters.String()
		if key == "" {
			continue
		}
		p := m[key]
		if p.prio == nil {
			p.prio = prio
		} else {
			for i, v := range prio {
				p.prio[i] = max(p.prio[i], v)
			}
		}
		m[key] = p
		for i := range key {
			if i > 0 {
				q := m[key[:i]]
				q.more = true
				m[key[:i]] = q
			}
		}
	}
	return m
}

// appendPoints appends to dst base+j for each j where letters (a run of
// at most MaxWord letters) may be hyphenated after its j-th letter,
// keeping left letters before and right letters after every hyphen.
func (m patterns) appendPoints(dst []int, letters string, base, left, right int) []int {
	// The dotted, lowercased word, the byte offset of each of its runes,
	// and the priority at each place between runes, all on the stack.
	var buf [4*MaxWord + 2]byte
	var at [MaxWord + 3]int
	var prio [MaxWord + 3]uint8
	w := append(buf[:0], '.')
	n := 1
	for _, r := range letters {
		if n > MaxWord {
			return dst
		}
		at[n] = len(w)
		w = utf8.AppendRune(w, unicode.ToLower(r))
		n++
	}
	at[n] = len(w)
	w = append(w, '.')
	n++
	at[n] = len(w)
	for i := range n {
		for j := i + 1; j <= n; j++ {
			p, ok := m[string(w[at[i]:at[j]])] // no allocation: see cmd/compile's map lookup of string(bytes)
			if !ok {
				break
			}
			for k, v := range p.prio {
				prio[i+k] = max(prio[i+k], v)
			}
			if !p.more {
				break
			}
		}
	}
	// Place j (after the j-th letter) lies between w[j] and w[j+1].
	for j := left; j <= n-2-right; j++ {
		if prio[j+1]%2 == 1 {
			dst = append(dst, base+j)
		}
	}
	return dst
}
