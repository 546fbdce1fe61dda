package markdown

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
)

// FuzzMarkdownHTML renders arbitrary Markdown and checks that, whatever an
// editor writes, the page gets no script: no script-like element, no event
// handler attribute, no link or image with a script or data URL.
func FuzzMarkdownHTML(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nText with **bold**, [a link](../../leaflets/s/en.md) and ![img](p.jpg \"cap\").\n",
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>",
		"[x](javascript:alert(1)) [y](JAVASCRIPT:x) [z]( \tjavascript:x) <javascript:alert(1)>",
		"[x](data:text/html,<script>) ![i](data:image/svg+xml,<svg onload=x>)",
		"| a | b |\n|---|---|\n| <b>x</b> | `y` |\n\n[^1]\n\n[^1]: note",
		"> > > quote\n\n- [ ] task\n- [x] done\n\n~~gone~~ https://example.org",
		"\"quotes\" 'single' -- --- ... << >>",
		"[a]: javascript:alert(1)\n\n[click][a]",
		"<a href=\"javascript:x\">y</a> <svg><script>1</script></svg>",
		"## A\n\n[x](#a) [y](#%zz) [z](../../leaflets/s/en.md#b)[^1] [n](#fn:1) [a](en.md#a) [s](../../leaflets/s/#)\n\n[^1]: note",
		"::: {lang=\"ar\"}\n> \"x\" :\n- ::: {lang=en}\n  ```\n  :::\n:::\n::: es\n:::",
		"[a *b\n[c]{lang=ar}* \\[d]{lang=en}]{lang=es} ]{lang=x} [e]{lang=\"en\"} [f](#){lang=en} [^1]{lang=en}\n\n[^1]: n",
		"::: {lang=en}\n> x[^1]\n>\n> [^1]: note\n>\n> ::: {lang=es}\n> [^2]: nota\n:::\n[^3]: n\n:::\n",
	} {
		f.Add(s)
	}
	// The catalog, so that the HTML is made as a build makes it, with
	// tract's own footnotes and tables.
	cat := catalog(f)
	f.Fuzz(func(t *testing.T, body string) {
		site, v := loneText(body, "-- content/articles/a/p.jpg --\nx\n")
		if v == nil {
			return // the body broke the archive's framing
		}
		var diags diag.List
		p := NewParser(site, cat)
		doc := p.Parse(v, &diags)
		out, err := doc.HTML()
		if err != nil {
			t.Fatal(err)
		}
		checkSafe(t, out)
		// A second parse, compacted, answers as the first did. (HTML is
		// rendered once each: goldmark's table renderer adds to a
		// cell's style every time.)
		before := answersOf(p.Parse(v, &diags), out)
		compacted := p.Parse(v, &diags)
		compacted.Compact()
		if after := answersOf(compacted, nil); !reflect.DeepEqual(before, after) {
			t.Errorf("after Compact:\n%+v\nbefore:\n%+v", after, before)
		}
	})
}

// loneText loads a site whose article "a" has body as its English text,
// with the files of extra (in testsite's archive form) beside it, and
// returns the site and that text; the text is nil when body broke the
// archive's framing.
func loneText(body, extra string) (*content.Site, *content.Variant) {
	archive := "-- content/articles/a/en.md --\n---\ntitle: T\n---\n" + body + "\n" + extra + "-- content/leaflets/s/en.md --\n---\ntitle: S\n---\n"
	var diags diag.List
	site := content.Load(testsite.FS(archive), &diags)
	if site == nil || site.Item("articles", "a") == nil {
		return nil, nil
	}
	return site, site.Item("articles", "a").Variants["en"]
}

func checkSafe(t *testing.T, page []byte) {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "script", "iframe", "object", "embed", "style", "form", "input", "svg", "math", "base", "meta", "link":
			if n.Data != "input" || !isCheckbox(n) {
				t.Fatalf("<%s> in the page:\n%s", n.Data, page)
			}
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if key == "style" && (n.Data == "th" || n.Data == "td") && tableAlign[a.Val] {
				continue // goldmark's own table alignment
			}
			if strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" || key == "formaction" {
				t.Fatalf("attribute %s in the page:\n%s", a.Key, page)
			}
			if key == "href" || key == "src" {
				if s := scriptScheme(a.Val); s != "" {
					t.Fatalf("%s=%q in the page:\n%s", a.Key, a.Val, page)
				}
			}
		}
	}
}

var tableAlign = map[string]bool{"text-align:left": true, "text-align:right": true, "text-align:center": true}

// isCheckbox allows the disabled checkboxes of GFM task lists.
func isCheckbox(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "type" && a.Val == "checkbox" {
			return true
		}
	}
	return false
}

// FuzzRestore gives Restore arbitrary bytes, as a cache file damaged on
// disk would: it must fail or give a Doc whose methods answer, never
// panic; and what it gives must save to bytes that restore to the same
// (a number may be written in more bytes than it needs: that is no
// matter).
func FuzzRestore(f *testing.F) {
	v := &content.Variant{Lang: "en", Path: "content/articles/a/en.md"}
	d := &Doc{Variant: v, Lang: "en", kept: &kept{
		html: pack([]byte("<p>Hi</p>")), words: pack([]byte("Hi")), summary: "Hi",
		headings: []Heading{{Level: 2, Text: "Two", ID: "two"}},
		lead:     &LeadImage{Path: "en/articles/a/p.jpg", Width: 3, Height: 2, Alt: "a"},
		links:    []Link{{Target: "en/articles/a/p.jpg", Image: true}, {Target: "fr/leaflets/rent/"}},
	}}
	saved, _ := d.AppendSaved(nil)
	f.Add(saved)
	f.Add([]byte{})
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Restore(v, data)
		if err != nil {
			return
		}
		_, _ = r.HTML()
		_ = r.SearchWords()
		_ = r.Summary(10)
		_ = r.Headings()
		_ = r.LeadImage()
		again, ok := r.AppendSaved(nil)
		if !ok {
			t.Fatalf("restored from %q, not saved again", data)
		}
		r2, err := Restore(v, again)
		if err != nil {
			t.Fatalf("restored from %q, saved as %q, which does not restore: %v", data, again, err)
		}
		if third, _ := r2.AppendSaved(nil); !bytes.Equal(third, again) {
			t.Fatalf("restored from %q, saved as %q, then as %q", data, again, third)
		}
	})
}

// FuzzCopiedParagraphs gives a translation and its source arbitrary
// texts: the paragraphs of the translation still the source's are set in
// the source's language, without a panic, in a safe page; each block
// marked lies whole within one of them, and none inside a passage the
// text marks itself.
func FuzzCopiedParagraphs(f *testing.F) {
	for _, s := range [][2]string{
		{"We refuse the rise, all of us, together.\n\nCome to the meeting on Thursday at seven!\n", "Nous refusons la hausse, tous ensemble.\n\nCome to the meeting on Thursday at seven!\n"},
		{"- one two three four five six\n- seven eight nine ten eleven twelve\n", "- one two three four five six\n- seven eight nine ten eleven twelve\n\nNous refusons.\n"},
		{"> # one two three four five six\n> seven\n", "> # one two three four five six\n> seven\n\n[^1]\n\n[^1]: Une note."},
		{"| a b c d e f |\n|---|\n| g |\n\n[^1]: one two three four five six\n", "Texte[^1].\n\n[^1]: one two three four five six\n"},
		{"one two three four five six\n===\n", "::: {lang=es}\nuno\n:::\n\none two three four five six\n===\n"},
		{"one two three four five six\n\u00a0\nseven\n", "Nous refusons la hausse, tous ensemble.\n\none two three four five six\n\u00a0\nsept\n"},
		{"| one two three | four five six |\n|---|---|\n| x | y |\n", "Nous refusons la hausse, tous ensemble.\n\n| one two three | four five six |\n|---|---|\n| x | y |\n"},
		{"x\n\n    ::: {lang=es}\n    uno dos tres cuatro cinco seis\n    :::\n", "- y\n\n    ::: {lang=es}\n    uno dos tres cuatro cinco seis\n    :::\n\nNous refusons la hausse, tous ensemble.\n"},
	} {
		f.Add(s[0], s[1])
	}
	cat := catalog(f)
	f.Fuzz(func(t *testing.T, en, fr string) {
		archive := "-- content/articles/a/en.md --\n---\ntitle: T\n---\n" + en + "\n-- content/articles/a/fr.md --\n---\ntitle: T\ntranslated_from: en@000000000000\n---\n" + fr + "\n"
		var diags diag.List
		site := content.Load(testsite.FS(archive), &diags)
		if site == nil || site.Item("articles", "a") == nil || site.Item("articles", "a").Variants["fr"] == nil {
			return // the texts broke the archive's framing
		}
		v := site.Item("articles", "a").Variants["fr"]
		doc := NewParser(site, cat).Parse(v, &diags)
		// lineOf is the body line of a byte of the body.
		lineOf := func(off int) int32 { return int32(bytes.Count(v.Body[:min(off, len(v.Body))], []byte("\n"))) }
		_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			p, ok := n.(*Passage)
			if !entering || !ok || !p.Copied {
				return ast.WalkContinue, nil
			}
			for up := p.Parent(); up != nil; up = up.Parent() {
				if q, ok := up.(*Passage); ok && !q.Copied && q.end > 0 {
					t.Fatalf("a paragraph in a passage the text marks is marked again, in:\n%s", fr)
				}
			}
			// Its lines: a table's are its cells'.
			var starts []int
			_ = ast.Walk(p.FirstChild(), func(c ast.Node, entering bool) (ast.WalkStatus, error) {
				if entering && c.Type() == ast.TypeBlock {
					for i := range c.Lines().Len() {
						starts = append(starts, c.Lines().At(i).Start)
					}
				}
				return ast.WalkContinue, nil
			})
			if len(starts) == 0 {
				t.Fatalf("a block marked has no lines, in:\n%s", fr)
			}
			first, last := lineOf(slices.Min(starts)), lineOf(slices.Max(starts))
			if !slices.ContainsFunc(v.CopiedLines, func(l content.Lines) bool { return l.First <= first && last <= l.Last && l.Lang == p.Lang }) {
				t.Fatalf("lines %d to %d marked %s, not within one of %v, in:\n%s", first, last, p.Lang, v.CopiedLines, fr)
			}
			return ast.WalkSkipChildren, nil
		})
		out, err := doc.HTML()
		if err != nil {
			t.Fatal(err)
		}
		checkSafe(t, out)
	})
}
