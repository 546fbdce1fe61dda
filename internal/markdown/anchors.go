package markdown

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
)

// A link may name a part of a page after a #: a heading, as in
// [see below](#what-we-ask) or [the demands](../rent/en.md#what-we-ask),
// or a note. Its fragment is checked against the text it names once that
// text's headings have their ids (see nameHeadings): one that names
// nothing there is a warning, since the reader would land at the top of
// the page.
//
// A link to one text of an item leads to the page in the reader's
// language (see resolve), whose text is another, with other ids: ids are
// made from the headings' words. The fragment is carried to that page
// only where it names the same part there: the heading at the same
// place, when both texts have headings of the same levels in the same
// order, as a translation that follows its original has; a note, when
// both have the same notes. Otherwise the link leads to the top of the
// page, and a warning says to link the heading of the text the reader
// is sent to. A heading is not matched by its id: one whose words are
// the same in both languages ("Kellogg's", "2025") has the same id in
// both, but need not be the same part of the text.

// anchors are the ids a text's page gives its parts, which a fragment
// may name.
type anchors struct {
	ids    []string // the headings', in order
	levels []int    // their levels
	notes  []string // the notes' and their marks' ("fn:1", "fnref:1")
}

// anchorsIn returns the anchors of the text whose AST is doc and whose
// headings, with their ids, are hs: the notes are in the list goldmark
// puts at its end, each with a link back to each mark.
func anchorsIn(hs []*ast.Heading, doc ast.Node) anchors {
	var a anchors
	for _, h := range hs {
		a.ids = append(a.ids, headingID(h))
		a.levels = append(a.levels, h.Level)
	}
	list, ok := doc.LastChild().(*east.FootnoteList)
	if !ok {
		return a
	}
	_ = ast.Walk(list, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch t := n.(type) {
		case *east.Footnote:
			if entering {
				a.notes = append(a.notes, noteID(t.Index))
			}
		case *east.FootnoteBacklink:
			if entering {
				a.notes = append(a.notes, noteRefID(t.Index, t.RefIndex))
			}
		}
		return ast.WalkContinue, nil
	})
	return a
}

// noteID is the id of the note numbered index.
func noteID(index int) string { return "fn:" + strconv.Itoa(index) }

// noteRefID is the id of a mark referring to the note numbered index:
// its first, or its ref-th after the first.
func noteRefID(index, ref int) string {
	if ref > 0 {
		return "fnref" + strconv.Itoa(ref) + ":" + strconv.Itoa(index)
	}
	return "fnref:" + strconv.Itoa(index)
}

// pageID reports whether id is one every page has: one tract's
// templates give a part of a page (see reservedIDs), or "top", which
// browsers take for the top of any page.
func pageID(id string) bool { return id == "top" || slices.Contains(reservedIDs, id) }

// has reports whether the page of a text with anchors a has the id.
func (a anchors) has(id string) bool {
	return pageID(id) || slices.Contains(a.ids, id) || slices.Contains(a.notes, id)
}

// in returns the id, in a text with anchors b, of the part that id names
// in a text with anchors a: a page's as it is, a heading's at the same
// place, a note's the same; ok is false when b may not have that part.
func (a anchors) in(b anchors, id string) (_ string, ok bool) {
	switch {
	case pageID(id):
		return id, true
	case slices.Contains(a.notes, id):
		return id, slices.Equal(a.notes, b.notes)
	}
	i := slices.Index(a.ids, id)
	if i < 0 || !slices.Equal(a.levels, b.levels) {
		return "", false
	}
	return b.ids[i], true
}

// knownAnchors are a text's anchors, found once.
type knownAnchors struct {
	once sync.Once
	a    anchors
	ok   bool // false if the text was refused unparsed: its own error says why
}

func (p *Parser) knownOf(v *content.Variant) *knownAnchors {
	p.knownMu.Lock()
	defer p.knownMu.Unlock()
	k := p.known[v]
	if k == nil {
		k = &knownAnchors{}
		p.known[v] = k
	}
	return k
}

// Know tells p the anchors of d, a text parsed before, by p or by the
// last build (see Restore), so that a link into it does not parse it
// again. Parse tells p of each text it parses.
func (p *Parser) Know(d *Doc) {
	k := p.knownOf(d.Variant)
	k.once.Do(func() { k.a, k.ok = d.anchors(), true })
}

// anchorsOf returns v's anchors: known, or found by parsing v for them
// alone, which asks no other text for its own, and so never waits for
// the text asking. ok is false if v is refused unparsed.
func (p *Parser) anchorsOf(v *content.Variant) (anchors, bool) {
	k := p.knownOf(v)
	k.once.Do(func() {
		var ignored diag.List // v's own parse reports them
		d, ok := p.parse(v, &ignored, true)
		k.a, k.ok = d.anchors(), ok
	})
	return k.a, k.ok
}

// HasPart reports whether id is the id of one of d's headings, or of
// one of its notes ("fn:2"; not of a mark): the parts a PDF gives an
// anchor.
func (d *Doc) HasPart(id string) bool {
	a := d.anchorIDs
	return slices.Contains(a.ids, id) || strings.HasPrefix(id, "fn:") && slices.Contains(a.notes, id)
}

// anchors returns d's anchors.
func (d *Doc) anchors() anchors { return d.anchorIDs }

// LinkedTexts returns the paths of the other texts that the fragments
// of its links were checked against or carried to, sorted: the texts
// whose headings and notes its warnings and links depend on. A
// compacted Doc keeps them. Callers must not change the slice.
func (d *Doc) LinkedTexts() []string { return d.texts }

// fragmentLink is a link whose fragment names a part of a text.
type fragmentLink struct {
	link    *ast.Link
	u       string // the link as written, for messages
	id      string // its fragment, unescaped
	line    int
	written *content.Variant // the text whose part the fragment names
	shown   *content.Variant // the text of the page the link leads to
	page    string           // that page's site path; "" for a link within the text
}

// keepFragment keeps a link's fragment id, if it has one, for the
// fragments pass.
func (st *state) keepFragment(link *ast.Link, u, id string, written, shown *content.Variant, page string) {
	if id == "" || st.anchorsOnly {
		return
	}
	st.frags = append(st.frags, fragmentLink{link: link, u: u, id: id, line: st.line(link), written: written, shown: shown, page: page})
}

// fragments checks each fragment kept against the text it names, and
// carries it to the page of another text where it names the same part
// there (see anchors.in).
func (st *state) fragments() {
	of := func(v *content.Variant) (anchors, bool) {
		if v == st.v {
			return st.doc.anchorIDs, true
		}
		if !slices.Contains(st.doc.texts, v.Path) {
			st.doc.texts = append(st.doc.texts, v.Path)
		}
		return st.p.anchorsOf(v)
	}
	for _, f := range st.frags {
		a, ok := of(f.written)
		if !ok {
			continue // refused: its own error says why
		}
		if !a.has(f.id) {
			st.noSuchPart(f, a)
			continue
		}
		if f.written == f.shown {
			continue
		}
		b, ok := of(f.shown)
		if !ok {
			continue
		}
		id, ok := a.in(b, f.id)
		if !ok {
			part, parts := "heading", "headings"
			if slices.Contains(a.notes, f.id) {
				part, parts = "note", "notes"
			}
			st.diags.Warnf(st.v.Path, f.line, "link %q: its readers are sent to the page of %s, whose %s do not match those of %s one for one, so to its top; link to the %s in %s to send them to it",
				shownLink(f.u), f.shown.Path, parts, path.Base(f.written.Path), part, path.Base(f.shown.Path))
			continue
		}
		target := f.page + "#" + (&url.URL{Fragment: id}).EscapedFragment()
		f.link.Destination = []byte(content.RelURL(st.v.Item.PagePath(st.v.Lang), target))
		st.doc.Targets[f.link] = target
	}
	slices.Sort(st.doc.texts)
}

// noSuchPart warns that the fragment of f names no part of the text with
// anchors a, and says which it most likely meant.
func (st *state) noSuchPart(f fragmentLink, a anchors) {
	where := "this text"
	if f.written != st.v {
		where = f.written.Path
	}
	msg := fmt.Sprintf("link %q: %s has no heading #%s", shownLink(f.u), where, short(f.id))
	if c := diag.Closest(f.id, slices.Concat(a.ids, a.notes)); c != "" {
		msg += ": did you mean #" + c + "?"
	} else {
		msg += " (a heading's id is its text in lower case, its words joined by hyphens)"
	}
	st.diags.Warnf(st.v.Path, f.line, "%s", msg)
}
