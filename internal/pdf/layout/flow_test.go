package layout

import (
	"slices"
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
		"é\tx":                                           "é" + fs + fs + fs + "x",
		"→\tx":                                           "→" + fs + fs + fs + "x",
	} {
		if got := keepSpaces(in); got != want {
			t.Errorf("keepSpaces(%q) = %q, want %q", in, got, want)
		}
	}
}

// When the columns' longest words do not all fit, the widest are capped
// at the width that fills the room, and the others keep theirs.
func TestCapWidthsKeepsTheNarrowColumnsWhole(t *testing.T) {
	for _, tt := range []struct {
		minimum []float64
		width   float64
		want    []float64
	}{
		{[]float64{10, 100, 10}, 60, []float64{10, 40, 10}},
		{[]float64{30, 30, 30}, 60, []float64{20, 20, 20}},
		{[]float64{10, 50, 40}, 70, []float64{10, 30, 30}},
	} {
		if got := capWidths(tt.minimum, tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("capWidths(%v, %v) = %v, want %v", tt.minimum, tt.width, got, tt.want)
		}
	}
}
