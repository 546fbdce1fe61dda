package layout

import (
	"strings"
	"testing"
)

// Code keeps its indentation and its runs of spaces as figure spaces,
// which the typesetter keeps; a run's last space within a line stays a
// space, where a line too long may break.
func TestCodeKeepsItsSpaces(t *testing.T) {
	const fs = figureSpace
	for in, want := range map[string]string{
		"def f(x):\n    if x:\n        return   x  *  2": "def f(x):\n" + fs + fs + fs + fs + "if x:\n" + strings.Repeat(fs, 8) + "return" + fs + fs + " x" + fs + " *" + fs + " 2",
		"\tindented\n  \ttwo":                            fs + fs + fs + fs + "indented\n" + fs + fs + fs + fs + "two",
		"a b":                                            "a b",
	} {
		if got := keepSpaces(in); got != want {
			t.Errorf("keepSpaces(%q) = %q, want %q", in, got, want)
		}
	}
}
