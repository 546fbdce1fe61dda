package content

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"

	"github.com/tractpub/tract/internal/diag"
)

// The mistakes an editor makes in tract.toml's syntax are told in their
// words, at their line, with the line as it should be: not go-toml's
// "unexpected character U+0065 'e' at start of value".
func TestConfigSyntaxMistakesAreExplained(t *testing.T) {
	const head = "base_url = \"https://x.org\"\n"
	const tail = "languages = [\"en\", \"fr\"]\n[title]\nen = \"T\"\nfr = \"T\"\n"
	for _, tt := range []struct {
		name, toml string
		line       int
		want       []string
	}{
		{"list without quotes", head + "languages = en, fr, es\n", 2,
			[]string{`needs straight quotes`, `languages = ["en", "fr", "es"]`}},
		{"list items without quotes", head + "languages = [en, fr]\n", 2,
			[]string{`straight quotes around each`, `languages = ["en", "fr"]`}},
		{"one item without quotes", head + "languages = [\"en\", fr]\n", 2,
			[]string{`languages = ["en", "fr"]`}},
		{"word without quotes", head + "fallback = original\n" + tail, 2,
			[]string{`the value of fallback needs straight quotes around it: fallback = "original"`}},
		{"words without quotes", head + "languages = [\"en\"]\n[title]\nen = Our Network\n", 4,
			[]string{`en = "Our Network"`}},
		{"curly quotes", head + "languages = [\"en\"]\n[title]\nen = “Our Network”\n", 4,
			[]string{`curly quotes (“ ”)`, `straight quotes, en = "Our Network"`, "smart quotes"}},
		{"curly closing quote", head + "languages = [\"en\"]\n[title]\nen = \"Our Network”\n", 4,
			[]string{`curly quotes`, `en = "Our Network"`}},
		{"curly quotes in a list", head + "languages = [“en”, “fr”]\n", 2,
			[]string{`curly quotes (“ ”)`, `languages = ["en", "fr"]`}},
		{"angle quotes", head + "languages = [\"fr\"]\n[title]\nfr = «Bulletin»\n", 4,
			[]string{`angle quotes (« »)`, `fr = "Bulletin"`}},
		{"angle quotes with spaces inside", head + "languages = [\"fr\"]\n[title]\nfr = «\u00a0Bulletin ouvrier\u202f»\n", 4,
			[]string{`angle quotes (« »)`, `fr = "Bulletin ouvrier"`}},
		{"angle quotes in a list", head + "languages = [« fr », « en »]\n", 2,
			[]string{`angle quotes (« »)`, `languages = ["fr", "en"]`}},
		{"curly quotes in a tag's names", head + "languages = [\"fr\"]\ntitle = \"T\"\n[tags]\nrent = { fr = “loyers”, es = “alquileres” }\n", 5,
			[]string{`curly quotes (“ ”)`, `write each between straight quotes, rent = { fr = "loyers", es = "alquileres" }`}},
		{"apostrophe in single quotes", head + "languages = [\"en\"]\n[title]\nen = 'Workers' Bulletin'\n", 4,
			[]string{`the apostrophe in 'Workers' Bulletin' ends the value`, `double quotes, en = "Workers' Bulletin"`}},
		{"double quotes in double quotes", head + "languages = [\"en\"]\n[title]\nen = \"The \"Red\" Bulletin\"\n", 4,
			[]string{`the double quote before Red ends the value`, `en = 'The "Red" Bulletin'`}},
		{"no closing quote", head + "languages = [\"en\"]\n[title]\nen = \"T\n", 4,
			[]string{`no closing quote`, `en = "T"`}},
		{"size with its unit", head + tail[:len(tail)-len("[title]\nen = \"T\"\nfr = \"T\"\n")] + "max_file_size_mb = 8 MB\n", 3,
			[]string{"max_file_size_mb must be a whole number of megabytes"}},
		{"languages in one string", head + "languages = [\"en, fr\"]\n[title]\nen = \"T\"\n", 2,
			[]string{`"en, fr" is one string`, `languages = ["en", "fr"]`}},
		{"front matter's colon", head + "languages = [\"en\"]\nfallback: hide\ntitle = \"T\"\n", 3,
			[]string{`a setting is written with =, not with : as in front matter: fallback = "hide"`}},
		{"a character named as itself", head + "languages = [\"en\"] …\n", 2,
			[]string{`U+2026 '…'`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var ds diag.List
			ParseConfig([]byte(tt.toml), &ds)
			for _, d := range ds.Sorted() {
				if d.Line != tt.line || d.Severity != diag.Error {
					continue
				}
				ok := true
				for _, w := range tt.want {
					ok = ok && strings.Contains(d.Message, w)
				}
				if ok {
					return
				}
			}
			t.Errorf("%s\nwant an error at line %d saying %q; got:\n%s", tt.toml, tt.line, tt.want, list(ds.Sorted()))
		})
	}
}

// An enumerated value is taken with spaces around it, and a value
// refused is quoted as the editor wrote it.
func TestConfigValuesAreTrimmedAndQuotedAsWritten(t *testing.T) {
	var ds diag.List
	c := ParseConfig([]byte("base_url = \"https://x.org\"\nlanguages = [\"en\", \" fr\"]\ndefault_language = \"fr \"\npaper = \"A4 \"\nfallback = \" hide\"\ntitle = \"T\"\n"), &ds)
	if ds.Len() > 0 || c.Paper != "a4" || c.Fallback != FallbackHide || c.DefaultLanguage != "fr" || strings.Join(c.Languages, ",") != "en,fr" {
		t.Errorf("paper %q, fallback %q, default %q, languages %q:\n%s", c.Paper, c.Fallback, c.DefaultLanguage, c.Languages, list(ds.Sorted()))
	}
	ds = diag.List{}
	ParseConfig([]byte("base_url = \"https://x.org\"\nlanguages = [\"en\"]\npaper = \"A3 \"\ntitle = \"T\"\n"), &ds)
	if got := ds.Sorted(); len(got) != 1 || got[0].Line != 3 || !strings.Contains(got[0].Message, `paper "A3 " is not one of a4, letter, a5`) {
		t.Errorf("got:\n%s", list(got))
	}
}

// A tract.toml saved in Windows-1252 or Latin-1 gets the advice a .md
// file gets: how to convert it.
func TestConfigNotInUTF8IsToldHowToConvert(t *testing.T) {
	_, ds := load(t, "-- tract.toml --\nbase_url = \"https://x.org\"\nlanguages = [\"fr\"]\ntitle = \"R\xe9seau\"\n")
	wantDiag(t, ds, diag.Error, "tract.toml", 3, "iconv -f windows-1252 -t utf-8")
}

// A value that is an inline table or a list keeps its shape in the fix:
// only the strings in it are put between straight quotes, not the whole
// of it, which would make the table or list one string.
func TestConfigQuoteFixKeepsTablesAndLists(t *testing.T) {
	for _, tt := range []struct {
		line, fix string
		want      any // what the fix parses to
	}{
		{"rent = { fr = “loyers” }", `{ fr = "loyers" }`, map[string]any{"fr": "loyers"}},
		{"rent = {fr=„Mieten“,es=“alquileres”}", `{fr="Mieten",es="alquileres"}`, map[string]any{"fr": "Mieten", "es": "alquileres"}},
		{"rent = { fr = « loyers », es = \"alquileres\" }", `{ fr = "loyers", es = "alquileres" }`, map[string]any{"fr": "loyers", "es": "alquileres"}},
		{"rent = { fr = “l’été” } # a tag", `{ fr = "l’été" }`, map[string]any{"fr": "l’été"}},
		{"languages = [“en”, “fr”]", `["en", "fr"]`, []any{"en", "fr"}},
		{"cities = [“Paris, Lyon”, ‘Lille’]", `["Paris, Lyon", "Lille"]`, []any{"Paris, Lyon", "Lille"}},
		{"x = { a = [“b”, “c”], d = «e» }", `{ a = ["b", "c"], d = "e" }`, map[string]any{"a": []any{"b", "c"}, "d": "e"}},
		{"cities: [“Paris, Lyon”, “Lille”]", `["Paris, Lyon", "Lille"]`, []any{"Paris, Lyon", "Lille"}},
		{"fr = « Bulletin ouvrier »", `"Bulletin ouvrier"`, "Bulletin ouvrier"},
		{"fr = «\u202fBulletin ouvrier\u00a0»", `"Bulletin ouvrier"`, "Bulletin ouvrier"},
		// No fix that can be trusted: the quote is still named.
		{"rent = { fr = “loyers }", "", nil},
		{"rent = { fr = “loyers”, es = alquileres }", "", nil},
	} {
		msg, fix := syntaxHelp(tt.line, strings.IndexAny(tt.line, "“„«")+1)
		if fix != tt.fix || msg == "" {
			t.Errorf("%s\ngot fix %s, want %s; message: %s", tt.line, fix, tt.fix, msg)
			continue
		}
		if fix == "" {
			if !strings.Contains(msg, "straight quotes") {
				t.Errorf("%s\nthe message does not say to use straight quotes: %s", tt.line, msg)
			}
			continue
		}
		var v map[string]any
		if err := toml.Unmarshal([]byte("k = "+fix), &v); err != nil || !reflect.DeepEqual(v["k"], tt.want) {
			t.Errorf("%s\nfix %s parses to %#v (%v), want %#v", tt.line, fix, v["k"], err, tt.want)
		}
	}
}

// FuzzConfigSyntaxHelp checks that the fix syntaxHelp shows for a line
// of tract.toml is TOML, whatever the line, and keeps the value's shape:
// a line whose value opens an inline table or a list is fixed as one.
func FuzzConfigSyntaxHelp(f *testing.F) {
	for _, s := range []string{"languages = en, fr, es", "en = “Our Network”", "en = 'Workers' Bulletin'", "en = \"The \"Red\" one\"", "x = [a, “b”, 'c'", "en = \"T", "a = \"\\\"x\" y", "fallback: hide", "languages: [en, fr]",
		"rent = { fr = “loyers”, es = “alquileres” }", "x = { a = [“b, c”], d = «\u00a0e\u202f» }", "fr = « Bulletin ouvrier »", "x: { a = ‘l’été’ }"} {
		f.Add(s, strings.IndexByte(s, '=')+3)
		if at := strings.IndexAny(s, "“‘«"); at >= 0 {
			f.Add(s, at+1) // where go-toml stops at a curly quote
		}
	}
	f.Fuzz(func(t *testing.T, line string, col int) {
		msg, fix := syntaxHelp(line, col)
		if utf8.ValidString(line) && !utf8.ValidString(msg) {
			t.Fatalf("%q: message not UTF-8: %q", line, msg)
		}
		if fix == "" {
			return
		}
		var v map[string]any
		if err := toml.Unmarshal([]byte("k = "+fix), &v); err != nil {
			t.Fatalf("%q: fix %q is not TOML: %v", line, fix, err)
		}
		_, value, ok := strings.Cut(line, "=")
		if !ok {
			_, value, _ = strings.Cut(line, ":")
		}
		switch value = strings.TrimSpace(value); {
		case strings.HasPrefix(value, "{"):
			if _, ok := v["k"].(map[string]any); !ok {
				t.Fatalf("%q: fix %q of an inline table is a %T", line, fix, v["k"])
			}
		case strings.HasPrefix(value, "["):
			if _, ok := v["k"].([]any); !ok {
				t.Fatalf("%q: fix %q of a list is a %T", line, fix, v["k"])
			}
		}
		_ = nameCharacter("unexpected character U+0041 'A'", line, col)
	})
}
