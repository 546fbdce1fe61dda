package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/search"
)

// Search is static: each language has an index, <lang>/search-index.json,
// that the search page's script (assets/site/search.js) downloads and
// queries in the browser. The index holds, for each page of the language,
// what a result shows (title, summary, section and date) and, for each
// word of the titles, summaries, tags and texts, the pages it occurs in.
// Words are stored folded (see search.Terms), and the script folds what the
// reader types the same way, so "fevrier" finds "février" and "coeur"
// finds "cœur".
//
// Two things keep the file small. A word found in one page only (about
// two words in three: names, rare words) is listed with that page, in
// Doc.Words, rather than in Terms. The pages of a word in Terms are
// written as the differences between successive page numbers, in base
// 36, joined by dots: pages 3, 4, 40 are "3.1.10".

// SearchIndexPath is the site path of lang's search index.
func SearchIndexPath(lang string) string { return lang + "/" + searchIndexName }

// searchIndexName is the name of a language's search index in its folder.
const searchIndexName = "search-index.json"

// UseSearchIndex gives r lang's index as the last build wrote it, when
// the build keeps that file: the search pages, which weigh every other
// language's index, then do not make it again. It must be called before
// anything is rendered.
func (r *Renderer) UseSearchIndex(lang string, data []byte) {
	if s := r.indexes[lang]; s != nil {
		// Only its size is kept: its file is there already.
		s.once.Do(func() { s.n = gzippedSize(data) })
	}
}

// searchSummaryLen bounds the summary a result shows, in characters.
const searchSummaryLen = 160

// searchIndex is one language's index. Docs are in the order lists use
// (newest first); Terms are the folded words found in several pages,
// each with their numbers (see above), sorted by word. Its file is the
// JSON object {"lang": Lang, "docs": Docs, "terms": {word: pages}}, as
// appendJSON writes it.
type searchIndex struct {
	Lang  string
	Docs  []searchDoc
	Terms []searchTerm
}

// searchTerm is a word of Terms and the numbers of its pages.
type searchTerm struct{ Word, Pages string }

// searchDoc is what a result shows; the keys are short because they
// repeat. appendJSON writes the keys the tags name (the tests compare it
// with encoding/json).
type searchDoc struct {
	Path    string `json:"p"`           // site path of the page
	Title   string `json:"t"`           // title
	Summary string `json:"s,omitempty"` // summary, shortened
	Meta    string `json:"m"`           // section and date, in the page's language
	Words   string `json:"w,omitempty"` // the folded words found in this page only, sorted
}

// searched are the items whose pages lang's search index holds: those
// with a variant in lang, newest first. The slice is never nil, for
// File.Shows.
func (r *Renderer) searched(lang string) []*content.Item {
	items := []*content.Item{}
	for _, it := range r.order {
		if r.hasPage(it, lang) {
			items = append(items, it)
		}
	}
	return items
}

// searchedElsewhere are the items whose pages the search index of a
// language other than lang holds: what lang's search page, which weighs
// those indexes, shows (File.Shows). It holds each such item's texts in
// every language, lang's among them, where the indexes read only their
// own: more than the page reads, never less. The slice is never nil.
func (r *Renderer) searchedElsewhere(lang string) []*content.Item {
	items := []*content.Item{}
	for _, it := range r.order {
		for _, l := range r.cfg.Languages {
			if l != lang && r.hasPage(it, l) {
				items = append(items, it)
				break
			}
		}
	}
	return items
}

// searchIndex makes lang's index file.
func (r *Renderer) searchIndex(lang string) []byte {
	idx := r.searchIndexOf(lang)
	return idx.appendJSON(make([]byte, 0, idx.jsonSize()))
}

// searchIndexOf gathers lang's index: every page that exists in lang.
func (r *Renderer) searchIndexOf(lang string) *searchIndex {
	idx := &searchIndex{Lang: lang}
	ws := newWordSet(search.NewFolder(lang))
	for _, it := range r.searched(lang) {
		v := it.Published(lang)
		c := r.card(it, lang)
		meta := c.Section
		if c.Date != "" {
			meta += " · " + c.Date
		}
		ws.page = len(idx.Docs)
		idx.Docs = append(idx.Docs, searchDoc{Path: c.Path, Title: c.Title, Summary: shorten(c.Summary, searchSummaryLen), Meta: meta})
		// Each text is folded alone: no word spans two texts.
		ws.addText(c.Title)
		ws.addText(c.Summary)
		for _, t := range it.Meta.Tags {
			ws.addText(t)
			if name := r.cfg.TagName(t, lang); name != strings.TrimSpace(t) {
				ws.addText(name)
			}
		}
		for _, s := range it.Meta.Signatories {
			ws.addText(s)
		}
		ws.addText(it.Meta.Venue)
		if d := r.docs.Get(v); d != nil {
			ws.addFolded(d.SearchWords())
		}
		if it.Section == "events" {
			ws.addText(it.Meta.Address)
		}
	}
	idx.Terms = make([]searchTerm, 0, len(ws.words)/2)
	only := make([][]string, len(idx.Docs)) // words of one page, by page
	for id, t := range ws.words {
		if ws.pageCount(id) == 1 {
			only[ws.last[id]] = append(only[ws.last[id]], t)
			continue
		}
		idx.Terms = append(idx.Terms, searchTerm{t, string(ws.pages[id])})
	}
	slices.SortFunc(idx.Terms, func(a, b searchTerm) int { return strings.Compare(a.Word, b.Word) })
	for n, words := range only {
		slices.Sort(words)
		idx.Docs[n].Words = strings.Join(words, " ")
	}
	return idx
}

// wordSet gathers the folded words of a language's pages and the pages
// each occurs in.
type wordSet struct {
	fold *search.Folder
	page int            // the page whose words are being added
	ids  map[string]int // word -> its index in words and pages
	// words holds each word once, in the order first found. pages holds
	// the pages each occurs in, each once, as the index writes them: the
	// first page's number, then each next one's distance from the one
	// before, in base 36, a dot between two. Written so as they come,
	// they take a byte or two each, where a list of numbers took eight
	// (a build of the bench corpus, 3,000 items, allocated 28 MB more).
	// last is the last page added for a word.
	words []string
	pages [][]byte
	last  []int
}

// pageCount is the number of pages the word id occurs in.
func (ws *wordSet) pageCount(id int) int { return bytes.Count(ws.pages[id], []byte{'.'}) + 1 }

func newWordSet(f *search.Folder) *wordSet {
	// A site of a few hundred pages has some thousands of distinct words.
	return &wordSet{fold: f, ids: make(map[string]int, 1<<12)}
}

// addText adds the words of s to the current page.
func (ws *wordSet) addText(s string) { ws.fold.Each(s, ws.add) }

// addFolded adds words folded already, separated by spaces (see
// markdown.Doc.SearchWords).
func (ws *wordSet) addFolded(s string) {
	for w := range strings.FieldsSeq(s) {
		ws.add([]byte(w))
	}
}

// add adds a folded word to the current page; w is not kept.
func (ws *wordSet) add(w []byte) {
	id, ok := ws.ids[string(w)]
	if !ok {
		id = len(ws.words)
		t := string(w)
		ws.ids[t] = id
		ws.words = append(ws.words, t)
		ws.pages = append(ws.pages, strconv.AppendInt(nil, int64(ws.page), 36))
		ws.last = append(ws.last, ws.page)
		return
	}
	if last := ws.last[id]; last != ws.page {
		ws.pages[id] = strconv.AppendInt(append(ws.pages[id], '.'), int64(ws.page-last), 36)
		ws.last[id] = ws.page
	}
}

// shorten cuts s at a word to at most n characters, with an ellipsis.
// It works on s's bytes: every summary of the index is cut, and a copy of
// each as runes was a tenth of the index's time.
func shorten(s string, n int) string {
	end, runes := len(s), 0 // end: where character n+1 starts
	for i := range s {
		if runes == n {
			end = i
			break
		}
		runes++
	}
	if end == len(s) {
		return s
	}
	cut := end
	for k := n; k > n/2; k-- { // k: the characters before cut
		r, size := utf8.DecodeLastRuneInString(s[:cut])
		if unicode.IsSpace(r) {
			break
		}
		cut -= size
	}
	return strings.TrimRightFunc(s[:cut], func(c rune) bool { return unicode.IsSpace(c) || unicode.IsPunct(c) }) + "…"
}

// SearchView is what the search page's template needs besides the page.
type SearchView struct {
	Index  string       // site path of the page language's index
	Script string       // site path of search.js, with a version query
	Others []SearchLang // the site's other languages, searched after the page's own
	// Count holds the message of a result count in its two forms, with
	// "{n}" where the number goes: the script picks one with Intl.PluralRules.
	CountOne, CountOther string
	// Counts is SearchResults in each plural form of the language, as a
	// JSON object by the forms' CLDR names ({"one": "{n} result", …}).
	Counts string
	// AlsoIn is the label of the button that searches the other
	// languages too, with what their indexes weigh: the script fetches
	// only the page language's index until the reader asks for them.
	AlsoIn string
}

// SearchLang is another language's index, as the search page names it.
type SearchLang struct {
	Lang  string `json:"lang"`
	Index string `json:"index"` // URL relative to the search page
	Label string `json:"label"` // "in English", in the page's language
}

func (r *Renderer) search(w io.Writer, lang string) error {
	loc := r.cat.Localizer(lang)
	title, _ := loc.T("Search")
	p := r.page(lang, "search", lang+"/search/", title)
	r.sameInEveryLanguage(p, "search/")
	sv := &SearchView{Index: SearchIndexPath(lang), Script: r.SearchScript}
	sv.CountOne, _ = loc.T("SearchResults", 1, "Count", "{n}")
	sv.CountOther, _ = loc.T("SearchResults", 2, "Count", "{n}")
	// Every plural form of the language, not only one and other: Arabic
	// says "two results" in a word, Polish and Russian have "few".
	counts, err := json.Marshal(loc.PluralForms("SearchResults", "{n}"))
	if err != nil {
		return err
	}
	sv.Counts = string(counts)
	var labels []string
	weight := 0
	for _, l := range r.cfg.Languages {
		if l == lang {
			continue
		}
		label, _ := loc.T("InLanguage", "Language", loc.LanguageName(l))
		sv.Others = append(sv.Others, SearchLang{Lang: l, Index: p.URL(SearchIndexPath(l)), Label: label})
		labels = append(labels, label)
		n, err := r.searchIndexSize(l)
		if err != nil {
			return err
		}
		weight += n
	}
	if len(labels) > 0 {
		sv.AlsoIn, _ = loc.T("SearchAlsoIn", "Languages", listAnd(loc, labels), "Size", sizeText(loc, weight))
	}
	p.Search = sv
	return r.exec(w, "search.html", p)
}

// searchIndexFile is a language's search index, made once for a state
// of the site: its file and every other language's search page, which
// names what it weighs, use the same index. The bytes are kept only
// until the file is written; the pages need only their size, worked out
// when they are made. The three indexes of 3,000 items, held for the
// whole render, were 5.5 MB of the heap's peak, and 7.8 MB with a
// vocabulary thirteen times the bench corpus's.
type searchIndexFile struct {
	once sync.Once
	mu   sync.Mutex // guards data after once
	data []byte     // the index, until its file is written
	n    int        // its size gzipped
	err  error
}

// indexOf returns lang's index, made at the first call.
func (r *Renderer) indexOf(lang string) *searchIndexFile {
	s := r.indexes[lang]
	if s == nil {
		return &searchIndexFile{err: fmt.Errorf("no search index for %q, not one of the site's languages", lang)}
	}
	s.once.Do(func() {
		s.data = r.searchIndex(lang)
		if len(r.cfg.Languages) > 1 { // else no search page weighs it
			s.n = gzippedSize(s.data)
		}
	})
	return s
}

// writeSearchIndex writes lang's index, and lets its bytes go. A file
// this renderer writes a second time is made again.
func (r *Renderer) writeSearchIndex(w io.Writer, lang string) error {
	s := r.indexOf(lang)
	if s.err != nil {
		return s.err
	}
	s.mu.Lock()
	data := s.data
	s.data = nil
	s.mu.Unlock()
	if data == nil {
		data = r.searchIndex(lang)
	}
	_, err := w.Write(data)
	return err
}

// searchIndexSize is about what lang's index weighs as a web server
// sends it, gzipped (see gzippedSize).
func (r *Renderer) searchIndexSize(lang string) (int, error) {
	s := r.indexOf(lang)
	return s.n, s.err
}

// gzippedSize is what data weighs gzipped at gzip's fastest level: a few
// percent more than at a server's usual one, which the search page's
// "≈" allows for, in a fraction of the time (the three indexes of a
// 3,000-item site are megabytes).
func gzippedSize(data []byte) int {
	var c byteCounter
	z, _ := gzip.NewWriterLevel(&c, gzip.BestSpeed)
	z.Write(data)
	z.Close()
	return int(c)
}

// byteCounter is an io.Writer that counts what is written to it.
type byteCounter int

func (c *byteCounter) Write(b []byte) (int, error) {
	*c += byteCounter(len(b))
	return len(b), nil
}
