package build

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/markdown"
	"github.com/tractpub/tract/internal/pdf"
	"github.com/tractpub/tract/internal/web"
)

// Check runs every stage of a build in memory — load, locales, templates,
// parse, lay out the PDFs, render every file — and writes no output: what
// it makes that a build keeps in the cache (parsed texts, PDFs, smaller
// copies of pictures) goes there, for the next build, check or preview.
// It returns every problem found, sorted by file and line. The error is
// for what is not the site's fault (the directory cannot be opened, ctx
// was cancelled); problems in the site are diagnostics.
func Check(ctx context.Context, opts Options) ([]diag.Diagnostic, error) {
	ds, _, err := CheckCached(ctx, opts)
	return ds, err
}

// CheckCached is Check, and also says what it took from the caches.
func CheckCached(ctx context.Context, opts Options) (_ []diag.Diagnostic, cached Cached, _ error) {
	now := opts.Now
	if now.IsZero() {
		var err error
		if now, err = Now(); err != nil {
			return nil, cached, err
		}
	}
	if err := CheckSiteDir(opts.SiteDir); err != nil {
		return nil, cached, err
	}
	root, err := os.OpenRoot(opts.SiteDir)
	if err != nil {
		return nil, cached, fmt.Errorf("opening the site: %w", err)
	}
	defer root.Close()

	var diags diag.List
	// What the last build into the default output, or the last check or
	// preview, parsed is taken as it left it, where the files are still
	// those it read (see LoadPreview), and so is the front matter it
	// decoded.
	last := opts
	last.OutDir = opts.outDir()
	siteFS, inputs, read := openForLast(content.SiteFS(root), last, true)
	loaded := siteFS.preload()
	fronts := openFrontMemo(last, inputs)
	site := prepare(ctx, siteFS, now, opts.Jobs, &diags, opts.Progress, fronts.memo())
	read()
	if site == nil {
		return diags.Sorted(), cached, ctx.Err()
	}
	var prints map[string][sha256.Size]byte
	if inputs != nil {
		prints = site.itemPrints()
		site.texts = openTextCache(last, site, siteFS, inputs, prints)
	}
	// parse, and pdf: as in a build, each text is compacted once parsed,
	// and with PDFs once its editions are made, so that the ASTs of
	// thousands of texts are never held at once. The editions a build or
	// check left in the PDF cache, made from the same inputs, are not
	// made again: their problems were kept with them. Those it lacks are
	// made and stored there, as a build stores them: writing a PDF costs
	// a fraction of laying it out, and the build that follows a check
	// then makes none.
	each := func(d *markdown.Doc) error { release(d); return nil }
	var pdfs *pdfRun
	if !opts.NoPDF {
		var err error
		cache := openPDFCache(opts, site, siteFS, loaded)
		if pdfs, err = site.startPDFs(cache, nil, &diags, opts.Progress); err != nil {
			diags.Errorf("", 0, "PDF: %v", err)
		} else {
			pdfs.check, pdfs.hooks = true, opts.hooks
			each = pdfs.parsed
		}
	}
	err = site.parse(ctx, opts.Jobs, &diags, opts.Progress, each)
	cached.Texts = site.texts.Hits()
	if err != nil {
		return diags.Sorted(), cached, ctx.Err()
	}
	if pdfs != nil {
		_, err := pdfs.finish(ctx, opts.Jobs)
		cached.PDFs = pdfs.cache.Hits()
		if err != nil {
			return diags.Sorted(), cached, err
		}
	}
	// render: every file, to nowhere, so template and render errors show,
	// but the pages the last build made, or the last check rendered
	// without an error, from the same inputs (see renderKeys): they
	// rendered then, and would render the same.
	var (
		keys    *renderKeys
		was     *reusable
		checked map[string]string
	)
	if inputs != nil {
		keys = newRenderKeys(inputs, site, site.Renderer.PDFs, prints)
		if st, ok := readStamp(stampPath(last)); ok {
			was = writtenBy(last.OutDir, st, now)
		}
		checked = readCheckRecord(checkRecordPath(last), now)
	}
	files := site.Renderer.Files()
	good := make([]string, len(files)) // the key of each file that renders, for the next check
	opts.Progress.begin(StageRender, len(files))
	var kept atomic.Int64
	err = parallel(ctx, opts.Jobs, len(files), func(i int) error {
		key := ""
		if keys != nil {
			key = keys.key(files[i])
		}
		if key != "" && (was.made(files[i].Path, key) || checked[files[i].Path] == key) {
			kept.Add(1)
			good[i] = key
		} else if renderChecked(files[i], &diags, opts.hooks) {
			good[i] = key
		}
		opts.Progress.renderedOne()
		return nil
	})
	cached.Pages = int(kept.Load())
	if err != nil {
		return diags.Sorted(), cached, err
	}
	site.checkStatic(&diags)
	// images: every large picture decoded, as a build decodes it to make
	// its smaller copies, which go to the cache for the build.
	opts.Progress.begin(StageImages, 0)
	images := openImageCache(opts)
	if _, err := site.writeImages(ctx, nil, opts.Jobs, images, &diags); err != nil {
		return diags.Sorted(), cached, err
	}
	if err := ctx.Err(); err != nil {
		return diags.Sorted(), cached, err
	}
	// A check stores PDFs and copies as a build does, and so prunes the
	// caches as one does: a site only ever checked would fill them
	// without end.
	if pdfs != nil {
		pdfs.cache.prune()
	}
	images.prune(time.Now())
	// The texts it parsed and the front matter it decoded, as a build
	// keeps them: a check run again (by hand as an editor fixes what it
	// found, or before each commit) takes them instead of parsing the
	// whole site again, and so do the build and tract serve that follow.
	// And the pages that rendered, for the next check to leave alone.
	if inputs != nil && !siteFS.changed.Load() {
		keepParsed(site.texts, site.Docs, fronts, func() {
			writeCheckRecord(checkRecordPath(last), site.Renderer.NextChange(), files, good)
		})
	}
	return diags.Sorted(), cached, nil
}

// checkRecordFormat names the format of the record a check keeps of the
// files it rendered without an error (see writeCheckRecord).
const checkRecordFormat = "tract-checked 1"

// checkRecord is that record: each file's path and the key of the inputs it
// rendered from (see renderKeys), good until ValidUntil, when an event
// starts or ends and pages change with the time alone.
type checkRecord struct {
	Format     string
	ValidUntil time.Time `json:",omitzero"`
	Files      map[string]string
}

// checkRecordPath is where checks of the site whose builds go to opts.OutDir
// keep that record, beside the builds' stamp; "" without a cache.
func checkRecordPath(opts Options) string { return besideStamp(opts, checkedExt) }

// writeCheckRecord records the files that rendered (a key in good, by the
// index of the file) for the next check. A record that cannot be
// written only costs that check the rendering.
func writeCheckRecord(file string, validUntil time.Time, files []web.File, good []string) {
	if file == "" || os.MkdirAll(filepath.Dir(file), 0o755) != nil {
		return
	}
	rec := checkRecord{Format: checkRecordFormat, ValidUntil: validUntil, Files: make(map[string]string, len(files))}
	for i, f := range files {
		if good[i] != "" {
			rec.Files[f.Path] = good[i]
		}
	}
	if data, err := json.Marshal(rec); err == nil {
		_ = writeAtomic(file, data)
	}
}

// readCheckRecord returns the keys of the files the last check rendered, by
// path, or nil if there is no record, or its keys no longer hold at now.
func readCheckRecord(file string, now time.Time) map[string]string {
	if file == "" {
		return nil
	}
	data, err := os.ReadFile(file)
	var rec checkRecord
	if err != nil || json.Unmarshal(data, &rec) != nil || rec.Format != checkRecordFormat || !keysHold(rec.ValidUntil, now) {
		return nil
	}
	return rec.Files
}

// Cached is what a check took from the caches: PDFs, texts as the last
// build, check or preview parsed them, and pages as the last build or
// check rendered them, with the problems each gave then.
type Cached struct{ PDFs, Texts, Pages int }

// makeChecked lays out the PDF editions of v and turns its problems, its
// failure or a panic into diagnostics.
func makeChecked(maker *pdf.Maker, v *content.Variant, diags *diag.List) []web.PDFInfo {
	var (
		files    []pdf.File
		problems []pdf.Problem
	)
	err := guardPDFs(v, func() (err error) {
		files, problems, err = maker.Check(v)
		return err
	})
	if err != nil {
		reportPDFError(diags, v, err)
		return nil
	}
	warnPDF(diags, problems)
	return pdfInfos(v, files)
}

// renderChecked renders one file to io.Discard and turns a failure, or a
// panic, into a diagnostic. It reports whether the file rendered.
func renderChecked(f web.File, diags *diag.List, h *hooks) bool {
	if err := renderGuarded(f, io.Discard, h); err != nil {
		reportRender(diags, f.Path, err)
		return false
	}
	return true
}

// renderGuarded renders f to w, and returns a panic as an *internalError.
func renderGuarded(f web.File, w io.Writer, h *hooks) error {
	return guardRender(f, func() error {
		h.rendering(f.Path)
		return f.Render(w)
	})
}

// reportRender adds the error of rendering the file at out to diags: at
// the template's line if it says one, at the text a panic happened on.
func reportRender(diags *diag.List, out string, err error) {
	if !reportInternal(diags, err) {
		diags.Add(renderDiagnostic(out, err))
	}
}

// errRender stops a build at a page that failed to render: the failure
// is among the build's diagnostics.
var errRender = errors.New("a page failed to render")

// templateErrRE finds the template position in an html/template error:
// "template: item.html:12:5: executing ...".
var templateErrRE = regexp.MustCompile(`template: ([^:\s]+):(\d+)(?::\d+)?: (.*)$`)

// renderDiagnostic points a render error at the template line when the
// error names one, and at the output file otherwise.
func renderDiagnostic(out string, err error) diag.Diagnostic {
	msg := err.Error()
	if m := templateErrRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		// The same mistake fails every page the template renders: the
		// message leaves the page out so that it is reported once.
		return diag.Diagnostic{Path: web.TemplateDir + "/" + m[1], Line: line, Severity: diag.Error, Message: m[3]}
	}
	return diag.Diagnostic{Path: out, Severity: diag.Error, Message: "rendering: " + strings.TrimPrefix(msg, out+": ")}
}

// checkStatic finds the files of static/ that a build would refuse to
// copy because a generated file or an item's file has the same path: the
// listing a preview serves from finds them, as a build does when it writes.
func (s *Site) checkStatic(diags *diag.List) {
	_, ds := newListing(s, nil, nil)
	for _, d := range ds {
		diags.Add(d)
	}
}
