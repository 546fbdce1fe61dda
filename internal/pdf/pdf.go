package pdf

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"iter"
	"slices"
	"strings"
	"sync"
	"time"

	"rsc.io/qr"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/locale"
	"github.com/tractpub/tract/internal/markdown"
	"github.com/tractpub/tract/internal/pdf/fonts"
	"github.com/tractpub/tract/internal/pdf/hyphen"
	"github.com/tractpub/tract/internal/pdf/layout"
	"github.com/tractpub/tract/third_party/fpdf"
)

// Sizes of body text, in points. A leaflet starts at the first and shrinks
// down to the second to fit its page; other documents use a fixed size.
const (
	leafletMax = 12
	leafletMin = 8.5
	// maxLeafletPages is the most pages a leaflet too long for two is
	// set on, at leafletMin; past them it is an error.
	maxLeafletPages = 8
	articleSize     = 11
	bookletSize     = 10
)

const mm = 72 / 25.4

// qrBlockHeight is the room kept at the end of every document for the QR
// code and the address of the page.
const qrBlockHeight = 26 * mm

// A document of several pages whose last would hold little more than the
// QR block is set again smaller, if that saves the page: every copy
// printed takes a sheet less. Its text may shrink from articleSize down to
// squeezeMin, and then, if it must, its QR block to compactQRHeight (a
// code 20 mm wide, still read at a glance). The floor is modest: on an A4
// page's measure 10 pt already sets about 100 characters a line, where
// longer lines lose the reader; a leaflet's 8.5 pt is for one page read
// at once. It is tried only when the room that size frees on the pages
// before could hold the text on the last page (see squeeze).
const (
	squeezeMin      = 10
	compactQRHeight = 22 * mm
)

// Messages are the IDs of the UI messages a PDF can show: the dates and
// times, and the words of the documents' furniture. A PDF's cache key
// holds what these say in its language, and nothing else of the locales
// (see locale.Catalog.Sum), so message must be asked for every other.
var Messages = append(slices.Clone(locale.GoMessages),
	"BulletinNumber", "Contents", "DateTime", "EventDays", "EventFrom", "EventSameDay", "EventZone", "Signatories", "FootnotesHeading",
	"OutdatedPrint", "PartlyTranslatedPrint")

// message renders the message id in loc's language. One not in Messages
// is shown as an error in the document, where tests see it: the cache
// would not know that the PDF shows it.
func message(loc *locale.Localizer, id string, args ...any) string {
	if !slices.Contains(Messages, id) {
		return "[" + id + " is not in pdf.Messages]"
	}
	s, _ := loc.T(id, args...)
	return s
}

// Maker makes the PDF editions of variants. It holds what every document
// shares — the parsed fonts, the hyphenation patterns, the prepared
// pictures — and is safe for concurrent use: a build makes one.
type Maker struct {
	Fonts   *fonts.Set
	hyph    *hyphen.Library
	site    *content.Site
	cat     *locale.Catalog
	docs    *markdown.Docs
	images  *imageCache
	fsys    fs.FS
	modTime time.Time
	kept    *kept // the analyses of the last documents made, if KeepAnalyses asked
	// setting, if set, runs as an edition starts to be set on paper, on
	// the goroutine that sets it: a test panics there.
	setting func(paper string)
}

// NewMaker prepares a maker for site. fsys is the site overlaid on tract's
// defaults (fonts and hyphenation patterns come from it); docs are the
// parsed variants; now dates documents that have no date of their own.
func NewMaker(fsys fs.FS, site *content.Site, cat *locale.Catalog, docs *markdown.Docs, now time.Time) (*Maker, error) {
	set, err := fonts.LoadSet(fsys)
	if err != nil {
		return nil, err
	}
	return &Maker{
		Fonts: set, hyph: hyphen.New(fsys), site: site, cat: cat, docs: docs,
		images: newImageCache(fsys), fsys: fsys, modTime: now,
	}, nil
}

// With returns a maker for a new state of the same site — the items and
// their parsed texts after an edit — that shares m's fonts, hyphenation
// patterns, prepared pictures and kept analyses (see KeepAnalyses). Only the texts may differ: the site's
// files (pictures, fonts) must be the ones m was made from.
func (m *Maker) With(site *content.Site, docs *markdown.Docs) *Maker {
	n := *m
	n.site, n.docs = site, docs
	return &n
}

// WithCatalog returns a maker like m that takes the words it prints (dates,
// page numbers, headings) from cat: after an edit of the site's locales.
func (m *Maker) WithCatalog(cat *locale.Catalog) *Maker {
	n := *m
	n.cat = cat
	return &n
}

// Forget returns m, or a copy that prepares again the pictures in files
// (slash paths in the site: "content/articles/x/photo.jpg"), which an
// edit changed or removed; it shares the rest of m's prepared pictures.
func (m *Maker) Forget(files []string) *Maker {
	if len(files) == 0 {
		return m
	}
	n := *m
	n.images = m.images.without(files)
	return &n
}

// KeepAnalyses makes m keep the analysis of the last n documents it
// made (their paragraphs broken into words, hyphenated and measured), so
// that making one of them again after an edit analyses only the
// paragraphs the edit changed. tract serve asks for it, as an editor
// edits the same text again and again and waits for its PDFs each time;
// a build, which makes each document once, does not.
func (m *Maker) KeepAnalyses(n int) {
	m.kept = newKept(n)
}

// kept holds, for the last documents made, by variant (see keptKey),
// their analyses and the compressed pages of their editions' last PDFs.
type kept struct {
	mu   sync.Mutex
	n    int
	keys []string // least recently made first
	docs map[string]*keptDoc
}

// keptDoc is what kept holds of one document.
type keptDoc struct {
	prep  *layout.Prepared
	pages map[string]*fpdf.StreamCache // by edition, see fpdf.StreamCache
}

func newKept(n int) *kept { return &kept{n: n, docs: map[string]*keptDoc{}} }

// keptKey is the key of v's document in kept.
func keptKey(v *content.Variant) string { return v.Item.Key() + "/" + v.Lang }

func (k *kept) get(key string) *layout.Prepared {
	k.mu.Lock()
	defer k.mu.Unlock()
	if d := k.docs[key]; d != nil {
		return d.prep
	}
	return nil
}

// put keeps p as the analysis of the document key, the most recently
// made, forgetting the least recently made beyond k.n, pages and all.
func (k *kept) put(key string, p *layout.Prepared) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.keys = slices.DeleteFunc(k.keys, func(s string) bool { return s == key })
	k.keys = append(k.keys, key)
	if d := k.docs[key]; d != nil {
		d.prep = p
	} else {
		k.docs[key] = &keptDoc{prep: p, pages: map[string]*fpdf.StreamCache{}}
	}
	for len(k.keys) > k.n {
		delete(k.docs, k.keys[0])
		k.keys = k.keys[1:]
	}
}

// streams returns the cache of the compressed pages of the document
// key's last PDF of edition, a new one if there is none; nil if k is
// nil or no longer holds the document.
func (k *kept) streams(key, edition string) *fpdf.StreamCache {
	if k == nil {
		return nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	d := k.docs[key]
	if d == nil {
		return nil
	}
	c := d.pages[edition]
	if c == nil {
		c = fpdf.NewStreamCache()
		d.pages[edition] = c
	}
	return c
}

// Doc returns the parsed text of v the maker lays out, or nil.
func (m *Maker) Doc(v *content.Variant) *markdown.Doc { return m.docs.Get(v) }

// File is one PDF edition of a variant.
type File struct {
	Name    string // file name, written beside the variant's page
	Edition Edition
	Paper   string // the page size of the document: a4, a5, letter, half-letter
	Sheet   string // the paper it prints on
	Pages   int    // pages of the document (sheets sides for imposed editions)
	Data    []byte
}

// Problem is a warning about a variant's PDF, at a line of its file.
type Problem struct {
	Path    string
	Line    int
	Message string
}

// Diagnostic is p as the terminal and the build report it: a warning at
// its file and line, its message marked as the PDF's.
func (p Problem) Diagnostic() diag.Diagnostic {
	return diag.Diagnostic{Path: p.Path, Line: p.Line, Severity: diag.Warning, Message: "PDF: " + p.Message}
}

// TextError is a failure to make a text's PDFs that the text itself
// causes, and its editor can mend: a leaflet far too long to be one. Make
// and Check return it as a *TextError. Any other error they return is
// tract's own (a text compacted too soon, fpdf failing to write a
// document) or its fonts', which no edit of the text mends.
type TextError struct {
	Path string // the text's file
	Line int    // the line at fault; 0 for the text as a whole
	Msg  string
}

func (e *TextError) Error() string {
	return diag.Diagnostic{Path: e.Path, Line: e.Line, Message: e.Msg}.Error()
}

// Diagnostic is the error as tract reports it, at the text's file and
// line, as Problem.Diagnostic reports a warning.
func (e *TextError) Diagnostic() diag.Diagnostic {
	return diag.Diagnostic{Path: e.Path, Line: e.Line, Severity: diag.Error, Message: "PDF: " + e.Msg}
}

// Make sets v and writes its editions: always the plain one at the item's
// paper size; for A5 and Letter leaflets also two copies to a sheet; for
// bulletins and pamphlets also a folded booklet.
func (m *Maker) Make(v *content.Variant) ([]File, []Problem, error) {
	return m.make(context.Background(), v, true)
}

// MakeContext is Make, and stops when ctx is done: before the text is
// analysed, and before each edition is set and written. It then returns
// ctx's error. tract serve makes the PDFs of a text as soon as it is
// saved, and a save that replaces the text makes them useless.
func (m *Maker) MakeContext(ctx context.Context, v *content.Variant) ([]File, []Problem, error) {
	return m.make(ctx, v, true)
}

// Check sets every edition of v as Make does and reports the same
// problems, but writes nothing: the files it returns have no Data. It is
// for tract check, which wants the warnings (a leaflet on two pages, a
// character the font lacks) and not the bytes. It also parses the faces
// the writer embeds (once per Maker), so that a font fpdf cannot use is
// reported as Make would report it.
func (m *Maker) Check(v *content.Variant) ([]File, []Problem, error) {
	for _, f := range m.Fonts.Faces() {
		if _, err := f.PDFFont(); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", v.Path, err)
		}
	}
	return m.make(context.Background(), v, false)
}

// Warm does now what the first document would otherwise wait for: it
// parses the faces the writer embeds, and loads the hyphenation patterns
// of langs. A face or a pattern file that does not load is left for the
// documents to report, as they do. tract serve calls it as it starts, so
// that the first save an editor makes shows as fast as the next ones.
func (m *Maker) Warm(langs []string) {
	for _, f := range m.Fonts.Faces() {
		f.PDFFont() // an error is reported by the documents
	}
	for _, l := range langs {
		if Printable(l) && m.hyph.Has(l) {
			m.hyph.Lang(l) // an error is reported by the documents
		}
	}
}

// Printable reports whether tract makes PDFs of texts in lang: not of a
// language written right to left, which its layout would set left to
// right, without joining Arabic letters: a PDF no reader could read. Its
// texts have their web pages as any other, and no PDFs.
func Printable(lang string) bool { return locale.Direction(lang) != "rtl" }

// NotPrinted says which of langs get no PDFs (see Printable), and why, in
// a sentence for the terminal; "" when every one does.
func NotPrinted(langs []string) string {
	var none []string
	for _, l := range langs {
		if !Printable(l) {
			none = append(none, l)
		}
	}
	if len(none) == 0 {
		return ""
	}
	return fmt.Sprintf("no PDFs in %s: tract's PDFs are laid out left to right, and cannot yet print a language written right to left (nor join Arabic letters); its web pages are made as any other", strings.Join(none, ", "))
}

// NotHyphenated says which of langs get PDFs whose words are never
// hyphenated, since the site has no hyphenation patterns for them, and
// what to add, in a sentence for the terminal; "" when every one has
// patterns.
func (m *Maker) NotHyphenated(langs []string) string {
	var none, files []string
	for _, l := range langs {
		if Printable(l) && !m.hyph.Has(l) {
			none = append(none, l)
			files = append(files, hyphen.PatternFile(l))
		}
	}
	if len(none) == 0 {
		return ""
	}
	which := "the language"
	if len(none) > 1 {
		which = "these languages"
	}
	return fmt.Sprintf("the PDFs in %s are not hyphenated (tract has no hyphenation patterns for %s), which leaves wide gaps between words on narrow pages: to hyphenate them, add hyph-utf8's TeX patterns as %s",
		strings.Join(none, ", "), which, strings.Join(files, ", "))
}

func (m *Maker) make(ctx context.Context, v *content.Variant, write bool) ([]File, []Problem, error) {
	if m.cat.Dir(v.Lang) == "rtl" { // not Printable
		return nil, nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	for _, u := range m.Uses(v) {
		if d := m.docs.Get(u); d != nil && d.Compacted() {
			return nil, nil, fmt.Errorf("%s: the text of %s was compacted before its PDF was made", v.Path, u.Path)
		}
	}
	it := v.Item
	paper := it.Meta.Paper
	base := it.Slug + "-" + v.Lang
	eds := []edition{{ed: Plain, paper: paper, sheet: paper, name: base + "-" + paper + ".pdf"}}
	switch {
	case it.Section == "leaflets" && (paper == "a5" || paper == "letter"):
		half, sheet := paper, "a4"
		if paper == "letter" {
			half, sheet = "half-letter", "letter"
		}
		// An A5 leaflet is its own half of an A4 sheet: its plain
		// document is printed twice.
		eds = append(eds, edition{ed: TwoUp, paper: half, sheet: sheet, name: base + "-" + half + "-2up-" + sheet + ".pdf", samePages: half == paper})
	case it.Section == "bulletins" || it.Section == "pamphlets":
		half, sheet := "a5", "a4"
		if paper == "letter" {
			half, sheet = "half-letter", "letter"
		}
		eds = append(eds, edition{ed: Booklet, paper: half, sheet: sheet, name: base + "-booklet-" + sheet + ".pdf"})
	}

	// The text is analysed once (broken into words, hyphenated,
	// measured) for every paper its editions are set on. The editions
	// are then set and written at once: tract serve waits for all of
	// them before it shows a pamphlet's page (its links give each PDF's
	// pages and size), and a second core halves that wait. In a build,
	// where every core is already making other documents, it costs a
	// goroutine.
	prep := m.prepare(v)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	files := make([]File, len(eds))
	errs := make([]error, len(eds))
	pages := make([]int, len(eds)) // of the editions set on their own
	var problems []Problem         // the plain edition's: the others only repeat them
	meta := m.meta(v)
	var (
		wg       sync.WaitGroup
		panicked = make([]any, len(eds))
	)
	for i := 1; i < len(eds); i++ {
		if !eds[i].samePages {
			wg.Go(func() {
				// A panic here would end the program, whatever the
				// caller recovers: it is raised again on this goroutine.
				defer func() { panicked[i] = recover() }()
				if m.setting != nil {
					m.setting(eds[i].paper)
				}
				if errs[i] = ctx.Err(); errs[i] != nil {
					return
				}
				doc, _, err := m.setPrepared(v, prep, eds[i].paper)
				if err == nil {
					pages[i] = len(doc.Pages)
					err = ctx.Err()
				}
				if err == nil {
					files[i], err = m.edition(v, eds[i], doc, meta, write)
				}
				errs[i] = err
			})
		}
	}
	doc, problems, err := m.setPlain(ctx, v, prep, paper, &wg)
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		files[0], err = m.edition(v, eds[0], doc, meta, write)
	}
	errs[0] = err
	for i := 1; err == nil && i < len(eds); i++ {
		if eds[i].samePages {
			files[i], errs[i] = m.edition(v, eds[i], doc, meta, write)
		}
	}
	wg.Wait()
	for _, p := range panicked {
		if p != nil {
			panic(p)
		}
	}
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	// A Letter leaflet's half-Letter copies are set on their own: at
	// that size the text may take more than a sheet's front and back,
	// which would be said nowhere. (A one-page Letter leaflet whose
	// copies take both sides is as it should be.)
	for i, e := range eds {
		if e.ed == TwoUp && !e.samePages && pages[i] > max(2, len(doc.Pages)) {
			problems = append(problems, Problem{Path: v.Path, Line: v.BodyLine, Message: fmt.Sprintf(
				"the %s copies two to a %s sheet take %s, where the %s PDF takes %d: shorten the text, or print the %s PDF",
				e.paper, e.sheet, pagesWord(pages[i]), paper, len(doc.Pages), paper)})
		}
	}
	if it.Section == "bulletins" {
		_, left := m.articles(v)
		for _, av := range left {
			problems = append(problems, Problem{Path: v.Path, Line: v.Front.Line["articles"], Message: fmt.Sprintf(
				"the article %s is in %s only, a language written right to left, which tract's PDFs cannot print yet: the PDF leaves it out, the web page has it; translate it into %s to print it",
				av.Item.Slug, av.Lang, v.Lang)})
		}
	}
	return files, problems, nil
}

// setPlain sets v's plain edition on paper, on the caller's goroutine.
// If that panics, it waits for the other editions' goroutines (wg) first,
// so that none is left setting a document no one will print.
func (m *Maker) setPlain(ctx context.Context, v *content.Variant, prep *layout.Prepared, paper string, wg *sync.WaitGroup) (*layout.Document, []Problem, error) {
	ok := false
	defer func() {
		if !ok {
			wg.Wait()
		}
	}()
	if m.setting != nil {
		m.setting(paper)
	}
	if err := ctx.Err(); err != nil {
		ok = true
		return nil, nil, err
	}
	doc, problems, err := m.setPrepared(v, prep, paper)
	ok = true
	return doc, problems, err
}

// pagesWord says n pages: "3 pages".
func pagesWord(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}

// edition is one PDF file of a variant.
type edition struct {
	ed                 Edition
	paper, sheet, name string // the paper it is set on, the sheet it is printed on
	// samePages is true when the edition prints the plain edition's
	// pages (an A5 leaflet two to an A4 sheet) instead of setting its own.
	samePages bool
}

// edition writes, if write is true, the file of e from its pages.
func (m *Maker) edition(v *content.Variant, e edition, doc *layout.Document, meta Meta, write bool) (File, error) {
	pages := len(doc.Pages)
	if e.ed == Booklet {
		pages = (pages + 3) / 4 * 4
	}
	f := File{Name: e.name, Edition: e.ed, Paper: e.paper, Sheet: e.sheet, Pages: pages}
	if write {
		var buf bytes.Buffer
		if err := writePDF(&buf, doc, m.Fonts, meta, e.ed, m.kept.streams(keptKey(v), e.name)); err != nil {
			return File{}, fmt.Errorf("%s: writing the %s PDF: %w", v.Path, e.ed, err)
		}
		f.Data = buf.Bytes()
	}
	return f, nil
}

func (m *Maker) meta(v *content.Variant) Meta {
	it := v.Item
	date := it.SortTime()
	if date.IsZero() {
		date = m.modTime
	}
	summary := v.Front.Summary
	if summary == "" {
		if d := m.docs.Get(v); d != nil {
			summary = d.Summary(200)
		}
	}
	return Meta{
		Title:    markdown.Typeset(v.Title(), locale.TypographyFor(v.Lang)),
		Author:   m.site.Config.SiteTitle(v.Lang),
		Subject:  summary,
		Keywords: m.Keywords(v),
		Lang:     v.Lang,
		Date:     date.UTC(),
	}
}

// Keywords are the tags of v's item as v's language names them, as its
// page shows them (content.Config.TagName): "logement", not "housing", in
// French. Tags written twice in one item ("Housing", "housing ") are one.
func (m *Maker) Keywords(v *content.Variant) []string {
	var names []string
	tags, _ := content.DistinctTags(v.Item.Meta.Tags)
	for _, t := range tags {
		names = append(names, m.site.Config.TagName(t, v.Lang))
	}
	return names
}

// prepare analyses v's blocks for setting on any paper, starting from
// its last analysis if m keeps them.
func (m *Maker) prepare(v *content.Variant) *layout.Prepared {
	spec := m.spec(v, m.blocks(v, true))
	if m.kept == nil {
		return layout.Prepare(spec)
	}
	key := keptKey(v)
	// A maker that keeps analyses is tract serve's, whose page waits for
	// this text's PDFs alone: the paragraphs are analysed on both cores.
	spec.Earlier, spec.Remember, spec.Beside = m.kept.get(key), true, true
	p := layout.Prepare(spec)
	m.kept.put(key, p)
	return p
}

// spec is what the layout sets of v: blocks, in v's language.
func (m *Maker) spec(v *content.Variant, blocks []layout.Block) *layout.Spec {
	hy, _ := m.hyph.Lang(v.Lang) // no patterns: no hyphenation, not an error
	return &layout.Spec{
		Fonts:      m.Fonts,
		Hyphenator: hy,
		Lang:       v.Lang,
		HyphenatorFor: func(lang string) *hyphen.Hyphenator {
			h, _ := m.hyph.Lang(lang)
			return h
		},
		Images:       m.images.get,
		AbsURL:       m.site.Config.AbsURL,
		Blocks:       blocks,
		NotesHeading: message(m.cat.Localizer(v.Lang), "FootnotesHeading"),
	}
}

// set lays v out on pages of the given paper and adds footers and the QR
// block.
func (m *Maker) set(v *content.Variant, paper string) (*layout.Document, []Problem, error) {
	return m.setPrepared(v, m.prepare(v), paper)
}

// setPrepared is set with v's blocks prepared.
func (m *Maker) setPrepared(v *content.Variant, prepared *layout.Prepared, paper string) (*layout.Document, []Problem, error) {
	w, h, err := PaperSize(paper)
	if err != nil {
		return nil, nil, err
	}
	it := v.Item
	small := paper == "a5" || paper == "half-letter"
	margin := 15 * mm
	if small {
		margin = 12 * mm
	}
	margins := [4]float64{margin, margin, margin + 8*mm, margin}
	prep := prepared.ForPage(w, h, margins)
	spec := &layout.Spec{Width: w, Height: h, Margins: margins} // for the footers

	var doc *layout.Document
	var res *layout.Result
	var problems []Problem
	qrNotice := "" // the outdated notice, when the QR block prints it
	switch {
	case it.Section == "leaflets" || it.Section == "events":
		top := float64(leafletMax)
		if small {
			top = 10.5
		}
		onePage := func(prep *layout.Prepared) (doc *layout.Document, res *layout.Result, fits bool) {
			doc, res, size, fits := prep.Fit(top, leafletMin, 1)
			// Smaller pictures before a second page, or for larger text: a
			// tall picture took nearly half the page, and the leaflet went
			// to two sides, the second for its QR code alone. A smaller
			// picture is kept only for half a point of text or more.
			if prep.HasPictures() && (!fits || size < top) {
				for _, share := range []float64{0.3, 0.2} {
					least := float64(leafletMin)
					if fits {
						least = size + 0.5 // nothing smaller is kept
					}
					if least > top {
						break
					}
					d, r, sz, ok := prep.WithPictures(share).Fit(top, least, 1)
					if ok && (!fits || sz >= size+0.5) {
						doc, res, size, fits = d, r, sz, true
					}
				}
			}
			return doc, res, fits
		}
		var fits bool
		doc, res, fits = onePage(prep)
		if notice := m.readerNotice(v); !fits && notice != "" {
			// The notice near the title costs the leaflet its one page:
			// the QR block prints it instead, beside the revision mark.
			// (Analysed again without it: rare, and only then.)
			alt := layout.Prepare(m.spec(v, m.blocks(v, false))).ForPage(w, h, margins)
			if d, r, ok := onePage(alt); ok {
				doc, res, fits, qrNotice = d, r, true, notice
			}
		}
		if !fits {
			// Front and back: the largest size that fits two pages, or
			// the smallest size on as many as it takes.
			doc, res, _, fits = prep.Fit(top, leafletMin, 2)
			if !fits {
				// Set whole, a text of hundreds of pages filed as a
				// leaflet took gigabytes: past a few pages it is no
				// leaflet, and the check stops as soon as they are full.
				if _, _, _, few := prep.Fit(leafletMin, leafletMin, maxLeafletPages); !few {
					return nil, nil, &TextError{Path: v.Path, Msg: fmt.Sprintf("does not fit on %d %s pages even at %g pt: a leaflet is one or two pages; shorten it, or make it a pamphlet (content/pamphlets/)", maxLeafletPages, paperName(paper), float64(leafletMin))}
				}
				doc, res = prep.Set(leafletMin)
			}
			msg := fmt.Sprintf("does not fit on one %s page even at %g pt: the PDF has %d pages (front and back)", paperName(paper), float64(leafletMin), len(doc.Pages))
			if !fits {
				msg = fmt.Sprintf("does not fit on two %s pages even at %g pt: the PDF has %d pages", paperName(paper), float64(leafletMin), len(doc.Pages))
			}
			if qrAlone(doc, res) {
				// Every copy takes a side, or a sheet, for it.
				msg += "; the last holds nothing but the QR code: a few lines less would save it"
			}
			problems = append(problems, Problem{Path: v.Path, Message: msg})
		}
	case small:
		doc, res = prep.WithPicturesFitted().Set(bookletSize)
	default:
		fitted := prep.WithPicturesFitted()
		doc, res = fitted.Set(articleSize)
		doc, res = squeeze(fitted, doc, res, margins[0], h-margins[0]-margins[2])
	}
	for _, wn := range res.Warnings {
		problems = append(problems, Problem{Path: cmp.Or(wn.Path, v.Path), Line: wn.Line, Message: wn.Message})
	}
	if len(res.Reserved) > 0 {
		if err := m.qrBlock(doc, res.Reserved[0], v, qrNotice); err != nil {
			return nil, nil, err
		}
	}
	m.footers(doc, v, spec)
	return doc, problems, nil
}

// squeeze returns doc, set from prep at articleSize, set smaller on a page
// less if its last page holds little but the QR block (see squeezeMin),
// or else doc itself. top is where the text block starts, textH its height.
func squeeze(prep *layout.Prepared, doc *layout.Document, res *layout.Result, top, textH float64) (*layout.Document, *layout.Result) {
	n := len(doc.Pages)
	if n < 2 || len(res.Reserved) == 0 {
		return doc, res
	}
	// Text set smaller takes less of each page, both ways: the pages
	// before the last free about this share of theirs, and a last page
	// holding more text than that (above its QR block) cannot be saved.
	scale := float64(squeezeMin) / articleSize
	freed := 1 - scale*scale
	// A page less saves paper only where it saves a sheet: such PDFs are
	// printed on both sides (see Duplex), so from an odd number of pages,
	// or from two to one, which needs no printing on both sides at all.
	// Twelve pages set again to make eleven would cost as much as setting
	// them, and take the same six sheets.
	if n > 2 && n%2 == 0 {
		return doc, res
	}
	if r := res.Reserved[0]; r.Page != n || r.Y-top > float64(n-1)*freed*textH {
		return doc, res
	}
	// The size: 10.5 pt where the text would shrink that little, else
	// the floor, in half points (a quarter point more is not worth a
	// setting, each as dear as the first). Text shrinks about as the
	// square of its size: to save the last page, the n-1 pages before it
	// must hold its text too. With the QR block as it is, whose
	// articleSize did not fit, else with the smaller one. Most documents
	// tried fit at the first size tried, in one setting.
	need := float64(n-1) / (float64(n-1) + (res.Reserved[0].Y-top)/textH)
	sizes := []float64{squeezeMin}
	if half := squeezeMin + 0.5; half/articleSize*(half/articleSize) >= need {
		sizes = []float64{half, squeezeMin}
	}
	for _, p := range []*layout.Prepared{prep, prep.WithReserve(0, compactQRHeight)} {
		for _, size := range sizes {
			if d, r, _, ok := p.Fit(size, size, n-1); ok {
				return d, r
			}
		}
	}
	return doc, res
}

// qrAlone reports whether the last page of doc holds nothing but the
// room kept for the QR code (drawn later, as the footers are).
func qrAlone(doc *layout.Document, res *layout.Result) bool {
	n := len(doc.Pages)
	return n > 1 && len(res.Reserved) > 0 && res.Reserved[0].Page == n && len(doc.Pages[n-1].Ops) == 0
}

func paperName(p string) string {
	switch p {
	case "a4", "a5":
		return strings.ToUpper(p)
	case "letter":
		return "Letter"
	}
	return "half-Letter"
}

// blocks composes the document of a variant according to its section.
// The notice a translation prints for its readers (readerNotice) is
// near its title if notice is true; else the caller prints it in the QR
// block.
func (m *Maker) blocks(v *content.Variant, notice bool) []layout.Block {
	it := v.Item
	loc := m.cat.Localizer(v.Lang)
	typo := locale.TypographyFor(v.Lang)
	title := markdown.Typeset(v.Title(), typo)
	doc := m.docs.Get(v)
	siteTitle := markdown.Typeset(m.site.Config.SiteTitle(v.Lang), typo)
	date := ""
	if !it.Meta.Date.IsZero() {
		date = loc.Date(it.Meta.Date.Time)
	}
	var b []layout.Block
	// from is where a text is written, for a warning of a character the
	// fonts lack: the zero from is the variant's own file, line unknown.
	type from struct {
		path string
		line int
	}
	orig := cmp.Or(it.Variants[it.Original], v)
	origKey := func(key string) from { return from{orig.Path, orig.Front.Line[key]} }
	cfg := m.site.Config
	ofTitle, ofSite := from{v.Path, v.Front.Line["title"]}, from{content.ConfigFile, cmp.Or(cfg.Line("title."+v.Lang), cfg.Line("title"))}
	text := func(s string, at from, font layout.Font, scale float64, align layout.Align) {
		if s != "" {
			b = append(b, layout.Block{Kind: layout.BlockText, Text: s, Font: font, Scale: scale, Align: align, Path: at.path, Line: at.line, Balance: s == title})
		}
	}
	space := func(ems float64) { b = append(b, layout.Block{Kind: layout.BlockSpace, Height: ems}) }
	body := func(d *markdown.Doc) {
		if d != nil {
			b = append(b, layout.Block{Kind: layout.BlockMarkdown, Doc: d})
		}
	}
	t := func(id string, args ...any) string { return message(loc, id, args...) }
	// readerNote prints v's notice to its readers (readerNotice), if it
	// has one, near its title, where its reader sees it before the text.
	readerNote := func(gap, scale float64, align layout.Align) {
		if s := m.readerNotice(v); s != "" && notice {
			space(gap)
			text(s, from{}, layout.SansBold, scale, align)
		}
	}

	switch it.Section {
	case "bulletins":
		text(siteTitle, ofSite, layout.SansBold, 2.1, layout.Center)
		space(0.2)
		masthead := t("BulletinNumber", "Number", it.Meta.Number)
		if date != "" {
			masthead += " · " + date
		}
		text(masthead, from{}, layout.Sans, 1.1, layout.Center)
		space(0.4)
		b = append(b, layout.Block{Kind: layout.BlockRule})
		space(0.6)
		text(title, ofTitle, layout.SansBold, 1.5, layout.Left)
		readerNote(0.3, 0.85, layout.Left)
		space(0.5)
		body(doc)
		held, _ := m.articles(v)
		for _, av := range held {
			a := av.Item
			b = append(b, layout.Block{Kind: layout.BlockHeading, Text: markdown.Typeset(av.Title(), locale.TypographyFor(av.Lang)), Level: 1, Bookmark: true, Path: av.Path, Line: av.Front.Line["title"]})
			if !a.Meta.Date.IsZero() {
				// With the title, and with the article's first lines.
				b = append(b, layout.Block{Kind: layout.BlockText, Text: loc.Date(a.Meta.Date.Time), Font: layout.Sans, Scale: 0.85, Align: layout.Left, Keep: true},
					layout.Block{Kind: layout.BlockSpace, Height: 0.4, Keep: true})
			}
			if s := m.readerNotice(av); s != "" { // under its own title
				b = append(b, layout.Block{Kind: layout.BlockText, Text: s, Font: layout.SansBold, Scale: 0.85, Align: layout.Left, Keep: true},
					layout.Block{Kind: layout.BlockSpace, Height: 0.4, Keep: true})
			}
			body(m.docs.Get(av))
		}
	case "pamphlets":
		// The title page's block high on it, however tall: a quarter of
		// the room it leaves above it, three below. (A space, dropped
		// at the top of a page, left the title against the margin.)
		b = append(b, layout.Block{Kind: layout.BlockFill, Share: 0.25})
		text(title, ofTitle, layout.SansBold, 2.4, layout.Center)
		space(1)
		if s := v.Front.Summary; s != "" {
			text(markdown.Typeset(s, typo), from{}, layout.SerifItalic, 1.15, layout.Center)
			space(2)
		}
		text(siteTitle, ofSite, layout.Sans, 1.1, layout.Center)
		text(date, from{}, layout.Sans, 1, layout.Center)
		readerNote(2, 0.9, layout.Center)
		b = append(b, layout.Block{Kind: layout.BlockPageBreak})
		if doc != nil && layout.ContentsEntries(doc.Headings()) > 1 {
			b = append(b, layout.Block{Kind: layout.BlockHeading, Text: t("Contents"), Level: 2})
			b = append(b, layout.Block{Kind: layout.BlockContents, Doc: doc})
			b = append(b, layout.Block{Kind: layout.BlockPageBreak})
		}
		body(doc)
	case "events":
		text(title, ofTitle, layout.SansBold, 2.5, layout.Center)
		space(0.8)
		text(loc.Capitalize(eventWhen(loc, it.Meta, cfg.OtherZone(it.Meta.Starts))), from{}, layout.SansBold, 1.45, layout.Center)
		space(0.4)
		text(markdown.Typeset(it.Meta.Venue, locale.TypographyFor(it.Original)), origKey("venue"), layout.Sans, 1.35, layout.Center)
		text(it.Meta.Address, origKey("address"), layout.Sans, 1.15, layout.Center)
		readerNote(0.6, 0.85, layout.Center)
		space(0.8)
		b = append(b, layout.Block{Kind: layout.BlockRule})
		space(0.6)
		body(doc)
	default:
		text(title, ofTitle, layout.SansBold, 2, layout.Left)
		space(0.3)
		text(date, from{}, layout.Sans, 0.85, layout.Left)
		readerNote(0.3, 0.85, layout.Left)
		space(0.8)
		body(doc)
		if sig := it.Meta.Signatories; len(sig) > 0 {
			b = append(b, layout.Block{Kind: layout.BlockHeading, Text: t("Signatories", len(sig)), Level: 3})
			names := make([]string, len(sig))
			for i, n := range sig {
				names[i] = markdown.Typeset(n, locale.TypographyFor(it.Original))
			}
			at := origKey("signatories")
			b = append(b, layout.Block{Kind: layout.BlockList, Items: names, Ordered: true, Path: at.path, Line: at.line})
		}
	}
	space(0.6)
	b = append(b, layout.Block{Kind: layout.BlockReserve, Height: qrBlockHeight})
	return b
}

// readerNotice is what the printed copy of v says, in v's language, if
// v is an outdated translation: that the original has changed since, and
// where to read it (the web page the QR code leads to links it); or, if
// a third or more of v is still its source's word for word
// (Variant.PartlyCopied), that parts of it are not translated; "" for
// any other variant. The copy handed out is the one a reader has, and
// the build's warning reaches only the editor.
func (m *Maker) readerNotice(v *content.Variant) string {
	from := v.TranslatedFrom()
	if from == nil {
		return ""
	}
	loc := m.cat.Localizer(v.Lang)
	switch {
	case v.Outdated:
		return message(loc, "OutdatedPrint", "Language", loc.LanguageName(from.Lang))
	case v.PartlyCopied():
		return message(loc, "PartlyTranslatedPrint")
	}
	return ""
}

// articles lists the articles a bulletin's PDF holds, each in the language
// its readers get, and those it leaves out: an article its readers get in
// a language written right to left, which the PDF cannot print (see
// Printable).
func (m *Maker) articles(v *content.Variant) (held, left []*content.Variant) {
	for _, slug := range v.Item.Meta.Articles {
		a := m.site.Item("articles", slug)
		if a == nil || a.Original == "" {
			continue
		}
		av := a.Variants[a.ReaderLang(v.Lang)]
		if m.cat.Dir(av.Lang) == "rtl" {
			left = append(left, av)
			continue
		}
		held = append(held, av)
	}
	return held, left
}

// Uses lists the variants whose Docs the PDFs of v lay out: v and, for a
// bulletin, its articles. Their ASTs must be there until those PDFs are
// made: a compacted Doc (see markdown.Doc.Compact) cannot be laid out.
func (m *Maker) Uses(v *content.Variant) []*content.Variant {
	if v.Item.Section != "bulletins" {
		return []*content.Variant{v}
	}
	held, _ := m.articles(v)
	return append([]*content.Variant{v}, held...)
}

// eventWhen writes an event's date and time as the site does.
func eventWhen(loc *locale.Localizer, m content.Meta, zone string) string {
	return loc.EventWhen(m.Starts.Time, m.Ends.Time, m.Starts.AllDay, zone, func(id string, args ...any) string { return message(loc, id, args...) })
}

// qrBlock draws, in the box the layout kept, a QR code of the variant's web
// address, the address in letters, and a revision mark (the digest) so that
// people know which version they printed; then notice, if not "", in as
// many lines as it takes.
func (m *Maker) qrBlock(doc *layout.Document, at layout.Place, v *content.Variant, notice string) error {
	url := m.site.Config.AbsURL(v.Item.PagePath(v.Lang))
	code, err := qr.Encode(url, qr.M)
	if err != nil {
		return fmt.Errorf("%s: QR code: %w", v.Path, err)
	}
	page := doc.Pages[at.Page-1]
	side := min(at.H-2*mm, 24*mm)
	module := side / float64(code.Size)
	x0, y0 := at.X, at.Y+(at.H-side)/2
	// One rectangle per run of black modules keeps the file small. The
	// runs are counted first, so that the page's operations grow once
	// (with room for the link and the lines of text), not run by run.
	runs := 0
	for range blackRuns(code) {
		runs++
	}
	page.Ops = slices.Grow(page.Ops, runs+8)
	for r := range blackRuns(code) {
		page.Ops = append(page.Ops, layout.Op{Kind: layout.OpRect, Fill: true, X: x0 + float64(r.x)*module, Y: y0 + float64(r.y)*module, W: float64(r.n) * module, H: module * 1.02})
	}
	page.Ops = append(page.Ops, layout.Op{Kind: layout.OpLink, X: x0, Y: y0, W: side, H: side, URL: url})
	tx := x0 + side + 4*mm
	sans := m.Fonts.Sans
	size := 8.5
	shown := layout.ShownAddress(url) // as the addresses after links show it
	type line struct {
		text string
		font layout.Font
		sz   float64
	}
	lines := []line{{markdown.Typeset(m.site.Config.SiteTitle(v.Lang), locale.TypographyFor(v.Lang)), layout.SansBold, size + 1}}
	// The address whole, on two lines if it must be, broken after a
	// slash: cut short, it would lead nowhere typed from the paper.
	shownSafe, _ := sans.Sanitize(shown)
	for _, part := range breakAddress(sans, shownSafe, size, at.X+at.W-tx) {
		lines = append(lines, line{part, layout.Sans, size})
	}
	// In the face of the line above: hex digits need no monospace, and a
	// face of its own would be a fifth font subset in every PDF whose
	// text has no code, some 3.5 KB.
	lines = append(lines, line{"rev " + v.Digest, layout.Sans, size - 1})
	if notice != "" {
		bold, _ := m.Fonts.SansBold.Sanitize(notice)
		for _, l := range wrapWords(m.Fonts.SansBold, bold, size-0.5, at.X+at.W-tx) {
			lines = append(lines, line{l, layout.SansBold, size - 0.5})
		}
	}
	y := y0 + side/2 - 1.1*size - float64(len(lines)-3)*0.725*size
	top := y
	for _, l := range lines {
		face := m.face(l.font)
		text, _ := face.Sanitize(l.text)
		text = fitText(face, text, l.sz, at.X+at.W-tx)
		page.Ops = append(page.Ops, layout.Op{Kind: layout.OpText, X: tx, Y: y, Text: text, Font: l.font, Size: l.sz, Gray: 0})
		y += l.sz * 1.45
	}
	page.Ops = append(page.Ops, layout.Op{Kind: layout.OpLink, X: tx, Y: top - size, W: min(sans.Width(shown, size), at.X+at.W-tx), H: float64(len(lines)) * size * 1.45, URL: url})
	return nil
}

// breakAddress sets a printed address in lines no wider than width: one
// if it fits, else two, the first ending after the last slash that lets
// it fit, or else before a hyphen, which then starts the second line (a
// hyphen at a line's end reads as a word broken, not as part of the
// address). Only a second line too long for the room is cut short
// (fitText).
func breakAddress(face *fonts.Face, addr string, size, width float64) []string {
	if face.Width(addr, size) <= width {
		return []string{addr}
	}
	for _, at := range []func(i int) bool{
		func(i int) bool { return addr[i-1] == '/' },
		func(i int) bool { return addr[i] == '-' },
	} {
		for i := len(addr) - 1; i > 0; i-- {
			if at(i) && face.Width(addr[:i], size) <= width {
				return []string{addr[:i], fitText(face, addr[i:], size, width)}
			}
		}
	}
	return []string{fitText(face, addr, size, width)}
}

// wrapWords breaks s into lines no wider than width, between words; a
// word wider than width is a line of its own, cut short by the caller.
func wrapWords(face *fonts.Face, s string, size, width float64) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Split(s, " ") { // not at a no-break space
		switch {
		case w == "":
		case cur == "":
			cur = w
		case face.Width(cur+" "+w, size) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// moduleRun is a run of n black modules of a QR code, from (x, y) to the
// right.
type moduleRun struct{ x, y, n int }

// blackRuns yields the runs of black modules of code, row by row.
func blackRuns(code *qr.Code) iter.Seq[moduleRun] {
	return func(yield func(moduleRun) bool) {
		for y := 0; y < code.Size; y++ {
			for x := 0; x < code.Size; {
				if !code.Black(x, y) {
					x++
					continue
				}
				end := x
				for end < code.Size && code.Black(end, y) {
					end++
				}
				if !yield(moduleRun{x, y, end - x}) {
					return
				}
				x = end
			}
		}
	}
}

// fitText shortens s with an ellipsis until it fits width.
func fitText(face *fonts.Face, s string, size, width float64) string {
	if face.Width(s, size) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && face.Width(string(r)+"…", size) > width {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ·") + "…"
}

func (m *Maker) face(f layout.Font) *fonts.Face {
	s := m.Fonts
	return [...]*fonts.Face{s.Serif, s.SerifBold, s.SerifItalic, s.SerifBoldItalic, s.Sans, s.SansBold, s.Mono}[f]
}

// footers adds to every page the site's title, the item's date and the
// page number, in the bottom margin; but no number on a cover, the
// first page of a pamphlet (its title page) or a bulletin (its
// masthead), which counts all the same: the next is "2 / 8".
func (m *Maker) footers(doc *layout.Document, v *content.Variant, spec *layout.Spec) {
	loc := m.cat.Localizer(v.Lang)
	sans := m.Fonts.Sans
	title, _ := sans.Sanitize(markdown.Typeset(m.site.Config.SiteTitle(v.Lang), locale.TypographyFor(v.Lang)))
	date := ""
	if d := v.Item.Meta.Date; !d.IsZero() {
		date, _ = sans.Sanitize(" · " + loc.Date(d.Time))
	}
	size := 7.5
	y := spec.Height - spec.Margins[2] + 6*mm
	cover := v.Item.Section == "pamphlets" || v.Item.Section == "bulletins"
	for i, p := range doc.Pages {
		num := fmt.Sprintf("%d / %d", i+1, len(doc.Pages))
		right := spec.Width - spec.Margins[1] - sans.Width(num, size)
		// A long site title is cut, not the date, which tells whoever
		// holds the paper which version they have.
		room := right - spec.Margins[3] - 4*mm
		left := fitText(sans, title+date, size, room)
		if dw := sans.Width(date, size); left != title+date && dw < room/2 {
			left = fitText(sans, title, size, room-dw) + date
		}
		p.Ops = append(p.Ops,
			layout.Op{Kind: layout.OpLine, X: spec.Margins[3], Y: y - 3.5*mm, W: spec.Width - spec.Margins[1] - spec.Margins[3], LineWidth: 0.3, Gray: 150},
			layout.Op{Kind: layout.OpText, X: spec.Margins[3], Y: y, Text: left, Font: layout.Sans, Size: size, Gray: 60},
		)
		if i > 0 || !cover {
			p.Ops = append(p.Ops, layout.Op{Kind: layout.OpText, X: right, Y: y, Text: num, Font: layout.Sans, Size: size, Gray: 60})
		}
	}
}
