// Package hyphen finds where words may be hyphenated, per language, with
// the TeX hyph-utf8 patterns (Liang's algorithm) plus an exception list.
//
// The pattern matcher is our own rather than github.com/speedata/hyphenation
// v1.0.2's: that one never looks up single-letter patterns ("1b", "1d",
// "1l", …), which the Spanish and French patterns rely on — it leaves
// "solidaridad" unhyphenated where TeX gives so-li-da-ri-dad — and it
// allocates for every substring of every word. The tests keep it as an
// oracle for the English patterns, which have no single-letter patterns.
//
// A [Library] loads a language's patterns the first time it is asked for
// them and keeps them for the life of the Library, so a build creates one
// Library and shares it; it holds no package-level state.
//
// Files, all read from the Library's fs.FS under [Dir]:
//
//	hyph-<lang>.pat.txt   patterns, whitespace separated (required)
//	hyph-<lang>.hyp.txt   exceptions, one hyphenated word a line (optional)
//	LICENCES.txt          each file's metadata; its "hyphenmins" give the
//	                      fewest letters kept before and after a hyphen
//
// "en" means "en-us", the only English patterns tract ships.
package hyphen

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Dir is the directory of the pattern files in a site's file system.
const Dir = "assets/hyphenation"

// MaxWord is the longest word, in letters, that is hyphenated. TeX stops
// at 63; the limit also bounds the matcher's work and stack buffers.
const MaxWord = 63

// Library hands out a [Hyphenator] per language, loading each at most once.
// It is safe for concurrent use.
type Library struct {
	fsys  fs.FS
	mu    sync.Mutex
	langs map[string]*entry
}

type entry struct {
	once sync.Once
	done atomic.Bool // once has run
	h    *Hyphenator
	err  error
}

// New returns a Library reading pattern files from fsys (tract.Defaults or
// a site's overlay of it).
func New(fsys fs.FS) *Library {
	return &Library{fsys: fsys, langs: map[string]*entry{}}
}

// Lang returns the hyphenator for a language tag such as "fr" or "en-US",
// loading its patterns on first use. A language without patterns is an
// error matching fs.ErrNotExist; the nil Hyphenator returned with it is
// usable and hyphenates nothing.
func (l *Library) Lang(tag string) (*Hyphenator, error) {
	tag = normalTag(tag)
	l.mu.Lock()
	e, ok := l.langs[tag]
	if !ok {
		e = new(entry)
		l.langs[tag] = e
	}
	l.mu.Unlock()
	e.once.Do(func() {
		e.h, e.err = load(l.fsys, tag)
		e.done.Store(true)
	})
	return e.h, e.err
}

// Loaded reports whether Lang has loaded the patterns of a language tag
// (or failed to).
func (l *Library) Loaded(tag string) bool {
	l.mu.Lock()
	e := l.langs[normalTag(tag)]
	l.mu.Unlock()
	return e != nil && e.done.Load()
}

// Has reports whether the library has patterns for a language tag,
// without loading them.
func (l *Library) Has(tag string) bool {
	_, err := fs.Stat(l.fsys, PatternFile(tag))
	return err == nil
}

// PatternFile is the file, in a site or tract's defaults, that holds the
// patterns of a language tag: assets/hyphenation/hyph-pt-br.pat.txt for
// "pt_BR".
func PatternFile(tag string) string {
	return path.Join(Dir, patternName(normalTag(tag))+".pat.txt")
}

// normalTag writes a language tag as hyph-utf8's files name it: small
// letters, parts joined by hyphens.
func normalTag(tag string) string { return strings.ToLower(strings.ReplaceAll(tag, "_", "-")) }

// patternName is the pattern set tract uses for a language: hyph-utf8
// has no plain "en", only "en-us" and "en-gb".
func patternName(tag string) string {
	if tag == "en" {
		tag = "en-us"
	}
	return "hyph-" + tag
}

func load(fsys fs.FS, tag string) (*Hyphenator, error) {
	name := patternName(tag)
	pats, err := fs.ReadFile(fsys, PatternFile(tag))
	if err != nil {
		return nil, fmt.Errorf("hyphen: no patterns for %q: %w", tag, err)
	}
	h := &Hyphenator{pats: parsePatterns(string(pats)), tag: tag, left: 2, right: 3, capitals: nounsCapitalised(tag), known: new(sync.Map)}
	if lic, err := fs.ReadFile(fsys, path.Join(Dir, "LICENCES.txt")); err == nil {
		if left, right, ok := hyphenmins(lic, name); ok {
			h.left, h.right = left, right
		}
	}
	hypFile := path.Join(Dir, name+".hyp.txt")
	if hyp, err := fs.ReadFile(fsys, hypFile); err == nil {
		if h.exceptions, err = parseExceptions(hyp); err != nil {
			return nil, fmt.Errorf("%s:%w", hypFile, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return h, nil
}

// hyphenmins finds the hyphenmins in the metadata section "==== <name>
// ====" of LICENCES.txt, which reproduces each pattern file's header:
//
//	% hyphenmins:
//	%     generation:      (optional: what the patterns were made for)
//	%         left: 2
//	%         right: 2
//	%     typesetting:     (what to use; preferred when present)
//	%         left: 2
//	%         right: 3
func hyphenmins(lic []byte, name string) (left, right int, ok bool) {
	_, section, found := bytes.Cut(lic, []byte("==== "+name+" ===="))
	if !found {
		return 0, 0, false
	}
	if end := bytes.Index(section, []byte("\n====")); end >= 0 {
		section = section[:end]
	}
	_, rest, found := bytes.Cut(section, []byte("\n% hyphenmins:\n"))
	if !found {
		return 0, 0, false
	}
	// The block is the lines indented under "hyphenmins:".
	var block []string
	for _, line := range strings.Split(string(rest), "\n") {
		if !strings.HasPrefix(line, "%  ") {
			break
		}
		block = append(block, strings.TrimSpace(line[1:]))
	}
	for i, line := range block {
		if line == "typesetting:" {
			block = block[i+1:]
			break
		}
	}
	for _, line := range block {
		key, val, _ := strings.Cut(line, ":")
		n, err := strconv.Atoi(strings.TrimSpace(val))
		switch {
		case err != nil:
		case key == "left" && left == 0:
			left = n
		case key == "right" && right == 0:
			right = n
		}
	}
	return left, right, left > 0 && right > 0
}

// parseExceptions reads "as-so-ciate" lines into a map from the lowercase
// word to its rune offsets of hyphens. A word listed without hyphens is
// never hyphenated.
func parseExceptions(data []byte) (map[string][]int, error) {
	m := map[string][]int{}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "%") {
			continue
		}
		if strings.ContainsAny(line, " \t") {
			return nil, fmt.Errorf("%d: one word a line, got %q", i+1, line)
		}
		var word strings.Builder
		var points []int
		n := 0
		for _, r := range strings.ToLower(line) {
			if r == '-' {
				points = append(points, n)
				continue
			}
			word.WriteRune(r)
			n++
		}
		m[word.String()] = points
	}
	return m, nil
}

// Hyphenator hyphenates words of one language. It is immutable and safe
// for concurrent use; a nil *Hyphenator hyphenates nothing.
type Hyphenator struct {
	pats        patterns
	tag         string
	left, right int
	exceptions  map[string][]int
	// capitals: runs that start with a capital are hyphenated too
	// (see AppendPoints).
	capitals bool
	// known holds the points of the letter runs hyphenated so far,
	// relative to the run, up to maxKnown of them: the words of a
	// language repeat, and finding a word's points in the patterns
	// costs about ten times more than looking them up.
	known  *sync.Map // string -> []uint8
	nKnown atomic.Int64
}

// maxKnown bounds Hyphenator.known: about 5 MB of words.
const maxKnown = 1 << 16

// Lang is the language tag the hyphenator was loaded for.
func (h *Hyphenator) Lang() string {
	if h == nil {
		return ""
	}
	return h.tag
}

// Mins returns the fewest letters kept before and after a hyphen.
func (h *Hyphenator) Mins() (left, right int) {
	if h == nil {
		return 0, 0
	}
	return h.left, h.right
}

// nounsCapitalised reports whether a language tag's language writes
// every noun with a capital.
func nounsCapitalised(tag string) bool {
	base, _, _ := strings.Cut(tag, "-")
	return base == "de" || base == "lb"
}

// Points returns the rune offsets in word where a hyphen may go, in
// increasing order: 2 means "wo-rd…". See [Hyphenator.AppendPoints].
func (h *Hyphenator) Points(word string) []int {
	return h.AppendPoints(nil, word)
}

// AppendPoints appends word's hyphenation points to dst, as Points.
//
// A word is hyphenated letter-run by letter-run: apostrophes, hyphens and
// other punctuation split it, so "l’organisation" is hyphenated only in
// "organisation", and "anti-war" gets no hyphen beside its own. Each run
// keeps the language's hyphenmins at both ends. Nothing is hyphenated in a
// word with a digit in it, in an all-capitals run (an acronym), or in a
// run longer than [MaxWord] letters.
//
// Nor in a run that starts with a capital letter, as TeX's \uchyph=0
// has it: most are names — of people, streets, estates, firms
// ("Holloway", "Greyhaven") — that a reader must be able to read, or
// copy onto an envelope, whole. The first word of a sentence is not
// hyphenated either: nothing tells it from a name there, and one word a
// sentence costs the line breaker little. German and Luxembourgish,
// which capitalise every noun and would lose most of their hyphens, are
// the exception.
func (h *Hyphenator) AppendPoints(dst []int, word string) []int {
	dst, _ = h.appendPoints(dst, nil, word, false)
	return dst
}

// AppendAllPoints is AppendPoints but for the rule on capitals: it also
// hyphenates the runs that start with one, and appends the points the rule
// leaves out to resort as well as to dst. A word too wide for any line
// must be broken somewhere, a name too, and is better broken where a
// hyphen may go than between any two letters: at a point of resort, and
// only then.
func (h *Hyphenator) AppendAllPoints(dst, resort []int, word string) ([]int, []int) {
	return h.appendPoints(dst, resort, word, true)
}

func (h *Hyphenator) appendPoints(dst, resort []int, word string, all bool) ([]int, []int) {
	if h == nil || utf8.RuneCountInString(word) < h.left+h.right {
		return dst, resort
	}
	for _, r := range word {
		if unicode.IsDigit(r) {
			return dst, resort
		}
	}
	offset := 0 // runes before the current letter run
	start, n := -1, 0
	var upper, lower int
	capital := false // the run starts with a capital
	flush := func(end int) {
		if start >= 0 && n >= h.left+h.right && n <= MaxWord && !(upper > 1 && lower == 0) {
			switch {
			case !capital || h.capitals:
				dst = h.run(dst, word[start:end], offset-n)
			case all:
				m := len(dst)
				dst = h.run(dst, word[start:end], offset-n)
				resort = append(resort, dst[m:]...)
			}
		}
		start, n, upper, lower, capital = -1, 0, 0, 0, false
	}
	for i, r := range word {
		switch {
		case unicode.IsLetter(r):
			if start < 0 {
				start = i
				capital = unicode.IsUpper(r) || unicode.IsTitle(r)
			}
			n++
			if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
			}
		case unicode.Is(unicode.Mn, r) && start >= 0:
			n++ // a combining accent belongs to its letter's run
		default:
			flush(i)
		}
		offset++
	}
	flush(len(word))
	return dst, resort
}

// run hyphenates one run of letters starting at rune base of the word.
func (h *Hyphenator) run(dst []int, letters string, base int) []int {
	if v, ok := h.known.Load(letters); ok {
		for _, p := range v.([]uint8) {
			dst = append(dst, base+int(p))
		}
		return dst
	}
	n := len(dst)
	dst = h.points(dst, letters, base)
	if h.nKnown.Load() < maxKnown {
		rel := make([]uint8, len(dst)-n)
		for i, p := range dst[n:] {
			rel[i] = uint8(p - base) // at most MaxWord
		}
		if _, loaded := h.known.LoadOrStore(strings.Clone(letters), rel); !loaded {
			h.nKnown.Add(1)
		}
	}
	return dst
}

// points appends the hyphenation points of a run of letters, offset by
// base, found in the exceptions or the patterns.
func (h *Hyphenator) points(dst []int, letters string, base int) []int {
	if len(h.exceptions) > 0 {
		var buf [4 * MaxWord]byte // lowercased on the stack: no allocation
		lower := buf[:0]
		for _, r := range letters {
			lower = utf8.AppendRune(lower, unicode.ToLower(r))
		}
		if points, ok := h.exceptions[string(lower)]; ok {
			n := utf8.RuneCountInString(letters)
			for _, p := range points {
				if p >= h.left && p <= n-h.right {
					dst = append(dst, base+p)
				}
			}
			return dst
		}
	}
	return h.pats.appendPoints(dst, letters, base, h.left, h.right)
}
