package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/testsite"
)

const rentEN = `---
title: "Rent: \"no\" to the rise"
date: 2024-02-24
summary: Together we refuse it.
tags: [rent]
---

We refuse the rent rise.
`

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func digestOf(t *testing.T, file string) string {
	t.Helper()
	d, err := content.DigestFile([]byte(file))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestTranslateToStartsATranslationFromTheOriginal(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
	r := tract(t, dir, nil, "translate", "leaflets/rent", "--to", "fr")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if want := "wrote content/leaflets/rent/fr.md"; !strings.Contains(r.stdout, want) {
		t.Errorf("stdout lacks %q: %s", want, r.stdout)
	}
	fr := readFile(t, filepath.Join(dir, "content/leaflets/rent/fr.md"))
	for _, want := range []string{
		"title: \"Rent: \\\"no\\\" to the rise\"\n",
		"summary: \"Together we refuse it.\"\n",
		"translated_from: en@" + digestOf(t, rentEN) + "\n",
		"\nWe refuse the rent rise.\n",
	} {
		if !strings.Contains(fr, want) {
			t.Errorf("fr.md lacks %q:\n%s", want, fr)
		}
	}
	// Language-neutral fields stay in the original.
	for _, not := range []string{"date:", "tags:"} {
		if strings.Contains(fr, not) {
			t.Errorf("fr.md repeats %s:\n%s", not, fr)
		}
	}
	// The new file is valid, and tract check says it is not translated
	// yet: its digest alone would call it current. --done refuses it.
	r = tract(t, dir, nil, "check")
	if want := "content/leaflets/rent/fr.md:6: warning: not translated yet: its title, summary and text are those of en.md, word for word"; r.code != 0 || !strings.Contains(r.stdout, want) || strings.Count(r.stdout, "warning:") != 1 {
		t.Errorf("check after --to: exit %d, want 0 and only %q:\n%s", r.code, want, r.stdout)
	}
	if r := tract(t, dir, nil, "check", "--strict"); r.code != 1 {
		t.Errorf("check --strict after --to: exit %d, want 1", r.code)
	}
	if r := tract(t, dir, nil, "translate", "leaflets/rent", "--done", "fr"); r.code != 1 || !strings.Contains(r.stderr, "content/leaflets/rent/fr.md is not translated yet: its title, summary and text are those of en.md, word for word: translate them in fr.md, save it, then run tract translate leaflets/rent --done fr again") {
		t.Errorf("--done on the copy: exit %d, stderr %q", r.code, r.stderr)
	}
	// Its text translated, its title is still the original's: a warning.
	p := filepath.Join(dir, "content/leaflets/rent/fr.md")
	writeFile(t, p, strings.Replace(readFile(t, p), "We refuse the rent rise.", "Nous refusons la hausse.", 1))
	if r := tract(t, dir, nil, "check", "--strict"); r.code != 1 || !strings.Contains(r.stdout, "its title is that of en.md, word for word") {
		t.Errorf("check --strict with the title left: exit %d\n%s", r.code, r.stdout)
	}
	// Once translated, it passes.
	writeFile(t, p, strings.Replace(readFile(t, p), `title: "Rent: \"no\" to the rise"`, `title: "Loyers : « non » à la hausse"`, 1))
	if r := tract(t, dir, nil, "check", "--strict"); r.code != 0 {
		t.Errorf("check --strict once translated: exit %d\n%s", r.code, r.stdout)
	}
}

func TestTranslateToRefusesToOverwrite(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN+"-- content/leaflets/rent/fr.md --\n---\ntitle: Loyer\ntranslated_from: en@0123456789ab\n---\nMon texte.\n")
	before := readFile(t, filepath.Join(dir, "content/leaflets/rent/fr.md"))
	r := tract(t, dir, nil, "translate", "leaflets/rent", "--to", "fr")
	if r.code != 1 || !strings.Contains(r.stderr, "content/leaflets/rent/fr.md already exists") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if after := readFile(t, filepath.Join(dir, "content/leaflets/rent/fr.md")); after != before {
		t.Errorf("fr.md was changed:\n%s", after)
	}
}

// A translation that cannot be read (its title left empty) is not
// started again, and is told why: "fr.md already exists" alone, where
// tract status calls it unreadable, left the translator guessing.
func TestTranslateToOnAnUnreadableTranslationSaysWhy(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN+"-- content/leaflets/rent/fr.md --\n---\ntitle: \"\"\ntranslated_from: en@0123456789ab\n---\nMon texte.\n")
	r := tract(t, dir, nil, "translate", "leaflets/rent", "--to", "fr")
	if want := "content/leaflets/rent/fr.md already exists, but cannot be read (tract check says why)"; r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, stderr %q; want 1 and %q", r.code, r.stderr, want)
	}
}

// --to the original's own language is told the languages it can start,
// not --done, which the original is refused.
func TestTranslateToTheOriginalsLanguageSuggestsOneItLacks(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN+"-- content/leaflets/rent/fr.md --\n---\ntitle: Loyer\ntranslated_from: en@0123456789ab\n---\nMon texte.\n")
	r := tract(t, dir, nil, "translate", "leaflets/rent", "--to", "en")
	if r.code != 1 || !strings.Contains(r.stderr, "content/leaflets/rent/en.md is the original") || !strings.Contains(r.stderr, "tract translate leaflets/rent --to es") || strings.Contains(r.stderr, "--done") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestTranslateToRefusesAnUnlistedLanguage(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
	r := tract(t, dir, nil, "translate", "leaflets/rent", "--to", "de")
	if r.code != 1 || !strings.Contains(r.stderr, `"de" is not one of the site's languages`) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/leaflets/rent/de.md")); err == nil {
		t.Error("de.md was written")
	}
}

func TestTranslateAcceptsTheItemAsFolderOrSectionSlug(t *testing.T) {
	for _, item := range []string{"leaflets/rent", "content/leaflets/rent", "content/leaflets/rent/", "./content/leaflets/rent", "content/leaflets/rent/en.md"} {
		t.Run(strings.ReplaceAll(item, "/", "_"), func(t *testing.T) {
			dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
			if r := tract(t, dir, nil, "translate", item, "--to", "es"); r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, "content/leaflets/rent/es.md")); err != nil {
				t.Error(err)
			}
		})
	}
	t.Run("with --site and a path from elsewhere", func(t *testing.T) {
		dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
		r := tract(t, filepath.Dir(dir), nil, "translate", "--site", dir, filepath.Join(dir, "content/leaflets/rent"), "--to", "es")
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	})
	t.Run("unknown item", func(t *testing.T) {
		dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
		r := tract(t, dir, nil, "translate", "leaflets/rents", "--to", "es")
		if r.code != 1 || !strings.Contains(r.stderr, `no item "leaflets/rents"`) {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
}

// frOutdated is a CRLF translation with comments, a BOM and keys in an
// unusual order, translated from an older en.md: --done must change its
// translated_from value and nothing else.
const frOutdated = "\uFEFF---\r\n# Traduit par Ana\r\ntranslated_from: \"en@0123456789ab\" # ancienne version\r\ntitle: Loyer\r\n---\r\n\r\nNous refusons la hausse.\r\n"

func TestTranslateDoneTouchesOnlyTheTranslatedFromValue(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
	fr := filepath.Join(dir, "content/leaflets/rent/fr.md")
	writeFile(t, fr, frOutdated)
	if err := os.Chmod(fr, 0o600); err != nil {
		t.Fatal(err)
	}
	r := tract(t, dir, nil, "translate", "content/leaflets/rent", "--done", "fr")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	want := strings.Replace(frOutdated, "0123456789ab", digestOf(t, rentEN), 1)
	if got := readFile(t, fr); got != want {
		t.Errorf("fr.md is\n%q\nwant\n%q", got, want)
	}
	if st, err := os.Stat(fr); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, %v: want 0600 kept", st.Mode(), err)
	}
	// Done twice is harmless.
	r = tract(t, dir, nil, "translate", "content/leaflets/rent", "--done", "fr")
	if r.code != 0 || !strings.Contains(r.stdout, "as it was: en.md has not changed since this was started") {
		t.Errorf("second --done: exit %d, %s%s", r.code, r.stdout, r.stderr)
	}
	if r := tract(t, dir, nil, "status", "--fail-on", "outdated"); r.code != 0 {
		t.Errorf("status after --done: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestTranslateDoneRefusesTheOriginalAndMissingFiles(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
	r := tract(t, dir, nil, "translate", "leaflets/rent", "--done", "en")
	if r.code != 1 || !strings.Contains(r.stderr, "content/leaflets/rent/en.md is the original") {
		t.Errorf("--done en: exit %d, stderr %q", r.code, r.stderr)
	}
	r = tract(t, dir, nil, "translate", "leaflets/rent", "--done", "fr")
	if r.code != 1 || !strings.Contains(r.stderr, "content/leaflets/rent/fr.md does not exist") {
		t.Errorf("--done fr: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestTranslateAcceptMarksEveryTranslationCurrent(t *testing.T) {
	// fr is the original; en is translated from fr, es from en; de of
	// another item must not be touched.
	frFund := "---\ntitle: Le fonds\n---\nUn an.\n"
	enFund := "---\ntitle: The fund\ntranslated_from: fr@0123456789ab\n---\nA year.\n"
	esFund := "---\ntitle: El fondo\ntranslated_from: en@0123456789ab\n---\nUn año.\n"
	other := "---\ntitle: Otro\ntranslated_from: en@0123456789ab\n---\n"
	dir := testsite.Dir(t, "-- content/articles/fund/fr.md --\n"+frFund+"-- content/articles/fund/en.md --\n"+enFund+"-- content/articles/fund/es.md --\n"+esFund+
		"-- content/leaflets/rent/en.md --\n"+rentEN+"-- content/leaflets/rent/es.md --\n"+other)
	r := tract(t, dir, nil, "translate", "articles/fund", "--accept")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if got, want := readFile(t, filepath.Join(dir, "content/articles/fund/en.md")), strings.Replace(enFund, "0123456789ab", digestOf(t, frFund), 1); got != want {
		t.Errorf("en.md = %q, want %q", got, want)
	}
	if got, want := readFile(t, filepath.Join(dir, "content/articles/fund/es.md")), strings.Replace(esFund, "0123456789ab", digestOf(t, enFund), 1); got != want {
		t.Errorf("es.md = %q, want %q", got, want)
	}
	if got := readFile(t, filepath.Join(dir, "content/articles/fund/fr.md")); got != frFund {
		t.Errorf("the original was changed: %q", got)
	}
	if got := readFile(t, filepath.Join(dir, "content/leaflets/rent/es.md")); got != other {
		t.Errorf("another item was changed: %q", got)
	}
}

// --accept marks the translations of the item, and leaves alone one that
// is still a copy of its source: accepting it would call it translated.
func TestTranslateAcceptLeavesAnUntranslatedCopyAlone(t *testing.T) {
	fr := "---\ntitle: Loyer\ntranslated_from: en@0123456789ab\n---\nNous refusons.\n"
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN+"-- content/leaflets/rent/fr.md --\n"+fr)
	if r := tract(t, dir, nil, "translate", "leaflets/rent", "--to", "es"); r.code != 0 {
		t.Fatalf("--to es: exit %d: %s", r.code, r.stderr)
	}
	es := readFile(t, filepath.Join(dir, "content/leaflets/rent/es.md"))
	r := tract(t, dir, nil, "translate", "leaflets/rent", "--accept")
	if r.code != 0 || !strings.Contains(r.stdout, "content/leaflets/rent/es.md: not translated yet, left as it is") {
		t.Fatalf("--accept: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got, want := readFile(t, filepath.Join(dir, "content/leaflets/rent/fr.md")), strings.Replace(fr, "0123456789ab", digestOf(t, rentEN), 1); got != want {
		t.Errorf("fr.md = %q, want %q", got, want)
	}
	if got := readFile(t, filepath.Join(dir, "content/leaflets/rent/es.md")); got != es {
		t.Errorf("the copy was changed: %q", got)
	}
}

func TestTranslateNeedsExactlyOneMode(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
	for _, args := range [][]string{
		{"translate", "leaflets/rent"},
		{"translate", "leaflets/rent", "--to", "fr", "--accept"},
		{"translate", "--to", "fr"},
	} {
		if r := tract(t, dir, nil, args...); r.code != 2 || !strings.Contains(r.stderr, "usage: tract translate") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

func TestTranslateToQuotesAMultiLineTitle(t *testing.T) {
	en := "---\ntitle: |\n  Rent:\n  \"no\" \\ to the rise\u00a0!\ndate: 2024-02-24\n---\nText.\n"
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+en)
	if r := tract(t, dir, nil, "translate", "leaflets/rent", "--to", "fr"); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	fr := readFile(t, filepath.Join(dir, "content/leaflets/rent/fr.md"))
	if want := `title: "Rent:\n\"no\" \\ to the rise\u00a0!\n"`; !strings.Contains(fr, want) {
		t.Errorf("fr.md lacks %s:\n%s", want, fr)
	}
	// Valid: the only warning is that it is not translated yet.
	if r := tract(t, dir, nil, "check"); r.code != 0 || strings.Count(r.stdout, "warning:") != 1 {
		t.Errorf("check: exit %d\n%s", r.code, r.stdout)
	}
}

func TestTranslateDoneOnAnUnreadableFileSaysSo(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN+"-- content/leaflets/rent/fr.md --\n---\ntitle: [\n---\n")
	r := tract(t, dir, nil, "translate", "leaflets/rent", "--done", "fr")
	if r.code != 1 || !strings.Contains(r.stderr, "content/leaflets/rent/fr.md cannot be read (run tract check to see why)") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// A translation that cannot be read is not skipped in silence by
// --accept, nor does it keep the others from being marked; and an item
// whose original cannot be read says so, not that it has none.
func TestTranslateNamesTheFilesItCannotRead(t *testing.T) {
	broken := "---\ntitle: [\n---\n"
	es := "---\ntitle: Alquiler\ntranslated_from: en@0123456789ab\n---\nNo.\n"
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN+"-- content/leaflets/rent/fr.md --\n"+broken+"-- content/leaflets/rent/es.md --\n"+es)
	r := tract(t, dir, nil, "translate", "leaflets/rent", "--accept")
	if r.code != 1 || !strings.Contains(r.stderr, "content/leaflets/rent/fr.md cannot be read") {
		t.Errorf("--accept: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got, want := readFile(t, filepath.Join(dir, "content/leaflets/rent/es.md")), strings.Replace(es, "0123456789ab", digestOf(t, rentEN), 1); got != want {
		t.Errorf("es.md = %q, want %q", got, want)
	}
	dir = testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+broken+"-- content/leaflets/rent/es.md --\n"+es)
	r = tract(t, dir, nil, "translate", "leaflets/rent", "--to", "fr")
	if r.code != 1 || !strings.Contains(r.stderr, "content/leaflets/rent/en.md cannot be read (tract check says why): until it can, leaflets/rent has no original") {
		t.Errorf("--to fr: exit %d\n%s", r.code, r.stderr)
	}
}

// An item named by its slug alone, or mistyped, is named back as it
// should be written; a language may be given in any case.
func TestTranslateNamesTheItemMeant(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
	for _, tc := range []struct{ arg, want string }{
		{"rent", `no item "rent": write it section/slug, as leaflets/rent`},
		{"leaflet/rent", `no item "leaflet/rent": did you mean leaflets/rent?`},
		{"leaflets/rnet", `no item "leaflets/rnet": did you mean leaflets/rent?`},
	} {
		r := tract(t, dir, nil, "translate", tc.arg, "--to", "fr")
		if r.code != 1 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("translate %s: exit %d, %q, want %q", tc.arg, r.code, r.stderr, tc.want)
		}
	}
	if r := tract(t, dir, nil, "translate", "leaflets/rent", "--to", "de"); !strings.Contains(r.stderr, `"de" is not one of the site's languages (en, fr or es)`) {
		t.Errorf("--to de: %q", r.stderr)
	}
	if r := tract(t, dir, nil, "translate", "leaflets/rent", "--to", "FR"); r.code != 0 || !strings.Contains(r.stdout, "wrote content/leaflets/rent/fr.md") {
		t.Errorf("--to FR: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The copy speaks to the translator in the language they translate into.
	if got := readFile(t, filepath.Join(dir, "content/leaflets/rent/fr.md")); !strings.Contains(got, "# Traduisez le titre, le résumé et le texte de en.md, puis lancez\n# tract translate leaflets/rent --done fr\n") {
		t.Errorf("fr.md does not begin in French:\n%s", got)
	}
}

// A translation half done is told which paragraph is still the source's;
// one whose text is all the source's is not done, whatever its title.
func TestATranslationHalfDoneIsToldWhereToGoOn(t *testing.T) {
	en := "---\ntitle: Rent\ndate: 2024-01-01\n---\nWe refuse the rent rise, all of us, together with our neighbours.\n\nCome to the meeting on Thursday at the hall, bring a friend along.\n\nGreyhaven\n"
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+en)
	if r := tract(t, dir, nil, "translate", "leaflets/rent", "--to", "fr"); r.code != 0 {
		t.Fatalf("--to fr: %s", r.stderr)
	}
	fr := filepath.Join(dir, "content/leaflets/rent/fr.md")
	// The title translated, the text not: still a copy.
	writeFile(t, fr, strings.Replace(readFile(t, fr), `title: "Rent"`, `title: "Loyer"`, 1))
	r := tract(t, dir, nil, "translate", "leaflets/rent", "--done", "fr")
	if r.code != 1 || !strings.Contains(r.stderr, "is not translated yet: its text is that of en.md, word for word: translate it in fr.md, save it, then run tract translate leaflets/rent --done fr again") {
		t.Errorf("--done on a copy with its title translated: exit %d\n%s", r.code, r.stderr)
	}
	if r := tract(t, dir, nil, "status", "--fail-on", "untranslated"); r.code != 1 {
		t.Errorf("status: a copy with its title translated is not untranslated: exit %d\n%s", r.code, r.stdout)
	}
	// One paragraph of two translated; the name alone may stay as it is.
	writeFile(t, fr, strings.Replace(readFile(t, fr), "We refuse the rent rise, all of us, together with our neighbours.", "Nous refusons la hausse des loyers, tous ensemble, avec nos voisins.", 1))
	r = tract(t, dir, nil, "check", "--no-pdf")
	if !strings.Contains(r.stdout, "content/leaflets/rent/fr.md:9: warning: 1 of its 2 paragraphs and list items of six words or more is still that of en.md, word for word: this is the first") {
		t.Errorf("check on a translation half done:\n%s", r.stdout)
	}
	r = tract(t, dir, nil, "translate", "leaflets/rent", "--done", "fr")
	if r.code != 0 || !strings.Contains(r.stdout, "fr.md:9: 1 of its 2 paragraphs and list items of six words or more is still that of en.md, word for word: recorded as done all the same; while a third of them or more are, its page and its PDF tell readers that parts of it are not translated yet\n") {
		t.Errorf("--done on a translation half done: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// A translation with one paragraph of four still its source's (a
// quotation kept in its language, say) is recorded with a note, and its
// readers are told nothing.
func TestATranslationWithOneParagraphKeptIsDoneWithoutANoticeForReaders(t *testing.T) {
	en := "---\ntitle: Rent\ndate: 2024-01-01\n---\nWe refuse the rent rise, all of us, together with our neighbours.\n\n> Not one penny more for the landlords of this town.\n\nCome to the meeting on Thursday at the hall, bring a friend along.\n\nThe landlord wants fourteen per cent more from January.\n"
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+en)
	if r := tract(t, dir, nil, "translate", "leaflets/rent", "--to", "fr"); r.code != 0 {
		t.Fatalf("--to fr: %s", r.stderr)
	}
	fr := filepath.Join(dir, "content/leaflets/rent/fr.md")
	text := strings.NewReplacer(
		"We refuse the rent rise, all of us, together with our neighbours.", "Nous refusons la hausse des loyers, tous ensemble, avec nos voisins.",
		"Come to the meeting on Thursday at the hall, bring a friend along.", "Venez à la réunion jeudi à la salle, avec un ami ou une amie.",
		"The landlord wants fourteen per cent more from January.", "Le propriétaire veut quatorze pour cent de plus en janvier.",
	).Replace(readFile(t, fr))
	writeFile(t, fr, text)
	r := tract(t, dir, nil, "translate", "leaflets/rent", "--done", "fr")
	if r.code != 0 || !strings.Contains(r.stdout, "1 of its 4 paragraphs and list items of six words or more is still that of en.md, word for word: recorded as done all the same\n") {
		t.Errorf("--done with one paragraph kept: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := tract(t, dir, nil, "build", "--no-pdf"); r.code != 0 {
		t.Fatalf("build: %s", r.stderr)
	}
	if page := readFile(t, filepath.Join(dir, "dist/fr/leaflets/rent/index.html")); strings.Contains(page, `class="notice"`) {
		t.Errorf("the page of a translation with one paragraph of four kept has a notice:\n%s", page)
	}
}

// --done on a translation whose source names it back (a cycle) is
// refused with what to write instead, and the file is left alone; once
// it names the original, --done records that.
func TestDoneRefusesATranslationCycle(t *testing.T) {
	en := "---\ntitle: Rent\n---\n\nWe refuse the rise.\n"
	fr := "---\ntitle: Loyers\ntranslated_from: es@000000000000\n---\n\nNous refusons la hausse.\n"
	es := "---\ntitle: Alquileres\ntranslated_from: fr@000000000000\n---\n\nRechazamos la subida.\n"
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+en+"-- content/leaflets/rent/fr.md --\n"+fr+"-- content/leaflets/rent/es.md --\n"+es)
	r := tract(t, dir, nil, "translate", "leaflets/rent", "--done", "fr")
	if r.code != 1 || !strings.Contains(r.stderr, "translated_from forms a cycle (fr ← es ← fr): name the original in it, translated_from: en@000000000000") {
		t.Errorf("--done in a cycle: exit %d\n%s", r.code, r.stderr)
	}
	frPath := filepath.Join(dir, "content/leaflets/rent/fr.md")
	if got, _ := os.ReadFile(frPath); string(got) != fr {
		t.Errorf("fr.md changed:\n%s", got)
	}
	writeFile(t, frPath, strings.Replace(fr, "es@000000000000", "en@000000000000", 1))
	if r := tract(t, dir, nil, "translate", "leaflets/rent", "--done", "fr"); r.code != 0 {
		t.Errorf("--done once fr.md names the original: exit %d\n%s", r.code, r.stderr)
	}
}

// gitSite is a site in a new repository with its files committed.
func gitSite(t *testing.T, files string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := testsite.Dir(t, files)
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "the site")
	return dir
}

// A translator who updated es.md and typed --done fr is refused, told
// which language they likely meant, and fr.md stays outdated; a
// translation committed before --done is recorded.
func TestDoneRefusesATranslationUntouchedSinceItsSourceChanged(t *testing.T) {
	en := "---\ntitle: Rent\n---\n\nCome from 6 to 8 pm.\n"
	fr := "---\ntitle: Loyer\ntranslated_from: en@" + digestOf(t, en) + "\n---\n\nVenez de 18 h à 20 h.\n"
	es := "---\ntitle: Alquiler\ntranslated_from: en@" + digestOf(t, en) + "\n---\n\nVenid de 18 a 20 h.\n"
	dir := gitSite(t, "-- content/leaflets/rent/en.md --\n"+en+"-- content/leaflets/rent/fr.md --\n"+fr+"-- content/leaflets/rent/es.md --\n"+es)
	writeFile(t, filepath.Join(dir, "content/leaflets/rent/en.md"), strings.Replace(en, "8 pm", "8.30 pm", 1))
	git(t, dir, "commit", "-q", "-am", "half an hour more")
	esPath, frPath := filepath.Join(dir, "content/leaflets/rent/es.md"), filepath.Join(dir, "content/leaflets/rent/fr.md")
	writeFile(t, esPath, strings.Replace(es, "20 h", "20.30 h", 1))

	r := tract(t, dir, gitEnv, "translate", "leaflets/rent", "--done", "fr")
	for _, want := range []string{
		"content/leaflets/rent/fr.md has not changed since it was last recorded as translated, but en.md has changed since: nothing was recorded",
		"Did you mean --done es? (es.md has changes not yet committed)",
		"tract status --diff leaflets/rent shows it",
		"run tract translate leaflets/rent --accept",
	} {
		if r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Errorf("--done fr: exit %d, stderr lacks %q:\n%s", r.code, want, r.stderr)
		}
	}
	if got := readFile(t, frPath); got != fr {
		t.Errorf("fr.md changed:\n%s", got)
	}
	// The language meant is recorded, and told what it was recorded for.
	r = tract(t, dir, gitEnv, "translate", "leaflets/rent", "--done", "es")
	if r.code != 0 || !strings.Contains(r.stdout, "content/leaflets/rent/es.md: en.md changed since es.md was started or last recorded: make sure es.md has this change too") || !strings.Contains(r.stdout, "+Come from 6 to 8.30 pm.\n") {
		t.Errorf("--done es: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// A translation committed before --done has changed since it was
	// recorded: it is recorded.
	writeFile(t, frPath, strings.Replace(fr, "20 h", "20 h 30", 1))
	git(t, dir, "commit", "-q", "-am", "fr: half an hour more")
	if r := tract(t, dir, gitEnv, "translate", "leaflets/rent", "--done", "fr"); r.code != 0 || !strings.Contains(r.stdout, "fr.md: translated_from en@") {
		t.Errorf("--done fr once committed: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := tract(t, dir, gitEnv, "status", "--fail-on", "outdated"); r.code != 0 {
		t.Errorf("status: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// --accept is the way for a source change that needs nothing translated:
// it is not refused for the translations nobody touched.
func TestAcceptRecordsTranslationsUntouchedSinceTheSourceChanged(t *testing.T) {
	en := "---\ntitle: Rent\n---\n\nCome from 6 to 8 pm.\n"
	fr := "---\ntitle: Loyer\ntranslated_from: en@" + digestOf(t, en) + "\n---\n\nVenez de 18 h à 20 h.\n"
	dir := gitSite(t, "-- content/leaflets/rent/en.md --\n"+en+"-- content/leaflets/rent/fr.md --\n"+fr)
	writeFile(t, filepath.Join(dir, "content/leaflets/rent/en.md"), strings.Replace(en, "Come", "Come along", 1))
	r := tract(t, dir, gitEnv, "translate", "leaflets/rent", "--accept")
	if r.code != 0 || strings.Contains(r.stdout, "make sure") {
		t.Errorf("--accept: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// --accept does not mark current a translation that was already behind
// its source before the source's last change: it would hide the changes
// the translation lacks. The others are marked, and tract status still
// shows what the one refused lacks.
func TestAcceptRefusesATranslationAlreadyBehindBeforeTheLastChange(t *testing.T) {
	en := "---\ntitle: Rent\n---\n\nCome from 6 to 8 pm.\n"
	fr := "---\ntitle: Loyer\ntranslated_from: en@" + digestOf(t, en) + "\n---\n\nVenez de 18 h à 20 h.\n"
	dir := gitSite(t, "-- content/leaflets/rent/en.md --\n"+en+"-- content/leaflets/rent/fr.md --\n"+fr)
	enPath := filepath.Join(dir, "content/leaflets/rent/en.md")
	en2 := en + "\nBring your tenancy agreement.\n"
	writeFile(t, enPath, en2)
	git(t, dir, "commit", "-q", "-am", "a new paragraph")
	// es.md is translated from the new text; then a typo is mended.
	es := "---\ntitle: Alquiler\ntranslated_from: en@" + digestOf(t, en2) + "\n---\n\nVenid de 18 a 20 h.\n\nTraed el contrato.\n"
	writeFile(t, filepath.Join(dir, "content/leaflets/rent/es.md"), es)
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "es")
	writeFile(t, enPath, strings.Replace(en2, "Come from", "Come, from", 1))

	r := tract(t, dir, gitEnv, "translate", "leaflets/rent", "--accept")
	if r.code != 1 || !strings.Contains(r.stderr, "content/leaflets/rent/fr.md was already behind en.md before its last change, and --accept would mark it current with what it lacks: nothing was recorded for it. tract status --diff leaflets/rent shows all that changed since it was translated") {
		t.Errorf("--accept: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "content/leaflets/rent/es.md: translated_from en@") {
		t.Errorf("es.md was not marked:\n%s", r.stdout)
	}
	if got := readFile(t, filepath.Join(dir, "content/leaflets/rent/fr.md")); got != fr {
		t.Errorf("fr.md changed:\n%s", got)
	}
	if r := tract(t, dir, gitEnv, "status", "--diff", "leaflets/rent"); !strings.Contains(r.stdout, "+Bring your tenancy agreement.") {
		t.Errorf("status --diff no longer shows what fr.md lacks:\n%s%s", r.stdout, r.stderr)
	}
}

// A translation whose translated_from line was deleted, or written over
// with en@000000000000 (as the advice for a deleted line has it), is told
// to put back the version its last commit recorded: recorded as the
// source is now, it would be current with what it lacks.
func TestDoneGivesBackTheSourceATranslationLastRecorded(t *testing.T) {
	en := "---\ntitle: Rent\n---\n\nCome from 6 to 8 pm.\n"
	was := "en@" + digestOf(t, en)
	fr := "---\ntitle: Loyer\ntranslated_from: " + was + "\n---\n\nVenez de 18 h à 20 h.\n"
	dir := gitSite(t, "-- content/leaflets/rent/en.md --\n"+en+"-- content/leaflets/rent/fr.md --\n"+fr)
	writeFile(t, filepath.Join(dir, "content/leaflets/rent/en.md"), en+"\nBring your tenancy agreement.\n")
	git(t, dir, "commit", "-q", "-am", "a new paragraph")
	frPath := filepath.Join(dir, "content/leaflets/rent/fr.md")

	writeFile(t, frPath, strings.Replace(fr, "translated_from: "+was+"\n", "", 1))
	r := tract(t, dir, gitEnv, "translate", "leaflets/rent", "--done", "fr")
	if r.code != 1 || !strings.Contains(r.stderr, "recorded it as translated from "+was+": put the line translated_from: "+was+" back in its front matter") {
		t.Errorf("--done with the line deleted: exit %d\n%s", r.code, r.stderr)
	}
	placeholder := strings.Replace(fr, was, "en@000000000000", 1)
	writeFile(t, frPath, placeholder)
	r = tract(t, dir, gitEnv, "translate", "leaflets/rent", "--done", "fr")
	if r.code != 1 || !strings.Contains(r.stderr, "recorded it as translated from "+was+", and en.md has changed since: nothing was recorded. Write translated_from: "+was+" back") {
		t.Errorf("--done with a placeholder: exit %d\n%s", r.code, r.stderr)
	}
	if got := readFile(t, frPath); got != placeholder {
		t.Errorf("fr.md changed:\n%s", got)
	}
}

// The source changed while the translator worked from the copy --to
// wrote: --done records it and shows the change it may lack, or says it
// cannot show it.
func TestDoneShowsTheSourceChangeMadeSinceTheTranslationStarted(t *testing.T) {
	en := "---\ntitle: Rent\n---\n\nCome from 6 to 8 pm.\n\nBring a friend.\n"
	for _, inGit := range []bool{true, false} {
		var dir string
		if inGit {
			dir = gitSite(t, "-- content/leaflets/rent/en.md --\n"+en)
		} else {
			dir = testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+en)
		}
		env := append([]string{"GIT_CEILING_DIRECTORIES=" + filepath.Dir(dir)}, gitEnv...)
		if r := tract(t, dir, env, "translate", "leaflets/rent", "--to", "fr"); r.code != 0 {
			t.Fatalf("--to fr: %s", r.stderr)
		}
		frPath := filepath.Join(dir, "content/leaflets/rent/fr.md")
		fr := strings.Replace(readFile(t, frPath), "Come from 6 to 8 pm.", "Venez de 18 h à 20 h.", 1)
		writeFile(t, frPath, strings.Replace(fr, "Bring a friend.", "Amenez un ami.", 1))
		writeFile(t, filepath.Join(dir, "content/leaflets/rent/en.md"), strings.Replace(en, "8 pm", "8.30 pm", 1))
		r := tract(t, dir, env, "translate", "leaflets/rent", "--done", "fr")
		if r.code != 0 || !strings.Contains(r.stdout, "content/leaflets/rent/fr.md: en.md changed since fr.md was started or last recorded: make sure fr.md has") {
			t.Errorf("in git %v: exit %d\n%s%s", inGit, r.code, r.stdout, r.stderr)
		}
		want := "tract cannot show them: the site is not in a git repository"
		if inGit {
			want = "-Come from 6 to 8 pm.\n+Come from 6 to 8.30 pm.\n"
		}
		if !strings.Contains(r.stdout, want) {
			t.Errorf("in git %v: output lacks %q:\n%s", inGit, want, r.stdout)
		}
	}
}

// A translation without translated_from (deleted, or started as a copy
// of the original) is told the line to add, by tract check and --done;
// once added, by hand and even committed, --done records it.
func TestASecondOriginalIsToldTheLineToAdd(t *testing.T) {
	fr := "---\ntitle: Manteaux\n---\n\nDes manteaux pour l'hiver.\n"
	dir := gitSite(t, "-- content/leaflets/rent/en.md --\n"+rentEN+"-- content/leaflets/rent/fr.md --\n"+fr)
	fix := "if fr.md is a translation of en.md, add the line translated_from: en@000000000000 to its front matter"
	r := tract(t, dir, gitEnv, "check", "--no-pdf")
	if want := "content/leaflets/rent/fr.md:1: error: two originals in one item (en.md, fr.md): " + fix + ", then run tract translate leaflets/rent --done fr"; !strings.Contains(r.stdout, want) {
		t.Errorf("check lacks %q:\n%s", want, r.stdout)
	}
	r = tract(t, dir, gitEnv, "translate", "leaflets/rent", "--done", "fr")
	if want := "content/leaflets/rent/fr.md has no translated_from line, so it counts as an original, as en.md does: " + fix + " (between the --- lines), then run this again"; r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("--done fr: exit %d, stderr lacks %q:\n%s", r.code, want, r.stderr)
	}
	r = tract(t, dir, gitEnv, "translate", "leaflets/rent", "--done", "en")
	if want := "if en.md is a translation of fr.md, add the line translated_from: fr@000000000000"; r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("--done en: exit %d, stderr lacks %q:\n%s", r.code, want, r.stderr)
	}
	frPath := filepath.Join(dir, "content/leaflets/rent/fr.md")
	writeFile(t, frPath, strings.Replace(fr, "---\n\n", "translated_from: en@000000000000\n---\n\n", 1))
	git(t, dir, "commit", "-q", "-am", "fr.md is a translation")
	// The placeholder names no version of en.md: --done says so in a
	// line, not with a paragraph on the commits it cannot find (a
	// volunteer's review).
	r = tract(t, dir, gitEnv, "translate", "leaflets/rent", "--done", "fr")
	if r.code != 0 || !strings.Contains(r.stdout, "fr.md: translated_from en@"+digestOf(t, rentEN)) {
		t.Errorf("--done fr once the line is there: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if want := "content/leaflets/rent/fr.md: recorded as translated from en.md as it is now: make sure it says all that en.md says\n"; !strings.Contains(r.stdout, want) || strings.Contains(r.stdout, "cannot show") || strings.Count(r.stdout, "\n") != 2 {
		t.Errorf("--done fr from the placeholder: stdout is not %q:\n%s", want, r.stdout)
	}
	// The original alone is still the original.
	if r := tract(t, dir, gitEnv, "translate", "leaflets/rent", "--done", "en"); r.code != 1 || !strings.Contains(r.stderr, "content/leaflets/rent/en.md is the original: only translations record a source") {
		t.Errorf("--done en: exit %d\n%s", r.code, r.stderr)
	}
}

// A translator who went into an item's folder names it ".", and the one
// beside it "../slug"; an item given in the wrong section is named in
// the right one.
func TestAnItemIsNamedFromTheCurrentFolderOrInItsSection(t *testing.T) {
	other := "---\ntitle: Report\n---\n\nWhat we heard.\n"
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN+"-- content/articles/meeting-report/en.md --\n"+other)
	rent := filepath.Join(dir, "content/leaflets/rent")
	for _, tc := range []struct{ in, arg, lang, want string }{
		{rent, ".", "fr", "content/leaflets/rent/fr.md"},
		{rent, "en.md", "es", "content/leaflets/rent/es.md"},
		{rent, "../../articles/meeting-report", "fr", "content/articles/meeting-report/fr.md"},
		{filepath.Join(dir, "content/articles"), "meeting-report/", "es", "content/articles/meeting-report/es.md"},
	} {
		r := tract(t, tc.in, nil, "translate", tc.arg, "--to", tc.lang)
		if r.code != 0 || !strings.Contains(r.stdout, "wrote "+tc.want) {
			t.Errorf("translate %s in %s: exit %d\n%s%s", tc.arg, tc.in, r.code, r.stdout, r.stderr)
		}
	}
	if r := tract(t, rent, nil, "status", "."); r.code != 0 || !strings.Contains(r.stdout, "leaflets/rent  original") || strings.Contains(r.stdout, "articles/") {
		t.Errorf("status . in the item's folder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r := tract(t, dir, nil, "translate", "leaflets/meeting-report", "--to", "fr")
	if want := `no item "leaflets/meeting-report": did you mean articles/meeting-report?`; r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("wrong section: exit %d, stderr lacks %q: %s", r.code, want, r.stderr)
	}
}

// A command line that misses something says what, and an action with
// nothing to act on says so.
func TestTranslateSaysWhatIsMissing(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"leaflets/rent"}, 2, "tract translate: say what to do: give one of --to LANG, --done LANG or --accept\n"},
		{[]string{"leaflets/rent", "--to", "es", "--done", "es"}, 2, "tract translate: give only one of --to LANG, --done LANG or --accept\n"},
		{[]string{"--to", "es"}, 2, "tract translate: name the item, such as tract translate leaflets/rent --to fr\n"},
		{[]string{"leaflets/rent", "--accept"}, 1, "tract translate: leaflets/rent has no translation to accept, only en.md (to start one: tract translate leaflets/rent --to LANG)\n"},
		{[]string{"leaflets/rent", "--done", "es"}, 1, "content/leaflets/rent/es.md does not exist: start it with tract translate leaflets/rent --to es\n"},
		{[]string{"leaflets/rent", "--done", "de"}, 1, `tract translate: "de" is not one of the site's languages (en, fr or es)`},
	} {
		r := tract(t, dir, nil, append([]string{"translate"}, tc.args...)...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("translate %v: exit %d, stderr lacks %q:\n%s", tc.args, r.code, tc.want, r.stderr)
		}
	}
	// --accept on a translation already current says so, in its words.
	fr := "---\ntitle: Loyer\ntranslated_from: en@" + digestOf(t, rentEN) + "\n---\nNous refusons la hausse.\n"
	writeFile(t, filepath.Join(dir, "content/leaflets/rent/fr.md"), fr)
	if r := tract(t, dir, nil, "translate", "leaflets/rent", "--accept"); r.code != 0 || r.stdout != "content/leaflets/rent/fr.md: already current (translated_from en@"+digestOf(t, rentEN)+")\n" {
		t.Errorf("--accept on a current translation: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// An empty fr.md is told it is empty and how to start it, not that it is
// a second original to give a translated_from line (a volunteer's
// review); by check, --done and --to alike.
func TestAnEmptyTranslationIsToldToBeStartedAgain(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN+"-- content/leaflets/rent/fr.md --\n")
	r := tract(t, dir, nil, "check", "--no-pdf")
	if !strings.Contains(r.stdout, "content/leaflets/rent/fr.md:1: error: the file is empty") || strings.Contains(r.stdout, "two originals") {
		t.Errorf("check:\n%s", r.stdout)
	}
	r = tract(t, dir, nil, "translate", "leaflets/rent", "--done", "fr")
	if want := "content/leaflets/rent/fr.md is empty: remove it, then tract translate leaflets/rent --to fr writes it from en.md, ready to translate"; r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("--done fr: exit %d, stderr lacks %q:\n%s", r.code, want, r.stderr)
	}
	r = tract(t, dir, nil, "translate", "leaflets/rent", "--to", "fr")
	if want := "content/leaflets/rent/fr.md is there, but empty: remove it, then run this again"; r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("--to fr: exit %d, stderr lacks %q:\n%s", r.code, want, r.stderr)
	}
	writeFile(t, filepath.Join(dir, "content/leaflets/rent/fr.md"), "Nous refusons la hausse.\n")
	r = tract(t, dir, nil, "translate", "leaflets/rent", "--done", "fr")
	if want := "content/leaflets/rent/fr.md has no title, so tract cannot read it as a translation"; r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("--done fr on a text with no front matter: exit %d, stderr lacks %q:\n%s", r.code, want, r.stderr)
	}
}
