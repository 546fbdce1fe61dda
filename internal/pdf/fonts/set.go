package fonts

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
)

// Dir is where a site's file system (the embedded defaults, or a site
// that overrides them) keeps the font files [LoadSet] reads.
const Dir = "assets/fonts"

// Set is the faces a tract document is set in: a serif family for body
// text, sans bold for headings, mono for code. Load it once per process
// with [LoadSet] and share it.
type Set struct {
	// Serif, SerifBold, SerifItalic and SerifBoldItalic set body text.
	Serif, SerifBold, SerifItalic, SerifBoldItalic *Face
	// Sans and SansBold set headings, footers and labels.
	Sans, SansBold *Face
	// Mono sets code.
	Mono *Face
}

// setFiles names each face's file in [Dir], in the order Faces lists them.
var setFiles = [...]string{
	"DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf",
	"DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
	"DejaVuSansMono.ttf",
}

func (s *Set) slots() [len(setFiles)]**Face {
	return [...]**Face{
		&s.Serif, &s.SerifBold, &s.SerifItalic, &s.SerifBoldItalic,
		&s.Sans, &s.SansBold,
		&s.Mono,
	}
}

// LoadSet parses the set's font files from fsys/[Dir]. It reports every
// missing or broken file, not just the first.
func LoadSet(fsys fs.FS) (*Set, error) {
	s := new(Set)
	var errs []error
	for i, slot := range s.slots() {
		name := path.Join(Dir, setFiles[i])
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		f, err := Parse(data)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		*slot = f
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return s, nil
}

// Body returns the serif face for the given emphasis.
func (s *Set) Body(bold, italic bool) *Face {
	switch {
	case bold && italic:
		return s.SerifBoldItalic
	case bold:
		return s.SerifBold
	case italic:
		return s.SerifItalic
	}
	return s.Serif
}

// Faces returns every face of the set, for registering them with fpdf.
func (s *Set) Faces() []*Face {
	var out []*Face
	for _, slot := range s.slots() {
		if *slot != nil {
			out = append(out, *slot)
		}
	}
	return out
}

// PDFStyle is the fpdf style string for the face: "", "B", "I" or "BI".
func (f *Face) PDFStyle() string {
	switch {
	case f.bold && f.italic:
		return "BI"
	case f.bold:
		return "B"
	case f.italic:
		return "I"
	}
	return ""
}
