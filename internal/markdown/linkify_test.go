package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/tractpub/tract/bench/corpus"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
)

func TestLinkifyIsGuessedFromTheSource(t *testing.T) {
	for src, want := range map[string]bool{
		"":                                       false,
		"Plain words, nothing more.":             false,
		"Read [the rules](https://example.org).": false,
		"See <https://example.org> or <a@b.org>.":                  false,
		"[rules]: https://example.org/rules\n\n[rules]":            false,
		"![a photo](https://example.org/p.jpg)":                    false,
		"Go to www.example.org today.":                             true,
		"Go to https://example.org today.":                         true,
		"Write to contact@example.org.":                            true,
		"Read [the rules](https://example.org) at www.example.org": true,
		"(https://example.org)":                                    true,
		"A hard break  \nand on.":                                  false,
		"Blanks \t\nthen more.":                                    true,
		"Four spaces    \nthen more.":                              true,
		"Two at the end  ":                                         true,
	} {
		if got := mayLinkify([]byte(src)); got != want {
			t.Errorf("mayLinkify(%q) = %v, want %v", src, got, want)
		}
	}
}

// parseBoth parses v as a build does, and again with Linkify from the
// start, and fails on any difference: in the answers a page and the
// search index get, in the AST's shape and text, or in the diagnostics.
// It reports whether the first parse went without Linkify.
func parseBoth(t *testing.T, site *content.Site, v *content.Variant) (short bool) {
	t.Helper()
	p := NewParser(site, nil)
	var d1, d2 diag.List
	doc := p.Parse(v, &d1)
	full := NewParser(site, nil)
	full.alwaysLinkify = true
	ref := full.Parse(v, &d2)
	if got, want := shape(doc), shape(ref); got != want {
		t.Fatalf("%s: the AST differs from the one parsed with Linkify:\n%s\nwith Linkify:\n%s", v.Path, got, want)
	}
	if got, want := answersOf(doc, nil), answersOf(ref, nil); !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: parsed as a build does:\n%+v\nwith Linkify:\n%+v", v.Path, got, want)
	}
	if got, want := fmt.Sprint(d1.Sorted()), fmt.Sprint(d2.Sorted()); got != want {
		t.Fatalf("%s: diagnostics %s, with Linkify %s", v.Path, got, want)
	}
	return doc.md == p.markdown(v.Lang, false)
}

// shape writes the AST of d: each node's kind, and the text of each run of
// neighbouring text nodes, joined (with and without Linkify goldmark cuts
// plain text into nodes at different places).
func shape(d *Doc) string {
	var b, run strings.Builder
	flush := func() {
		if run.Len() > 0 {
			fmt.Fprintf(&b, "%q ", run.String())
			run.Reset()
		}
	}
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch x := n.(type) {
		case *ast.String:
			if entering {
				run.Write(x.Value)
			}
			return ast.WalkContinue, nil
		case *ast.Text:
			if entering {
				run.Write(x.Segment.Value(d.Source))
				if x.SoftLineBreak() || x.HardLineBreak() {
					fmt.Fprintf(&run, "<br %v %v>", x.SoftLineBreak(), x.HardLineBreak())
				}
			}
			return ast.WalkContinue, nil
		}
		flush()
		if entering {
			fmt.Fprintf(&b, "(%s ", n.Kind())
		} else {
			b.WriteString(") ")
		}
		return ast.WalkContinue, nil
	})
	flush()
	return b.String()
}

func TestTextsWithoutBareAddressesAreParsedOnceWithoutLinkify(t *testing.T) {
	var texts []string
	for _, s := range []string{
		"Read [the rules](https://example.org/rules) and [the notes](../../leaflets/s/en.md).",
		"Go to www.example.org, or write to contact@example.org.",
		"A [broken link](https://example.org with a space) is text.",
		"*www.example.org* and _a@b.org_ and ~~https://x.org~~",
		"Code: `https://example.org` and `a@b.org`.\n\n    www.example.org in a block\n",
		"www...example.org and www.example...org",
		"| a | b |\n|---|---|\n| www.example.org | [x](https://example.org) |\n",
		"# Heading https://example.org\n\nText[^1].\n\n[^1]: See www.example.org.",
		"« Écrivez à contact@example.org ! » dit-elle : « 12 000 personnes »",
		"<https://example.org> [x]: https://example.org\n\n[ref]: https://example.org/ref\n\n[ref]",
		"(https://example.org) [y](https://example.org \"a title with www.example.org\")",
		"a`b@c.org` first_name.last_name@example.org x*y*z@example.org",
		"0 \t\n0\n\nA hard break  \nthen four spaces    \nthen \t \r\nthe end \t",
	} {
		texts = append(texts, s)
	}
	var archive strings.Builder
	for i, s := range texts {
		fmt.Fprintf(&archive, "-- content/articles/a%d/fr.md --\n---\ntitle: T\n---\n%s\n", i, s)
	}
	archive.WriteString("-- content/leaflets/s/en.md --\n---\ntitle: S\n---\n")
	var diags diag.List
	site := content.Load(testsite.FS(archive.String()), &diags)
	if site == nil {
		t.Fatal(diags.Err())
	}
	short := map[int]bool{}
	for i := range texts {
		short[i] = parseBoth(t, site, site.Item("articles", fmt.Sprintf("a%d", i)).Variants["fr"])
	}
	// The first text has addresses only in links: it is parsed once,
	// without Linkify; the second has bare ones: it is parsed with it.
	if !short[0] || short[1] {
		t.Errorf("parsed without Linkify: the text with links only %v (want true), the one with bare addresses %v (want false)", short[0], short[1])
	}
}

func TestTheSampleSiteAndAGeneratedOneParseAsWithLinkify(t *testing.T) {
	var diags diag.List
	sample := content.Load(os.DirFS(filepath.Join("..", "..")), &diags)
	if sample == nil {
		t.Fatal(diags.Err())
	}
	generated := content.Load(corpus.Generate(corpus.Options{Items: 60, Seed: 3}).Files().FS(), &diags)
	if generated == nil {
		t.Fatal(diags.Err())
	}
	for _, site := range []*content.Site{sample, generated} {
		short, texts := 0, 0
		for _, it := range site.Items {
			for _, v := range it.Variants {
				texts++
				if parseBoth(t, site, v) {
					short++
				}
			}
		}
		if short == 0 {
			t.Errorf("none of %d texts was parsed without Linkify", texts)
		}
		t.Logf("%d of %d texts parsed without Linkify", short, texts)
	}
}

// FuzzLinkifyShortcut checks, for any text, that the parse a build makes
// (without Linkify when the text seems not to need it) is the one with it.
func FuzzLinkifyShortcut(f *testing.F) {
	for _, s := range []string{
		"Read [the rules](https://example.org/rules).",
		"Go to www.example.org, or write to contact@example.org.",
		"*www.example.org* _a@b.org_ ~~https://x.org~~ (https://y.org)",
		"www...example.org a`b@c.org` x*y*z@example.org [x](a b www.c.org)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if site, v := loneText(body, ""); v != nil { // else the body broke the archive's framing
			parseBoth(t, site, v)
		}
	})
}
