package status

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Sources of the test site's translations.
const (
	enRent = "---\ntitle: Rent\nsummary: No to the rise.\n---\n\nWe refuse the rent rise.\n"
	frFund = "---\ntitle: Le fonds\n---\n\nUn an de solidarité.\n"
	enFund = "---\ntitle: The fund\ntranslated_from: fr@%s\n---\n\nA year of solidarity.\n"
)

func digest(t testing.TB, file string) string {
	t.Helper()
	d, err := content.DigestFile([]byte(file))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// matrixSite has originals in two languages, a chain of translations
// (fr → en → es), current, outdated and missing translations.
func matrixSite(t testing.TB) string {
	enFundFile := strings.Replace(enFund, "%s", digest(t, frFund), 1)
	return `
-- content/leaflets/rent/en.md --
` + enRent + `
-- content/leaflets/rent/fr.md --
---
title: Loyer
translated_from: en@` + digest(t, enRent) + `
---
Nous refusons la hausse.
-- content/leaflets/rent/es.md --
---
title: Alquiler
translated_from: en@0123456789ab
---
Rechazamos la subida.
-- content/articles/fund/fr.md --
` + frFund + `
-- content/articles/fund/en.md --
` + enFundFile + `
-- content/articles/fund/es.md --
---
title: El fondo
translated_from: en@` + digest(t, enFundFile) + `
---
Un año de solidaridad.
-- content/articles/report/en.md --
---
title: Report
---
What we said.
-- content/pages/about/es.md --
---
title: Quiénes somos
---
La red.
`
}

func loadMatrix(t *testing.T, archive string) *Matrix {
	t.Helper()
	var diags diag.List
	s := content.Load(testsite.FS(archive), &diags)
	if s == nil || diags.HasErrors() {
		t.Fatalf("loading the site: %v", diags.Err())
	}
	return New(s)
}

func TestMatrixCountsEachState(t *testing.T) {
	m := loadMatrix(t, matrixSite(t))
	want := []Total{
		{Language: "en", Original: 2, Current: 1, Outdated: 0, Missing: 1},
		{Language: "fr", Original: 1, Current: 1, Outdated: 0, Missing: 2},
		{Language: "es", Original: 1, Current: 1, Outdated: 1, Missing: 1},
	}
	for i, w := range want {
		if m.Totals[i] != w {
			t.Errorf("totals %s = %+v, want %+v", w.Language, m.Totals[i], w)
		}
	}
	if p := m.Totals[2].Percent(); p != 50 {
		t.Errorf("es is %d%% translated, want 50%%", p)
	}
	if n := m.Count(content.Outdated); n != 1 {
		t.Errorf("%d outdated, want 1", n)
	}
}

// The copy tract translate --to writes (the original's title, summary
// and text under the original's digest) is "untranslated", not current:
// it is left to do, counts as not translated, and the text table gives
// it a row of totals.
func TestACopyNotTranslatedYetIsUntranslated(t *testing.T) {
	copyOf := "---\ntitle: Rent\nsummary: No to the rise.\ntranslated_from: en@" + digest(t, enRent) + "\n---\n\nWe refuse the rent rise.\n"
	m := loadMatrix(t, "-- content/leaflets/rent/en.md --\n"+enRent+"-- content/leaflets/rent/fr.md --\n"+copyOf)
	if got := m.Rows[0].Cells[1].Status; got != content.Untranslated {
		t.Fatalf("fr is %s, want untranslated", got)
	}
	if w := (Total{Language: "fr", Untranslated: 1}); m.Totals[1] != w || m.Totals[1].Percent() != 0 {
		t.Errorf("fr totals %+v (%d%%), want %+v (0%%)", m.Totals[1], m.Totals[1].Percent(), w)
	}
	todo, err := m.Select(Filter{Todo: true})
	if err != nil || len(todo.Rows) != 1 {
		t.Errorf("--todo leaves out the item with an untranslated copy: %v, %v", todo, err)
	}
	var text, md bytes.Buffer
	if err := m.WriteText(&text, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := m.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"leaflets/rent  original      untranslated  missing", "\nuntranslated   0             1             0\n"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
	if !strings.Contains(md.String(), "| untranslated | 0 | 1 | 0 |") {
		t.Errorf("markdown lacks the untranslated totals:\n%s", md.String())
	}
}

// A translation with some paragraphs translated and others still the
// source's, word for word, is current by its digest: the reports list it
// apart, and --todo keeps it, so that a translator finds the work they
// left half done.
func TestAPartlyCopiedTranslationIsListedAndLeftToDo(t *testing.T) {
	en := "---\ntitle: Rent\n---\n\nWe refuse the rent rise, every one of us.\n\nThe landlord wants fourteen per cent more from January.\n\nCome to the meeting on Thursday at seven.\n"
	fr := "---\ntitle: Loyer\ntranslated_from: en@" + digest(t, en) + "\n---\n\nNous refusons la hausse du loyer, tous ensemble.\n\nThe landlord wants fourteen per cent more from January.\n\nCome to the meeting on Thursday at seven.\n"
	m := loadMatrix(t, "-- content/leaflets/rent/en.md --\n"+en+"-- content/leaflets/rent/fr.md --\n"+fr)
	c := m.Rows[0].Cells[1]
	if c.Status != content.Current || c.Copied != 2 || c.Of != 3 {
		t.Fatalf("fr is %s with %d of %d paragraphs copied, want current with 2 of 3", c.Status, c.Copied, c.Of)
	}
	todo, err := m.Select(Filter{Todo: true})
	if err != nil || len(todo.Rows) != 1 {
		t.Errorf("--todo leaves out the item partly translated: %v, %v", todo, err)
	}
	if w := (Total{Language: "fr", Partly: 1}); err == nil && todo.Totals[1] != w {
		t.Errorf("--todo's fr totals %+v, want %+v", todo.Totals[1], w)
	}
	if todo, _ := m.Select(Filter{Todo: true, Languages: []string{"en"}}); len(todo.Rows) != 0 {
		t.Errorf("--todo --lang en keeps the item for its French: %v", todo.Rows)
	}
	var text, md, js bytes.Buffer
	for _, err := range []error{m.WriteText(&text, TextOptions{}), m.WriteMarkdown(&md), m.WriteJSON(&js)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	// The totals count it apart, and not as translated: its readers
	// meet the source's words.
	if w := (Total{Language: "fr", Partly: 1}); m.Totals[1] != w || m.Totals[1].Percent() != 0 {
		t.Errorf("fr totals %+v (%d%%), want %+v (0%%)", m.Totals[1], m.Totals[1].Percent(), w)
	}
	for _, tt := range []struct{ format, got, want string }{
		{"text", text.String(), "\npartly translated (tract check gives the line of the first paragraph left as it was):\n  content/leaflets/rent/fr.md  (2 of its 3 paragraphs and list items of six words or more are still those of en.md, word for word)\n"},
		{"text", text.String(), "leaflets/rent  original  partly    missing\n"},
		{"text", text.String(), "\ncurrent        0         0         0\npartly         0         1         0\noutdated       0         0         0\n"},
		{"text", text.String(), "\ntranslated     100%      0%        0%\n"},
		{"markdown", md.String(), "| **translated** | **100%** (1/1) | **0%** (0/1) | **0%** (0/1) |\n| original | 1 | 0 | 0 |\n| current | 0 | 0 | 0 |\n| partly | 0 | 1 | 0 |\n"},
		{"markdown", md.String(), "| `leaflets/rent` | original | 🟡 partly | ❌ missing |\n"},
		{"json", js.String(), `"current": 0,
      "partly": 1,`},
		{"json", js.String(), `"fr": "partly"`},
		{"markdown", md.String(), "- `content/leaflets/rent/fr.md`: 2 of its 3 paragraphs and list items of six words or more are still those of en.md, word for word\n"},
		{"json", js.String(), `"copied": [
    {
      "path": "content/leaflets/rent/fr.md",
      "source": "content/leaflets/rent/en.md",
      "copied": 2,
      "of": 3
    }
  ]`},
	} {
		if !strings.Contains(tt.got, tt.want) {
			t.Errorf("%s lacks %q:\n%s", tt.format, tt.want, tt.got)
		}
	}
}

// A file that is there but cannot be read (a date typo) is "unreadable",
// not missing: it is left to do, and has its row of totals.
func TestAFileThatCannotBeReadIsUnreadable(t *testing.T) {
	var diags diag.List
	s := content.Load(testsite.FS("-- content/leaflets/rent/en.md --\n"+enRent+
		"-- content/leaflets/rent/fr.md --\n---\ntitle: Loyer\ndate: 2024-02-30\n---\nNon.\n"), &diags)
	if !diags.HasErrors() {
		t.Fatal("the date typo is not an error")
	}
	m := New(s)
	if got := m.Rows[0].Cells[1].Status; got != content.Unreadable {
		t.Fatalf("fr is %s, want unreadable", got)
	}
	if w := (Total{Language: "fr", Unreadable: 1}); m.Totals[1] != w {
		t.Errorf("fr totals %+v, want %+v", m.Totals[1], w)
	}
	if todo, err := m.Select(Filter{Todo: true}); err != nil || len(todo.Rows) != 1 {
		t.Errorf("--todo leaves out the item with an unreadable file: %v, %v", todo, err)
	}
	var text bytes.Buffer
	if err := m.WriteText(&text, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"leaflets/rent  original      unreadable    missing", "\nunreadable     0             1             0\n"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
	if strings.Contains(text.String(), "\nuntranslated") {
		t.Errorf("a row of untranslated zeros:\n%s", text.String())
	}
}

func TestOutdatedTranslationIsNamed(t *testing.T) {
	m := loadMatrix(t, matrixSite(t))
	out := m.Outdated()
	if len(out) != 1 || out[0].Path != "content/leaflets/rent/es.md" || out[0].Source != "en" {
		t.Errorf("outdated = %+v, want content/leaflets/rent/es.md from en", out)
	}
}

func TestPercentOfNoItemsIsComplete(t *testing.T) {
	if p := (Total{}).Percent(); p != 100 {
		t.Errorf("%d%%, want 100%%", p)
	}
}

func TestPercentRoundsDown(t *testing.T) {
	// 199 of 200 is not 100%.
	if p := (Total{Current: 199, Missing: 1}).Percent(); p != 99 {
		t.Errorf("%d%%, want 99%%", p)
	}
}

func TestStatusGoldenOutput(t *testing.T) {
	m := loadMatrix(t, matrixSite(t))
	m.Changes = []Change{
		{Path: "content/leaflets/rent/es.md", Source: "content/leaflets/rent/en.md", Revision: "0123456789abcdef0123456789abcdef01234567",
			Diff: "--- content/leaflets/rent/en.md@0123456789ab\n+++ content/leaflets/rent/en.md\n@@ -1,3 +1,3 @@\n title: Rent\n-We refuse the rise.\n+We refuse the rent rise.\n"},
	}
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"text", func(b *bytes.Buffer) error { return m.WriteText(b, TextOptions{}) }},
		{"text-color", func(b *bytes.Buffer) error { return m.WriteText(b, TextOptions{Color: true}) }},
		{"json", func(b *bytes.Buffer) error { return m.WriteJSON(b) }},
		{"markdown", func(b *bytes.Buffer) error { return m.WriteMarkdown(b) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", "status."+tc.name+".golden"), b.Bytes())
		})
	}
}

// golden compares got with the file, or rewrites the file with -update.
func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update if the change is right):\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

// An item none of whose texts can be read is in the matrix, unreadable,
// in its place and in the count: left out, it looked deleted, and tract
// status's own line said it "shows as unreadable below" (editor review).
func TestAnItemWithNoReadableTextIsAnUnreadableRow(t *testing.T) {
	var diags diag.List
	s := content.Load(testsite.FS("-- content/leaflets/rent/en.md --\n"+enRent+
		"-- content/events/ride/en.md --\n---\ntitle: Ride\nstarts: 12/12/2026 18:00\n---\nRide.\n"+
		"-- content/pages/about/en.md --\n---\ntitle: About\n---\nUs.\n"), &diags)
	if !diags.HasErrors() {
		t.Fatal("the date typo is not an error")
	}
	m := New(s)
	var keys []string
	for _, r := range m.Rows {
		keys = append(keys, r.Item)
	}
	if got := strings.Join(keys, " "); got != "leaflets/rent events/ride pages/about" || m.Items != 3 {
		t.Fatalf("rows %s (%d items), want leaflets/rent events/ride pages/about", got, m.Items)
	}
	if got := m.Rows[1].Cells[0].Status; got != content.Unreadable {
		t.Errorf("events/ride en is %s, want unreadable", got)
	}
	if todo, err := m.Select(Filter{Todo: true}); err != nil || len(todo.Rows) != 3 {
		t.Errorf("--todo: %v, %v", todo, err)
	}
}

// Translations made from one version of a source share its diff: it is
// shown once, under their names, and a translation made from another
// version has its own.
func TestADiffSharedByTranslationsIsShownOnce(t *testing.T) {
	m := loadMatrix(t, matrixSite(t))
	shared := "--- content/leaflets/rent/en.md@0123456789ab\n+++ content/leaflets/rent/en.md\n@@ -1 +1 @@\n-We refuse the rise.\n+We refuse the rent rise.\n"
	older := "--- content/leaflets/rent/en.md@fedcba987654\n+++ content/leaflets/rent/en.md\n@@ -1 +1 @@\n-No.\n+We refuse the rent rise.\n"
	m.Changes = []Change{
		{Path: "content/leaflets/rent/fr.md", Source: "content/leaflets/rent/en.md", Revision: "0123456789ab", Diff: shared},
		{Path: "content/leaflets/rent/de.md", Source: "content/leaflets/rent/en.md", Revision: "fedcba987654", Diff: older},
		{Path: "content/leaflets/rent/es.md", Source: "content/leaflets/rent/en.md", Revision: "0123456789ab", Diff: shared},
	}
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
		heads []string
	}{
		{"text", func(b *bytes.Buffer) error { return m.WriteText(b, TextOptions{}) }, []string{
			"content/leaflets/rent/fr.md and content/leaflets/rent/es.md: what changed in content/leaflets/rent/en.md since they were translated",
			"content/leaflets/rent/de.md: what changed in content/leaflets/rent/en.md since it was translated",
		}},
		{"markdown", func(b *bytes.Buffer) error { return m.WriteMarkdown(b) }, []string{
			"<summary><code>content/leaflets/rent/fr.md</code> and <code>content/leaflets/rent/es.md</code>: what changed in",
			"<summary><code>content/leaflets/rent/de.md</code>: what changed in",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, h := range tc.heads {
				if !strings.Contains(out, h) {
					t.Errorf("no %q in\n%s", h, out)
				}
			}
			if n := strings.Count(out, "-We refuse the rise."); n != 1 {
				t.Errorf("the shared diff is shown %d times, want once:\n%s", n, out)
			}
			if n := strings.Count(out, "-No."); n != 1 {
				t.Errorf("the other diff is shown %d times, want once:\n%s", n, out)
			}
		})
	}
}

// The Markdown report gives the site's errors as text, not as Markdown
// or HTML: "content/<section>/" is not a tag GitHub strips, a backtick
// opens no code.
func TestTheMarkdownReportGivesErrorsAsText(t *testing.T) {
	m := loadMatrix(t, matrixSite(t))
	m.Errors = []diag.Diagnostic{{Path: "content/leaflets/a/fr.md", Line: 3, Severity: diag.Error, Message: "a variant must be inside an item folder: content/<section>/<slug>/<lang>.md, not `x` & y"}}
	var b strings.Builder
	if err := m.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	if want := "- `content/leaflets/a/fr.md:3`: a variant must be inside an item folder: content/&lt;section&gt;/&lt;slug&gt;/&lt;lang&gt;.md, not \\`x\\` &amp; y\n"; !strings.Contains(b.String(), want) {
		t.Errorf("no %q in\n%s", want, b.String())
	}
}
