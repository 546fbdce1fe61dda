package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/imaging"
	"github.com/tractpub/tract/internal/locale"
	"github.com/tractpub/tract/internal/testsite"
)

// parse loads a site and parses the variant at path.
func parse(t *testing.T, archive, path string) (*Doc, []diag.Diagnostic) {
	t.Helper()
	return parseWithImages(t, archive, path, nil)
}

// parseWithImages parses as parse does, with images as the build's probe.
// It returns the loader's diagnostics and the parser's, but for the
// warning about a text without a date, which the texts these tests
// write leave out.
func parseWithImages(t *testing.T, archive, path string, images map[string]*imaging.Image) (*Doc, []diag.Diagnostic) {
	t.Helper()
	doc, loading, parsing := load(t, archive, path, images)
	var all diag.List
	for _, d := range slices.Concat(loading, parsing) {
		if !strings.HasPrefix(d.Message, "no date:") {
			all.Add(d)
		}
	}
	return doc, all.Sorted()
}

// load loads the site in archive and parses the variant at path, and
// returns the loader's diagnostics and the parser's, each sorted.
func load(t *testing.T, archive, path string, images map[string]*imaging.Image) (*Doc, []diag.Diagnostic, []diag.Diagnostic) {
	t.Helper()
	var loading, diags diag.List
	site := content.Load(testsite.FS(archive), &loading)
	if site == nil {
		t.Fatalf("site did not load: %v", loading.Sorted())
	}
	p := NewParser(site, catalog(t))
	p.Images = images
	for _, it := range site.Items {
		for _, v := range it.Variants {
			if v.Path == path {
				doc := p.Parse(v, &diags)
				return doc, loading.Sorted(), diags.Sorted()
			}
		}
	}
	t.Fatalf("no variant %s", path)
	return nil, nil, nil
}

// catalog is tract's own messages for English, French and Spanish.
func catalog(t testing.TB) *locale.Catalog {
	t.Helper()
	var diags diag.List
	cat := locale.Load(tract.Defaults, nil, []string{"en", "fr", "es"}, "en", &diags)
	if cat == nil || diags.Len() > 0 {
		t.Fatal(diags.Sorted())
	}
	return cat
}

func htmlOf(t *testing.T, d *Doc) string {
	t.Helper()
	b, err := d.HTML()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func body(lang, md string) string {
	return "-- content/articles/a/" + lang + ".md --\n---\ntitle: T\n---\n" + md
}

const nb, nnb = "\u00a0", "\u202f"

func TestTypographyPerLanguage(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"fr", `Attention : oui ! Pourquoi ? Non ; si.`, "Attention" + nb + ": oui" + nnb + "! Pourquoi" + nnb + "? Non" + nnb + "; si."},
		{"fr", `Attention: oui! Pourquoi?`, "Attention" + nb + ": oui" + nnb + "! Pourquoi" + nnb + "?"},
		{"fr", `"Bonjour"`, "«" + nnb + "Bonjour" + nnb + "»"},
		{"fr", `« Salut »`, "«" + nnb + "Salut" + nnb + "»"},
		{"fr", `«Salut»`, "«" + nnb + "Salut" + nnb + "»"},
		{"fr", `Quoi ?!`, "Quoi" + nnb + "?!"},
		{"fr", `Il est 10:30.`, "Il est 10:30."},
		{"fr", `l'organisation`, "l’organisation"},
		{"fr", `une hausse de 14 % soit 1 386 £`, "une hausse de 14" + nnb + "% soit 1" + nnb + "386" + nnb + "£"},
		{"fr", `de 18 h à 20 h 30, puis 9 h. Le bulletin n° 12 ; le N° 3`, "de 18" + nb + "h à 20" + nb + "h" + nb + "30, puis 9" + nb + "h. Le bulletin n°" + nb + "12" + nnb + "; le N°" + nb + "3"},
		{"fr", `18 heures, 5 hommes, 7 h 300, un° 2`, "18 heures, 5 hommes, 7" + nb + "h 300, un° 2"},
		{"es", `el boletín n.º 1 y el nº 2, a las 18 h`, "el boletín n.º" + nb + "1 y el nº" + nb + "2, a las 18 h"},
		{"es", `"Hola" y 'adiós'`, "«Hola» y “adiós”"},
		{"es", `¿Qué? ¡Ya!`, "¿Qué? ¡Ya!"},
		{"en", `"Hello" and 'bye' -- it's done...`, "“Hello” and ‘bye’ – it’s done…"},
		{"en", `Note: yes! 10 %`, "Note: yes! 10 %"},
		// A straight ' after a word and before a space closes a single
		// quote only when one is open; else it is an apostrophe, which
		// French and Spanish do not write as their closing ”.
		{"es", `la Belfast Tenants' Union y 'adiós' a los Workers' Rights`, "la Belfast Tenants’ Union y “adiós” a los Workers’ Rights"},
		{"es", `un 'adiós *largo*' y los Workers' Rights`, "un “adiós largo” y los Workers’ Rights"},
		{"fr", `Les *Tenants'* **Union**`, "Les Tenants’ Union"},
		{"en", `the Tenants' Union's 'strike'`, "the Tenants’ Union’s ‘strike’"},
	}
	for _, tt := range tests {
		d, _ := parse(t, body(tt.lang, tt.in), "content/articles/a/"+tt.lang+".md")
		if got := d.Text(); got != tt.want {
			t.Errorf("%s %q:\n got %q\nwant %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestFrenchSpacingAcrossInlineMarkup(t *testing.T) {
	// The space before the marks in bold is at the end of a text the
	// rules leave as written, until the mark comes.
	d, _ := parse(t, body("fr", "**Attention** : ceci. *Vraiment*? `code`: ok. Venez **!** Qui *?*\n"), "content/articles/a/fr.md")
	h := htmlOf(t, d)
	for _, want := range []string{"<strong>Attention</strong>" + nb + ":", "<em>Vraiment</em>" + nnb + "?", "<code>code</code>" + nb + ":",
		"Venez" + nnb + "<strong>!</strong>", "Qui" + nnb + "<em>?</em>"} {
		if !strings.Contains(h, want) {
			t.Errorf("missing %q in %s", want, h)
		}
	}
}

func TestCodeIsNeverTypeset(t *testing.T) {
	d, _ := parse(t, body("fr", "`a: \"b\"`\n\n    x ? \"y\"\n"), "content/articles/a/fr.md")
	h := htmlOf(t, d)
	if !strings.Contains(h, `<code>a: &quot;b&quot;</code>`) || !strings.Contains(h, "x ? &quot;y&quot;") {
		t.Errorf("code was changed: %s", h)
	}
}

func TestTypesetPlainStrings(t *testing.T) {
	if got := Typeset(`Non à la guerre ! "Jamais"`, locale.TypographyFor("fr")); got != "Non à la guerre"+nnb+"! «"+nnb+"Jamais"+nnb+"»" {
		t.Errorf("fr: %q", got)
	}
	if got := Typeset(`Workers' "bulletin"`, locale.TypographyFor("en")); got != "Workers’ “bulletin”" {
		t.Errorf("en: %q", got)
	}
	// A title's apostrophe after a word is no closing quote either.
	if got := Typeset(`Los Workers' Rights y 'adiós'`, locale.TypographyFor("es")); got != "Los Workers’ Rights y “adiós”" {
		t.Errorf("es: %q", got)
	}
}

func TestEscapesAndEntitiesAreResolvedOnce(t *testing.T) {
	d, _ := parse(t, body("en", `A \*star\*, &amp; an &eacute; and &lt;tag&gt; and \\.`+"\n"), "content/articles/a/en.md")
	if got := d.Text(); got != `A *star*, & an é and <tag> and \.` {
		t.Errorf("text %q", got)
	}
	if h := htmlOf(t, d); !strings.Contains(h, "&amp; an é and &lt;tag&gt;") {
		t.Errorf("html %s", h)
	}
}

// A numeric reference to a control character, which HTML does not
// allow, is left out as a written one is (see content.CleanText).
func TestReferencesToControlCharactersAreLeftOut(t *testing.T) {
	d, _ := parse(t, body("en", "## A &#1;head&#11;ing\n\nA &#x7f;text &#12;here&#x85;.\n"), "content/articles/a/en.md")
	if got := d.Text(); got != "A head ing A text here ." {
		t.Errorf("text %q", got)
	}
	if h := htmlOf(t, d); !strings.Contains(h, "A head ing</h2>") || !strings.Contains(h, "A text  here .") {
		t.Errorf("html %q", h)
	}
}

// A reference to a bidirectional override is closed at the end of its
// text, as a written one is at the end of its line: otherwise the page
// would show the rest of the paragraph backwards while the editor's file
// shows a plain "&#x202E;". A balanced pair, which mixed-direction text
// needs, is kept, and says nothing; a closing one with nothing open is
// left out. Each is a warning at its line.
func TestReferencesToBidirectionalControlsAreBalanced(t *testing.T) {
	d, ds := parse(t, body("en", "Pay &#x202E;here now and the rest.\n\nA &#x202B;mixed&#x202C; text and a stray &#x2069;here.\n\nThe *next* &amp; last.\n"), "content/articles/a/en.md")
	h := htmlOf(t, d)
	for _, want := range []string{"Pay \u202ehere now and the rest\u202c.</p>", "A \u202bmixed\u202c text and a stray here.</p>", "&amp; last."} {
		if !strings.Contains(h, want) {
			t.Errorf("html lacks %+q:\n%+q", want, h)
		}
	}
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%d %s %s", d.Line, d.Severity, d.Message))
	}
	want := []string{
		"4 warning a character reference on this line holds U+202E (a right-to-left override) that is never closed, and would turn around the text that follows it on the page: it is closed at the end of the run of plain text it is in, at the latest the line's end; close it with U+202C (a pop directional formatting, which closes an embedding or override) where it should end, or delete it",
		"6 warning a character reference on this line holds U+2069 (a pop directional isolate, which closes an isolate) with nothing open to close: it is left out of the site; delete it",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

const twoItems = `
-- content/articles/a/fr.md --
---
title: A
---
Voir [la déclaration](../../leaflets/s/en.md#the-call), [l'image](photo.jpg) et [le tract](../../leaflets/s/).
-- content/articles/a/en.md --
---
title: A
translated_from: fr@000000000000
---
See [the statement](../../leaflets/s/en.md) and ![a photo](photo.jpg).
-- content/articles/a/photo.jpg --
JPEG
-- content/leaflets/s/en.md --
---
title: Statement
---
## The call

Text.
`

func TestLinksBetweenItemsFollowTheReadersLanguage(t *testing.T) {
	d, ds := parse(t, twoItems, "content/articles/a/fr.md")
	h := htmlOf(t, d)
	// s has no French variant: the link falls back to its original, English.
	for _, want := range []string{`href="../../../en/leaflets/s/#the-call"`, `href="../../../articles/a/photo.jpg"`, `href="../../../en/leaflets/s/"`} {
		if !strings.Contains(h, want) {
			t.Errorf("missing %s in %s", want, h)
		}
	}
	if len(ds) > 1 { // the outdated en.md warning only
		t.Errorf("diagnostics: %v", ds)
	}
	d, _ = parse(t, twoItems, "content/articles/a/en.md")
	h = htmlOf(t, d)
	if !strings.Contains(h, `href="../../leaflets/s/"`) || !strings.Contains(h, `src="../../../articles/a/photo.jpg"`) {
		t.Errorf("en: %s", h)
	}
	if d.Targets == nil || len(d.Targets) != 2 {
		t.Errorf("targets %v", d.Targets)
	}
	// Three links into two items: its own (the photo) and the leaflet.
	d, _ = parse(t, twoItems, "content/articles/a/fr.md")
	if got, want := d.LinkedItems(), []string{"articles/a", "leaflets/s"}; !slices.Equal(got, want) {
		t.Errorf("LinkedItems = %q, want %q", got, want)
	}
}

// An item's files have one address, whatever the language of the page
// that shows or links them, and that of another item too, whether it has
// the reader's language or not: a reader who changes language fetches
// none of them again. The address is relative, from the page's folder.
func TestAnItemsFilesHaveOneAddressInEveryLanguage(t *testing.T) {
	const site = `
-- content/articles/a/en.md --
---
title: A
---
![A photo](photo.jpg) and [the flyer](../../leaflets/s/flyer.pdf).
-- content/articles/a/fr.md --
---
title: A
translated_from: en@000000000000
---
![Une photo](photo.jpg) et [le tract](../../leaflets/s/flyer.pdf).
-- content/articles/a/photo.jpg --
JPEG
-- content/leaflets/s/en.md --
---
title: Statement
---
Text.
-- content/leaflets/s/flyer.pdf --
%PDF
`
	for _, lang := range []string{"en", "fr"} {
		d, _ := parse(t, site, "content/articles/a/"+lang+".md")
		var targets []string
		for _, l := range d.Links() {
			targets = append(targets, l.Target)
		}
		if want := []string{"articles/a/photo.jpg", "leaflets/s/flyer.pdf"}; !slices.Equal(targets, want) {
			t.Errorf("%s: links lead to %q, want %q", lang, targets, want)
		}
		h := htmlOf(t, d)
		for _, want := range []string{`src="../../../articles/a/photo.jpg"`, `href="../../../leaflets/s/flyer.pdf"`} {
			if !strings.Contains(h, want) {
				t.Errorf("%s: no %s in %s", lang, want, h)
			}
		}
		if got, want := d.LinkedItems(), []string{"articles/a", "leaflets/s"}; !slices.Equal(got, want) {
			t.Errorf("%s: LinkedItems = %q, want %q", lang, got, want)
		}
	}
}

// A link to a file of the item that was refused (an SVG, a file too
// large) is not also reported as missing: the file's own error says what
// is wrong, and "does not exist" of a file the editor sees would mislead.
func TestALinkToARefusedFileIsNotReportedMissing(t *testing.T) {
	_, loading, parsing := load(t, `
-- content/articles/a/en.md --
---
title: A
date: 2024-02-24
---
![Map](map.svg) and [notes](notes.pdf)
-- content/articles/a/map.svg --
<svg xmlns="http://www.w3.org/2000/svg"></svg>
`, "content/articles/a/en.md", nil)
	ds := append(parsing, loading...)
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	if len(ds) != 2 || ds[0].Path != "content/articles/a/en.md" || !strings.Contains(ds[0].Message, "notes.pdf does not exist") ||
		ds[1].Path != "content/articles/a/map.svg" || !strings.Contains(ds[1].Message, "SVG") {
		t.Errorf("diagnostics:\n%s\nwant notes.pdf missing, and map.svg refused at the file only", strings.Join(got, "\n"))
	}
}

// A file whose name has its accents as separate marks (as a Mac may
// store it), linked with the name typed composed, is told so, not that
// it does not exist.
func TestALinkToAFileNamedWithSeparateAccentsSaysSo(t *testing.T) {
	_, ds := parse(t, "-- content/articles/a/en.md --\n---\ntitle: A\n---\n![The café](café.jpg)\n"+
		"-- content/articles/a/cafe\u0301.jpg --\nx\n", "content/articles/a/en.md")
	want := "its accents written another way (as separate marks, as a Mac may store names)"
	if len(ds) != 1 || !strings.Contains(ds[0].Message, want) || ds[0].Line != 4 {
		t.Errorf("want one error at line 4 containing %q; got %v", want, ds)
	}
}

func TestBrokenLinksAreErrorsAtTheirLine(t *testing.T) {
	_, ds := parse(t, `
-- content/articles/a/en.md --
---
title: A
---
Intro.

[gone](../../leaflets/gone/en.md) and
[no file](missing.pdf) and [escape](../../../../etc/passwd)
and [outside](../../../README.md) and ![img](../../leaflets/s/en.md)
and [absolute](/en/about/) and [local](file:///home/me/x.pdf)
and [missing variant](../../leaflets/s/fr.md)
and [old address](/leaflets/s/) and ![old picture](/static/images/picket.jpg) and [old page](/fr/leaflets/s/index.html)
and ![shared picture](../../../static/images/picket.jpg)
-- content/leaflets/s/en.md --
---
title: S
---
`, "content/articles/a/en.md")
	want := []struct {
		line   int
		substr string
	}{
		{6, "there is no item content/leaflets/gone"},
		{7, "missing.pdf does not exist"},
		{7, "points outside the site directory"},
		{8, "not inside an item folder"},
		{8, "is a page, not an image"},
		{9, "absolute path: write the path relative to this file (for another item"},
		{11, `link "/leaflets/s/" is an absolute path: write the path relative to this file, ../../leaflets/s/en.md`},
		{11, `image "/static/images/picket.jpg" is an absolute path: put the picture in this item's folder and write its name alone, ![…](picket.jpg)`},
		{11, `link "/fr/leaflets/s/index.html" is an absolute path: write the path relative to this file, ../../leaflets/s/en.md`},
		{12, `link "../../../static/images/picket.jpg" points at static/images/picket.jpg, in static/: a text can link only to files in item folders; copy it into this item's folder`},
		{9, "file on the author's computer"},
		{10, "content/leaflets/s/fr.md does not exist"},
	}
	for _, w := range want {
		found := false
		for _, d := range ds {
			if d.Line == w.line && d.Severity == diag.Error && strings.Contains(d.Message, w.substr) {
				found = true
			}
		}
		if !found {
			t.Errorf("no error at line %d containing %q; got %v", w.line, w.substr, ds)
		}
	}
}

// A link to the original of an item whose original was deleted names a
// text the item still has: it said "such as .md", the item having no
// text for the reader's language nor an original to fall back on.
func TestALinkToADeletedOriginalNamesATextTheItemHas(t *testing.T) {
	_, ds := parse(t, `
-- content/articles/a/en.md --
---
title: A
---
See [the leaflet](../../leaflets/s/en.md).
-- content/leaflets/s/es.md --
---
title: S
translated_from: en@000000000000
---
Texto.
`, "content/articles/a/en.md")
	want := `link "../../leaflets/s/en.md": content/leaflets/s/en.md does not exist (link to a text the item has, such as es.md: `
	for _, d := range ds {
		if d.Path == "content/articles/a/en.md" && strings.HasPrefix(d.Message, want) {
			return
		}
	}
	t.Errorf("no error starting %q; got %v", want, ds)
}

// What a site moved from another tool holds in its Markdown: a comment
// (Hugo's <!--more-->) goes without a word; a player, a picture or a
// line break in HTML is dropped with a word on what to write instead, in
// a message of one line.
func TestRawHTMLIsToldWhatToWriteInstead(t *testing.T) {
	d, ds := parse(t, body("en", `The picket at dawn.

<!--more-->

<div class="video-wrapper">
<iframe width="560" src="https://video.example/embed/x"></iframe>
</div>

<p><img src="/images/picket.jpg" alt="Strikers at the gate — à l’aube"></p>

First line<br>second line.
`), "content/articles/a/en.md")
	h := htmlOf(t, d)
	for _, bad := range []string{"<!--", "iframe", "<img"} {
		if strings.Contains(h, bad) {
			t.Errorf("%q reached the page: %s", bad, h)
		}
	}
	want := []struct {
		line   int
		substr string
	}{
		{8, `raw HTML dropped (<div class="video-wrapper"> <iframe widt…): tract does not embed other sites' players or maps`},
		{12, "write the picture in Markdown, ![what it shows](photo.jpg)"},
		{14, "to break a line, end it with a backslash"},
	}
	if len(ds) != len(want) {
		t.Errorf("%d diagnostics, want %d: %v", len(ds), len(want), ds)
	}
	for _, w := range want {
		if !slices.ContainsFunc(ds, func(d diag.Diagnostic) bool {
			return d.Line == w.line && d.Severity == diag.Warning && strings.Contains(d.Message, w.substr) && !strings.Contains(d.Message, "\n")
		}) {
			t.Errorf("no warning at line %d with %q: %v", w.line, w.substr, ds)
		}
	}
}

// Another tool's template tags in a text moved into tract are printed
// as they are: each is warned about, and code keeps them quietly.
func TestShortcodesAreWarnedAbout(t *testing.T) {
	_, ds := parse(t, body("en", "See {{< ref \"assembly\" >}} and {{% notice %}}.\n\n{% include map.html %}\n\n`{{< in code >}}`\n"), "content/articles/a/en.md")
	if len(ds) != 2 || !strings.HasPrefix(ds[0].Message, `{{< ref "assembly" >}} is a Hugo shortcode or a Liquid tag: tract does not run them`) || ds[0].Line != 4 || !strings.HasPrefix(ds[1].Message, "{% include map.html %} is") || ds[1].Line != 6 {
		t.Errorf("diagnostics %v", ds)
	}
}

func TestRawHTMLAndScriptURLsNeverReachThePage(t *testing.T) {
	d, ds := parse(t, body("en", `Hello <b>bold</b> text.

<div onclick="x()">block</div>

<script>alert(1)</script>

[click](javascript:alert(1)) [also](JaVaScript:alert(2)) [data](data:text/html;base64,xx) <javascript:alert(3)>
`), "content/articles/a/en.md")
	h := htmlOf(t, d)
	for _, bad := range []string{"<b>", "<div", "<script", "javascript", "JaVa", "data:", "onclick"} {
		if strings.Contains(h, bad) {
			t.Errorf("%q reached the page: %s", bad, h)
		}
	}
	if !strings.Contains(h, "click") || !strings.Contains(h, "bold") {
		t.Errorf("link text or inline text lost: %s", h)
	}
	var warnings, errors int
	for _, d := range ds {
		if d.Severity == diag.Warning && strings.Contains(d.Message, "raw HTML dropped") {
			warnings++
		}
		if d.Severity == diag.Error {
			errors++
		}
	}
	if warnings != 3 || errors != 5 { // <b>, </b>, <div> warned; script, 3 links and an autolink refused
		t.Errorf("%d warnings, %d errors: %v", warnings, errors, ds)
	}
	if ds[0].Line != 4 {
		t.Errorf("first diagnostic at line %d, want 4: %v", ds[0].Line, ds[0])
	}
}

func TestCaptionedImageAloneIsAFigure(t *testing.T) {
	d, _ := parse(t, `
-- content/articles/a/fr.md --
---
title: T
---
![Une photo](p.jpg "Le piquet : jour 12")

Texte ![inline](p.jpg "pas une figure") ici.

![sans légende](p.jpg)
-- content/articles/a/p.jpg --
x
`, "content/articles/a/fr.md")
	h := htmlOf(t, d)
	if strings.Count(h, "<figure>") != 1 {
		t.Fatalf("want one figure: %s", h)
	}
	if !strings.Contains(h, `<img src="../../../articles/a/p.jpg" alt="Une photo">`) || !strings.Contains(h, "<figcaption>Le piquet"+nb+": jour 12</figcaption>") {
		t.Errorf("figure: %s", h)
	}
}

// A table's scrolling box is reached by the keyboard and named shortly,
// in the text's language, by its number: its column headings, the
// table's own name, were read twice, and a table with empty headings
// left a focusable box without a name.
func TestATablesBoxHasAShortName(t *testing.T) {
	for _, tc := range []struct{ lang, text string }{
		{"fr", "| **Loyer** & charges | `m²` |\n|---|---|\n| 1 | 2 |\n\n> | | |\n> |---|---|\n> | 1 | 2 |\n"},
		{"es", "| a | b |\n|---|---|\n| 1 | 2 |\n\nY:\n\n| | |\n|---|---|\n| 1 | 2 |\n"},
	} {
		d, _ := parse(t, body(tc.lang, tc.text), "content/articles/a/"+tc.lang+".md")
		name := map[string]string{"fr": "Tableau", "es": "Tabla"}[tc.lang]
		h := htmlOf(t, d)
		for n := 1; n <= 2; n++ {
			if want := fmt.Sprintf(`<div class="table" tabindex="0" role="region" aria-label="%s %d">`, name, n); !strings.Contains(h, want) {
				t.Errorf("%s: want %s in\n%s", tc.lang, want, h)
			}
		}
		if strings.Count(h, "tabindex") != 2 {
			t.Errorf("%s: want two focusable boxes, each named, in\n%s", tc.lang, h)
		}
	}
}

// A code block is a box a keyboard reaches, to scroll a line wider than
// a phone, named by its number in the text's language, as a table's is
// (axe's scrollable-region-focusable); its lines are goldmark's, escaped.
func TestACodeBlocksBoxIsReachedAndNamed(t *testing.T) {
	const text = "```sh\ncurl 'https://example.org/?a=1&b=<2>'\n```\n\n> - In a list in a quote:\n>\n>       indented code\n"
	for _, tc := range []struct{ lang, name string }{{"en", "Code"}, {"fr", "Code"}, {"es", "Código"}} {
		d, _ := parse(t, body(tc.lang, text), "content/articles/a/"+tc.lang+".md")
		h := htmlOf(t, d)
		for _, want := range []string{
			`<pre tabindex="0" role="region" aria-label="` + tc.name + ` 1"><code class="language-sh">curl 'https://example.org/?a=1&amp;b=&lt;2&gt;'` + "\n</code></pre>",
			`<pre tabindex="0" role="region" aria-label="` + tc.name + ` 2"><code>indented code` + "\n</code></pre>",
		} {
			if !strings.Contains(h, want) {
				t.Errorf("%s: want %s in\n%s", tc.lang, want, h)
			}
		}
	}
}

// A task list's boxes are named, done or to do, in the text's language:
// an unnamed checkbox is a form field without a label to axe (critical).
func TestATaskListsBoxesAreNamed(t *testing.T) {
	for _, tc := range []struct{ lang, done, todo string }{{"en", "Done", "To do"}, {"fr", "Fait", "À faire"}, {"es", "Hecho", "Pendiente"}} {
		d, _ := parse(t, body(tc.lang, "- [x] leaflets printed\n- [ ] posters up\n"), "content/articles/a/"+tc.lang+".md")
		h := htmlOf(t, d)
		for _, want := range []string{
			`<li><input checked="" disabled="" type="checkbox" aria-label="` + tc.done + `"> leaflets printed</li>`,
			`<li><input disabled="" type="checkbox" aria-label="` + tc.todo + `"> posters up</li>`,
		} {
			if !strings.Contains(h, want) {
				t.Errorf("%s: want %s in\n%s", tc.lang, want, h)
			}
		}
	}
}

func TestTablesAndFootnotes(t *testing.T) {
	d, _ := parse(t, body("en", "| a | b |\n|---|---|\n| 1 | 2 |\n\nNote.[^1] ~~old~~ https://example.org\n\n[^1]: The note.\n"), "content/articles/a/en.md")
	h := htmlOf(t, d)
	for _, want := range []string{`<div class="table" tabindex="0" role="region" aria-label="Table 1">`, "<table>", `role="doc-endnotes"`, "<del>old</del>", `<a href="https://example.org">`} {
		if !strings.Contains(h, want) {
			t.Errorf("missing %s in %s", want, h)
		}
	}
}

// A text's footnotes are named in its language: a reference is "Note 1",
// not a bare number; the link back is "Back to the text", not an arrow;
// and the notes have a heading, where goldmark draws a rule. The ids and
// links are goldmark's, a reference made twice included.
func TestFootnotesAreNamedInTheTextsLanguage(t *testing.T) {
	const text = "## Footnotes\n\nOne[^a], two[^b] and one again[^a].\n\n[^a]: First.\n[^b]: Second.\n"
	for _, tc := range []struct{ lang, ref, back, heading string }{
		{"en", "Note", "Back to the text", "Notes"},
		{"fr", "Note", "Retour au texte", "Notes"},
		{"es", "Nota", "Volver al texto", "Notas"},
	} {
		d, _ := parse(t, body(tc.lang, text), "content/articles/a/"+tc.lang+".md")
		h := htmlOf(t, d)
		for _, want := range []string{
			`<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref" aria-label="` + tc.ref + ` 1">1</a></sup>`,
			`<sup id="fnref:2"><a href="#fn:2" class="footnote-ref" role="doc-noteref" aria-label="` + tc.ref + ` 2">2</a></sup>`,
			`<sup id="fnref1:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref" aria-label="` + tc.ref + ` 1">1</a></sup>`,
			`&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink" aria-label="` + tc.back + `">&#x21a9;&#xfe0e;</a>`,
			`&#160;<a href="#fnref1:1" class="footnote-backref" role="doc-backlink" aria-label="` + tc.back + `">&#x21a9;&#xfe0e;</a>`,
			`<section class="footnotes" role="doc-endnotes" aria-labelledby="footnotes">` + "\n" + `<h2 id="footnotes">` + tc.heading + "</h2>\n<ol>\n" + `<li id="fn:1">`,
			// The text's own heading keeps clear of the notes' id.
			`<h2 id="footnotes-1">Footnotes</h2>`,
		} {
			if !strings.Contains(h, want) {
				t.Errorf("%s: want %s in\n%s", tc.lang, want, h)
			}
		}
		if strings.Contains(h, "<hr") {
			t.Errorf("%s: the notes are set off by a rule:\n%s", tc.lang, h)
		}
	}
}

func TestSummaryIsPlainFirstSentences(t *testing.T) {
	d, _ := parse(t, body("en", "# Heading\n\nThe **first** sentence, with [a link](https://x.org). The second one is here! A third sentence that is rather long and goes on and on, well past any reasonable length for a summary of an item.\n"), "content/articles/a/en.md")
	if got, want := d.Summary(120), "The first sentence, with a link. The second one is here!"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	d, _ = parse(t, body("en", strings.Repeat("word ", 100)+"\n"), "content/articles/a/en.md")
	if got := d.Summary(50); !strings.HasSuffix(got, "…") || len([]rune(got)) > 51 {
		t.Errorf("long sentence summary %q", got)
	}
}

// A picture's description is for those who cannot see it, not for a
// summary: "Strikers at gate 3 Every morning at 6…" is not a sentence.
// Search still finds the picture by it.
func TestSummaryLeavesPicturesOut(t *testing.T) {
	for _, text := range []string{
		"![Strikers at gate 3](picket.jpg)\n\nEvery morning at 6, gate 3. Bring a flask.\n",
		"![Strikers at gate 3](picket.jpg) Every morning at 6, gate 3. Bring a flask.\n",
	} {
		d, _ := parse(t, body("en", text), "content/articles/a/en.md")
		if got, want := d.Summary(200), "Every morning at 6, gate 3. Bring a flask."; got != want {
			t.Errorf("summary of %q: %q, want %q", text, got, want)
		}
		if words := string(d.SearchWords()); !strings.Contains(words, "strikers") {
			t.Errorf("search words of %q lack the picture's description: %s", text, words)
		}
	}
}

func TestDeepNestingIsRefused(t *testing.T) {
	_, ds := parse(t, body("en", strings.Repeat(">", 200)+" deep\n"), "content/articles/a/en.md")
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "nested 200 deep") {
		t.Errorf("diagnostics %v", ds)
	}
}

// The depth is counted as Markdown nests, so that text within the limit
// is never refused, and a refusal points at the line that goes too deep.
func TestNestingIsCountedAsMarkdownNests(t *testing.T) {
	indented := func(levels int) string {
		var b strings.Builder
		for i := range levels {
			b.WriteString(strings.Repeat("  ", i) + "- level\n")
		}
		return b.String()
	}
	for _, tc := range []struct {
		name, text string
		depth, at  int
	}{
		{"quotes with spaces", strings.Repeat("> ", 30) + "deep\n", 30, 0},
		{"quotes without", strings.Repeat(">", 30) + " deep\n", 30, 0},
		{"a rule of spaced dashes", "Text.\n\n" + strings.Repeat("- ", 40) + "\n", 0, 0},
		{"a rule of stars", strings.Repeat("* ", 40) + "\n", 0, 0},
		{"a quote of blanks", ">" + strings.Repeat(" ", 66) + "\n", 1, 0},
		{"code in a quote", ">" + strings.Repeat(" ", 66) + "code\n", 1, 0},
		{"bullets on one line", strings.Repeat("- ", 40) + "x\n", 40, 0},
		{"numbers on one line", strings.Repeat("1. ", 40) + "x\n", 40, 0},
		{"a list nested by indentation", indented(12), 12, 11},
		{"the deepest line", "Text.\n\n> > a\n\n" + strings.Repeat("> ", 40) + "b\n\nEnd.\n", 40, 4},
		{"a number in a sentence", "1999. A year.\n", 1, 0},
		{"a number alone", "42 is a number.\n", 0, 0},
	} {
		if depth, at := nestingDepth([]byte(tc.text)); depth != tc.depth || at != tc.at {
			t.Errorf("%s: depth %d at line %d, want %d at %d", tc.name, depth, at, tc.depth, tc.at)
		}
	}
	// The error is at the deepest line of the file.
	_, ds := parse(t, body("en", "Text.\n\n"+strings.Repeat("> ", 40)+"deep\n"), "content/articles/a/en.md")
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "nested 40 deep") || ds[0].Line != 6 {
		t.Errorf("diagnostics %v", ds)
	}
}

func TestImageWithoutAltTextIsAWarningAtItsLine(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		d, ds := parse(t, `
-- content/articles/a/`+lang+`.md --
---
title: T
---
Text.

![](nothing-said.jpg)

![""](border.png) and ![ " " ](rule.png)

![A crowd at gate 3](crowd.jpg)
-- content/articles/a/nothing-said.jpg --
x
-- content/articles/a/border.png --
x
-- content/articles/a/rule.png --
x
-- content/articles/a/crowd.jpg --
x
`, "content/articles/a/"+lang+".md")
		if len(ds) != 1 || ds[0].Severity != diag.Warning || ds[0].Line != 6 || !strings.Contains(ds[0].Message, "nothing-said.jpg has no alt text") {
			t.Fatalf("%s: want one warning at line 6 about nothing-said.jpg, got %v", lang, ds)
		}
		h := htmlOf(t, d)
		for _, want := range []string{`src="../../../articles/a/border.png" alt=""`, `src="../../../articles/a/rule.png" alt=""`, `alt="A crowd at gate 3"`} {
			if !strings.Contains(h, want) {
				t.Errorf("%s: missing %s in %s", lang, want, h)
			}
		}
	}
}

func TestProbedImagesGetTheirSizeCopiesAndLazyLoading(t *testing.T) {
	big := &imaging.Image{Name: "big photo.jpg", Format: "jpeg", Width: 2400, Height: 1600, Orientation: 1, Copies: []imaging.Copy{
		{Name: "big photo-480w.jpg", Width: 480, Height: 320},
		{Name: "big photo-960w.jpg", Width: 960, Height: 640},
		{Name: "big photo-1600w.jpg", Width: 1600, Height: 1067},
	}}
	small := &imaging.Image{Name: "small.png", Format: "png", Width: 300, Height: 200, Orientation: 1}
	d, ds := parseWithImages(t, `
-- content/articles/a/en.md --
---
title: T
---
![Strikers](big%20photo.jpg "At the gate")

One.

Two.

Three.

![A logo](small.png)
-- content/articles/a/big photo.jpg --
x
-- content/articles/a/small.png --
x
`, "content/articles/a/en.md", map[string]*imaging.Image{
		"content/articles/a/big photo.jpg": big,
		"content/articles/a/small.png":     small,
	})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	h := htmlOf(t, d)
	wantFigure := `<img src="../../../articles/a/big%20photo-960w.jpg" alt="Strikers" width="960" height="640" ` +
		`srcset="../../../articles/a/big%20photo-480w.jpg 480w, ../../../articles/a/big%20photo-960w.jpg 960w, ../../../articles/a/big%20photo-1600w.jpg 1600w" sizes="` + ImageSizes + `" decoding="async">`
	if !strings.Contains(h, wantFigure) {
		t.Errorf("the first image, near the top, should load at once from its 960 px copy:\n%s", h)
	}
	if !strings.Contains(h, `<img src="../../../articles/a/small.png" alt="A logo" width="300" height="200" loading="lazy" decoding="async">`) {
		t.Errorf("a small image further down should be lazy and have no srcset:\n%s", h)
	}
	lead := d.LeadImage()
	if lead == nil || lead.Path != "articles/a/big%20photo-960w.jpg" || lead.Width != 960 || lead.Alt != "Strikers" {
		t.Errorf("lead image = %+v", lead)
	}
}

func TestHeadingIDsKeepLettersOfEveryScript(t *testing.T) {
	// हिन्दी has two vowel signs that are spacing marks (Mc): a hyphen
	// in their place cut the word in three.
	d, _ := parse(t, body("fr", "## Réunion à l'usine\n\n## Ελλάδα\n\n## Réunion à l'usine\n\n## Signatories\n\n## !!!\n\n## हिन्दी में\n"), "content/articles/a/fr.md")
	var got []string
	for _, h := range d.Headings() {
		got = append(got, h.ID)
	}
	want := "réunion-à-l-usine ελλάδα réunion-à-l-usine-1 signatories-1 section हिन्दी-में"
	if strings.Join(got, " ") != want {
		t.Errorf("ids %q, want %q", strings.Join(got, " "), want)
	}
}

// A heading's id is made from its text as the reader sees it, not from
// its Markdown: a link to "#heading-with-a-link" finds "## Heading with
// [a link](../b/en.md)", which once had the id
// "heading-with-a-link-b-en-md". A note's mark is no part of it, so
// "## Notes[^1]" and "## Notes" are numbered as two of one name.
func TestAHeadingsIDIsMadeFromItsTextNotItsMarkdown(t *testing.T) {
	md := "## Heading with [a link](../b/en.md)\n\n" +
		"## *Really* `tract build` __now__\n\n" +
		"## Our ![logo](logo.png) plan\n\n" +
		"## Notes[^1]\n\n" +
		"## Notes\n\n" +
		"## Hello <b>world</b>\n\n" +
		"## Caf&eacute; &amp; co\n\n" +
		"## Забастовка на <https://example.org/x>\n\n" +
		"Two\nlines\n---\n\n" +
		"[^1]: A note.\n"
	d, _ := parse(t, body("en", md)+"-- content/articles/b/en.md --\n---\ntitle: B\n---\nB.\n", "content/articles/a/en.md")
	want := []string{"heading-with-a-link", "really-tract-build-now", "our-logo-plan", "notes", "notes-1", "hello-world", "café-co", "забастовка-на-https-example-org-x", "two-lines"}
	var got []string
	for _, h := range d.Headings() {
		got = append(got, h.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("ids %q, want %q", got, want)
	}
	if h := htmlOf(t, d); !strings.Contains(h, `<h2 id="heading-with-a-link">`) {
		t.Errorf("no id heading-with-a-link on the page:\n%s", h)
	}
}

// goldmark's table renderer added a cell's alignment to its attributes
// as it rendered, so rendering the same AST twice gave "text-align:right"
// twice. tract serve renders a text again for each state of the site.
// The alignment is a class now, written as the cell is (renderTableCell),
// and no style attribute, which a Content-Security-Policy would drop.
func TestHTMLIsTheSameEachTime(t *testing.T) {
	d, _ := parse(t, body("en", "| a | b |\n|--:|:-:|\n| 1 | 2 |\n"), "content/articles/a/en.md")
	first := htmlOf(t, d)
	if !strings.Contains(first, `<td class="align-right">1</td>`) || strings.Contains(first, "style=") {
		t.Fatalf("no alignment in %s", first)
	}
	for range 3 {
		if again := htmlOf(t, d); again != first {
			t.Fatalf("the second rendering differs:\n%s\n%s", first, again)
		}
	}
}

// Texts whose parse would take minutes, or whose PDF gigabytes, are
// refused before goldmark sees them, at the paragraph's first line; a
// long list of short items, each a paragraph of its own, is not.
func TestCrowdedTextsAreRefusedBeforeParsing(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		msg        string // "" for accepted
		line       int
	}{
		{"emphasis delimiters", "Intro.\n\n" + strings.Repeat("*a_", 6000) + "\n", "more than 10000 of * _ ~ in one paragraph", 6},
		{"just under", strings.Repeat("*a_", 4900) + "\n", "", 0},
		{"brackets", strings.Repeat("[a](", 6000) + "\n", "more than 5000 [ in one paragraph", 4},
		{"a long list of bold items", strings.Repeat("- **item** and _more_\n", 5000), "", 0},
		{"paragraphs of links", strings.Repeat("See [this](https://x.org) and [that](https://x.org).\n\n", 4000), "", 0},
		{"too many blocks", strings.Repeat("- a\n", MaxBlocks+1), "more than 20000 blocks", 4 + MaxBlocks},
		// At each limit, and one past it with nothing else in the text.
		{"as many blocks as allowed", strings.Repeat("- a\n", MaxBlocks), "", 0},
		{"as many delimiters as allowed", strings.Repeat("_a", MaxDelims) + "\n", "", 0},
		{"one delimiter too many", strings.Repeat("_a", MaxDelims+1) + "\n", "more than 10000 of * _ ~ in one paragraph", 4},
		{"one bracket too many", strings.Repeat("[a", MaxBrackets+1) + "\n", "more than 5000 [ in one paragraph", 4},
	} {
		_, ds := parse(t, body("en", tc.text), "content/articles/a/en.md")
		var found []string
		for _, d := range ds {
			if d.Severity == diag.Error {
				found = append(found, d.String())
			}
		}
		switch {
		case tc.msg == "" && len(found) > 0:
			t.Errorf("%s: refused: %v", tc.name, found)
		case tc.msg != "" && (len(ds) != 1 || !strings.Contains(ds[0].Message, tc.msg) || ds[0].Line != tc.line):
			t.Errorf("%s: %v, want one error at line %d with %q", tc.name, ds, tc.line, tc.msg)
		}
	}
}

// The count of a text's blocks takes a last line with no line end as a
// line: a file need not end with one.
func TestCrowdedCountsALastLineWithoutItsEnd(t *testing.T) {
	src := []byte(strings.Repeat("- a\n", MaxBlocks) + "- a")
	if msg, at := crowded(src); !strings.Contains(msg, "more than 20000 blocks") || at != MaxBlocks {
		t.Errorf("crowded: %q at line %d, want more than 20000 blocks at line %d", msg, at, MaxBlocks)
	}
	if msg, _ := crowded(src[:len(src)-len("- a")]); msg != "" {
		t.Errorf("crowded: %q for as many blocks as allowed", msg)
	}
}

// A link's address is checked as the reader's browser gets it: with its
// backslash escapes and character references resolved.
func TestALinksEscapesAreResolvedBeforeItIsChecked(t *testing.T) {
	d, ds := parse(t, `
-- content/articles/a/en.md --
---
title: A
---
[r](my\_report.pdf), [o](report\(1\).pdf), [i](../my\_item/en.md), [e](my&#95;report.pdf) and [x](javascript&colon;alert(1)).
-- content/articles/a/my_report.pdf --
%PDF
-- content/articles/a/report(1).pdf --
%PDF
-- content/articles/my_item/en.md --
---
title: I
---
Text.
`, "content/articles/a/en.md")
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "script, data and local-file URLs are never published") {
		t.Errorf("diagnostics: %v; want only the script link refused", ds)
	}
	html, err := d.HTML()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="../../../articles/a/my_report.pdf"`, `href="../../../articles/a/report%281%29.pdf"`, `href="../my_item/"`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("no %s in %s", want, html)
		}
	}
}

// A problem with a link or picture that has no text of its own (no
// description, [](x.md)) is reported at its own line, not at its
// paragraph's first.
func TestProblemsWithoutTextAreReportedAtTheirLine(t *testing.T) {
	_, ds := parse(t, `
-- content/articles/a/en.md --
---
title: A
---
First line of a paragraph
second line
third line ![](nope.png) here
and [](missing.md) fourth, ![](also.png)
`, "content/articles/a/en.md")
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%d %s", d.Line, d.Message[:min(len(d.Message), 40)]))
	}
	for _, want := range []struct {
		line int
		text string
	}{{6, "nope.png"}, {7, "missing.md"}, {7, "also.png"}} {
		found := false
		for _, d := range ds {
			found = found || d.Line == want.line && strings.Contains(d.Message, want.text)
		}
		if !found {
			t.Errorf("nothing about %s at line %d: %q", want.text, want.line, got)
		}
	}
	for _, d := range ds {
		if d.Line == 4 {
			t.Errorf("a problem at the paragraph's first line: %s", d)
		}
	}
}

// A text's headings start at h2, under the page's title, whatever level
// the text starts at, and keep their levels relative to one another.
func TestATextsHeadingsStartAtLevelTwo(t *testing.T) {
	for _, tc := range []struct{ md, want string }{
		{"# Chapter\n\nText.\n\n### Detail\n\n## Part\n", `<h2 id="chapter">Chapter</h2>|<h4 id="detail">Detail</h4>|<h3 id="part">Part</h3>`},
		{"### Small\n\n#### Smaller\n", `<h2 id="small">Small</h2>|<h3 id="smaller">Smaller</h3>`},
		{"## As meant\n\n### Under it\n", `<h2 id="as-meant">As meant</h2>|<h3 id="under-it">Under it</h3>`},
		{"# One\n\n###### Six\n", `<h2 id="one">One</h2>|<h6 id="six">Six</h6>`},
	} {
		d, ds := parse(t, "-- content/articles/a/en.md --\n---\ntitle: A\n---\n"+tc.md, "content/articles/a/en.md")
		// Skipping a level is warned about (see the test below), and
		// shifted all the same.
		if ds = slices.DeleteFunc(ds, func(d diag.Diagnostic) bool { return strings.Contains(d.Message, "skips a level") }); len(ds) > 0 {
			t.Fatal(ds)
		}
		html, err := d.HTML()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range strings.Split(tc.want, "|") {
			if !strings.Contains(string(html), want) {
				t.Errorf("%q: no %s in\n%s", tc.md, want, html)
			}
		}
		if hs := d.Headings(); hs[0].Level != 2 {
			t.Errorf("%q: first heading at level %d, want 2", tc.md, hs[0].Level)
		}
	}
}

// A heading more than one level below the one before it is a warning at
// its line, in the levels as written; a text's first heading may be at
// any level, and a heading may come back up any number of levels.
func TestAHeadingThatSkipsALevelIsAWarning(t *testing.T) {
	const md = "### Start\n\n#### Under\n\n###### Skipped\n\n### Back up\n\n##### Skipped again\n"
	_, ds := parse(t, "-- content/articles/a/en.md --\n---\ntitle: A\n---\n"+md, "content/articles/a/en.md")
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	want := []string{
		"content/articles/a/en.md:8: warning: this ###### heading skips a level after the #### one before it: readers who move through a page by its headings (with a screen reader) look for the level between; write it #####, or make it bold text if it is not a heading",
		"content/articles/a/en.md:12: warning: this ##### heading skips a level after the ### one before it: readers who move through a page by its headings (with a screen reader) look for the level between; write it ####, or make it bold text if it is not a heading",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A first heading below the highest level after it skips a level
	// under the title: it is named, with the level to write.
	for md, want := range map[string]string{
		"## Intro\n\n# Chapter\n":  "content/articles/a/en.md:4: warning: this ## heading, the text's first, is below the # headings after it, and skips a level under the title: readers who move through a page by its headings (with a screen reader) look for the level between; write it #, or make it bold text if it is not a heading",
		"### A\n\n## B\n\n### C\n": "content/articles/a/en.md:4: warning: this ### heading, the text's first, is below the ## headings after it, and skips a level under the title: readers who move through a page by its headings (with a screen reader) look for the level between; write it ##, or make it bold text if it is not a heading",
	} {
		_, ds := parse(t, "-- content/articles/a/en.md --\n---\ntitle: A\n---\n"+md, "content/articles/a/en.md")
		if len(ds) != 1 || ds[0].String() != want {
			t.Errorf("%q: %v\nwant %s", md, ds, want)
		}
	}
}

// A link to an item's page written as the site's own web address is a
// warning that gives the path to write, one to an item that is not there
// an error; a section's list, another site and a picture are left alone.
func TestALinkToTheSitesOwnAddressIsChecked(t *testing.T) {
	const site = "-- content/leaflets/rent/en.md --\n---\ntitle: Rent\n---\nText.\n-- content/articles/a/fr.md --\n---\ntitle: A\n---\n" +
		"[1](https://x.org/en/leaflets/rent/) [2](http://www.x.org/fr/leaflets/rents/#top) [3](https://x.org/fr/events/) [4](https://y.org/en/leaflets/nothing/) ![5](https://x.org/en/leaflets/nothing/p.jpg)\n"
	_, ds := parse(t, site, "content/articles/a/fr.md")
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	want := []string{
		`content/articles/a/fr.md:4: error: link "http://www.x.org/fr/leaflets/rents/#top" is to this site's own address, where there is no page: there is no item content/leaflets/rents: did you mean ../../leaflets/rent/en.md?`,
		`content/articles/a/fr.md:4: warning: link "https://x.org/en/leaflets/rent/" is to this site's own address: write the path to the item's text, ../../leaflets/rent/en.md, which tract checks, and which sends each reader to the page in their own language`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A broken link is quoted whole in its message while a line can hold it,
// and cut after 200 characters beyond: a megabyte of link was printed as
// a line of two million (security review).
func TestABrokenLinkIsQuotedAtMostTwoHundredCharactersLong(t *testing.T) {
	long := strings.Repeat("a", 1<<20)
	for _, tc := range []struct{ dest, want string }{
		{"../../leaflets/solidarity-with-the-warehouse-strikers-in-kellingford/en.md", `"../../leaflets/solidarity-with-the-warehouse-strikers-in-kellingford/en.md"`},
		{long + ".pdf", `"` + strings.Repeat("a", 200) + `…"`},
		{"%zz" + long, `"%zz` + strings.Repeat("a", 197) + `…" is not a valid URL: invalid URL escape "%zz"`},
	} {
		_, ds := parse(t, "-- content/articles/a/en.md --\n---\ntitle: A\n---\n[x]("+tc.dest+")\n", "content/articles/a/en.md")
		if len(ds) != 1 || !strings.Contains(ds[0].Message, tc.want) || len(ds[0].Message) > 600 {
			msg := ""
			if len(ds) > 0 {
				msg = ds[0].Message[:min(len(ds[0].Message), 700)]
			}
			t.Errorf("%d diagnostics; want one quoting %.80s, at most 600 bytes; got %d bytes: %s", len(ds), tc.want, len(msg), msg)
		}
	}
}
