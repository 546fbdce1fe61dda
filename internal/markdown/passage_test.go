package markdown

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tractpub/tract/internal/diag"
)

func TestPassageIsMarkedWithItsLanguageAndDirection(t *testing.T) {
	tests := []struct{ md, want string }{
		{"::: {lang=es}\n> ¡No pasarán!\n:::\n", "<div lang=\"es\" dir=\"ltr\">\n<blockquote>\n<p>¡No pasarán!</p>\n</blockquote>\n</div>\n"},
		{"::: {lang=\"ar\"}\nلا\n:::\n", "<div lang=\"ar\" dir=\"rtl\">\n<p>لا</p>\n</div>\n"},
		// The tag in its usual form, whatever the fence's colons.
		{"  :::: {lang=PT-br} ::::\nSim\n::::::\n", "<div lang=\"pt-BR\" dir=\"ltr\">\n<p>Sim</p>\n</div>\n"},
		// A fence ends the paragraph above it.
		{"Il a dit :\n::: {lang=en}\nNo.\n:::\n", "<p>Il a dit" + nb + ":</p>\n<div lang=\"en\" dir=\"ltr\">\n<p>No.</p>\n</div>\n"},
		// In a list item, indented as its text is.
		{"- un\n\n  ::: {lang=es}\n  uno\n  :::\n- deux\n", "<ul>\n<li>\n<p>un</p>\n<div lang=\"es\" dir=\"ltr\">\n<p>uno</p>\n</div>\n</li>\n<li>\n<p>deux</p>\n</li>\n</ul>\n"},
		// A closing fence in code is code; one in a passage in the
		// passage closes the inner passage.
		{"::: {lang=en}\n```\n:::\n```\n:::\n", "<div lang=\"en\" dir=\"ltr\">\n<pre tabindex=\"0\" role=\"region\" aria-label=\"Code 1\"><code>:::\n</code></pre>\n</div>\n"},
		{"::: {lang=en}\n::: {lang=es}\nsí\n:::\nyes\n:::\noui\n", "<div lang=\"en\" dir=\"ltr\">\n<div lang=\"es\" dir=\"ltr\">\n<p>sí</p>\n</div>\n<p>yes</p>\n</div>\n<p>oui</p>\n"},
	}
	for _, tt := range tests {
		d, diags := parse(t, body("fr", tt.md), "content/articles/a/fr.md")
		if got := htmlOf(t, d); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.md, got, tt.want)
		}
		if len(diags) > 0 {
			t.Errorf("%q: %v", tt.md, diags)
		}
	}
}

func TestPassageIsSetByItsLanguagesTypography(t *testing.T) {
	tests := []struct{ lang, md, want string }{
		// French quotes and spacing around an English quotation, and
		// English inside it.
		{"fr", "Il a dit \"oui\" : bien !\n\n::: {lang=en}\n> \"We will not be moved\": never! It's 'ours'.\n:::\n\nEt ensuite ?",
			"Il a dit «" + nnb + "oui" + nnb + "»" + nb + ": bien" + nnb + "! “We will not be moved”: never! It’s ‘ours’. Et ensuite" + nnb + "?"},
		// And the other way round.
		{"en", "She said: \"yes\"!\n\n::: {lang=fr}\n\"Non\" : jamais ! C'est 'à nous'.\n:::\n",
			"She said: “yes”! «" + nnb + "Non" + nnb + "»" + nb + ": jamais" + nnb + "! C’est “à nous”."},
	}
	for _, tt := range tests {
		d, _ := parse(t, body(tt.lang, tt.md), "content/articles/a/"+tt.lang+".md")
		if got := d.Text(); got != tt.want {
			t.Errorf("%s %q:\n got %q\nwant %q", tt.lang, tt.md, got, tt.want)
		}
	}
}

func TestMistypedOrUnclosedPassageIsWarned(t *testing.T) {
	tests := []struct {
		md   string
		line int
		want string
	}{
		{"A\n\n::: {lang=en}\nopen\n", 6, "this passage in en is not closed"},
		{"A\n\n::: es\nB\n", 6, "opens no passage"},
		{"A\n\n::: {lang=}\nB\n", 6, "opens no passage"},
		{"A\n:::\n", 5, "closes no passage"},
	}
	for _, tt := range tests {
		_, diags := parse(t, body("fr", tt.md), "content/articles/a/fr.md")
		if len(diags) != 1 || diags[0].Line != tt.line || !strings.Contains(diags[0].Message, tt.want) {
			t.Errorf("%q: got %v, want one warning at line %d: %q", tt.md, diags, tt.line, tt.want)
		}
	}
}

func TestPhraseIsMarkedWithItsLanguage(t *testing.T) {
	tests := []struct{ md, want string }{
		{"une banderole « [Kellingford, *we* are with you]{lang=en} », en anglais",
			"<p>une banderole «" + nnb + "<span lang=\"en\" dir=\"ltr\">Kellingford, <em>we</em> are with you</span>" + nnb + "», en anglais</p>\n"},
		// Straight quotes around it, which the text's typography turns
		// into guillemets: their spaces are the text's, outside it.
		{"une banderole \"[we are with you]{lang=en}\", en anglais",
			"<p>une banderole «" + nnb + "<span lang=\"en\" dir=\"ltr\">we are with you</span>" + nnb + "», en anglais</p>\n"},
		// A space inside the brackets is the one after the guillemet:
		// not a second one.
		{"une banderole \"[ we are with you ]{lang=en}\", en anglais",
			"<p>une banderole «<span lang=\"en\" dir=\"ltr\">" + nnb + "we are with you" + nnb + "</span>», en anglais</p>\n"},
		// Across a line break; in another phrase; in Arabic.
		{"[un\ndeux]{lang=es}", "<p><span lang=\"es\" dir=\"ltr\">un\ndeux</span></p>\n"},
		{"[a [b]{lang=es} c]{lang=en}", "<p><span lang=\"en\" dir=\"ltr\">a <span lang=\"es\" dir=\"ltr\">b</span> c</span></p>\n"},
		{"le mot [سلام]{lang=ar}.", "<p>le mot <span lang=\"ar\" dir=\"rtl\">سلام</span>.</p>\n"},
		// Brackets that are no phrase stay as they are.
		{"[x] et \\[y]{lang=en} et [z](#)", "<p>[x] et [y]{lang=en} et <a href=\"#\">z</a></p>\n"},
	}
	for _, tt := range tests {
		d, _ := parse(t, body("fr", tt.md), "content/articles/a/fr.md")
		if got := htmlOf(t, d); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.md, got, tt.want)
		}
	}
}

func TestPhraseIsSetByItsLanguagesTypography(t *testing.T) {
	d, _ := parse(t, body("fr", `Il a crié ["No pasarán!" : ¿sí?]{lang=es} ! Puis "oui" !`), "content/articles/a/fr.md")
	want := "Il a crié «No pasarán!» : ¿sí?" + nnb + "! Puis «" + nnb + "oui" + nnb + "»" + nnb + "!"
	if got := d.Text(); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestMistypedPhraseIsWarned(t *testing.T) {
	for md, want := range map[string]string{
		`un [mot]{lang="en"}`:               "names no language",
		"un [mot]{lang=}":                   "names no language",
		"un mot]{lang=en} seul":             "closes no [",
		"un [^1]{lang=en}\n\n[^1]: la note": "these brackets are a link",
	} {
		_, diags := parse(t, body("fr", md), "content/articles/a/fr.md")
		if len(diags) != 1 || diags[0].Line != 4 || !strings.Contains(diags[0].Message, want) {
			t.Errorf("%q: got %v, want one warning at line 4: %q", md, diags, want)
		}
	}
}

// Passages nest MaxPassages deep at most, with no quote marker or
// indentation to count them by: past that a fence is text and a warning,
// and fences by the thousand, in code or in quotes that close nothing,
// parse in linear time.
func TestPassagesNestAFewDeepAtMost(t *testing.T) {
	deep := strings.Repeat("::: {lang=en}\n", MaxPassages+1) + "text\n"
	d, diags := parse(t, body("fr", deep), "content/articles/a/fr.md")
	if got := strings.Count(htmlOf(t, d), "<div lang="); got != MaxPassages {
		t.Errorf("%d passages opened, want %d", got, MaxPassages)
	}
	w := "printed as it is: tract opens passages 8 deep at most"
	if !slices.ContainsFunc(diags, func(d diag.Diagnostic) bool { return d.Line == 4+MaxPassages && strings.Contains(d.Message, w) }) {
		t.Errorf("diagnostics %v, want one at line %d: %q", diags, 4+MaxPassages, w)
	}
	for _, unit := range []string{"::: {lang=en}\n```\n:::\n```\n", "::: {lang=en}\n> :::\n", "::: {lang=en}\n- :::\n"} {
		start := time.Now()
		d, _ := parse(t, body("fr", strings.Repeat(unit, 5000)), "content/articles/a/fr.md")
		if got := strings.Count(htmlOf(t, d), "<div lang="); got > MaxPassages {
			t.Errorf("%q: %d passages open at once, want %d at most", unit, got, MaxPassages)
		}
		t.Logf("%q × 5000: %v", unit, time.Since(start))
	}
}

// A phrase's tag may have a region or a script: goldmark cuts a text at
// a hyphen, and the attributes are read across the pieces. Phrases by
// the thousand in one paragraph take linear time.
func TestPhraseWithARegionAndManyPhrases(t *testing.T) {
	for md, want := range map[string]string{
		"x [c]{lang=pt-BR} y":                        `<p>x <span lang="pt-BR" dir="ltr">c</span> y</p>`,
		"[c]{lang=en-GB} x":                          `<p><span lang="en-GB" dir="ltr">c</span> x</p>`,
		"a [b]{lang=zh-Hant-TW} c [d]{lang=sr-Latn}": `<p>a <span lang="zh-Hant-TW" dir="ltr">b</span> c <span lang="sr-Latn" dir="ltr">d</span></p>`,
		"[a]{lang=en}[b]{lang=es} [c]{lang=en}":      `<p><span lang="en" dir="ltr">a</span><span lang="es" dir="ltr">b</span> <span lang="en" dir="ltr">c</span></p>`,
	} {
		d, diags := parse(t, body("fr", md), "content/articles/a/fr.md")
		if got := strings.TrimSpace(htmlOf(t, d)); got != want || len(diags) > 0 {
			t.Errorf("%q:\n got %s %v\nwant %s", md, got, diags, want)
		}
	}
	n := 4000
	d, _ := parse(t, body("fr", strings.Repeat("[a]{lang=en} ", n)), "content/articles/a/fr.md")
	if got := strings.Count(htmlOf(t, d), "<span lang=\"en\""); got != n {
		t.Errorf("%d phrases of %d", got, n)
	}
}

// Arabic opens a single quote with its apostrophe: an English passage or
// phrase in an Arabic text tells them apart as the typographer did.
func TestPassageInArabicTellsApostrophesFromQuotes(t *testing.T) {
	site := "-- tract.toml --\nbase_url = \"https://example.net\"\nlanguages = [\"ar\", \"en\"]\n[title]\nar = \"T\"\nen = \"T\"\n"
	for md, want := range map[string]string{
		"::: {lang=en}\nIt's 'ours', isn't it?\n:::\n": "It’s ‘ours’, isn’t it?",
		"[it's 'ours']{lang=en}":                       "it’s ‘ours’",
	} {
		d, _ := parse(t, site+body("ar", md), "content/articles/a/ar.md")
		if got := d.Text(); got != want {
			t.Errorf("%q: got %q, want %q", md, got, want)
		}
	}
}

// A translation partly done has its paragraphs still the source's marked
// as in the source's language, with its quotes and spacing, and nothing
// else: the page reads them with the right voice, and no French space
// goes before an English exclamation mark.
func TestParagraphsStillTheSourcesAreInItsLanguage(t *testing.T) {
	kept := "Come to the meeting on \"Thursday\" at seven: all welcome!\n"
	list := "- Bring your rent letter and your tenancy agreement.\n- Bring a neighbour who has not heard about it yet.\n"
	en := "---\ntitle: Rent\ndate: 2024-02-24\n---\nWe refuse the rise, all of us, together: no!\n\n" + kept + "\n" + list
	fr := "---\ntitle: Loyer\ntranslated_from: en@000000000000\n---\nNous refusons la hausse, tous ensemble : non !\n\n" + kept + "\n" + list
	d, _ := parse(t, "-- content/leaflets/a/en.md --\n"+en+"-- content/leaflets/a/fr.md --\n"+fr, "content/leaflets/a/fr.md")
	want := "<p>Nous refusons la hausse, tous ensemble" + nb + ": non" + nnb + "!</p>\n" +
		"<div lang=\"en\" dir=\"ltr\">\n<p>Come to the meeting on “Thursday” at seven: all welcome!</p>\n</div>\n" +
		"<ul>\n<li>\n<div lang=\"en\" dir=\"ltr\">\nBring your rent letter and your tenancy agreement.</div>\n</li>\n" +
		"<li>\n<div lang=\"en\" dir=\"ltr\">\nBring a neighbour who has not heard about it yet.</div>\n</li>\n</ul>\n"
	if got := htmlOf(t, d); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// The source, and a translation done in full, have none.
	d, _ = parse(t, "-- content/leaflets/a/en.md --\n"+en+"-- content/leaflets/a/fr.md --\n"+fr, "content/leaflets/a/en.md")
	if got := htmlOf(t, d); strings.Contains(got, "<div") {
		t.Errorf("the source is marked:\n%s", got)
	}
}

// In a list half translated, the items still the source's are marked as
// in its language, each on its own; the translated one between them is
// not.
func TestTheItemsOfAListStillTheSourcesAreInItsLanguage(t *testing.T) {
	a := "- Bring your rent letter and your tenancy agreement!\n"
	b := "- Bring a neighbour who has not heard about it yet.\n"
	c := "- Sign nothing the landlord sends before the meeting!\n"
	en := "---\ntitle: Rent\ndate: 2024-02-24\n---\nWe refuse the rise, all of us, together: no!\n\n" + a + b + c
	fr := "---\ntitle: Loyer\ntranslated_from: en@000000000000\n---\nNous refusons la hausse, tous ensemble : non !\n\n" + a + "- Amenez un voisin qui n'en a pas encore entendu parler !\n" + c
	d, _ := parse(t, "-- content/leaflets/a/en.md --\n"+en+"-- content/leaflets/a/fr.md --\n"+fr, "content/leaflets/a/fr.md")
	want := "<ul>\n<li>\n<div lang=\"en\" dir=\"ltr\">\nBring your rent letter and your tenancy agreement!</div>\n</li>\n" +
		"<li>Amenez un voisin qui n’en a pas encore entendu parler" + nnb + "!</li>\n" +
		"<li>\n<div lang=\"en\" dir=\"ltr\">\nSign nothing the landlord sends before the meeting!</div>\n</li>\n</ul>\n"
	if got := htmlOf(t, d); !strings.HasSuffix(got, want) {
		t.Errorf("got\n%s\nwant it to end with\n%s", got, want)
	}
}

// A task left as the source wrote it is marked as in its language, its
// box labelled in the text's: a translation may tick it.
func TestATaskStillTheSourcesHasItsBoxInTheTextsLanguage(t *testing.T) {
	a := "Bring your rent letter and your tenancy agreement.\n"
	b := "Bring a neighbour who has not heard about it yet.\n"
	en := "---\ntitle: Rent\ndate: 2024-02-24\n---\nWe refuse the rise, all of us, together.\n\n- [ ] " + a + "- [ ] " + b
	fr := "---\ntitle: Loyer\ntranslated_from: en@000000000000\n---\nNous refusons la hausse, tous ensemble.\n\n- [x] " + a + "- [ ] Amenez un voisin qui n'en a pas encore entendu parler.\n"
	d, _ := parse(t, "-- content/leaflets/a/en.md --\n"+en+"-- content/leaflets/a/fr.md --\n"+fr, "content/leaflets/a/fr.md")
	got := htmlOf(t, d)
	want := "<li>\n<div lang=\"en\" dir=\"ltr\">\n<input checked=\"\" disabled=\"\" type=\"checkbox\" lang=\"fr\" aria-label=\"Fait\"> Bring your rent letter"
	if !strings.Contains(got, want) || !strings.Contains(got, `<li><input disabled="" type="checkbox" aria-label="À faire"> Amenez`) {
		t.Errorf("got\n%s\nwant the first item marked in English with its box in French:\n%s", got, want)
	}
}

// A note defined in a passage is in the passage's language, at the end
// of the text where its definition goes; one defined outside is not.
func TestANoteDefinedInAPassageIsInItsLanguage(t *testing.T) {
	md := "::: {lang=en}\n> \"We stay\"[^1].\n>\n> [^1]: Said at the gate: no!\n:::\n\nIls restent[^2].\n\n[^2]: Dit à la porte : non !\n"
	d, diags := parse(t, body("fr", md), "content/articles/a/fr.md")
	if len(diags) > 0 {
		t.Errorf("%v", diags)
	}
	got := htmlOf(t, d)
	for _, want := range []string{
		"<li id=\"fn:1\">\n<div lang=\"en\" dir=\"ltr\">\n<p>Said at the gate: no!",
		"<li id=\"fn:2\">\n<p>Dit à la porte" + nb + ": non" + nnb + "!",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}

// A note's links inside a passage or a phrase in another language are
// labelled in the text's language ("Note 1", "Retour au texte"), and say
// so, for a screen reader not to read the label with the passage's
// voice; elsewhere they need not.
func TestANotesLinksInAPassageSayTheirLabelsLanguage(t *testing.T) {
	md := "::: {lang=en}\n\"We stay\"[^1], said the chair.\n\n[^1]: Said at the gate.\n:::\n\nIls [restent[^2]]{lang=en}, et partent[^3].\n\n[^2]: Dit à la porte.\n[^3]: Plus tard.\n"
	d, _ := parse(t, body("fr", md), "content/articles/a/fr.md")
	got := htmlOf(t, d)
	for _, want := range []string{
		`<a href="#fn:1" class="footnote-ref" role="doc-noteref" lang="fr" aria-label="Note 1">`,
		`<a href="#fn:2" class="footnote-ref" role="doc-noteref" lang="fr" aria-label="Note 2">`,
		`<a href="#fn:3" class="footnote-ref" role="doc-noteref" aria-label="Note 3">`,
		`<a href="#fnref:1" class="footnote-backref" role="doc-backlink" lang="fr" aria-label="Retour au texte`,
		`<a href="#fnref:2" class="footnote-backref" role="doc-backlink" aria-label="Retour au texte`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}

// Only what is the source's, whole, is marked as in its language: not a
// paragraph a line of no-break spaces joins to a translated one (blank
// to the copy check, not to Markdown), nor a passage the text marks in a
// language of its own, which the copy check may miss.
func TestOnlyWholeParagraphsStillTheSourcesAreMarked(t *testing.T) {
	kept := "The landlord wants fourteen per cent more from January.\n"
	tests := []struct{ en, fr, want, not string }{
		{kept + "\u00a0\nThe second English sentence here is long enough.\n",
			"Nous refusons la hausse, tous ensemble, maintenant.\n\n" + kept + "\u00a0\nLa deuxième phrase française est assez longue ici.\n",
			"", `<div lang="en"`},
		{"We refuse the rise, all of us, together.\n\n10. Item.\n\n    ::: {lang=es}\n    ¡No pasarán! Uno dos tres cuatro cinco seis siete.\n    :::\n",
			"Nous refusons la hausse, tous ensemble, maintenant.\n\n10. Élément.\n\n    ::: {lang=es}\n    ¡No pasarán! Uno dos tres cuatro cinco seis siete.\n    :::\n",
			`<div lang="es" dir="ltr">` + "\n<p>¡No pasarán!", `<div lang="en"`},
	}
	for _, tt := range tests {
		en := "---\ntitle: Rent\ndate: 2024-02-24\n---\n" + tt.en
		fr := "---\ntitle: Loyer\ntranslated_from: en@000000000000\n---\n" + tt.fr
		d, _ := parse(t, "-- content/leaflets/a/en.md --\n"+en+"-- content/leaflets/a/fr.md --\n"+fr, "content/leaflets/a/fr.md")
		if d.Variant.CopiedLines == nil {
			t.Errorf("%q: no paragraph found copied: the test tests nothing", tt.fr)
		}
		got := htmlOf(t, d)
		if !strings.Contains(got, tt.want) || strings.Contains(got, tt.not) {
			t.Errorf("%q:\n%s\nwant %q and no %q", tt.fr, got, tt.want, tt.not)
		}
	}
}

// A note outside every passage, whose first block has no line of its
// own (a list), is not taken for one in a passage that opens the text.
func TestANoteOutsidePassagesStaysInTheTextsLanguage(t *testing.T) {
	d, _ := parse(t, body("fr", "::: {lang=en}\nHello there.\n:::\n\nTexte[^1].\n\n[^1]: - un élément de liste\n"), "content/articles/a/fr.md")
	if got := htmlOf(t, d); !strings.Contains(got, "<li id=\"fn:1\">\n<ul>") {
		t.Errorf("the note is marked:\n%s", got)
	}
}

// A summary made from the text starts where the text does, with a
// paragraph still the source's as with any other; a quotation the text
// marks as a passage is left out of it, as before.
func TestASummaryReadsParagraphsStillTheSources(t *testing.T) {
	kept := "The landlord wants fourteen per cent more from January.\n"
	en := "---\ntitle: Rent\ndate: 2024-02-24\n---\n" + kept + "\nWe refuse the rise, all of us, together.\n"
	fr := "---\ntitle: Loyer\ntranslated_from: en@000000000000\n---\n" + kept + "\nNous refusons la hausse, tous ensemble.\n\n::: {lang=es}\nNo pasarán.\n:::\n"
	d, _ := parse(t, "-- content/leaflets/a/en.md --\n"+en+"-- content/leaflets/a/fr.md --\n"+fr, "content/leaflets/a/fr.md")
	if got, want := d.Summary(SummaryMax), "The landlord wants fourteen per cent more from January. Nous refusons la hausse, tous ensemble."; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

// Along a chain of translations, a paragraph is marked in the language
// its words were written in: the original's, for one a French
// translation kept from the English and a Spanish one from the French.
func TestAParagraphCopiedAlongAChainIsMarkedInItsOwnLanguage(t *testing.T) {
	english := "The landlord wants fourteen per cent more from January.\n"
	french := "Le propriétaire veut quatorze pour cent de plus dès janvier.\n"
	archive := "-- content/leaflets/a/en.md --\n---\ntitle: Rent\ndate: 2024-02-24\n---\nWe refuse the rise, all of us, together.\n\n" + english +
		"-- content/leaflets/a/fr.md --\n---\ntitle: Loyer\ntranslated_from: en@000000000000\n---\nNous refusons la hausse, tous ensemble, maintenant.\n\n" + english + "\n" + french +
		"-- content/leaflets/a/es.md --\n---\ntitle: Alquiler\ntranslated_from: fr@000000000000\n---\nRechazamos la subida, todas y todos juntos, ahora.\n\n" + english + "\n" + french
	d, _ := parse(t, archive, "content/leaflets/a/es.md")
	got := htmlOf(t, d)
	for _, want := range []string{"<div lang=\"en\" dir=\"ltr\">\n<p>The landlord", "<div lang=\"fr\" dir=\"ltr\">\n<p>Le propriétaire"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}

// A table still the source's, word for word, is marked as in its
// language, with its typography in its cells; one partly translated is
// not.
func TestATableStillTheSourcesIsInItsLanguage(t *testing.T) {
	table := "| Block | Rise |\n|---|---|\n| A: the tower | 14%, from January! |\n"
	en := "---\ntitle: Rent\ndate: 2024-02-24\n---\nWe refuse the rise, all of us, together.\n\n" + table
	for _, tt := range []struct {
		fr     string
		marked bool
	}{
		{table, true},
		{"| Bloc | Hausse |\n|---|---|\n| A: the tower | 14%, from January! |\n", false},
	} {
		fr := "---\ntitle: Loyer\ntranslated_from: en@000000000000\n---\nNous refusons la hausse, tous ensemble, maintenant.\n\n" + tt.fr
		d, _ := parse(t, "-- content/leaflets/a/en.md --\n"+en+"-- content/leaflets/a/fr.md --\n"+fr, "content/leaflets/a/fr.md")
		got := htmlOf(t, d)
		cell := "<td>A: the tower</td>" // English: no space before the colon
		if !tt.marked {
			cell = "<td>A" + nb + ": the tower</td>"
		}
		if strings.Contains(got, "<div lang=\"en\" dir=\"ltr\">\n<div class=\"table\"") != tt.marked || !strings.Contains(got, cell) {
			t.Errorf("%q: marked %v, want %v, and %q:\n%s", tt.fr, !tt.marked, tt.marked, cell, got)
		}
	}
}
