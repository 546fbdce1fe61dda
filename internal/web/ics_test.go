package web

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestICSTextIsEscaped(t *testing.T) {
	tests := map[string]string{
		`a,b;c\d`:      `a\,b\;c\\d`,
		"line\nnext":   `line\nnext`,
		"crlf\r\nnext": `crlf\nnext`,
		"plain words":  "plain words",
		"Salle : 2ᵉ":   "Salle : 2ᵉ",
	}
	for in, want := range tests {
		if got := EscapeICSText(in); got != want {
			t.Errorf("EscapeICSText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestICSLinesFoldAt75OctetsWithoutSplittingCharacters(t *testing.T) {
	long := "SUMMARY:" + strings.Repeat("é", 100)
	folded := FoldICS(long)
	if !strings.HasSuffix(folded, "\r\n") {
		t.Fatal("no CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(folded, "\r\n"), "\r\n")
	var joined strings.Builder
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets", i, len(l))
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a character", i)
		}
		if i > 0 {
			if l[0] != ' ' {
				t.Errorf("continuation line %d does not start with a space", i)
			}
			l = l[1:]
		}
		joined.WriteString(l)
	}
	if joined.String() != long {
		t.Error("unfolding does not give the line back")
	}
}
