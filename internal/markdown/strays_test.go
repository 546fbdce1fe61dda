package markdown

import (
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/diag"
)

// strayArchive is a site of three languages whose leaflet a has body as
// its text in lang, with a picture named with a space beside it.
func strayArchive(lang, body string) string {
	return "-- tract.toml --\nbase_url = \"https://greyhaven-tenants.org\"\nlanguages = [\"en\", \"fr\", \"es\"]\n[title]\nen = \"T\"\nfr = \"T\"\nes = \"T\"\n" +
		"-- content/leaflets/a/" + lang + ".md --\n---\ntitle: A\n---\n" + body + "\n" +
		"-- content/leaflets/a/my hall.jpg --\nx\n-- content/leaflets/b/en.md --\n---\ntitle: B\n---\nText.\n"
}

// A link or a picture mistyped so that goldmark leaves it as text — a
// space in a picture's file name, a missing ), a space between ] and (
// — is reported at its line, not printed as it is without a word.
func TestMistypedLinksAndPicturesAreReported(t *testing.T) {
	body := "See [x] (../../leaflets/nope/en.md).\n" +
		"See [y](../../leaflets/nope2/en.md.\n\n" +
		"![The hall](my hall.jpg)\n\n" +
		"- a list, with [*a* file](my file.pdf \"its title\")\n\n" +
		"> A quote ![The hall] (my-hall.jpg)\n"
	_, ds := parse(t, strayArchive("en", body), "content/leaflets/a/en.md")
	want := []struct {
		sev  diag.Severity
		line int
		msg  string
	}{
		{diag.Warning, 4, "link [x] (../../leaflets/nope/en.md) is printed as it is, not as a link: its ] and ( go together, with no space between: write [x](../../leaflets/nope/en.md)"},
		{diag.Error, 5, "link [y](../../leaflets/nope2/en.md. is printed as it is, not as a link: the ) that ends its address is missing: write [y](../../leaflets/nope2/en.md)"},
		{diag.Error, 7, "picture ![The hall](my hall.jpg) is printed as it is, not as a picture: a space ends an address in Markdown, and this one has a space: write ![The hall](<my hall.jpg>), or rename the file without spaces (my-hall.jpg)"},
		{diag.Error, 9, "link [*a* file](my file.pdf \"its title\") is printed as it is"},
		{diag.Error, 11, "picture ![The hall] (my-hall.jpg) is printed as it is, not as a picture: its ] and ( go together"},
	}
	for _, w := range want {
		found := false
		for _, d := range ds {
			found = found || d.Severity == w.sev && d.Line == w.line && d.Path == "content/leaflets/a/en.md" && strings.HasPrefix(d.Message, w.msg)
		}
		if !found {
			t.Errorf("no %s at line %d: %s\ngot:\n%s", w.sev, w.line, w.msg, diagLines(ds))
		}
	}
	if len(ds) != len(want) {
		t.Errorf("%d diagnostics, want %d:\n%s", len(ds), len(want), diagLines(ds))
	}
}

// Both ways out that the message gives work: the name between < >, and
// a name without spaces.
func TestAPictureWithASpaceInItsNameIsShownBetweenAngleBrackets(t *testing.T) {
	doc, ds := parse(t, strayArchive("en", "![The hall](<my hall.jpg>)\n\n[The plan](<my hall.jpg> \"plan\")\n"), "content/leaflets/a/en.md")
	if len(ds) > 0 {
		t.Fatalf("diagnostics:\n%s", diagLines(ds))
	}
	if h := htmlOf(t, doc); !strings.Contains(h, `my%20hall.jpg`) || strings.Contains(h, "![") {
		t.Errorf("HTML:\n%s", h)
	}
}

// Brackets in prose are no link: an editor's [sic], a note's [1], a
// footnote, (see [below]), a cut in a quotation « [...] », words in
// parentheses after brackets, and brackets kept with a backslash or in
// code.
func TestBracketsInProseAreNoMistypedLink(t *testing.T) {
	for lang, bodies := range map[string][]string{
		"en": {
			"He said the rent was fair [sic] (it was not).",
			"As reported [1] (2020), and [2] (pp. 3-4).",
			"A footnote[^1] (see below) and (see [below]).\n\n[^1]: The note.",
			"An undefined note [^2] (../x/en.md) stays text.",
			"The [council] (and its officers) refused.",
			"Write `[x](my file.jpg)` or `![a] (b.jpg)` in code.",
			"```\n[x](my file.jpg)\n![a](b c.jpg\n```",
			"An escaped \\[x\\](a b) and \\![y\\](c d.jpg) are text on purpose.",
			"A [real link](../../leaflets/b/en.md) (with a note) and [another](../b/en.md \"title\").",
			"- [ ] (to do: ../x/en.md)\n- [x] done",
			"Brackets [around [nested] words] (and/or more) and [x] (Node.js).",
			"A [link [with] brackets](../b/en.md) is a link.",
		},
		"fr": {
			"Il a écrit : « [...] nous refusons » (p. 12).",
			"« Nous […] refusons » [note de la rédaction] (voir plus bas).",
			"Le loyer [sic] (selon la régie) a doublé ; voir [1] (2021).",
		},
		"es": {
			"¡Ojo! [nota del editor] (véase abajo).",
			"Dijo que «[…] no pagaremos» (p. 4) [sic].",
			"Según [2] (Pérez, 2019), el alquiler subió.",
			"¡Basta![Aplausos] (risas del público)",
			"¡Basta![Aplausos] (risas)",
		},
	} {
		for _, body := range bodies {
			_, ds := parse(t, strayArchive(lang, body), "content/leaflets/a/"+lang+".md")
			for _, d := range ds {
				if strings.Contains(d.Message, "printed as it is") {
					t.Errorf("%s %q: %s", lang, body, d)
				}
			}
		}
	}
}

// The brief's cases in French and Spanish texts, whose typography
// (quotes, no-break spaces) must not hide them.
func TestMistypedLinksAreReportedInFrenchAndSpanish(t *testing.T) {
	for lang, body := range map[string]string{
		"fr": "Voir « la lettre » [ici] (../../leaflets/b/en.md) !\n\n![La salle](my hall.jpg)",
		"es": "¡Mira [aquí](../../leaflets/b/en.md!\n\n![La sala](my hall.jpg)",
	} {
		_, ds := parse(t, strayArchive(lang, body), "content/leaflets/a/"+lang+".md")
		n := 0
		for _, d := range ds {
			if strings.Contains(d.Message, "printed as it is") {
				n++
			}
		}
		if n != 2 {
			t.Errorf("%s: %d mistyped links found, want 2:\n%s", lang, n, diagLines(ds))
		}
	}
}

func TestFindStrays(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string // the strays, as text
	}{
		{"[x](y", []string{"[x](y"}},
		{"a [x](y z) b", []string{"[x](y z)"}},
		{"![a](b c.jpg \"t\")", []string{"![a](b c.jpg \"t\")"}},
		{"[a] (b.md) [c] (d e)", []string{"[a] (b.md)"}},
		{"[a] (b.md", nil},
		{"\\[a](b c)", nil},
		{"\\\\[a](b c)", []string{"[a](b c)"}},
		{"\\![a](b c)", []string{"[a](b c)"}},
		{"[^1] (x.md)", nil},
		{"[a\nb](c\nd", []string{"[a\nb](c"}},
		{"[a]\x1a(b c)", nil},
		{"[[a]](b (c) d) e", []string{"[[a]](b (c) d)"}},
		{"]([)", nil},
		{"![a] (b c)", nil},
		{"![a] (b.jpg)", []string{"![a] (b.jpg)"}},
		// A ) further than maxAddress is not looked for: the address is
		// read to the first space, as one left open.
		{"[a](" + strings.Repeat("b", maxAddress) + ") c", []string{"[a](" + strings.Repeat("b", maxAddress) + ")"}},
		{"[a](" + strings.Repeat("b", maxAddress-3) + " c) d", []string{"[a](" + strings.Repeat("b", maxAddress-3) + " c)"}},
	} {
		var got []string
		for _, s := range findStrays(tc.text) {
			got = append(got, tc.text[s.start:s.end])
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("findStrays(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// FuzzFindStrays gives findStrays and findRefStrays arbitrary text: they
// must not panic, and each stray they find lies in the text, in order,
// from its ! or [ to past its ( (to its last ], for a reference link).
func FuzzFindStrays(f *testing.F) {
	for _, s := range []string{"See [x] (../../leaflets/nope/en.md).", "[y](a.md.", "![The hall](my hall.jpg)", "[sic] (who)", "\\[a\\](b c)", "[[a](b", "]([)", "[a](b (c) d", "[a][b]", "[x [y] z][] [^a][b]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		end := 0
		for _, s := range findStrays(text) {
			if s.start < end || s.start > s.bracket || s.bracket >= s.close || s.close >= s.open || s.open >= s.addr || s.addr > s.end || s.end > len(text) {
				t.Fatalf("findStrays(%q): %+v after %d", text, s, end)
			}
			if text[s.bracket] != '[' || text[s.close] != ']' || text[s.open] != '(' || s.picture != (text[s.start] == '!') {
				t.Fatalf("findStrays(%q): %+v is no link", text, s)
			}
			end = s.end
		}
		end = 0
		for _, r := range findRefStrays(text) {
			if r.start < end || r.start >= r.ref || r.ref > r.refEnd || r.refEnd >= r.end || r.end > len(text) || text[r.start] != '[' || text[r.end-1] != ']' {
				t.Fatalf("findRefStrays(%q): %+v after %d", text, r, end)
			}
			end = r.end
		}
	})
}

func diagLines(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("  " + d.String() + "\n")
	}
	return b.String()
}

// A long line of brackets apart from their parentheses is read once, not
// from each bracket to its end: 4,900 of them before 700,000 words took
// 13.5 s of CPU to check.
func BenchmarkFindStraysLongLine(b *testing.B) {
	text := strings.Repeat("[a] (b ", 4900) + strings.Repeat("mot ", 700000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		findStrays(text)
	}
}

// A reference link whose reference no line defines is left as text by
// goldmark: "[the report][1]" printed with its brackets. It is reported;
// one whose reference is defined is a link, and "[1][2]", two notes'
// numbers, and footnotes are no links.
func TestAReferenceLinkWithoutItsReferenceIsReported(t *testing.T) {
	body := "See [the report][1] and [the *minutes*][].\n\n" +
		"Read [the letter][letter].\n\n" +
		"As shown [1][2], and in a note[^n][^m].\n\n" +
		"[letter]: https://example.org/letter\n\n" +
		"[^n]: One.\n\n[^m]: Two.\n"
	_, ds := parse(t, strayArchive("en", body), "content/leaflets/a/en.md")
	want := []string{
		"link [the report][1] is printed as it is, not as a link: no line defines [1]; write [1]: and the address",
		"link [the *minutes*][] is printed as it is, not as a link: no line defines [the minutes]",
	}
	for _, w := range want {
		found := false
		for _, d := range ds {
			found = found || d.Severity == diag.Warning && d.Line == 4 && strings.HasPrefix(d.Message, w)
		}
		if !found {
			t.Errorf("no warning at line 4: %s\ngot:\n%s", w, diagLines(ds))
		}
	}
	if len(ds) != len(want) {
		t.Errorf("%d diagnostics, want %d:\n%s", len(ds), len(want), diagLines(ds))
	}
}

func TestFindRefStrays(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string // the strays, as text, and their references' names
	}{
		{"[a][b]", []string{"[a][b] b"}},
		{"[a][]", []string{"[a][] a"}},
		{"[1][2]", nil},
		{"[a][^b]", nil},
		{"[^a][b]", nil},
		{"\\[a][b]", nil},
		{"[a][b\nc]", nil},
		{"[x [y] z][r] [s][t]", []string{"[x [y] z][r] r", "[s][t] t"}},
		{"[a][" + strings.Repeat("b", maxAddress+5) + "]", nil},
	} {
		var got []string
		for _, r := range findRefStrays(tc.text) {
			got = append(got, tc.text[r.start:r.end]+" "+tc.text[r.ref:r.refEnd])
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("findRefStrays(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
