package fonts

import (
	"reflect"
	"testing"
)

// faceWith returns a face that has exactly the given runes, each 500
// thousandths of an em wide, to test fallbacks independently of DejaVu.
func faceWith(runes string) *Face {
	f := &Face{notdefWidth: 600}
	for _, r := range runes {
		if r > 0xFFFF {
			f.astral = append(f.astral, astralGlyph{r, 500})
			continue
		}
		page := f.pages[r>>8]
		if page == nil {
			page = new([256]uint16)
			for i := range page {
				page[i] = absent
			}
			f.pages[r>>8] = page
		}
		page[r&0xFF] = 500
	}
	return f
}

const ascii = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"

func TestSanitizeReplacesWhatTheFaceCannotDraw(t *testing.T) {
	type rep = Replacement
	tests := []struct {
		name string
		face *Face
		in   string
		want string
		reps []Replacement
	}{
		{"covered text is returned as is", faceWith(ascii + "é"), "café", "café", nil},
		{"narrow no-break space falls back to thin space", faceWith(ascii + "\u2009"), "a\u202f:", "a\u2009:",
			[]rep{{1, '\u202f', "\u2009"}}},
		{"narrow no-break space falls back to no-break space", faceWith(ascii + "\u00a0"), "a\u202f:", "a\u00a0:",
			[]rep{{1, '\u202f', "\u00a0"}}},
		{"narrow no-break space falls back to a space", faceWith(ascii), "a\u202f:", "a :",
			[]rep{{1, '\u202f', " "}}},
		{"curly quotes become straight", faceWith(ascii), "“l’été”", "\"l'ete\"",
			[]rep{{0, '“', "\""}, {4, '’', "'"}, {7, 'é', "e"}, {10, 'é', "e"}, {12, '”', "\""}}},
		{"guillemets become curly quotes when the face has them", faceWith(ascii + "“”"), "«x»", "“x”",
			[]rep{{0, '«', "“"}, {3, '»', "”"}}},
		{"accents are stripped", faceWith(ascii), "şığ", "sig",
			[]rep{{0, 'ş', "s"}, {2, 'ı', "i"}, {4, 'ğ', "g"}}},
		{"letters without a decomposition have stand-ins", faceWith(ascii), "łœ", "loe",
			[]rep{{0, 'ł', "l"}, {2, 'œ', "oe"}}},
		{"ligatures are decomposed", faceWith(ascii), "ﬁn", "fin", []rep{{0, 'ﬁ', "fi"}}},
		{"em dash falls back to en dash then two hyphens", faceWith(ascii), "a—b", "a--b", []rep{{1, '—', "--"}}},
		{"ellipsis becomes three dots", faceWith(ascii), "…", "...", []rep{{0, '…', "..."}}},
		{"emoji becomes U+FFFD when the face has it", faceWith(ascii + "\uFFFD"), "a😀b", "a\uFFFDb",
			[]rep{{1, '😀', "\uFFFD"}}},
		{"emoji becomes ? otherwise", faceWith(ascii), "a😀", "a?", []rep{{1, '😀', "?"}}},
		{"covered runes above U+FFFF are replaced too", faceWith(ascii + "😀\uFFFD"), "😀", "\uFFFD",
			[]rep{{0, '😀', "\uFFFD"}}},
		{"invisible format characters are dropped silently", faceWith(ascii), "a\u200db\u2060c\ufe0f", "abc", nil},
		{"tabs and newlines become spaces", faceWith(ascii), "a\tb\nc", "a b c",
			[]rep{{1, '\t', " "}, {3, '\n', " "}}},
		{"control characters become ?", faceWith(ascii), "a\x01", "a?", []rep{{1, '\x01', "?"}}},
		{"invalid UTF-8 becomes ?", faceWith(ascii), "a\xffb", "a?b", []rep{{1, '\uFFFD', "?"}}},
	}
	for _, tt := range tests {
		got, reps := tt.face.Sanitize(tt.in)
		if got != tt.want || !reflect.DeepEqual(reps, tt.reps) {
			t.Errorf("%s: Sanitize(%q) = %q, %v; want %q, %v", tt.name, tt.in, got, reps, tt.want, tt.reps)
		}
	}
}

func TestSanitizeWithDejaVu(t *testing.T) {
	s := testSet(t)
	tests := []struct {
		name string
		face *Face
		in   string
		want string
	}{
		{"French spacing is kept", s.Serif, "« Non\u202f! »\u00a0:", "« Non\u202f! »\u00a0:"},
		{"Turkish, Polish, Greek, Cyrillic are kept", s.Serif, "şığİ łżśń αΩ Жя", "şığİ łżśń αΩ Жя"},
		{"emoji are replaced with U+FFFD", s.Serif, "ok 😀", "ok \uFFFD"},
		{"Sans has the emoji but fpdf cannot encode it", s.SansBold, "ok 😀", "ok \uFFFD"},
		{"Mono drops the word joiner it lacks", s.Mono, "a\u2060b", "ab"},
	}
	for _, tt := range tests {
		if got, _ := tt.face.Sanitize(tt.in); got != tt.want {
			t.Errorf("%s: Sanitize(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestSanitizeOfCoveredTextDoesNotAllocate(t *testing.T) {
	f := testSet(t).Serif
	text := "« Solidarité\u202f! » — l’organisation des travailleurs"
	if allocs := testing.AllocsPerRun(100, func() { f.Sanitize(text) }); allocs != 0 {
		t.Errorf("Sanitize allocates %v times for covered text", allocs)
	}
}

func TestReplacementReadsAsAWarning(t *testing.T) {
	r := Replacement{Offset: 3, Rune: '😀', With: "?"}
	if got, want := r.String(), `U+1F600 '😀' is not in the font, printed as "?"`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
