package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	tractfiles "github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/testsite"
)

// leaflet is a valid original variant, for sites whose defect is elsewhere.
const leaflet = `---
title: "Rent"
date: 2024-02-24
---

No to the rent rise.
`

// defectSites each carry exactly one defect, and the line tract check must
// print for it.
var defectSites = []struct {
	name, site, want string
}{
	{"UnclosedFrontMatter", `
-- content/leaflets/rent/en.md --
---
title: Rent

No to the rent rise.
`, "content/leaflets/rent/en.md:1: error: front matter opened here is never closed"},
	{"BrokenYAML", `
-- content/leaflets/rent/en.md --
---
title: Rent
tags: [a, b
---
`, "content/leaflets/rent/en.md:3: error: front matter is not valid YAML"},
	{"UnknownKey", `
-- content/leaflets/rent/en.md --
---
title: Rent
colour: red
---
`, `content/leaflets/rent/en.md:3: error: unknown key "colour"`},
	{"WrongType", `
-- content/leaflets/rent/en.md --
---
title: Rent
tags: 5
---
`, "content/leaflets/rent/en.md:3: error: tags: expected a list"},
	{"InvalidDate", `
-- content/leaflets/rent/en.md --
---
title: Rent
date: 2024-13-45
---
`, `content/leaflets/rent/en.md:3: error: date: "2024-13-45": there is no month 13`},
	{"InvalidTime", `
-- content/events/meeting/en.md --
---
title: Meeting
starts: 2024-10-19T25:00
---
`, `content/events/meeting/en.md:3: error: starts: "2024-10-19T25:00": 25:00 is not a time of day: hours go from 00 to 23, minutes from 00 to 59`},
	{"EventEndsBeforeItStarts", `
-- content/events/meeting/en.md --
---
title: Meeting
starts: 2024-10-19T10:00:00+01:00
ends: 2024-10-19T09:00:00+01:00
---
`, "content/events/meeting/en.md:4: error: the event ends (2024-10-19T09:00:00+01:00) before it starts"},
	{"LanguageNotInConfig", `
-- content/leaflets/rent/en.md --
` + leaflet + `
-- content/leaflets/rent/de.md --
---
title: Miete
---
`, `content/leaflets/rent/de.md: error: language "de" is not in tract.toml's languages`},
	{"UnknownSection", `
-- content/leaflets/rent/en.md --
` + leaflet + `
-- content/flyers/rent/en.md --
` + leaflet, `content/flyers: error: unknown section "flyers"`},
	{"MissingTitle", `
-- content/leaflets/rent/en.md --
---
date: 2024-02-24
---
`, "content/leaflets/rent/en.md:1: error: title is missing"},
	{"NoFrontMatter", `
-- content/leaflets/rent/en.md --
No to the rent rise.
`, "content/leaflets/rent/en.md:1: error: no front matter"},
	{"TwoOriginals", `
-- content/leaflets/rent/en.md --
` + leaflet + `
-- content/leaflets/rent/fr.md --
---
title: Loyer
---
`, "content/leaflets/rent/fr.md:1: error: two originals in one item (en.md, fr.md)"},
	{"MalformedTranslatedFrom", `
-- content/leaflets/rent/en.md --
` + leaflet + `
-- content/leaflets/rent/fr.md --
---
title: Loyer
translated_from: english
---
`, `content/leaflets/rent/fr.md:3: error: translated_from: "english" is not lang@digest`},
	{"TranslatedFromMissingVariant", `
-- content/leaflets/rent/en.md --
` + leaflet + `
-- content/leaflets/rent/fr.md --
---
title: Loyer
translated_from: es@0123456789ab
---
`, "content/leaflets/rent/fr.md:3: error: translated_from names es.md, which does not exist"},
	{"TranslatedFromCycle", `
-- content/leaflets/rent/en.md --
---
title: Rent
translated_from: fr@0123456789ab
---
-- content/leaflets/rent/fr.md --
---
title: Loyer
translated_from: en@0123456789ab
---
`, "content/leaflets/rent/en.md:3: error: translated_from forms a cycle"},
	{"BulletinListsMissingArticle", `
-- content/bulletins/one/en.md --
---
title: Bulletin 1
number: 1
articles: [strike]
---
`, `content/bulletins/one/en.md:4: error: article "strike" does not exist`},
	// Each entry of a list written one per line is reported at its own
	// line, and a leaflet listed as an article is named as one.
	{"BulletinListsALeaflet", `
-- content/bulletins/one/en.md --
---
title: Bulletin 1
number: 1
articles:
  - strike
  - rent
---
-- content/articles/strike/en.md --
---
title: Strike
---
-- content/leaflets/rent/en.md --
` + leaflet + `
`, `content/bulletins/one/en.md:6: error: "rent" is in leaflets, not articles`},
	{"LinkToMissingFile", `
-- content/leaflets/rent/en.md --
` + leaflet + `
See [the letter](letter.pdf).
`, `content/leaflets/rent/en.md:8: error: link "letter.pdf": content/leaflets/rent/letter.pdf does not exist`},
	{"ImageNamedInOtherCapitals", `
-- content/leaflets/rent/Workshop.JPG --
not read: the name is wrong
-- content/leaflets/rent/en.md --
` + leaflet + `
![The workshop](workshop.jpg)
`, `content/leaflets/rent/en.md:8: error: image "workshop.jpg": content/leaflets/rent/workshop.jpg does not exist, but Workshop.JPG does: a web server takes names letter for letter, capitals included; write Workshop.JPG, or rename the file`},
	{"LinkToMissingItem", `
-- content/leaflets/rent/en.md --
` + leaflet + `
See [the strike](../strike/en.md).
`, `content/leaflets/rent/en.md:8: error: link "../strike/en.md": there is no item content/leaflets/strike`},
	{"ImageOfMissingFile", `
-- content/leaflets/rent/en.md --
` + leaflet + `
![A picket](picket.jpg "The picket line")
`, `content/leaflets/rent/en.md:8: error: image "picket.jpg": content/leaflets/rent/picket.jpg does not exist`},
	{"LinkOutsideTheSite", `
-- content/leaflets/rent/en.md --
` + leaflet + `
See [this](../../../../secret.txt).
`, `content/leaflets/rent/en.md:8: error: link "../../../../secret.txt" points outside the site directory`},
	{"ImageOutsideTheSite", `
-- content/leaflets/rent/en.md --
` + leaflet + `
![x](../../../../../etc/passwd)
`, `content/leaflets/rent/en.md:8: error: link "../../../../../etc/passwd" points outside the site directory`},
	{"LinkToLocalFile", `
-- content/leaflets/rent/en.md --
` + leaflet + `
See [this](file:///etc/passwd).
`, `content/leaflets/rent/en.md:8: error: points at a file on the author's computer`},
	{"SlugsDifferOnlyInCase", `
-- content/leaflets/Rent/en.md --
` + leaflet + `
-- content/leaflets/rent/en.md --
` + leaflet, "content/leaflets/rent: error: content/leaflets/Rent and content/leaflets/rent differ only in case"},
	{"InvalidUTF8", `
-- content/leaflets/rent/en.md --
---
title: Rent
---
Caf` + "\xe9" + `
`, "content/leaflets/rent/en.md:4: error: invalid UTF-8"},
	{"BrokenConfig", `
-- tract.toml --
base_url = "https://example.org"
languages = ["en", "fr"
-- content/leaflets/rent/en.md --
` + leaflet, "tract.toml:2: error: "},
	{"UnknownConfigKey", `
-- tract.toml --
base_url = "https://example.org"
languages = ["en"]
colour = "red"
[title]
en = "Bulletin"
-- content/leaflets/rent/en.md --
` + leaflet, `tract.toml:3: error: unknown key "colour"`},
	{"ScriptInMarkdown", `
-- content/leaflets/rent/en.md --
` + leaflet + `
<script>alert(1)</script>
`, "content/leaflets/rent/en.md:8: error: script in the Markdown"},
	{"BrokenTemplate", `
-- content/leaflets/rent/en.md --
` + leaflet + `
-- templates/item.html --
{{define "main"}}{{if}}{{end}}
`, "templates/item.html:1: error: missing value for if"},
	{"TemplateFailsToRender", `
-- content/leaflets/rent/en.md --
` + leaflet + `
-- templates/item.html --
{{template "base" .}}
{{define "main"}}
{{.NoSuchField}}
{{end}}
`, `templates/item.html:3: error: executing "main" at <.NoSuchField>: Page has no field NoSuchField: it has .Lang, .Dir`},
}

func TestCheckReportsEachDefectAtItsLine(t *testing.T) {
	for _, tc := range defectSites {
		t.Run(tc.name, func(t *testing.T) {
			dir := testsite.Dir(t, tc.site)
			r := tract(t, dir, nil, "check")
			if r.code != 1 {
				t.Errorf("exit code %d, want 1", r.code)
			}
			if !hasDiagnostic(r.stdout, tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, r.stdout)
			}
		})
	}
}

// hasDiagnostic reports whether output has a line that starts with the
// position and severity of want ("path:line: error: ") and contains the
// rest of want, so that the tests hold the position exactly and the
// wording loosely.
func hasDiagnostic(output, want string) bool {
	sev := ": error: "
	if !strings.Contains(want, sev) {
		sev = ": warning: "
	}
	pos, msg, _ := strings.Cut(want, sev)
	for _, line := range strings.Split(output, "\n") {
		if strings.HasPrefix(line, pos+sev) && strings.Contains(line, msg) {
			return true
		}
	}
	return false
}

// A site's locale file words a message its own way and keeps tract's
// others: one line is enough, and check and build take it.
func TestASitesLocaleFileRewordsOneMessage(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+leaflet)
	writeFile(t, filepath.Join(dir, "locales/fr.toml"), "SkipToContent = \"Aller droit au texte\"\n")
	if r := tract(t, dir, nil, "check", "--no-pdf"); r.code != 0 || strings.Contains(r.stdout, "error") {
		t.Fatalf("check: exit %d\n%s", r.code, r.stdout)
	}
	out := filepath.Join(t.TempDir(), "dist")
	if r := tract(t, dir, nil, "build", "--no-pdf", "--out", out); r.code != 0 {
		t.Fatalf("build: exit %d\n%s", r.code, r.stderr)
	}
	page, err := os.ReadFile(filepath.Join(out, "fr", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">Aller droit au texte<", "Rubriques"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("fr home lacks %q", want)
		}
	}
}

func TestCheckRefusesSymlinkOutOfTheSite(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.jpg")
	writeFile(t, outside, "secret")
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+leaflet+"\n![x](photo.jpg)\n")
	if err := os.Symlink(outside, filepath.Join(dir, "content/leaflets/rent/photo.jpg")); err != nil {
		t.Skip("symlinks not available:", err)
	}
	r := tract(t, dir, nil, "check")
	want := "content/leaflets/rent/photo.jpg: error: symbolic link to " + outside + ", a path from the computer's top folder"
	if r.code != 1 || !hasDiagnostic(r.stdout, want) {
		t.Errorf("exit %d, output lacks %q:\n%s", r.code, want, r.stdout)
	}
}

// warningSites each carry one problem that is only a warning.
var warningSites = []struct {
	name, site, want string
}{
	{"OutdatedTranslation", `
-- content/leaflets/rent/en.md --
` + leaflet + `
-- content/leaflets/rent/fr.md --
---
title: Loyer
translated_from: en@0123456789ab
---
Non à la hausse.
`, "content/leaflets/rent/fr.md:3: warning: outdated translation: en.md changed since"},
	{"RawHTMLDropped", `
-- content/leaflets/rent/en.md --
` + leaflet + `
<div class="box">boxed</div>
`, "content/leaflets/rent/en.md:8: warning: raw HTML dropped"},
	{"NeutralFieldContradictsOriginal", `
-- content/events/meeting/en.md --
---
title: Meeting
starts: 2024-10-19
---
-- content/events/meeting/fr.md --
---
title: Réunion
translated_from: en@0123456789ab
starts: 2024-10-20
---
`, "content/events/meeting/fr.md:4: warning: starts: 2024-10-20 here contradicts en.md, the original, which gives 2024-10-19, the value that is used"},
}

func TestCheckReportsPDFProblems(t *testing.T) {
	long := strings.Repeat("The rent rose again this year, and the repairs still wait. ", 140)
	dir := testsite.Dir(t, `
-- content/leaflets/long/en.md --
---
title: Long
---
`+long+`
-- content/leaflets/glyph/en.md --
---
title: Glyph
---

Solidarity ✊.
`)
	r := tract(t, dir, nil, "check")
	for _, want := range []string{
		"content/leaflets/long/en.md: warning: PDF: does not fit on one A4 page",
		"content/leaflets/glyph/en.md:5: warning: PDF: the PDF font cannot draw U+270A",
	} {
		if !hasDiagnostic(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.code != 0 {
		t.Errorf("exit code %d, want 0 (warnings only)", r.code)
	}
	if r := tract(t, dir, nil, "check", "--no-pdf"); r.code != 0 || strings.Contains(r.stdout, "PDF") {
		t.Errorf("--no-pdf: exit %d\n%s", r.code, r.stdout)
	}
}

func TestCheckWarningsFailOnlyWhenStrict(t *testing.T) {
	for _, tc := range warningSites {
		t.Run(tc.name, func(t *testing.T) {
			dir := testsite.Dir(t, tc.site)
			r := tract(t, dir, nil, "check")
			if r.code != 0 {
				t.Errorf("exit code %d, want 0:\n%s", r.code, r.stdout)
			}
			if !hasDiagnostic(r.stdout, tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, r.stdout)
			}
			if strings.Contains(r.stdout, ": error: ") {
				t.Errorf("a warning site reports an error:\n%s", r.stdout)
			}
			// The summary says why it fails, with no error.
			if r := tract(t, dir, nil, "check", "--strict"); r.code != 1 || !strings.HasSuffix(r.stdout, ", and --strict fails on warnings\n") {
				t.Errorf("--strict: exit code %d, want 1 and a summary that says why:\n%s", r.code, r.stdout)
			}
		})
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// tenDefects is a site with ten defects in ten files.
const tenDefects = `
-- content/leaflets/rent/en.md --
---
title: Rent
colour: red
---
-- content/leaflets/repairs/en.md --
---
title: Repairs
date: 2024-02-30
---
-- content/events/meeting/en.md --
---
title: Meeting
starts: 2024-10-19T10:00
ends: 2024-10-18T10:00
---
-- content/events/meeting/de.md --
---
title: Versammlung
---
-- content/flyers/x/en.md --
---
title: X
---
-- content/articles/strike/en.md --
---
date: 2024-01-01
---
On strike.
-- content/articles/strike/fr.md --
---
title: Grève
translated_from: anglais
---
-- content/bulletins/one/en.md --
---
title: One
number: 1
articles: [strike, lockout]
---
-- content/pages/About/en.md --
---
title: About
---
Read [the rules](rules.pdf).
-- content/pages/about/en.md --
---
title: About
---
`

func TestCheckReportsTenDefectsInOneRun(t *testing.T) {
	dir := testsite.Dir(t, tenDefects)
	r := tract(t, dir, nil, "check")
	want := []string{
		"content/articles/strike/en.md:1: error: title is missing",
		`content/articles/strike/fr.md:3: error: translated_from: "anglais" is not lang@digest`,
		`content/bulletins/one/en.md:4: error: article "lockout" does not exist`,
		`content/events/meeting/de.md: error: language "de" is not in tract.toml's languages`,
		"content/events/meeting/en.md:4: error: the event ends",
		`content/flyers: error: unknown section "flyers"`,
		`content/leaflets/repairs/en.md:3: error: date: "2024-02-30": February 2024 has 29 days`,
		`content/leaflets/rent/en.md:3: error: unknown key "colour"`,
		"content/pages/about: error: content/pages/About and content/pages/about differ only in case",
		`content/pages/About/en.md:4: error: link "rules.pdf": content/pages/About/rules.pdf does not exist`,
	}
	if r.code != 1 {
		t.Errorf("exit code %d, want 1", r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	var errs []string
	for _, l := range lines {
		if strings.Contains(l, ": error: ") {
			errs = append(errs, l)
		}
	}
	for _, w := range want {
		found := false
		for _, l := range errs {
			found = found || strings.HasPrefix(l, w)
		}
		if !found {
			t.Errorf("missing %q", w)
		}
	}
	if len(errs) != len(want) {
		t.Errorf("%d errors, want %d:\n%s", len(errs), len(want), r.stdout)
	}
	if !slices.IsSorted(errs) {
		t.Errorf("errors are not sorted by file:\n%s", r.stdout)
	}
}

func TestCheckJSONCountsErrorsAndWarnings(t *testing.T) {
	dir := testsite.Dir(t, `
-- content/leaflets/rent/en.md --
---
title: Rent
colour: red
---
-- content/leaflets/repairs/en.md --
---
title: Repairs
date: 2024-02-24
---
<div>raw</div>
`)
	r := tract(t, dir, nil, "check", "--format", "json")
	if r.code != 1 {
		t.Errorf("exit code %d, want 1", r.code)
	}
	var got checkJSON
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, r.stdout)
	}
	want := checkJSON{
		Diagnostics: []diagJSON{
			{"content/leaflets/rent/en.md", 3, "error", `unknown key "colour" (known keys: title, date, summary, tags, translated_from, starts, ends, venue, address, number, articles, signatories, paper)`},
			{"content/leaflets/repairs/en.md", 5, "warning", "raw HTML dropped (<div>raw</div>): write it in Markdown instead"},
		},
		Errors:   1,
		Warnings: 1,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestCheckFindsNoErrorInTheSampleSite(t *testing.T) {
	r := tract(t, "../..", nil, "check")
	if r.code != 0 {
		t.Errorf("exit code %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// A site in a language written right to left is told, by check and by
// every build, the one up to date included, that the language gets no
// PDFs: a note at the languages line, which fails no check, strict or
// not, and counts as no warning.
func TestNoPDFsInARightToLeftLanguageIsANote(t *testing.T) {
	en, err := fs.ReadFile(tractfiles.Defaults, "locales/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := testsite.Dir(t, "-- tract.toml --\nbase_url = \"https://tenants.kellingford.org/\"\ntitle = \"Site\"\nlanguages = [\"en\", \"fa\"]\n"+
		"-- locales/fa.toml --\n"+string(en)+
		"-- content/leaflets/b/fa.md --\n---\ntitle: اجاره\ndate: 2024-02-24\n---\nنه به افزایش اجاره.\n")
	const want = "tract.toml:3: note: no PDFs in fa: "
	for _, args := range [][]string{{"check"}, {"check", "--strict"}} {
		r := tract(t, dir, nil, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "\n"+want) && !strings.HasPrefix(r.stdout, want) || !strings.Contains(r.stdout, "no problems found") {
			t.Errorf("%v: exit %d, want 0, a note and no problems:\n%s", args, r.code, r.stdout)
		}
	}
	r := tract(t, dir, nil, "check", "--format", "json")
	var out struct {
		Warnings    int `json:"warnings"`
		Diagnostics []struct {
			Line     int    `json:"line"`
			Severity string `json:"severity"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if len(out.Diagnostics) != 1 || out.Diagnostics[0].Severity != "note" || out.Diagnostics[0].Line != 3 || out.Warnings != 0 {
		t.Errorf("json: %s", r.stdout)
	}
	if r := tract(t, dir, nil, "check", "--no-pdf"); strings.Contains(r.stdout, "note:") {
		t.Errorf("--no-pdf notes what it does not make:\n%s", r.stdout)
	}
	for i := range 2 { // the second build finds the site unchanged
		r := tract(t, dir, nil, "build")
		if r.code != 0 || !strings.Contains(r.stderr, want) || strings.Contains(r.stderr, "warning:") {
			t.Errorf("build %d: exit %d\n%s", i+1, r.code, r.stderr)
		}
	}
}

// A language without hyphenation patterns is noted with the file to add;
// the note fails no check.
func TestALanguageWithoutHyphenationPatternsIsNoted(t *testing.T) {
	en, err := fs.ReadFile(tractfiles.Defaults, "locales/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := testsite.Dir(t, "-- tract.toml --\nbase_url = \"https://tenants.kellingford.org/\"\nlanguages = [\"en\", \"sv\"]\ntitle = \"Site\"\n"+
		"-- locales/sv.toml --\n"+string(en)+
		"-- content/leaflets/b/sv.md --\n---\ntitle: Hyran\ndate: 2024-02-24\n---\nNej till hyreshöjningen.\n")
	r := tract(t, dir, nil, "check", "--strict")
	if want := "tract.toml:2: note: the PDFs in sv are not hyphenated"; r.code != 0 || !strings.HasPrefix(r.stdout, want) || !strings.Contains(r.stdout, "assets/hyphenation/hyph-sv.pat.txt") {
		t.Errorf("exit %d, want 0 and %q:\n%s", r.code, want, r.stdout)
	}
	if err := os.MkdirAll(filepath.Join(dir, "assets", "hyphenation"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "assets", "hyphenation", "hyph-sv.pat.txt"), "1ba\n")
	if r := tract(t, dir, nil, "check"); strings.Contains(r.stdout, "note:") {
		t.Errorf("patterns added, still noted:\n%s", r.stdout)
	}
}

// Only some kinds of file beside a text are published, the same in check
// and build; static/ is the maintainers' and is published as it is,
// whatever the kind.
func TestOnlyContentFilesAreHeldToTheKindsTractPublishes(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+leaflet+
		"-- content/leaflets/rent/schema.xsd --\n<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>\n"+
		"-- static/schema.xsd --\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>\n")
	want := "content/leaflets/rent/schema.xsd: error: schema.xsd: a browser runs the scripts a .xsd file may hold"
	for _, cmd := range []string{"check", "build"} {
		r := tract(t, dir, nil, cmd, "--no-pdf")
		if r.code != 1 || !hasDiagnostic(r.stdout+r.stderr, want) || strings.Contains(r.stdout+r.stderr, "\nstatic/") || strings.HasPrefix(r.stdout, "static/") {
			t.Errorf("%s: exit %d, want 1 and only %q:\n%s%s", cmd, r.code, want, r.stdout, r.stderr)
		}
	}
	if err := os.Remove(filepath.Join(dir, "content/leaflets/rent/schema.xsd")); err != nil {
		t.Fatal(err)
	}
	if r := tract(t, dir, nil, "build", "--no-pdf"); r.code != 0 {
		t.Fatalf("build: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "dist/schema.xsd")); err != nil {
		t.Errorf("static/schema.xsd is not published: %v", err)
	}
}

// A link in content/ to a file in content/ is published as that file;
// one to any other file of the site's folder is an error, in check and
// build alike.
func TestALinkPublishesOnlyAFileInContent(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+leaflet+
		"-- content/leaflets/rent/flyer.pdf --\n%PDF-1.4\n"+
		"-- content/leaflets/strike/en.md --\n"+leaflet+
		"-- .env --\nTOKEN=secret\n")
	if err := os.Symlink("../rent/flyer.pdf", filepath.Join(dir, "content/leaflets/strike/flyer.pdf")); err != nil {
		t.Skip("symlinks not available:", err)
	}
	if r := tract(t, dir, nil, "build", "--no-pdf"); r.code != 0 {
		t.Fatalf("build: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got := readFile(t, filepath.Join(dir, "dist/leaflets/strike/flyer.pdf")); got != "%PDF-1.4\n" {
		t.Errorf("the linked flyer is published as %q", got)
	}
	if err := os.Symlink("../../../.env", filepath.Join(dir, "content/leaflets/strike/env.txt")); err != nil {
		t.Fatal(err)
	}
	want := "content/leaflets/strike/env.txt: error: symbolic link to ../../../.env, which is .env, outside content/"
	for _, cmd := range []string{"check", "build"} {
		if r := tract(t, dir, nil, cmd, "--no-pdf"); r.code != 1 || !hasDiagnostic(r.stdout+r.stderr, want) {
			t.Errorf("%s: exit %d, output lacks %q:\n%s%s", cmd, r.code, want, r.stdout, r.stderr)
		}
	}
}

// A check says what it took as the last build or check left it: a
// check of thousands of items done in a second must not read as one
// that did not look. The first check of a site takes nothing and says
// nothing of it; the second takes every text and the pages that read
// no more than their own item, and says so after its counts. The
// warnings are the same.
func TestACheckSaysWhatItTookAsTheLastOneLeftIt(t *testing.T) {
	dir := outdatedSite(t, 2)
	env := []string{"TRACT_CACHE_DIR=" + t.TempDir()}
	first := tract(t, dir, env, "check", "--no-pdf")
	second := tract(t, dir, env, "check", "--no-pdf")
	if first.code != 0 || second.code != 0 {
		t.Fatalf("exit %d and %d:\n%s%s%s%s", first.code, second.code, first.stdout, first.stderr, second.stdout, second.stderr)
	}
	// The last line, and what comes before it.
	summary := func(out string) string {
		_, last, _ := cutLast(out)
		return last
	}
	before := func(out string) string {
		rest, _, _ := cutLast(out)
		return rest
	}
	if s := summary(first.stdout); s != "tract check: 0 errors, 3 warnings" {
		t.Errorf("first check: %q", s)
	}
	const want = "tract check: 0 errors, 3 warnings (6 texts not parsed again, "
	if s := summary(second.stdout); !strings.HasPrefix(s, want) || !strings.Contains(s, " pages not rendered again: unchanged since the last build or check") {
		t.Errorf("second check: %q, want it to start %q and name the pages", s, want)
	}
	if before(first.stdout) != before(second.stdout) {
		t.Errorf("the warnings differ:\n%s\n%s", first.stdout, second.stdout)
	}
}

// cutLast cuts out, as a command prints it, before its last line.
func cutLast(out string) (before, last string, found bool) {
	out = strings.TrimSuffix(out, "\n")
	i := strings.LastIndexByte(out, '\n')
	return out[:i+1], out[i+1:], i >= 0
}
