package content

import (
	"strings"
	"testing"
	"time"

	"github.com/tractpub/tract/internal/diag"
)

func TestSkeletonOfEverySectionIsValidFrontMatter(t *testing.T) {
	today := time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC)
	needs := map[string][]string{
		"events":    {"title", "date", "starts", "ends", "venue", "address"},
		"bulletins": {"title", "date", "number", "articles"},
		"leaflets":  {"title", "date", "summary"},
		"pages":     {"title", "summary"},
	}
	for _, section := range Sections {
		for _, lang := range []string{"en", "fr", "es", "pt"} {
			data, err := Skeleton(SkeletonOptions{Section: section, Lang: lang, Today: today, Number: 4})
			if err != nil {
				t.Fatal(err)
			}
			src, perr := split(data)
			if perr != nil {
				t.Fatalf("%s/%s: %s", section, lang, perr.msg)
			}
			fm, errs := parseFrontMatter(src)
			if len(errs) > 0 {
				t.Errorf("%s/%s: %v\n%s", section, lang, errs, data)
				continue
			}
			for _, k := range needs[section] {
				if !fm.Has(k) {
					t.Errorf("%s/%s lacks %s:\n%s", section, lang, k, data)
				}
			}
			if section != "pages" && !fm.Date.Equal(today) {
				t.Errorf("%s/%s: date %v, want %v", section, lang, fm.Date, today)
			}
			if section == "events" && (fm.Starts.Time.Before(today) || fm.Ends.Time.Before(fm.Starts.Time)) {
				t.Errorf("events: starts %v ends %v", fm.Starts, fm.Ends)
			}
			if section == "bulletins" && fm.Number != 4 {
				t.Errorf("bulletins: number %d, want 4", fm.Number)
			}
		}
	}
}

func TestSkeletonIsInTheVariantsLanguage(t *testing.T) {
	data, _ := Skeleton(SkeletonOptions{Section: "leaflets", Lang: "es", Today: time.Now()})
	fm, _ := parseFrontMatter(must(split(data)))
	if fm.Title != "Título (octavilla)" {
		t.Errorf("title %q", fm.Title)
	}
}

func must(s source, err *posError) source {
	if err != nil {
		panic(err.msg)
	}
	return s
}

func TestNewSlugRules(t *testing.T) {
	for _, tc := range []struct {
		slug string
		ok   bool
	}{
		{"no-to-the-rent-rise", true},
		{"issue-12", true},
		{"grève-générale", true},
		{"2024", true},
		{"Rent", false},
		{"rent rise", false},
		{"-rent", false},
		{"rent-", false},
		{"rent--rise", false},
		{"rent_rise", false},
		{"../etc", false},
		{"rent/rise", false},
		{"", false},
		{string(make([]byte, 81)), false},
	} {
		if err := CheckNewSlug(tc.slug); (err == nil) != tc.ok {
			t.Errorf("CheckNewSlug(%q) = %v, want ok=%v", tc.slug, err, tc.ok)
		}
	}
}

func TestSuggestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"No to the Rent Rise!": "no-to-the-rent-rise",
		"Grève générale":       "grève-générale",
		"  --  ":               "my-leaflet",
		"rent_rise":            "rent-rise",
	} {
		if got := SuggestSlug(in); got != want {
			t.Errorf("SuggestSlug(%q) = %q, want %q", in, got, want)
		}
		if got := SuggestSlug(in); CheckNewSlug(got) != nil {
			t.Errorf("suggestion %q is not a valid slug", got)
		}
	}
}

// A variant that still holds what tract new wrote, in any language tract
// ships, gets one warning naming what is left; once written, none.
func TestPlaceholdersLeftAreAWarning(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, lang := range []string{"en", "fr", "es"} {
		data, err := Skeleton(SkeletonOptions{Section: "events", Lang: lang, Today: day})
		if err != nil {
			t.Fatal(err)
		}
		_, ds := load(t, "-- content/events/meeting/"+lang+".md --\n"+string(data))
		if len(ds) != 1 || ds[0].Severity != diag.Warning || ds[0].Line != 3 ||
			!strings.Contains(ds[0].Message, "the title, summary, venue, address and text still hold the placeholder tract new wrote") {
			t.Errorf("%s: %v", lang, ds)
		}
	}
	written := "---\ntitle: Tenants' meeting\nstarts: 2026-03-08T18:00\nvenue: The Old Library\n---\nAll welcome.\n"
	if _, ds := load(t, "-- content/events/meeting/en.md --\n"+written); len(ds) != 0 {
		t.Errorf("a written event: %v", ds)
	}
	summaryLeft := "---\ntitle: Rent\nsummary: \"One or two sentences for lists, feeds and link previews.\"\ndate: 2024-02-24\n---\nNo to the rise.\n"
	if _, ds := load(t, "-- content/leaflets/rent/en.md --\n"+summaryLeft); len(ds) != 1 || !strings.Contains(ds[0].Message, "the summary still holds") || ds[0].Line != 3 {
		t.Errorf("a summary left: %v", ds)
	}
}
