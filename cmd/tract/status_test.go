package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/status"
	"github.com/tractpub/tract/internal/testsite"
)

// gitEnv isolates git from the user's configuration.
var gitEnv = []string{
	"GIT_CONFIG_GLOBAL=" + os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
	"GIT_AUTHOR_NAME=Editor", "GIT_AUTHOR_EMAIL=editor@example.org",
	"GIT_COMMITTER_NAME=Editor", "GIT_COMMITTER_EMAIL=editor@example.org",
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), gitEnv...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// fundSite has a chain of translations: fr is the original, en is
// translated from fr, es from en; and a leaflet with fr and es missing.
func fundSite(t *testing.T) string {
	fr := "---\ntitle: Le fonds\n---\n\nUn an de solidarité.\n"
	en := "---\ntitle: The fund\ntranslated_from: fr@" + digestOf(t, fr) + "\n---\n\nA year of solidarity.\n"
	es := "---\ntitle: El fondo\ntranslated_from: en@" + digestOf(t, en) + "\n---\n\nUn año de solidaridad.\n"
	return testsite.Dir(t, "-- content/articles/fund/fr.md --\n"+fr+"-- content/articles/fund/en.md --\n"+en+"-- content/articles/fund/es.md --\n"+es+
		"-- content/leaflets/rent/en.md --\n"+rentEN)
}

func statusJSON(t *testing.T, dir string, args ...string) status.JSON {
	t.Helper()
	r := tract(t, dir, gitEnv, append([]string{"status", "--format", "json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("status: exit %d\n%s", r.code, r.stderr)
	}
	var out status.JSON
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	return out
}

func cells(j status.JSON) map[string]string {
	m := map[string]string{}
	for _, it := range j.Items {
		for l, s := range it.Status {
			m[it.Item+"/"+l] = s
		}
	}
	return m
}

func TestSourceEditOutdatesExactlyTheTranslationsMadeFromIt(t *testing.T) {
	dir := fundSite(t)
	if got := cells(statusJSON(t, dir)); got["articles/fund/en"] != "current" || got["articles/fund/es"] != "current" {
		t.Fatalf("before the edit: %v", got)
	}
	// Editing the original outdates en (made from fr), not es (made from en).
	p := filepath.Join(dir, "content/articles/fund/fr.md")
	writeFile(t, p, strings.Replace(readFile(t, p), "Un an", "Une année", 1))
	got := cells(statusJSON(t, dir))
	want := map[string]string{
		"articles/fund/fr": "original", "articles/fund/en": "outdated", "articles/fund/es": "current",
		"leaflets/rent/en": "original", "leaflets/rent/fr": "missing", "leaflets/rent/es": "missing",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s is %s, want %s", k, got[k], w)
		}
	}
	// Changing only the translated_from line of en.md outdates nothing;
	// editing its text outdates es.
	if r := tract(t, dir, nil, "translate", "articles/fund", "--done", "en"); r.code != 0 {
		t.Fatalf("--done: %s", r.stderr)
	}
	if got := cells(statusJSON(t, dir)); got["articles/fund/en"] != "current" || got["articles/fund/es"] != "current" {
		t.Errorf("after --done en: %v", got)
	}
	p = filepath.Join(dir, "content/articles/fund/en.md")
	writeFile(t, p, strings.Replace(readFile(t, p), "A year", "One year", 1))
	if got := cells(statusJSON(t, dir)); got["articles/fund/en"] != "current" || got["articles/fund/es"] != "outdated" {
		t.Errorf("after editing en: %v", got)
	}
}

func TestStatusTextNamesEachOutdatedFile(t *testing.T) {
	dir := fundSite(t)
	p := filepath.Join(dir, "content/articles/fund/fr.md")
	writeFile(t, p, strings.Replace(readFile(t, p), "Un an", "Une année", 1))
	r := tract(t, dir, nil, "status")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"leaflets/rent  original  missing   missing\n",
		"articles/fund  outdated  original  current\n",
		"  content/articles/fund/en.md  (from fr.md)\n",
		"translated     50%       50%       50%\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("colours when stdout is not a terminal")
	}
}

// A translation with paragraphs still its source's is current by its
// digest: --fail-on partly fails on it, for CI that runs tract status
// rather than tract check --strict, and --fail-on outdated does not.
func TestStatusFailsOnAPartlyTranslatedText(t *testing.T) {
	en := "---\ntitle: Rent\n---\nWe refuse the rent rise, every one of us.\n\nThe landlord wants fourteen per cent more from January.\n"
	fr := "---\ntitle: Loyer\ntranslated_from: en@" + digestOf(t, en) + "\n---\nNous refusons la hausse du loyer, tous ensemble.\n\nThe landlord wants fourteen per cent more from January.\n"
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+en+"-- content/leaflets/rent/fr.md --\n"+fr)
	if r := tract(t, dir, nil, "status", "--fail-on", "partly"); r.code != 1 || !strings.Contains(r.stderr, "tract status: 1 translation partly translated") {
		t.Errorf("--fail-on partly: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := tract(t, dir, nil, "status", "--fail-on", "outdated,untranslated"); r.code != 0 {
		t.Errorf("--fail-on outdated,untranslated: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestStatusFailOnGivesCIAnExitCode(t *testing.T) {
	dir := fundSite(t)
	for _, tc := range []struct {
		failOn string
		code   int
	}{
		{"", 0}, {"outdated", 0}, {"missing", 1}, {"missing,outdated", 1},
	} {
		if r := tract(t, dir, nil, "status", "--fail-on", tc.failOn); r.code != tc.code {
			t.Errorf("--fail-on %q: exit %d, want %d", tc.failOn, r.code, tc.code)
		}
	}
	p := filepath.Join(dir, "content/articles/fund/fr.md")
	writeFile(t, p, strings.Replace(readFile(t, p), "Un an", "Une année", 1))
	r := tract(t, dir, nil, "status", "--fail-on", "outdated")
	if r.code != 1 || !strings.Contains(r.stderr, "1 translation outdated") {
		t.Errorf("--fail-on outdated: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := tract(t, dir, nil, "status", "--fail-on", "stale"); r.code != 2 {
		t.Errorf("--fail-on stale: exit %d, want 2", r.code)
	}
	// A copy tract translate --to just wrote is left to do, not current.
	if r := tract(t, dir, nil, "translate", "leaflets/rent", "--to", "es"); r.code != 0 {
		t.Fatalf("translate --to es: exit %d\n%s", r.code, r.stderr)
	}
	r = tract(t, dir, nil, "status", "--fail-on", "untranslated")
	if r.code != 1 || !strings.Contains(r.stderr, "1 copy not translated yet") || !strings.Contains(r.stdout, "leaflets/rent  original      missing       untranslated") {
		t.Errorf("--fail-on untranslated: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestStatusDiffShowsTheSourceChangeAfterACommit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := fundSite(t)
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "the fund article in three languages")
	p := filepath.Join(dir, "content/articles/fund/fr.md")
	writeFile(t, p, strings.Replace(readFile(t, p), "Un an de solidarité.", "Un an de solidarité, et un piquet de grève.", 1))
	git(t, dir, "commit", "-q", "-am", "the fund feeds the picket line")

	for _, format := range []string{"text", "markdown"} {
		r := tract(t, dir, gitEnv, "status", "--diff", "--format", format)
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		for _, want := range []string{
			"--- content/articles/fund/fr.md (as translated, commit ",
			"+++ content/articles/fund/fr.md (now)\n",
			"-Un an de solidarité.\n",
			"+Un an de solidarité, et un piquet de grève.\n",
		} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%s: output lacks %q:\n%s", format, want, r.stdout)
			}
		}
	}
	j := statusJSON(t, dir, "--diff")
	if len(j.Outdated) != 1 || j.Outdated[0].Path != "content/articles/fund/en.md" || j.Outdated[0].Source != "content/articles/fund/fr.md" || j.Outdated[0].Revision == "" {
		t.Errorf("outdated = %+v", j.Outdated)
	}
}

func TestStatusDiffWithoutGitSaysSo(t *testing.T) {
	dir := fundSite(t)
	p := filepath.Join(dir, "content/articles/fund/fr.md")
	writeFile(t, p, strings.Replace(readFile(t, p), "Un an", "Une année", 1))
	r := tract(t, dir, []string{"GIT_CEILING_DIRECTORIES=" + filepath.Dir(dir)}, "status", "--diff")
	if r.code != 0 || !strings.Contains(r.stdout, "the site is not in a git repository") {
		t.Errorf("exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestStatusOfABrokenSiteFails(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN+"-- content/leaflets/rent/fr.md --\n---\ntitle: [\n---\n")
	r := tract(t, dir, nil, "status")
	if r.code != 1 || !strings.Contains(r.stderr, "content/leaflets/rent/fr.md:2: error:") || !strings.Contains(r.stdout, "leaflets/rent") {
		t.Errorf("exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// A translator asks for their language, a section, or what is left to do;
// --fail-on then counts only that, so CI can gate one language.
func TestStatusNarrowsToALanguageASectionOrWhatIsLeft(t *testing.T) {
	dir := fundSite(t) // leaflets/rent: en only; articles/fund: fr, en, es current
	j := statusJSON(t, dir, "--lang", "fr", "--todo")
	if len(j.Languages) != 1 || j.Languages[0] != "fr" || len(j.Items) != 1 || j.Items[0].Item != "leaflets/rent" {
		t.Errorf("--lang fr --todo: %+v", j)
	}
	// A boolean flag takes no value: what follows it is the next flag or an item.
	for _, args := range [][]string{{"--todo", "--lang", "fr"}, {"--todo", "leaflets", "--lang", "fr"}} {
		if j := statusJSON(t, dir, args...); len(j.Languages) != 1 || len(j.Items) != 1 || j.Items[0].Item != "leaflets/rent" {
			t.Errorf("%v: %+v", args, j)
		}
	}
	if j := statusJSON(t, dir, "articles"); len(j.Items) != 1 || j.Items[0].Item != "articles/fund" || len(j.Languages) != 3 {
		t.Errorf("articles: %+v", j)
	}
	if j := statusJSON(t, dir, "content/leaflets/rent/en.md", "--lang", "en,es"); len(j.Items) != 1 || j.Items[0].Item != "leaflets/rent" || len(j.Languages) != 2 {
		t.Errorf("a file's path: %+v", j)
	}
	// Items and sections as a shell completes them, or from elsewhere.
	for _, args := range [][]string{
		{"leaflets/rent/", "./content/articles/"},
		{filepath.Join(dir, "content/leaflets/rent"), filepath.Join(dir, "content/articles")},
	} {
		if j := statusJSON(t, dir, args...); len(j.Items) != 2 || j.Items[0].Item != "leaflets/rent" || j.Items[1].Item != "articles/fund" {
			t.Errorf("%v: %+v", args, j.Items)
		}
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"--fail-on", "missing", "articles"}, 0},
		{[]string{"--fail-on", "missing", "leaflets"}, 1},
		{[]string{"--fail-on", "missing", "--lang", "en"}, 0},
		{[]string{"--lang", "de"}, 2},
		{[]string{"leaflet"}, 2},
	} {
		if r := tract(t, dir, nil, append([]string{"status"}, tc.args...)...); r.code != tc.code {
			t.Errorf("status %v: exit %d, want %d\n%s", tc.args, r.code, tc.code, r.stderr)
		}
	}
}

// --lang takes a language in any case, as translate --to does.
func TestStatusLangTakesAnyCase(t *testing.T) {
	dir := fundSite(t)
	r := tract(t, dir, nil, "status", "--lang", "ES,Fr")
	if r.code != 0 || !strings.Contains(r.stdout, "item           fr        es\n") {
		t.Errorf("--lang ES,Fr: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// A source with changes not yet committed is named under the outdated
// translations it made, with the way back: a translator who typed into
// the original by mistake was led to mend the translations instead
// (editor review).
func TestStatusNamesAnOriginalWithChangesNotYetCommitted(t *testing.T) {
	dir := fundSite(t)
	git(t, dir, "init", "-q")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "first")
	const want = "content/articles/fund/fr.md has changes not yet committed, which outdate its translations: if you typed them there by mistake (meaning to edit a translation), git restore content/articles/fund/fr.md takes them back; if they are an editor's, leave them"
	if r := tract(t, dir, gitEnv, "status"); strings.Contains(r.stdout, "not yet committed") {
		t.Errorf("nothing changed, and:\n%s", r.stdout)
	}
	writeFile(t, filepath.Join(dir, "content/articles/fund/fr.md"), "---\ntitle: Le fonds\n---\n\nUn an de solidarité, tapé par erreur.\n")
	r := tract(t, dir, gitEnv, "status")
	if !strings.Contains(r.stdout, want) {
		t.Errorf("status lacks %q:\n%s", want, r.stdout)
	}
}

// Inside an item's folder, ".." is its section: tract status .. lists
// the section's items, as tract status leaflets does.
func TestStatusTakesASectionFromTheCurrentFolder(t *testing.T) {
	dir := fundSite(t)
	r := tract(t, filepath.Join(dir, "content/leaflets/rent"), gitEnv, "status", "..")
	if !strings.Contains(r.stdout, "leaflets/rent") || strings.Contains(r.stdout, "articles/fund") {
		t.Errorf("exit %d, want the leaflets only:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// A file in error that leaves its state unknown (a second original, an
// empty file, a translation whose original was deleted) is unreadable in
// the table, the totals and the JSON, as tract status's note says: it
// showed as "original" or "current", and French as 100% translated
// (a volunteer's review).
func TestStatusShowsAFileInErrorAsUnreadableAsItsNoteSays(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN+
		"-- content/leaflets/rent/fr.md --\n---\ntitle: Loyer\n---\n\nNous refusons la hausse.\n"+
		"-- content/leaflets/empty/en.md --\n"+rentEN+
		"-- content/leaflets/empty/fr.md --\n"+
		"-- content/leaflets/orphan/fr.md --\n---\ntitle: Orphelin\ntranslated_from: en@0123456789ab\n---\n\nSon original est supprimé.\n")
	r := tract(t, dir, nil, "status")
	if r.code != 1 || !strings.Contains(r.stderr, "shows as unreadable in the table and counts as not translated") {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"leaflets/empty   original      unreadable    missing\n",
		"leaflets/orphan  missing       unreadable    missing\n",
		"leaflets/rent    original      unreadable    missing\n",
		"\nunreadable       0             3             0\n",
		"\ntranslated       66%           0%            0%\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text lacks %q:\n%s", want, r.stdout)
		}
	}
	r = tract(t, dir, nil, "status", "--format", "json")
	var j status.JSON
	if err := json.Unmarshal([]byte(r.stdout), &j); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	c := cells(j)
	for _, k := range []string{"leaflets/rent/fr", "leaflets/empty/fr", "leaflets/orphan/fr"} {
		if c[k] != "unreadable" {
			t.Errorf("%s is %q in the JSON, want unreadable", k, c[k])
		}
	}
	if fr := j.Totals[1]; fr.Language != "fr" || fr.Unreadable != 3 || fr.Translated != 0 || fr.Percent != 0 {
		t.Errorf("fr totals in the JSON: %+v", fr)
	}
	// Why each is unreadable, in the JSON and in the Markdown, which a
	// pull request's comment shows without the errors on stderr.
	paths := map[string]bool{}
	for _, e := range j.Errors {
		paths[e.Path] = e.Message != ""
	}
	for _, p := range []string{"content/leaflets/rent/fr.md", "content/leaflets/empty/fr.md", "content/leaflets/orphan/fr.md"} {
		if !paths[p] {
			t.Errorf("no error at %s in the JSON: %+v", p, j.Errors)
		}
	}
	r = tract(t, dir, nil, "status", "--format", "markdown")
	if !strings.Contains(r.stdout, "**Errors**") || !strings.Contains(r.stdout, "- `content/leaflets/orphan/fr.md:") {
		t.Errorf("the Markdown does not say why:\n%s", r.stdout)
	}
}

// An error that leaves every state known is counted, and the note says
// it changes nothing in the table: the note about unreadable files,
// printed for any error, sent a volunteer looking for one.
func TestStatusSaysAnErrorThatChangesNoStateChangesNone(t *testing.T) {
	event := "---\ntitle: Meeting\nstarts: 2026-10-19T18:00:00+01:00\nends: 2026-10-19T16:00:00+01:00\n---\n\nCome.\n"
	for _, tc := range []struct {
		archive, want string
	}{
		{"-- content/events/meeting/en.md --\n" + event, "tract status: 1 error in the site (see tract check); it changes no state in the table\n"},
		{"-- content/events/meeting/en.md --\n" + event + "-- content/events/meeting/notes.xyz --\nnotes\n",
			"tract status: 2 errors in the site (see tract check); none of them changes a state in the table\n"},
	} {
		r := tract(t, testsite.Dir(t, tc.archive), nil, "status")
		if r.code != 1 || !strings.HasSuffix(r.stderr, tc.want) || strings.Contains(r.stderr, "unreadable") {
			t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and a last line %q", r.code, r.stderr, tc.want)
		}
		if !strings.Contains(r.stdout, "events/meeting  original  missing   missing\n") {
			t.Errorf("table:\n%s", r.stdout)
		}
	}
}

// A section named in the singular, or with a capital, is told the one
// meant, as tract check tells a folder so named.
func TestStatusSuggestsTheSectionMeant(t *testing.T) {
	dir := fundSite(t)
	for _, tc := range []struct{ arg, want string }{
		{"leaflet", `unknown section "leaflet" (sections are leaflets, articles, bulletins, pamphlets, events, pages): did you mean leaflets?`},
		{"article/fund", `unknown section "article"`},
		{"Articles", "did you mean articles? Section names are in small letters"},
	} {
		r := tract(t, dir, gitEnv, "status", tc.arg)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("status %s: exit %d, stderr %q; want 2, %q", tc.arg, r.code, r.stderr, tc.want)
		}
	}
	if r := tract(t, dir, gitEnv, "status", "leaflets"); r.code != 0 || !strings.Contains(r.stdout, "rent") {
		t.Errorf("status leaflets: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
