package hyphen

import (
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	"github.com/speedata/hyphenation"
)

// The repository root holds the default assets; tests read them from disk
// so that they do not depend on the root package compiling.
var root = os.DirFS("../../..")

// hyphenated shows word with "-" at each point, as dictionaries do.
func hyphenated(word string, points []int) string {
	var b strings.Builder
	i := 0
	for n, r := range []rune(word) {
		if i < len(points) && points[i] == n {
			b.WriteByte('-')
			i++
		}
		b.WriteRune(r)
	}
	return b.String()
}

func lang(t testing.TB, l *Library, tag string) *Hyphenator {
	t.Helper()
	h, err := l.Lang(tag)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestPointsFollowTheTeXPatterns(t *testing.T) {
	lib := New(root)
	tests := []struct {
		lang, want string
	}{
		{"en", "hy-phen-ation"},
		{"en", "or-ga-ni-za-tion"},
		{"en", "in-ter-na-tional"},
		{"en", "type-set-ting"},
		{"en", "im-pe-ri-al-ism"},
		{"en", "sol-i-dar-ity"},
		{"en", "or-ga-ni-za-tion's"}, // the possessive is not a part of its own
		{"en", "as-so-ciate"},        // from the exception list
		{"en", "ta-ble"},             // from the exception list
		{"en", "present"},            // listed without hyphens: never hyphenated
		{"en", "leaflet"},            // the patterns find nothing
		{"fr", "or-ga-ni-sa-tion"},
		{"fr", "so-li-da-ri-té"},
		{"fr", "l'or-ga-ni-sa-tion"}, // only after the apostrophe
		{"fr", "l’or-ga-ni-sa-tion"}, // typographic apostrophe too
		{"fr", "ma-ni-fes-ta-tion"},
		{"fr", "in-ter-na-tio-nale"},
		{"fr", "syn-di-cat"},
		{"es", "tra-ba-ja-do-res"}, // needs the single-letter patterns 1b 1j 1d 1r
		{"es", "so-li-da-ri-dad"},
		{"es", "or-ga-ni-za-ción"},
		{"es", "com-pa-ñe-ros"},
		{"es", "de-sa-rro-llo"}, // rr and ll stay together
		{"es", "huel-ga"},
	}
	for _, tt := range tests {
		word := strings.ReplaceAll(tt.want, "-", "")
		h := lang(t, lib, tt.lang)
		if got := hyphenated(word, h.Points(word)); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.lang, got, tt.want)
		}
	}
}

func TestPointsLeavesAloneWhatShouldNotBeHyphenated(t *testing.T) {
	h := lang(t, New(root), "en")
	tests := []struct{ why, word string }{
		{"digits", "COVID19"},
		{"digits inside letters", "organisation2024"},
		{"an acronym", "UNESCO"},
		{"an acronym with a possessive", "NATO's"},
		{"shorter than both hyphenmins", "cat"},
		{"an explicit hyphen splits the word into short parts", "anti-war"},
		{"longer than MaxWord letters", strings.Repeat("organization", 6)},
		{"no letters", "—…!?"},
		{"empty", ""},
	}
	for _, tt := range tests {
		if got := h.Points(tt.word); len(got) != 0 {
			t.Errorf("%s: Points(%q) = %v, want none", tt.why, tt.word, got)
		}
	}
}

// Words that start with a capital are names more often than not — of
// people, streets, estates, firms — and are not hyphenated (TeX's
// \uchyph=0), in any language tract ships, at a sentence's start too.
func TestWordsThatStartWithACapitalAreNotHyphenated(t *testing.T) {
	lib := New(root)
	tests := []struct{ lang, word string }{
		{"en", "Holloway"},
		{"en", "(Holloway"},
		{"en", "Greyhaven’s"},
		{"en", "Eastgate,"},
		{"en", "Hyphenation"}, // a sentence's first word
		{"en", "anti-Vantor"},
		{"fr", "Holloway"},
		{"fr", "d’Eastgate"},
		{"fr", "Solidarité"},
		{"fr", "Saint-Étienne"},
		{"es", "Holloway"},
		{"es", "Greyhaven"},
		{"es", "Solidaridad"},
		{"es", "«Organización"},
	}
	for _, tt := range tests {
		h := lang(t, lib, tt.lang)
		if got := h.Points(tt.word); len(got) != 0 {
			t.Errorf("%s: %s, want it whole", tt.lang, hyphenated(tt.word, got))
		}
	}
	// The rule is a run's: a word's other runs are hyphenated as before.
	h := lang(t, lib, "en")
	// A name too wide for any line is broken all the same: where the
	// patterns say.
	if all, resort := h.AppendAllPoints(nil, nil, "Holloway"); hyphenated("Holloway", all) != "Hol-loway" || !slices.Equal(resort, all) {
		t.Errorf("AppendAllPoints: %s, only as a last resort at %v; want Hol-loway, at all its points", hyphenated("Holloway", all), resort)
	}
	word := "Greyhaven-organization"
	if got, want := hyphenated(word, h.Points(word)), "Greyhaven-or-ga-ni-za-tion"; got != want {
		t.Errorf("en: %s, want %s", got, want)
	}
	// In one pass, the name's points are given apart from the others'.
	all, resort := h.AppendAllPoints(nil, nil, word)
	if got, want := hyphenated(word, all), "Grey-haven-or-ga-ni-za-tion"; got != want {
		t.Errorf("AppendAllPoints: %s, want %s", got, want)
	}
	if got, want := hyphenated(word, resort), "Grey-haven-organization"; got != want {
		t.Errorf("AppendAllPoints: %s as a last resort, want %s", got, want)
	}
}

// German capitalises every noun: a site that brings German patterns has
// its capitalised words hyphenated.
func TestGermanHyphenatesCapitalisedWords(t *testing.T) {
	fsys := fstest.MapFS{Dir + "/hyph-de.pat.txt": {Data: []byte("1b 1d")}}
	h := lang(t, New(fsys), "de")
	if got, want := hyphenated("Abadabada", h.Points("Abadabada")), "Aba-da-bada"; got != want {
		t.Errorf("de: %s, want %s", got, want)
	}
}

func TestAPointIsARuneOffsetNotAByteOffset(t *testing.T) {
	h := lang(t, New(root), "fr")
	// "é" is two bytes; the points are counted in runes.
	if got, want := h.Points("solidarité"), []int{2, 4, 6, 8}; !slices.Equal(got, want) {
		t.Errorf("Points(solidarité) = %v, want %v", got, want)
	}
}

func TestMinsComeFromThePatternMetadata(t *testing.T) {
	lib := New(root)
	for _, tt := range []struct {
		tag         string
		left, right int
	}{{"en", 2, 3}, {"en-US", 2, 3}, {"fr", 2, 2}, {"es", 2, 2}} {
		h := lang(t, lib, tt.tag)
		if l, r := h.Mins(); l != tt.left || r != tt.right {
			t.Errorf("%s: Mins() = %d, %d, want %d, %d", tt.tag, l, r, tt.left, tt.right)
		}
	}
}

func TestHyphenminsPrefersTypesettingToGeneration(t *testing.T) {
	const lic = `==== hyph-xx ====
% title: test
% hyphenmins:
%     generation:
%         left: 1
%         right: 1
%     typesetting:
%         left: 3
%         right: 4
% texlive:
%     left: 9

==== hyph-yy ====
% hyphenmins:
%     typesetting:
%         left: 2
%         right: 2
==== hyph-zz ====
% hyphenmins:
% other: 1
`
	tests := []struct {
		name        string
		left, right int
		ok          bool
	}{
		{"hyph-xx", 3, 4, true},
		{"hyph-yy", 2, 2, true},
		{"hyph-zz", 0, 0, false},
		{"hyph-missing", 0, 0, false},
	}
	for _, tt := range tests {
		l, r, ok := hyphenmins([]byte(lic), tt.name)
		if l != tt.left || r != tt.right || ok != tt.ok {
			t.Errorf("%s: hyphenmins = %d, %d, %v, want %d, %d, %v", tt.name, l, r, ok, tt.left, tt.right, tt.ok)
		}
	}
}

func TestSingleLetterPatternsApply(t *testing.T) {
	// speedata/hyphenation v1.0.2 ignores patterns like "1b"; ours must not.
	p := parsePatterns("1b 1d b2d")
	got := hyphenated("abadbd", p.appendPoints(nil, "abadbd", 0, 1, 1))
	if want := "a-ba-d-bd"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// The English patterns have no single-letter patterns, so there the
// library the package replaces is a fair oracle.
func TestAgreesWithSpeedataOnEnglish(t *testing.T) {
	pats, err := fs.ReadFile(root, Dir+"/hyph-en-us.pat.txt")
	if err != nil {
		t.Fatal(err)
	}
	oracle, err := hyphenation.New(strings.NewReader(string(pats)))
	if err != nil {
		t.Fatal(err)
	}
	oracle.Leftmin, oracle.Rightmin = 1, 3 // its Leftmin 1 keeps 2 letters
	mine := parsePatterns(string(pats))
	text, err := os.ReadFile("testdata/leaflet-en.txt")
	if err != nil {
		t.Fatal(err)
	}
	words := strings.FieldsFunc(string(text), func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range words {
		if utf8.RuneCountInString(w) < 5 {
			continue
		}
		want := oracle.Hyphenate(w)
		if got := mine.appendPoints(nil, w, 0, 2, 3); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%s: got %s, speedata %s", w, hyphenated(w, got), hyphenated(w, want))
		}
	}
}

func TestUnknownLanguageHyphenatesNothing(t *testing.T) {
	h, err := New(root).Lang("de")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Lang(de) error = %v, want one matching fs.ErrNotExist", err)
	}
	if got := h.Points("Silbentrennung"); got != nil {
		t.Errorf("nil Hyphenator: Points = %v, want nil", got)
	}
}

func TestLangLoadsEachLanguageOnce(t *testing.T) {
	reads := 0
	var mu sync.Mutex
	fsys := countingFS{root, func() { mu.Lock(); reads++; mu.Unlock() }}
	lib := New(fsys)
	var wg sync.WaitGroup
	got := make([]*Hyphenator, 16)
	for i := range got {
		wg.Go(func() { got[i] = lang(t, lib, "fr") })
	}
	wg.Wait()
	for _, h := range got {
		if h != got[0] {
			t.Fatal("Lang returned different hyphenators for the same language")
		}
	}
	if reads != 3 { // patterns, LICENCES.txt, and the (missing) exceptions
		t.Errorf("loading fr read %d files, want 3", reads)
	}
}

type countingFS struct {
	fs.FS
	count func()
}

func (c countingFS) Open(name string) (fs.File, error) {
	c.count()
	return c.FS.Open(name)
}

func TestASiteMayBringItsOwnPatterns(t *testing.T) {
	fsys := fstest.MapFS{
		Dir + "/hyph-xx.pat.txt": {Data: []byte("1b 1d")},
		Dir + "/hyph-xx.hyp.txt": {Data: []byte("% exceptions\nba-da\n")},
		Dir + "/LICENCES.txt":    {Data: []byte("==== hyph-xx ====\n% hyphenmins:\n%     typesetting:\n%         left: 1\n%         right: 1\n")},
	}
	h := lang(t, New(fsys), "xx")
	for word, want := range map[string]string{"abab": "a-ba-b", "bada": "ba-da", "BADA": "BADA"} {
		if got := hyphenated(word, h.Points(word)); got != want {
			t.Errorf("Points(%s) = %s, want %s", word, got, want)
		}
	}
	fsys[Dir+"/hyph-xx.hyp.txt"] = &fstest.MapFile{Data: []byte("two words\n")}
	if _, err := New(fsys).Lang("xx"); err == nil || !strings.Contains(err.Error(), "hyph-xx.hyp.txt:1:") {
		t.Errorf("a malformed exception file gave error %v, want one at hyph-xx.hyp.txt:1:", err)
	}
}

func FuzzPoints(f *testing.F) {
	lib := New(root)
	for _, s := range []string{"hyphenation", "l’organisation", "ÉCOLE", "anti-war", "a\u0301b\u0301c\u0301d\u0301e\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, word string) {
		for _, tag := range []string{"en", "fr", "es"} {
			h := lang(t, lib, tag)
			n := utf8.RuneCountInString(word)
			prev := 0
			for _, p := range h.Points(word) {
				if p <= prev || p >= n {
					t.Fatalf("%s: Points(%q) = %v: out of order or range", tag, word, h.Points(word))
				}
				prev = p
			}
		}
	})
}

// BenchmarkPage hyphenates every word of a one-page leaflet (its first
// 450 words).
func BenchmarkPage(b *testing.B) {
	lib := New(root)
	for _, tag := range []string{"en", "fr", "es"} {
		text, err := os.ReadFile("testdata/leaflet-" + tag + ".txt")
		if err != nil {
			b.Fatal(err)
		}
		words := strings.Fields(string(text))[:450]
		h := lang(b, lib, tag)
		b.Run(tag, func(b *testing.B) {
			b.ReportAllocs()
			var buf []int
			for b.Loop() {
				for _, w := range words {
					buf = h.AppendPoints(buf[:0], w)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
		})
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		lang(b, New(root), "en")
	}
}

// A word's points come from the patterns the first time and from those
// known afterwards, in every goroutine asking (run with -race): both are
// the points the patterns give.
func TestKnownWordsGiveThePointsOfThePatterns(t *testing.T) {
	for _, tag := range []string{"en", "fr", "es"} {
		h := lang(t, New(root), tag)
		fresh := func() *Hyphenator {
			return &Hyphenator{pats: h.pats, tag: h.tag, left: h.left, right: h.right, exceptions: h.exceptions, known: new(sync.Map)}
		}
		text, err := os.ReadFile("testdata/leaflet-" + tag + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		words := strings.Fields(string(text))
		want := make([][]int, len(words))
		for i, w := range words {
			want[i] = fresh().Points(w) // nothing known yet
		}
		hyphenated := 0
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for range 2 {
					for i, w := range words {
						if got := h.Points(w); !slices.Equal(got, want[i]) {
							t.Errorf("%s: %q gets %v, the patterns give %v", tag, w, got, want[i])
							return
						}
					}
				}
			})
		}
		wg.Wait()
		for _, p := range want {
			if len(p) > 0 {
				hyphenated++
			}
		}
		if h.nKnown.Load() == 0 || hyphenated == 0 {
			t.Errorf("%s: %d runs known, %d words hyphenated", tag, h.nKnown.Load(), hyphenated)
		}
	}
}

// The file a site adds for a language's patterns is the one Has and Lang
// look for, however the tag is written (diff review: NotHyphenated told
// pt_BR to add hyph-pt_br.pat.txt, which Has never looked at).
func TestPatternFileIsTheOneLookedFor(t *testing.T) {
	for _, tag := range []string{"pt_BR", "pt-BR", "PT-br"} {
		if got, want := PatternFile(tag), "assets/hyphenation/hyph-pt-br.pat.txt"; got != want {
			t.Errorf("PatternFile(%q) = %q, want %q", tag, got, want)
		}
	}
	if got, want := PatternFile("en"), "assets/hyphenation/hyph-en-us.pat.txt"; got != want {
		t.Errorf("PatternFile(en) = %q, want %q", got, want)
	}
}
