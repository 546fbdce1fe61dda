package locale

import (
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/language"

	tract "github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/diag"
)

func defaults(t *testing.T) *Catalog {
	t.Helper()
	var diags diag.List
	c := Load(tract.Defaults, nil, []string{"en", "fr", "es"}, "en", &diags)
	if c == nil || diags.HasErrors() {
		t.Fatalf("default locales do not load: %v", diags.Sorted())
	}
	return c
}

func TestPluralFormsInEveryLanguage(t *testing.T) {
	c := defaults(t)
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 signatory"}, {"en", 22, "22 signatories"}, {"en", 0, "0 signatories"},
		{"fr", 1, "1 signataire"}, {"fr", 0, "0 signataire"}, {"fr", 22, "22 signataires"},
		{"fr", 1000000, "1000000 de signataires"},
		{"es", 1, "1 firmante"}, {"es", 22, "22 firmantes"}, {"es", 0, "0 firmantes"},
	}
	for _, tt := range tests {
		got, err := c.Localizer(tt.lang).T("Signatories", tt.n)
		if err != nil || got != tt.want {
			t.Errorf("%s %d: %q, %v; want %q", tt.lang, tt.n, got, err, tt.want)
		}
	}
	articles := map[string][2]string{
		"en": {"In this issue: 1 article", "In this issue: 5 articles"},
		"fr": {"Dans ce numéro\u00a0: 1 article", "Dans ce numéro\u00a0: 5 articles"},
		"es": {"En este número: 1 artículo", "En este número: 5 artículos"},
	}
	for lang, want := range articles {
		for i, n := range []int{1, 5} {
			if got, _ := c.Localizer(lang).T("InThisIssue", n); got != want[i] {
				t.Errorf("%s %d articles: %q, want %q", lang, n, got, want[i])
			}
		}
	}
}

func TestDatesAndTimesFollowTheLanguage(t *testing.T) {
	c := defaults(t)
	d := time.Date(2023, 2, 24, 0, 0, 0, 0, time.UTC)
	first := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	at := time.Date(2024, 10, 19, 14, 30, 0, 0, time.FixedZone("", 3600))
	onHour := time.Date(2024, 10, 19, 10, 0, 0, 0, time.UTC)
	nb := "\u00a0"
	tests := []struct{ lang, got, want string }{
		{"en", c.Localizer("en").Date(d), "24" + nb + "February 2023"},
		{"fr", c.Localizer("fr").Date(d), "24" + nb + "février 2023"},
		{"es", c.Localizer("es").Date(d), "24" + nb + "de febrero de 2023"},
		{"fr", c.Localizer("fr").Date(first), "1er" + nb + "mars 2024"},
		{"en", c.Localizer("en").LongDate(at), "Saturday 19" + nb + "October 2024"},
		{"fr", c.Localizer("fr").LongDate(at), "samedi 19" + nb + "octobre 2024"},
		{"es", c.Localizer("es").LongDate(at), "sábado, 19" + nb + "de octubre de 2024"},
		{"en", c.Localizer("en").Time(at), "2:30" + nb + "pm"},
		{"fr", c.Localizer("fr").Time(at), "14" + nb + "h" + nb + "30"},
		{"fr", c.Localizer("fr").Time(onHour), "10" + nb + "h"},
		{"es", c.Localizer("es").Time(at), "14:30"},
	}
	// Spanish says "a la 1:30" but "a las 14:30" and "a las 10:00".
	es := c.Localizer("es")
	for _, w := range []struct {
		at   time.Time
		want string
	}{
		{at, "a las 14:30"},
		{onHour, "a las 10:00"},
		{time.Date(2024, 10, 19, 1, 30, 0, 0, time.UTC), "a la 1:30"},
		{time.Date(2024, 10, 19, 11, 0, 0, 0, time.UTC), "a las 11:00"},
	} {
		got, _ := es.T("DateTime", "Date", "x", "Time", es.Time(w.at))
		tests = append(tests, struct{ lang, got, want string }{"es", got, "x, " + w.want})
		got, _ = es.T("EventFrom", "Date", "x", "Start", es.Time(w.at))
		tests = append(tests, struct{ lang, got, want string }{"es", got, "x, " + w.want})
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.lang, tt.got, tt.want)
		}
	}
}

// A line that starts with a word running text writes small (a
// weekday, in French and Spanish) starts with a capital.
func TestCapitalizeStartsALineWithACapital(t *testing.T) {
	c := defaults(t)
	for _, tt := range []struct{ lang, in, want string }{
		{"fr", "samedi 12 décembre 2026, de 19 h à 23 h 30", "Samedi 12 décembre 2026, de 19 h à 23 h 30"},
		{"es", "sábado, 12 de diciembre", "Sábado, 12 de diciembre"},
		{"es", "«¡sábado!»", "«¡Sábado!»"},
		{"en", "Saturday 12 December", "Saturday 12 December"},
		{"fr", "12 décembre", "12 décembre"},
		{"fr", "", ""},
		{"tr", "istanbul", "İstanbul"},
	} {
		l := c.Localizer(tt.lang)
		if tt.lang == "tr" { // no messages needed: the language's casing
			l = &Localizer{Lang: "tr", Tag: language.Turkish}
		}
		if got := l.Capitalize(tt.in); got != tt.want {
			t.Errorf("%s: Capitalize(%q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestMatchAcceptLanguage(t *testing.T) {
	c := defaults(t)
	tests := map[string]string{
		"fr-CA,fr;q=0.9,en;q=0.8": "fr",
		"es-MX":                   "es",
		"pt-BR,pt;q=0.9":          "en",
		"de,es;q=0.5":             "es",
		"":                        "en",
		"garbage;;;":              "en",
	}
	for accept, want := range tests {
		if got := c.Match(accept); got != want {
			t.Errorf("Match(%q) = %s, want %s", accept, got, want)
		}
	}
}

func TestLanguageNames(t *testing.T) {
	c := defaults(t)
	if got := c.Localizer("fr").LanguageName("en"); got != "anglais" {
		t.Errorf("English in French: %q", got)
	}
	if got := c.Localizer("es").LanguageName("fr"); got != "francés" {
		t.Errorf("French in Spanish: %q", got)
	}
	for code, want := range map[string]string{"fr": "Français", "es": "Español", "en": "English"} {
		if got := SelfName(code); got != want {
			t.Errorf("SelfName(%s) = %q, want %q", code, got, want)
		}
	}
}

func TestMissingMessagesNameTheFileAndID(t *testing.T) {
	en, _ := tract.Defaults.ReadFile("locales/en.toml")
	fsys := fstest.MapFS{
		"locales/en.toml": {Data: en},
		"locales/fr.toml": {Data: []byte("SkipToContent = \"Aller au contenu\"\n[Signatories]\none = \"{{.Count}} signataire\"\nother = \"{{.Count}} signataires\"\n")},
	}
	var diags diag.List
	c := Load(fsys, nil, []string{"en", "fr"}, "en", &diags)
	if c == nil {
		t.Fatalf("load: %v", diags.Sorted())
	}
	c.Require([]string{"SkipToContent", "Signatories", "Latest"}, &diags)
	var got []string
	for _, d := range diags.Sorted() {
		got = append(got, d.Error())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		`locales/fr.toml: message "Latest" is missing`,
		`locales/fr.toml: message "Month1" is missing`,
		`locales/fr.toml: message "Signatories"`, // lacks the "many" form French needs
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
	if strings.Contains(all, "locales/en.toml: ") {
		t.Errorf("en.toml has every message, yet:\n%s", all)
	}
}

func TestUnknownLanguageNeedsItsLocaleFile(t *testing.T) {
	var diags diag.List
	if c := Load(tract.Defaults, nil, []string{"en", "de"}, "en", &diags); c != nil {
		t.Fatal("loaded without locales/de.toml")
	}
	if err := diags.Err(); err == nil || !strings.Contains(err.Error(), "locales/de.toml: not found") {
		t.Errorf("error: %v", err)
	}
}

func TestBrokenLocaleFileReportsItsLine(t *testing.T) {
	fsys := fstest.MapFS{"locales/en.toml": {Data: []byte("A = \"x\"\nB = \"unclosed\n")}}
	var diags diag.List
	Load(fsys, nil, []string{"en"}, "en", &diags)
	ds := diags.Sorted()
	if len(ds) != 1 || ds[0].Path != "locales/en.toml" || ds[0].Line != 2 {
		t.Errorf("got %v", ds)
	}
}

// A message rendered with arguments is remembered: asked again, with
// arguments that look alike once run together, it must give what go-i18n
// renders for those arguments.
func TestRememberedMessagesAreTheRenderedOnes(t *testing.T) {
	c := defaults(t)
	l := c.Localizer("en")
	calls := []struct {
		id   string
		args []any
	}{
		{"PageOf", []any{"Page", 1, "Pages", 23}},
		{"PageOf", []any{"Page", 12, "Pages", 3}},
		{"PageOf", []any{"Pages", 3, "Page", 12}},
		{"PageOf", []any{"Page", "1", "Pages", 23}},
		{"Signatories", []any{1}},
		{"Signatories", []any{int64(11)}},
		{"Signatories", []any{2}},
		{"FeedTitle", []any{"Site", "a=b\x00c"}},
		{"FeedTitle", []any{"Site", "a"}},
		{"FeedTitle", []any{"Site", 3.5}}, // not remembered: rendered every time
	}
	for round := range 3 {
		for _, call := range calls {
			got, err := l.T(call.id, call.args...)
			var count any
			args := call.args
			switch n := args[0].(type) {
			case int, int64:
				count, args = n, args[1:]
			}
			data := map[string]any{}
			if count != nil {
				data["Count"] = count
			}
			for i := 0; i < len(args); i += 2 {
				data[args[i].(string)] = args[i+1]
			}
			want, werr := l.render(call.id, count, data) // go-i18n, not the memo
			if got != want || (err == nil) != (werr == nil) {
				t.Errorf("round %d: T(%q, %v) = %q, %v; go-i18n renders %q, %v", round, call.id, call.args, got, err, want, werr)
			}
		}
	}
	if _, ok := memoKey("FeedTitle", nil, map[string]any{"Site": 3.5}); ok {
		t.Error("a float argument was given a memo key")
	}
}

// A site's locale file for a language tract has one adds to tract's and
// rewords its messages one by one: two messages of its own, and every
// other as tract words it. A message its own templates use, missing from
// a language's files, is named with where it goes.
func TestASitesLocaleFileRewordsTractsMessagesOneByOne(t *testing.T) {
	site := fstest.MapFS{
		"locales/fr.toml": {Data: []byte("PrintIt = \"Imprimez-le, distribuez-le\"\nSlogan = \"Ensemble\"\n")},
	}
	fsys := overlayFS{site, tract.Defaults}
	var diags diag.List
	c := Load(fsys, tract.Defaults, []string{"en", "fr"}, "en", &diags)
	if c == nil {
		t.Fatal(diags.Sorted())
	}
	c.Require([]string{"PrintIt", "Where", "Slogan"}, &diags)
	fr := c.Localizer("fr")
	for id, want := range map[string]string{"PrintIt": "Imprimez-le, distribuez-le", "Where": "Où", "Slogan": "Ensemble"} {
		if got, _ := fr.T(id); got != want {
			t.Errorf("fr %s = %q, want %q", id, got, want)
		}
	}
	got := diags.Sorted()
	if len(got) != 1 || got[0].Path != "locales/en.toml" || !strings.Contains(got[0].Message, `message "Slogan" is missing (the templates use it): add it to the site's locales/en.toml, which needs only the messages it adds`) {
		t.Errorf("diagnostics %v, want one: Slogan missing from en", got)
	}
}

// overlayFS reads a file from site, or else from defaults, as a build does.
type overlayFS struct{ site, defaults fs.FS }

func (o overlayFS) Open(name string) (fs.File, error) {
	if f, err := o.site.Open(name); err == nil {
		return f, nil
	}
	return o.defaults.Open(name)
}

// A value misspelt in a message ({{.Cont}} for {{.Count}}) would show
// "<no value>" on the page: it is an error at check time.
func TestAMisspeltValueInAMessageIsAnError(t *testing.T) {
	site := fstest.MapFS{"locales/fr.toml": {Data: []byte("[ItemCount]\none = \"{{.Cont}} publication\"\nmany = \"{{.Count}} de publications\"\nother = \"{{.Count}} publications\"\n")}}
	var diags diag.List
	c := Load(overlayFS{site, tract.Defaults}, tract.Defaults, []string{"en", "fr"}, "en", &diags)
	if c == nil {
		t.Fatal(diags.Sorted())
	}
	c.Require([]string{"ItemCount", "Latest"}, &diags)
	got := diags.Sorted()
	if len(got) != 1 || got[0].Path != "locales/fr.toml" || !strings.Contains(got[0].Message, `message "ItemCount" shows "<no value>"`) {
		t.Errorf("diagnostics %v, want one about ItemCount in fr", got)
	}
}

// PluralForms gives a message in every plural form of the language, by
// the CLDR names a browser's Intl.PluralRules gives: Arabic's six, not
// only one and other.
func TestPluralFormsAreEveryFormOfTheLanguage(t *testing.T) {
	fsys := fstest.MapFS{
		"locales/ar.toml": {Data: []byte("[SearchResults]\nzero = \"لا نتائج\"\none = \"نتيجة واحدة\"\ntwo = \"نتيجتان\"\nfew = \"{{.Count}} نتائج\"\nmany = \"{{.Count}} نتيجة\"\nother = \"{{.Count}} نتيجة.\"\n")},
	}
	var diags diag.List
	c := Load(fsys, nil, []string{"ar"}, "ar", &diags)
	if c == nil {
		t.Fatal(diags.Sorted())
	}
	got := c.Localizer("ar").PluralForms("SearchResults", "{n}")
	want := map[string]string{"zero": "لا نتائج", "one": "نتيجة واحدة", "two": "نتيجتان", "few": "{n} نتائج", "many": "{n} نتيجة", "other": "{n} نتيجة."}
	if !maps.Equal(got, want) {
		t.Errorf("ar forms %v, want %v", got, want)
	}
	fr := defaults(t).Localizer("fr").PluralForms("SearchResults", "{n}")
	if len(fr) != 3 || fr["one"] != "{n} résultat" || fr["other"] != "{n} résultats" || fr["many"] == "" {
		t.Errorf("fr forms %v", fr)
	}
}

// Languages written right to left are known by their script.
func TestDirectionOfALanguage(t *testing.T) {
	for lang, want := range map[string]string{"ar": "rtl", "he": "rtl", "fa": "rtl", "ur": "rtl", "ku-Arab": "rtl", "en": "", "fr": "", "ku": "", "tr": "", "x!": ""} {
		if got := Direction(lang); got != want {
			t.Errorf("Direction(%q) = %q, want %q", lang, got, want)
		}
	}
}

// A plural message lacking forms the language has is one error naming
// all of them, and the forms the language needs.
func TestAPluralMessageLackingFormsNamesThemAll(t *testing.T) {
	fsys := fstest.MapFS{"locales/ar.toml": {Data: []byte("[SearchResults]\none = \"نتيجة واحدة\"\nother = \"{{.Count}} نتيجة\"\n")}}
	var diags diag.List
	c := Load(fsys, nil, []string{"ar"}, "ar", &diags)
	if c == nil {
		t.Fatal(diags.Sorted())
	}
	c.Require([]string{"SearchResults"}, &diags) // Go's messages are missing too: not looked at here
	var about []string
	for _, d := range diags.Sorted() {
		if strings.Contains(d.Message, `"SearchResults"`) {
			about = append(about, d.Message)
		}
	}
	want := `message "SearchResults" lacks the plural forms zero, two, few and many: ar needs zero, one, two, few, many and other`
	if len(about) != 1 || !strings.HasPrefix(about[0], want) {
		t.Errorf("diagnostics about SearchResults %q, want one starting %q", about, want)
	}
}

// Sum changes with what the messages asked for say in the language, and
// with nothing else: not a comment, another message, or another
// language's words.
func TestSumFollowsOnlyTheMessagesItIsAskedFor(t *testing.T) {
	load := func(fr string) *Catalog {
		t.Helper()
		site := fstest.MapFS{}
		if fr != "" {
			site["locales/fr.toml"] = &fstest.MapFile{Data: []byte(fr)}
		}
		var diags diag.List
		c := Load(overlayFS{site, tract.Defaults}, tract.Defaults, []string{"en", "fr"}, "en", &diags)
		if c == nil {
			t.Fatal(diags.Sorted())
		}
		return c
	}
	ids := []string{"Contents", "Signatories", "DateFormat"}
	builtin := load("")
	base := builtin.Sum("fr", ids)
	if en := builtin.Sum("en", ids); string(en) == string(base) {
		t.Error("English and French have the same sum")
	}
	for _, tt := range []struct {
		what, file string
		same       bool
	}{
		{"a comment", "# ours\nContents = \"Sommaire\"\n", true},
		{"a message not asked for", "PrintIt = \"Imprimez-le\"\n", true},
		{"a message asked for", "Contents = \"Au sommaire\"\n", false},
		{"a plural form", "[Signatories]\none = \"{{.Count}} signataire\"\nmany = \"{{.Count}} de signataires\"\nother = \"{{.Count}} signataires !\"\n", false},
	} {
		c := load(tt.file)
		if same := string(c.Sum("fr", ids)) == string(base); same != tt.same {
			t.Errorf("%s: same sum %v, want %v", tt.what, same, tt.same)
		}
		if string(c.Sum("en", ids)) != string(builtin.Sum("en", ids)) {
			t.Errorf("%s in French changed the English sum", tt.what)
		}
	}
	if string(builtin.Sum("fr", []string{"Contents", "NoSuchMessage"})) == string(builtin.Sum("fr", []string{"Contents"})) {
		t.Error("a missing message leaves no trace in the sum")
	}
}

// A message added at the end of a locale file, below a plural message's
// [table], is read by TOML as part of it: the error says so, at its line.
func TestAMessageBelowAPluralOneIsToldWhereItBelongs(t *testing.T) {
	site := fstest.MapFS{"locales/en.toml": {Data: []byte("Hello = \"Hi\"\n\n[Signatories]\none = \"{{.Count}} signatory\"\nother = \"{{.Count}} signatories\"\nTags = \"Topics\"\n")}}
	var diags diag.List
	if c := Load(overlayFS{site, tract.Defaults}, tract.Defaults, []string{"en"}, "en", &diags); c != nil {
		t.Fatal("the file loaded")
	}
	got := diags.Sorted()
	if len(got) != 1 || got[0].Path != "locales/en.toml" || got[0].Line != 6 || !strings.Contains(got[0].Message, "Tags is read as part of the message [Signatories], since it comes after the [Signatories] line: move it above that line") {
		t.Errorf("diagnostics %v", got)
	}
}

// refused loads a site whose English locale file is file, which must be
// refused, and returns what it reports.
func refused(t *testing.T, file string) []string {
	t.Helper()
	site := fstest.MapFS{"locales/en.toml": {Data: []byte(file)}}
	var diags diag.List
	if c := Load(overlayFS{site, tract.Defaults}, tract.Defaults, []string{"en"}, "en", &diags); c != nil {
		t.Fatal("the file loaded")
	}
	var got []string
	for _, d := range diags.Sorted() {
		got = append(got, d.String())
	}
	return got
}

// A message that is not a string, or a plural form that is not, is an
// error at its line that says what to write: go-i18n's own said
// "unsupported file format int64", with no line.
func TestAMessageOfTheWrongTypeIsAnErrorAtItsLine(t *testing.T) {
	got := refused(t, "Hello = \"Hi\"\nSkipToContent = 5\nMenu = { other = [1] }\n\n[Signatories]\none = 1\nother = \"{{.Count}} signatories\"\n")
	want := []string{
		`locales/en.toml:2: error: SkipToContent must be a string, in quotes, such as SkipToContent = "…", or a table of plural forms, [SkipToContent] with one = "…" and other = "…"`,
		`locales/en.toml:3: error: other in [Menu] must be a string, in quotes, such as other = "…"`,
		`locales/en.toml:6: error: one in [Signatories] must be a string, in quotes, such as one = "…"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A message whose text go-i18n cannot run is an error at its line, when
// the file is read: it was reported, by tract check only, at the page
// template that asked for it.
func TestAMessageThatCannotRunIsAnErrorAtItsLine(t *testing.T) {
	got := refused(t, "Hello = \"Hi\"\nSkipToContent = \"Skip {{.To\"\n\n[Signatories]\none = \"{{.Count signatory\"\nother = \"{{.Count}} signatories\"\n")
	want := []string{
		`locales/en.toml:2: error: SkipToContent: unclosed action: write {{.Name}} for a value, with both braces`,
		`locales/en.toml:5: error: Signatories: function "signatory" not defined: write {{.Name}} for a value, with both braces`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Quotes follow the language's typographers, beyond French and Spanish.
func TestQuotesFollowTheLanguage(t *testing.T) {
	for lang, want := range map[string]string{"de": "„“", "pl": "„”", "uk": "«»", "it": "«»", "pt-BR": "“”", "tr": "“”", "de-AT": "„“",
		"de-CH": "«»", "de_li": "«»", "fa": "«»", "ar": "”“", "ru-CH": "«»"} {
		typo := TypographyFor(lang)
		if got := typo.DoubleOpen + typo.DoubleClose; got != want {
			t.Errorf("%s: quotes %s, want %s", lang, got, want)
		}
	}
}

// A site's own file for a language tract has none for, written against
// an older tract, lacks the messages a newer one added: the site keeps
// building, each such message in English until the file gives it, with
// a warning naming it; in every plural form the language has. A
// message tract does not have either is still an error.
func TestALanguageTractHasNoFileForFallsBackOnEnglishMessageByMessage(t *testing.T) {
	en, err := fs.ReadFile(tract.Defaults, "locales/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	old := strings.Replace(string(en), "PrintBothSides = \"print both sides\"\n", "", 1)
	i := strings.Index(old, "[PageCount]")
	j := strings.Index(old[i+1:], "\n[") + i + 1
	old = old[:i] + old[j+1:]
	site := fstest.MapFS{"locales/uk.toml": {Data: []byte(old)}}
	var diags diag.List
	c := Load(layeredFS{site, tract.Defaults}, tract.Defaults, []string{"en", "uk"}, "en", &diags)
	if c == nil {
		t.Fatal(diags.Sorted())
	}
	c.Require([]string{"Slogan", "PrintBothSides", "PageCount"}, &diags)
	uk := c.Localizer("uk")
	// One missing alone is named with its English.
	one := strings.Replace(string(en), "PrintBothSides = \"print both sides\"\n", "", 1)
	var oneDiags diag.List
	if c1 := Load(layeredFS{fstest.MapFS{"locales/uk.toml": {Data: []byte(one)}}, tract.Defaults}, tract.Defaults, []string{"en", "uk"}, "en", &oneDiags); c1 != nil {
		c1.Require([]string{"PrintBothSides"}, &oneDiags)
	}
	if got := oneDiags.Sorted(); len(got) != 1 || got[0].String() != `locales/uk.toml: warning: a message is missing, shown in English on uk pages until this file gives it: "PrintBothSides" ("print both sides", as tract's locales/en.toml has it, with what it is for)` {
		t.Errorf("one missing: %v", got)
	}
	if got, _ := uk.T("PrintBothSides"); got != "print both sides" {
		t.Errorf("uk PrintBothSides = %q", got)
	}
	for n, want := range map[int]string{1: "1 page", 3: "3 pages", 5: "5 pages"} {
		if got, _ := uk.T("PageCount", n); got != want {
			t.Errorf("uk PageCount %d = %q, want %q", n, got, want)
		}
	}
	var got []string
	for _, d := range diags.Sorted() {
		got = append(got, d.String())
	}
	want := []string{
		`locales/en.toml: error: message "Slogan" is missing (the templates use it): add it to the site's locales/en.toml, which needs only the messages it adds or words its own way`,
		`locales/uk.toml: error: message "Slogan" is missing (the templates use it): locales/uk.toml gives every message, as tract's locales/en.toml does`,
		`locales/uk.toml: warning: messages are missing, shown in English on uk pages until this file gives them: "PageCount" and "PrintBothSides" (tract's locales/en.toml has each, with what it is for)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// layeredFS reads from its first file system, then its second.
type layeredFS [2]fs.FS

func (l layeredFS) Open(name string) (fs.File, error) {
	if f, err := l[0].Open(name); err == nil {
		return f, nil
	}
	return l[1].Open(name)
}

// A plural form the language does not have is never shown, and said so:
// an English zero = "No results" stays unread (0 gets "0 results").
func TestAPluralFormTheLanguageLacksIsWarnedAbout(t *testing.T) {
	site := fstest.MapFS{"locales/en.toml": {Data: []byte("[ItemCount]\nzero = \"No publications\"\none = \"{{.Count}} publication\"\nother = \"{{.Count}} publications\"\n")}}
	var diags diag.List
	c := Load(layeredFS{site, tract.Defaults}, tract.Defaults, []string{"en"}, "en", &diags)
	if c == nil {
		t.Fatal(diags.Sorted())
	}
	c.Require([]string{"ItemCount"}, &diags)
	got := diags.Sorted()
	if want := `locales/en.toml: warning: message "ItemCount" gives the plural form zero, which en does not have: never shown (en has one and other, the plural forms of the Unicode CLDR)`; len(got) != 1 || got[0].String() != want {
		t.Errorf("diagnostics %v, want\n%s", got, want)
	}
}

// Czech's "many" is the form of numbers with decimals (1,5): a file that
// gives it, as translation tools write Czech, is right, and not warned
// about.
func TestAPluralFormOfDecimalsIsNotWarnedAbout(t *testing.T) {
	en, err := fs.ReadFile(tract.Defaults, "locales/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	cs := strings.Replace(string(en), "[ItemCount]\ndescription = \"Number of publications with a topic\"\none = \"{{.Count}} publication\"\nother = \"{{.Count}} publications\"", "[ItemCount]\none = \"{{.Count}} publikace\"\nfew = \"{{.Count}} publikace\"\nmany = \"{{.Count}} publikace\"\nother = \"{{.Count}} publikací\"", 1)
	if cs == string(en) {
		t.Fatal("the test's replacement found nothing to replace")
	}
	var diags diag.List
	c := Load(layeredFS{fstest.MapFS{"locales/cs.toml": {Data: []byte(cs)}}, tract.Defaults}, tract.Defaults, []string{"en", "cs"}, "en", &diags)
	if c == nil {
		t.Fatal(diags.Sorted())
	}
	c.Require([]string{"ItemCount"}, &diags)
	for _, d := range diags.Sorted() {
		if strings.Contains(d.Message, "ItemCount") {
			t.Errorf("%s", d)
		}
	}
}

// An event's dates in words, as its page, its card and its poster show
// them: one day or several, with times or all day, with an end or none.
func TestEventWhenSaysAnEventsDaysAndTimes(t *testing.T) {
	fr := defaults(t).Localizer("fr")
	message := func(id string, args ...any) string {
		out, err := fr.T(id, args...)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	zone := time.FixedZone("", 3600)
	day := func(d, h, m int) time.Time { return time.Date(2026, 12, d, h, m, 0, 0, zone) }
	nb := "\u00a0"
	for _, tt := range []struct {
		start, end time.Time
		allDay     bool
		want       string
	}{
		{time.Time{}, time.Time{}, false, ""},
		{day(12, 0, 0), time.Time{}, true, "samedi 12" + nb + "décembre 2026"},
		{day(12, 0, 0), day(12, 0, 0), true, "samedi 12" + nb + "décembre 2026"},
		{day(12, 0, 0), day(13, 0, 0), true, "du samedi 12" + nb + "décembre 2026 au dimanche 13" + nb + "décembre 2026"},
		{day(12, 19, 0), time.Time{}, false, "samedi 12" + nb + "décembre 2026 à 19" + nb + "h"},
		{day(12, 19, 0), day(12, 21, 30), false, "samedi 12" + nb + "décembre 2026, de 19" + nb + "h à 21" + nb + "h" + nb + "30"},
		{day(12, 19, 0), day(13, 2, 0), false, "du samedi 12" + nb + "décembre 2026 à 19" + nb + "h au dimanche 13" + nb + "décembre 2026 à 2" + nb + "h"},
	} {
		if got := fr.EventWhen(tt.start, tt.end, tt.allDay, "", message); got != tt.want {
			t.Errorf("EventWhen(%v, %v, all day %v) = %q, want %q", tt.start, tt.end, tt.allDay, got, tt.want)
		}
	}
	// Times of another zone than the site's say which.
	if got, want := fr.EventWhen(day(12, 19, 0), day(12, 21, 30), false, "UTC+9", message), "samedi 12"+nb+"décembre 2026, de 19"+nb+"h à 21"+nb+"h"+nb+"30 (UTC+9)"; got != want {
		t.Errorf("EventWhen in another zone = %q, want %q", got, want)
	}
}
