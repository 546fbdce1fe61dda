package status

import (
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A hunk's "+" start is where its lines are in the file as it is now,
// after every hunk before it, shown or left out, and the unchanged lines
// that join two close edits into one hunk. go-udiff v0.4.1 does not count
// those joining lines, so every hunk after a joined one was given too
// small a "+" start, and fileDiff tested the wrong lines to decide
// whether to show it (a reviewer's report). The headers are those GNU
// diff -U3 prints for the same two files.
func TestDiffHunkHeadersAreThoseOfDiffU(t *testing.T) {
	// Five lines of front matter, then "Para n." at line n+5.
	base := []string{"---\n", "title: Rent\n", "date: 2026-12-05\n", "summary: About rent.\n", "---\n"}
	for n := 1; n <= 40; n++ {
		base = append(base, fmt.Sprintf("Para %d.\n", n))
	}
	// set replaces the file's line n (from 1) with lines.
	set := func(l []string, n int, lines ...string) []string {
		return slices.Replace(l, n-1, n, lines...)
	}
	tests := []struct {
		name string
		edit func([]string) []string
		want []string
	}{{
		name: "two close changes, then a far one",
		edit: func(l []string) []string {
			l = set(l, 30, "Para 25, changed.\n")
			l = set(l, 9, "Para 4, changed.\n")
			return set(l, 7, "Para 2, changed.\n")
		},
		want: []string{"@@ -4,9 +4,9 @@", "@@ -27,7 +27,7 @@"},
	}, {
		name: "lines added and removed between close changes, then a far one",
		edit: func(l []string) []string {
			l = set(l, 35, "Para 30, changed.\n")
			l = slices.Delete(l, 10, 12) // lines 11 and 12
			l = slices.Insert(l, 8, "New a.\n", "New b.\n", "New c.\n")
			return set(l, 7, "Para 2, changed.\n")
		},
		want: []string{"@@ -4,12 +4,13 @@", "@@ -32,7 +33,7 @@"},
	}, {
		name: "three lines for one, then far below a change",
		edit: func(l []string) []string {
			l = set(l, 40, "Para 35, changed.\n")
			return set(l, 8, "Para 3a.\n", "Para 3b.\n", "Para 3c.\n")
		},
		want: []string{"@@ -5,7 +5,9 @@", "@@ -37,7 +39,7 @@"},
	}, {
		name: "lines removed, then a change further down",
		edit: func(l []string) []string {
			l = set(l, 30, "Para 25, changed.\n")
			return slices.Delete(l, 9, 14) // lines 10 to 14
		},
		want: []string{"@@ -7,11 +7,6 @@", "@@ -27,7 +22,7 @@"},
	}, {
		name: "a new date next to a changed line is shown with it",
		edit: func(l []string) []string {
			l = set(l, 7, "Para 2, changed.\n")
			return set(l, 3, "date: 2027-01-01\n")
		},
		want: []string{"@@ -1,10 +1,10 @@"},
	}, {
		name: "a new date apart from a changed line is left out",
		edit: func(l []string) []string {
			l = set(l, 13, "Para 8, changed.\n")
			return set(l, 3, "date: 2027-01-01\n")
		},
		want: []string{"@@ -10,7 +10,7 @@"},
	}, {
		name: "tags added, and left out, still move the lines below",
		edit: func(l []string) []string {
			l = set(l, 30, "Para 25, changed.\n")
			return slices.Insert(l, 4, "tags:\n", "  - rent\n", "  - housing\n")
		},
		want: []string{"@@ -27,7 +30,7 @@"},
	}, {
		name: "a blank line added after joined changes is left out",
		edit: func(l []string) []string {
			l = slices.Insert(l, 30, "\n")
			l = set(l, 9, "Para 4, changed.\n")
			return set(l, 7, "Para 2, changed.\n")
		},
		want: []string{"@@ -4,9 +4,9 @@"},
	}}
	diffU, lookErr := exec.LookPath("diff")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := strings.Join(base, "")
			now := strings.Join(tt.edit(slices.Clone(base)), "")
			got := hunks(fileDiff("en.md (then)", "en.md (now)", []byte(old), []byte(now)))
			var headers []string
			for _, h := range got {
				header, _, _ := strings.Cut(h, "\n")
				headers = append(headers, header)
			}
			if !slices.Equal(headers, tt.want) {
				t.Errorf("hunk headers = %q, want %q", headers, tt.want)
			}
			if lookErr != nil {
				t.Skip("diff (GNU diffutils) is not installed: not compared with diff -U3")
			}
			dir := t.TempDir()
			write(t, filepath.Join(dir, "old.md"), old)
			write(t, filepath.Join(dir, "now.md"), now)
			out, err := exec.Command(diffU, "-U3", filepath.Join(dir, "old.md"), filepath.Join(dir, "now.md")).Output()
			if exit := (*exec.ExitError)(nil); err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
				t.Fatalf("diff -U3: %v", err)
			}
			want := hunks(string(out))
			for _, h := range got {
				if !slices.Contains(want, h) {
					t.Errorf("hunk\n%s\nis not one of diff -U3's:\n%s", h, out)
				}
			}
		})
	}
}

// hunks splits a unified diff into its hunks, each from its "@@" line
// to the end of its last line.
func hunks(diff string) []string {
	var out []string
	for line := range strings.Lines(diff) {
		switch {
		case strings.HasPrefix(line, "@@ "):
			out = append(out, line)
		case len(out) > 0:
			out[len(out)-1] += line
		}
	}
	return out
}
