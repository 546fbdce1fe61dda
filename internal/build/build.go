// Package build runs tract's pipeline in order, in the stages Progress
// names: load (the content, locales, templates and image sizes), parse
// (every text, with the pdf stage alongside: a text's PDFs are made as
// soon as it is parsed), render (every page and feed), images (the
// resized copies), copy (the stylesheet, the files beside the texts,
// static/) and swap. It is the only package that writes the output
// directory. A build writes into a new directory beside dist/ and swaps it
// in only when everything succeeded, so a failed build never touches the
// last good site.
package build

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
	tract "github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/imaging"
	"github.com/tractpub/tract/internal/locale"
	"github.com/tractpub/tract/internal/markdown"
	"github.com/tractpub/tract/internal/pdf"
	"github.com/tractpub/tract/internal/web"
)

// Stylesheet is the site path of the stylesheet in tract's defaults and in
// a site that overrides it; it is published as dist/assets/tract.css.
const Stylesheet = "assets/site/tract.css"

// SearchScript is the site path of the search page's script, published as
// dist/assets/search.js.
const SearchScript = "assets/site/search.js"

// siteAssets are the files of tract's defaults (or the site's own) every
// site publishes as they are: output path and path in the site.
var siteAssets = []struct{ dst, src string }{
	{"assets/tract.css", Stylesheet},
	{"assets/search.js", SearchScript},
}

// publishedAsset is a file of siteAssets as it is published: minified.
// A reader's first page brings the stylesheet with it, and the search
// page its script, and their comments and the white space kept for people
// reading them were a third of the stylesheet and more than half of the
// script: tract's own went from 12,182 bytes to 8,236 (4,179 to 2,731
// gzipped at gzip's default level), and from 12,494 to 5,249 (4,686 to
// 2,326).
// github.com/tdewolff/minify, which Hugo minifies with, does it from a
// tokenizer of each language, where stripping comments by hand would have
// to know strings, regular expressions and url() tokens to do it right.
// The script stays ES5 (see assets/site/search.js): the minifier uses
// nothing newer than the version it is given. A file it cannot read is
// published as written. Their versions (web.Versioned) and the colours of
// the share images (imaging.StyleColors) are taken from the files as
// written.
func publishedAsset(dst string, data []byte) []byte {
	var out []byte
	var err error
	switch path.Ext(dst) {
	case ".css":
		out, err = minifier.Bytes("text/css", data)
	case ".js":
		out, err = minifier.Bytes("application/javascript", data)
	default:
		return data
	}
	if err != nil {
		return data
	}
	return out
}

var minifier = func() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.Add("application/javascript", &js.Minifier{Version: 2009}) // ECMAScript 5
	return m
}()

// searchScriptPath is the site path of the search script, versioned (see
// web.Versioned).
func searchScriptPath(script []byte) string { return web.Versioned("assets/search.js", script) }

// Options say what to build and where.
type Options struct {
	SiteDir string    // the site directory
	OutDir  string    // the output directory; default SiteDir/dist
	Now     time.Time // "now" for upcoming events and feeds; zero means the clock or SOURCE_DATE_EPOCH
	Jobs    int       // parallel workers; 0 means one per CPU
	NoPDF   bool      // make the website only
	Strict  bool      // treat warnings as errors: nothing is published if there is one
	NoCache bool      // make every PDF, neither using nor filling the cache
	// CacheDir is where PDFs are cached; "" means CacheDir().
	CacheDir string
	// Progress, if not nil, counts the work as it is done, for a display.
	Progress *Progress

	hooks *hooks // a test's, see hooks
}

// Result reports what a build did.
type Result struct {
	Diagnostics []diag.Diagnostic // errors and warnings, sorted
	Files       int               // files written
	Pages       int               // HTML pages among them
	PDFs        int               // PDF files among them
	PDFsCached  int               // PDF files among them taken from the cache
	// TextsCached counts the texts taken as the last build into the same
	// output parsed them, rather than parsed again (see textCache).
	TextsCached int
	// Reused counts the files (pages, feeds, copies) that came out as the
	// last build into the same output left them, and were linked from it
	// rather than written (see reusable).
	Reused int
	// Kept counts the files among them that were not even rendered
	// (pages, and search indexes): their inputs were the last build's
	// (see renderKeys).
	Kept int
	// UpToDate is set when nothing changed since the last build into the
	// same output, so nothing was done: the counts and diagnostics are
	// that build's (see stampFormat).
	UpToDate bool
	OutDir   string
	Elapsed  time.Duration
	// Catalog is the site's languages and UI messages, set when the
	// site loaded: tract serve matches a reader's Accept-Language with it.
	Catalog *locale.Catalog
	// Stages is how long each stage took, in order, for --timings.
	Stages []Stage
}

// Stage is one stage of a build and how long it took.
type Stage struct {
	Name    string
	Elapsed time.Duration
}

// stage records that the stage name ended now.
func (r *Result) stage(name string, since *time.Time) {
	now := time.Now()
	r.Stages = append(r.Stages, Stage{name, now.Sub(*since)})
	*since = now
}

// Site is a loaded, parsed site, ready to render: what tract build and
// tract check share.
type Site struct {
	Content  *content.Site
	Catalog  *locale.Catalog
	Renderer *web.Renderer
	Docs     *markdown.Docs
	Images   map[string]*imaging.Image // the items' images, by path in the site
	fsys     fs.FS                     // the site overlaid on the defaults
	bad      map[string]error          // the images that could not be read, by path
	now      time.Time

	tmpl                   *web.Templates
	css, script, shareFont []byte // the stylesheet, the search script, the font of share images
	parser                 *markdown.Parser
	texts                  *textCache // the last build's texts, for a build (see textCache)
	reparsed               *reparsed  // for a preview, see reparsed

	// keep, set by LoadPreview, keeps the texts it parsed and the front
	// matter it decoded for the next load (see KeepTexts). The sites an
	// edit makes of this one share it.
	keep *keeper
	// TextsTaken is how many texts LoadPreview took from the last
	// build's cache instead of parsing them.
	TextsTaken int
	// links indexes the links of Docs: for the files no text links to
	// (see reportUnlinkedFiles), and for the next edit of a preview (see
	// Site.linking). parse makes it, and each edit makes the index of
	// the site it makes from its own (linkIndex.edited); where it is nil,
	// or of other texts, an edit indexes every text (linkIndexOf).
	links *linkIndex
}

// Now returns the time a build treats as now: SOURCE_DATE_EPOCH when set,
// so that builds are reproducible, otherwise the clock.
func Now() (time.Time, error) {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		var sec int64
		if _, err := fmt.Sscan(s, &sec); err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	return time.Now().UTC(), nil
}

// testHookCachedPDFs, if set, is given the PDFs of a text the cache had,
// before they are published, and testHookCachedCopies the files of a
// picture's copies: a test removes them there. testHookImageWork is
// given each picture writeImages checks or resizes, as it starts.
var (
	testHookCachedPDFs   func([]cachedPDF)
	testHookCachedCopies func([]string)
	testHookImageWork    func(src string)
)

// testHookInputsSummed, if set, runs once a build has summed its inputs
// and before it reads them: a test changes a file there.
var testHookInputsSummed func()

// Load runs the stages up to rendering: load the content, the locales and
// the templates, then parse every variant. Problems go to diags; the
// returned site is nil if an error makes rendering pointless.
func Load(ctx context.Context, fsys fs.FS, now time.Time, jobs int, diags *diag.List) *Site {
	return load(ctx, fsys, now, jobs, diags, nil)
}

// load is Load, with each (if not nil) called on every text once parsed.
func load(ctx context.Context, fsys fs.FS, now time.Time, jobs int, diags *diag.List, each func(*markdown.Doc) error) *Site {
	s := prepare(ctx, fsys, now, jobs, diags, nil, nil)
	if s == nil || s.parse(ctx, jobs, diags, nil, each) != nil {
		return nil
	}
	return s
}

// LoadPreview is Load for a preview (see NewPreview): each text is
// compacted once parsed (see markdown.Doc.Compact), as a build compacts
// it, so that tract serve holds thousands of texts' HTML rather than
// their trees. Each keeps its source: the PDFs asked for parse it again
// (see editionsMaker), and so does an edit that needs it.
//
// With last set (the options of a build of the same site; its OutDir
// may be left to the default), the texts
// that build kept (see textCache) and the front matter it decoded (see
// frontMemo) are taken where the files are still the ones it read,
// instead of being parsed and decoded again: at 3,000 items, the parse
// was two thirds of tract serve's start. What the load parsed and
// decoded itself is kept there in turn by Site.KeepTexts, for the next
// start: an editor who never runs tract build waits for the parse once.
func LoadPreview(ctx context.Context, fsys fs.FS, now time.Time, jobs int, diags *diag.List, last *Options) *Site {
	compact := func(d *markdown.Doc) error { d.Compact(); return nil }
	var s *Site
	if last != nil {
		s = loadFromLast(ctx, fsys, now, jobs, diags, *last, compact)
	} else {
		s = load(ctx, fsys, now, jobs, diags, compact)
	}
	if s != nil {
		// The first edit finds the texts linking to what it changed in
		// the index parse made (s.links), as the next ones do: a walk of
		// every text (a few milliseconds at 3,000 items) is not added to
		// its wait.
		s.reparsed = newReparsed()
	}
	return s
}

// KeepTexts keeps, in the cache of the build LoadPreview was given, the
// texts the load parsed and the front matter it decoded, as a build keeps
// them: the next LoadPreview takes them. It writes nothing when the load
// took everything from there, or the cache is off; tract serve calls it
// once it serves, away from its start. A build may be writing the same
// files: each entry is keyed by what it was made from and checked by its
// sum when read (entrySum), so two writers at once cost the next load some
// parsing, never a wrong text.
func (s *Site) KeepTexts() {
	if s != nil && s.keep != nil {
		s.keep.once.Do(func() {
			s.keep.write()
			s.keep.write = nil // what it holds is garbage now
		})
	}
}

// keepParsed writes to the cache what a build, a check or a preview
// parsed and decoded, for the next one to take: the texts of docs and
// the front matter, side by side, and also, if not nil, beside them (a
// build's stamp, a check's record).
func keepParsed(texts *textCache, docs *markdown.Docs, fronts *frontMemo, also func()) {
	var wg sync.WaitGroup
	wg.Go(func() { texts.write(docs) })
	wg.Go(fronts.write)
	if also != nil {
		also()
	}
	wg.Wait()
}

// keeper writes what a load parsed, once.
type keeper struct {
	once  sync.Once
	write func()
}

// loadFromLast is load, taking what it can from the cache of the last
// build of opts (see LoadPreview). Without that cache, or when a file
// changed while it read the site, it loads as load does.
func loadFromLast(ctx context.Context, fsys fs.FS, now time.Time, jobs int, diags *diag.List, opts Options, each func(*markdown.Doc) error) *Site {
	opts.OutDir = opts.outDir()
	files, inputs, read := openForLast(fsys, opts, true)
	if inputs == nil {
		return load(ctx, fsys, now, jobs, diags, each)
	}
	var mine diag.List
	fronts := openFrontMemo(opts, inputs)
	s := prepare(ctx, files, now, jobs, &mine, nil, fronts.memo())
	read()
	if s != nil {
		// Reads after the load (an edit's, a PDF's pictures) see the
		// files as they are then.
		s.fsys = overlay{site: fsys, defaults: tract.Defaults}
		s.texts = openTextCache(opts, s, files, inputs, s.itemPrints())
		if s.parse(ctx, jobs, &mine, nil, each) != nil {
			s = nil
		} else {
			s.TextsTaken = s.texts.Hits()
			texts, docs := s.texts, s.Docs
			s.texts = nil
			s.keep = &keeper{write: func() { keepParsed(texts, docs, fronts, nil) }}
		}
	}
	if files.changed.Load() {
		// A file changed as it was read: the sums the texts were taken
		// by may not be the files the site was made of.
		return load(ctx, fsys, now, jobs, diags, each)
	}
	for _, d := range mine.Sorted() {
		diags.Add(d)
	}
	return s
}

// openForLast opens the site in fsys for a load that takes what the
// last build of opts kept (see LoadPreview): it sums the site's files as
// that build did, and returns them with the sums, the texts read for the
// loader to have without reading them again (read says the load is done
// with them). inputs is nil when there is no cache, when that build kept
// no texts and the load keeps none either (keep; summing every file
// would be for nothing), or when a file cannot be read (the load says
// which): files then reads fsys as it is.
func openForLast(fsys fs.FS, opts Options, keep bool) (files *siteFiles, inputs *inputSums, read func()) {
	if file := textsPath(opts); opts.NoCache || file == "" || !keep && !exists(file) {
		return newSiteFiles(fsys), nil, func() {}
	}
	sums, err := inputsSum(fsys, opts)
	if err != nil {
		return newSiteFiles(fsys), nil, func() {}
	}
	pre := &preread{FS: fsys, data: sums.data}
	sums.data = nil
	files = newSiteFiles(pre)
	files.seed(sums.files, sums.texts)
	return files, &sums, pre.drop
}

// pdfNotes are the notes, at the languages line of tract.toml, on the
// site's languages whose PDFs maker makes differently: none in a language
// written right to left (see pdf.Printable), no hyphenation in one
// without patterns. Nothing is wrong with the site, and nothing a build
// should stay silent about. With no maker, no PDFs are made: none.
func (s *Site) pdfNotes(maker *pdf.Maker) []diag.Diagnostic {
	if maker == nil {
		return nil
	}
	var notes []diag.Diagnostic
	for _, msg := range []string{pdf.NotPrinted(s.Catalog.Languages()), maker.NotHyphenated(s.Catalog.Languages())} {
		if msg != "" {
			notes = append(notes, diag.Diagnostic{Path: content.ConfigFile, Line: s.Content.Config.Line("languages"), Severity: diag.Note, Message: msg})
		}
	}
	return notes
}

// prepare runs the stages before parsing: it loads the content, the
// locales, the templates, the sizes of the images and the assets every
// page uses, taking from memo (if not nil) what decoding a variant file
// gave before. It returns nil after an error that makes going on
// pointless.
func prepare(ctx context.Context, fsys fs.FS, now time.Time, jobs int, diags *diag.List, prog *Progress, memo content.Memo) *Site {
	prog.begin(StageLoad, 0)
	fsys = overlay{site: fsys, defaults: tract.Defaults}
	cs := content.LoadWith(fsys, diags, memo)
	if cs == nil {
		return nil
	}
	cat := locale.Load(fsys, tract.Defaults, cs.Config.Languages, cs.Config.DefaultLanguage, diags)
	if cat == nil {
		return nil
	}
	tmpl := loadTemplates(fsys, cat, diags)
	if tmpl == nil {
		return nil
	}

	// images: the size of every image, read from its header.
	images, badImages := probeImages(ctx, fsys, cs, jobs, diags)

	s := &Site{Content: cs, Catalog: cat, Images: images, bad: badImages, fsys: fsys, now: now, tmpl: tmpl}
	for _, a := range []struct {
		name string
		data *[]byte
	}{{Stylesheet, &s.css}, {SearchScript, &s.script}, {ShareFont, &s.shareFont}} {
		data, err := fs.ReadFile(fsys, a.name)
		if err != nil {
			diags.Errorf(a.name, 0, "%v", err)
			return nil
		}
		*a.data = data
	}
	return s
}

// loadTemplates loads the site's templates, bound to cat, and checks that
// cat has every message they, the Go code and the texts' HTML ask for
// (errors go to diags). It returns nil if the templates cannot be loaded.
func loadTemplates(fsys fs.FS, cat *locale.Catalog, diags *diag.List) *web.Templates {
	tmpl := web.LoadTemplates(fsys, cat, diags)
	if tmpl != nil {
		cat.Require(slices.Concat(tmpl.MessageIDs(), web.GoMessages, markdown.Messages, pdf.Messages), diags)
		tmpl.FoldMessages(cat)
	}
	return tmpl
}

// parse parses every variant of s, in parallel, and makes the renderer.
// Each Doc is given to each, if not nil, as soon as it is parsed, on the
// goroutine that parsed it; an error from each stops the parsing and is
// returned.
func (s *Site) parse(ctx context.Context, jobs int, diags *diag.List, prog *Progress, each func(*markdown.Doc) error) error {
	cs := s.Content
	var variants []*content.Variant
	for _, it := range cs.Items {
		for _, l := range it.Langs(cs.Config.Languages) {
			variants = append(variants, it.Variants[l])
		}
	}
	all, err := s.parseSome(ctx, jobs, variants, diags, prog, each)
	if err != nil {
		return err
	}
	s.Docs = markdown.DocsOf(all)
	s.links = indexLinks(s.Docs)
	reportUnshownBadImages(cs, s.Docs, s.links, s.bad, diags)
	reportUnlinkedFiles(cs, slices.Values(cs.Items), s.Docs, s.links, s.bad, diags)
	s.Renderer = s.newRenderer()
	return nil
}

// parseSome parses variants as parse does, and returns their Docs.
func (s *Site) parseSome(ctx context.Context, jobs int, variants []*content.Variant, diags *diag.List, prog *Progress, each func(*markdown.Doc) error) (map[*content.Variant]*markdown.Doc, error) {
	p := markdown.NewParser(s.Content, s.Catalog)
	p.Images, p.BadImages = s.Images, s.bad
	s.parser = p
	docs := make([]*markdown.Doc, len(variants))
	prog.begin(StageParse, len(variants))
	err := parallel(ctx, jobs, len(variants), func(i int) error {
		docs[i] = s.parseOne(variants[i], diags)
		prog.parsedOne()
		if each != nil {
			return each(docs[i])
		}
		return nil
	})
	s.texts.parsedAll()
	if err != nil {
		return nil, err
	}
	all := make(map[*content.Variant]*markdown.Doc, len(variants))
	for i, v := range variants {
		all[v] = docs[i]
	}
	return all, nil
}

// Prepare runs the stages of Load before parsing, for tract pdf, which
// then parses only what it prints (see ParsePrinted). It returns nil
// after an error that makes going on pointless.
func Prepare(ctx context.Context, fsys fs.FS, now time.Time, diags *diag.List) *Site {
	return prepare(ctx, fsys, now, 0, diags, nil, nil)
}

// ParsePrinted parses the texts that the PDFs of variants print (see
// pdf.Maker.Uses), and no other, and returns a maker of those PDFs.
// tract pdf makes the PDFs of a few items: at 3,000 items, parsing every
// text of the site was half of its time.
func (s *Site) ParsePrinted(ctx context.Context, variants []*content.Variant, diags *diag.List) (*pdf.Maker, error) {
	maker, err := s.PDFMaker()
	if err != nil {
		return nil, err
	}
	var used []*content.Variant
	seen := map[*content.Variant]bool{}
	for _, v := range variants {
		for _, u := range maker.Uses(v) {
			if !seen[u] {
				seen[u] = true
				used = append(used, u)
			}
		}
	}
	docs, err := s.parseSome(ctx, 0, used, diags, nil, nil)
	if err != nil {
		return nil, err
	}
	s.Docs = markdown.DocsOf(docs)
	return maker.With(s.Content, s.Docs), nil
}

// parseOne parses v with s.parser, or takes it from s.texts, and
// reports its problems to diags.
func (s *Site) parseOne(v *content.Variant, diags *diag.List) *markdown.Doc {
	if s.texts == nil {
		return s.parser.Parse(v, diags)
	}
	d, ds, taken := s.texts.get(v)
	if taken {
		s.parser.Know(d) // a link into it needs it not parsed
	} else {
		var own diag.List
		d = s.parser.Parse(v, &own)
		ds = own.Sorted()
	}
	for _, x := range ds {
		diags.Add(x)
	}
	s.texts.parsed(v, ds, taken)
	return d
}

// newRenderer makes the renderer of s, its texts parsed.
func (s *Site) newRenderer() *web.Renderer {
	r := web.NewRenderer(s.Content, s.Catalog, s.tmpl, s.Docs, s.now, s.css)
	r.SearchScript = searchScriptPath(s.script)
	r.ShareFont = s.shareFont
	return r
}

// outDir is opts.OutDir, or SiteDir/dist when it is not set: where a
// build writes, and where tract serve and tract check look for the cache
// of the last one.
func (opts Options) outDir() string {
	if opts.OutDir != "" {
		return opts.OutDir
	}
	return filepath.Join(opts.SiteDir, "dist")
}

// Build builds the site at opts.SiteDir into opts.OutDir.
func Build(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	opts.OutDir = opts.outDir()
	if err := CheckSiteDir(opts.SiteDir); err != nil {
		return nil, fmt.Errorf("%s: %w", StageLoad, err)
	}
	if err := checkOutDir(opts.SiteDir, opts.OutDir); err != nil {
		return nil, fmt.Errorf("%s: %w", StageLoad, err)
	}
	now := opts.Now
	if now.IsZero() {
		var err error
		if now, err = Now(); err != nil {
			return nil, fmt.Errorf("%s: %w", StageLoad, err)
		}
	}
	root, err := os.OpenRoot(opts.SiteDir)
	if err != nil {
		return nil, fmt.Errorf("%s: opening the site: %w", StageLoad, err)
	}
	defer root.Close()

	// Nothing changed since the last build: nothing to do.
	var (
		inputs *inputSums
		last   *reusable
	)
	if !opts.NoCache {
		var res *Result
		if res, inputs, last = upToDate(content.SiteFS(root), opts, now, start); res != nil {
			return res, nil
		}
	}
	if testHookInputsSummed != nil {
		testHookInputsSummed()
	}

	var diags diag.List
	res := &Result{OutDir: opts.OutDir}
	mark := start
	// fail ends the build, failed in stage with err, and returns what it
	// reported.
	fail := func(stage string, err error) (*Result, error) {
		res.Diagnostics = diags.Sorted()
		return res, fmt.Errorf("%s: %w", stage, err)
	}
	var (
		fsys fs.FS = content.SiteFS(root)
		pre  *preread
	)
	if inputs != nil { // the texts inputsSum read are not read again
		pre = &preread{FS: fsys, data: inputs.data}
		inputs.data, fsys = nil, pre
	}
	siteFS := newSiteFiles(fsys)
	if inputs != nil {
		siteFS.seed(inputs.files, inputs.texts)
	}
	loaded := siteFS.preload()
	fronts := openFrontMemo(opts, inputs)
	site := prepare(ctx, siteFS, now, opts.Jobs, &diags, opts.Progress, fronts.memo())
	if pre != nil {
		pre.drop() // the loader has what it wanted
	}
	res.stage(StageLoad, &mark)
	if site != nil {
		res.Catalog = site.Catalog
	}
	if site != nil && diags.HasErrors() {
		// The texts are parsed all the same, so that one run reports
		// every defect of the site.
		site.parse(ctx, opts.Jobs, &diags, nil, nil)
	}
	if site == nil || diags.HasErrors() {
		return fail(StageLoad, diags.Err())
	}

	spareAt := ""
	if inputs != nil { // this build will leave a stamp for the next one
		spareAt = sparePath(opts)
	}
	out, err := newOutput(opts.OutDir, last, spareAt)
	if err != nil {
		return fail(StageLoad, err)
	}
	defer out.discard()

	// parse, and pdf: every variant is parsed in parallel; without PDFs
	// its Doc is compacted at once (see release), with PDFs it is compacted
	// once its PDFs are made, as it is parsed for most (see pdfRun).
	each, stage := func(d *markdown.Doc) error { release(d); return nil }, StageParse
	var (
		cache *pdfCache
		pdfs  *pdfRun
	)
	if !opts.NoPDF {
		cache = openPDFCache(opts, site, siteFS, loaded)
		if pdfs, err = site.startPDFs(cache, out, &diags, opts.Progress); err != nil {
			return fail(StagePDF, err)
		}
		pdfs.hooks = opts.hooks
		each, stage = pdfs.parsed, StageParse+" and "+StagePDF
	}
	var prints map[string][sha256.Size]byte // each item's print, for the caches
	if inputs != nil {
		prints = site.itemPrints()
	}
	site.texts = openTextCache(opts, site, siteFS, inputs, prints)
	err = site.parse(ctx, opts.Jobs, &diags, opts.Progress, each)
	res.TextsCached = site.texts.Hits()
	if err == nil && !diags.HasErrors() && pdfs != nil {
		res.PDFs, err = pdfs.finish(ctx, opts.Jobs)
		res.PDFsCached = cache.Hits()
	}
	res.stage(stage, &mark)
	if err != nil || diags.HasErrors() {
		if err == nil {
			err = diags.Err()
		}
		// A text that fails to parse gets no PDFs: the build failed in
		// the pdf stage only if making some failed.
		if pdfs != nil && pdfs.failed.Load() {
			return fail(StagePDF, err)
		}
		return fail(StageParse, err)
	}

	// render: every page and feed, in parallel, straight into the new
	// directory (or linked from the old one, see output.write), but for
	// the pages whose inputs are the last build's (see renderKeys).
	var keys *renderKeys
	if inputs != nil {
		keys = newRenderKeys(inputs, site, site.Renderer.PDFs, prints)
	}
	files := site.Renderer.Files()
	opts.Progress.begin(StageRender, len(files))
	// The search indexes first: one the last build wrote from the same
	// texts is kept, and read back for the search pages, which weigh
	// every other language's (see web.Renderer.UseSearchIndex); a site of
	// one language has no other to weigh.
	index := func(f web.File) bool {
		rest, ok := strings.CutPrefix(f.Path, f.ShowsLang)
		return f.Shows != nil && ok && rest == web.SearchIndexPath("") // no string made for each page
	}
	done := make([]bool, len(files))
	weigh := len(site.Content.Config.Languages) > 1
	if keys != nil {
		for i, f := range files {
			if !index(f) {
				continue
			}
			if key := keys.key(f); key != "" && out.keep(f.Path, key) {
				done[i] = true
				opts.Progress.renderedOne()
				if !weigh {
					continue
				}
				if data, err := os.ReadFile(filepath.Join(out.dir, filepath.FromSlash(f.Path))); err == nil {
					site.Renderer.UseSearchIndex(f.ShowsLang, data)
				}
			}
		}
	}
	err = parallel(ctx, opts.Jobs, len(files), func(i int) error {
		if done[i] {
			return nil
		}
		if keys != nil && !index(files[i]) { // an index's key was looked up above
			if key := keys.key(files[i]); key != "" && out.keep(files[i].Path, key) {
				opts.Progress.renderedOne()
				return nil
			}
		}
		// The buffer is the worker's next one: the file is in the kernel's
		// hands once written, and a page grown afresh costs its size
		// several times over in garbage.
		buf := pageBuffers.Get().(*bytes.Buffer)
		defer putPageBuffer(buf)
		buf.Reset()
		if err := renderGuarded(files[i], buf, opts.hooks); err != nil {
			// A template's mistake is reported at its line, as check
			// reports it, and stops the build.
			reportRender(&diags, files[i].Path, err)
			return errRender
		}
		opts.Progress.renderedOne()
		return out.write(files[i].Path, buf.Bytes())
	})
	if err != nil {
		if errors.Is(err, errRender) {
			err = diags.Err()
		}
		return fail(StageRender, err)
	}
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".html") {
			res.Pages++
		}
	}
	res.Files = len(files) + res.PDFs
	res.stage(StageRender, &mark)

	// images: the resized copies of large images, in parallel, before the
	// copies, so that a file of static/ cannot silently replace one.
	opts.Progress.begin(StageImages, 0)
	images := openImageCache(opts)
	n, err := site.writeImages(ctx, out, opts.Jobs, images, &diags)
	if err != nil {
		return fail(StageImages, err)
	}
	if diags.HasErrors() {
		return fail(StageImages, diags.Err())
	}
	res.Files += n
	res.stage(StageImages, &mark)

	// copy: the stylesheet, the files beside the variants, the site's static/.
	opts.Progress.begin(StageCopy, 0)
	n, err = site.copyFiles(ctx, out, opts.Jobs)
	if err != nil {
		return fail(StageCopy, err)
	}
	res.Files += n
	res.stage(StageCopy, &mark)
	res.Reused = int(out.reused.Load())
	res.Kept = int(out.kept.Load())

	if err := ctx.Err(); err != nil {
		return fail(StageSwap, err)
	}
	// Not a stage's failure: the flag refuses what the stages made.
	if _, warnings := diags.Count(); opts.Strict && warnings > 0 {
		res.Diagnostics = diags.Sorted()
		return res, fmt.Errorf("--strict: %s", diag.Plural(warnings, "warning"))
	}
	opts.Progress.begin(StageSwap, 0)
	forgetStamp(opts)
	if err := out.commit(); err != nil {
		return fail(StageSwap, err)
	}
	res.stage(StageSwap, &mark)
	cache.prune()
	images.prune(time.Now())
	res.Diagnostics = diags.Sorted()
	if inputs != nil && !siteFS.changed.Load() {
		// The stamp lists the output, beside the parsed texts and the
		// decoded front matter.
		keepParsed(site.texts, site.Docs, fronts, func() {
			writeStamp(opts, inputs.all, res, site.Renderer.NextChange(), out.sums, out.keys, out.keptOld, last)
		})
	}
	pruneSpares(opts, time.Now()) // after the stamp that keeps this output's spare
	// After the stamp: a build with nothing to do does not look for them.
	for _, f := range out.stuck {
		why := f.err
		if e := errors.Unwrap(why); e != nil {
			why = e // "permission denied", without the path
		}
		res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{Path: ShownPath(f.path), Severity: diag.Warning,
			Message: fmt.Sprintf("an earlier output of this site, which tract could not remove (%v): nothing links to it, but it takes room; remove it by hand", why)})
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// ShownPath is path relative to the working folder where it is inside
// it, as an editor typed it; elsewhere, as it is.
func ShownPath(path string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil && filepath.IsLocal(rel) {
			return rel
		}
	}
	return path
}

// pageBuffers are the buffers pages are rendered into before they are
// written.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPageBuffer is the largest buffer putPageBuffer keeps for the next
// page. A page is tens of kilobytes; the few files of megabytes (the
// sitemap, the search indexes) would otherwise leave their buffers in
// the pool, to be reset for pages that need a hundredth of them.
const maxPageBuffer = 1 << 20

// putPageBuffer gives buf back to pageBuffers, unless it grew past
// maxPageBuffer.
func putPageBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= maxPageBuffer {
		pageBuffers.Put(buf)
	}
}

// pdfRun makes the PDF editions of a site's variants as the variants are
// parsed, and writes them beside their pages: each Doc is laid out right
// after parsing and then compacted, so that a build never holds the ASTs
// of the whole site. A bulletin's PDF lays out its articles too: the
// bulletins wait until everything is parsed (finish), then parse again,
// one bulletin at a time, the texts they print, whose sources are kept
// until then, if their PDFs are not in the cache. Problems with a PDF (a
// leaflet that needs a second page, a character the font lacks) are
// warnings.
type pdfRun struct {
	site  *Site
	maker *pdf.Maker
	cache *pdfCache
	out   *output
	diags *diag.List
	prog  *Progress
	hooks *hooks
	// check is set for tract check: no edition is written out (out is
	// nil), those the cache lacks are made and stored in it as a build
	// stores them, or only laid out when there is no cache, and one that
	// fails is reported and does not stop the others.
	check bool
	// failed is set once making some text's PDFs failed, reported or
	// not: a build then says the pdf stage failed, not the parse.
	failed atomic.Bool
	// bulletin holds the variants whose PDFs lay out others, and printed
	// the variants they lay out, themselves included. Both are read-only
	// once made.
	bulletin map[*content.Variant]bool
	printed  map[*content.Variant]bool
	mu       sync.Mutex
	infos    map[*content.Variant][]web.PDFInfo
}

// startPDFs prepares a pdfRun for s; s is not parsed yet.
func (s *Site) startPDFs(cache *pdfCache, out *output, diags *diag.List, prog *Progress) (*pdfRun, error) {
	maker, err := s.PDFMaker()
	if err != nil {
		return nil, err
	}
	for _, n := range s.pdfNotes(maker) {
		diags.Add(n)
	}
	r := &pdfRun{site: s, maker: maker, cache: cache, out: out, diags: diags, prog: prog,
		bulletin: map[*content.Variant]bool{}, printed: map[*content.Variant]bool{}, infos: map[*content.Variant][]web.PDFInfo{}}
	variants := s.variants()
	for _, v := range variants {
		if uses := maker.Uses(v); len(uses) > 1 {
			r.bulletin[v] = true
			for _, u := range uses {
				r.printed[u] = true
			}
		}
	}
	prog.begin(StagePDF, len(variants))
	return r, nil
}

// parsed makes the PDFs of d's variant, unless it is a bulletin's, and
// compacts d; the source stays if a bulletin prints it. Once an error is
// reported, a build makes none: it will stop.
func (r *pdfRun) parsed(d *markdown.Doc) error {
	v := d.Variant
	if v.Item.Original != "" && !v.Untranslated && (r.check || !r.diags.HasErrors()) && !r.bulletin[v] {
		if err := r.make(r.maker.With(r.site.Content, markdown.DocsOf(map[*content.Variant]*markdown.Doc{v: d})), v); err != nil {
			return err
		}
	}
	if r.printed[v] {
		d.Compact()
	} else {
		release(d)
	}
	return nil
}

// finish makes the bulletins' PDFs, or takes them from the cache, each
// from its texts parsed again on a miss (see Site.makeEditions), tells
// the renderer about every PDF and returns how many there are.
func (r *pdfRun) finish(ctx context.Context, jobs int) (int, error) {
	s := r.site
	variants := s.variants()
	var bulletins []*content.Variant
	for _, v := range variants {
		if r.bulletin[v] {
			bulletins = append(bulletins, v)
		}
	}
	maker := r.maker.With(s.Content, s.Docs) // the texts, compacted: see makeEditions
	err := parallel(ctx, jobs, len(bulletins), func(i int) error {
		return r.make(maker, bulletins[i])
	})
	if err != nil {
		r.failed.Store(true)
		return 0, err
	}
	for v := range r.printed {
		v.Body = nil
	}
	infos := make([][]web.PDFInfo, len(variants))
	for i, v := range variants {
		infos[i] = r.infos[v]
	}
	return s.linkPDFs(variants, infos), nil
}

// make makes (or takes from the cache) the editions of v with maker, and
// writes them; a check writes none out, and stores those the cache lacks. A
// panic is reported at v's file: the build goes on to report the others,
// and fails.
func (r *pdfRun) make(maker *pdf.Maker, v *content.Variant) error {
	err := guardPDFs(v, func() error {
		r.hooks.pdfs(context.Background(), v)
		return r.makeUnguarded(maker, v)
	})
	if err != nil {
		r.failed.Store(true)
	}
	if reportInternal(r.diags, err) {
		return nil
	}
	return err
}

// makeUnguarded is make, without the recover.
func (r *pdfRun) makeUnguarded(maker *pdf.Maker, v *content.Variant) error {
	var (
		pdfs     []cachedPDF
		problems []pdf.Problem
		err      error
	)
	if r.check && r.cache == nil {
		// With no cache to keep them for a build, the files are not written.
		r.made(v, makeChecked(r.site.editionsMaker(maker, v), v, r.diags))
		return nil
	}
	if pdfs, problems, err = r.cache.editions(r.site, maker, v); err != nil {
		// Reported at the text, as tract check does, and as a panic is:
		// the build goes on to report the others, and fails.
		r.fail(v, err)
		return nil
	}
	if testHookCachedPDFs != nil {
		testHookCachedPDFs(pdfs)
	}
	warnPDF(r.diags, problems)
	infos := make([]web.PDFInfo, len(pdfs))
	var again []pdf.File // the editions made again, if a cached one went
	for j, p := range pdfs {
		infos[j] = pdfInfo(v, p.File, p.Size)
		if r.check {
			continue
		}
		// A PDF from the cache is hard-linked from it when the file
		// system allows: nothing to read, write or sync.
		if p.Src != "" && r.out.linkFrom(p.Src, infos[j].Path) == nil {
			continue
		}
		data := p.Data
		if data == nil {
			if data, err = p.data(); err != nil {
				// The entry went, or changed, since it was read (another
				// build trimmed the cache): the same inputs make the
				// same bytes again.
				if again == nil {
					if again, _, err = r.site.makeEditions(maker, v); err != nil {
						r.fail(v, err)
						return nil
					}
				}
				if j < len(again) && again[j].Name == p.Name {
					data = again[j].Data
				}
			}
			if data == nil {
				return fmt.Errorf("PDF cache: %w", cmp.Or(err, fmt.Errorf("%s: made again, the editions differ", p.Name)))
			}
		}
		if err := r.out.write(infos[j].Path, data); err != nil {
			return err
		}
	}
	r.made(v, infos)
	return nil
}

// fail reports err, from making v's PDFs (see reportPDFError), and
// records that the pdf stage failed.
func (r *pdfRun) fail(v *content.Variant, err error) {
	r.failed.Store(true)
	reportPDFError(r.diags, v, err)
}

// made records the PDFs of v, for its page.
func (r *pdfRun) made(v *content.Variant, infos []web.PDFInfo) {
	r.mu.Lock()
	r.infos[v] = infos
	r.mu.Unlock()
	r.prog.pdfOne()
}

// reportPDFError adds err, from making v's PDFs (pdf.Maker.Make or
// Check), to diags. A *pdf.TextError is the editor's to mend, at its file
// and line; any other error is tract's, reported at v's file as an
// internal error, as a panic making them is (see internalError).
func reportPDFError(diags *diag.List, v *content.Variant, err error) {
	if e, ok := errors.AsType[*pdf.TextError](err); ok {
		diags.Add(e.Diagnostic())
		return
	}
	if !reportInternal(diags, err) {
		reportInternal(diags, &internalError{path: v.Path, doing: "making the PDF", value: err})
	}
}

// warnPDF reports the problems found making a variant's PDFs.
func warnPDF(diags *diag.List, problems []pdf.Problem) {
	for _, p := range problems {
		diags.Add(p.Diagnostic())
	}
}

// pdfInfos describes the PDF editions of v for its page.
func pdfInfos(v *content.Variant, files []pdf.File) []web.PDFInfo {
	infos := make([]web.PDFInfo, len(files))
	for i, f := range files {
		infos[i] = pdfInfo(v, f, len(f.Data))
	}
	return infos
}

// pdfInfo describes one PDF edition of v, of size bytes.
func pdfInfo(v *content.Variant, f pdf.File, size int) web.PDFInfo {
	return web.PDFInfo{Path: v.Item.PagePath(v.Lang) + f.Name, Edition: f.Edition.String(), Paper: f.Paper, Sheet: f.Sheet, Pages: f.Pages, Bytes: size, Duplex: pdf.Duplex(f.Edition, f.Pages)}
}

// linkPDFs tells the renderer the PDF editions of each variant, so its
// page links them, and returns how many there are.
func (s *Site) linkPDFs(variants []*content.Variant, infos [][]web.PDFInfo) int {
	byVariant := make(map[*content.Variant][]web.PDFInfo, len(variants))
	n := 0
	for i, v := range variants {
		byVariant[v] = infos[i]
		n += len(infos[i])
	}
	s.Renderer.PDFs = func(v *content.Variant) []web.PDFInfo { return byVariant[v] }
	return n
}

// PDFMaker returns a maker of the site's PDF editions.
func (s *Site) PDFMaker() (*pdf.Maker, error) {
	return pdf.NewMaker(s.fsys, s.Content, s.Catalog, s.Docs, s.now)
}

// PreviewMaker is PDFMaker for a Preview that will be edited (tract
// serve): it keeps the analyses of the last documents it made, as an
// editor saves the same text again and again and its page waits for its
// PDFs (see pdf.Maker.KeepAnalyses).
func (s *Site) PreviewMaker() (*pdf.Maker, error) {
	m, err := s.PDFMaker()
	if err == nil {
		m.KeepAnalyses(8)
	}
	return m, err
}

// variants lists the variant of every usable item in each language it
// has a page in (see content.Item.Published), in a stable order.
func (s *Site) variants() []*content.Variant {
	var out []*content.Variant
	for _, it := range s.Content.Items {
		if it.Original == "" {
			continue
		}
		for _, l := range it.PublishedLangs(s.Content.Config.Languages) {
			out = append(out, it.Variants[l])
		}
	}
	return out
}

// copyFiles copies what is published as is, but the pictures (see
// writeImages). An item's files go, once, in its files folder, which its
// pages in every language link to (see content.Item.FilesPath).
func (s *Site) copyFiles(ctx context.Context, out *output, jobs int) (int, error) {
	n := 0
	// The stylesheet and the script as load read them: their versions in
	// the pages' links are of these bytes.
	read := map[string][]byte{Stylesheet: s.css, SearchScript: s.script}
	for _, f := range siteAssets {
		data, ok := read[f.src]
		if !ok {
			return 0, fmt.Errorf("%s: not read with the site", f.src)
		}
		if err := out.write(f.dst, publishedAsset(f.dst, data)); err != nil {
			return 0, err
		}
		n++
	}
	// A site may have a picture or a PDF beside each of thousands of
	// texts: copied one after another, 3,000 small pictures took
	// 0.27-0.29 s (--timings).
	// The pictures writeImages read are published by it.
	var assets []asset
	for _, a := range s.assets() {
		if a.im == nil {
			assets = append(assets, a)
		}
	}
	err := parallel(ctx, jobs, len(assets), func(i int) error {
		a := assets[i]
		data, err := fs.ReadFile(s.fsys, a.src)
		if err != nil {
			return fmt.Errorf("%s: %w", a.src, err)
		}
		return out.write(a.dir+a.name, data)
	})
	if err != nil {
		return n, err
	}
	n += len(assets)
	static, err := s.staticFiles()
	if err != nil {
		return n, err
	}
	for _, p := range static {
		rel := strings.TrimPrefix(p, "static/")
		if out.exists(rel) {
			return n, fmt.Errorf("%s would replace the generated %s: rename it", p, rel)
		}
		data, err := fs.ReadFile(s.fsys, p)
		if err != nil {
			return n, err
		}
		if err := out.write(rel, data); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// parallel runs f(0..n-1) on jobs workers and returns the first error; a
// panic in f is an *internalError.
func parallel(ctx context.Context, jobs, n int, f func(i int) error) error {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  int
	)
	for range min(jobs, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if first != nil || next >= n {
					mu.Unlock()
					return
				}
				i := next
				next++
				mu.Unlock()
				err := ctx.Err()
				if err == nil {
					// The callers turn a panic into a diagnostic at
					// the file it was about; one they did not foresee
					// stops the work as an error does, without a file.
					err = guard("", "building", func() error { return f(i) })
				}
				if err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}
