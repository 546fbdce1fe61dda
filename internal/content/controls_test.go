package content

import (
	"slices"
	"testing"

	"github.com/tractpub/tract/internal/diag"
)

func TestCleanTextDropsControlsAndClosesBidiLeftOpen(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		found          []rune
	}{
		{"plain", "Not one penny", "Not one penny", nil},
		{"tab, new line and carriage return are text", "a\tb\nc\rd", "a\tb\nc\rd", nil},
		{"C0 controls are dropped", "Bad \x01ti\x1btle\x00", "Bad title", []rune{0x01, 0x1b, 0x00}},
		{"each is reported once", "a\x01b\x01c", "abc", []rune{0x01}},
		{"vertical tab, form feed and next line become spaces", "a\vb\fc\u0085d", "a b c d", []rune{'\v', '\f', 0x85}},
		{"DEL and C1 are dropped", "rent\x7f \u0096 rise\u009f", "rent  rise", []rune{0x7f, 0x96, 0x9f}},
		{"an override left open is closed at the end", "Bad \u202Etitle", "Bad \u202Etitle\u202C", []rune{rlo}},
		{"open ones are closed innermost first", "\u202Ba\u2067b", "\u202Ba\u2067b\u2069\u202C", []rune{rli, rle}},
		{"a balanced embedding is kept", "a \u202Bשלום\u202C b", "a \u202Bשלום\u202C b", nil},
		{"a balanced isolate is kept", "\u2068مرحبا\u2069 and \u2066x\u2069", "\u2068مرحبا\u2069 and \u2066x\u2069", nil},
		{"an isolate's close ends the embeddings inside it", "\u2067a\u202Eb\u2069 c", "\u2067a\u202Eb\u2069 c", nil},
		{"a pop with nothing open is dropped", "a\u202Cb\u2069c", "abc", []rune{pop, popIsolate}},
		{"a pop cannot close an embedding outside an isolate", "\u202Ba\u2066b\u202Cc\u2069", "\u202Ba\u2066bc\u2069\u202C", []rune{pop, rle}},
		{"directional marks are kept", "a\u200Eb\u200Fc\u061Cd", "a\u200Eb\u200Fc\u061Cd", nil},
		{"a new line does not close an embedding", "\u202Ea\nb\u202C", "\u202Ea\nb\u202C", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, found := CleanText(tc.in)
			if got != tc.want || !slices.Equal(found, tc.found) {
				t.Errorf("CleanText(%+q) = %+q, %U; want %+q, %U", tc.in, got, found, tc.want, tc.found)
			}
			if tc.in != tc.want && !needsCleaning(tc.in) {
				t.Errorf("needsCleaning(%+q) = false, and CleanText's fast path would keep it as it is", tc.in)
			}
		})
	}
}

func TestControlCharactersAreWarnedAboutAtTheirLineAndLeftOut(t *testing.T) {
	s, ds := load(t, "-- content/leaflets/a/en.md --\n"+
		"---\n"+
		`title: "Bad \x01 ti\u202Etle \x0c end"`+"\n"+
		"summary: \"Fine\"\n"+
		`signatories: ["One", "Two\x0b"]`+"\n"+
		"date: 2024-02-24\n"+
		"---\n"+
		"Text.\n"+
		"\n"+
		"## Head\x01ing \x0b x\x01\n"+
		"\n"+
		"The rent \u0096 and \u0093more\u0094 \u202Bover.\n")
	p := "content/leaflets/a/en.md"
	wantDiag(t, ds, diag.Warning, p, 2, "the title holds U+0001 (a control character), which shows as a box or as nothing: it is left out of the site")
	wantDiag(t, ds, diag.Warning, p, 2, "the title holds U+000C (a form feed, as a page break is written), which shows as a box or as nothing: it is published as a space")
	wantDiag(t, ds, diag.Warning, p, 2, "the title holds U+202E (a right-to-left override) that is never closed")
	wantDiag(t, ds, diag.Warning, p, 4, "an entry of signatories holds U+000B (a vertical tab, as Word writes a line break)")
	wantDiag(t, ds, diag.Warning, p, 9, "this line holds U+0001 (a control character)")
	wantDiag(t, ds, diag.Warning, p, 9, "this line holds U+000B (a vertical tab, as Word writes a line break), which shows as a box or as nothing: it is published as a space")
	wantDiag(t, ds, diag.Warning, p, 11, "this line holds U+0096, a control character that shows as nothing")
	wantDiag(t, ds, diag.Warning, p, 11, "this line holds U+202B (a right-to-left embedding) that is never closed, and would turn around the text that follows it on the page: it is closed at the end of the line")
	if len(ds) != 8 {
		t.Errorf("want 8 warnings, one for each character and line, C1 once for the file; got:\n%s", list(ds))
	}
	v := s.Items[0].Variants["en"]
	if got, want := v.Front.Title, "Bad  ti\u202Etle   end\u202C"; got != want {
		t.Errorf("title %+q, want %+q", got, want)
	}
	if got, want := v.Front.Signatories[1], "Two "; got != want {
		t.Errorf("signatory %+q, want %+q", got, want)
	}
	if got, want := string(v.Body), "Text.\n\n## Heading   x\n\nThe rent  and more \u202Bover.\u202C\n"; got != want {
		t.Errorf("body %+q, want %+q", got, want)
	}
	if got := v.Line(len(v.Body) - 2); got != 11 {
		t.Errorf("the last line of the cleaned body is line %d of the file, want 11", got)
	}
}

// A title of nothing but control characters is no title: it would show
// as an empty link in every list.
func TestTitleOfControlCharactersOnlyIsAnError(t *testing.T) {
	_, ds := load(t, "-- content/leaflets/a/en.md --\n"+
		"---\n"+
		`title: "\x01\x0b"`+"\n"+
		"---\n"+
		"Text.\n")
	wantDiag(t, ds, diag.Error, "content/leaflets/a/en.md", 2, "the title holds nothing but control characters")
}

// A control character written as it is in the front matter, as a Word
// line break pasted into a title is, is an error at its line that names
// it: YAML reads none, and said only "control characters are not
// allowed", at the line before the front matter's.
func TestARawControlCharacterInFrontMatterIsNamedAtItsLine(t *testing.T) {
	_, ds := load(t, "-- content/leaflets/a/en.md --\n"+
		"---\n"+
		"title: \"Titre\vavec saut\"\n"+
		"summary: ok\x01\n"+
		"---\n"+
		"Text.\n")
	p := "content/leaflets/a/en.md"
	wantDiag(t, ds, diag.Error, p, 2, "this line holds U+000B (a vertical tab, as Word writes a line break), which front matter cannot hold (YAML allows no control character): type a space there instead")
	wantDiag(t, ds, diag.Error, p, 3, "this line holds U+0001 (a control character), which front matter cannot hold")
	if len(ds) != 2 {
		t.Errorf("want these 2 errors alone (no \"title is missing\"); got:\n%s", list(ds))
	}
}
