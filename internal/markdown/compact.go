package markdown

import (
	"bytes"
	"strings"
	"sync"
)

// kept is what a compacted Doc keeps of its AST: the results of its
// methods, worked out once.
type kept struct {
	html     packed
	htmlErr  error
	words    packed // distinctWords(Words())
	summary  string // Summary(SummaryMax)
	headings []Heading
	lead     *LeadImage
	links    []Link
}

// Compact works out everything the site's pages ask of d — HTML, Words,
// Headings, LeadImage, Links and Summary up to SummaryMax characters —
// and drops the AST and the source, so that a build holds thousands of
// small Docs instead of thousands of trees. The methods return the kept
// results from then on; Root, Source and Targets are nil, so a compacted
// Doc cannot be laid out as a PDF. Compacting twice does nothing. It is
// not safe to call while another goroutine uses d.
func (d *Doc) Compact() {
	if d.kept != nil {
		return
	}
	k := &kept{
		words:    packWords(d.Words()),
		summary:  d.Summary(SummaryMax),
		headings: d.Headings(),
		lead:     d.LeadImage(),
		links:    d.Links(),
	}
	// Nobody asked for the HTML yet: it is made in a buffer of the pool,
	// since only its packed copy is kept.
	var buf *bytes.Buffer
	d.htmlOnce.Do(func() {
		buf = htmlBuffers.Get().(*bytes.Buffer)
		buf.Reset()
		d.html, d.htmlErr = d.renderHTML(buf)
	})
	k.html, k.htmlErr = pack(d.html), d.htmlErr
	if buf != nil {
		htmlBuffers.Put(buf)
	}
	for i := range k.headings {
		k.headings[i].Node = nil
	}
	d.kept = k
	d.Source, d.Root, d.Targets, d.images, d.md, d.html = nil, nil, nil, nil, nil, nil
}

// Compacted reports whether Compact has dropped d's AST.
func (d *Doc) Compacted() bool { return d.kept != nil }

// distinctWords appends to dst s with each run of white space made one
// space and each word after its first occurrence left out: what a word
// index needs of a text, in about half its size.
func distinctWords(dst []byte, s string) []byte {
	seen := wordSets.Get().(map[string]struct{})
	defer func() {
		clear(seen) // the keys are pieces of s: keep none of it alive
		wordSets.Put(seen)
	}()
	for w := range strings.FieldsFuncSeq(s, isLayoutSpace) {
		if _, ok := seen[w]; !ok {
			seen[w] = struct{}{}
			if len(seen) > 1 {
				dst = append(dst, ' ')
			}
			dst = append(dst, w...)
		}
	}
	return dst
}

// wordSets are the sets distinctWords fills, reused: a text's set grows
// to some hundreds of words, and growing a new one for every text cost
// more than the words.
var wordSets = sync.Pool{New: func() any { return make(map[string]struct{}, 512) }}

// htmlBuffers are the buffers Compact renders HTML into.
var htmlBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// packWords packs the distinct words of s.
func packWords(s string) packed {
	buf := wordBuffers.Get().(*[]byte)
	defer wordBuffers.Put(buf)
	*buf = distinctWords((*buf)[:0], s)
	return pack(*buf)
}

// wordBuffers hold the words packWords packs.
var wordBuffers = sync.Pool{New: func() any { return new([]byte) }}
