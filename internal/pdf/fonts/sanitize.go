package fonts

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Replacement reports a rune [Face.Sanitize] could not leave as it was, so
// the caller can warn the editor with the file and line it came from.
type Replacement struct {
	// Offset is the byte offset of Rune in the string given to Sanitize.
	Offset int
	// Rune is the rune replaced.
	Rune rune
	// With is what is drawn instead.
	With string
}

// String describes the replacement for a warning to the editor.
func (r Replacement) String() string {
	return fmt.Sprintf("U+%04X %q is not in the font, printed as %q", r.Rune, r.Rune, r.With)
}

// Sanitize returns s with every rune f cannot draw replaced, and the
// replacements made. A rune is replaced when the face has no glyph for it
// or when it lies above U+FFFF, which fpdf cannot encode (it panics). The
// replacement is, in order of preference: a typographic stand-in the face
// has (a thin space for U+202F, a straight quote for a curly one, "..."
// for "…"), the rune stripped of its accents or compatibility-decomposed
// (ş→s, ﬁ→fi), U+FFFD, or "?".
//
// Invisible format characters the face lacks (zero-width spaces and
// joiners, variation selectors, bidi marks) are dropped without a report:
// losing them changes nothing on paper.
//
// When nothing needs replacing Sanitize returns s itself and allocates
// nothing.
func (f *Face) Sanitize(s string) (string, []Replacement) {
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf && c >= 0x20 && f.Has(rune(c)) {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if f.drawable(r) {
			i += n
			continue
		}
		break
	}
	if i == len(s) {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	var reps []Replacement
	for j, r := range s[i:] {
		if f.drawable(r) {
			b.WriteRune(r)
			continue
		}
		with := f.fallback(r)
		b.WriteString(with)
		if !invisible(r) {
			reps = append(reps, Replacement{Offset: i + j, Rune: r, With: with})
		}
	}
	return b.String(), reps
}

// drawable reports whether fpdf can draw r with f as it is. Control
// characters are never drawable: in a PDF string they show as boxes.
func (f *Face) drawable(r rune) bool {
	return r <= 0xFFFF && r >= 0x20 && r != utf8.RuneError && f.Has(r) && (r < 0x7F || r > 0x9F)
}

func invisible(r rune) bool {
	return unicode.In(r, unicode.Cf, unicode.Variation_Selector) && r != '\u00AD'
}

func (f *Face) fallback(r rune) string {
	if invisible(r) {
		return ""
	}
	for _, c := range standIns(r) {
		if f.drawableString(c) {
			return c
		}
	}
	if d, ok := f.decomposed(r); ok {
		return d
	}
	if f.Has(utf8.RuneError) {
		return string(utf8.RuneError)
	}
	return "?"
}

// decomposed returns r compatibility-decomposed (é → e + ◌́, ﬁ → f i,
// ² → 2) without the combining marks f cannot draw, if f can draw the rest.
func (f *Face) decomposed(r rune) (string, bool) {
	d := norm.NFKD.String(string(r))
	if d == string(r) {
		return "", false
	}
	var b strings.Builder
	for _, c := range d {
		switch {
		case f.drawable(c):
			b.WriteRune(c)
		case unicode.Is(unicode.Mn, c):
		default:
			return "", false
		}
	}
	return b.String(), b.Len() > 0
}

func (f *Face) drawableString(s string) bool {
	for _, r := range s {
		if !f.drawable(r) {
			return false
		}
	}
	return true
}

// standIns lists, best first, what to print for r when the face lacks it.
func standIns(r rune) []string {
	switch r {
	case '\t', '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return []string{" "}
	case '\u00A0', '\u2007': // no-break and figure space
		return []string{" "}
	case '\u202F': // narrow no-break space, French « » ; : ! ?
		return []string{"\u2009", "\u2006", "\u00A0", " "}
	case '\u2009', '\u2006', '\u2005', '\u2008', '\u200A':
		return []string{"\u202F", " "}
	case '\u2002', '\u2003', '\u2004', '\u205F', '\u3000':
		return []string{" "}
	case '\u00AD':
		return []string{"-"}
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u02BC':
		return []string{"'"}
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033':
		return []string{"\""}
	case '\u00AB':
		return []string{"\u201C", "\"", "<<"}
	case '\u00BB':
		return []string{"\u201D", "\"", ">>"}
	case '\u2039':
		return []string{"\u2018", "'", "<"}
	case '\u203A':
		return []string{"\u2019", "'", ">"}
	case '\u2010', '\u2011', '\u2012', '\u2043', '\u2212', '\uFE63', '\uFF0D':
		return []string{"-"}
	case '\u2013':
		return []string{"-"}
	case '\u2014', '\u2015':
		return []string{"\u2013", "--"}
	case '\u2026':
		return []string{"..."}
	case '\u2022', '\u2023', '\u25E6':
		return []string{"\u00B7", "*"}
	case '\u2044', '\u2215':
		return []string{"/"}
	// Letters NFKD does not decompose.
	case 'ı':
		return []string{"i"}
	case 'ł':
		return []string{"l"}
	case 'Ł':
		return []string{"L"}
	case 'ø':
		return []string{"o"}
	case 'Ø':
		return []string{"O"}
	case 'đ':
		return []string{"d"}
	case 'Đ':
		return []string{"D"}
	case 'œ':
		return []string{"oe"}
	case 'Œ':
		return []string{"OE"}
	case 'æ':
		return []string{"ae"}
	case 'Æ':
		return []string{"AE"}
	case 'ß':
		return []string{"ss"}
	case '\u20AC':
		return []string{"EUR"}
	case '\u2122':
		return []string{"TM"}
	case '\u00A9':
		return []string{"(c)"}
	}
	return nil
}
