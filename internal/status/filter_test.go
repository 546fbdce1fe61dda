package status

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/testsite"
)

func itemsOf(m *Matrix) []string {
	var out []string
	for _, r := range m.Rows {
		out = append(out, r.Item)
	}
	return out
}

func TestSelectKeepsTheLanguagesAndItemsAsked(t *testing.T) {
	m := loadMatrix(t, matrixSite(t))
	for _, tc := range []struct {
		name   string
		f      Filter
		langs  []string
		items  []string
		count  int // Matrix.Items
		totals []Total
	}{
		{"every item", Filter{}, []string{"en", "fr", "es"}, []string{"leaflets/rent", "articles/fund", "articles/report", "pages/about"}, 4, m.Totals},
		{"one language", Filter{Languages: []string{"es"}}, []string{"es"}, []string{"leaflets/rent", "articles/fund", "articles/report", "pages/about"}, 4,
			[]Total{{Language: "es", Original: 1, Current: 1, Outdated: 1, Missing: 1}}},
		{"languages in the site's order", Filter{Languages: []string{"es", "en"}}, []string{"en", "es"}, []string{"leaflets/rent", "articles/fund", "articles/report", "pages/about"}, 4,
			[]Total{{Language: "en", Original: 2, Current: 1, Missing: 1}, {Language: "es", Original: 1, Current: 1, Outdated: 1, Missing: 1}}},
		{"a section", Filter{Items: []string{"articles"}}, []string{"en", "fr", "es"}, []string{"articles/fund", "articles/report"}, 2,
			[]Total{{Language: "en", Original: 1, Current: 1}, {Language: "fr", Original: 1, Missing: 1}, {Language: "es", Current: 1, Missing: 1}}},
		{"an item in one language", Filter{Items: []string{"leaflets/rent"}, Languages: []string{"fr"}}, []string{"fr"}, []string{"leaflets/rent"}, 1,
			[]Total{{Language: "fr", Current: 1}}},
		{"a section and an item", Filter{Items: []string{"pages", "leaflets/rent"}}, []string{"en", "fr", "es"}, []string{"leaflets/rent", "pages/about"}, 2,
			[]Total{{Language: "en", Original: 1, Missing: 1}, {Language: "fr", Current: 1, Missing: 1}, {Language: "es", Original: 1, Outdated: 1}}},
		{"only what needs work", Filter{Languages: []string{"es"}, Todo: true}, []string{"es"}, []string{"leaflets/rent", "articles/report"}, 4,
			[]Total{{Language: "es", Original: 1, Current: 1, Outdated: 1, Missing: 1}}},
		{"nothing needs work", Filter{Languages: []string{"fr"}, Items: []string{"leaflets"}, Todo: true}, []string{"fr"}, nil, 1,
			[]Total{{Language: "fr", Current: 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := m.Select(tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Languages, tc.langs) || !slices.Equal(itemsOf(got), tc.items) || got.Items != tc.count || !slices.Equal(got.Totals, tc.totals) {
				t.Errorf("languages %v, items %v (%d), totals %+v\nwant %v, %v (%d), %+v", got.Languages, itemsOf(got), got.Items, got.Totals, tc.langs, tc.items, tc.count, tc.totals)
			}
			for _, r := range got.Rows {
				if len(r.Cells) != len(got.Languages) {
					t.Errorf("%s has %d cells for %d languages", r.Item, len(r.Cells), len(got.Languages))
				}
			}
		})
	}
}

func TestSelectRefusesWhatMatchesNothing(t *testing.T) {
	m := loadMatrix(t, matrixSite(t))
	for _, f := range []Filter{{Languages: []string{"de"}}, {Items: []string{"leaflet"}}, {Items: []string{"leaflets/rents"}}} {
		if _, err := m.Select(f); err == nil {
			t.Errorf("%+v: no error", f)
		}
	}
}

// With --todo the table lists the items with work to do, and the totals
// count the whole selection; when nothing is left, it says so.
func TestATodoListKeepsTheTotalsOfEveryItem(t *testing.T) {
	m := loadMatrix(t, matrixSite(t))
	todo, err := m.Select(Filter{Languages: []string{"es"}, Todo: true})
	if err != nil {
		t.Fatal(err)
	}
	var text, md bytes.Buffer
	if err := todo.WriteText(&text, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := todo.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for line := range strings.Lines(text.String()) {
		lines = append(lines, strings.Join(strings.Fields(line), " "))
	}
	for _, want := range []string{"leaflets/rent outdated", "articles/report missing", "4 items es", "translated 50%"} {
		if !slices.Contains(lines, want) {
			t.Errorf("text lacks the line %q:\n%s", want, text.String())
		}
	}
	if strings.Contains(text.String(), "articles/fund") {
		t.Errorf("text lists an item with nothing to do:\n%s", text.String())
	}
	if !strings.Contains(md.String(), "**50%** (2/4)") || !strings.Contains(md.String(), "(2 of 4)") {
		t.Errorf("markdown:\n%s", md.String())
	}

	done, err := m.Select(Filter{Languages: []string{"fr"}, Items: []string{"leaflets"}, Todo: true})
	if err != nil {
		t.Fatal(err)
	}
	text.Reset()
	if err := done.WriteText(&text, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(text.String(), "nothing left to translate: no translation is missing, untranslated, unreadable, outdated or partly translated\n\n1 item") {
		t.Errorf("text:\n%s", text.String())
	}
}

// --diff looks in the history only for the outdated translations shown.
func TestFindChangesLooksOnlyAtWhatIsShown(t *testing.T) {
	site := testsite.Dir(t, matrixSite(t))
	s := loadDir(t, site)
	t.Setenv("PATH", t.TempDir()) // no git: each change found says so
	for _, tc := range []struct {
		langs []string
		want  int
	}{{nil, 1}, {[]string{"es"}, 1}, {[]string{"fr"}, 0}} {
		m, err := New(s).Select(Filter{Languages: tc.langs})
		if err != nil {
			t.Fatal(err)
		}
		m.FindChanges(context.Background(), site, s)
		if len(m.Changes) != tc.want {
			t.Errorf("languages %v: %d changes, want %d: %+v", tc.langs, len(m.Changes), tc.want, m.Changes)
		}
	}
}
