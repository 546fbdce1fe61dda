package web

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/tractpub/tract/bench/corpus"
	"github.com/tractpub/tract/internal/search"
)

// renderIndex renders lang's search index file with r.
func renderIndex(t *testing.T, r *Renderer, lang string) []byte {
	t.Helper()
	for _, f := range r.Files() {
		if f.Path == SearchIndexPath(lang) {
			var b bytes.Buffer
			if err := f.Render(&b); err != nil {
				t.Fatal(err)
			}
			return b.Bytes()
		}
	}
	t.Fatalf("no file %s", SearchIndexPath(lang))
	return nil
}

// A renderer lets an index's bytes go once its file is written: the
// search pages weigh it by the size kept, and a file written again is
// made again, the same.
func TestSearchIndexIsTheSameWrittenTwiceAndWeighedAfter(t *testing.T) {
	r, _ := corpusRenderer(t, corpus.Generate(corpus.Options{Items: 30, Seed: 2}), true)
	first := renderIndex(t, r, "fr")
	if !strings.HasPrefix(string(first), `{"lang":"fr"`) {
		t.Fatalf("the index starts %.40q", first)
	}
	if again := renderIndex(t, r, "fr"); !bytes.Equal(first, again) {
		t.Errorf("written again, the index differs:\n%.200s\nfirst:\n%.200s", again, first)
	}
	if n, err := r.searchIndexSize("fr"); err != nil || n != gzippedSize(first) || n == 0 {
		t.Errorf("searchIndexSize = %d, %v; the index gzipped weighs %d", n, err, gzippedSize(first))
	}
	// An index the last build kept is weighed from its bytes, and made
	// anew if it is written.
	kept, _ := corpusRenderer(t, corpus.Generate(corpus.Options{Items: 30, Seed: 2}), true)
	kept.UseSearchIndex("fr", first)
	if n, err := kept.searchIndexSize("fr"); err != nil || n != gzippedSize(first) {
		t.Errorf("kept index: searchIndexSize = %d, %v, want %d", n, err, gzippedSize(first))
	}
	if again := renderIndex(t, kept, "fr"); !bytes.Equal(first, again) {
		t.Errorf("a kept index written again differs")
	}
	if err := r.writeSearchIndex(io.Discard, "xx"); err == nil {
		t.Error("an index of a language the site does not have was written")
	}
}

// A word's pages are written as the index reads them: the first page's
// number, then each next one's distance from the one before, in base 36,
// a page named once however often the word comes on it.
func TestAWordsPagesAreWrittenAsDistancesInBase36(t *testing.T) {
	ws := newWordSet(search.NewFolder("en"))
	for _, p := range []struct {
		page  int
		words string
	}{{0, "rent rent strike"}, {1, "rent"}, {40, "rent union"}, {41, "union"}, {1300, "union rent"}} {
		ws.page = p.page
		ws.addFolded(p.words)
	}
	want := map[string]struct {
		pages string
		count int
	}{
		"rent":   {"0.1.13.z0", 4}, // 0, 1, 40 (+39), 1300 (+1260)
		"strike": {"0", 1},
		"union":  {"14.1.yz", 3}, // 40, 41, 1300 (+1259)
	}
	if len(ws.words) != len(want) {
		t.Fatalf("words %q, want %d", ws.words, len(want))
	}
	for id, w := range ws.words {
		if got := string(ws.pages[id]); got != want[w].pages || ws.pageCount(id) != want[w].count {
			t.Errorf("%s: pages %q on %d, want %q on %d", w, got, ws.pageCount(id), want[w].pages, want[w].count)
		}
	}
}
