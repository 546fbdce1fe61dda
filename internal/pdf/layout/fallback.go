package layout

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/tractpub/tract/internal/pdf/fonts"
	"github.com/tractpub/tract/internal/pdf/typeset"
)

// fallbackFace is the face that draws what f lacks: the sans of the same
// weight for the serif and mono faces, whose symbols are fewer (DejaVu
// Serif has no ☎ ✓ ❤, DejaVu Sans has them); none for the sans faces.
func (b *builder) fallbackFace(f *fonts.Face) *fonts.Face {
	s := b.spec.Fonts
	switch f {
	case s.Serif, s.SerifItalic, s.Mono:
		return s.Sans
	case s.SerifBold, s.SerifBoldItalic:
		return s.SansBold
	}
	return nil
}

// withFallback returns runs with each character a run's face lacks, and
// its fallback face has, in a run of its own in that face: a ✓ in a list
// is drawn, not printed as "�". Runs that need none are returned as
// they are, without allocating.
func (b *builder) withFallback(runs []typeset.Run) []typeset.Run {
	i := slices.IndexFunc(runs, b.needsFallback)
	if i < 0 {
		return runs
	}
	out := append([]typeset.Run(nil), runs[:i]...)
	for _, r := range runs[i:] {
		out = b.splitFallback(out, r)
	}
	return out
}

// needsFallback reports whether r has a character its face lacks and its
// fallback face has.
func (b *builder) needsFallback(r typeset.Run) bool {
	fb := b.fallbackFace(r.Style.Face)
	if fb == nil {
		return false
	}
	for i := 0; i < len(r.Text); {
		if r.Text[i] < utf8.RuneSelf {
			i++
			continue
		}
		c, n := utf8.DecodeRuneInString(r.Text[i:])
		if fallsBack(c, r.Style.Face, fb) {
			return true
		}
		i += n
	}
	return false
}

// fallsBack reports whether c, which face lacks, is drawn in fb: a
// symbol or a punctuation mark fb has. Not a letter: the sans has Hebrew
// and Arabic letters, which a line set left to right would print in the
// wrong order, and a word is better in one face.
func fallsBack(c rune, face, fb *fonts.Face) bool {
	return unicode.In(c, unicode.S, unicode.P) && !face.Has(c) && fb.Has(c)
}

// splitFallback appends r to out, cut where its characters go from its
// face to the fallback face and back: whole when none does.
func (b *builder) splitFallback(out []typeset.Run, r typeset.Run) []typeset.Run {
	fb := b.fallbackFace(r.Style.Face)
	if fb == nil {
		return append(out, r)
	}
	face := r.Style.Face
	start, cur := 0, face
	for i, c := range r.Text {
		f := face
		if c >= utf8.RuneSelf && fallsBack(c, face, fb) {
			f = fb
		}
		if f != cur && i > start {
			piece := r
			piece.Text, piece.Style.Face = r.Text[start:i], cur
			out = append(out, piece)
			start = i
		}
		cur = f
	}
	piece := r
	piece.Text, piece.Style.Face = r.Text[start:], cur
	return append(out, piece)
}
