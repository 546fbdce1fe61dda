package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
)

func TestAContentFileInsteadOfAFolderIsAnError(t *testing.T) {
	_, ds := load(t, "-- content --\nhello\n")
	wantDiag(t, ds, diag.Error, "content", 0, "content is a file: the items go in a folder named content")
}

func TestAFileSizeLimitOutOfRangeIsAnError(t *testing.T) {
	for _, n := range []string{"-1", "0", "1025", "9223372036854775807"} {
		_, ds := load(t, "-- tract.toml --\nmax_file_size_mb = "+n+"\n"+testsite.DefaultConfig+"-- content/leaflets/a/en.md --\n---\ntitle: A\ndate: 2024-02-24\n---\nText.\n")
		wantDiag(t, ds, diag.Error, "tract.toml", 1, "max_file_size_mb must be from 1 to 1024")
		for _, d := range ds {
			if d.Path != "tract.toml" {
				t.Errorf("max_file_size_mb = %s: the text is refused: %s", n, d)
			}
		}
	}
}

func TestASizeOverTheLimitNeverReadsAsTheLimit(t *testing.T) {
	for _, tc := range []struct {
		size, limit int64
		want        string
	}{
		{5<<20 + 22, 4 << 20, "file is 5.0 MB, more than the limit of 4 MB"},
		{4_501_589, 4 << 20, "file is 4.3 MB, more than the limit of 4 MB"},
		{4<<20 + 1, 4 << 20, "file is 4194305 bytes, more than the limit of 4194304 bytes"},
		{65<<20 - 1, 64 << 20, "file is 65.0 MB, more than the limit of 64 MB"},
	} {
		if got := tooLarge(tc.size, tc.limit); got != tc.want {
			t.Errorf("tooLarge(%d, %d) = %q, want %q", tc.size, tc.limit, got, tc.want)
		}
	}
}

// A language refused in tract.toml is one error, not also one per item.
func TestARefusedLanguageIsReportedOnce(t *testing.T) {
	config := "-- tract.toml --\nbase_url = \"https://x.org\"\nlanguages = [\"en\", \"fr\", \"en\", \"../x\", \"qq\"]\n[title]\nen = \"T\"\nfr = \"T\"\n"
	_, ds := load(t, config+"-- content/leaflets/a/en.md --\n---\ntitle: A\ndate: 2024-02-24\n---\nText.\n-- content/leaflets/b/en.md --\n---\ntitle: B\ndate: 2024-02-24\n---\nText.\n")
	wantDiag(t, ds, diag.Error, "tract.toml", 2, `language "en" is listed twice`)
	wantDiag(t, ds, diag.Error, "tract.toml", 2, `language "../x" is not a language tag`)
	// Well formed, and no language: the catalog could not load it.
	wantDiag(t, ds, diag.Error, "tract.toml", 2, `language "qq" is no language tract knows`)
	if len(ds) != 3 {
		t.Errorf("%d diagnostics, want 3:\n%s", len(ds), list(ds))
	}
}

// Two bulletins with one number are a warning at the second's number:
// readers tell issues apart by it.
func TestTwoBulletinsWithOneNumberAreAWarning(t *testing.T) {
	b := func(slug string, n int) string {
		return fmt.Sprintf("-- content/bulletins/%s/en.md --\n---\ntitle: %s\nnumber: %d\ndate: 2024-02-24\n---\nText.\n", slug, slug, n)
	}
	_, ds := load(t, b("autumn", 7)+b("spring", 8)+b("winter", 7))
	wantDiag(t, ds, diag.Warning, "content/bulletins/winter/en.md", 3, "bulletin number 7 is also content/bulletins/autumn/en.md's: give each bulletin its own number")
	if len(ds) != 1 {
		t.Errorf("%d diagnostics, want 1:\n%s", len(ds), list(ds))
	}
}

// A language written in capitals says how to write it, and the rest of
// the site is checked with it as meant: its texts and titles are no
// errors of their own.
func TestALanguageInCapitalsSaysHowToWriteIt(t *testing.T) {
	config := "-- tract.toml --\nbase_url = \"https://x.org\"\nlanguages = [\"EN\", \"PT-BR\"]\n[title]\nen = \"T\"\npt-BR = \"T\"\n"
	_, ds := load(t, config+"-- content/leaflets/a/en.md --\n---\ntitle: A\ndate: 2024-02-24\n---\nText.\n-- content/leaflets/b/pt-BR.md --\n---\ntitle: B\ndate: 2024-02-24\n---\nTexto.\n")
	wantDiag(t, ds, diag.Error, "tract.toml", 2, `language "EN" is written in capitals: write "en", as the texts are named (en.md)`)
	wantDiag(t, ds, diag.Error, "tract.toml", 2, `language "PT-BR" is written in capitals: write "pt-BR", as the texts are named (pt-BR.md)`)
	if len(ds) != 2 {
		t.Errorf("%d diagnostics, want 2:\n%s", len(ds), list(ds))
	}
	// default_language too; and a tag in capitals that is no language
	// is not told to be written small.
	_, ds = load(t, "-- tract.toml --\nbase_url = \"https://x.org\"\nlanguages = [\"en\", \"QQ\"]\ndefault_language = \"EN\"\n[title]\nen = \"T\"\n-- content/leaflets/a/en.md --\n---\ntitle: A\ndate: 2024-02-24\n---\nText.\n")
	wantDiag(t, ds, diag.Error, "tract.toml", 3, `default_language "EN" is written in capitals: write "en"`)
	wantDiag(t, ds, diag.Error, "tract.toml", 2, `language "QQ" is no language tract knows: give its ISO 639 code, in small letters`)
	if len(ds) != 2 {
		t.Errorf("%d diagnostics, want 2:\n%s", len(ds), list(ds))
	}
}

// A variant named in capitals, or after a region too (fr_FR.md, as
// systems name locales), is an error, not a file published raw beside
// the page while its translation goes missing. Any other Markdown file
// in an item's folder, at any depth, is notes, a draft or an old
// version: never published, with a warning.
func TestAMarkdownFileThatIsNoVariantIsNotPublished(t *testing.T) {
	text := "---\ntitle: A\ntranslated_from: en@0123456789ab\n---\nTexte.\n"
	s, ds := load(t, "-- content/leaflets/a/en.md --\n---\ntitle: A\ndate: 2024-02-24\n---\nText.\n-- content/leaflets/a/FR.md --\n"+text+
		"-- content/leaflets/a/notes.md --\nTo do.\n-- content/leaflets/a/draft.markdown --\nDraft.\n"+
		"-- content/leaflets/a/fr_FR.md --\n"+text+"-- content/leaflets/a/fr-FR.md --\n"+text+"-- content/leaflets/a/ES_es.md --\n"+text+
		"-- content/leaflets/a/old/en.md --\n---\ntitle: Old\n---\nOld.\n-- content/leaflets/a/old/photo.jpg --\nx\n"+
		"-- content/leaflets/b/fr_CA.md --\n"+text)
	wantDiag(t, ds, diag.Error, "content/leaflets/a/FR.md", 0, "variant files are named in lower case: rename FR.md to fr.md")
	wantDiag(t, ds, diag.Warning, "content/leaflets/a/notes.md", 0, "notes.md is not published: an item's texts are named after their language (en.md, fr.md or es.md), and tract publishes no other Markdown file; if it is the item's text in one of them, rename it so (fr.md for the French text); if it holds notes or a draft, move it out of content/")
	wantDiag(t, ds, diag.Warning, "content/leaflets/a/draft.markdown", 0, "draft.markdown is not published")
	for name, lang := range map[string]string{"fr_FR.md": "fr", "fr-FR.md": "fr", "ES_es.md": "es"} {
		wantDiag(t, ds, diag.Error, "content/leaflets/a/"+name, 0, name+" is named after a language and a region: an item's texts are named after one of tract.toml's languages (en, fr or es): rename it "+lang+".md")
	}
	wantDiag(t, ds, diag.Warning, "content/leaflets/a/old/en.md", 0, "old/en.md is not published: tract reads an item's texts only from the item's own folder, content/leaflets/a, not from a folder inside it")
	// An item whose only text is named after a region has one: the error
	// says what to do, not "no variant".
	wantDiag(t, ds, diag.Error, "content/leaflets/b/fr_CA.md", 0, "rename it fr.md")
	if len(ds) != 8 {
		t.Errorf("%d diagnostics, want 8:\n%s", len(ds), list(ds))
	}
	if it := s.Item("leaflets", "a"); it == nil || !slices.Equal(it.Assets, []string{"old/photo.jpg"}) {
		t.Errorf("assets: %v", it.Assets)
	}
}

// A regional language of the site (pt-BR) is its own text; written with
// an underscore or in other capitals, it is named as tract.toml writes it.
func TestARegionalLanguageIsNamedAsTractTomlWritesIt(t *testing.T) {
	text := "---\ntitle: B\ntranslated_from: en@0123456789ab\n---\nTexto.\n"
	s, ds := load(t, "-- tract.toml --\nbase_url = \"https://example.net\"\nlanguages = [\"en\", \"pt-BR\"]\ntitle = \"S\"\n"+
		"-- content/leaflets/a/en.md --\n---\ntitle: A\n---\nText.\n-- content/leaflets/a/pt-BR.md --\n"+text+
		"-- content/leaflets/b/en.md --\n---\ntitle: A\n---\nText.\n-- content/leaflets/b/pt_BR.md --\n"+text+"-- content/leaflets/b/pt-PT.md --\n"+text)
	wantDiag(t, ds, diag.Error, "content/leaflets/b/pt_BR.md", 0, "rename it pt-BR.md")
	wantDiag(t, ds, diag.Error, "content/leaflets/b/pt-PT.md", 0, `language "pt-PT" is not in tract.toml's languages`)
	if v := s.Item("leaflets", "a").Variants["pt-BR"]; v == nil {
		t.Errorf("pt-BR.md not read:\n%s", list(ds))
	}
}

func TestABulletinListsEachArticleOnce(t *testing.T) {
	_, ds := load(t, "-- content/articles/a/en.md --\n---\ntitle: A\n---\nText.\n-- content/bulletins/one/en.md --\n---\ntitle: One\nnumber: 1\narticles: [a, a]\n---\nText.\n")
	wantDiag(t, ds, diag.Error, "content/bulletins/one/en.md", 4, `article "a" is listed twice`)
}

func TestASiteWithoutAnItemIsAWarning(t *testing.T) {
	_, ds := load(t, "-- content/leaflets/.keep --\n")
	wantDiag(t, ds, diag.Warning, "content", 0, "no item: the site has nothing to publish")
}

// A text named after its language, in English or in itself, is an
// error that gives its name: published raw, its translation was counted
// missing, with only a warning that the file was not a variant.
func TestATextNamedAfterItsLanguageIsToldItsName(t *testing.T) {
	_, ds := load(t, "-- content/leaflets/a/en.md --\n---\ntitle: A\n---\nText.\n"+
		"-- content/leaflets/a/spanish.md --\n---\ntitle: A\n---\nTexto.\n"+
		"-- content/leaflets/a/Français.md --\n---\ntitle: A\n---\nTexte.\n"+
		"-- content/leaflets/b/en.md --\n---\ntitle: B\n---\nText.\n-- content/leaflets/b/espanol.md --\n---\ntitle: B\n---\nTexto.\n")
	wantDiag(t, ds, diag.Error, "content/leaflets/a/spanish.md", 0, "spanish.md is named after a language: a text in it is named es.md; rename it")
	wantDiag(t, ds, diag.Error, "content/leaflets/a/Français.md", 0, "a text in it is named fr.md")
	wantDiag(t, ds, diag.Error, "content/leaflets/b/espanol.md", 0, "a text in it is named es.md")
}

// A base_url too long for the QR codes of the PDFs is refused at its
// line, not found by the PDF maker as an internal error.
func TestABaseURLTooLongForAQRCodeIsRefused(t *testing.T) {
	_, ds := load(t, "-- tract.toml --\nlanguages = [\"en\"]\ntitle = \"T\"\nbase_url = \"https://x.org/"+strings.Repeat("a", 1600)+"\"\n-- content/leaflets/a/en.md --\n---\ntitle: A\n---\nText.\n")
	wantDiag(t, ds, diag.Error, "tract.toml", 3, "base_url is 1614 bytes long: the QR codes printed on the PDFs hold a page's address")
}

// With the site's timezone given, an event written with another zone's
// offset is labelled with it, at any time of year (London is UTC+1 in
// summer); one written with the zone's own offset, or with none (the time
// where the event is), or lasting all day, is not. A zone tract does not
// know is an error at its line.
func TestAnEventOfAnotherZoneIsLabelledWithItsOffset(t *testing.T) {
	var diags diag.List
	c := ParseConfig([]byte("base_url = \"https://x.org\"\nlanguages = [\"en\"]\ntimezone = \"Europe/London\"\n[title]\nen = \"T\"\n"), &diags)
	if c == nil || diags.HasErrors() {
		t.Fatal(diags.Sorted())
	}
	at := func(s string) When {
		w, ok := parseWhen(s)
		if !ok {
			t.Fatalf("%s does not parse", s)
		}
		return w
	}
	for in, want := range map[string]string{
		"2027-03-01T09:00:00+09:00": "UTC+9",
		"2027-07-01T09:00:00+01:00": "", // London's summer time
		"2027-01-01T09:00:00+01:00": "UTC+1",
		"2027-01-01T09:00:00Z":      "",
		"2027-07-01T09:00:00Z":      "UTC",
		"2027-01-01T09:00:00-03:30": "UTC−3:30",
		"2027-01-01T09:00":          "",
		"2027-01-01":                "",
	} {
		if got := c.OtherZone(at(in)); got != want {
			t.Errorf("OtherZone(%s) = %q, want %q", in, got, want)
		}
	}
	none := ParseConfig([]byte("base_url = \"https://x.org\"\nlanguages = [\"en\"]\n[title]\nen = \"T\"\n"), &diags)
	if got := none.OtherZone(at("2027-03-01T09:00:00+09:00")); got != "" {
		t.Errorf("without a timezone: %q", got)
	}
	var bad diag.List
	ParseConfig([]byte("base_url = \"https://x.org\"\nlanguages = [\"en\"]\ntimezone = \"Europe/Londres\"\n[title]\nen = \"T\"\n"), &bad)
	wantDiag(t, bad.Sorted(), diag.Error, "tract.toml", 3, `timezone "Europe/Londres" is not a time zone tract knows`)
}

// A translated_from that names a text the item does not have says how to
// mend it: name the item's original, or, with none left (the original
// was removed), take the line out.
func TestATranslationOfATextNotThereSaysHowToMendIt(t *testing.T) {
	_, ds := load(t, "-- content/leaflets/a/en.md --\n---\ntitle: A\n---\nText.\n-- content/leaflets/a/fr.md --\n---\ntitle: A\ntranslated_from: es@0123456789ab\n---\nTexte.\n"+
		"-- content/leaflets/b/fr.md --\n---\ntitle: B\ntranslated_from: en@0123456789ab\n---\nTexte.\n")
	wantDiag(t, ds, diag.Error, "content/leaflets/a/fr.md", 3, "translated_from names es.md, which does not exist in content/leaflets/a: if this is a translation of en.md, the item's original, write translated_from: en@000000000000, then run tract translate leaflets/a --done fr")
	wantDiag(t, ds, diag.Error, "content/leaflets/b/fr.md", 3, "translated_from names en.md, which does not exist in content/leaflets/b: if en.md was removed, and this text is now the item's original, remove the translated_from line")
}

// A translation whose title is still its source's, of four words or
// more, is a warning at the title's line; a name of a word or two, which
// stays as it is in every language, is not.
func TestATitleLeftUntranslatedIsAWarning(t *testing.T) {
	item := func(slug, title, es string) string {
		return fmt.Sprintf("-- content/bulletins/%s/en.md --\n---\ntitle: %s\nnumber: %d\n---\nThe news of the month from every estate in town.\n", slug, title, len(slug)) +
			fmt.Sprintf("-- content/bulletins/%s/es.md --\n---\ntitle: %s\ntranslated_from: en@000000000000\n---\nLas noticias del mes de cada barrio de la ciudad.\n", slug, es)
	}
	_, ds := load(t, item("december", "Bulletin No. 2 — December 2026", "bulletin no. 2 —  December 2026")+item("vantor", "Vantor", "Vantor"))
	wantDiag(t, ds, diag.Warning, "content/bulletins/december/es.md", 2, "its title is that of en.md, word for word, and it is what lists, feeds and the PDF show first: translate it too")
	for _, d := range ds {
		if strings.Contains(d.Path, "vantor") && strings.Contains(d.Message, "its title") {
			t.Errorf("a name is warned about: %s", d)
		}
	}
}

// A translation whose summary is still its source's, of six words or
// more, is a warning at the summary's line: lists, feeds and link
// previews show it. A short one, a name or a slogan, is not.
func TestASummaryLeftUntranslatedIsAWarning(t *testing.T) {
	item := func(slug, summary string) string {
		return fmt.Sprintf("-- content/leaflets/%s/en.md --\n---\ntitle: Rent\nsummary: %q\n---\nThe news of the month from every estate in town.\n", slug, summary) +
			fmt.Sprintf("-- content/leaflets/%s/fr.md --\n---\ntitle: Loyer\nsummary: %q\ntranslated_from: en@000000000000\n---\nLes nouvelles du mois de chaque quartier de la ville.\n", slug, summary)
	}
	_, ds := load(t, item("rise", "Greyhaven wants to raise our rents by 14%.")+item("slogan", "No to the rise!"))
	wantDiag(t, ds, diag.Warning, "content/leaflets/rise/fr.md", 3, "its summary is that of en.md, word for word, and it is what lists, feeds, search results and link previews show: translate it too")
	for _, d := range ds {
		if strings.Contains(d.Path, "slogan") && strings.Contains(d.Message, "its summary") {
			t.Errorf("a short summary is warned about: %s", d)
		}
	}
}

// A title of more than 200 characters, a text pasted into it most
// likely, is a warning at its line, in each language; one of 200 is not.
func TestAVeryLongTitleIsAWarning(t *testing.T) {
	long, ok := strings.Repeat("é", 201), strings.Repeat("a", 200)
	_, ds := load(t, "-- content/leaflets/a/en.md --\n---\ntitle: "+long+"\ndate: 2024-02-24\n---\nText.\n-- content/leaflets/b/en.md --\n---\ntitle: "+ok+"\ndate: 2024-02-24\n---\nText.\n")
	wantDiag(t, ds, diag.Warning, "content/leaflets/a/en.md", 2, "the title is 201 characters long: every list, feed and search result shows it whole, and a PDF's cover; give it 200 at most, and the rest to summary:")
	if len(ds) != 1 {
		t.Errorf("%d diagnostics, want 1:\n%s", len(ds), list(ds))
	}
}

// An item without a date is listed after every dated one, so its
// original is warned about; an event sorts by its start and a page is
// listed by no date, so neither is; a translation takes its date from
// the original.
func TestAnItemWithoutADateIsAWarning(t *testing.T) {
	text := func(path, front string) string {
		return "-- content/" + path + " --\n---\ntitle: T\n" + front + "---\nText.\n"
	}
	_, ds := load(t, text("leaflets/a/en.md", "")+text("leaflets/a/fr.md", "translated_from: en@000000000000\n")+
		text("articles/b/en.md", "")+text("pamphlets/c/en.md", "")+text("bulletins/d/en.md", "number: 1\n")+
		text("leaflets/dated/en.md", "date: 2024-02-24\n")+text("leaflets/dated/fr.md", "translated_from: en@000000000000\n")+
		text("events/e/en.md", "starts: 2024-03-01\n")+text("pages/f/en.md", ""))
	var got []string
	for _, d := range ds {
		if strings.Contains(d.Message, "no date") {
			if d.Severity != diag.Warning || d.Line != 1 || !strings.Contains(d.Message, "add the day it is published, such as date: 2024-02-24") {
				t.Errorf("not a warning at line 1 that says what to write: %s", d)
			}
			got = append(got, d.Path)
		}
	}
	want := []string{"content/articles/b/en.md", "content/bulletins/d/en.md", "content/leaflets/a/en.md", "content/pamphlets/c/en.md"}
	if !slices.Equal(got, want) {
		t.Errorf("warned about %v, want %v:\n%s", got, want, list(ds))
	}
}
