package markdown

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/tractpub/tract/internal/content"
)

// ImageSizes is the sizes attribute of images in a page's text: the text
// column is 38rem wide at most (the stylesheet's --measure less its
// padding) and the screen less its margins below that.
const ImageSizes = "(min-width: 40rem) 38rem, calc(100vw - 2rem)"

// eagerBlocks is how near the top the first image must be, in top-level
// blocks, to load at once; every other image loads when it is scrolled near.
const eagerBlocks = 3

// images checks every image's alternative text and gives the images that
// are files of the site their size, their copies and a loading hint:
//
//   - ![A crowd at gate 3](photo.jpg): alt="A crowd at gate 3";
//   - ![](photo.jpg): no alt text: a warning, since a screen reader would
//     read the file name or nothing;
//   - ![""](border.png): alt="" on purpose, for an image that is only
//     decoration: no warning. Any text made only of quotes and spaces
//     counts, so the typographer's curly or French quotes do too.
func (st *state) images(doc ast.Node) {
	first := true
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if alt, deco := altText(img, st.v.Body); alt == "" && !deco {
			name := string(img.Destination)
			if t, ok := st.doc.Targets[img]; ok {
				name = path.Base(t)
			}
			st.diags.Warnf(st.v.Path, st.line(img), "image %s has no alt text: say what it shows between the brackets, ![what it shows](%s), for readers who cannot see it; for a purely decorative image write ![\"\"](%s)", name, name, name)
		}
		eager := first && topLevelIndex(img) < eagerBlocks
		first = false
		if !eager {
			img.SetAttributeString("loading", []byte("lazy"))
		}
		ref, ok := st.doc.images[img]
		if !ok {
			return ast.WalkSkipChildren, nil
		}
		page := st.v.Item.PagePath(st.v.Lang)
		url := func(name string) string { return content.RelURL(page, ref.dir+content.EscapePath(name)) }
		def := ref.info.Default()
		img.SetAttributeString("src", []byte(url(def.Name)))
		img.SetAttributeString("width", []byte(strconv.Itoa(def.Width)))
		img.SetAttributeString("height", []byte(strconv.Itoa(def.Height)))
		if vs := ref.info.SrcsetVersions(); len(vs) > 1 {
			set := make([]string, len(vs))
			for i, v := range vs {
				set[i] = fmt.Sprintf("%s %dw", url(v.Name), v.Width)
			}
			img.SetAttributeString("srcset", []byte(strings.Join(set, ", ")))
			img.SetAttributeString("sizes", []byte(ImageSizes))
		}
		img.SetAttributeString("decoding", []byte("async"))
		return ast.WalkSkipChildren, nil
	})
}

// topLevelIndex is the position, among the document's blocks, of the block n is in.
func topLevelIndex(n ast.Node) int {
	for n.Parent() != nil && n.Parent().Kind() != ast.KindDocument {
		n = n.Parent()
	}
	i := 0
	for c := n.PreviousSibling(); c != nil; c = c.PreviousSibling() {
		i++
	}
	return i
}

// altText is an image's alternative text as published: its plain text, or
// "" for a decorative image.
func altText(img *ast.Image, source []byte) (alt string, decorative bool) {
	alt = strings.TrimSpace(PlainText(img, source))
	if alt != "" && strings.TrimFunc(alt, isQuoteOrSpace) == "" {
		return "", true
	}
	return alt, false
}

func isQuoteOrSpace(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("\"'“”„‘’‚«»‹›\u202f", r)
}

// imageAttrs are the attributes an <img> may carry, in the order written.
var imageAttrs = []string{"width", "height", "srcset", "sizes", "loading", "decoding"}

// writeImage writes an <img> for n: its source (a resized copy when there
// is one), alternative text, title when asked, and the attributes images
// set.
func writeImage(w util.BufWriter, source []byte, n *ast.Image, withTitle bool) {
	src := util.EscapeHTML(util.URLEscape(n.Destination, true))
	if v, ok := n.AttributeString("src"); ok {
		src = util.EscapeHTML(v.([]byte)) // made of escaped paths already
	}
	alt, _ := altText(n, source)
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.Write(src)
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.WriteString(escape(alt))
	_ = w.WriteByte('"')
	if withTitle && len(n.Title) > 0 {
		_, _ = w.WriteString(` title="`)
		_, _ = w.WriteString(escape(string(n.Title)))
		_ = w.WriteByte('"')
	}
	for _, name := range imageAttrs {
		if v, ok := n.AttributeString(name); ok {
			fmt.Fprintf(w, ` %s="%s"`, name, util.EscapeHTML(v.([]byte)))
		}
	}
	_ = w.WriteByte('>')
}

// LeadImage is the document's first image that is a file of the site, in
// the version link previews use.
type LeadImage struct {
	Path          string // site path: "articles/x/photo-960w.jpg"
	Width, Height int
	Alt           string
}

// LeadImage returns the first image of the document that is a file of
// the site, or nil.
func (d *Doc) LeadImage() *LeadImage {
	if d.kept != nil {
		if d.kept.lead == nil {
			return nil
		}
		lead := *d.kept.lead
		return &lead
	}
	var out *LeadImage
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if ref, ok := d.images[img]; ok {
			v := ref.info.Preview()
			alt, _ := altText(img, d.Source)
			out = &LeadImage{Path: ref.dir + content.EscapePath(v.Name), Width: v.Width, Height: v.Height, Alt: alt}
			return ast.WalkStop, nil
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}
