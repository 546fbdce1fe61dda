package status

import (
	"slices"
	"strings"
	"testing"
)

// marked writes a diff line's text with its changed spans in [brackets].
func marked(line string, spans []span) string {
	var b strings.Builder
	at := 0
	for _, s := range joinSpans(line, spans) {
		b.WriteString(line[at:s.from] + "[" + line[s.from:s.to] + "]")
		at = s.to
	}
	return b.String() + line[at:]
}

func TestChangedWordsMarkTheWordsAChangeMade(t *testing.T) {
	tests := []struct {
		name           string
		removed, added []string
		old, new       []string // the lines marked, nil for no marks
	}{
		{
			name:    "one word in a long line",
			removed: []string{"The lifts in Block A were out of service for six weeks this summer."},
			added:   []string{"The lifts in Block A were out of service for seven weeks this summer."},
			old:     []string{"The lifts in Block A were out of service for [six] weeks this summer."},
			new:     []string{"The lifts in Block A were out of service for [seven] weeks this summer."},
		},
		{
			name:    "accented words are whole words",
			removed: []string{"La réunion aura lieu en été, au local du syndicat."},
			added:   []string{"La réunion aura lieu en hiver, au local du syndicat."},
			old:     []string{"La réunion aura lieu en [été], au local du syndicat."},
			new:     []string{"La réunion aura lieu en [hiver], au local du syndicat."},
		},
		{
			name:    "words added side by side are one change",
			removed: []string{"Bring your letter to the meeting on Thursday."},
			added:   []string{"Bring your letter and your tenancy agreement to the meeting on Thursday."},
			old:     []string{"Bring your letter to the meeting on Thursday."},
			new:     []string{"Bring your letter [and your tenancy agreement] to the meeting on Thursday."},
		},
		{
			name:    "punctuation",
			removed: []string{"Wages have not gone up by 14%. Rents have."},
			added:   []string{"Wages have not gone up by 14%; rents have."},
			old:     []string{"Wages have not gone up by 14%[. Rents] have."},
			new:     []string{"Wages have not gone up by 14%[; rents] have."},
		},
		{
			name:    "a line split in two",
			removed: []string{"First sentence here. Second sentence there."},
			added:   []string{"First sentence here.", "Second sentence there."},
			old:     []string{"First sentence here.[ ]Second sentence there."},
			new:     []string{"First sentence here.", "Second sentence there."},
		},
		{
			name:    "a paragraph rewritten is not marked",
			removed: []string{"Come to the meeting on Thursday at seven."},
			added:   []string{"Every tenant received a letter from Greyhaven last week."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, new := changedWords(tt.removed, tt.added)
			if tt.old == nil {
				if old != nil || new != nil {
					t.Fatalf("marked %v and %v, want no marks", old, new)
				}
				return
			}
			for i, line := range tt.removed {
				if got := marked(line, old[i]); got != tt.old[i] {
					t.Errorf("removed line %d:\n got %s\nwant %s", i, got, tt.old[i])
				}
			}
			for i, line := range tt.added {
				if got := marked(line, new[i]); got != tt.new[i] {
					t.Errorf("added line %d:\n got %s\nwant %s", i, got, tt.new[i])
				}
			}
		})
	}
}

func TestColorDiffShowsTheChangedWordsOfAChangedLine(t *testing.T) {
	diff := "--- en.md (as translated)\n+++ en.md (now)\n@@ -3,3 +3,3 @@\n ---\n" +
		"-Out of service for six weeks.\n" +
		"----\n" +
		"+Out of service for seven weeks.\n" +
		"+\n" +
		" Last line.\n" +
		"@@ -9 +9,2 @@\n" +
		"+A new paragraph.\n"
	got := colorDiff(diff, true)
	for _, want := range []string{
		"\x1b[1m--- en.md (as translated)\x1b[0m\n",
		"\x1b[36m@@ -3,3 +3,3 @@\x1b[0m\n ---\n",
		"\x1b[31m-Out of service for \x1b[7msix\x1b[27m weeks.\x1b[0m\n",
		// A removed line that begins "---" is a removed line, not a
		// file's name.
		"\x1b[31m-\x1b[7m---\x1b[27m\x1b[0m\n",
		"\x1b[32m+Out of service for \x1b[7mseven\x1b[27m weeks.\x1b[0m\n",
		"\x1b[32m+\x1b[0m\n Last line.\n",
		// Lines added with none removed have no words marked.
		"\x1b[32m+A new paragraph.\x1b[0m\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the coloured diff lacks %q:\n%s", want, got)
		}
	}
	if plain := colorDiff(diff, false); plain != diff {
		t.Errorf("without colour the diff changed:\n%s", plain)
	}
}

// Whatever two texts a change holds, the spans marked are inside their
// lines and in order, the words listed are at lines the change added,
// and colorChange writes every line whole.
func FuzzChangedWords(f *testing.F) {
	f.Add("The lifts were out of service for six weeks.", "The lifts were out of service for seven weeks.")
	f.Add("La réunion aura lieu en été.\nDeuxième ligne.", "La réunion aura lieu en hiver. Deuxième ligne.")
	f.Add("", "x")
	f.Add("a\xffb c", "a\xfeb c")
	f.Fuzz(func(t *testing.T, a, b string) {
		removed, added := strings.Split(a, "\n"), strings.Split(b, "\n")
		old, new := changedWords(removed, added)
		for _, side := range []struct {
			lines []string
			spans [][]span
		}{{removed, old}, {added, new}} {
			if side.spans == nil {
				continue
			}
			for i, line := range side.lines {
				at := 0
				for _, s := range joinSpans(line, side.spans[i]) {
					if s.from < at || s.to < s.from || s.to > len(line) {
						t.Fatalf("span %v of line %q, after %d", s, line, at)
					}
					at = s.to
				}
			}
		}
		diff := "@@ -1 +1 @@\n" + strings.Join(prefixed("-", removed), "") + strings.Join(prefixed("+", added), "")
		for _, c := range wordChanges(diff) {
			if c.Line < 1 || c.Line > len(added) || c.Old == c.New {
				t.Fatalf("change %+v of %q", c, diff)
			}
		}
		var b2 strings.Builder
		colorChange(&b2, removed, added)
		for _, l := range append(removed, added...) {
			if !strings.Contains(strings.NewReplacer("\x1b[7m", "", "\x1b[27m", "").Replace(b2.String()), l) {
				t.Fatalf("line %q is not written whole:\n%q", l, b2.String())
			}
		}
	})
}

// prefixed makes lines into a diff's lines, sign first, newline after.
func prefixed(sign string, lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = sign + l + "\n"
	}
	return out
}

func TestWordChangesListTheWordsReplacedAtTheirLine(t *testing.T) {
	diff := "--- en.md (as translated)\n+++ en.md (now)\n@@ -8,5 +8,5 @@\n \n" +
		" Last week every household received the same letter.\n" +
		"-Every Tuesday from 6 to 8 pm, at the community hall, with the <tea> urn.\n" +
		"+Every Tuesday from 6 to 8.30 pm, at the community hall, with the <coffee> urn.\n" +
		" \n" +
		"@@ -20 +20 @@\n" +
		"-Very old text is here, and more words follow it.\n" +
		"+Old text is here, and more words follow it.\n" +
		"@@ -30 +30 @@\n" +
		"-Come to the meeting on Thursday at seven.\n" +
		"+Every tenant received a letter from Greyhaven last week.\n"
	got := wordChanges(diff)
	want := []wordChange{
		{10, "8", "8.30"},
		{10, "tea", "coffee"},
		{20, "Very old", "Old"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("word changes\n got %+v\nwant %+v", got, want)
	}
	var b strings.Builder
	mw := &errWriter{w: &b}
	writeWordChanges(mw, got, markdownList)
	for _, line := range []string{
		"- line 10: <del>8</del> → <ins>8.30</ins>\n",
		"- line 10: <del>tea</del> → <ins>coffee</ins>\n",
	} {
		if !strings.Contains(b.String(), line) {
			t.Errorf("the Markdown list lacks %q:\n%s", line, b.String())
		}
	}
	b.Reset()
	writeWordChanges(mw, []wordChange{{1, "", "<script>x</script>"}}, markdownList)
	if want := "- line 1: added <ins>&lt;script&gt;x&lt;/script&gt;</ins>\n"; !strings.Contains(b.String(), want) {
		t.Errorf("words added are not escaped as %q:\n%s", want, b.String())
	}
}
