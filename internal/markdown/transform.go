package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
)

// transformer runs tract's passes over a freshly parsed document, in order:
// safety, links, figures and tables, typography, heading ids, images, and
// the links' fragments, which need the heading ids.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return
	}
	if !st.linkify && needsLinkify(doc, st.v.Body) {
		st.missedLinks = true
		return
	}
	st.safety(doc)
	st.spans(doc)
	st.links(doc) // and the pictures' offsets, for the images pass
	if !st.anchorsOnly {
		st.strays(doc)
		st.passages(doc)
	}
	st.notes(doc)
	st.copied(doc)
	headings := st.blocks(doc)
	applyTypography(doc, st.v.Body, st.typo, func(at int, found []rune) {
		for _, r := range found {
			st.diags.Warnf(st.v.Path, st.lineAt(at), "%s", content.ControlMessage("a character reference on this line", "the run of plain text it is in, at the latest the line's end", r))
		}
	})
	nameHeadings(headings, st.v.Body)
	st.doc.anchorIDs = anchorsIn(headings, doc)
	if st.anchorsOnly {
		return
	}
	st.images(doc)
	st.fragments()
}

// offset finds a byte offset in the source for n, for diagnostics: its
// text's, or, for an inline node without text (a picture without a
// description, [](x.md)), the end of the text before it in its paragraph
// (the next line's start after a line break), or else its block's first
// line.
func offset(n ast.Node, src []byte) int {
	if n.Type() == ast.TypeInline {
		for prev := n.PreviousSibling(); prev != nil; prev = prev.PreviousSibling() {
			if t := lastText(prev); t != nil {
				if t.SoftLineBreak() || t.HardLineBreak() {
					if i := bytes.IndexByte(src[min(t.Segment.Stop, len(src)):], '\n'); i >= 0 {
						return t.Segment.Stop + i + 1
					}
				}
				return t.Segment.Stop
			}
		}
	}
	for cur := n; cur != nil; cur = cur.Parent() {
		switch t := cur.(type) {
		case *ast.Text:
			return t.Segment.Start
		case *ast.RawHTML:
			if t.Segments.Len() > 0 {
				return t.Segments.At(0).Start
			}
		}
		if cur.Type() == ast.TypeBlock && cur.Lines().Len() > 0 {
			return cur.Lines().At(0).Start
		}
		for c := cur.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				return t.Segment.Start
			}
		}
	}
	return 0
}

// lastText is the last text node of n or below it, or nil.
func lastText(n ast.Node) *ast.Text {
	if t, ok := n.(*ast.Text); ok {
		return t
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if t := lastText(c); t != nil {
			return t
		}
	}
	return nil
}

func (st *state) line(n ast.Node) int {
	off, ok := st.at[n]
	if !ok {
		off = offset(n, st.v.Body)
	}
	return st.lineAt(off)
}

// lineAt is the line of the text's file that holds the body's byte off.
func (st *state) lineAt(off int) int {
	if !st.indexed {
		for i, c := range st.v.Body {
			if c == '\n' {
				st.newlines = append(st.newlines, i)
			}
		}
		st.indexed = true
	}
	off = min(max(off, 0), len(st.v.Body))
	// As Variant.Line: the newlines before off.
	before, _ := slices.BinarySearch(st.newlines, off)
	return st.v.BodyLine + before
}

// safety removes raw HTML (never published) and links with script URLs.
func (st *state) safety(doc ast.Node) {
	var drop []ast.Node
	var tagLines []int // the lines a template tag was reported on, once each
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.HTMLBlock:
			var raw []byte
			for i := 0; i < t.Lines().Len(); i++ {
				seg := t.Lines().At(i)
				raw = append(raw, seg.Value(st.v.Body)...)
			}
			st.rawHTML(n, raw)
			drop = append(drop, n)
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			var raw []byte
			for i := 0; i < t.Segments.Len(); i++ {
				seg := t.Segments.At(i)
				raw = append(raw, seg.Value(st.v.Body)...)
			}
			st.rawHTML(n, raw)
			drop = append(drop, n)
		case *ast.CodeSpan:
			return ast.WalkSkipChildren, nil // code shows them on purpose
		case *ast.Text:
			if tag := templateTag(st.v.Body, t.Segment); tag != "" && !slices.Contains(tagLines, st.line(n)) {
				tagLines = append(tagLines, st.line(n))
				st.diags.Warnf(st.v.Path, st.line(n), "%s is a Hugo shortcode or a Liquid tag: tract does not run them, and would print it as it is; write it in Markdown", tag)
			}
		case *ast.AutoLink:
			if u := string(t.URL(st.v.Body)); scriptScheme(u) != "" {
				st.diags.Errorf(st.v.Path, st.line(n), "link %q removed: script, data and local-file URLs are never published", short(u))
				drop = append(drop, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range drop {
		n.Parent().RemoveChild(n.Parent(), n)
	}
}

// ownAddress returns, for a web address on the site itself (base_url,
// https or http, with or without www.), its path below base_url.
func (st *state) ownAddress(u string) (rest string, ok bool) {
	own := st.p.own
	if own.host == "" {
		return "", false
	}
	link, err := url.Parse(u)
	if err != nil || (link.Scheme != "https" && link.Scheme != "http") || siteHost(link.Host) != own.host {
		return "", false
	}
	return strings.CutPrefix(link.Path, own.path)
}

// siteHost is a host as ownAddress compares it: in small letters,
// without www.
func siteHost(h string) string { return strings.TrimPrefix(strings.ToLower(h), "www.") }

// ownLink says what is wrong with a link to the site's own address, rest
// below base_url: it leaves tract serve's preview for the published site,
// sends every reader to the language it names, and is never checked. A
// link to an item's page is better written as the path to its text, and
// one to an item that is not there is an error; other pages (a section's
// list, a tag's) are left alone.
func (st *state) ownLink(u, rest string, isImage bool, n ast.Node) {
	section, slug, ok := st.addressKey(rest)
	if isImage || !ok || !slices.Contains(content.Sections, section) {
		return
	}
	// What the link says changes when the item comes or goes.
	st.absent = append(st.absent, section+"/"+slug)
	if it := st.p.site.Item(section, slug); it != nil {
		st.diags.Warnf(st.v.Path, st.line(n), "link %q is to this site's own address: write the path to the item's text, ../../%s/%s/%s.md, which tract checks, and which sends each reader to the page in their own language", shownLink(u), it.Section, it.Slug, it.ReaderLang(st.v.Lang))
		return
	}
	if !st.p.site.Left(section, slug) { // else its own errors say what is wrong
		msg := fmt.Sprintf("link %q is to this site's own address, where there is no page: there is no item %s/%s/%s", shownLink(u), content.ContentDir, section, slug)
		if d := meantItem(st.p.site, section, slug, "", st.v.Lang); d != "" {
			msg += ": did you mean " + d + "?"
		}
		st.diags.Errorf(st.v.Path, st.line(n), "%s", msg)
	}
}

// itemAtAddress returns the item an old absolute address names, as a
// site moved from another tool links it: /articles/rent-strike/,
// /fr/articles/rent-strike/index.html, /articles/rent-strike.html; nil if
// none.
func (st *state) itemAtAddress(p string) *content.Item {
	section, slug, ok := st.addressKey(p)
	if !ok {
		return nil
	}
	return st.p.site.Item(section, slug)
}

// addressKey returns the section and the slug an address of the site
// names, as itemAtAddress reads it; ok is false for another shape.
func (st *state) addressKey(p string) (section, slug string, ok bool) {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	if len(parts) > 0 {
		last := parts[len(parts)-1]
		switch {
		case last == "index.html":
			parts = parts[:len(parts)-1]
		case strings.HasSuffix(last, ".html"):
			parts[len(parts)-1] = strings.TrimSuffix(last, ".html")
		}
	}
	if len(parts) == 3 && slices.Contains(st.p.site.Config.Languages, parts[0]) {
		parts = parts[1:]
	}
	if len(parts) != 2 {
		return "", "", false
	}
	return parts[0], parts[1], true
}

// templateTag returns the first template tag of another tool — a Hugo
// shortcode {{< … >}} or {{% … %}}, a Liquid tag {% … %} — on the line of
// body where seg starts, if seg holds one's opening; "" otherwise. A
// text node may hold only part of the tag: the line shows it whole.
func templateTag(body []byte, seg text.Segment) string {
	text := seg.Value(body)
	if !bytes.Contains(text, []byte("{{<")) && !bytes.Contains(text, []byte("{{%")) && !bytes.Contains(text, []byte("{%")) {
		return ""
	}
	start := bytes.LastIndexByte(body[:seg.Start], '\n') + 1
	end := bytes.IndexByte(body[seg.Start:], '\n')
	if end < 0 {
		end = len(body)
	} else {
		end += seg.Start
	}
	line := string(body[start:end])
	for _, pair := range [][2]string{{"{{<", ">}}"}, {"{{%", "%}}"}, {"{%", "%}"}} {
		if i := strings.Index(line, pair[0]); i >= 0 {
			j := strings.Index(line[i:], pair[1])
			if j < 0 {
				return short(line[i:])
			}
			return short(line[i : i+j+len(pair[1])])
		}
	}
	return ""
}

func (st *state) rawHTML(n ast.Node, raw []byte) {
	text := strings.TrimSpace(string(raw))
	if strings.HasPrefix(text, "<!--") && strings.Index(text, "-->") == len(text)-3 {
		return // a comment, such as Hugo's <!--more-->: never shown anyway
	}
	// One line, cut at a character: a snippet is for the message.
	snippet := content.CutRunes(strings.Join(strings.Fields(text), " "), 40)
	lower := bytes.ToLower(raw)
	if bytes.Contains(lower, []byte("<script")) {
		st.diags.Errorf(st.v.Path, st.line(n), "script in the Markdown (%s): tract never publishes scripts from content; remove it", snippet)
		return
	}
	hint := "write it in Markdown instead"
	switch {
	case bytes.Contains(lower, []byte("<iframe")) || bytes.Contains(lower, []byte("<video")) || bytes.Contains(lower, []byte("<embed")) || bytes.Contains(lower, []byte("<object")):
		hint = "tract does not embed other sites' players or maps (they track readers and weigh on cheap phones): link to the video or map instead, [Watch the video](https://…)"
	case bytes.Contains(lower, []byte("<img")):
		hint = `write the picture in Markdown, ![what it shows](photo.jpg), with the file in the item's folder`
	case bytes.Contains(lower, []byte("<br")):
		hint = "to break a line, end it with a backslash"
	}
	st.diags.Warnf(st.v.Path, st.line(n), "raw HTML dropped (%s): %s", snippet, hint)
}

// short shortens a URL for a message.
func short(u string) string { return content.CutRunes(u, 60) }

// shownLink is a link's destination as a message quotes it: whole, as the
// editor will look for it in the text, unless it is too long for a line
// of a terminal to hold, a megabyte of link once printed as it was.
func shownLink(u string) string { return content.CutRunes(u, 200) }

// safeSchemes are the URL schemes a link may use.
var safeSchemes = []string{"http", "https", "mailto", "tel", "sms", "geo", "ftp", "xmpp", "matrix", "irc", "ircs"}

// scriptScheme returns the scheme of u if it is not a safe one (javascript:,
// data:, file:...), "" otherwise. Browsers ignore control characters and
// spaces inside a scheme, so they are ignored here too.
func scriptScheme(u string) string {
	var b strings.Builder
	for _, r := range u {
		if r <= ' ' || r == 0x7f {
			continue
		}
		if r == ':' {
			s := strings.ToLower(b.String())
			if slices.Contains(safeSchemes, s) {
				return ""
			}
			return s + ":"
		}
		if r == '/' || r == '?' || r == '#' {
			return ""
		}
		b.WriteRune(r)
	}
	return ""
}

// links checks every link and image and rewrites relative ones: a link to
// another item's Markdown file becomes a link to that item's page in the
// reader's language (falling back as listings do), a link to a file beside
// an item points at its copy in the output.
func (st *state) links(doc ast.Node) {
	type unwrap struct{ n ast.Node }
	var remove []unwrap
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		isImage := false
		switch t := n.(type) {
		case *ast.Link:
			dest = &t.Destination
		case *ast.Image:
			dest, isImage = &t.Destination, true
			// Typography turns the text into strings that know no
			// offset: the picture's is found now, for the images pass.
			if st.at == nil {
				st.at = map[ast.Node]int{}
			}
			st.at[t] = offset(t, st.v.Body)
		default:
			return ast.WalkContinue, nil
		}
		// The address as the reader's browser gets it: backslash escapes
		// and character references resolved, as goldmark's renderer does
		// (my\_report.pdf is my_report.pdf, javascript&colon; a script).
		u := string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(*dest))))
		if bad := scriptScheme(u); bad != "" {
			if bad == "file:" {
				st.diags.Errorf(st.v.Path, st.line(n), "%q points at a file on the author's computer: put the file in the item folder and link to it by name", short(u))
			} else {
				st.diags.Errorf(st.v.Path, st.line(n), "link %q removed: script, data and local-file URLs are never published", short(u))
			}
			remove = append(remove, unwrap{n})
			return ast.WalkContinue, nil
		}
		if target, ok := st.resolve(u, isImage, n); ok {
			rel := content.RelURL(st.v.Item.PagePath(st.v.Lang), target)
			*dest = []byte(rel)
			st.doc.Targets[n] = target
		}
		return ast.WalkContinue, nil
	})
	// A removed link keeps its text; a removed image keeps nothing.
	for _, r := range remove {
		parent := r.n.Parent()
		if _, ok := r.n.(*ast.Link); ok {
			for c := r.n.FirstChild(); c != nil; {
				next := c.NextSibling()
				parent.InsertBefore(parent, r.n, c)
				c = next
			}
		}
		parent.RemoveChild(parent, r.n)
	}
}

// External reports whether a link's destination leaves the site: it has
// a scheme or a host ("https://…", "//host/…"). The Markdown stage leaves
// such a destination as it is, and reports every other one it cannot
// resolve.
func External(u string) bool {
	if strings.HasPrefix(u, "//") {
		return true
	}
	parsed, err := url.Parse(u)
	return err == nil && (parsed.Scheme != "" || parsed.Host != "")
}

// resolve maps a relative destination to a site path. It reports
// problems itself and returns ok=false when the destination is to be left
// alone (external, a fragment, or broken). A link's fragment is kept
// for the fragments pass to check.
func (st *state) resolve(u string, isImage bool, n ast.Node) (string, bool) {
	if strings.HasPrefix(u, "#") {
		if link, ok := n.(*ast.Link); ok {
			id := u[1:]
			if parsed, err := url.Parse(u); err == nil {
				id = parsed.Fragment
			}
			st.keepFragment(link, u, id, st.v, st.v, "")
		}
		return "", false
	}
	if u == "" {
		return "", false
	}
	if External(u) {
		if rest, ok := st.ownAddress(u); ok {
			st.ownLink(u, rest, isImage, n)
		}
		return "", false
	}
	parsed, err := url.Parse(u)
	if err != nil {
		if ue, ok := err.(*url.Error); ok {
			err = ue.Err // without the URL, which the message shows
		}
		st.diags.Errorf(st.v.Path, st.line(n), "link %q is not a valid URL: %v", shownLink(u), err)
		return "", false
	}
	p := parsed.Path
	if strings.HasPrefix(p, "/") {
		switch it := st.itemAtAddress(p); {
		case isImage:
			st.diags.Errorf(st.v.Path, st.line(n), "image %q is an absolute path: put the picture in this item's folder and write its name alone, ![…](%s)", shownLink(u), path.Base(p))
		case it != nil:
			st.diags.Errorf(st.v.Path, st.line(n), "link %q is an absolute path: write the path relative to this file, ../../%s/%s/%s.md", shownLink(u), it.Section, it.Slug, it.ReaderLang(st.v.Lang))
		default:
			st.diags.Errorf(st.v.Path, st.line(n), "link %q is an absolute path: write the path relative to this file (for another item, link its Markdown file: ../../leaflets/<slug>/%s.md)", shownLink(u), st.v.Lang)
		}
		return "", false
	}
	frag := ""
	if parsed.Fragment != "" {
		frag = "#" + parsed.EscapedFragment()
	}
	target := path.Join(path.Dir(st.v.Path), p)
	if target == ".." || strings.HasPrefix(target, "../") {
		st.diags.Errorf(st.v.Path, st.line(n), "link %q points outside the site directory", shownLink(u))
		return "", false
	}
	parts := strings.SplitN(target, "/", 4)
	if parts[0] == "static" {
		// static/ is published, but as the site's own files: a text's
		// links stay within the items, whose pages and PDFs find them.
		st.diags.Errorf(st.v.Path, st.line(n), "link %q points at %s, in static/: a text can link only to files in item folders; copy it into this item's folder and write its name alone", shownLink(u), shownLink(target))
		return "", false
	}
	if parts[0] != content.ContentDir || len(parts) < 3 {
		msg := fmt.Sprintf("link %q points at %s, which is not inside an item folder of content/: only those files are published", shownLink(u), shownLink(target))
		if fix := misplacedItemLink(st.p.site, target, p); fix != "" {
			// ../../../pages/about/en.md: one ../ too many.
			msg += "; did you mean " + fix + "?"
		}
		st.diags.Errorf(st.v.Path, st.line(n), "%s", msg)
		return "", false
	}
	it := st.p.site.Item(parts[1], parts[2])
	if it == nil {
		// Once the item is there, or mended, the link leads to it: a text
		// kept from an earlier build must be made again then.
		st.absent = append(st.absent, parts[1]+"/"+parts[2])
		if !st.p.site.Left(parts[1], parts[2]) { // else its own errors say what is wrong
			msg := fmt.Sprintf("link %q: there is no item %s", shownLink(u), path.Join(parts[:3]...))
			written := ""
			if len(parts) == 4 {
				written = strings.TrimSuffix(parts[3], ".md")
			}
			if d := misplacedItemLink(st.p.site, target, p); d != "" {
				// ../pages/about/en.md: one ../ too few.
				msg += ": did you mean " + d + "?"
			} else if d := meantItem(st.p.site, parts[1], parts[2], written, st.v.Lang); d != "" {
				msg += ": did you mean " + d + "?"
			}
			st.diags.Errorf(st.v.Path, st.line(n), "%s", msg)
		}
		return "", false
	}
	lang := it.ReaderLang(st.v.Lang)
	rest := ""
	if len(parts) == 4 {
		rest = parts[3]
	}
	if rest == "" || (strings.HasSuffix(rest, ".md") && !strings.Contains(rest, "/")) {
		if l := strings.TrimSuffix(rest, ".md"); rest != "" && it.Variants[l] == nil {
			// The text a reader of this one is sent to; or, in an item
			// left without its original (its own error says so), the
			// first it has.
			has := lang
			if langs := it.Langs(st.p.site.Config.Languages); has == "" && len(langs) > 0 {
				has = langs[0]
			}
			switch {
			case it.Unreadable(l): // its own error says what is wrong
			case !slices.Contains(st.p.site.Config.Languages, l):
				// notes.md: not a text, and, being Markdown, not published.
				texts := make([]string, 0, len(it.Variants))
				for _, l := range it.Langs(st.p.site.Config.Languages) {
					texts = append(texts, l+".md")
				}
				st.diags.Errorf(st.v.Path, st.line(n), "link %q: %s is not one of the item's texts (%s), and a Markdown file is published only as the page of a text: link to one of them, or to the document as a PDF", shownLink(u), shownLink(target), strings.Join(texts, ", "))
			default:
				st.diags.Errorf(st.v.Path, st.line(n), "link %q: %s does not exist (link to a text the item has, such as %s.md: readers are sent to the page in their own language when there is one)", shownLink(u), shownLink(target), has)
			}
			return "", false
		}
		if isImage {
			st.diags.Errorf(st.v.Path, st.line(n), "image %q is a page, not an image file", shownLink(u))
			return "", false
		}
		// The fragment names a part of the text the link names, or of
		// the page's text for a link to the item's folder; the reader
		// may be sent to another's page.
		shown := it.Variants[lang]
		written := it.Variants[strings.TrimSuffix(rest, ".md")]
		if written == nil {
			written = shown
		}
		if link, ok := n.(*ast.Link); ok && parsed.Fragment != "" && shown != nil {
			st.keepFragment(link, u, parsed.Fragment, written, shown, it.PagePath(lang))
			if written != shown {
				return it.PagePath(lang), true // the fragments pass carries it where it names the same part
			}
		}
		return it.PagePath(lang) + frag, true
	}
	if !slices.Contains(it.Assets, rest) {
		switch {
		case it.Refused(rest): // its own error says what is wrong
		case slices.ContainsFunc(it.Assets, func(a string) bool { return a != rest && norm.NFC.String(a) == norm.NFC.String(rest) }):
			// café.jpg written with a combining accent, as a Mac may
			// store the name, and typed composed in the text (or the
			// other way round): the same to the eye, another address to
			// a web server.
			st.diags.Errorf(st.v.Path, st.line(n), "link %q: %s is there, but its name has its accents written another way (as separate marks, as a Mac may store names): a web server takes the two for different names; rename the file, typing its name again, or give it a name without accents", shownLink(u), shownLink(target))
		default:
			what := "link"
			if isImage {
				what = "image"
			}
			// Workshop.JPG from a phone, written workshop.jpg: the same
			// to a laptop, another name to a web server.
			if i := slices.IndexFunc(it.Assets, func(a string) bool { return strings.EqualFold(a, rest) }); i >= 0 {
				st.diags.Errorf(st.v.Path, st.line(n), "%s %q: %s does not exist, but %s does: a web server takes names letter for letter, capitals included; write %s, or rename the file", what, shownLink(u), shownLink(target), it.Assets[i], it.Assets[i])
				return "", false
			}
			st.diags.Errorf(st.v.Path, st.line(n), "%s %q: %s does not exist", what, shownLink(u), shownLink(target))
		}
		return "", false
	}
	if img, ok := n.(*ast.Image); ok && st.p.Images[target] != nil {
		st.doc.images[img] = imageRef{dir: it.FilesPath(), info: st.p.Images[target]}
	}
	if err := st.p.BadImages[target]; err != nil && isImage {
		st.diags.Errorf(st.v.Path, st.line(n), "image %s: %v", rest, err)
	}
	// One address in every language: see content.Item.FilesPath.
	return it.FilesPath() + content.EscapePath(rest) + frag, true
}

// blocks turns a paragraph holding only a captioned image into a Figure,
// wraps tables so a wide one scrolls on its own on a phone, numbers the
// code blocks, for their names, and returns the headings, in order.
func (st *state) blocks(doc ast.Node) []*ast.Heading {
	var paras []*ast.Paragraph
	var tables []ast.Node
	var headings []*ast.Heading
	codes := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Heading:
			headings = append(headings, t)
		case *ast.Paragraph:
			paras = append(paras, t)
		case *east.Table:
			tables = append(tables, t)
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			codes++
			n.SetAttributeString(codeNumber, codes)
		}
		return ast.WalkContinue, nil
	})
	for _, p := range paras {
		img := LoneImage(p, st.v.Body)
		if img == nil || len(img.Title) == 0 {
			continue
		}
		fig := &Figure{Image: img, Caption: string(img.Title)}
		fig.SetLines(p.Lines()) // where it is in the file, for warnings
		parent := p.Parent()
		parent.ReplaceChild(parent, p, fig)
		p.RemoveChild(p, img)
		fig.AppendChild(fig, img)
	}
	if !st.anchorsOnly {
		st.headingOrder(headings)
	}
	shiftHeadings(headings)
	for i, t := range tables {
		w := &TableWrap{Number: i + 1}
		parent := t.Parent()
		parent.ReplaceChild(parent, t, w)
		w.AppendChild(w, t)
	}
	return headings
}

// nameHeadings gives each heading its id, made from its text as readers
// see it and as the table of contents shows it, after typography
// (entities resolved, a link or code as its text, a picture as its
// description, no note mark), not from its Markdown: "## See [the
// rent](../rent/en.md)" is "see-the-rent", as a link to it is written.
func nameHeadings(hs []*ast.Heading, src []byte) {
	ids := newHeadingIDs()
	for _, h := range hs {
		h.SetAttributeString("id", []byte(ids.id(PlainText(h, src))))
	}
}

// headingOrder warns of a heading more than one level below the one
// before it (## then ####), as written: readers who find their way
// through a page by its headings, with a screen reader, look for the
// level between. The text's highest level comes under the page's title
// (see shiftHeadings), whatever it is: a text whose headings are ###
// and #### is well ordered, and one whose first heading is below the
// highest level after it (### then ##) skips a level under the title.
func (st *state) headingOrder(hs []*ast.Heading) {
	top := 7
	for _, h := range hs {
		top = min(top, h.Level)
	}
	const why = "readers who move through a page by its headings (with a screen reader) look for the level between"
	for i, h := range hs {
		switch {
		case i == 0 && h.Level > top:
			st.diags.Warnf(st.v.Path, st.line(h), "this %s heading, the text's first, is below the %s headings after it, and skips a level under the title: %s; write it %s, or make it bold text if it is not a heading", strings.Repeat("#", h.Level), strings.Repeat("#", top), why, strings.Repeat("#", top))
		case i > 0 && h.Level > hs[i-1].Level+1:
			prev := hs[i-1].Level
			st.diags.Warnf(st.v.Path, st.line(h), "this %s heading skips a level after the %s one before it: %s; write it %s, or make it bold text if it is not a heading", strings.Repeat("#", h.Level), strings.Repeat("#", prev), why, strings.Repeat("#", prev+1))
		}
	}
}

// shiftHeadings moves a text's headings so that its first level is 2:
// the title is the page's only h1 (and the PDF's largest heading), and
// the text's headings come under it. A text written with # chapters, as
// Hugo's and Jekyll's are, would have several h1s, and one that starts at
// ### would skip a level; screen readers find their way by those levels.
// The headings keep their levels relative to one another, down to 6.
func shiftHeadings(hs []*ast.Heading) {
	top := 0
	for _, h := range hs {
		if top == 0 || h.Level < top {
			top = h.Level
		}
	}
	if top == 0 || top == 2 {
		return
	}
	for _, h := range hs {
		h.Level = min(h.Level-top+2, 6)
	}
}

// LoneImage returns the image alone in paragraph p (with nothing but
// spaces beside it), which the page shows as a figure and the PDF as a
// picture of its own, or nil. src is the text p was parsed from.
func LoneImage(p ast.Node, src []byte) *ast.Image {
	var img *ast.Image
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Image:
			if img != nil {
				return nil
			}
			img = t
		case *ast.Text:
			if len(bytes.TrimSpace(t.Segment.Value(src))) > 0 {
				return nil
			}
		case *ast.String:
			if len(bytes.TrimSpace(t.Value)) > 0 {
				return nil
			}
		default:
			return nil
		}
	}
	return img
}

// Figure is an image with a visible caption: in Markdown, an image alone in
// its paragraph with a title, ![alt](photo.jpg "caption").
type Figure struct {
	ast.BaseBlock
	Image   *ast.Image
	Caption string // plain text, typography applied
}

// KindFigure is the node kind of Figure.
var KindFigure = ast.NewNodeKind("Figure")

// Kind implements ast.Node.
func (f *Figure) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (f *Figure) Dump(source []byte, level int) {
	ast.DumpHelper(f, source, level, map[string]string{"Caption": f.Caption}, nil)
}

// TableWrap holds a table so that, on a narrow screen, the table scrolls
// sideways inside the page instead of the page scrolling.
type TableWrap struct {
	ast.BaseBlock
	// Number counts the text's tables from 1, in order: a screen reader
	// announces the scrolling box as a region named "Table 2".
	Number int
}

// KindTableWrap is the node kind of TableWrap.
var KindTableWrap = ast.NewNodeKind("TableWrap")

// Kind implements ast.Node.
func (w *TableWrap) Kind() ast.NodeKind { return KindTableWrap }

// Dump implements ast.Node.
func (w *TableWrap) Dump(source []byte, level int) { ast.DumpHelper(w, source, level, nil, nil) }

// misplacedItemLink is the link a text meant when it points at target,
// a path from the site's folder, through one ../ too many or too few:
// target names an item's folder, or a file in it, below a folder it
// should not be in (pages/about/en.md, content/leaflets/pages/about/en.md).
// "" when target names no item so. written is the link's path as
// written, whose final slash the link meant keeps.
func misplacedItemLink(site *content.Site, target, written string) string {
	segs := strings.Split(target, "/")
	for i := 0; i+1 < len(segs); i++ {
		if i == 1 && segs[0] == content.ContentDir {
			continue // where the item would be, and is not
		}
		if it := site.Item(segs[i], segs[i+1]); it != nil {
			// Every text is in an item's folder, two below content/.
			fix := "../../" + strings.Join(segs[i:], "/")
			if strings.HasSuffix(written, "/") {
				fix += "/"
			}
			return fix
		}
	}
	return ""
}

// meantItem returns the link, as a text writes it, to the item a link to
// the missing content/section/slug most likely meant, or "": one of the
// section with a slug close to it (no-to-the-rent-rise.md, a text's name
// written as the folder's), or one of that slug in a section close to
// it.
func meantItem(site *content.Site, section, slug, written, lang string) string {
	var slugs, sections []string
	for _, it := range site.Items {
		if it.Section == section {
			slugs = append(slugs, it.Slug)
		}
		if it.Slug == slug {
			sections = append(sections, it.Section)
		}
	}
	name := strings.TrimSuffix(slug, ".md")
	it := site.Item(section, name) // a text named as its folder: rent.md
	if it == nil {
		if s := diag.Closest(name, slugs); s != "" {
			it = site.Item(section, s)
		} else if s := diag.Closest(section, sections); s != "" {
			it = site.Item(s, slug)
		}
	}
	if it == nil {
		return ""
	}
	// The link as it is written: to the text it names if the item has
	// it, else to the one in the text's language, else the original.
	l := written
	if it.Variants[l] == nil {
		l = lang
	}
	if it.Variants[l] == nil {
		l = it.Original
	}
	return "../../" + it.Section + "/" + it.Slug + "/" + l + ".md"
}
