package markdown

import (
	"iter"
	"slices"

	"github.com/yuin/goldmark/ast"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/record"
)

// Link is a link or an image of a text that leads to a page or a file of
// the site.
type Link struct {
	Target string // its site path: "fr/leaflets/rent/", "articles/x/photo.jpg"
	Image  bool
}

// targetItem returns the key of the item a link's site path leads into:
// "leaflets/rent" for "fr/leaflets/rent/" or "leaflets/rent/photo.jpg";
// "" for a path that leads into no item.
func targetItem(target string) string {
	if section, slug, _, ok := content.SplitFilesPath(target); ok {
		return target[:len(section)+1+len(slug)]
	}
	lang, section, slug, _, ok := content.SplitSitePath(target)
	if !ok {
		return ""
	}
	// "section/slug" as it stands in target, so that no string is made.
	start := len(lang) + 1
	return target[start : start+len(section)+1+len(slug)]
}

// LinkedItems returns the keys of the items the text links into
// ("leaflets/rent"), each once, sorted: the items whose languages, files
// and existence its HTML depends on. They include the items it links to
// that the site does not have, or left out for their own errors: once
// one is there, the link leads to it. A compacted Doc keeps them.
// Callers must not change the slice.
func (d *Doc) LinkedItems() []string { return d.linked }

// linkedItems returns the keys of the items targets lead into and of the
// absent ones, each once, sorted.
func linkedItems(targets iter.Seq[string], absent []string) []string {
	var out []string
	for t := range targets {
		if k := targetItem(t); k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	for _, k := range absent {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// Links lists the links and images of d that lead to a page or file of
// the site, in the order of the text: what the text takes from other
// items. A compacted Doc keeps them. Callers must not change the slice.
func (d *Doc) Links() []Link {
	if d.kept != nil {
		return d.kept.links
	}
	var out []Link
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			if t, ok := d.Targets[n]; ok {
				_, img := n.(*ast.Image)
				out = append(out, Link{Target: t, Image: img})
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// savedFormat changes whenever what AppendSaved writes does.
const savedFormat = 5 // 5: the items linked to that are not there

// AppendSaved appends to dst what the compacted d keeps, for Restore to
// make the same Doc again in a later build. ok is false, and dst is
// returned as it was, if d is not compacted or its HTML could not be
// made.
func (d *Doc) AppendSaved(dst []byte) (_ []byte, ok bool) {
	k := d.kept
	if k == nil || k.htmlErr != nil {
		return dst, false
	}
	dst = record.AppendInt(dst, savedFormat)
	dst = record.AppendBytes(dst, k.html)
	dst = record.AppendBytes(dst, k.words)
	dst = record.AppendString(dst, k.summary)
	dst = record.AppendInt(dst, len(k.headings))
	for _, h := range k.headings {
		dst = record.AppendInt(dst, h.Level)
		dst = record.AppendString(dst, h.Text)
		dst = record.AppendString(dst, h.ID)
	}
	dst = record.AppendBool(dst, k.lead != nil)
	if k.lead != nil {
		dst = record.AppendString(dst, k.lead.Path)
		dst = record.AppendInt(dst, k.lead.Width)
		dst = record.AppendInt(dst, k.lead.Height)
		dst = record.AppendString(dst, k.lead.Alt)
	}
	dst = appendStrings(dst, d.anchorIDs.notes)
	dst = record.AppendInt(dst, len(k.links))
	for _, l := range k.links {
		dst = record.AppendString(dst, l.Target)
		dst = record.AppendBool(dst, l.Image)
	}
	dst = appendStrings(dst, d.texts)
	dst = appendStrings(dst, d.linked)
	return dst, true
}

// Restore returns the compacted Doc of v that AppendSaved saved in data.
// The Doc keeps parts of data: the caller must not change it after. It
// fails on data AppendSaved did not write, or
// wrote in another format; the packed HTML and words are taken as they
// come, so data must come from where AppendSaved put it unchanged (the
// build's cache checks its files whole).
func Restore(v *content.Variant, data []byte) (*Doc, error) {
	r := record.NewReader(data)
	if r.Int() != savedFormat {
		return nil, record.ErrCorrupt
	}
	k := &kept{
		html:    packed(r.Bytes()),
		words:   packed(r.Bytes()),
		summary: r.String(),
	}
	if n := r.Count(); n > 0 {
		k.headings = make([]Heading, n)
		for i := range k.headings {
			k.headings[i] = Heading{Level: r.Int(), Text: r.String(), ID: r.String()}
		}
	}
	if r.Bool() {
		k.lead = &LeadImage{Path: r.String(), Width: r.Int(), Height: r.Int(), Alt: r.String()}
	}
	var a anchors
	for _, h := range k.headings {
		a.ids = append(a.ids, h.ID)
		a.levels = append(a.levels, h.Level)
	}
	a.notes = readStrings(r)
	if n := r.Count(); n > 0 {
		k.links = make([]Link, n)
		for i := range k.links {
			k.links[i] = Link{Target: r.String(), Image: r.Bool()}
		}
	}
	texts := readStrings(r)
	linked := readStrings(r)
	if err := r.Done(); err != nil {
		return nil, err
	}
	return &Doc{Variant: v, Lang: v.Lang, kept: k, linked: linked, texts: texts, anchorIDs: a}, nil
}

// appendStrings appends ss to dst, as readStrings reads them.
func appendStrings(dst []byte, ss []string) []byte {
	dst = record.AppendInt(dst, len(ss))
	for _, s := range ss {
		dst = record.AppendString(dst, s)
	}
	return dst
}

// readStrings reads what appendStrings appended; nil for none.
func readStrings(r *record.Reader) []string {
	var ss []string
	for range r.Count() {
		ss = append(ss, r.String())
	}
	return ss
}
