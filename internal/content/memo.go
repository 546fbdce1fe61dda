package content

import (
	"maps"
	"slices"
	"time"

	"github.com/tractpub/tract/internal/record"
)

// A Memo remembers, for the next build, what decoding each variant file
// gave: its front matter and its digest. Decoding the YAML and summing
// the text were a fifth of the CPU of a build after one edit at 3,000
// items (0.46 s of 2.4 s), every file decoded again when one changed.
// What is remembered depends on the file's bytes alone; the checks that
// depend on where the file is are made every time.
type Memo interface {
	// Recall returns what decoding data, the bytes of the file at path,
	// gave, if it is remembered. Otherwise it returns keep (or nil, if it
	// cannot remember this file), to call with what decoding data gives
	// if that raised no error.
	Recall(path string, data []byte) (fm *FrontMatter, digest string, keep func(*FrontMatter, string))
}

// AppendFront appends fm and digest to dst, as a record ReadFront reads
// back. It returns nil for front matter no file without errors has.
func AppendFront(dst []byte, fm *FrontMatter, digest string) []byte {
	if fm.Number < 0 {
		return nil
	}
	dst = record.AppendString(dst, digest)
	for _, s := range []string{fm.Title, fm.Summary, fm.Venue, fm.Address, fm.Paper, fm.whens[0], fm.whens[1]} {
		dst = record.AppendString(dst, s)
	}
	date := ""
	if !fm.Date.IsZero() {
		date = fm.Date.Format(time.DateOnly)
	}
	dst = record.AppendString(dst, date)
	dst = record.AppendInt(dst, fm.Number)
	for _, list := range [][]string{fm.Tags, fm.Articles, fm.Signatories} {
		dst = record.AppendBool(dst, list != nil) // [] and no list at all are told apart
		dst = record.AppendInt(dst, len(list))
		for _, s := range list {
			dst = record.AppendString(dst, s)
		}
	}
	dst = record.AppendBool(dst, fm.TranslatedFrom != nil)
	if fm.TranslatedFrom != nil {
		dst = record.AppendString(dst, fm.TranslatedFrom.Lang)
		dst = record.AppendString(dst, fm.TranslatedFrom.Digest)
	}
	dst = record.AppendInt(dst, len(fm.Line))
	for _, k := range slices.Sorted(maps.Keys(fm.Line)) {
		dst = record.AppendString(dst, k)
		dst = record.AppendInt(dst, fm.Line[k])
	}
	dst = record.AppendInt(dst, len(fm.ArticleLines))
	for _, n := range fm.ArticleLines {
		dst = record.AppendInt(dst, n)
	}
	return dst
}

// ReadFront reads what AppendFront wrote: the front matter that parsing
// the same bytes gives, and the digest.
func ReadFront(data []byte) (*FrontMatter, string, error) {
	r := record.NewReader(data)
	digest := r.String()
	fm := &FrontMatter{}
	for _, s := range []*string{&fm.Title, &fm.Summary, &fm.Venue, &fm.Address, &fm.Paper, &fm.whens[0], &fm.whens[1]} {
		*s = r.String()
	}
	date := r.String()
	fm.Number = r.Int()
	for _, list := range []*[]string{&fm.Tags, &fm.Articles, &fm.Signatories} {
		present, n := r.Bool(), r.Count()
		if present {
			*list = make([]string, 0, n)
		}
		for range n {
			*list = append(*list, r.String())
		}
	}
	if r.Bool() {
		fm.TranslatedFrom = &Ref{Lang: r.String(), Digest: r.String()}
	}
	n := r.Count()
	fm.Line = make(map[string]int, n)
	for range n {
		k := r.String()
		fm.Line[k] = r.Int()
	}
	if n := r.Count(); n > 0 {
		fm.ArticleLines = make([]int, n)
		for i := range n {
			fm.ArticleLines[i] = r.Int()
		}
	}
	if err := r.Done(); err != nil {
		return nil, "", err
	}
	if date != "" {
		t, err := time.Parse(time.DateOnly, date)
		if err != nil {
			return nil, "", record.ErrCorrupt
		}
		fm.Date = Date{t}
	}
	for i, w := range []*When{&fm.Starts, &fm.Ends} {
		if fm.whens[i] == "" {
			continue
		}
		var ok bool
		if *w, ok = parseWhen(fm.whens[i]); !ok {
			return nil, "", record.ErrCorrupt
		}
	}
	return fm, digest, nil
}
