package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/testsite"
)

func TestNewCreatesAnItemThatPassesCheck(t *testing.T) {
	dir := testsite.Dir(t, "-- content/bulletins/issue-3/en.md --\n---\ntitle: Three\nnumber: 3\n---\n")
	for _, section := range content.Sections {
		r := tract(t, dir, nil, "new", section, "new-"+section)
		if r.code != 0 {
			t.Fatalf("new %s: exit %d: %s", section, r.code, r.stderr)
		}
		want := "wrote content/" + section + "/new-" + section + "/en.md"
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q: %s", want, r.stdout)
		}
	}
	// SOURCE_DATE_EPOCH is 2026-01-01 in these tests.
	if got := readFile(t, filepath.Join(dir, "content/leaflets/new-leaflets/en.md")); !strings.Contains(got, "\ndate: 2026-01-01\n") {
		t.Errorf("leaflet is not dated today:\n%s", got)
	}
	if got := readFile(t, filepath.Join(dir, "content/bulletins/new-bulletins/en.md")); !strings.Contains(got, "\nnumber: 4\n") {
		t.Errorf("the new bulletin is not number 4:\n%s", got)
	}
	// Valid as they stand, each with a warning that its placeholders are
	// still there: --strict, as CI runs it, keeps them from being published.
	r := tract(t, dir, nil, "check")
	if r.code != 0 {
		t.Errorf("check on new items: exit %d\n%s", r.code, r.stdout)
	}
	for _, section := range content.Sections {
		want := "content/" + section + "/new-" + section + "/en.md:3: warning: the title, summary"
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check does not say the placeholders of the new %s are left (%q):\n%s", section, want, r.stdout)
		}
	}
	if r := tract(t, dir, nil, "check", "--strict"); r.code != 1 {
		t.Errorf("check --strict passes with placeholders left: exit %d", r.code)
	}
}

func TestNewWritesTheLanguageAsked(t *testing.T) {
	dir := testsite.Dir(t, "")
	if r := tract(t, dir, nil, "new", "events", "assemblee", "--lang", "fr"); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got := readFile(t, filepath.Join(dir, "content/events/assemblee/fr.md"))
	for _, want := range []string{`title: "Titre (événement)"`, "starts: 2026-01-08T18:00", `venue: "Nom du lieu"`} {
		if !strings.Contains(got, want) {
			t.Errorf("fr.md lacks %q:\n%s", want, got)
		}
	}
	r := tract(t, dir, nil, "new", "events", "versammlung", "--lang", "de")
	if r.code != 2 || !strings.Contains(r.stderr, `"de" is not one of the site's languages`) {
		t.Errorf("--lang de: exit %d, %s", r.code, r.stderr)
	}
}

func TestNewRefusesToOverwrite(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
	for _, tc := range []struct{ args, want string }{
		{"new leaflets rent", "content/leaflets/rent already exists: nothing was written"},
		{"new leaflets rent --lang fr", "content/leaflets/rent already exists: nothing was written (to translate it: tract translate leaflets/rent --to LANG)"},
	} {
		r := tract(t, dir, nil, strings.Fields(tc.args)...)
		if r.code != 1 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr %q", tc.args, r.code, r.stderr)
		}
	}
	if got := readFile(t, filepath.Join(dir, "content/leaflets/rent/en.md")); got != rentEN {
		t.Errorf("en.md changed:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/leaflets/rent/fr.md")); err == nil {
		t.Error("fr.md was written")
	}
}

func TestNewRefusesABadSlugOrSection(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/Rent/en.md --\n"+rentEN)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"new", "leaflets", "No to the rise"}, 2, "such as no-to-the-rise"},
		{[]string{"new", "leaflets", "../../etc"}, 2, `slug "../../etc" is not usable`},
		{[]string{"new", "flyers", "rent"}, 2, `unknown section "flyers"`},
		{[]string{"new", "leaflet", "rent-strike"}, 2, `unknown section "leaflet" (sections are leaflets, articles, bulletins, pamphlets, events, pages): did you mean leaflets?`},
		{[]string{"new", "Events", "meeting"}, 2, `did you mean events? Section names are in small letters`},
		{[]string{"new", "leaflets", "rent"}, 1, "content/leaflets/Rent already exists, and content/leaflets/rent would differ from it only in case"},
		{[]string{"new", "leaflets"}, 2, "usage: tract new"},
	} {
		r := tract(t, dir, nil, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", tc.args, r.code, r.stderr, tc.code, tc.want)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "content"))
	if len(entries) != 1 {
		t.Errorf("content/ has %d entries, want only leaflets", len(entries))
	}
}
