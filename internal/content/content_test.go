package content

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
)

func load(t *testing.T, archive string) (*Site, []diag.Diagnostic) {
	t.Helper()
	var diags diag.List
	s := Load(testsite.FS(archive), &diags)
	return s, diags.Sorted()
}

// wantDiag fails unless a diagnostic at path:line contains substr.
func wantDiag(t *testing.T, ds []diag.Diagnostic, sev diag.Severity, path string, line int, substr string) {
	t.Helper()
	for _, d := range ds {
		if d.Path == path && d.Line == line && d.Severity == sev && strings.Contains(d.Message, substr) {
			return
		}
	}
	t.Errorf("no %s at %s:%d containing %q; got:\n%s", sev, path, line, substr, list(ds))
}

func list(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("  " + d.String() + "\n")
	}
	return b.String()
}

func TestFrontMatterErrorsPointAtTheirLine(t *testing.T) {
	tests := []struct {
		name, file string
		line       int
		substr     string
	}{
		{"unknown key", "---\ntitle: T\ncolour: red\n---\n", 3, `unknown key "colour"`},
		{"wrong type", "---\ntitle: T\ntags: war\n---\n", 3, "tags: expected a list"},
		{"title as a list", "---\ntitle: [a, b]\n---\n", 2, "title: expected text"},
		{"bad date", "---\ntitle: T\ndate: 24/02/2024\n---\n", 3, "is not a date"},
		{"impossible date", "---\ntitle: T\ndate: 2024-02-30\n---\n", 3, `date: "2024-02-30": February 2024 has 29 days`},
		{"day past the month's end", "---\ntitle: T\ndate: 2023-04-31\n---\n", 3, `date: "2023-04-31": April 2023 has 30 days`},
		{"month out of range", "---\ntitle: T\ndate: 2024-13-45\n---\n", 3, `date: "2024-13-45": there is no month 13: a date is written year, month, day (2024-02-24)`},
		{"day and month swapped", "---\ntitle: T\ndate: 2024-24-02\n---\n", 3, "there is no month 24"},
		{"day zero", "---\ntitle: T\ndate: 2024-03-00\n---\n", 3, "March 2024 has 31 days"},
		{"hour out of range", "---\ntitle: T\nstarts: 2024-10-19T24:30\n---\n", 3, `starts: "2024-10-19T24:30": 24:30 is not a time of day`},
		{"impossible day with a time", "---\ntitle: T\nstarts: 2023-02-29 18:00\n---\n", 3, "February 2023 has 28 days"},
		{"no time at all", "---\ntitle: T\nstarts: next Tuesday\n---\n", 3, `starts: "next Tuesday" is not a date (2024-10-19) or a time (2024-10-19T18:00)`},
		{"date not padded", "---\ntitle: T\ndate: 2024-2-3\n---\n", 3, `"2024-2-3" is not a date such as 2024-02-24`},
		{"bad number", "---\ntitle: T\nnumber: twelve\n---\n", 3, "not a whole number"},
		{"year zero", "---\ntitle: T\ndate: 0000-01-01\n---\n", 3, `"0000-01-01": the year 0 looks mistyped`},
		{"event in year 24", "---\ntitle: T\nstarts: 0024-10-19T10:00:00Z\n---\n", 3, "the year 24 looks mistyped"},
		{"negative number", "---\ntitle: T\nnumber: -1\n---\n", 3, "-1 is below zero"},
		{"a digest cut short", "---\ntitle: T\ntranslated_from: en@0c29a15f\n---\n", 3, `translated_from: "en@0c29a15f": after the @ comes the digest tract translate --done writes, 12 of the digits and letters 0-9 and a-f, and "0c29a15f" is not one: put back the line as it was (git log -p on this file shows it), or write translated_from: en@000000000000, then run tract translate ITEM --done LANG`},
		{"a bad tag", "---\ntitle: T\ntags: [war, \"a/b\"]\n---\n", 3, `tag "a/b" is empty, has no letter or digit, or holds a slash or a control character`},
		{"a long tag", "---\ntitle: T\ntags: [war, " + strings.Repeat("e", 81) + "]\n---\n", 3, `tag "` + strings.Repeat("e", 40) + `…" is 81 characters long: a tag names a page, and the folder it is in, and may be 80 characters long`},
		{"a tag too long for a folder", "---\ntitle: T\ntags: [war, " + strings.Repeat("𐌰", 61) + "]\n---\n", 3, `tag "` + strings.Repeat("𐌰", 40) + `…" is too long to name a folder: its 61 characters take 244 bytes there, and tract gives a folder's name 240 at most; shorten it`},
		{"bad tags", "---\ntitle: T\ntags: [\"a/b\", peace, \"c/d\", \" \", \"..\", \"a\\u0000b\"]\n---\n", 3, `tags "a/b", "c/d", " ", "..", "a\x00b" are empty, have no letter or digit, or hold a slash or a control character`},
		{"too many tags", "---\ntitle: T\ntags: [" + strings.Repeat("t, ", 30) + "u]\n---\n", 3, "31 tags: an item takes at most 30 (each is a page in every language)"},
		{"duplicate key", "---\ntitle: T\ntitle: U\n---\n", 3, "given twice"},
		{"unclosed", "---\ntitle: T\n\nbody\n", 1, "never closed"},
		{"missing title", "---\ndate: 2024-01-01\n---\nText\n", 1, "title is missing"},
		{"no front matter", "Just text\n", 1, "no front matter"},
		{"empty file", "", 1, "the file is empty: write its front matter"},
		{"blank file", "\n\n  \n", 1, "the file is empty"},
		{"yaml syntax", "---\ntitle: T\nsummary: [unclosed\n---\n", 3, "not valid YAML"},
		// The mistakes editors make most, told in their words.
		{"colon in a value", "---\ntitle: Rent rise: say no\n---\n", 2, `a value holding ": " must be in quotes: title: "Rent rise: say no" (front matter is not valid YAML`},
		{"tab", "---\ntitle: T\ntags:\n\t- a\n---\n", 4, "this line starts with a tab: remove it"},
		{"apostrophe in single quotes", "---\ntitle: 'Tenants' rights'\ndate: 2024-01-01\n---\n", 2, `an apostrophe is written twice (''), or put the value in double quotes: title: "Tenants' rights"`},
		{"value starting with @", "---\ntitle: @home\n---\n", 2, `must be in quotes: title: "@home"`},
		{"value starting with [", "---\ntitle: [Draft] Rent\n---\n", 2, `is read as a list: put the whole value in quotes: title: "[Draft] Rent"`},
		{"backslash in double quotes", "---\ntitle: T\nsummary: \"C:\\path\"\n---\n", 3, `a backslash starts an escape`},
		{"line without a colon", "---\ntitle: T\nthis goes on\ndate: 2024-01-01\n---\n", 3, `every line is "key: value"`},
		{"indented key", "---\ntitle: T\n  date: 2024-01-01\n---\n", 3, "this line is indented"},
		// At the line that opened it, not the one yaml.v3 gives up at.
		{"quote never closed", "---\ntitle: \"Rent\ndate: 2024-01-01\n---\n", 2, `the quote opened after title: is never closed: end the value with ", as in title: "Rent"`},
		{"quote never closed, a quoted value after", "---\ntitle: \"Free bike repairs\nsummary: \"A summary\"\ndate: 2024-01-01\n---\n", 2, `the quote opened after title: is never closed`},
		{"double quote in double quotes", "---\ntitle: \"Say \"no\" to broken bikes\"\n---\n", 2, `a value in double quotes cannot hold a double quote: put it in single quotes, as in title: 'Say "no" to broken bikes'`},
		{"double quote and apostrophe in double quotes", "---\ntitle: \"It's \"ours\"\"\n---\n", 2, `write it \", as in title: "It's \"ours\""`},
		{"no space after the colon", "---\ntitle:\"Free bike repairs\"\ndate: 2024-01-01\n---\n", 2, `put a space after title:, as in title: "Free bike repairs"`},
		{"tab before a key", "---\ntitle: T\ndate: 2024-01-01\n\tsummary: \"x\"\n---\n", 4, "this line starts with a tab"},
		{"malformed translated_from", "---\ntitle: T\ntranslated_from: english\n---\n", 3, "not lang@digest"},
		{"bad paper", "---\ntitle: T\npaper: a3\n---\n", 3, `"a3" is not one of`},
		{"crlf keeps lines", "---\r\ntitle: T\r\n\r\ncolour: red\r\n---\r\n", 4, `unknown key "colour"`},
		{"key mistyped", "---\ntitel: T\n---\n", 2, `unknown key "titel": did you mean title?`},
		{"key of another tool", "---\ntitle: T\ndraft: true\n---\n", 3, `unknown key "draft": tract has no drafts: every text under content/ is published`},
		{"description", "---\ntitle: T\ndescription: Why we strike.\n---\n", 3, `unknown key "description": tract calls it summary`},
		{"hashtags", "---\ntitle: T\ntags: #rent #housing\n---\n", 3, "tags: the text after # is a YAML comment, so the item would have no tags: write them as a list, without #: tags: [rent, housing]"},
		{"all a comment", "---\ntitle: T\nsummary: #1 priority is the rent\n---\n", 3, `summary: the text after # is a YAML comment, so summary is empty: put it in quotes: summary: "#1 priority is the rent"`},
		{"curly-quoted tags", "---\ntitle: T\ntags: [“rent”, housing, ‘repairs’]\n---\n", 3, "tags written between curly quotes, which YAML does not read as quotes, are other tags than those without them: write them with straight quotes, or none: tags: [rent, housing, repairs]"},
		{"curly quotes around a colon", "---\ntitle: “Rent rise: say no”\n---\n", 2, `must be in quotes: title: "Rent rise: say no"`},
		{"no-break space after a key", "---\ntitle:\u00a0Hello there\ndate: 2024-01-01\n---\n", 2, "the space after title: is U+00A0, a no-break space"},
		{"no-break space, later key", "---\ntitle: \"x\"\ntags:\u00a0[rent]\n---\n", 3, "the space after tags: is U+00A0"},
		{"two odd spaces", "---\ntitle:\u00a0x\nsummary:\u2009y\n---\n", 3, "the space after summary: is U+2009, a thin space"},
		{"blank line first", "\n\n---\ntitle: T\n---\nText.\n", 1, "the file must start with its --- line, and blank lines come before it: remove them"},
		{"em dash fence", "—-\ntitle: T\n—-\nText.\n", 1, "the file starts with a dash (— or –) that a keyboard made of ---"},
		{"toml front matter", "+++\ntitle = \"T\"\n+++\nText.\n", 1, "front matter between +++ lines is TOML, as Hugo writes it: tract reads YAML"},
		{"bom keeps lines", "\uFEFF---\ntitle: T\ncolour: red\n---\n", 3, `unknown key "colour"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := load(t, "-- content/leaflets/x/en.md --\n"+tt.file)
			wantDiag(t, ds, diag.Error, "content/leaflets/x/en.md", tt.line, tt.substr)
		})
	}
}

// Sites moved from other tools often give the publication date a time,
// and people write paper sizes in capitals: both are read as meant.
func TestADateWithATimeAndACapitalPaperAreRead(t *testing.T) {
	for _, date := range []string{"2024-02-24T10:00:00Z", "2024-02-24T23:30:00-05:00", "2024-02-24 10:00:00", "2024-02-24T10:00", "2024-02-24 09:00:00 +0100", "2024-02-24 09:00 -05:00", "2024-02-24 23:30:00+02:00"} {
		t.Run(date, func(t *testing.T) {
			s, ds := load(t, "-- content/leaflets/x/en.md --\n---\ntitle: T\ndate: "+date+"\npaper: A5\n---\nText.\n")
			if len(ds) > 0 {
				t.Fatalf("diagnostics:\n%s", list(ds))
			}
			m := s.Section("leaflets")[0].Meta
			if got := m.Date.Format(time.RFC3339); got != "2024-02-24T00:00:00Z" {
				t.Errorf("date %s, want the day as written, 2024-02-24T00:00:00Z", got)
			}
			if m.Paper != "a5" {
				t.Errorf("paper %q, want a5", m.Paper)
			}
		})
	}
}

func TestInvalidUTF8IsReportedAtItsLine(t *testing.T) {
	_, ds := load(t, "-- content/leaflets/x/en.md --\n---\ntitle: T\n---\nfine\nbad \xff here\n")
	wantDiag(t, ds, diag.Error, "content/leaflets/x/en.md", 5, "invalid UTF-8")
}

func TestBOMAndCRLFAreNormalInput(t *testing.T) {
	s, ds := load(t, "-- content/leaflets/x/en.md --\n\uFEFF---\r\ntitle: Hello\r\ndate: 2024-02-24\r\n---\r\nLine one\r\nLine two\r\n")
	if len(ds) != 0 {
		t.Fatalf("unexpected diagnostics:\n%s", list(ds))
	}
	v := s.Item("leaflets", "x").Variants["en"]
	if v.Title() != "Hello" || string(v.Body) != "Line one\nLine two\n" || v.BodyLine != 5 {
		t.Errorf("title %q body %q line %d", v.Title(), v.Body, v.BodyLine)
	}
	if got := v.Line(strings.Index(string(v.Body), "two")); got != 6 {
		t.Errorf("Line(offset of 'two') = %d, want 6", got)
	}
}

func TestDigestIgnoresWhitespaceAtLineEnds(t *testing.T) {
	base := Digest("Title", "Sum", []byte("# Head\n\nOne line.\nTwo lines.\n"))
	same := []struct{ name, title, summary, body string }{
		{"trailing spaces", "Title ", "Sum", "# Head  \n\nOne line.   \nTwo lines.\t\n"},
		{"crlf", "Title", "Sum", "# Head\r\n\r\nOne line.\r\nTwo lines.\r\n"},
		{"extra blank lines", "Title", "Sum", "\n\n# Head\n\n\n\nOne line.\nTwo lines.\n\n\n"},
		{"no final newline", "Title", "Sum", "# Head\n\nOne line.\nTwo lines."},
		{"NFD accents are NFC", "Title", "Sum", "# Head\n\nOne line.\nTwo lines.\n"},
	}
	for _, s := range same {
		if got := Digest(s.title, s.summary, []byte(s.body)); got != base {
			t.Errorf("%s: digest %s, want %s", s.name, got, base)
		}
	}
	if Digest("café", "", nil) != Digest("cafe\u0301", "", nil) {
		t.Error("NFC and NFD spellings of café have different digests")
	}
	changed := []struct{ name, title, summary, body string }{
		{"a word", "Title", "Sum", "# Head\n\nOne line.\nTwo words.\n"},
		{"the title", "Title!", "Sum", "# Head\n\nOne line.\nTwo lines.\n"},
		{"the summary", "Title", "Summary", "# Head\n\nOne line.\nTwo lines.\n"},
		{"paragraph split", "Title", "Sum", "# Head\n\nOne line.\n\nTwo lines.\n"},
		{"inner spaces", "Title", "Sum", "# Head\n\nOne  line.\nTwo lines.\n"},
	}
	for _, c := range changed {
		if got := Digest(c.title, c.summary, []byte(c.body)); got == base {
			t.Errorf("%s: digest unchanged", c.name)
		}
	}
	if len(base) != DigestLen {
		t.Errorf("digest %q is not %d hex digits", base, DigestLen)
	}
}

func TestTranslationStatus(t *testing.T) {
	en := "---\ntitle: Hello\ndate: 2024-01-01\n---\nText.\n"
	s, _ := load(t, "-- content/articles/a/en.md --\n"+en)
	d := s.Item("articles", "a").Variants["en"].Digest
	s, ds := load(t, `
-- content/articles/a/en.md --
`+en+`
-- content/articles/a/fr.md --
---
title: Bonjour
translated_from: en@`+d+`
---
Texte.
-- content/articles/a/es.md --
---
title: Hola
translated_from: en@000000000000
---
Texto.
`)
	it := s.Item("articles", "a")
	for lang, want := range map[string]Status{"en": Original, "fr": Current, "es": Outdated} {
		if got := it.Status(lang); got != want {
			t.Errorf("%s: %s, want %s", lang, got, want)
		}
	}
	wantDiag(t, ds, diag.Warning, "content/articles/a/es.md", 3, "outdated translation")
	// The editor learns that readers are told, in words true of every
	// build: one without PDFs (--no-pdf, a language written right to
	// left) has only the page's notice.
	wantDiag(t, ds, diag.Warning, "content/articles/a/es.md", 3, "(it is published with a notice that tells readers so)")
	if it.Original != "en" || it.Meta.Date.Format("2006-01-02") != "2024-01-01" {
		t.Errorf("original %q, date %v", it.Original, it.Meta.Date)
	}
}

func TestTranslationChainsAndTheirErrors(t *testing.T) {
	const fr = "---\ntitle: Original\n---\nTexte.\n"
	s, _ := load(t, "-- content/articles/a/fr.md --\n"+fr)
	frd := s.Item("articles", "a").Variants["fr"].Digest
	s, ds := load(t, `
-- content/articles/a/fr.md --
`+fr+`
-- content/articles/a/en.md --
---
title: Translated
translated_from: fr@`+frd+`
---
Text.
-- content/articles/b/en.md --
---
title: B
translated_from: fr@123456789abc
---
-- content/articles/b/fr.md --
---
title: B
translated_from: en@123456789abc
---
-- content/articles/c/en.md --
---
title: C
---
-- content/articles/c/fr.md --
---
title: C
---
-- content/articles/d/en.md --
---
title: D
---
-- content/articles/d/fr.md --
---
title: D
translated_from: es@123456789abc
---
`)
	if it := s.Item("articles", "a"); it.Original != "fr" || it.Status("en") != Current {
		t.Errorf("chain: original %q, en %s", it.Original, it.Status("en"))
	}
	wantDiag(t, ds, diag.Error, "content/articles/b/en.md", 3, "forms a cycle")
	if it := s.Item("articles", "b"); it.Status("en") != Unreadable || it.Status("fr") != Unreadable {
		t.Errorf("a cycle, with no original: en %s, fr %s, want both unreadable, not current", it.Status("en"), it.Status("fr"))
	}
	wantDiag(t, ds, diag.Error, "content/articles/c/fr.md", 1, "two originals")
	wantDiag(t, ds, diag.Error, "content/articles/d/fr.md", 3, "es.md, which does not exist")
}

// An empty file beside the original is reported as empty, which says
// what to do, not also as a second original told to name its source
// (a volunteer's review); nor is it the original when it comes first.
func TestAnEmptyFileIsNotASecondOriginal(t *testing.T) {
	s, ds := load(t, `
-- content/leaflets/a/en.md --
---
title: A
---
Text.
-- content/leaflets/a/fr.md --
-- content/leaflets/b/es.md --
---
title: B
---
Texto.
-- content/leaflets/b/en.md --
`)
	wantDiag(t, ds, diag.Error, "content/leaflets/a/fr.md", 1, "the file is empty")
	wantDiag(t, ds, diag.Error, "content/leaflets/b/en.md", 1, "the file is empty")
	for _, d := range ds {
		if strings.Contains(d.Message, "two originals") {
			t.Errorf("%s", d)
		}
	}
	if it := s.Item("leaflets", "b"); it == nil || it.Original != "es" {
		t.Errorf("leaflets/b: %+v, want es.md as its original", it)
	}
}

func TestLanguageNeutralFieldsComeFromTheOriginal(t *testing.T) {
	s, ds := load(t, `
-- content/leaflets/a/en.md --
---
title: A
date: 2024-01-01
tags: [war, québec]
paper: a5
---
-- content/leaflets/a/fr.md --
---
title: A
translated_from: en@000000000000
date: 2024-01-02
tags: [war, québec]
---
`)
	it := s.Item("leaflets", "a")
	if it.Meta.Paper != "a5" || !slices.Equal(it.Meta.Tags, []string{"war", "québec"}) || it.Meta.Date.Day() != 1 {
		t.Errorf("meta %+v", it.Meta)
	}
	wantDiag(t, ds, diag.Warning, "content/leaflets/a/fr.md", 4, "date: 2024-01-02 here contradicts en.md, the original, which gives 2024-01-01, the value that is used: fields that are the same in every language are read from the original; remove date from this translation (or, if its value is the right one, write it in en.md instead)")
	for _, d := range ds {
		if strings.HasPrefix(d.Message, "tags:") {
			t.Errorf("equal tags reported as different: %s", d)
		}
	}
}

// A translation that contradicts its original on a field shared by every
// language is told both values, which one is used, and what to do.
func TestAContradictingFieldSaysBothValuesAndWhatToDo(t *testing.T) {
	_, ds := load(t, `
-- content/events/a/en.md --
---
title: Meeting
starts: 2024-10-19
tags: [housing]
---
-- content/events/a/fr.md --
---
title: Réunion
translated_from: en@000000000000
starts: 2024-10-19
tags: [logement]
venue: "Salle des fêtes, Lyon"
---
`)
	wantDiag(t, ds, diag.Warning, "content/events/a/fr.md", 5, `tags: ["logement"] here contradicts en.md, the original, which gives ["housing"], the value that is used: fields that are the same in every language are read from the original; remove tags from this translation (or, if its value is the right one, write it in en.md instead); a tag's name in another language goes in tract.toml: [tags] housing = { fr = "logement" }`)
	wantDiag(t, ds, diag.Warning, "content/events/a/fr.md", 6, `venue: "Salle des fêtes, Lyon" here contradicts en.md, the original, which gives none, so the item has none: fields that are the same in every language are read from the original; remove venue from this translation (or, if its value is the right one, write it in en.md instead)`)
	for _, d := range ds {
		if strings.HasPrefix(d.Message, "starts:") {
			t.Errorf("equal dates reported as different: %s", d)
		}
	}
}

func TestSiteStructureErrors(t *testing.T) {
	_, ds := load(t, `
-- content/leaflet/a/en.md --
---
title: Wrong section
---
-- content/leaflets/b/de.md --
---
title: German
---
-- content/leaflets/Rent/en.md --
---
title: R
---
-- content/leaflets/rent/en.md --
---
title: r
---
-- content/leaflets/loose.md --
---
title: Loose
---
-- content/events/e/en.md --
---
title: E
starts: 2024-10-19T16:00:00+01:00
ends: 2024-10-19T10:00:00+01:00
---
-- content/events/f/en.md --
---
title: F
---
-- content/bulletins/one/en.md --
---
title: One
number: 1
articles: [nope]
---
`)
	wantDiag(t, ds, diag.Error, "content/leaflet", 0, "unknown section")
	wantDiag(t, ds, diag.Error, "content/leaflets/b/de.md", 0, `language "de" is not in`)
	wantDiag(t, ds, diag.Error, "content/leaflets/rent", 0, "differ only in case")
	wantDiag(t, ds, diag.Warning, "content/leaflets/Rent", 0, `folder name "Rent" has capital letters, and so has its address (leaflets/Rent/)`)
	wantDiag(t, ds, diag.Error, "content/leaflets/loose.md", 0, "inside an item folder")
	wantDiag(t, ds, diag.Error, "content/events/e/en.md", 4, "ends (2024-10-19T10:00:00+01:00) before it starts")
	wantDiag(t, ds, diag.Error, "content/events/f/en.md", 1, "an event needs starts")
	wantDiag(t, ds, diag.Error, "content/bulletins/one/en.md", 4, `article "nope" does not exist`)
}

func TestEventTimesKeepTheirWrittenZone(t *testing.T) {
	s, ds := load(t, `
-- content/events/a/en.md --
---
title: A
starts: 2024-10-19T10:00:00+01:00
ends: 2024-10-19T16:30:00+01:00
---
-- content/events/b/en.md --
---
title: B
starts: 2024-10-19
---
-- content/events/c/en.md --
---
title: C
starts: 2024-10-19T18:00
---
`)
	if len(ds) > 0 {
		t.Fatalf("diagnostics:\n%s", list(ds))
	}
	a := s.Item("events", "a").Meta
	if a.Starts.Time.Hour() != 10 || a.Ends.Time.Minute() != 30 || a.Starts.AllDay || a.Starts.Floating {
		t.Errorf("a: %+v", a.Starts)
	}
	if _, off := a.Starts.Time.Zone(); off != 3600 {
		t.Errorf("a: offset %d, want 3600", off)
	}
	if b := s.Item("events", "b").Meta.Starts; !b.AllDay {
		t.Errorf("b not all-day: %+v", b)
	}
	if c := s.Item("events", "c").Meta.Starts; !c.Floating || c.Time.Hour() != 18 {
		t.Errorf("c: %+v", c)
	}
}

func TestConfigIsDecodedStrictly(t *testing.T) {
	tests := []struct {
		name, toml string
		line       int
		substr     string
	}{
		{"unknown key", "base_url = \"https://x.org\"\nlanguages = [\"en\"]\ncolour = 1\n[title]\nen = \"X\"\n", 3, `unknown key "colour"`},
		{"syntax", "base_url = \"https://x.org\nlanguages = [\"en\"]\n", 1, ""},
		{"bad fallback", "base_url = \"https://x.org\"\nlanguages = [\"en\"]\nfallback = \"maybe\"\n[title]\nen = \"X\"\n", 3, "fallback"},
		{"bad paper", "base_url = \"https://x.org\"\nlanguages = [\"en\"]\npaper = \"a3\"\n[title]\nen = \"X\"\n", 3, "paper"},
		{"default not listed", "base_url = \"https://x.org\"\nlanguages = [\"en\"]\ndefault_language = \"fr\"\n[title]\nen = \"X\"\n", 3, "default_language"},
		{"missing title", "base_url = \"https://x.org\"\nlanguages = [\"en\", \"fr\"]\n[title]\nen = \"X\"\n", 3, "title.fr is missing"},
		{"title in a language not listed", "base_url = \"https://x.org\"\nlanguages = [\"en\"]\n[title]\nde = \"Y\"\nen = \"X\"\n", 4, `title.de: "de" is not in languages (en): add it to them, or remove this title`},
		{"key mistyped", "base_url = \"https://x.org\"\nlangauges = [\"en\"]\n", 2, `unknown key "langauges": did you mean languages?`},
		{"wrong type", "base_url = \"https://x.org\"\nlanguages = \"en\"\n", 2, `languages must be a list of language tags, such as languages = ["en", "fr", "es"]`},
		{"a tag's names not a table", "base_url = \"https://x.org\"\n[tags]\nrent = \"loyers\"\n", 3, `tags.rent must be a table of the tag's names in other languages, such as rent = { fr = "logement", es = "vivienda" }`},
		{"a tag's name not a string", "base_url = \"https://x.org\"\n[tags]\nrent = { fr = 3 }\n", 3, `the names in tags.rent must be strings, such as rent = { fr = "logement", es = "vivienda" }`},
		{"a tag's name not a string, in its table", "base_url = \"https://x.org\"\n[tags.rent]\nfr = 3\n", 3, `tags.rent.fr must be a string, the tag's name in that language, such as fr = "logement"`},
		{"a title not a string", "base_url = \"https://x.org\"\n[title]\nen = 5\n", 3, `title.en must be a string, the site's title in that language, such as en = "Tenants' Network"`},
		{"size as a string", "base_url = \"https://x.org\"\nlanguages = [\"en\"]\nmax_file_size_mb = \"8\"\n", 3, "max_file_size_mb must be a whole number of megabytes"},
		{"title as a list", "base_url = \"https://x.org\"\nlanguages = [\"en\"]\ntitle = [\"X\"]\n", 3, "title must be a string, or a [title] table"},
		{"empty title", "base_url = \"https://x.org\"\nlanguages = [\"en\", \"fr\"]\ntitle = \" \"\n", 3, "title.en is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := load(t, "-- tract.toml --\n"+tt.toml)
			wantDiag(t, ds, diag.Error, "tract.toml", tt.line, tt.substr)
		})
	}
}

// A title written as one string is the title in every language; the
// go-toml words for a value of the wrong type ("cannot decode TOML string
// into struct field content.Config.Languages") are not shown.
func TestConfigTitleMayBeOneString(t *testing.T) {
	var diags diag.List
	c := ParseConfig([]byte("base_url = \"https://x.org\"\nlanguages = [\"en\", \"fr\"]\ntitle = \"Red Kellingford\"\n"), &diags)
	if diags.Len() > 0 {
		t.Fatal(diags.Sorted())
	}
	for _, l := range []string{"en", "fr"} {
		if got := c.SiteTitle(l); got != "Red Kellingford" {
			t.Errorf("SiteTitle(%s) = %q", l, got)
		}
	}
	if len(c.Title) != 2 {
		t.Errorf("titles %v, want one per language", c.Title)
	}
	for _, toml := range []string{"languages = \"en\"", "paper = 4", "fallback = true", "title = [\"X\"]", "max_file_size_mb = 1.5"} {
		var ds diag.List
		ParseConfig([]byte("base_url = \"https://x.org\"\n"+toml+"\n"), &ds)
		for _, d := range ds.Sorted() {
			if strings.Contains(d.Message, "cannot decode") || strings.Contains(d.Message, "struct field") {
				t.Errorf("%s: %s", toml, d)
			}
		}
		if !ds.HasErrors() {
			t.Errorf("%s: no error", toml)
		}
	}
}

// The files of a site moved from Hugo that tract has no use for are
// named as such, with what to do.
func TestHugoFilesAreToldWhatToBecome(t *testing.T) {
	_, ds := load(t, "-- content/articles/_index.md --\n---\ntitle: Articles\n---\n"+
		"-- content/articles/strike/index.md --\n---\ntitle: Strike\ndate: 2024-01-01\n---\nOn strike.\n"+
		"-- content/articles/strike/index.fr.md --\n---\ntitle: Grève\n---\nEn grève.\n"+
		"-- content/articles/rent/en.md --\n---\ntitle: Rent\ndate: 2024-01-01\n---\nNo.\n")
	wantDiag(t, ds, diag.Error, "content/articles/_index.md", 0, "tract makes each section's list itself: remove _index.md")
	wantDiag(t, ds, diag.Error, "content/articles/strike/index.md", 0, "a Hugo page bundle's text: rename it en.md")
	wantDiag(t, ds, diag.Error, "content/articles/strike/index.fr.md", 0, "rename it fr.md")
}

// A file in Latin-1 is told how to convert it.
func TestALatin1FileIsToldHowToConvert(t *testing.T) {
	_, ds := load(t, "-- content/articles/a/fr.md --\n---\ntitle: Gr\xe8ve\n---\nEn gr\xe8ve.\n")
	wantDiag(t, ds, diag.Error, "content/articles/a/fr.md", 2, "iconv -f windows-1252 -t utf-8")
}

// A key mistyped is one error, not also "title is missing".
func TestAMistypedTitleIsOneError(t *testing.T) {
	_, ds := load(t, "-- content/leaflets/x/en.md --\n---\ntitel: Rent\n---\nText.\n")
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "did you mean title?") {
		t.Errorf("got %v, want one error suggesting title", ds)
	}
}

func TestFallbackOrder(t *testing.T) {
	tests := []struct {
		lang, original string
		have           []string
		want           string
	}{
		{"fr", "en", []string{"en", "fr"}, "fr"},
		{"es", "en", []string{"en", "fr"}, "en"}, // the original, not another translation
		{"es", "fr", []string{"en", "fr"}, "fr"}, // not the site's default language
		{"en", "en", []string{"en"}, "en"},
	}
	for _, tt := range tests {
		it := &Item{Original: tt.original, Variants: map[string]*Variant{}}
		for _, l := range tt.have {
			it.Variants[l] = &Variant{Lang: l}
		}
		if got := it.ReaderLang(tt.lang); got != tt.want {
			t.Errorf("ReaderLang(%s) with %v, original %s = %s, want %s", tt.lang, tt.have, tt.original, got, tt.want)
		}
	}
}

func TestRelURL(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"fr/articles/x/", "fr/leaflets/y/", "../../leaflets/y/"},
		{"fr/articles/x/", "en/leaflets/y/", "../../../en/leaflets/y/"},
		{"fr/articles/x/", "fr/articles/x/photo.jpg", "photo.jpg"},
		{"fr/articles/x/", "articles/x/photo.jpg", "../../../articles/x/photo.jpg"},
		{"fr/", "fr/leaflets/", "leaflets/"},
		{"", "en/", "en/"},
		{"fr/", "fr/", "./"},
		{"fr/tags/x/page/2/", "assets/tract.css", "../../../../../assets/tract.css"},
	}
	for _, tt := range tests {
		if got := RelURL(tt.from, tt.to); got != tt.want {
			t.Errorf("RelURL(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestSetTranslatedFromTouchesOnlyThatLine(t *testing.T) {
	ref := Ref{Lang: "en", Digest: "0123456789ab"}
	tests := []struct{ name, in, want string }{
		{"replace", "---\n# comment\ntitle: T\ntranslated_from: en@000000000000 # note\ntags: [a]\n---\nBody\n",
			"---\n# comment\ntitle: T\ntranslated_from: en@0123456789ab # note\ntags: [a]\n---\nBody\n"},
		{"quoted", "---\ntitle: T\ntranslated_from: \"en@000000000000\"\n---\n", "---\ntitle: T\ntranslated_from: \"en@0123456789ab\"\n---\n"},
		{"crlf", "---\r\ntitle: T\r\ntranslated_from: en@000000000000\r\n---\r\nBody\r\n", "---\r\ntitle: T\r\ntranslated_from: en@0123456789ab\r\n---\r\nBody\r\n"},
		{"insert after title", "---\r\ntitle: T\r\ndate: 2024-01-01\r\n---\r\n", "---\r\ntitle: T\r\ntranslated_from: en@0123456789ab\r\ndate: 2024-01-01\r\n---\r\n"},
		{"body line untouched", "---\ntitle: T\n---\ntranslated_from: x\n", "---\ntitle: T\ntranslated_from: en@0123456789ab\n---\ntranslated_from: x\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SetTranslatedFrom([]byte(tt.in), ref)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// A translation with its source's title, summary and text, word for word,
// has the source's digest: it would read as current, but nobody has
// translated it yet (tract translate --to writes such a copy).
func TestACopyOfTheSourceIsNotTranslatedYet(t *testing.T) {
	en := "---\ntitle: Rent\nsummary: No.\n---\nWe refuse the rise.\n"
	copyOf := func(lang string, body string) string {
		return "---\ntitle: Rent\nsummary: No.\ntranslated_from: " + lang + "@" + Digest("Rent", "No.", []byte("We refuse the rise.\n")) + "\n---\n" + body
	}
	_, ds := load(t, "-- content/leaflets/a/en.md --\n"+en+
		"-- content/leaflets/a/fr.md --\n"+copyOf("en", "We refuse the rise.\n")+
		"-- content/leaflets/a/es.md --\n"+copyOf("en", "Rechazamos la subida.\n"))
	wantDiag(t, ds, diag.Warning, "content/leaflets/a/fr.md", 4, "not translated yet: its title, summary and text are those of en.md, word for word")
	for _, d := range ds {
		if d.Path == "content/leaflets/a/es.md" {
			t.Errorf("the translated variant is warned about: %s", d)
		}
	}
}

// Copied counts the paragraphs and list items of six words or more still the source's,
// however they are wrapped, and gives the file line of the first; a
// source of many paragraphs (looked up another way) gives the same.
func TestCopiedCountsParagraphsOfTheSource(t *testing.T) {
	para := func(i int) string {
		return fmt.Sprintf("Paragraph %d of the source, long enough to count.", i)
	}
	for _, n := range []int{3, 40} {
		var src, half []string
		for i := range n {
			src = append(src, para(i))
			if i%2 == 0 {
				// Wrapped at another word: the same words.
				half = append(half, strings.Replace(para(i), " of ", "\nof ", 1))
			} else {
				half = append(half, fmt.Sprintf("Paragraphe %d traduit, assez long pour compter ici.", i))
			}
		}
		half = append(half, "Short: not counted.")
		s := &Variant{Body: []byte(strings.Join(src, "\n\n") + "\n"), BodyLine: 5}
		v := &Variant{Body: []byte(strings.Join(half, "\n\n") + "\n"), BodyLine: 7}
		same, of, line := v.Copied(s)
		if want := (n + 1) / 2; same != want || of != n || line != 7 {
			t.Errorf("%d paragraphs: Copied = %d of %d at line %d, want %d of %d at line 7", n, same, of, line, want, n)
		}
		// A variant read from a file has its paragraphs worked out as it
		// is read: the answer is the same.
		v.paragraphs, s.paragraphs = paragraphsOf(v.Body), paragraphsOf(s.Body)
		if s2, of2, line2 := v.Copied(s); s2 != same || of2 != of || line2 != line {
			t.Errorf("%d paragraphs, worked out on reading: Copied = %d of %d at line %d, want %d of %d at line %d", n, s2, of2, line2, same, of, line)
		}
	}
}

// A copiedCase is a source's body, a translation's, and how many of the
// translation's paragraphs Copied finds still the source's, of how many.
type copiedCase struct {
	name, src, tr string
	same, of      int
}

// wantCopied checks what Copied finds in each case.
func wantCopied(t *testing.T, cases []copiedCase) {
	t.Helper()
	for _, tt := range cases {
		s := &Variant{Body: []byte(tt.src), BodyLine: 5}
		v := &Variant{Body: []byte(tt.tr), BodyLine: 5}
		if same, of, _ := v.Copied(s); same != tt.same || of != tt.of {
			t.Errorf("%s: Copied = %d of %d, want %d of %d", tt.name, same, of, tt.same, tt.of)
		}
	}
}

// A list written without blank lines between its items is compared item
// by item when each item has six words or more: a translator who did
// half of them has left half a list. A list of shorter items is compared
// whole, as a paragraph, and so is a paragraph a number in it does not
// cut ("2020." is no list item within a paragraph).
func TestAListIsComparedItemByItem(t *testing.T) {
	a := "- Bring your rent letter and your tenancy agreement.\n"
	b := "- Bring a neighbour who has not heard about it yet.\n"
	c := "- Sign nothing the landlord sends before the meeting.\n"
	fa := "- Apportez votre lettre de loyer et votre bail.\n"
	fc := "- Ne signez rien de ce que le propriétaire envoie.\n"
	lead := "We ask every tenant to do three things this week:\n"
	flead := "Nous demandons à chaque locataire trois choses cette semaine :\n"
	wantCopied(t, []copiedCase{
		{"a list half translated", a + b + c, fa + b + fc, 1, 3},
		{"a list left whole", a + b + c, a + b + c, 3, 3},
		{"a list translated whole", a + b + c, fa + "- Amenez un voisin qui n'en a pas encore entendu parler.\n" + fc, 0, 3},
		{"a numbered list", "1. " + a[2:] + "2. " + b[2:], "1. " + fa[2:] + "2. " + b[2:], 1, 2},
		{"a list under a lead-in, the lead-in translated", lead + a + b, flead + fa + b, 1, 3},
		{"a list under a lead-in, the lead-in left", lead + a + b, lead + fa + b, 2, 3},
		{"a short lead-in is not counted", "We ask:\n" + a + b, "Nous demandons :\n" + fa + b, 1, 2},
		{"a list within a list", a + "  " + b + c, fa + "  " + b + fc, 1, 3},
		{"an item over two lines", a + "  and the letter that came with it.\n" + b, fa + "  et la lettre qui l'accompagnait.\n" + b, 1, 2},
		{"an item found as a paragraph of its own", a + "\n" + b, fa + b, 1, 2},
		{"a list of short items, half translated", "- Ana, at six\n- Ben, at seven\n- Cleo, at eight\n", "- Ana, à six heures\n- Ben, at seven\n- Cleo, à huit heures\n", 0, 1},
		{"a list of short items under a long lead-in", lead + "- Ana, at six\n- Ben, at seven\n", lead + "- Ana, à six heures\n- Ben, à sept heures\n", 0, 1},
		{"a list of short items left whole", "- Ana, at six\n- Ben, at seven\n- Cleo, at eight\n", "- Ana, at six\n- Ben, at seven\n- Cleo, at eight\n", 1, 1},
		{"an item translated in few words", a + b + c, a + b + "- Ne signez rien.\n", 2, 2},
		{"a source with an item of few words", a + b + "- Sign nothing.\n", fa + b + "- Ne signez rien de ce que le propriétaire vous envoie.\n", 1, 3},
		{"a bulleted list numbered in the translation", a + b, "1. " + fa[2:] + "2. " + b[2:], 1, 2},
		{"a task list ticked in the translation", "- [ ] " + a[2:] + "- [ ] " + b[2:], "- [x] " + a[2:] + "* [ ] " + fa[2:], 1, 2},
		{"a bullet is not a word", "- Ana, Ben, Cleo and Dan\n" + a, "- Ana, Ben, Cleo and Dan\n" + a, 1, 1},
		{"a bullet is not a word, with blank lines between the items", "- Ana, Ben, Cleo and Dan\n\n" + a, "- Ana, Ben, Cleo and Dan\n\n" + a, 1, 1},
		{"a number within a paragraph", "We won the ballot for the first time in\n2020. Nobody had thought we could do it.\n", "We won the ballot for the first time in\n2020. Nobody had thought we could do it.\n", 1, 1},
	})
}

// A fenced code block a translation keeps as it is (a phone tree, a
// command) is no text left untranslated: a translation that keeps one
// could never pass check --strict. Prose beside it still counts.
func TestCodeKeptInATranslationIsNotTextLeftUntranslated(t *testing.T) {
	code := "```\nCall Ana on 0123 456 789, then Ben on 0987 654 321, then the office.\n\nIf nobody answers, go to the hall at six and wait.\n```\n"
	prose := "We meet every Thursday evening in the hall behind the library.\n"
	translated := "Nous nous réunissons chaque jeudi soir dans la salle derrière la bibliothèque.\n"
	wantCopied(t, []copiedCase{
		{"a fence of backticks", prose + "\n" + code, translated + "\n" + code, 0, 1},
		{"a fence of tildes in a list item", "- " + prose + "\n  ~~~~ text\n  Call Ana on 0123 456 789, then Ben, then the office.\n  ~~~~\n",
			"- " + translated + "\n  ~~~~ text\n  Call Ana on 0123 456 789, then Ben, then the office.\n  ~~~~\n", 0, 1},
		{"a fence never closed", prose + "\n```\nCall Ana on 0123 456 789, then Ben, then the office.\n", translated + "\n```\nCall Ana on 0123 456 789, then Ben, then the office.\n", 0, 1},
		{"a line of code inside the fence that is no closing fence", prose + "\n```\n```go\nCall Ana on 0123 456 789, then Ben, then the office.\n```\n",
			translated + "\n```\n```go\nCall Ana on 0123 456 789, then Ben, then the office.\n```\n", 0, 1},
		{"prose left untranslated beside code", prose + "\n" + code, prose + "\n" + code, 1, 1},
		{"inline code is no fence", "```a``` " + prose, "```a``` " + prose, 1, 1},
	})
}

// A passage a translation keeps in its language on purpose (a quotation,
// a slogan), marked as one, is no text left untranslated: a translation
// that quotes could never pass check --strict. Prose beside it counts,
// and so does a passage the fences do not open.
func TestAPassageKeptInATranslationIsNotTextLeftUntranslated(t *testing.T) {
	quote := "> We shall not be moved, we shall not be moved, like a tree standing by the water.\n"
	prose := "We meet every Thursday evening in the hall behind the library.\n"
	translated := "Nous nous réunissons chaque jeudi soir dans la salle derrière la bibliothèque.\n"
	wantCopied(t, []copiedCase{
		{"a passage", prose + "\n" + quote, translated + "\n::: {lang=en}\n" + quote + ":::\n", 0, 1},
		{"a passage in a list item", "- " + prose + "\n  " + quote, "- " + translated + "\n  ::: {lang=\"en\"}\n  " + quote + "  :::\n", 0, 1},
		{"prose left untranslated beside a passage", prose + "\n" + quote, prose + "\n::: {lang=en}\n" + quote + ":::\n", 1, 1},
		{"a mistyped fence", prose + "\n" + quote, translated + "\n::: en\n\n" + quote + "\n:::\n", 1, 2},
		{"a passage closed, then prose", prose + "\n" + quote, "::: {lang=en}\n" + quote + ":::\n" + prose, 1, 1},
		// Where goldmark could end a passage before the copy check
		// does, the check ends it first: text after it is counted.
		{"a closing fence indented past the item's text", prose + "\n" + quote, "- item\n\n  ::: {lang=en}\n  " + quote + "     :::\n\n" + prose, 1, 1},
		{"a closing fence indented by a tab", prose + "\n" + quote, "::: {lang=en}\n" + quote + "\t:::\n\n" + prose, 1, 1},
		{"a list item that ends before its passage's fence", prose + "\n" + quote, "- item\n\n  ::: {lang=en}\n  " + quote + "\n" + prose + "\n:::\n", 1, 1},
		{"indented code in a passage, whose ``` is no fence", prose + "\n" + quote, "::: {lang=en}\n" + quote + "    ```\n:::\n\n" + prose, 1, 1},
		// In a quote, as goldmark reads it too.
		{"a passage in a quote", prose + "\n" + quote, translated + "\n> ::: {lang=en}\n" + quote + "> :::\n", 0, 1},
		{"a quote that ends before its passage's fence", prose + "\n" + quote, "> ::: {lang=en}\n" + quote + "\n" + prose + "\n> :::\n", 1, 1},
		{"a new quote after a blank line", prose + "\n" + quote, "> ::: {lang=en}\n" + quote + "\n> " + prose, 0, 1},
	})
}

// A paragraph kept as its source wrote it is found whatever the normal
// form either file is saved in: "é" as one character or as "e" and an
// accent is the same to a reader, and to the digest.
func TestCopiedComparesParagraphsInNFC(t *testing.T) {
	composed := "Le café de la rue Neuve ouvre à sept heures précises.\n"
	decomposed := norm.NFD.String(composed)
	if decomposed == composed {
		t.Fatal("the test's text has nothing to decompose")
	}
	wantCopied(t, []copiedCase{
		{"the source decomposed", decomposed, composed, 1, 1},
		{"the translation decomposed", composed, decomposed, 1, 1},
	})
}

// The translation that keeps its source's quotation in a passage is
// neither warned about nor partly translated for its readers; the one
// that keeps it without the fences is both.
func TestAQuotationKeptInAPassageIsNoWarning(t *testing.T) {
	quote := "> “Rent is due on the first, and so is our answer”, said the chair of the union.\n"
	en := "---\ntitle: Rent\n---\nWe refuse the rise, all of us, together.\n\n" + quote
	ref := "en@" + Digest("Rent", "", []byte("We refuse the rise, all of us, together.\n\n"+quote))
	tr := func(title, text, quoted string) string {
		return "---\ntitle: " + title + "\ntranslated_from: " + ref + "\n---\n" + text + "\n\n" + quoted
	}
	s, ds := load(t, "-- content/leaflets/a/en.md --\n"+en+
		"-- content/leaflets/a/fr.md --\n"+tr("Loyer", "Nous refusons la hausse, tous ensemble, toutes ensemble.", "::: {lang=en}\n"+quote+":::\n")+
		"-- content/leaflets/a/es.md --\n"+tr("Alquiler", "Rechazamos la subida, todas y todos juntos, sin excepción.", quote))
	for _, d := range ds {
		if d.Path == "content/leaflets/a/fr.md" {
			t.Errorf("the translation that marks its quotation is warned about: %s", d)
		}
	}
	wantDiag(t, ds, diag.Warning, "content/leaflets/a/es.md", 7, "1 of its 2 paragraphs and list items of six words or more is still that of en.md")
	it := s.Items[0]
	if fr, es := it.Variants["fr"], it.Variants["es"]; fr.PartlyCopied() || !es.PartlyCopied() {
		t.Errorf("partly copied: fr %v, es %v; want false, true", fr.PartlyCopied(), es.PartlyCopied())
	}
}

// A translation partly done knows the lines of the paragraphs still its
// source's, first and last, for its page to mark them; an original and
// a translation done in full have none.
func TestAPartlyDoneTranslationKnowsTheLinesItCopied(t *testing.T) {
	kept := "The landlord wants fourteen per cent more\nfrom January, for the same cold flats.\n"
	last := "Come to the meeting on Thursday at seven in the hall.\n"
	en := "---\ntitle: Rent\ndate: 2024-02-24\n---\nWe refuse the rise, all of us, together.\n\n" + kept + "\nThe lifts were out for six weeks this summer.\n\n" + last
	body := "Nous refusons la hausse, tous ensemble, toutes ensemble.\n\n" + kept + "\nLes ascenseurs sont restés en panne six semaines cet été.\n\n" + last
	fr := "---\ntitle: Loyer\ntranslated_from: en@" + Digest("Rent", "", []byte(en[strings.Index(en, "We "):])) + "\n---\n" + body
	s, _ := load(t, "-- content/leaflets/a/en.md --\n"+en+"-- content/leaflets/a/fr.md --\n"+fr)
	it := s.Items[0]
	if got, want := it.Variants["fr"].CopiedLines, []Lines{{2, 3, "en"}, {7, 7, "en"}}; !slices.Equal(got, want) {
		t.Errorf("fr copied lines %v, want %v", got, want)
	}
	if got := it.Variants["en"].CopiedLines; got != nil {
		t.Errorf("the original has copied lines %v", got)
	}
}

// The items of a list still the source's have their own lines: each is
// marked on its own, and a translated item between two is not.
func TestTheItemsOfAListCopiedHaveTheirOwnLines(t *testing.T) {
	list := "- Bring your rent letter and your tenancy agreement.\n- Bring a neighbour who has not heard about it yet.\n- Sign nothing the landlord sends before the meeting.\n"
	en := "---\ntitle: Rent\ndate: 2024-02-24\n---\nWe refuse the rise, all of us, together.\n\n" + list
	body := "Nous refusons la hausse, tous ensemble, toutes ensemble.\n\n- Bring your rent letter and your tenancy agreement.\n- Amenez un voisin qui n'en a pas encore entendu parler.\n- Sign nothing the landlord sends before the meeting.\n"
	fr := "---\ntitle: Loyer\ntranslated_from: en@" + Digest("Rent", "", []byte(en[strings.Index(en, "We "):])) + "\n---\n" + body
	s, _ := load(t, "-- content/leaflets/a/en.md --\n"+en+"-- content/leaflets/a/fr.md --\n"+fr)
	if got, want := s.Items[0].Variants["fr"].CopiedLines, []Lines{{2, 2, "en"}, {4, 4, "en"}}; !slices.Equal(got, want) {
		t.Errorf("fr copied lines %v, want %v", got, want)
	}
}

// A lead-in kept above a list has its own line, and an item over two
// lines both of them.
func TestALeadInAndAnItemOverTwoLinesHaveTheirLines(t *testing.T) {
	lead := "Before the meeting, every tenant should do these things:\n"
	list := "- Bring your rent letter and your tenancy agreement,\n  and the letter that came with it.\n- Sign nothing the landlord sends before the meeting.\n"
	en := "---\ntitle: Rent\ndate: 2024-02-24\n---\nWe refuse the rise, all of us, together.\n\n" + lead + list
	fr := "---\ntitle: Loyer\ntranslated_from: en@000000000000\n---\nNous refusons la hausse, tous ensemble, toutes ensemble.\n\n" + lead + list
	s, _ := load(t, "-- content/leaflets/a/en.md --\n"+en+"-- content/leaflets/a/fr.md --\n"+fr)
	if got, want := s.Items[0].Variants["fr"].CopiedLines, []Lines{{2, 2, "en"}, {3, 4, "en"}, {5, 5, "en"}}; !slices.Equal(got, want) {
		t.Errorf("fr copied lines %v, want %v", got, want)
	}
}

// startsItem finds list items as CommonMark does, in a list and where a
// list would cut a paragraph short, and where their text starts.
func TestStartsItem(t *testing.T) {
	for _, tt := range []struct {
		line   string
		inList bool
		text   int
		ok     bool
	}{
		{"- text", false, 2, true},
		{"* text", false, 2, true},
		{"+ text", false, 2, true},
		{"-\ttext", false, 2, true},
		{"-  text", false, 3, true},
		{"1. text", false, 3, true},
		{"1) text", false, 3, true},
		{"01. text", false, 4, true},
		{"2) text", false, 0, false}, // cuts no paragraph short
		{"2) text", true, 3, true},
		{"2020. Nobody", false, 0, false},
		{"1234567890. ten digits", true, 0, false},
		{"   - three spaces", false, 5, true},
		{"    - four spaces", false, 0, false}, // a paragraph's line
		{"\t- a tab", false, 0, false},
		{"    - nested", true, 6, true},
		{"- [ ] a box", false, 6, true},
		{"- [x] a ticked box", false, 6, true},
		{"- [y] no box", false, 2, true},
		{"-", false, 0, false},
		{"- ", false, 0, false},
		{"- \r", false, 0, false},
		{"- [ ]", false, 0, false},
		{"-text", false, 0, false},
		{"1.text", true, 0, false},
		{"text", true, 0, false},
	} {
		text, ok := startsItem([]byte(tt.line), tt.inList)
		if text != tt.text || ok != tt.ok {
			t.Errorf("startsItem(%q, %v) = %d, %v; want %d, %v", tt.line, tt.inList, text, ok, tt.text, tt.ok)
		}
	}
}

// A translation made from a translation keeps, word for word, a
// paragraph its source kept from the original, and one its source
// translated: the first is in the original's language, the second in
// its source's.
func TestAParagraphCopiedAlongAChainIsInTheLanguageItWasWrittenIn(t *testing.T) {
	english := "The landlord wants fourteen per cent more from January.\n"
	french := "Le propriétaire veut quatorze pour cent de plus dès janvier.\n"
	en := "---\ntitle: Rent\ndate: 2024-02-24\n---\nWe refuse the rise, all of us, together.\n\n" + english
	fr := "---\ntitle: Loyer\ntranslated_from: en@000000000000\n---\nNous refusons la hausse, tous ensemble, maintenant.\n\n" + english + "\n" + french
	es := "---\ntitle: Alquiler\ntranslated_from: fr@000000000000\n---\nRechazamos la subida, todas y todos juntos, ahora.\n\n" + english + "\n" + french
	s, _ := load(t, "-- content/leaflets/a/en.md --\n"+en+"-- content/leaflets/a/fr.md --\n"+fr+"-- content/leaflets/a/es.md --\n"+es)
	if got, want := s.Items[0].Variants["es"].CopiedLines, []Lines{{2, 2, "en"}, {4, 4, "fr"}}; !slices.Equal(got, want) {
		t.Errorf("es copied lines %v, want %v", got, want)
	}
}

// A base_url kept for examples (tract init writes https://example.org/)
// is warned about at its line: every PDF's QR code would point to it.
func TestAPlaceholderBaseURLIsAWarning(t *testing.T) {
	for url, warned := range map[string]bool{
		"https://example.org/":          true,
		"https://EXAMPLE.com":           true,
		"https://news.example.net/site": true,
		"http://localhost:8080":         true,
		"https://tenants.test":          true,
		"https://kellingford.example":   true,
		"https://x.org":                 false,
		"https://example.org.uk":        false,
		"https://myexample.org":         false,
	} {
		var ds diag.List
		ParseConfig([]byte("languages = [\"en\"]\ntitle = \"T\"\nbase_url = \""+url+"\"\n"), &ds)
		got := ds.Sorted()
		switch {
		case warned && (len(got) != 1 || got[0].Severity != diag.Warning || got[0].Line != 3 || !strings.Contains(got[0].Message, "set it to the address the site will be published at")):
			t.Errorf("%s: %v, want one warning at line 3", url, got)
		case !warned && len(got) != 0:
			t.Errorf("%s: %v, want nothing", url, got)
		}
	}
}

// A base_url copied from a browser's address bar, with a page's name, a
// query or a password in it, would make every absolute address wrong (or
// publish the password): it is an error at its line. A space or http is
// only a warning, and the address is kept in its escaped form.
func TestABaseURLThatIsNotAFolderIsRefused(t *testing.T) {
	for _, c := range []struct {
		url      string
		severity diag.Severity // when msg is not ""
		msg      string
		base     string // BaseURL after the load, when not refused
	}{
		{"https://ourgroup.org/campaign/index.html", diag.Error, "ends in a file name (index.html): give the address of the folder it is in, https://ourgroup.org/campaign/", ""},
		{"https://ourgroup.org/Index.HTM", diag.Error, "ends in a file name (Index.HTM)", ""},
		{"https://ourgroup.org/campaign/?x=1#top", diag.Error, "has a query (?…) or a fragment (#…)", ""},
		{"https://ourgroup.org/campaign/#", diag.Error, "has a query (?…) or a fragment (#…)", ""},
		{"https://ourgroup.org//campaign//", diag.Error, "two slashes in a row", ""},
		{"https://user:pw@ourgroup.org/campaign/", diag.Error, "has a user name or password in it", ""},
		{"https://ourgroup.org/my campaign/", diag.Warning, "has a space in its path", "https://ourgroup.org/my%20campaign/"},
		{"http://ourgroup.org/", diag.Warning, `starts with http://: browsers mark such a site "not secure"`, "http://ourgroup.org/"},
		{"https://ourgroup.org/v1.2", diag.Error, "", "https://ourgroup.org/v1.2/"},
		{"https://ourgroup.org/grève", diag.Error, "", "https://ourgroup.org/gr%C3%A8ve/"},
		{"https://grève.fr/luttes", diag.Error, "", "https://grève.fr/luttes/"},
		{"https://ourgroup.org:8443/campaign", diag.Error, "", "https://ourgroup.org:8443/campaign/"},
		{"https://ourgroup.github.io/campaign", diag.Error, "", "https://ourgroup.github.io/campaign/"},
	} {
		var ds diag.List
		conf := ParseConfig([]byte("languages = [\"en\"]\ntitle = \"T\"\nbase_url = \""+c.url+"\"\n"), &ds)
		got := ds.Sorted()
		switch {
		case c.msg == "" && len(got) != 0:
			t.Errorf("%s: %v, want nothing", c.url, got)
		case c.msg != "" && (len(got) != 1 || got[0].Severity != c.severity || got[0].Line != 3 || !strings.Contains(got[0].Message, c.msg)):
			t.Errorf("%s: %v, want one %v at line 3 with %q", c.url, got, c.severity, c.msg)
		}
		if c.base != "" && conf.BaseURL != c.base {
			t.Errorf("%s: BaseURL %q, want %q", c.url, conf.BaseURL, c.base)
		}
	}
}

// [tags] gives a tag its name in other languages; a tag is found however
// the items write it, and its mistakes are reported at their line.
func TestTagNamesInOtherLanguages(t *testing.T) {
	var ds diag.List
	c := ParseConfig([]byte(`base_url = "https://x.org"
languages = ["en", "fr", "es"]
title = "T"
[tags]
housing = { fr = "logement", es = "vivienda" }
"Mutual aid" = { fr = "entraide" }
strike = { de = "Streik", es = " " }
"HOUSING" = { fr = "habitat" }
`), &ds)
	for _, tc := range []struct{ tag, lang, want string }{
		{"housing", "fr", "logement"},
		{" Housing ", "es", "vivienda"},
		{"housing", "en", "housing"},
		{"mutual-aid", "fr", "entraide"},
		{"mutual aid", "es", "mutual aid"},
		{"strike", "es", "strike"},
		{"other", "fr", "other"},
	} {
		if got := c.TagName(tc.tag, tc.lang); got != tc.want {
			t.Errorf("TagName(%q, %s) = %q, want %q", tc.tag, tc.lang, got, tc.want)
		}
	}
	got := ds.Sorted()
	wantDiag(t, got, diag.Error, "tract.toml", 7, `tags.strike.de: "de" is not in languages (en, fr or es)`)
	wantDiag(t, got, diag.Error, "tract.toml", 7, "tags.strike.es is empty")
	wantDiag(t, got, diag.Error, "tract.toml", 8, `tags: "HOUSING" is the tag of line 5 again`)
	if len(got) != 3 {
		t.Errorf("%d diagnostics, want 3:\n%s", len(got), list(got))
	}
}

// A name given to a tag no item has is a warning at its line, with the
// tag it was likely meant for; the preview says it again when an edit
// takes the last item's tag away.
func TestANamedTagNoItemHasIsAWarning(t *testing.T) {
	config := "-- tract.toml --\n" + `base_url = "https://x.org"
languages = ["en", "fr"]
title = "T"
[tags]
housing = { fr = "logement" }
strikes = { fr = "grèves" }
` + "-- content/articles/a/en.md --\n---\ntitle: A\ndate: 2024-02-24\ntags: [housing, strike]\n---\nText.\n"
	s, ds := load(t, config)
	wantDiag(t, ds, diag.Warning, "tract.toml", 6, `tags: no item has the tag "strikes", so its names are not used: did you mean strike?`)
	if len(ds) != 1 {
		t.Errorf("%d diagnostics, want 1:\n%s", len(ds), list(ds))
	}
	after := strings.Replace(config, "tags: [housing, strike]", "tags: [strike]", 1)
	var diags diag.List
	_, _, ok := s.Reload(testsite.FS(after), []string{"content/articles/a/en.md"}, &diags)
	if !ok {
		t.Fatalf("Reload refused: %v", diags.Sorted())
	}
	wantDiag(t, diags.Sorted(), diag.Warning, "tract.toml", 5, `no item has the tag "housing"`)
}

// What editors leave beside a text (a backup, an old version) is not
// published, with a warning; a folder name too long for its PDFs' file
// names is an error.
func TestLeftoversAreNotPublishedAndLongFoldersAreRefused(t *testing.T) {
	long := strings.Repeat("a", MaxFolderName+1)
	s, ds := load(t, "-- content/leaflets/a/en.md --\n---\ntitle: A\n---\nText.\n"+
		"-- content/leaflets/a/en.md~ --\nold\n-- content/leaflets/a/en.md.orig --\nold\n-- content/leaflets/a/photo.jpg --\nx\n"+
		"-- content/leaflets/"+long+"/en.md --\n---\ntitle: Long\n---\nText.\n")
	for _, name := range []string{"en.md~", "en.md.orig"} {
		wantDiag(t, ds, diag.Warning, "content/leaflets/a/"+name, 0, "looks like what an editor or a system leaves behind")
	}
	wantDiag(t, ds, diag.Error, "content/leaflets/"+long, 0, "folder name is 201 bytes long")
	if it := s.Item("leaflets", "a"); it == nil || !slices.Equal(it.Assets, []string{"photo.jpg"}) {
		t.Errorf("assets %v, want only photo.jpg", it.Assets)
	}
}

// The files systems and editors make on their own, which their users do
// not see (Windows' thumbnails, a Mac folder's icon, Word's lock files,
// Emacs's drafts), are passed over wherever they are, without a word: a
// Windows user cannot remove what Explorer hides, and a build that
// failed over it could not be mended.
func TestFilesSystemsMakeAreIgnoredEverywhere(t *testing.T) {
	fsys := testsite.FS("-- content/leaflets/a/en.md --\n---\ntitle: A\ndate: 2024-02-24\n---\nText.\n-- content/leaflets/a/photo.jpg --\nx\n")
	for _, dir := range []string{"content", "content/leaflets", "content/leaflets/a"} {
		for _, name := range []string{"Thumbs.db", "desktop.ini", "Icon\r", "~$letter.docx", "#en.md#"} {
			fsys[dir+"/"+name] = &fstest.MapFile{Data: []byte("x")}
		}
	}
	var diags diag.List
	s := Load(fsys, &diags)
	if ds := diags.Sorted(); len(ds) > 0 {
		t.Errorf("diagnostics:\n%s", list(ds))
	}
	if it := s.Item("leaflets", "a"); it == nil || !slices.Equal(it.Assets, []string{"photo.jpg"}) {
		t.Errorf("assets %v, want only photo.jpg", it.Assets)
	}
}

// A copy of a text that a download, a file manager or a synchronised
// folder made ("en (1).md") is not published, with a warning naming the
// text it copies; a text saved under another ending ("fr.md.txt", which
// Windows shows as "fr.md") is an error, and the item is not also said to
// have no text. A picture named like a copy is published as any other.
func TestCopiesAndMisnamedTextsAreToldWhatTheyAre(t *testing.T) {
	archive := "-- content/leaflets/a/en.md --\n---\ntitle: A\n---\nText.\n-- content/leaflets/a/photo (1).jpg --\nx\n"
	copies := []string{"en (1).md", "en copy.md", "en - Copy.md", "EN (Jo's conflicted copy 2026-03-01).md", "en.sync-conflict-20260301-101010-ABCDEFG.md",
		"en - Copie.md", "en copia 2.md", "en (copy).md", "en (another copy).md", "en - copia (2).md"}
	for _, name := range copies {
		archive += "-- content/leaflets/a/" + name + " --\n---\ntitle: Old\n---\nOld.\n"
	}
	archive += "-- content/leaflets/a/fr.md.txt --\n---\ntitle: B\n---\nTexte.\n-- content/leaflets/a/es.markdown --\n---\ntitle: C\n---\nTexto.\n" +
		"-- content/leaflets/b/en.md.txt --\n---\ntitle: B\n---\nText.\n"
	s, ds := load(t, archive)
	for _, name := range copies {
		wantDiag(t, ds, diag.Warning, "content/leaflets/a/"+name, 0, "looks like a copy of en.md")
	}
	wantDiag(t, ds, diag.Error, "content/leaflets/a/fr.md.txt", 0, "looks like fr.md saved under another name (Windows hides endings such as .md.txt): rename it fr.md")
	wantDiag(t, ds, diag.Error, "content/leaflets/a/es.markdown", 0, "rename it es.md")
	wantDiag(t, ds, diag.Error, "content/leaflets/b/en.md.txt", 0, "rename it en.md")
	if it := s.Item("leaflets", "a"); it == nil || !slices.Equal(it.Assets, []string{"photo (1).jpg"}) {
		t.Errorf("assets %v, want only photo (1).jpg", it.Assets)
	}
	for _, d := range ds {
		if strings.Contains(d.Message, "no variant") {
			t.Errorf("also: %s", d)
		}
	}
}

// A file that is not UTF-8 is told what it most likely is; a UTF-8 text
// holding a C1 control character, which a Windows-1252 file converted as
// Latin-1 has where its quotes and dashes were, is warned about at its
// line.
func TestTextsInOtherEncodingsAreToldWhatTheyAre(t *testing.T) {
	utf16 := []byte{0xff, 0xfe}
	for _, c := range "---\ntitle: A\n---\n" {
		utf16 = append(utf16, byte(c), 0)
	}
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"cp1252":    {[]byte("---\ntitle: \x93Rent\x94\n---\nText.\n"), "iconv -f windows-1252 -t utf-8"},
		"utf16":     {utf16, "UTF-16 (\"Unicode\" in Windows Notepad)"},
		"utf16bare": {utf16[2:], "UTF-16"},
		"docx":      {[]byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xdf\xa4"), "a zip file, such as a Word (.docx)"},
	} {
		t.Run(name, func(t *testing.T) {
			fsys := testsite.FS("")
			fsys["content/leaflets/a/en.md"] = &fstest.MapFile{Data: tc.data}
			var diags diag.List
			Load(fsys, &diags)
			ds := diags.Sorted()
			if len(ds) == 0 || !strings.Contains(ds[0].Message, tc.want) {
				t.Errorf("want an error containing %q; got:\n%s", tc.want, list(ds))
			}
		})
	}
	_, ds := load(t, "-- content/leaflets/a/en.md --\n---\ntitle: A\n---\nThe rent \u0096 and more.\n")
	wantDiag(t, ds, diag.Warning, "content/leaflets/a/en.md", 4, "holds U+0096, a control character")
}

// A folder name with its accents as separate marks (NFD, as old Mac disks
// store names) is told so, not that it is not a slug.
func TestADecomposedFolderNameIsToldWhatItIs(t *testing.T) {
	nfd := "gre\u0300ve"
	_, ds := load(t, "-- content/leaflets/"+nfd+"/en.md --\n---\ntitle: Strike\n---\nText.\n")
	wantDiag(t, ds, diag.Error, "content/leaflets/"+nfd, 0, `has its accents written as separate marks (as old Mac disks store names): rename the folder, typing the name again, so that it is "grève" in composed form`)
}

// Absolute addresses are escaped once: a tag or a slug with accents gives
// an address a sitemap, a feed and a QR code reader take.
func TestAbsURLEscapesWhatAnAddressCannotHold(t *testing.T) {
	c := Config{BaseURL: "https://ourgroup.org/my%20campaign/"}
	for in, want := range map[string]string{
		"fr/leaflets/rent/":       "https://ourgroup.org/my%20campaign/fr/leaflets/rent/",
		"/fr/tags/café/":          "https://ourgroup.org/my%20campaign/fr/tags/caf%C3%A9/",
		"fr/tags/caf%C3%A9/":      "https://ourgroup.org/my%20campaign/fr/tags/caf%C3%A9/",
		"es/leaflets/Grève-Rent/": "https://ourgroup.org/my%20campaign/es/leaflets/Gr%C3%A8ve-Rent/",
		"files/a b#1?.pdf":        "https://ourgroup.org/my%20campaign/files/a%20b%231%3F.pdf",
		"files/100%":              "https://ourgroup.org/my%20campaign/files/100%25",
		"files/50%zz":             "https://ourgroup.org/my%20campaign/files/50%25zz",
		"en/a_b~c(1).html":        "https://ourgroup.org/my%20campaign/en/a_b~c(1).html",
		"assets/tract.css?v=1":    "https://ourgroup.org/my%20campaign/assets/tract.css%3Fv=1",
	} {
		if got := c.AbsURL(in); got != want {
			t.Errorf("AbsURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// A file beside a text is published as it is. One a browser or a web
// host would run (a page, a script, an SVG, a PHP program), or one named
// like the smaller copies of pictures published beside it, which it
// could replace, is an error: content is written by people the site does
// not vouch for. The item's calendar and PDFs are published apart, in
// each language's folder: a file may have their names.
func TestFilesThatWouldRunOrReplaceOutputAreNotPublished(t *testing.T) {
	s, ds := load(t, `
-- tract.toml --
`+testsite.DefaultConfig+`
-- content/events/meet/en.md --
---
title: Meeting
starts: 2026-12-01T19:00:00Z
---
Come.
-- content/events/meet/evil.html --
<script>alert(1)</script>
-- content/events/meet/Index.HTML --
x
-- content/events/meet/pic.svg --
<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>
-- content/events/meet/run.php --
<?php system($_GET["c"]); ?>
-- content/events/meet/a.js --
alert(1)
-- content/events/meet/page.xhtm --
<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>
-- content/events/meet/x.php.jpg --
<?php system($_GET["c"]); ?>
-- content/events/meet/data.bin --
x
-- content/events/meet/meet.ics --
BEGIN:VCALENDAR
-- content/events/meet/meet-en-a4.pdf --
%PDF
-- content/events/meet/photo-480w.jpg --
x
-- content/events/meet/flyer.pdf --
%PDF
-- content/events/meet/meet-notes.pdf --
%PDF
-- content/events/meet/minutes.odt --
x
-- content/events/meet/old/meet-en-a4.pdf --
%PDF
-- content/events/meet/photos/pic-960w.png --
x
`)
	for name, want := range map[string]string{
		"evil.html":           "a browser runs the scripts a .html file may hold",
		"Index.HTML":          "a browser runs the scripts a .html file may hold",
		"pic.svg":             "an SVG picture may hold a script",
		"run.php":             "many web hosts run .php files as programs",
		"a.js":                "a browser runs the scripts a .js file may hold",
		"page.xhtm":           "a browser runs the scripts a .xhtm file may hold",
		"x.php.jpg":           "run a file with .php anywhere in its name as a program",
		"data.bin":            "not .bin files: put it in a zip file",
		"photo-480w.jpg":      "smaller copies tract makes of pictures (-480w)",
		"photos/pic-960w.png": "smaller copies tract makes of pictures (-960w)",
	} {
		wantDiag(t, ds, diag.Error, "content/events/meet/"+name, 0, want)
	}
	got := s.Item("events", "meet").Assets
	if want := []string{"flyer.pdf", "meet-en-a4.pdf", "meet-notes.pdf", "meet.ics", "minutes.odt", "old/meet-en-a4.pdf"}; !slices.Equal(got, want) {
		t.Errorf("published %v, want %v", got, want)
	}
}

// Only the kinds of file organisations attach are published from an item
// folder: a denylist missed kinds a browser runs as the site's own
// (.xhtm, .xsd and .xbl are XML, whose scripts Chromium runs), programs
// (.php5), and programs a web host finds anywhere in a name (x.php.jpg).
func TestOnlyKindsOfFileOnTheAllowlistArePublished(t *testing.T) {
	published := []string{
		"photo.jpg", "Photo.JPEG", "map.png", "anim.gif", "pic.webp",
		"flyer.pdf", "minutes.odt", "budget.ods", "talk.odp", "letter.doc", "letter.docx",
		"sheet.xls", "sheet.xlsx", "slides.ppt", "slides.pptx", "note.rtf", "readme.txt",
		"list.csv", "book.epub",
		"pack.zip", "pack.7z", "pack.tar.gz", "pack.tgz", "pack.gz",
		"song.mp3", "song.ogg", "song.oga", "song.opus", "song.m4a", "song.wav", "song.flac",
		"clip.mp4", "clip.webm", "clip.ogv", "clip.m4v", "clip.mov",
		"contact.vcf", "other.ics", "report.2024.pdf", "v1.2.zip",
		"flyer.odg", "report.pages", "budget.numbers", "voice.aac", "call.amr", "film.mkv", "film.avi",
	}
	for _, name := range published {
		if msg := unpublishable(name); msg != "" {
			t.Errorf("%s refused: %s", name, msg)
		}
	}
	for name, want := range map[string]string{
		"page.xhtm":       "a browser runs the scripts a .xhtm file may hold",
		"schema.xsd":      "a browser runs the scripts a .xsd file may hold",
		"bind.xbl":        "a browser runs the scripts a .xbl file may hold",
		"feed.rss":        "a browser runs the scripts a .rss file may hold",
		"track.gpx":       "a browser runs the scripts a .gpx file may hold",
		"places.kml":      "a browser runs the scripts a .kml file may hold",
		"data.xml":        "a browser runs the scripts a .xml file may hold",
		"pic.SVG":         "an SVG picture may hold a script",
		"run.php5":        "many web hosts run .php5 files as programs",
		"run.PHTML":       "many web hosts run .phtml files as programs",
		"x.php.jpg":       "many web hosts run a file with .php anywhere in its name as a program: tract does not publish one from content/; rename it without .php",
		"x.cgi.pdf":       "rename it without .cgi",
		"x.phtml.png":     "rename it without .phtml",
		"x.php5.zip":      "rename it without .php5",
		"x.PHP-old.jpg":   "rename it without .php",
		"x.svg.gz":        "an SVG picture may hold a script",
		"x.html.gz":       "some web hosts serve it as a .html file",
		"README":          "README has no ending such as .pdf or .jpg",
		"flyer.pdf.":      "has no ending such as .pdf or .jpg",
		"data.bin":        "data.bin: tract publishes from content/ only pictures (JPEG, PNG, GIF, WebP),",
		"tool.exe":        "not .exe files: put it in a zip file",
		"photo.heic":      "export it as JPEG (an iPhone saves photos as JPEG",
		"scan.tiff":       "save it as JPEG (a photograph) or PNG (a drawing)",
		"saved.jfif":      "rename it with .jpg at the end",
		"style.css":       "not .css files: put it in a zip file",
		"flyer.pdf ":      `"flyer.pdf ": its name begins or ends with a space, which no one sees: rename it flyer.pdf`,
		"es.md ":          `"es.md ": its name begins or ends with a space, which no one sees: rename it es.md`,
		"caf\xe9.jpg":     "caf\xe9.jpg: its name is not written in UTF-8",
		"sub/caf\xe9.pdf": "its name is not written in UTF-8",
		"app.wasm":        "a browser runs the scripts a .wasm file may hold",
		"sub/x.asp;.jpg":  "rename it without .asp",
	} {
		got := unpublishable(name)
		if !strings.Contains(got, want) {
			t.Errorf("%s: got %q, want it to contain %q", name, got, want)
		}
	}
}

func TestCopiedNoteAgreesWithItsCount(t *testing.T) {
	for _, tt := range []struct {
		same, of int
		want     string
	}{
		{1, 2, "1 of its 2 paragraphs and list items of six words or more is still that of en.md, word for word"},
		{3, 5, "3 of its 5 paragraphs and list items of six words or more are still those of en.md, word for word"},
	} {
		if got := CopiedNote(tt.same, tt.of, "en"); got != tt.want {
			t.Errorf("CopiedNote(%d, %d) = %q, want %q", tt.same, tt.of, got, tt.want)
		}
	}
}

// A setting added at the end of tract.toml, below [title] or [tags], is
// read by TOML as part of that table: the error says so, at its line,
// whether its value is of a type the table refuses or one it takes.
func TestASettingBelowATableIsToldWhereItBelongs(t *testing.T) {
	head := "base_url = \"https://x.org\"\nlanguages = [\"en\", \"fr\"]\n\n[title]\nen = \"T\"\nfr = \"T\"\n"
	for _, tt := range []struct {
		toml string
		line int
		key  string
	}{
		{head + "max_file_size_mb = 8\n", 7, "max_file_size_mb is read as part of the [title] table, since it comes after the [title] line"},
		{head + "paper = \"a5\"\n", 7, "paper is read as part of the [title] table"},
		{head + "\n[tags]\nrent = { fr = \"loyer\" }\nfallback = \"hide\"\n", 10, "fallback is read as part of the [tags] table"},
	} {
		var ds diag.List
		ParseConfig([]byte(tt.toml), &ds)
		got := ds.Sorted()
		if len(got) != 1 || got[0].Line != tt.line || !strings.Contains(got[0].Message, tt.key) || !strings.Contains(got[0].Message, "move it above that line") {
			t.Errorf("%q:\n%v\nwant one error at line %d: %s", tt.toml, got, tt.line, tt.key)
		}
	}
}

// Two tags that differ beyond case and spaces but share a page ("C#"
// and "C+" are both tags/c-/) are told apart by a warning at the second;
// the same tag in other letters' case is one tag, as before.
func TestTagsSharingAPageByAccidentAreWarnedAbout(t *testing.T) {
	_, ds := load(t, `
-- tract.toml --
`+testsite.DefaultConfig+`
-- content/articles/a/en.md --
---
title: A
tags: ["C#", Housing]
---
Text.
-- content/articles/b/en.md --
---
title: B
tags: ["C+", "housing ", "c+"]
---
Text.
`)
	wantDiag(t, ds, diag.Warning, "content/articles/b/en.md", 3, `tag "C+" shares its page, tags/c-/, with "C#" (content/articles/a/en.md)`)
	n := 0
	for _, d := range ds {
		if strings.Contains(d.Message, "shares its page") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d warnings about shared pages, want 1: %v", n, ds)
	}
}

// A picture whose name leaves no room for its smaller copies' is refused
// when the site is read, at its file, not when the build writes a copy.
func TestAPictureNameTooLongForItsCopiesIsRefused(t *testing.T) {
	long := strings.Repeat("p", 246) + ".jpg"
	fits := strings.Repeat("q", 245) + ".jpg"
	s, ds := load(t, "-- content/leaflets/a/en.md --\n---\ntitle: A\n---\nText.\n-- content/leaflets/a/"+long+" --\nx\n-- content/leaflets/a/"+fits+" --\nx\n")
	wantDiag(t, ds, diag.Error, "content/leaflets/a/"+long, 0, "a picture's name may be 249 bytes long at most")
	if it := s.Item("leaflets", "a"); !slices.Equal(it.Assets, []string{fits}) {
		t.Errorf("assets %v, want only the shorter name", it.Assets)
	}
}

// A section folder named in capitals, or mistyped, is told which it
// most likely is.
func TestAnUnknownSectionSuggestsTheClosest(t *testing.T) {
	_, ds := load(t, "-- content/Events/a/en.md --\n---\ntitle: A\n---\nText.\n-- content/leaflet/b/en.md --\n---\ntitle: B\n---\nText.\n")
	wantDiag(t, ds, diag.Error, "content/Events", 0, "did you mean events?")
	wantDiag(t, ds, diag.Error, "content/leaflet", 0, "did you mean leaflets?")
}

// An empty item folder (made and not yet filled, or emptied) is warned
// about, and fails nothing; one with files but no text is an error, as
// its texts are most likely lost.
func TestAnEmptyItemFolderIsAWarning(t *testing.T) {
	fsys := testsite.FS("-- content/leaflets/a/en.md --\n---\ntitle: A\n---\nText.\n-- content/leaflets/pics/photo.jpg --\nx\n" +
		"-- content/leaflets/only-copy/en (1).md --\n---\ntitle: C\n---\nText.\n-- content/leaflets/only-backup/en.md~ --\nold\n" +
		"-- content/leaflets/just-thumbs/Thumbs.db --\nx\n")
	fsys["content/leaflets/new-folder"] = &fstest.MapFile{Mode: fs.ModeDir | 0o755}
	var diags diag.List
	s := Load(fsys, &diags)
	ds := diags.Sorted()
	wantDiag(t, ds, diag.Warning, "content/leaflets/new-folder", 0, "empty folder: nothing is published from it")
	wantDiag(t, ds, diag.Warning, "content/leaflets/just-thumbs", 0, "empty folder: nothing is published from it")
	for _, dir := range []string{"pics", "only-copy", "only-backup"} {
		wantDiag(t, ds, diag.Error, "content/leaflets/"+dir, 0, "no variant: add a file such as content/leaflets/"+dir+"/en.md")
	}
	if len(s.Items) != 1 {
		t.Errorf("%d items, want a only", len(s.Items))
	}
}

// A language with a region (pt-BR) is recognised in copies and misnamed
// texts whatever the case its name is written in, and named as tract.toml
// writes it.
func TestCopiesAndMisnamedTextsOfARegionalLanguage(t *testing.T) {
	_, ds := load(t, "-- tract.toml --\nbase_url = \"https://example.net\"\nlanguages = [\"en\", \"pt-BR\"]\ntitle = \"S\"\n"+
		"-- content/leaflets/a/en.md --\n---\ntitle: A\n---\nText.\n"+
		"-- content/leaflets/a/pt-br.md.txt --\n---\ntitle: B\n---\nTexto.\n-- content/leaflets/a/pt-BR (1).md --\n---\ntitle: B\n---\nTexto.\n")
	wantDiag(t, ds, diag.Error, "content/leaflets/a/pt-br.md.txt", 0, "rename it pt-BR.md")
	wantDiag(t, ds, diag.Warning, "content/leaflets/a/pt-BR (1).md", 0, "looks like a copy of pt-BR.md")
}

// Tags of one language that differ only in their accents get a page each
// whatever their counts: the rarer spelling, or the later when both are
// as common, is warned about at its tags line, naming the other; not
// twice, as a mistyped tag too. A tag tract.toml names is meant, and a
// tag of another language is another word.
func TestTagsThatDifferOnlyInTheirAccentsAreWarnedAbout(t *testing.T) {
	item := func(slug, lang, tags string) string {
		return "-- content/leaflets/" + slug + "/" + lang + ".md --\n---\ntitle: " + slug + "\ntags: [" + tags + "]\ndate: 2024-02-24\n---\nText.\n"
	}
	_, ds := load(t, "-- tract.toml --\nbase_url = \"https://x.org\"\nlanguages = [\"en\", \"fr\", \"es\"]\ntitle = \"T\"\n[tags]\npapa = { es = \"papa\" }\n"+
		item("a", "fr", "grève")+item("b", "fr", "greve")+
		item("c", "fr", "Sécurité sociale")+item("d", "fr", "securite sociale")+item("e", "fr", "Securité Sociale")+
		item("f", "es", "papá")+item("g", "es", "papa")+
		item("h", "en", "resume")+item("i", "fr", "résumé"))
	wantDiag(t, ds, diag.Warning, "content/leaflets/b/fr.md", 3, `tag "greve" differs from "grève" (on content/leaflets/a/fr.md) only in its accents: each gets a page of its own, tags/greve/ and tags/grève/`)
	wantDiag(t, ds, diag.Warning, "content/leaflets/d/fr.md", 3, `tag "securite-sociale" differs from "sécurité-sociale" (on content/leaflets/c/fr.md) only in its accents`)
	wantDiag(t, ds, diag.Warning, "content/leaflets/e/fr.md", 3, `tag "securité-sociale" differs from "sécurité-sociale"`)
	if len(ds) != 3 {
		t.Errorf("%d diagnostics, want 3:\n%s", len(ds), list(ds))
	}
	_, ds = load(t, "-- tract.toml --\nbase_url = \"https://x.org\"\nlanguages = [\"fr\"]\ntitle = \"T\"\n"+
		item("a", "fr", "greve")+item("b", "fr", "grève")+item("c", "fr", "grève")+item("d", "fr", "greve, grève"))
	wantDiag(t, ds, diag.Warning, "content/leaflets/a/fr.md", 3, `tag "greve" differs from "grève" (on 3 items, such as content/leaflets/b/fr.md)`)
	wantDiag(t, ds, diag.Warning, "content/leaflets/d/fr.md", 3, `tag "greve" differs from "grève"`)
	if len(ds) != 2 {
		t.Errorf("%d diagnostics, want 2:\n%s", len(ds), list(ds))
	}
}

// A comment written as one after a key ("tags: # none yet") is no
// mistake; a hashtag in its place is.
func TestACommentAfterAKeyIsNotTakenForHashtags(t *testing.T) {
	_, ds := load(t, "-- content/leaflets/a/en.md --\n---\ntitle: A\ndate: 2024-02-24\ntags: # none yet\n---\nText.\n")
	if len(ds) > 0 {
		t.Errorf("diagnostics:\n%s", list(ds))
	}
}

// A tag on one item, a letter or two from a tag on several, is warned
// about at the item's tags line; a tag tract.toml names is meant, and
// so is a near tag the item also has.
func TestATagThatLooksMistypedIsWarnedAbout(t *testing.T) {
	item := func(slug, tags string) string {
		return "-- content/leaflets/" + slug + "/en.md --\n---\ntitle: " + slug + "\ntags: [" + tags + "]\ndate: 2024-02-24\n---\nText.\n"
	}
	_, ds := load(t, "-- tract.toml --\nbase_url = \"https://x.org\"\nlanguages = [\"en\"]\ntitle = \"T\"\n[tags]\nrents = { en = \"Rents\" }\n"+
		item("a", "repairs, housing")+item("b", "repairs, community")+item("c", "community, rent")+item("d", "rent")+
		item("e", "reapirs")+item("f", "comunity, community")+item("g", "rents")+
		item("h", "iraq")+item("i", "iraq")+item("j", "iran"))
	wantDiag(t, ds, diag.Warning, "content/leaflets/e/en.md", 3, `tag "reapirs" is on no other item, and "repairs" is on 2: did you mean repairs?`)
	if len(ds) != 1 {
		t.Errorf("%d diagnostics, want 1:\n%s", len(ds), list(ds))
	}
}
