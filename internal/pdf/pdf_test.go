package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tract "github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/locale"
	"github.com/tractpub/tract/internal/markdown"
	"github.com/tractpub/tract/internal/pdf/fonts"
	"github.com/tractpub/tract/internal/pdf/layout"
	"github.com/tractpub/tract/internal/testsite"
)

// overlay reads the test site, then tract's defaults.
type overlay struct{ site, defaults fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if f, err := o.site.Open(name); err == nil {
		return f, nil
	}
	return o.defaults.Open(name)
}

// maker loads a txtar site and returns a Maker for it.
func maker(t testing.TB, archive string) (*Maker, *content.Site) {
	t.Helper()
	m, site := makerWithFonts(t, archive, nil)
	if m == nil {
		t.Fatal("the site has errors")
	}
	return m, site
}

// makerWithFonts is maker with an already parsed font set (nil: parse
// one); it returns nil if the site has errors.
func makerWithFonts(t testing.TB, archive string, set *fonts.Set) (*Maker, *content.Site) {
	t.Helper()
	return makerFS(t, testsite.FS(archive), set)
}

// makerFS is makerWithFonts for a site given as a file system.
func makerFS(t testing.TB, site fs.FS, set *fonts.Set) (*Maker, *content.Site) {
	t.Helper()
	var diags diag.List
	fsys := overlay{site, tract.Defaults}
	cs := content.Load(fsys, &diags)
	if cs == nil {
		t.Fatalf("load: %v", diags.Sorted())
	}
	cat := locale.Load(fsys, tract.Defaults, cs.Config.Languages, cs.Config.DefaultLanguage, &diags)
	p := markdown.NewParser(cs, nil)
	docs := map[*content.Variant]*markdown.Doc{}
	for _, it := range cs.Items {
		for _, v := range it.Variants {
			docs[v] = p.Parse(v, &diags)
		}
	}
	if diags.HasErrors() {
		t.Logf("site: %v", diags.Sorted())
		return nil, cs
	}
	m, err := NewMaker(fsys, cs, cat, markdown.DocsOf(docs), time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if set != nil {
		m.Fonts = set
	}
	return m, cs
}

func make1(t testing.TB, m *Maker, site *content.Site, section, slug, lang string) ([]File, []Problem) {
	t.Helper()
	files, probs, err := m.Make(site.Item(section, slug).Variants[lang])
	if err != nil {
		t.Fatal(err)
	}
	return files, probs
}

// tool runs a command-line tool from poppler or zbar; CI installs them
// and sets TRACT_REQUIRE_TOOLS, so there a missing tool fails the test.
func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("TRACT_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s is required (TRACT_REQUIRE_TOOLS is set) but not installed", name)
		}
		t.Skipf("%s is not installed (Debian: poppler-utils, zbar-tools)", name)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	return string(out)
}

func writeTemp(t *testing.T, f File) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), f.Name)
	if err := os.WriteFile(p, f.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const statement = `
-- content/leaflets/statement/en.md --
---
title: "Solidarity with the strikers"
date: 2026-11-09
paper: a5
signatories:
  - "Kellingford Tenants' Network (United Kingdom)"
  - "Bolşevik Parti (Kuzey Kürdistan-Türkiye)"
  - "Związek Zawodowy Łódź (Polska)"
  - "Σωματείο Εργαζομένων Αθήνας (Ελλάδα)"
  - "Профсоюз докеров (Україна)"
---
The strike at the warehouse is in its **third week**. We, the undersigned,
stand with the strikers and call on the company to *negotiate now*.

1. Pay the living wage.
2. Stop the scanner sanctions.

Read more on [our site](https://example.org/) and the notes.[^1]

[^1]: Figures from the union, November 2026.
-- content/leaflets/statement/fr.md --
---
title: "Solidarité avec les grévistes"
translated_from: en@000000000000
---
La grève entre dans sa **troisième semaine** : nous sommes aux côtés des grévistes !
`

func TestEveryWordOfTheVariantIsInThePDF(t *testing.T) {
	m, site := maker(t, statement)
	files, _ := make1(t, m, site, "leaflets", "statement", "en")
	text := tool(t, "pdftotext", "-enc", "UTF-8", writeTemp(t, files[0]), "-")
	// Words hyphenated at a line end are joined again.
	joined := regexp.MustCompile(`-\n`).ReplaceAllString(text, "")
	got := strings.Join(strings.Fields(joined), " ")
	v := site.Item("leaflets", "statement").Variants["en"]
	want := m.docs.Get(v).Text() + " " + strings.Join(v.Item.Meta.Signatories, " ")
	for _, w := range strings.Fields(want) {
		w = strings.Trim(w, ".,;:!?()“”\"'’")
		if w == "" || strings.ContainsAny(w, "¹") {
			continue
		}
		if !strings.Contains(got, w) {
			t.Errorf("word %q missing from the PDF text", w)
		}
	}
	for _, s := range []string{"Bolşevik Parti (Kuzey Kürdistan-Türkiye)", "Związek Zawodowy Łódź (Polska)", "Σωματείο Εργαζομένων", "Профсоюз докеров", "Solidarity with the strikers"} {
		if !strings.Contains(got, s) {
			t.Errorf("%q missing from the PDF text:\n%s", s, got)
		}
	}
}

func TestLeafletFitsOnePageAtTheItemsPaperSize(t *testing.T) {
	m, site := maker(t, statement)
	files, probs := make1(t, m, site, "leaflets", "statement", "en")
	if len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	if len(files) != 2 || files[0].Edition != Plain || files[1].Edition != TwoUp {
		t.Fatalf("editions: %+v", files)
	}
	info := tool(t, "pdfinfo", writeTemp(t, files[0]))
	if !strings.Contains(info, "Pages:           1\n") || !strings.Contains(info, "419.53 x 595.28 pts") {
		t.Errorf("plain edition:\n%s", info)
	}
	info = tool(t, "pdfinfo", writeTemp(t, files[1]))
	if !strings.Contains(info, "Pages:           1\n") || !strings.Contains(info, "841.89 x 595.28 pts (A4)") {
		t.Errorf("2-up edition:\n%s", info)
	}
	fonts := tool(t, "pdffonts", writeTemp(t, files[0]))
	for _, line := range strings.Split(fonts, "\n")[2:] {
		if f := strings.Fields(line); len(f) > 4 && f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", line)
		}
	}
}

func TestALongLeafletUsesTwoPagesAndWarns(t *testing.T) {
	long := strings.Repeat("The rent rose again this year, and the repairs still wait. ", 140)
	m, site := maker(t, "-- content/leaflets/long/en.md --\n---\ntitle: Long\n---\n"+long+"\n")
	files, probs := make1(t, m, site, "leaflets", "long", "en")
	if len(probs) != 1 || !strings.Contains(probs[0].Message, "does not fit on one A4 page") || probs[0].Path != "content/leaflets/long/en.md" {
		t.Errorf("problems: %v", probs)
	}
	if files[0].Pages != 2 {
		t.Errorf("%d pages, want 2 (front and back)", files[0].Pages)
	}
}

func TestTheQRCodeDecodesToThePageAddress(t *testing.T) {
	m, site := maker(t, statement)
	files, _ := make1(t, m, site, "leaflets", "statement", "fr")
	dir := t.TempDir()
	tool(t, "pdftoppm", "-r", "200", "-png", writeTemp(t, files[0]), filepath.Join(dir, "page"))
	pngs, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(pngs) != 1 {
		t.Fatalf("pages: %v", pngs)
	}
	out := tool(t, "zbarimg", "--quiet", "--raw", pngs[0])
	if got := strings.TrimSpace(out); got != "https://x.org/fr/leaflets/statement/" {
		t.Errorf("QR code reads %q", got)
	}
}

func TestSameInputGivesTheSameBytes(t *testing.T) {
	m1, site1 := maker(t, statement)
	m2, site2 := maker(t, statement)
	a, _ := make1(t, m1, site1, "leaflets", "statement", "en")
	b, _ := make1(t, m2, site2, "leaflets", "statement", "en")
	for i := range a {
		if !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two runs", a[i].Name)
		}
	}
}

func TestBookletOrder(t *testing.T) {
	tests := []struct {
		pages int
		want  string
	}{
		{1, "[[0 1] [0 0]]"},
		{4, "[[4 1] [2 3]]"},
		{7, "[[0 1] [2 7] [6 3] [4 5]]"},
		{8, "[[8 1] [2 7] [6 3] [4 5]]"},
		{12, "[[12 1] [2 11] [10 3] [4 9] [8 5] [6 7]]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(BookletOrder(tt.pages)); got != tt.want {
			t.Errorf("BookletOrder(%d) = %s, want %s", tt.pages, got, tt.want)
		}
	}
	// Every page appears once, and the two pages of a side always add up
	// to the padded count plus one, as a fold requires.
	for n := 1; n <= 40; n++ {
		seen := map[int]bool{}
		total := (n + 3) / 4 * 4
		for _, side := range BookletOrder(n) {
			l, r := side[0], side[1]
			if l == 0 {
				l = total + 1 - r
			}
			if r == 0 {
				r = total + 1 - l
			}
			if l+r != total+1 && side != [2]int{} {
				t.Errorf("n=%d: side %v does not fold", n, side)
			}
			seen[side[0]], seen[side[1]] = true, true
		}
		for p := 1; p <= n; p++ {
			if !seen[p] {
				t.Errorf("n=%d: page %d missing", n, p)
			}
		}
	}
}

// outline is a document's bookmarks as "level:title", in order.
func outline(doc *layout.Document) string {
	var marks []string
	for _, b := range doc.Bookmarks {
		marks = append(marks, fmt.Sprintf("%d:%s", b.Level, b.Title))
	}
	return strings.Join(marks, " ")
}

func TestBulletinAndPamphletGetABooklet(t *testing.T) {
	var body strings.Builder
	for i := 1; i <= 6; i++ {
		fmt.Fprintf(&body, "## Chapter %d\n\n%s\n\n### Part %d.1\n\n%s\n\n", i, strings.Repeat("Organising starts with a list of doors. ", 60), i, strings.Repeat("Every meeting decides something. ", 40))
	}
	m, site := maker(t, "-- content/pamphlets/p/en.md --\n---\ntitle: Rent and wages\nsummary: Why we organise.\ndate: 2026-11-01\n---\n"+body.String())
	files, _ := make1(t, m, site, "pamphlets", "p", "en")
	if len(files) != 2 || files[1].Edition != Booklet {
		t.Fatalf("editions %+v", files)
	}
	if files[1].Pages%4 != 0 {
		t.Errorf("booklet of %d pages", files[1].Pages)
	}
	doc, _, err := m.set(site.Item("pamphlets", "p").Variants["en"], "a4")
	if err != nil {
		t.Fatal(err)
	}
	want := "0:Chapter 1 1:Part 1.1 0:Chapter 2 1:Part 2.1 0:Chapter 3 1:Part 3.1 0:Chapter 4 1:Part 4.1 0:Chapter 5 1:Part 5.1 0:Chapter 6 1:Part 6.1"
	if got := outline(doc); got != want {
		t.Errorf("bookmarks\n got %s\nwant %s", got, want)
	}
	text := tool(t, "pdftotext", "-layout", writeTemp(t, files[0]), "-")
	if !strings.Contains(text, "Contents") || !regexp.MustCompile(`Chapter 6\s+\d+`).MatchString(text) {
		t.Errorf("no contents with page numbers:\n%.600s", text)
	}
}

func TestStruckTextIsDrawnWithALineThroughIt(t *testing.T) {
	m, site := maker(t, "-- content/leaflets/s/en.md --\n---\ntitle: S\n---\nThe price was ~~£12~~ £15.\n")
	doc, _, err := m.set(site.Item("leaflets", "s").Variants["en"], "a4")
	if err != nil {
		t.Fatal(err)
	}
	var struck, line *layout.Op
	for i, op := range doc.Pages[0].Ops {
		if op.Kind == layout.OpText && strings.Contains(op.Text, "£12") {
			struck = &doc.Pages[0].Ops[i]
		}
		if op.Kind == layout.OpLine && struck != nil && line == nil && op.Y < struck.Y && op.Y > struck.Y-struck.Size {
			line = &doc.Pages[0].Ops[i]
		}
	}
	if struck == nil || line == nil || line.X != struck.X || line.W <= 0 {
		t.Errorf("no line through the struck text: text %+v, line %+v", struck, line)
	}
}

// Every font embedded is a subset of some kilobytes in every PDF: the
// monospace face is embedded only for a text that has code.
func TestOnlyTextWithCodeEmbedsTheMonospaceFont(t *testing.T) {
	m, site := maker(t, "-- content/leaflets/plain/en.md --\n---\ntitle: Plain\n---\nThe rent rose again.\n"+
		"-- content/leaflets/code/en.md --\n---\ntitle: Code\n---\nType `tract build` to make it.\n")
	for slug, want := range map[string]bool{"plain": false, "code": true} {
		files, _ := make1(t, m, site, "leaflets", slug, "en")
		fonts := tool(t, "pdffonts", writeTemp(t, files[0]))
		if got := strings.Contains(fonts, "+DejaVuSansMono "); got != want {
			t.Errorf("%s: monospace font embedded %v, want %v:\n%s", slug, got, want, fonts)
		}
	}
}

// A paragraph in a script the fonts lack gets one warning naming its
// characters, not one warning per character.
// problemLines writes probs as file:line: message.
func problemLines(probs []Problem) []string {
	var out []string
	for _, p := range probs {
		out = append(out, fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Message))
	}
	return out
}

func TestCharactersTheFontsLackAreReportedOncePerParagraph(t *testing.T) {
	m, site := maker(t, "-- content/leaflets/q/en.md --\n---\ntitle: Quotes\n---\nThey wrote: שלום עליכם, שלום.\n\nAnd then ✊.\n\nAnd 你好, 世界, 我们 在 这里 一起 工作 学习.\n")
	_, probs := make1(t, m, site, "leaflets", "q", "en")
	got := problemLines(probs)
	want := []string{
		`content/leaflets/q/en.md:4: the PDF font cannot draw 7 characters (U+05D5 'ו', U+05D9 'י', U+05DB 'כ', U+05DC 'ל', U+05DD 'ם', U+05E2 'ע', U+05E9 'ש'): they are printed as "�"`,
		`content/leaflets/q/en.md:6: the PDF font cannot draw U+270A '✊': it is printed as "�"`,
		`content/leaflets/q/en.md:8: the PDF font cannot draw 15 characters (U+4E00 '一', U+4E16 '世', U+4E60 '习', U+4EEC '们', U+4F5C '作', U+4F60 '你', U+5728 '在', U+597D '好' and 7 more): they are printed as "�"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A picture on another site is the PDF's to report, at its line, even in
// a figure (whose line was lost).
func TestAPictureOnAnotherSiteIsReportedAtItsLine(t *testing.T) {
	m, site := maker(t, "-- content/leaflets/q/en.md --\n---\ntitle: Pictures\n---\nText.\n\n![A march](https://example.org/march.png \"The march\")\n")
	_, probs := make1(t, m, site, "leaflets", "q", "en")
	got := problemLines(probs)
	want := []string{`content/leaflets/q/en.md:6: image "https://example.org/march.png" is not a file of the site; the PDF leaves it out`}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// On paper a link cannot be clicked: its address follows its text.
func TestALinksAddressIsPrintedAfterItsText(t *testing.T) {
	m, site := maker(t, statement)
	files, _ := make1(t, m, site, "leaflets", "statement", "en")
	text := tool(t, "pdftotext", "-enc", "UTF-8", writeTemp(t, files[0]), "-")
	got := strings.Join(strings.Fields(text), " ")
	if !strings.Contains(got, "our site (example.org) and the notes") {
		t.Errorf("the link's address is not printed after its text:\n%s", got)
	}
}

// A link's address is the one the page links: its backslash escapes
// resolved, as the HTML renderer resolves them.
func TestALinksAddressIsResolvedAsOnThePage(t *testing.T) {
	m, site := maker(t, "-- content/leaflets/l/en.md --\n---\ntitle: L\n---\nSee [the list](https://example.net/a\\)b&amp;c) now.\n")
	files, _ := make1(t, m, site, "leaflets", "l", "en")
	// In a PDF string, ")" is written "\)".
	if want := `/URI (https://example.net/a\)b&c)`; !bytes.Contains(files[0].Data, []byte(want)) {
		t.Errorf("the PDF lacks the link %s", want)
	}
}

// A link to a heading leads where the page's link leads: within the PDF
// for one of the text's own, and for one of another item's text to the
// heading of the page in the PDF's language that is at the same place,
// or to the page's top when the headings differ (the Spanish text's).
func TestALinkToAHeadingLeadsWhereThePagesLinkLeads(t *testing.T) {
	const links = "## Here\n\nSee [here](#here), and [theirs](../../leaflets/x/en.md#who-we-are) now.\n"
	m, site := maker(t, "-- content/articles/a/en.md --\n---\ntitle: A\n---\n"+links+
		"-- content/articles/a/fr.md --\n---\ntitle: A\ntranslated_from: en@000000000000\n---\n"+links+
		"-- content/articles/a/es.md --\n---\ntitle: A\ntranslated_from: en@000000000000\n---\n"+links+
		"-- content/leaflets/x/en.md --\n---\ntitle: X\n---\n## What we ask\n\n## Who we are\n"+
		"-- content/leaflets/x/fr.md --\n---\ntitle: X\ntranslated_from: en@000000000000\n---\n## Ce que nous demandons\n\n## Qui nous sommes\n"+
		"-- content/leaflets/x/es.md --\n---\ntitle: X\ntranslated_from: en@000000000000\n---\n## Lo que pedimos\n")
	for lang, want := range map[string]string{
		"en": "/URI (https://x.org/en/leaflets/x/#who-we-are)",
		"fr": "/URI (https://x.org/fr/leaflets/x/#qui-nous-sommes)",
		"es": "/URI (https://x.org/es/leaflets/x/)",
	} {
		files, _ := make1(t, m, site, "articles", "a", lang)
		if !bytes.Contains(files[0].Data, []byte(want)) {
			t.Errorf("%s: the PDF lacks the link %s", lang, want)
		}
		doc, _, err := m.set(site.Item("articles", "a").Variants[lang], "a4")
		if err != nil {
			t.Fatal(err)
		}
		within := false
		for _, p := range doc.Pages {
			for _, op := range p.Ops {
				within = within || op.Kind == layout.OpLink && op.DestPage > 0
			}
		}
		if !within {
			t.Errorf("%s: the link to the text's own heading leads nowhere in the PDF", lang)
		}
	}
}

// A text far too long for a leaflet (a list or a table of thousands of
// lines, filed under leaflets) is an error, found without setting it whole:
// a *TextError, the text's own, which its editor can mend.
func TestALeafletOfManyPagesIsAnErrorOfTheText(t *testing.T) {
	var rows strings.Builder
	rows.WriteString("| Flat | Rent |\n|---|---|\n")
	for i := range 4000 {
		fmt.Fprintf(&rows, "| Flat %d | %d,00 € |\n", i, 600+i%300)
	}
	m, site := maker(t, "-- content/leaflets/long/en.md --\n---\ntitle: Every flat\n---\n"+rows.String())
	_, _, err := m.Make(site.Item("leaflets", "long").Variants["en"])
	if err == nil || !strings.Contains(err.Error(), "content/leaflets/long/en.md: does not fit on 8 A4 pages even at 8.5 pt: a leaflet is one or two pages") {
		t.Errorf("Make: %v", err)
	}
	if e, ok := errors.AsType[*TextError](err); !ok || e.Path != "content/leaflets/long/en.md" || e.Line != 0 || !strings.HasPrefix(e.Msg, "does not fit on 8 A4 pages") {
		t.Errorf("Make: %#v, want a *TextError of the text as a whole", err)
	}
}

// A TextError reads as the editors' errors do: file:line: message, or
// file: message for the text as a whole.
func TestATextErrorReadsAsFileLineMessage(t *testing.T) {
	for _, c := range []struct {
		err  *TextError
		want string
	}{
		{&TextError{Path: "content/leaflets/l/en.md", Line: 7, Msg: "too long"}, "content/leaflets/l/en.md:7: too long"},
		{&TextError{Path: "content/leaflets/l/en.md", Msg: "too long"}, "content/leaflets/l/en.md: too long"},
	} {
		if got := c.err.Error(); got != c.want {
			t.Errorf("%#v: %q, want %q", c.err, got, c.want)
		}
	}
}

// The sheet of a two-up or booklet edition is a paper printers know:
// A4 for A5 pages (two A5 pages are 1 mm narrower), Letter for
// half-Letter ones, with the pages centred on it: whatever the item's
// paper.
func TestTwoPagesToASheetAreOnPaperPrintersKnow(t *testing.T) {
	var body strings.Builder
	for range 40 {
		body.WriteString("Organising starts with a list of doors, and every meeting decides something.\n\n")
	}
	for paper, want := range map[string]string{"a4": "841.89 x 595.28 pts (A4)", "a5": "841.89 x 595.28 pts (A4)", "letter": "792 x 612 pts (letter)"} {
		m, site := maker(t, "-- content/leaflets/l/en.md --\n---\ntitle: L\npaper: "+paper+"\n---\nA leaflet.\n"+
			"-- content/pamphlets/p/en.md --\n---\ntitle: P\npaper: "+paper+"\n---\n"+body.String())
		for _, slug := range []string{"l", "p"} {
			section := map[string]string{"l": "leaflets", "p": "pamphlets"}[slug]
			files, _ := make1(t, m, site, section, slug, "en")
			for _, f := range files {
				if f.Edition == Plain {
					continue
				}
				info := tool(t, "pdfinfo", writeTemp(t, f))
				if !strings.Contains(info, "Page size:       "+want) {
					t.Errorf("%s %s: %s", paper, f.Name, regexp.MustCompile(`Page size:.*`).FindString(info))
				}
			}
		}
	}
}

// A bulletin prints articles that each number their notes from 1: each
// article's mark leads to its own note, not to the last article's.
func TestABulletinsArticlesKeepTheirOwnNotes(t *testing.T) {
	long := strings.Repeat("A paragraph of the second article, which goes on for a while, line after line, as a report does.\n\n", 60)
	m, site := maker(t, "-- content/bulletins/b/en.md --\n---\ntitle: Bulletin\ndate: 2026-01-05\nnumber: 1\narticles: [a, c]\n---\nIntro.\n"+
		"-- content/articles/a/en.md --\n---\ntitle: First\ndate: 2026-01-05\n---\nThe first article.[^1]\n\n[^1]: The first article's note.\n"+
		"-- content/articles/c/en.md --\n---\ntitle: Second\ndate: 2026-01-05\n---\n"+long+"The second article.[^1]\n\n[^1]: The second article's note.\n")
	doc, _, err := m.set(site.Item("bulletins", "b").Variants["en"], "a4")
	if err != nil {
		t.Fatal(err)
	}
	var notes, marks []int // the pages of the notes' numbers, and where the marks lead, in order
	for i, p := range doc.Pages {
		for _, op := range p.Ops {
			switch {
			case op.Kind == layout.OpText && strings.TrimSpace(op.Text) == "1.":
				notes = append(notes, i+1)
			case op.Kind == layout.OpLink && op.DestPage > 0:
				marks = append(marks, op.DestPage)
			}
		}
	}
	if len(notes) != 2 || notes[0] == notes[1] {
		t.Fatalf("the notes are on pages %v: want two, on pages of their own", notes)
	}
	if !slices.Equal(marks, notes) {
		t.Errorf("the marks lead to pages %v, the notes are on pages %v", marks, notes)
	}
}

// A link to a heading or a note of a text the document prints leads
// inside the document: in a pamphlet, to its own heading written as a
// link to its file; in a bulletin, to another article's heading. A link
// to a heading of a text it does not print leads to that text's page.
func TestLinksToPrintedPartsStayInTheDocument(t *testing.T) {
	long := strings.Repeat("A paragraph of the article, which goes on for a while, line after line, as a report does.\n\n", 60)
	m, site := maker(t, "-- tract.toml --\ntitle = \"T\"\nbase_url = \"https://example.org/\"\nlanguages = [\"en\"]\n"+
		"-- content/bulletins/b/en.md --\n---\ntitle: Bulletin\ndate: 2026-01-05\nnumber: 1\narticles: [a, c]\n---\nIntro.\n"+
		"-- content/articles/a/en.md --\n---\ntitle: First\ndate: 2026-01-05\n---\nRead [their demands](../c/en.md#our-demands), [its note](../c/en.md#fn:1) and [the leaflet's](../../leaflets/l/en.md#our-demands).\n\n"+long+
		"-- content/articles/c/en.md --\n---\ntitle: Second\ndate: 2026-01-05\n---\n"+long+"## Our demands\n\nRepairs.[^1]\n\n[^1]: A note.\n"+
		"-- content/leaflets/l/en.md --\n---\ntitle: Leaflet\ndate: 2026-01-05\n---\nSee [below](en.md#our-demands).\n\n"+long+"## Our demands\n\nRepairs.\n")
	for _, tt := range []struct {
		item  string
		texts []string // what each link inside the document leads to, in order
		web   []string // the links to a part of a web page
	}{
		// The note's own mark leads to it too.
		{"bulletins/b", []string{"Our demands", "A note.", "A note."}, []string{"https://example.org/en/leaflets/l/#our-demands"}},
		{"leaflets/l", []string{"Our demands"}, nil},
	} {
		section, slug, _ := strings.Cut(tt.item, "/")
		doc, _, err := m.set(site.Item(section, slug).Variants["en"], "a4")
		if err != nil {
			t.Fatal(err)
		}
		var dests []layout.Op // the internal links
		var web []string
		for _, p := range doc.Pages {
			for _, op := range p.Ops {
				switch {
				case op.Kind == layout.OpLink && op.DestPage > 0:
					dests = append(dests, op)
				case op.Kind == layout.OpLink && strings.Contains(op.URL, "#"):
					web = append(web, op.URL)
				}
			}
		}
		// What is written at each destination: the first text whose
		// baseline is below it, on its page.
		var texts []string
		for _, d := range dests {
			shown := ""
			for _, op := range doc.Pages[d.DestPage-1].Ops {
				if op.Kind == layout.OpText && op.Y >= d.DestY && strings.TrimSpace(op.Text) != "" {
					shown = strings.TrimSpace(op.Text)
					break
				}
			}
			texts = append(texts, shown)
		}
		if !slices.Equal(texts, tt.texts) {
			t.Errorf("%s: the links inside the document lead to %q, want %q", tt.item, texts, tt.texts)
		}
		if !slices.Equal(web, tt.web) {
			t.Errorf("%s: links to a part of a web page %q, want %q", tt.item, web, tt.web)
		}
	}
}

// A bulletin's article starts with its title, its date and its first
// lines together: wherever the bulletin's own text ends, the title and
// date are never left alone at the foot of a page.
func TestABulletinsArticleTitleStaysWithItsText(t *testing.T) {
	for n := 20; n <= 40; n++ {
		var intro strings.Builder
		for i := range n {
			fmt.Fprintf(&intro, "Intro line %d of the bulletin.\n\n", i)
		}
		m, site := maker(t, "-- content/bulletins/b/en.md --\n---\ntitle: Bulletin\ndate: 2026-01-05\nnumber: 1\narticles: [a]\n---\n"+intro.String()+
			"-- content/articles/a/en.md --\n---\ntitle: An English article\ndate: 2026-01-05\n---\nFirstwords of the article, "+strings.Repeat("which go on for a while, line after line, as a report does, ", 12)+"\n")
		files, _ := make1(t, m, site, "bulletins", "b", "en")
		pages := strings.Split(tool(t, "pdftotext", writeTemp(t, files[0]), "-"), "\f")
		title, body := -1, -1
		for i, p := range pages {
			if strings.Contains(p, "An English article") {
				title = i
			}
			if strings.Contains(p, "Firstwords") {
				body = i
			}
		}
		if title < 0 || title != body {
			t.Errorf("%d intro lines: the article's title is on page %d, its text on page %d", n, title+1, body+1)
		}
	}
}

// A pamphlet whose chapters are # headings (or ###) gets contents and an
// outline of them, and of the sections at the next level it uses: not an
// empty contents page, which it got when only ## and ### were listed;
// and ### sections under # chapters are listed too.
func TestContentsListTheChaptersAtTheLevelTheTextUses(t *testing.T) {
	for _, marks := range [][2]string{{"#", "##"}, {"##", "###"}, {"###", "####"}, {"#", "###"}} {
		mark := marks[0]
		var body strings.Builder
		for i := 1; i <= 3; i++ {
			fmt.Fprintf(&body, "%s Chapter %d\n\n%s\n\n%s Part %d.1\n\n%s\n\n", mark, i, strings.Repeat("Organising starts with a list of doors. ", 30), marks[1], i, strings.Repeat("Every meeting decides something. ", 20))
		}
		m, site := maker(t, "-- content/pamphlets/p/en.md --\n---\ntitle: Rent and wages\ndate: 2026-11-01\n---\n"+body.String())
		doc, _, err := m.set(site.Item("pamphlets", "p").Variants["en"], "a4")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := outline(doc), "0:Chapter 1 1:Part 1.1 0:Chapter 2 1:Part 2.1 0:Chapter 3 1:Part 3.1"; got != want {
			t.Errorf("%s chapters: bookmarks %s, want %s", mark, got, want)
		}
		files, _ := make1(t, m, site, "pamphlets", "p", "en")
		text := tool(t, "pdftotext", "-layout", writeTemp(t, files[0]), "-")
		if !regexp.MustCompile(`Contents\s+Chapter 1\s+\d+\s+Part 1\.1\s+\d+`).MatchString(text) {
			t.Errorf("%s chapters: no contents listing them:\n%.500s", mark, text)
		}
	}
}

// A task list's boxes are drawn (in the sans face, which has them), not
// replaced by "�" with a warning about characters the editor never typed.
func TestATaskListsBoxesAreDrawn(t *testing.T) {
	m, site := maker(t, "-- content/leaflets/l/en.md --\n---\ntitle: L\n---\n- [ ] task open\n- [x] task done\n")
	files, probs := make1(t, m, site, "leaflets", "l", "en")
	if len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	text := tool(t, "pdftotext", writeTemp(t, files[0]), "-")
	if !strings.Contains(text, "☐ task open") || !strings.Contains(text, "☑ task done") {
		t.Errorf("no boxes in:\n%s", text)
	}
}

// A bulletin's article in another language (shown in its original) is
// hyphenated by that language's patterns, not the bulletin's: every word
// the French bulletin breaks in the English article breaks where English
// allows, and some do.
func TestABulletinsArticleIsHyphenatedInItsOwnLanguage(t *testing.T) {
	words := "Understanding the neighbourhood's understanding of housing requires considerable understanding: the committee's representatives, notwithstanding overwhelming responsibilities, nevertheless accomplished extraordinary achievements throughout September, strengthening relationships, photographing buildings, interviewing households, understanding circumstances, documenting everything thoroughly and transparently. "
	m, site := maker(t, "-- content/bulletins/b/fr.md --\n---\ntitle: Bulletin\ndate: 2026-01-10\nnumber: 2\narticles: [a]\n---\nÉdito du bulletin.\n"+
		"-- content/articles/a/en.md --\n---\ntitle: An English article\ndate: 2026-01-05\n---\n"+strings.Repeat(words, 6)+"\n")
	files, _ := make1(t, m, site, "bulletins", "b", "fr")
	var text string
	for _, f := range files { // the A4 edition and the booklet's narrower pages
		text += tool(t, "pdftotext", "-raw", writeTemp(t, f), "-")
	}
	en, err := m.hyph.Lang("en")
	if err != nil {
		t.Fatal(err)
	}
	broken := 0
	for _, mt := range regexp.MustCompile(`(\pL+)-\n(\pL+)`).FindAllStringSubmatch(text, -1) {
		word := strings.ToLower(mt[1] + mt[2])
		if !strings.Contains(strings.ToLower(words), word) {
			continue // a word of the bulletin's own
		}
		broken++
		if !slices.Contains(en.Points(word), len(mt[1])) {
			t.Errorf("%s broken as %s-%s, where English does not break it (%v)", word, mt[1], mt[2], en.Points(word))
		}
	}
	if broken == 0 {
		t.Fatalf("no word of the article is hyphenated:\n%s", text)
	}
}

// The address printed beside the QR code is printed whole: on a second
// line, broken after a slash, when it is too long for one.
func TestALongAddressIsPrintedWholeOnTwoLines(t *testing.T) {
	slug := "solidarity-with-the-vantor-warehouse-strikers-and-families"
	m, site := maker(t, "-- content/leaflets/"+slug+"/en.md --\n---\ntitle: L\npaper: a5\n---\nA leaflet.\n")
	files, _ := make1(t, m, site, "leaflets", slug, "en")
	text := tool(t, "pdftotext", writeTemp(t, files[0]), "-")
	if strings.Contains(text, "…") {
		t.Errorf("the address is cut short:\n%s", text)
	}
	joined := strings.ReplaceAll(text, "\n", "")
	if !strings.Contains(joined, "x.org/en/leaflets/"+slug+"/") {
		t.Errorf("the address is not printed whole:\n%s", text)
	}
}

// A code block is printed with its indentation and its runs of spaces.
func TestCodeIsPrintedWithItsIndentation(t *testing.T) {
	m, site := maker(t, "-- content/leaflets/l/en.md --\n---\ntitle: L\n---\n```\ndef f(x):\n    if x:\n        return   x  *  2\n```\n")
	files, probs := make1(t, m, site, "leaflets", "l", "en")
	if len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	// As laid out: pdftotext -raw drops a line's leading spaces.
	text := strings.ReplaceAll(tool(t, "pdftotext", "-layout", writeTemp(t, files[0]), "-"), "\u2007", " ")
	if !regexp.MustCompile(`\ndef f\(x\):\n {4}if x:\n {8}return {3,}x {2,}\* {2,}2\n`).MatchString(text) {
		t.Errorf("the code is not printed as written:\n%s", text)
	}
}

// A note's list and code are printed as in the text, not run together
// or dropped.
func TestANotesBlocksArePrinted(t *testing.T) {
	m, site := maker(t, "-- content/leaflets/l/en.md --\n---\ntitle: L\n---\nA claim[^src] and another.[^code]\n\n[^src]: Sources:\n\n    - the council minutes\n    - the landlord letter\n\n[^code]: Run this:\n\n    ```\n    tract check --strict\n    ```\n")
	files, _ := make1(t, m, site, "leaflets", "l", "en")
	text := tool(t, "pdftotext", "-layout", writeTemp(t, files[0]), "-")
	for _, want := range []string{`•\s+the council minutes\n`, `•\s+the landlord letter\n`, `tract check --strict`} {
		if !regexp.MustCompile(want).MatchString(text) {
			t.Errorf("no %s in:\n%s", want, text)
		}
	}
}

// A table row taller than a page is set in bands the pages break
// between: its text stays above the footer, all of it printed.
func TestATableRowTallerThanAPageIsSplit(t *testing.T) {
	cell := strings.Repeat("cellword ", 1400) + "END-OF-CELL"
	m, site := maker(t, "-- content/pamphlets/log/en.md --\n---\ntitle: Repairs log\n---\n| Date | Flat | What happened |\n|---|---|---|\n| 3 May | 4B | "+cell+" |\n| 9 May | 2A | Fixed. |\n")
	for _, paper := range []string{"a4", "a5"} {
		doc, _, err := m.set(site.Item("pamphlets", "log").Variants["en"], paper)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range doc.Pages {
			for _, op := range p.Ops {
				if op.Kind == layout.OpText && strings.Contains(op.Text, "cellword") && op.Y > doc.Height-19*mm {
					t.Fatalf("%s page %d: the row's text at %.0f pt, below the text area (page %.0f pt high)", paper, i+1, op.Y, doc.Height)
				}
			}
		}
	}
	files, _ := make1(t, m, site, "pamphlets", "log", "en")
	for _, f := range files {
		text := tool(t, "pdftotext", writeTemp(t, f), "-")
		if !strings.Contains(text, "END-OF-CELL") || !strings.Contains(text, "Fixed.") {
			t.Errorf("%s: the end of the row, or the next row, is lost", f.Name)
		}
		if n := strings.Count(text, "cellword"); n != 1400 {
			t.Errorf("%s: %d of the cell's 1,400 words printed", f.Name, n)
		}
	}
}

// A Letter leaflet's half-Letter copies are set on their own: when they
// take more than a sheet's front and back, that is said; a one-page
// leaflet whose copies take both sides is not warned about.
func TestHalfLetterCopiesTakingMorePagesAreWarnedAbout(t *testing.T) {
	one := strings.Repeat("Greyhaven Residential wants to raise our rents by fourteen percent from January. ", 40)
	m, site := maker(t, "-- content/leaflets/one/en.md --\n---\ntitle: No to the rent rise\npaper: letter\n---\n"+one+"\n")
	files, probs := make1(t, m, site, "leaflets", "one", "en")
	if len(files) != 2 || files[0].Pages != 1 || files[1].Pages != 2 {
		t.Fatalf("editions %+v: want a one-page Letter leaflet whose half-Letter copies take two pages", files)
	}
	if len(probs) != 0 {
		t.Errorf("a one-page Letter leaflet with copies on both sides: %v", probs)
	}

	para := strings.Repeat("Greyhaven Residential wants to raise our rents by fourteen percent from January, while repairs wait for months and the lifts break down every other week. ", 3)
	m, site = maker(t, "-- content/leaflets/l/en.md --\n---\ntitle: No to the rent rise\npaper: letter\n---\n"+strings.Repeat(para+"\n\n", 16))
	files, probs = make1(t, m, site, "leaflets", "l", "en")
	if len(files) != 2 || files[0].Pages != 2 || files[1].Pages <= 2 {
		t.Fatalf("editions %+v: want a two-page Letter leaflet whose half-Letter copies take more", files)
	}
	var msgs []string
	for _, p := range probs {
		msgs = append(msgs, p.Message)
	}
	if !slices.ContainsFunc(msgs, func(s string) bool {
		return strings.Contains(s, "the half-letter copies two to a letter sheet take 3 pages, where the letter PDF takes 2")
	}) {
		t.Errorf("problems %q", msgs)
	}
}

// After a list nested four deep, the text goes on as after a flat list:
// no end-of-list space at every level. In a loose list, the item after
// a nested list is as far from it as from a paragraph.
func TestANestedListEndsAsAFlatOne(t *testing.T) {
	between := func(body, from, to string) float64 {
		t.Helper()
		m, site := maker(t, "-- content/articles/l/en.md --\n---\ntitle: L\n---\n"+body+"\n")
		doc, _, err := m.set(site.Item("articles", "l").Variants["en"], "a4")
		if err != nil {
			t.Fatal(err)
		}
		y := map[string]float64{}
		for _, op := range doc.Pages[0].Ops {
			if op.Kind == layout.OpText {
				y[strings.TrimSpace(op.Text)] = op.Y
			}
		}
		if y[from] == 0 || y[to] == 0 {
			t.Fatalf("no %s or %s among %v", from, to, y)
		}
		return y[to] - y[from]
	}
	if loose, nested := between("- Aaa\n\n- Ccc\n\n- Ddd", "Ccc", "Ddd"), between("- Aaa\n\n  - Bbb\n  - Ccc\n\n- Ddd", "Ccc", "Ddd"); math.Abs(nested-loose) > 0.5 {
		t.Errorf("in a loose list, the item after a nested list is %.1f pt below it, after a paragraph %.1f pt", nested, loose)
	}
	gap := func(body string) float64 {
		t.Helper()
		return between(body+"\n\nBacktotop.", "Lastitem", "Backtotop.")
	}
	flat, nested := gap("- first\n- Lastitem"), gap("- first\n  - second\n    - third\n      - Lastitem")
	if math.Abs(nested-flat) > 0.5 {
		t.Errorf("after a nested list the text is %.1f pt below its last item, after a flat one %.1f pt", nested, flat)
	}
}

// A note's mark in a heading is printed, so the note has its reference.
func TestANotesMarkInAHeadingIsPrinted(t *testing.T) {
	m, site := maker(t, "-- content/articles/a/en.md --\n---\ntitle: A\n---\n## Rents rose 14%[^1]\n\nText.\n\n[^1]: The council's figures.\n")
	files, _ := make1(t, m, site, "articles", "a", "en")
	if text := tool(t, "pdftotext", writeTemp(t, files[0]), "-"); !strings.Contains(text, "Rents rose 14%¹") {
		t.Errorf("no mark in the heading:\n%s", text)
	}
}

// The site's title in the footers and beside the QR code is typeset as
// everywhere else: Workers' Bulletin with a typographic apostrophe.
func TestTheSiteTitleIsTypesetEverywhere(t *testing.T) {
	m, site := maker(t, "-- content/leaflets/l/en.md --\n---\ntitle: L\n---\nText.\n")
	files, _ := make1(t, m, site, "leaflets", "l", "en")
	text := tool(t, "pdftotext", writeTemp(t, files[0]), "-")
	if strings.Contains(text, "Workers' Bulletin") || strings.Count(text, "Workers’ Bulletin") < 2 {
		t.Errorf("the site's title is not typeset in the footer and beside the QR code:\n%s", text)
	}
}

// A site title too long for the footer is cut, not the item's date after
// it, which tells whoever holds the paper which version they have.
func TestALongSiteTitleIsCutInTheFooterAndTheDateKept(t *testing.T) {
	const title = "Kellingford and District Federation of Tenants' Associations and Residents' Committees"
	m, site := maker(t, "-- tract.toml --\nbase_url = \"https://x.org\"\nlanguages = [\"en\"]\ndefault_language = \"en\"\n[title]\nen = \""+title+"\"\n"+
		"-- content/leaflets/l/en.md --\n---\ntitle: L\ndate: 2026-10-12\npaper: a5\n---\nText.\n")
	files, _ := make1(t, m, site, "leaflets", "l", "en")
	text := tool(t, "pdftotext", "-layout", writeTemp(t, files[0]), "-")
	footer := regexp.MustCompile(`(?m)^[ \t]*Kellingford and District.* 1/1$`).FindString(text)
	if !strings.Contains(footer, "… · 12 October 2026") {
		t.Errorf("the footer %q does not end with the date after a cut title; the page:\n%s", footer, text)
	}
}

// A table too wide for the page cuts only its longest words: the short
// words of its other columns stay whole, or are hyphenated where the
// language allows, never cut between two letters without a hyphen.
func TestAWideTableCutsOnlyItsLongestWords(t *testing.T) {
	head := "| Flat | Floor | Since | Rent | Street | Signed | Owner | Repairs | Heating | Damp | Notes | Email |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n"
	row := "| 4B | 3 | 2019 | £960.00 | Holloway | yes | Greyhaven | waiting | broken | yes | none | organising-committee@kellingford-tenants.example.org |\n"
	m, site := maker(t, "-- content/articles/t/en.md --\n---\ntitle: T\n---\n"+head+strings.Repeat(row, 3))
	files, _ := make1(t, m, site, "articles", "t", "en")
	text := tool(t, "pdftotext", "-layout", writeTemp(t, files[0]), "-")
	for _, word := range []string{"Flat", "Floor", "Since", "£960.00", "Holloway", "Signed", "Greyhaven", "waiting", "Heating", "broken"} {
		whole := regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(word) + `(\s|$)`).MatchString(text)
		hyphenated := false
		for k := 2; k < len(word)-1 && !whole; k++ {
			hyphenated = hyphenated || strings.Contains(text, " "+word[:k]+"-")
		}
		if !whole && !hyphenated {
			t.Errorf("%s is cut:\n%s", word, text)
		}
	}
}

// A note that starts with a table keeps its number, and the mark in the
// text still leads to it.
func TestANoteStartingWithATableKeepsItsNumber(t *testing.T) {
	m, site := maker(t, "-- content/articles/a/en.md --\n---\ntitle: A\n---\nThe figures.[^1]\n\n[^1]: | Flat | Rent |\n    |---|---|\n    | 4B | £960 |\n")
	doc, _, err := m.set(site.Item("articles", "a").Variants["en"], "a4")
	if err != nil {
		t.Fatal(err)
	}
	numbered, linked := false, false
	for _, p := range doc.Pages {
		for _, op := range p.Ops {
			numbered = numbered || op.Kind == layout.OpText && strings.TrimSpace(op.Text) == "1."
			linked = linked || op.Kind == layout.OpLink && op.DestPage > 0
		}
	}
	if !numbered || !linked {
		t.Errorf("the note's number printed %v, the mark linked to it %v", numbered, linked)
	}
}

// A language written right to left gets no PDFs: the layout would set its
// words left to right, and not join Arabic letters. Its web pages are
// the site's to make; a left-to-right language's PDFs are made as ever.
func TestALanguageWrittenRightToLeftGetsNoPDFs(t *testing.T) {
	en, err := fs.ReadFile(tract.Defaults, "locales/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	m, site := maker(t, "-- tract.toml --\nbase_url = \"https://example.net\"\nlanguages = [\"en\", \"fa\"]\ntitle = \"Site\"\n"+
		"-- locales/fa.toml --\n"+string(en)+
		"-- content/leaflets/a/en.md --\n---\ntitle: Rent\n---\nNo to the rise.\n"+
		"-- content/leaflets/b/fa.md --\n---\ntitle: اجاره\n---\nنه به افزایش اجاره.\n")
	if files, _ := make1(t, m, site, "leaflets", "a", "en"); len(files) == 0 {
		t.Error("no PDF of the English leaflet")
	}
	if files, probs := make1(t, m, site, "leaflets", "b", "fa"); len(files) != 0 || len(probs) != 0 {
		t.Errorf("the Persian leaflet has %d PDFs and %d problems, want none", len(files), len(probs))
	}
	if msg := NotPrinted([]string{"en", "fa", "ar"}); !strings.HasPrefix(msg, "no PDFs in fa, ar: ") {
		t.Errorf("NotPrinted = %q", msg)
	}
	if msg := NotPrinted([]string{"en", "fr"}); msg != "" {
		t.Errorf("NotPrinted(en, fr) = %q, want nothing", msg)
	}
}

// The quotes of every language tract knows are drawn by the PDF fonts.
func TestEveryLanguagesQuotesAreInThePDFFonts(t *testing.T) {
	for _, lang := range []string{"en", "fr", "es", "de", "de-CH", "pl", "uk", "it", "fa", "ar"} {
		typo := locale.TypographyFor(lang)
		text := fmt.Sprintf("A %sword%s and a %sword%s.", typo.DoubleOpen, typo.DoubleClose, typo.SingleOpen, typo.SingleClose)
		m, site := maker(t, "-- content/leaflets/q/en.md --\n---\ntitle: Quotes\n---\n"+text+"\n")
		if _, probs := make1(t, m, site, "leaflets", "q", "en"); len(probs) > 0 {
			t.Errorf("%s: %v", lang, problemLines(probs))
		}
	}
}

// In a bulletin's outline, each article's chapters and sections are below
// its title, not beside it; the bulletin's own text keeps its levels.
func TestABulletinsOutlineNestsEachArticlesHeadingsUnderItsTitle(t *testing.T) {
	m, site := maker(t, "-- content/bulletins/b/en.md --\n---\ntitle: Bulletin\ndate: 2026-01-10\nnumber: 2\narticles: [a, c]\n---\n## Editorial\n\nThe bulletin.\n"+
		"-- content/articles/a/en.md --\n---\ntitle: First\ndate: 2026-01-05\n---\n## Why\n\nText.\n\n### Detail\n\nText.\n"+
		"-- content/articles/c/en.md --\n---\ntitle: Second\ndate: 2026-01-06\n---\n# How\n\nText.\n")
	doc, _, err := m.set(site.Item("bulletins", "b").Variants["en"], "a4")
	if err != nil {
		t.Fatal(err)
	}
	want := "0:Editorial 0:First 1:Why 2:Detail 0:Second 1:How"
	if got := outline(doc); got != want {
		t.Errorf("bookmarks\n got %s\nwant %s", got, want)
	}
}

// A bulletin's article that its readers get in a language written right
// to left is left out of its PDF, which would print it as boxes and
// question marks, and the bulletin is told so at its list of articles.
func TestABulletinLeavesOutAnArticleItCannotPrint(t *testing.T) {
	en, err := fs.ReadFile(tract.Defaults, "locales/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	m, site := maker(t, "-- tract.toml --\nbase_url = \"https://example.net\"\nlanguages = [\"en\", \"fa\"]\ntitle = \"Site\"\n"+
		"-- locales/fa.toml --\n"+string(en)+
		"-- content/bulletins/b/en.md --\n---\ntitle: Bulletin\ndate: 2026-01-10\nnumber: 2\narticles: [a, c]\n---\nThe bulletin.\n"+
		"-- content/articles/a/en.md --\n---\ntitle: First\ndate: 2026-01-05\n---\nText.\n"+
		"-- content/articles/c/fa.md --\n---\ntitle: اجاره\ndate: 2026-01-06\n---\nنه به افزایش اجاره.\n")
	v := site.Item("bulletins", "b").Variants["en"]
	doc, _, err := m.set(v, "a4")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := outline(doc), "0:First"; got != want {
		t.Errorf("bookmarks %q, want %q", got, want)
	}
	if uses := m.Uses(v); len(uses) != 2 {
		t.Errorf("the PDF uses %d texts, want the bulletin and its English article", len(uses))
	}
	_, probs := make1(t, m, site, "bulletins", "b", "en")
	got := strings.Join(problemLines(probs), "\n")
	if want := "content/bulletins/b/en.md:5: the article c is in fa only"; !strings.HasPrefix(got, want) || len(probs) != 1 {
		t.Errorf("problems:\n%s\nwant one starting %q", got, want)
	}
}

// A language tract has no hyphenation patterns for is named, with the
// file that would hyphenate it; one written right to left is not, since
// it gets no PDFs.
func TestNotHyphenatedNamesTheLanguagesWithoutPatterns(t *testing.T) {
	m, _ := maker(t, "-- content/leaflets/a/en.md --\n---\ntitle: Rent\n---\nNo.\n")
	got := m.NotHyphenated([]string{"en", "fr", "es", "sv", "fa", "pl"})
	if !strings.HasPrefix(got, "the PDFs in sv, pl are not hyphenated (tract has no hyphenation patterns for these languages)") ||
		!strings.HasSuffix(got, "as assets/hyphenation/hyph-sv.pat.txt, assets/hyphenation/hyph-pl.pat.txt") {
		t.Errorf("NotHyphenated = %q", got)
	}
	if got := m.NotHyphenated([]string{"en", "fr", "es"}); got != "" {
		t.Errorf("NotHyphenated(en, fr, es) = %q, want nothing", got)
	}
}

// A symbol the serif lacks and the sans has (☎ ✓ ❤, which volunteers
// put before phone numbers and in lists) is drawn in the sans, in the
// body, a list and a caption alike; only what no face has is warned
// about. Letters are not: Hebrew, which the sans has, would be set left
// to right.
func TestSymbolsTheSerifLacksAreDrawnInTheSans(t *testing.T) {
	m, site := maker(t, "-- content/leaflets/s/en.md --\n---\ntitle: Symbols\n---\nCall ☎ 0800 123 456 ❤.\n\n- ✓ leaflets printed\n- ✊ stand together\n\n*Meet at ☎ box*\n\nשלום\n")
	files, probs := make1(t, m, site, "leaflets", "s", "en")
	got := problemLines(probs)
	want := []string{
		`content/leaflets/s/en.md:7: the PDF font cannot draw U+270A '✊': it is printed as "�"`,
		`content/leaflets/s/en.md:11: the PDF font cannot draw 4 characters (U+05D5 'ו', U+05DC 'ל', U+05DD 'ם', U+05E9 'ש'): they are printed as "�"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	text := tool(t, "pdftotext", "-enc", "UTF-8", writeTemp(t, files[0]), "-")
	for _, s := range []string{"Call ☎ 0800 123 456 ❤.", "✓ leaflets printed", "Meet at ☎ box"} {
		if !strings.Contains(text, s) {
			t.Errorf("the PDF lacks %q:\n%s", s, text)
		}
	}
}

// A character the fonts lack is warned about where it is written: in a
// bulletin's PDF, an article's title at the article's file; in a
// translation's, the original's venue and signatories at the original's
// file. A translator sent to their own file would find nothing to mend.
// The site's title, which a bulletin's masthead prints, is warned about
// at tract.toml.
func TestACharacterTheFontsLackIsWarnedAboutWhereItIsWritten(t *testing.T) {
	m, site := maker(t, `-- tract.toml --
base_url = "https://x.org"
languages = ["en", "fr"]
default_language = "en"
[title]
en = "Tenants"
fr = "Locataires ✊"
-- content/articles/a/en.md --
---
title: Party 🎉
---
Text.
-- content/bulletins/b/fr.md --
---
title: Numéro 1
number: 1
articles: [a]
---
Texte.
-- content/events/e/en.md --
---
title: Call
starts: 2027-03-01T09:00
venue: 東京 hall
---
Text.
-- content/events/e/fr.md --
---
title: Appel
translated_from: en@000000000000
---
Texte.
-- content/leaflets/s/en.md --
---
title: Statement
signatories:
  - Ligue ✊
---
Text.
-- content/leaflets/s/fr.md --
---
title: Déclaration
translated_from: en@000000000000
---
Texte.
`)
	var got []string
	for _, c := range []struct{ section, slug, lang string }{{"bulletins", "b", "fr"}, {"events", "e", "fr"}, {"leaflets", "s", "fr"}} {
		_, probs := make1(t, m, site, c.section, c.slug, c.lang)
		for _, l := range problemLines(probs) {
			if strings.Contains(l, "cannot draw") && !slices.Contains(got, l) {
				got = append(got, l)
			}
		}
	}
	slices.Sort(got)
	want := []string{
		`content/articles/a/en.md:2: the PDF font cannot draw U+1F389 '🎉': it is printed as "�"`,
		`content/events/e/en.md:4: the PDF font cannot draw 2 characters (U+4EAC '京', U+6771 '東'): they are printed as "�"`,
		`content/leaflets/s/en.md:3: the PDF font cannot draw U+270A '✊': it is printed as "�"`,
		`tract.toml:6: the PDF font cannot draw U+270A '✊': it is printed as "�"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// What is printed on both sides asks the print dialog for it: a booklet
// and two copies to a sheet with a back flip on the short edge, a plain
// document of two pages or more on the long one; one page asks nothing.
func TestPDFsToPrintOnBothSidesSaySoToThePrintDialog(t *testing.T) {
	long := strings.Repeat("The rent rose again this year, and the repairs still wait. ", 140)
	m, site := maker(t, "-- content/leaflets/one/en.md --\n---\ntitle: One\npaper: a5\n---\nShort.\n"+
		"-- content/leaflets/two/en.md --\n---\ntitle: Two\npaper: a5\n---\n"+long+"\n"+
		"-- content/pamphlets/p/en.md --\n---\ntitle: Pamphlet\n---\n"+long+"\n")
	duplex := func(f File) string {
		_, after, ok := bytes.Cut(f.Data, []byte("/Duplex /"))
		if !ok {
			return ""
		}
		mode, _, _ := bytes.Cut(after, []byte(" "))
		return string(mode)
	}
	for _, tc := range []struct {
		section, slug string
		want          map[Edition]string
	}{
		{"leaflets", "one", map[Edition]string{Plain: "", TwoUp: ""}},
		{"leaflets", "two", map[Edition]string{Plain: "DuplexFlipLongEdge", TwoUp: "DuplexFlipShortEdge"}},
		{"pamphlets", "p", map[Edition]string{Plain: "DuplexFlipLongEdge", Booklet: "DuplexFlipShortEdge"}},
	} {
		files, _ := make1(t, m, site, tc.section, tc.slug, "en")
		for _, f := range files {
			if want, ok := tc.want[f.Edition]; !ok || duplex(f) != want {
				t.Errorf("%s (%d pages): /Duplex %q, want %q", f.Name, f.Pages, duplex(f), want)
			}
		}
	}
}

// A leaflet whose last page would hold nothing but its QR code says so:
// a few lines less save a side of every copy (found by a print
// reviewer: an A5 leaflet's third page, and with it a second A4 sheet
// of the two-up edition, for two QR codes). Its text is grown a
// sentence at a time until that happens; the warning must come then,
// and only when pdftotext finds no line of the text on the last page.
func TestALeafletsLastPageWithTheQRCodeAloneIsWarnedAbout(t *testing.T) {
	const sentence = "When tenants refuse together, landlords negotiate. "
	alone, other := 0, 0
	for n := 150; n < 330 && (alone == 0 || other == 0); n += 3 {
		m, site := maker(t, "-- content/leaflets/l/en.md --\n---\ntitle: Long\npaper: a5\n---\n"+strings.Repeat(sentence, n)+"\n")
		files, probs := make1(t, m, site, "leaflets", "l", "en")
		if files[0].Pages < 3 {
			continue
		}
		warned := len(probs) == 1 && strings.HasSuffix(probs[0].Message, "the last holds nothing but the QR code: a few lines less would save it")
		last := tool(t, "pdftotext", "-f", fmt.Sprint(files[0].Pages), "-l", fmt.Sprint(files[0].Pages), writeTemp(t, files[0]), "-")
		if textThere := strings.Contains(last, "negotiate"); warned == textThere {
			t.Errorf("%d sentences: warned %v, text on the last page %v: %v\n%s", n, warned, textThere, problemLines(probs), last)
		}
		if warned {
			alone++
		} else {
			other++
		}
	}
	if alone == 0 || other == 0 {
		t.Errorf("lengths with the QR code alone on the last page: %d, with text there: %d; want some of each", alone, other)
	}
}

// A text's notes, gathered at its end, are headed "Notes" in the text's
// language: in a pamphlet or a folded booklet they are pages away from
// their marks, and a reader leafing to them must know them (found by a
// print reviewer).
func TestNotesAreHeadedInTheTextsLanguage(t *testing.T) {
	m, site := maker(t, "-- content/pamphlets/p/es.md --\n---\ntitle: Folleto\n---\nLos alquileres subieron.[^1]\n\n[^1]: Cifras del sindicato.\n")
	files, _ := make1(t, m, site, "pamphlets", "p", "es")
	text := tool(t, "pdftotext", "-enc", "UTF-8", writeTemp(t, files[0]), "-")
	if i, j := strings.Index(text, "Notas"), strings.Index(text, "Cifras del sindicato"); i < 0 || j < i {
		t.Errorf("no heading Notas above the note:\n%s", text)
	}
}

// How each edition is printed, which its PDF asks the print dialog for
// and its link on the page says: one page on one side; more on both,
// turned on the long edge; landscape sheets (two copies to a sheet, a
// booklet) on the short edge.
func TestDuplexIsHowEachEditionIsPrinted(t *testing.T) {
	for _, tc := range []struct {
		ed    Edition
		pages int
		want  string
	}{
		{Plain, 1, ""}, {Plain, 2, "long"}, {Plain, 12, "long"},
		{TwoUp, 1, ""}, {TwoUp, 2, "short"},
		{Booklet, 2, "short"}, {Booklet, 6, "short"},
	} {
		if got := Duplex(tc.ed, tc.pages); got != tc.want {
			t.Errorf("Duplex(%s, %d) = %q, want %q", tc.ed, tc.pages, got, tc.want)
		}
	}
}

// A PDF's keywords are its tags as its language names them, as its page
// shows them: "logement" in French, from tract.toml's [tags], and a tag
// written twice in one item is one.
func TestKeywordsAreTheTagsInTheDocumentsLanguage(t *testing.T) {
	m, site := maker(t, "-- tract.toml --\n"+testsite.DefaultConfig+`[tags]
housing = { fr = "logement", es = "vivienda" }
-- content/leaflets/l/en.md --
---
title: Rent
tags: [housing, rent, "Housing "]
---
Text.
-- content/leaflets/l/fr.md --
---
title: Loyers
translated_from: en@000000000000
---
Texte.
`)
	for lang, want := range map[string][]string{"en": {"housing", "rent"}, "fr": {"logement", "rent"}} {
		v := site.Item("leaflets", "l").Variants[lang]
		if got := m.meta(v).Keywords; !slices.Equal(got, want) {
			t.Errorf("%s: keywords %q, want %q", lang, got, want)
		}
	}
	files, _ := make1(t, m, site, "leaflets", "l", "fr")
	if info := tool(t, "pdfinfo", writeTemp(t, files[0])); !regexp.MustCompile(`(?m)^Keywords: +logement, rent$`).MatchString(info) {
		t.Errorf("pdfinfo:\n%s", info)
	}
}

// Warm parses every face and loads the patterns of the languages it is
// given, so that the first document made waits for neither.
func TestWarmReadiesFontsAndPatterns(t *testing.T) {
	m, _ := maker(t, editionsSite)
	for _, f := range m.Fonts.Faces() {
		if f.Parsed() {
			t.Fatalf("%s %s parsed before Warm", f.Family(), f.Style())
		}
	}
	m.Warm([]string{"en", "fr"})
	for _, f := range m.Fonts.Faces() {
		if !f.Parsed() {
			t.Errorf("%s %s not parsed by Warm", f.Family(), f.Style())
		}
	}
	for lang, want := range map[string]bool{"en": true, "fr": true, "es": false} {
		if got := m.hyph.Loaded(lang); got != want {
			t.Errorf("the %s patterns loaded: %v, want %v", lang, got, want)
		}
	}
}

// A translation with a third or more of its paragraphs still its
// source's word for word says so on the printed copy, as an outdated one
// does: a reader handed it cannot see the build's warning. Translated in
// full, or with one paragraph of four kept as it is (a quotation), it
// says nothing.
func TestAPartlyTranslatedCopySaysSo(t *testing.T) {
	en := "---\ntitle: Rent\ndate: 2026-09-01\n---\nWe refuse the rent rise, every one of us.\n\nThe landlord wants fourteen per cent more from January.\n\n> Not one penny more for the landlords of this town.\n\nCome to the meeting on Thursday at seven.\n"
	digest, err := content.DigestFile([]byte(en))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		second string
		notice bool
	}{
		{"The landlord wants fourteen per cent more from January.", true},
		{"Le propriétaire veut quatorze pour cent de plus en janvier.", false},
	} {
		fr := "---\ntitle: Loyer\ntranslated_from: en@" + digest + "\n---\nNous refusons la hausse du loyer, tous ensemble.\n\n" + tt.second + "\n\n> Not one penny more for the landlords of this town.\n\nVenez à la réunion jeudi à sept heures.\n"
		m, site := maker(t, "-- content/leaflets/rent/en.md --\n"+en+"-- content/leaflets/rent/fr.md --\n"+fr)
		files, _ := make1(t, m, site, "leaflets", "rent", "fr")
		text := tool(t, "pdftotext", "-enc", "UTF-8", writeTemp(t, files[0]), "-")
		text = strings.Join(strings.Fields(regexp.MustCompile(`-\n`).ReplaceAllString(text, "")), " ")
		if got := strings.Contains(text, "Certains passages de ce texte ne sont pas encore traduits."); got != tt.notice {
			t.Errorf("with %q, the notice is there: %v, want %v:\n%s", tt.second, got, tt.notice, text)
		}
	}
}
