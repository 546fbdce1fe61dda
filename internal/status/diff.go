package status

import (
	"bytes"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
	"golang.org/x/text/unicode/norm"

	"github.com/tractpub/tract/internal/content"
)

// fileDiff is a unified diff of two versions of a variant file, line by
// line as they are in the files, so that its line numbers are the files'
// own: a translator told "@@ -12 +14 @@" finds the change at line 14 of
// the file as it is now. Only the hunks that change the title, the
// summary or the text are kept, what the digest covers: a new date or
// tag, or a blank line more, needs no translating. Lines are compared as
// the digest compares them: trailing spaces and Unicode normalisation
// aside. It is "" when no such hunk is left.
func fileDiff(oldLabel, newLabel string, old, now []byte) string {
	oldLines, newLines := fileLines(old), fileLines(now)
	oldText, newText := strings.Join(oldLines, ""), strings.Join(newLines, "")
	u, err := udiff.ToUnifiedDiff(oldLabel, newLabel, oldText, udiff.Lines(oldText, newText), 3)
	if err != nil {
		return ""
	}
	oldKept, newKept := translatable(oldLines), translatable(newLines)
	var kept []*udiff.Hunk
	// go-udiff v0.4.2 or later: v0.4.1 gave a wrong ToLine after two
	// close edits joined into one hunk (TestDiffHunkHeadersAreThoseOfDiffU).
	for _, h := range u.Hunks {
		from, to, keep := h.FromLine-1, h.ToLine-1, false
		for _, l := range h.Lines {
			switch l.Kind {
			case udiff.Delete:
				keep = keep || oldKept[from]
				from++
			case udiff.Insert:
				keep = keep || newKept[to]
				to++
			default:
				from, to = from+1, to+1
			}
		}
		if keep {
			kept = append(kept, h)
		}
	}
	u.Hunks = kept
	return u.String()
}

// fileLines splits a variant file into its lines as the diff compares
// and shows them: each with its newline, without the spaces at its end
// (which the digest leaves out too), in Unicode's NFC.
func fileLines(data []byte) []string {
	var lines []string
	for line := range bytes.Lines(content.NormalizeNewlines(data)) {
		line = bytes.TrimRight(line, " \t\u00a0\n")
		lines = append(lines, norm.NFC.String(string(line))+"\n")
	}
	return lines
}

// translatable reports, for each line of a variant file, whether it is
// part of what the digest covers: the title, the summary (with the lines
// a long value goes on over), or a line of the text that is not blank.
func translatable(lines []string) []bool {
	out := make([]bool, len(lines))
	body := 0
	if len(lines) > 0 && lines[0] == "---\n" {
		key := ""
		for i := 1; i < len(lines); i++ {
			l := lines[i]
			if l == "---\n" || l == "...\n" {
				body = i + 1
				break
			}
			if l[0] != ' ' && l[0] != '\t' && l != "\n" {
				key, _, _ = strings.Cut(l, ":")
				key = strings.TrimSpace(key)
			}
			out[i] = key == "title" || key == "summary"
		}
	}
	for i := body; i < len(lines); i++ {
		out[i] = lines[i] != "\n"
	}
	return out
}
