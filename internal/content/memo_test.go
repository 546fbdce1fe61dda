package content

import (
	"crypto/sha256"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/tractpub/tract/internal/diag"
)

// mapMemo is a Memo in memory, keyed by the bytes, that counts what it
// was asked.
type mapMemo struct {
	mu            sync.Mutex
	kept          map[[sha256.Size]byte][]byte
	hits, misses  int
	keptThisRound int
}

func (m *mapMemo) Recall(_ string, data []byte) (*FrontMatter, string, func(*FrontMatter, string)) {
	key := sha256.Sum256(data)
	m.mu.Lock()
	defer m.mu.Unlock()
	if rec, ok := m.kept[key]; ok {
		if fm, digest, err := ReadFront(rec); err == nil {
			m.hits++
			return fm, digest, nil
		}
	}
	m.misses++
	return nil, "", func(fm *FrontMatter, digest string) {
		m.mu.Lock()
		defer m.mu.Unlock()
		if rec := AppendFront(nil, fm, digest); rec != nil {
			m.kept[key] = rec
			m.keptThisRound++
		}
	}
}

// AppendFront and ReadFront name every field of FrontMatter: one added
// without them would be lost between two builds, by the very binary that
// wrote it.
func TestEveryFieldOfFrontMatterIsKept(t *testing.T) {
	const kept = 16 // Title … Paper, Line, ArticleLines, whens
	if n := reflect.TypeFor[FrontMatter]().NumField(); n != kept {
		t.Fatalf("FrontMatter has %d fields, AppendFront and ReadFront keep %d: keep the new ones, then change this count", n, kept)
	}
}

// Front matter read back from a Memo is the front matter parsed, for
// every kind of value: times with an offset, with Z, floating and all
// day; empty lists, no list and null; numbers; a translation's source.
func TestFrontMatterKeptIsFrontMatterParsed(t *testing.T) {
	for _, text := range []string{
		"title: T",
		"title: \"Quoted: «x»\"\nsummary: >\n  folded\n  lines\ndate: 2024-02-24\ntags: [a, b c]\n",
		"title: E\nstarts: 2024-10-19T10:00:00+01:00\nends: 2024-10-19T12:30Z\nvenue: Hall\naddress: 1 Road\n",
		"title: E\nstarts: 2024-10-19T10:00\nends: 2024-10-19 12:00\n",
		"title: E\nstarts: 2024-10-19\nends: 2024-10-21\n",
		"title: E\nstarts: 2024-03-31T02:30:00+00:00\n",
		"title: T\ntags: []\narticles: []\nsignatories:\n",
		"title: B\nnumber: 12\narticles: [a, b]\ntranslated_from: en@0123456789ab\npaper: a5\n",
		"title: S\nsignatories: [Ana, Bo, \"C, D\"]\n",
	} {
		src, perr := split([]byte("---\n" + text + "\n---\nBody.\n"))
		if perr != nil {
			t.Fatal(perr.msg)
		}
		fm, errs := parseFrontMatter(src)
		if len(errs) > 0 {
			t.Fatalf("%q: %v", text, errs)
		}
		rec := AppendFront(nil, fm, "0123456789ab")
		if rec == nil {
			t.Fatalf("%q: not kept", text)
		}
		back, digest, err := ReadFront(rec)
		if err != nil || digest != "0123456789ab" || !reflect.DeepEqual(back, fm) {
			t.Errorf("%q: read back %+v, %q, %v; parsed %+v", text, back, digest, err, fm)
		}
		for cut := range rec {
			if _, _, err := ReadFront(rec[:cut]); err == nil {
				t.Fatalf("%q: a record cut at %d of %d bytes reads", text, cut, len(rec))
			}
		}
	}
}

// A site loaded with a Memo is the site loaded without one, the second
// time from the Memo, and the checks that depend on where a file is are
// made even for bytes remembered: the same file is a good event and a
// leaflet without text.
func TestLoadWithAMemoGivesTheSameSite(t *testing.T) {
	event := "---\ntitle: Meeting\nstarts: 2026-11-20T18:00:00+01:00\nvenue: Hall\n---\n"
	fsys := fstest.MapFS{
		"tract.toml":                           {Data: []byte("base_url = \"https://example.org\"\nlanguages = [\"en\", \"fr\"]\n[title]\nen = \"Site\"\nfr = \"Site\"\n")},
		"content/leaflets/rent/en.md":          {Data: []byte("---\ntitle: Rent\ndate: 2026-11-01\ntags: [housing]\n---\nThe rent goes up.\n")},
		"content/leaflets/rent/fr.md":          {Data: []byte("---\ntitle: Loyer\ntranslated_from: en@000000000000\n---\r\nLe loyer augmente.\r\n")},
		"content/events/meeting/en.md":         {Data: []byte(event)},
		"content/pages/about/en.md":            {Data: []byte("---\ntitle: About\n---\nWho we are.\n")},
		"content/leaflets/same-as-event/en.md": {Data: []byte(event)},
		"content/leaflets/broken/en.md":        {Data: []byte("---\ntitle: [open\n---\nText.\n")},
	}
	load := func(memo Memo) (*Site, []diag.Diagnostic) {
		var diags diag.List
		s := LoadWith(fsys, &diags, memo)
		if s == nil {
			t.Fatal("no site")
		}
		return s, diags.Sorted()
	}
	want, wantDiags := load(nil)
	memo := &mapMemo{kept: map[[sha256.Size]byte][]byte{}}
	for round := range 2 {
		memo.hits, memo.misses, memo.keptThisRound = 0, 0, 0
		got, diags := load(memo)
		if !reflect.DeepEqual(diags, wantDiags) {
			t.Errorf("round %d: diagnostics\n%v\nwithout a memo\n%v", round, diags, wantDiags)
		}
		for _, it := range want.Items {
			for lang, v := range it.Variants {
				g := got.Item(it.Section, it.Slug).Variants[lang]
				if g == nil || !reflect.DeepEqual(g.Front, v.Front) || g.Digest != v.Digest || string(g.Body) != string(v.Body) || g.BodyLine != v.BodyLine {
					t.Errorf("round %d: %s differs from a load without a memo", round, v.Path)
				}
			}
		}
		// Six files, five distinct texts, one broken: four kept the first
		// time (the same bytes twice are kept once, or recalled the
		// second time, as the readers go); the second time, all but the
		// broken one are recalled.
		switch {
		case round == 0 && (memo.hits+memo.misses != 6 || len(memo.kept) != 4):
			t.Errorf("first load: %d asked, %d kept; want 6 and 4", memo.hits+memo.misses, len(memo.kept))
		case round == 1 && (memo.hits != 5 || memo.misses != 1 || memo.keptThisRound != 0):
			t.Errorf("second load: %d recalled, %d decoded, %d kept; want 5, 1 and 0", memo.hits, memo.misses, memo.keptThisRound)
		}
	}
	if !strings.Contains(diagText(wantDiags), "same-as-event/en.md:5: error: no text after the front matter") {
		t.Errorf("the leaflet without text is not reported: %v", wantDiags)
	}
}

func diagText(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}
