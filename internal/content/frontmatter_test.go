package content

import (
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/diag"
)

func TestBrokenYAMLIsReportedAtItsLine(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		line       int
	}{
		{"UnclosedList", "---\ntitle: Rent\ntags: [a, b\n---\n", 3},
		{"UnclosedListOnFirstLine", "---\ntags: [\n---\n", 2},
		{"UnclosedMapping", "---\ntitle: Rent\ndate: 2024-01-01\nx: {a: 1\n---\n", 4},
		{"UnclosedQuote", "---\ntitle: \"Rent\n---\n", 2},
		{"BadIndentation", "---\ntitle: Rent\n  date: 2024-01-01\n---\n", 3},
		{"TabIndentation", "---\ntitle: Rent\ntags:\n\t- a\n---\n", 4},
		{"ListInMapping", "---\ntitle: Rent\n- a\n---\n", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, perr := split([]byte(tc.file))
			if perr != nil {
				t.Fatalf("split: %v", perr.msg)
			}
			_, errs := parseFrontMatter(src)
			if len(errs) != 1 {
				t.Fatalf("got %d errors, want 1: %v", len(errs), errs)
			}
			if errs[0].line != tc.line {
				t.Errorf("line %d (%s), want %d", errs[0].line, errs[0].msg, tc.line)
			}
		})
	}
}

// yamlHint is asked about any line yaml.v3 names, even one past the
// front matter or before it: it says nothing rather than fail.
func TestYAMLHintOutsideTheFrontMatter(t *testing.T) {
	const msg = "mapping values are not allowed in this context"
	front := []byte("title: a: b\n")
	if got := yamlHint(msg, front, 0); !strings.Contains(got, `title: "a: b"`) {
		t.Errorf("at the line: %q", got)
	}
	for _, at := range []int{-3, -1, 5, 100} {
		if got := yamlHint(msg, front, at); got != "" {
			t.Errorf("at %d: %q, want nothing", at, got)
		}
	}
}

// " #" in a text written without quotes starts a YAML comment: the rest
// of the line would be lost, so it is an error that gives the line quoted.
func TestAHashInAnUnquotedTitleIsAnError(t *testing.T) {
	_, ds := load(t, "-- content/leaflets/a/en.md --\n---\ntitle: Strike! We are #1 #solidarity\nsummary: Meet at 7pm, room #4 (ask at desk)\nvenue: \"Hall #2\"\naddress: 12 High St # the back door\n---\nText with a #hashtag.\n")
	wantDiag(t, ds, diag.Error, "content/leaflets/a/en.md", 2, `title: the text after " #" is a YAML comment and would be left out ("Strike! We are" would be published): put the whole title in quotes: title: "Strike! We are #1 #solidarity"`)
	wantDiag(t, ds, diag.Error, "content/leaflets/a/en.md", 3, `summary: the text after " #"`)
	wantDiag(t, ds, diag.Error, "content/leaflets/a/en.md", 5, `address: the text after " #"`)
	if len(ds) != 3 {
		t.Errorf("%d diagnostics, want 3 (a quoted venue and a #hashtag are fine):\n%s", len(ds), list(ds))
	}
}
