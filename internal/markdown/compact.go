package markdown

import (
	"bytes"
	"sync"
)

// kept is what a compacted Doc keeps of its AST: the results of its
// methods, worked out once.
type kept struct {
	html     packed
	htmlErr  error
	words    packed // SearchWords()
	summary  string // summarySource of the text summaries are cut from
	headings []Heading
	lead     *LeadImage
	links    []Link
}

// Compact works out everything the site's pages ask of d — HTML, SearchWords,
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
		words:    packWords(d),
		summary:  summarySource(d.summaryText(SummaryMax)),
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

// htmlBuffers are the buffers Compact renders HTML into.
var htmlBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// wordBuffers hold the folded words packWords packs.
var wordBuffers = sync.Pool{New: func() any { return new([]byte) }}

// packWords packs d's SearchWords.
func packWords(d *Doc) packed {
	buf := wordBuffers.Get().(*[]byte)
	defer wordBuffers.Put(buf)
	*buf = appendSearchWords((*buf)[:0], d)
	return pack(*buf)
}
