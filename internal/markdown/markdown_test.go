package markdown

import (
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
)

// render loads a site, parses one variant and returns its HTML and diagnostics.
func render(t *testing.T, archive, path string) (string, []diag.Diagnostic) {
	t.Helper()
	var diags diag.List
	site := content.Load(testsite.FS(archive), &diags)
	if site == nil {
		t.Fatalf("site did not load: %v", diags.Sorted())
	}
	p := NewParser(site)
	for _, it := range site.Items {
		for _, v := range it.Variants {
			if v.Path == path {
				doc := p.Parse(v, &diags)
				html, err := doc.HTML()
				if err != nil {
					t.Fatal(err)
				}
				return string(html), diags.Sorted()
			}
		}
	}
	t.Fatalf("no variant %s", path)
	return "", nil
}

func TestDump(t *testing.T) {
	html, diags := render(t, `
-- content/articles/a/fr.md --
---
title: Test
---
Attention : "bonjour" et **gras**: oui ! Pourquoi?! Il est 10:30. «Salut» l'organisation\*

![Une photo](photo.jpg "La légende")

| a | b |
|---|---|
| 1 | 2 |

Voir [la déclaration](../../leaflets/s/en.md#x) et <b>gras</b> [mal](javascript:alert(1)).[^1]

[^1]: Une note.
-- content/articles/a/photo.jpg --
JPEG
-- content/leaflets/s/en.md --
---
title: Statement
---
Text.
`, "content/articles/a/fr.md")
	t.Log(html)
	for _, d := range diags {
		t.Log(d)
	}
	if !strings.Contains(html, "<figure>") {
		t.Error("no figure")
	}
}
