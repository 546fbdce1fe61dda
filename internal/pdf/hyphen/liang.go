package hyphen

import (
	"slices"
	"strings"
	"unicode"
)

// patterns is a Liang pattern set stored as a trie of the patterns'
// letters ("." for a word boundary), flattened into slices: matching
// walks from each position of the word down the trie, one rune a step,
// and stops where no pattern continues, with no hashing and no
// allocation.
type patterns struct {
	nodes []trieNode
	edges []trieEdge // a node's children, sorted by rune
	prios []uint8    // the priorities of the patterns ending at nodes
	// root maps the first rune of a match, if below len(root), straight
	// to its node (0 for none): the root has a child for every letter,
	// too many to search at every position of every word.
	root []int32
}

// rootTable covers Latin script and its accents.
const rootTable = 0x250

type trieNode struct {
	first, count int32 // edges[first:first+count]
	// prios[prio:prio+plen] are the priorities of the pattern ending
	// here: before each of its letters, then after the last. plen is 0
	// where no pattern ends.
	prio int32
	plen uint8
}

type trieEdge struct {
	r     rune
	child int32
}

// parsePatterns reads whitespace-separated TeX patterns such as "1b",
// ".ab3réa" or "4be.". Two patterns with the same letters are merged by
// taking the higher priority at each place, which is what matching both
// would do.
func parsePatterns(text string) patterns {
	// Build a pointer trie first, then flatten it breadth first so that
	// each node's children are contiguous.
	type node struct {
		children map[rune]*node
		prio     []uint8
	}
	root := &node{}
	for _, tok := range strings.Fields(text) {
		n := root
		prio := []uint8{0}
		for _, r := range tok {
			if r >= '0' && r <= '9' {
				prio[len(prio)-1] = uint8(r - '0')
				continue
			}
			if n.children == nil {
				n.children = map[rune]*node{}
			}
			c := n.children[r]
			if c == nil {
				c = &node{}
				n.children[r] = c
			}
			n = c
			prio = append(prio, 0)
		}
		if n == root {
			continue
		}
		if n.prio == nil {
			n.prio = prio
		} else {
			for i, v := range prio {
				n.prio[i] = max(n.prio[i], v)
			}
		}
	}
	var p patterns
	queue := []*node{root}
	p.nodes = append(p.nodes, trieNode{})
	for i := 0; i < len(queue); i++ {
		n := queue[i]
		tn := &p.nodes[i]
		if n.prio != nil {
			tn.prio, tn.plen = int32(len(p.prios)), uint8(len(n.prio))
			p.prios = append(p.prios, n.prio...)
		}
		keys := make([]rune, 0, len(n.children))
		for r := range n.children {
			keys = append(keys, r)
		}
		slices.Sort(keys)
		tn.first, tn.count = int32(len(p.edges)), int32(len(keys))
		for _, r := range keys {
			p.edges = append(p.edges, trieEdge{r: r, child: int32(len(queue))})
			queue = append(queue, n.children[r])
			p.nodes = append(p.nodes, trieNode{})
		}
	}
	p.root = make([]int32, rootTable)
	for _, e := range p.edges[p.nodes[0].first : p.nodes[0].first+p.nodes[0].count] {
		if e.r < rootTable {
			p.root[e.r] = e.child
		}
	}
	return p
}

// child returns the child of node n along r, or -1.
func (p *patterns) child(n int32, r rune) int32 {
	if n == 0 && r >= 0 && r < rune(len(p.root)) {
		if c := p.root[r]; c != 0 {
			return c
		}
		return -1
	}
	tn := p.nodes[n]
	edges := p.edges[tn.first : tn.first+tn.count]
	lo, hi := 0, len(edges)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch e := edges[m]; {
		case e.r == r:
			return e.child
		case e.r < r:
			lo = m + 1
		default:
			hi = m
		}
	}
	return -1
}

// appendPoints appends to dst base+j for each j where letters (a run of
// at most MaxWord letters) may be hyphenated after its j-th letter,
// keeping left letters before and right letters after every hyphen.
func (p *patterns) appendPoints(dst []int, letters string, base, left, right int) []int {
	// The dotted, lowercased word and the priority at each place between
	// its runes, on the stack.
	var w [MaxWord + 2]rune
	var prio [MaxWord + 3]uint8
	w[0] = '.'
	n := 1
	for _, r := range letters {
		if n > MaxWord {
			return dst
		}
		w[n] = unicode.ToLower(r)
		n++
	}
	w[n] = '.'
	n++
	if len(p.nodes) == 0 {
		return dst
	}
	for i := range n {
		node := int32(0)
		for j := i; j < n; j++ {
			if node = p.child(node, w[j]); node < 0 {
				break
			}
			if tn := p.nodes[node]; tn.plen > 0 {
				for k, v := range p.prios[tn.prio : tn.prio+int32(tn.plen)] {
					prio[i+k] = max(prio[i+k], v)
				}
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
