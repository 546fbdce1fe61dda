package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	tract "github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/imaging"
	"github.com/tractpub/tract/internal/locale"
	"github.com/tractpub/tract/internal/markdown"
	"github.com/tractpub/tract/internal/pdf"
	"github.com/tractpub/tract/internal/web"
)

// reload returns the site after an edit to the files named by paths
// (slash paths in the site; see content.Site.Reload): only the items the
// edit touched are read and parsed again, with the texts of other items
// that link to them if where the links lead may have changed, and the
// pictures it added or changed are probed; every other item, text and
// picture is shared with s, which is not changed; the items whose
// folder was removed are gone, with their texts and pictures. files are
// the files beside the texts the edit added, saved or removed (those of
// the items gone included). Its renderer is still s's: the caller makes
// the new one with s.Renderer.With. ok is false when the edit needs a
// full Load — see content.Site.Reload — or when a picture cannot be read,
// and when a text parsed again has an error. In that last case, as when
// content.Site.Reload finds errors in the items the edit touched, the
// problems go to diags, and diags holds errors; otherwise it holds none,
// only the warnings of a successful reload.
func (s *Site) reload(paths []string, diags *diag.List) (_ *Site, files []string, ok bool) {
	cs, ch, ok := s.Content.Reload(s.fsys, paths, diags)
	if !ok {
		return nil, nil, false
	}
	items, files := ch.Items, ch.Files
	keys := relanguaged(s.Content, items)
	for _, it := range ch.Gone {
		keys[it.Key()] = true // links to it are now errors
	}
	images, bad := s.Images, s.bad
	if len(files) > 0 {
		images, bad = maps.Clone(s.Images), maps.Clone(s.bad)
		for _, f := range files {
			// A text linking to a file removed now has an error, and one
			// showing a picture saved again shows its new size: those
			// texts are parsed again.
			parts := strings.Split(f, "/") // content/<section>/<slug>/<name>
			it := cs.Item(parts[1], parts[2])
			removed := it == nil || !slices.Contains(it.Assets, parts[3])
			if removed || s.Images[f] != nil || s.bad[f] != nil {
				keys[parts[1]+"/"+parts[2]] = true
			}
			delete(images, f)
			delete(bad, f)
			if removed || !imaging.IsImage(f) {
				continue
			}
			im, err := probeImage(s.fsys, it.Dir, parts[3])
			if err != nil {
				return nil, nil, false
			}
			images[f] = im
		}
		if !copiesFree(cs, items, images) {
			return nil, nil, false
		}
	}
	// The texts saved or removed, and those of the items gone: where the
	// headings their fragments name may have changed.
	saved := map[string]bool{}
	for _, name := range paths {
		saved[name] = true
	}
	for _, it := range ch.Gone {
		for _, v := range it.Variants {
			saved[v.Path] = true
		}
	}
	links := func(d *markdown.Doc) bool {
		return slices.ContainsFunc(d.LinkedItems(), func(k string) bool { return keys[k] }) ||
			slices.ContainsFunc(d.LinkedTexts(), func(p string) bool { return saved[p] })
	}
	// The other texts that link to what changed are found while the
	// texts of the items reloaded are parsed, on the other core, in the
	// index of the texts' links.
	relinked := make(chan linked, 1)
	go func() {
		x := s.linkIndexOf()
		relinked <- linked{x, s.linking(x, keys, saved, append(slices.Clone(ch.Gone), items...))}
	}()
	p := markdown.NewParser(cs, s.Catalog)
	p.Images, p.BadImages = images, bad
	docs := &textsEdit{Edit: s.Docs.Edit()}
	for _, it := range ch.Gone {
		for _, v := range it.Variants {
			docs.Delete(v)
		}
	}
	var local diag.List
	for _, it := range items {
		old := s.Content.Item(it.Section, it.Slug) // nil for a new item
		if old != nil {
			for _, v := range old.Variants {
				docs.Delete(v)
			}
		}
		// A text of the item the edit did not save is parsed again only
		// if that may change it: its item gained or lost a file, or it
		// links to something that changed — its own item's texts or
		// pictures included, when the item gained or lost a language or
		// a picture was saved again. Otherwise its parse would give what
		// the last one gave, and its Doc is kept. An editor saving one
		// language of a long pamphlet every few seconds waits for that
		// text alone, not for all three, and a translator adding one
		// waits for theirs.
		same := old != nil && slices.Equal(it.Assets, old.Assets)
		for _, v := range it.Variants {
			// A translation's paragraphs still its source's are marked
			// in the language they were written in: an edit of the
			// source may change which.
			if same && !saved[v.Path] {
				ov := old.Variants[v.Lang]
				if d := s.Docs.Get(ov); d != nil && !links(d) && slices.Equal(v.CopiedLines, ov.CopiedLines) {
					d = d.For(v)
					p.Know(d)
					docs.Set(v, d)
					continue
				}
			}
			docs.Set(v, p.Parse(v, &local))
		}
	}
	re := <-relinked
	for _, v := range re.texts { // the same variant in cs: its item was not reloaded
		docs.Set(v, p.Parse(v, &local))
	}
	for _, d := range local.Sorted() {
		diags.Add(d)
	}
	if local.HasErrors() {
		return nil, nil, false
	}
	n := *s
	// The new parser parses again, for their PDFs, the texts compacted.
	n.Content, n.Docs, n.Images, n.bad, n.parser = cs, docs.Done(), images, bad, p
	n.links = re.index.edited(n.Docs, docs.changed)
	reportUnlinkedFiles(cs, touchedItems(cs, items, docs.changed, s.Docs, n.Docs), n.Docs, n.links, bad, diags)
	return &n, files, true
}

// copiesFree reports whether no file of items has the name of a resized
// copy tract makes of one of their pictures (a full Load reports it).
func copiesFree(cs *content.Site, items []*content.Item, images map[string]*imaging.Image) bool {
	for _, it := range items {
		for _, a := range it.Assets {
			im := images[path.Join(it.Dir, a)]
			if im == nil {
				continue
			}
			for _, c := range im.Copies {
				if slices.Contains(it.Assets, c.Name) {
					return false
				}
			}
		}
	}
	return true
}

// relanguaged returns the items of items (reloaded from old, see
// content.Site.Reload) that gained or lost a language, by key.
func relanguaged(old *content.Site, items []*content.Item) map[string]bool {
	keys := map[string]bool{}
	for _, it := range items {
		// No text of a site that loaded without errors links to an item
		// that did not exist: such a link is an error.
		if o := old.Item(it.Section, it.Slug); o != nil && !it.SameLangs(o) {
			keys[it.Key()] = true
		}
	}
	return keys
}

// sameLangs reports whether b (see Site.reload) has a's items, each with
// the same languages. An item removed and another added in its place (a
// folder renamed) is not the same item.
func sameLangs(a, b *content.Site) bool {
	if len(a.Items) != len(b.Items) {
		return false
	}
	for i, it := range b.Items {
		if old := a.Items[i]; it != old && (it.Key() != old.Key() || !it.SameLangs(old)) {
			return false
		}
	}
	return true
}

// linking returns the texts of s, but those of the items reloaded or
// gone, that link to a page or file of an item that gained or lost a
// language or a file, or is gone, or to a heading of a text saved or
// removed (see reload). A link to an item
// leads to the page of the reader's language if the item has it, else
// to its original's, and shows the size of a picture: when an item
// gains or loses a language, or a file, or is gone, the texts linking to
// it must be parsed again. A link to a heading is checked against the
// text it names, and leads to the same heading in the text the reader is
// sent to: when either is saved, its headings may have changed. A
// compacted text keeps the items and texts it links to, and its source.
//
// They are looked up in x, the index of s's texts, under keys (items)
// and saved (texts).
func (s *Site) linking(x *linkIndex, keys, saved map[string]bool, reloaded []*content.Item) []*content.Variant {
	skip := map[*content.Item]bool{}
	for _, it := range reloaded {
		if old := s.Content.Item(it.Section, it.Slug); old != nil { // else a new item
			skip[old] = true
		}
	}
	seen := map[*content.Variant]bool{}
	var out []*content.Variant
	add := func(vs []*content.Variant) {
		for _, v := range vs {
			if !seen[v] && !skip[v.Item] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	for k := range keys {
		add(x.items.Get(k))
	}
	for p := range saved {
		add(x.texts.Get(p))
	}
	return out
}

// linked is what reload finds with linking: the index of the texts'
// links, and the texts to parse again.
type linked struct {
	index *linkIndex
	texts []*content.Variant
}

// Preview is a site built in memory: every file a build would write is
// listed, and made the first time it is asked for. tract serve serves
// one, so that an edit shows after re-parsing one text instead of
// rebuilding thousands of pages and PDFs: every page asked for after the
// edit is made from the new state, so none is stale.
//
// A Preview is safe for concurrent use.
type Preview struct {
	site  *Site
	r     *web.Renderer // site's renderer, finding PDFs by making them
	maker *pdf.Maker
	list  *listing
	warn  func(string, []diag.Diagnostic) // told of the PDF problems, see NewPreview
	hooks *hooks                          // a test's, see hooks
	ahead *ahead                          // the PDFs made ahead, see Edit; nil if none
	mu    sync.Mutex                      // guards made and pdfs
	made  map[string]*lazy                // the pages made so far, by site path
	pdfs  map[*content.Variant]*lazyPDFs  // the PDFs made so far
}

// listing is the list of a site's files but its pages, which the
// renderer finds by path (web.Renderer.FileAt): copies of the site's
// files and resized pictures. It depends only on the files of the site's
// items and static/, so the previews of successive edits of texts share
// it.
type listing struct {
	files  map[string]*lazy
	static []string // the site paths of static/'s files, which pages must not have
}

// hides reports whether a file of static/ is where r has a page: an error
// a full Load reports.
func (l *listing) hides(r *web.Renderer) bool {
	return slices.ContainsFunc(l.static, func(rel string) bool {
		_, ok := r.FileAt(rel)
		return ok
	})
}

type lazy struct {
	src  string // the file of the site it is made from, if it is not a page
	once sync.Once
	make func() ([]byte, error)
	data []byte
	err  error
}

func (l *lazy) get() ([]byte, error) {
	l.once.Do(func() { l.data, l.err = l.make() })
	return l.data, l.err
}

// lazyPDFs are the PDF editions of a variant, made once (see make).
type lazyPDFs struct {
	mu    sync.Mutex // held while they are made
	done  bool
	files []pdf.File
	infos []web.PDFInfo
	err   error
}

// ahead is the PDFs of the texts an edit saved, made on a goroutine of
// the new preview's before their pages ask for them (see Edit), one text
// after the other, until the preview is stopped.
type ahead struct {
	todo   []aheadPDFs
	cancel context.CancelFunc
	done   chan struct{} // closed when the goroutine ends
}

type aheadPDFs struct {
	v *content.Variant
	l *lazyPDFs
}

// startAhead starts making the PDFs of todo with maker; nil if there are
// none to make.
func startAhead(site *Site, maker *pdf.Maker, todo []aheadPDFs, warn func(string, []diag.Diagnostic), h *hooks) *ahead {
	if maker == nil || len(todo) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	a := &ahead{todo: todo, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(a.done)
		for _, t := range todo {
			if ctx.Err() != nil {
				return
			}
			t.l.make(ctx, site, maker, t.v, warn, h)
		}
	}()
	return a
}

// keepAhead goes on, as next's, with the PDFs p makes ahead that next
// shares (see editFrame, editLocales): those p has not made when it is
// stopped are made by next, or when they are asked for if next is
// stopped too.
func (p *Preview) keepAhead(next *Preview) {
	if p.ahead == nil {
		return
	}
	var todo []aheadPDFs
	for _, t := range p.ahead.todo {
		if next.pdfs[t.v] == t.l {
			todo = append(todo, t)
		}
	}
	next.ahead = startAhead(next.site, next.maker, todo, next.warn, next.hooks)
}

// Stop stops making the PDFs that Edit started making for p ahead of its
// pages: a text not started is not, and the one under way stops before
// its next edition. Their pages make them if they are asked for. tract
// serve stops a preview once a newer one replaces it, so that an editor
// saving a long pamphlet every second does not pile up layouts of texts
// no one will see. Stop does not wait for the one under way: Wait does.
func (p *Preview) Stop() {
	if p.ahead != nil {
		p.ahead.cancel()
	}
}

// Wait waits until p makes no PDF ahead of its pages: they are made, or p
// was stopped. A page asked for meanwhile is not waited for.
func (p *Preview) Wait() {
	if p.ahead != nil {
		<-p.ahead.done
	}
}

// NewPreview lists the files of site. maker makes its PDFs (nil for a
// preview without them); warn, if not nil, is told of the problems found
// while making them (a leaflet on two pages...), as a build reports them:
// each time the PDFs of a text are made, those of its PDFs together,
// with the text's file, and none when they have none, so that a caller
// that remembers them knows when one is mended. A text whose PDFs cannot
// be made for what it says (see pdf.TextError) is not told: their
// address answers the error.
// The errors a build finds only when it writes — a file of static/ that
// would replace a generated one — are returned as diagnostics.
func NewPreview(site *Site, maker *pdf.Maker, warn func(text string, problems []diag.Diagnostic)) (*Preview, []diag.Diagnostic) {
	list, diags := newListing(site, nil, nil)
	return newPreview(site, maker, warn, list, nil), append(diags, site.pdfNotes(maker)...)
}

// Edit returns the preview of the site after an edit to the files named
// by paths (slash paths in the site), as tract serve's watcher reports
// them: texts saved, added to an item or removed from one, items added or
// removed, other files of an item (see reload), templates, the
// stylesheet, the search script and static files (see editFrame), and
// locales (see editLocales). Its PDFs are made by p's maker given the new
// texts. ok is false when the edit needs a full Load, or when it has
// errors: then they are in diags (see reload), which holds none
// otherwise. On a site without errors, those are the errors a full Load
// would report.
//
// The new preview finds its pages by path in the new state (see
// web.Renderer.FileAt), and keeps p's listing of the other files unless
// the edit added or removed a text or another file: then it lists them
// again, keeping the copies of the site's files that p already made and
// the edit did not change. Nothing else made from p's state is reused.
//
// Making the new state's renderer takes a while, and the PDFs of the
// texts edited are the slowest part of their pages: a pamphlet's page
// waits for its two editions, to give their pages and sizes. So Edit
// starts making those PDFs as soon as the texts are parsed, on a
// goroutine of the new preview's, one text after the other, and makes
// the renderer meanwhile; Stop stops it. The PDFs of the other languages
// of the items edited are made when they are asked for.
func (p *Preview) Edit(paths []string, diags *diag.List) (_ *Preview, ok bool) {
	// The frame first, then the locales, then the rest from there: an
	// edit of several (a template and the texts using what it shows, a
	// git pull) is the one edit after the other.
	for _, part := range []struct {
		is   func(name string) bool
		edit func(p *Preview, paths []string, diags *diag.List) (*Preview, bool)
	}{{isFrame, (*Preview).editFrame}, {isLocale, (*Preview).editLocales}} {
		var these, rest []string
		for _, name := range paths {
			if part.is(name) {
				these = append(these, name)
			} else {
				rest = append(rest, name)
			}
		}
		if len(these) == 0 {
			continue
		}
		q, ok := part.edit(p, these, diags)
		if !ok {
			return nil, false
		}
		if len(rest) == 0 {
			p.keepAhead(q)
			return q, true
		}
		return q.Edit(rest, diags)
	}
	n, files, ok := p.site.reload(paths, diags)
	if !ok {
		return nil, false
	}
	relist := len(files) > 0 || !sameLangs(p.site.Content, n.Content)
	var (
		maker   *pdf.Maker
		started = map[*content.Variant]*lazyPDFs{}
		ahead   *ahead // next's
	)
	start := func() {
		if maker == nil {
			return
		}
		var todo []aheadPDFs
		for _, name := range paths {
			v := n.Content.Variant(name)
			if v == nil || started[v] != nil {
				continue // not a text, or removed
			}
			l := &lazyPDFs{}
			started[v] = l
			todo = append(todo, aheadPDFs{v, l})
		}
		ahead = startAhead(n, maker, todo, p.warn, p.hooks)
	}
	if p.maker != nil {
		maker = p.maker.With(n.Content, n.Docs).Forget(files)
	}
	if !relist {
		start()
	}
	n.Renderer = p.site.Renderer.With(n.Content, n.Docs)
	list := p.list
	switch {
	case relist:
		// A file of static/ may now be where a new page goes: the full
		// Load reports it.
		var problems []diag.Diagnostic
		if list, problems = newListing(n, p.list, files); len(problems) > 0 {
			return nil, false
		}
		start()
	case list.hides(n.Renderer):
		// A new tag's page, where static/ has a file.
		if ahead != nil {
			ahead.cancel()
		}
		return nil, false
	}
	next := newPreview(n, maker, p.warn, list, p.hooks)
	next.pdfs, next.ahead = started, ahead
	return next, true
}

// isFrame reports whether the file at the slash path name is one of the
// templates, the stylesheet, the search script or a static file: a file
// the pages use or stand beside, which neither the texts nor the PDFs
// depend on.
func isFrame(name string) bool {
	return isTemplate(name) || name == "static" || strings.HasPrefix(name, "static/") || name == Stylesheet || name == SearchScript
}

// isTemplate reports whether the slash path name is in templates/.
func isTemplate(name string) bool {
	return name == web.TemplateDir || strings.HasPrefix(name, web.TemplateDir+"/")
}

// isLocale reports whether the slash path name is in locales/.
func isLocale(name string) bool {
	return name == locale.Dir || strings.HasPrefix(name, locale.Dir+"/")
}

// editLocales returns the preview of the site after an edit to its
// locales (paths, which it need not read: it loads them all again): the
// same texts, parsed as they were, with every page made again with the
// new words, and the PDFs of each language whose messages PDFs show
// (pdf.Messages) changed. ok is false when the locales or the templates have
// an error (a full Load reports it), and when the edit changed what the
// texts' HTML says (markdown.Messages): the texts must be parsed again.
func (p *Preview) editLocales(_ []string, diags *diag.List) (_ *Preview, ok bool) {
	s := p.site
	cfg := s.Content.Config
	var local diag.List
	n := *s
	if n.Catalog = locale.Load(s.fsys, tract.Defaults, cfg.Languages, cfg.DefaultLanguage, &local); n.Catalog == nil {
		return nil, false
	}
	for _, l := range cfg.Languages {
		if !bytes.Equal(s.Catalog.Sum(l, markdown.Messages), n.Catalog.Sum(l, markdown.Messages)) {
			return nil, false
		}
	}
	// The templates' functions are bound to the catalog.
	if n.tmpl = loadTemplates(s.fsys, n.Catalog, &local); n.tmpl == nil || local.HasErrors() {
		return nil, false
	}
	n.Renderer = n.newRenderer()
	list, problems := newListing(&n, p.list, nil)
	if len(problems) > 0 {
		return nil, false
	}
	for _, d := range local.Sorted() {
		diags.Add(d)
	}
	var maker *pdf.Maker
	if p.maker != nil {
		maker = p.maker.WithCatalog(n.Catalog)
	}
	next := newPreview(&n, maker, p.warn, list, p.hooks)
	same := map[string]bool{}
	for _, l := range cfg.Languages {
		same[l] = bytes.Equal(s.Catalog.Sum(l, pdf.Messages), n.Catalog.Sum(l, pdf.Messages))
	}
	p.mu.Lock()
	for v, l := range p.pdfs {
		if same[v.Lang] {
			next.pdfs[v] = l
		}
	}
	p.mu.Unlock()
	return next, true
}

// editFrame returns the preview of the site after an edit to its
// templates, stylesheet, search script or static files (paths, see
// isFrame): the same texts, parsed as they were, and the same PDFs,
// already made or not, with pages made with the new frame. ok is false
// when the templates have an error (a full Load reports it) or a file
// cannot be read.
func (p *Preview) editFrame(paths []string, diags *diag.List) (_ *Preview, ok bool) {
	s := p.site
	n := *s
	var local diag.List
	if slices.ContainsFunc(paths, isTemplate) {
		if n.tmpl = loadTemplates(s.fsys, s.Catalog, &local); n.tmpl == nil || local.HasErrors() {
			return nil, false
		}
	}
	for _, f := range []struct {
		name string
		data *[]byte
	}{{Stylesheet, &n.css}, {SearchScript, &n.script}} {
		if slices.Contains(paths, f.name) {
			data, err := fs.ReadFile(s.fsys, f.name)
			if err != nil {
				return nil, false
			}
			*f.data = data
		}
	}
	n.Renderer = s.Renderer.WithFrame(n.tmpl, n.css, searchScriptPath(n.script))
	list, problems := newListing(&n, p.list, paths)
	if len(problems) > 0 {
		return nil, false
	}
	for _, d := range local.Sorted() {
		diags.Add(d)
	}
	next := newPreview(&n, p.maker, p.warn, list, p.hooks)
	p.mu.Lock()
	maps.Copy(next.pdfs, p.pdfs) // the same texts and pictures: the same PDFs
	p.mu.Unlock()
	return next, true
}

// Site is the state of the site p previews.
func (p *Preview) Site() *Site { return p.site }

// Warm readies what the first PDF p makes would wait for (see
// pdf.Maker.Warm): the fonts, and the hyphenation patterns of the site's
// languages. The editions a later edit makes share them.
func (p *Preview) Warm() {
	if p.maker != nil {
		p.maker.Warm(p.site.Content.Config.Languages)
	}
}

func newPreview(site *Site, maker *pdf.Maker, warn func(string, []diag.Diagnostic), list *listing, h *hooks) *Preview {
	p := &Preview{
		site: site, r: site.Renderer, maker: maker, list: list, warn: warn, hooks: h,
		made: map[string]*lazy{},
		pdfs: map[*content.Variant]*lazyPDFs{},
	}
	if maker != nil {
		// The renderer is the caller's: a preview renders with a copy
		// that finds each variant's PDFs by making them.
		cp := *site.Renderer
		cp.PDFs = func(v *content.Variant) []web.PDFInfo { return p.variantPDFs(v).infos }
		p.r = &cp
	}
	return p
}

// newListing lists the files of site but its pages. The diagnostics are
// the errors a build finds only when it writes: a file of static/ that
// would replace a generated one. prev, if not nil, is the
// listing of an earlier state of the site after an edit that touched no
// file but the texts and changed (those beside the texts it added, saved
// or removed): the copies prev made, or is making, of the other files
// both list are kept.
func newListing(site *Site, prev *listing, changed []string) (*listing, []diag.Diagnostic) {
	l := &listing{files: map[string]*lazy{}}
	var diags diag.List
	fsys := site.fsys
	read := func(name string) *lazy {
		return &lazy{src: name, make: func() ([]byte, error) { return fs.ReadFile(fsys, name) }}
	}
	for _, f := range siteAssets {
		l.files[f.dst] = &lazy{src: f.src, make: func() ([]byte, error) {
			data, err := fs.ReadFile(fsys, f.src)
			return publishedAsset(f.dst, data), err
		}}
	}
	for _, a := range site.assets() {
		l.files[a.dir+a.name] = read(a.src)
		if !a.resized() {
			continue
		}
		// One decoding makes every copy; each copy's file waits for it.
		var copies []imaging.File
		resized := &lazy{src: a.src, make: func() ([]byte, error) {
			data, err := fs.ReadFile(fsys, a.src)
			if err == nil {
				copies, err = imaging.Resize(a.im, data)
			}
			return nil, err
		}}
		for i, c := range a.im.Copies {
			l.files[a.dir+c.Name] = &lazy{src: a.src, make: func() ([]byte, error) {
				if _, err := resized.get(); err != nil {
					return nil, fmt.Errorf("%s: %w", a.src, err)
				}
				if i >= len(copies) || copies[i].Name != c.Name {
					return nil, fmt.Errorf("%s: no resized copy %s", a.src, c.Name)
				}
				return copies[i].Data, nil
			}}
		}
	}
	static, err := site.staticFiles()
	if err != nil {
		diags.Errorf("static", 0, "%v", err)
	}
	for _, name := range static {
		rel := strings.TrimPrefix(name, "static/")
		if _, ok := site.Renderer.FileAt(rel); ok || l.files[rel] != nil {
			diags.Errorf(name, 0, "would replace the generated %s: rename it", rel)
			continue
		}
		l.files[rel] = read(name)
		l.static = append(l.static, rel)
	}
	if prev != nil {
		for name, f := range l.files {
			if old := prev.files[name]; old != nil && old.src == f.src && !slices.Contains(changed, f.src) {
				l.files[name] = old
			}
		}
	}
	return l, diags.Sorted()
}

// variantPDFs makes v's PDF editions, once.
func (p *Preview) variantPDFs(v *content.Variant) *lazyPDFs {
	p.mu.Lock()
	l := p.pdfs[v]
	if l == nil {
		l = &lazyPDFs{}
		p.pdfs[v] = l
	}
	p.mu.Unlock()
	l.make(context.Background(), p.site, p.maker, v, p.warn, p.hooks)
	return l
}

// make makes v's PDF editions with maker, once, parsing again the texts
// of site they print that are compacted, and tells warn (if not nil) of
// their problems, as NewPreview says. A panic is an error of v's
// PDFs, which warn is told of: tract serve goes on serving, and says it.
// If ctx is done before they are made, they are not, and the next call
// makes them.
func (l *lazyPDFs) make(ctx context.Context, site *Site, maker *pdf.Maker, v *content.Variant, warn func(string, []diag.Diagnostic), h *hooks) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done {
		return
	}
	var (
		files    []pdf.File
		problems []pdf.Problem
	)
	err := guardPDFs(v, func() (err error) {
		h.pdfs(ctx, v)
		files, problems, err = site.editionsMaker(maker, v).MakeContext(ctx, v)
		return err
	})
	if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return
	}
	l.done = true
	var told []diag.Diagnostic
	if err != nil {
		l.err = err
		e, ok := errors.AsType[*internalError](err)
		if !ok {
			return // the text's own, which the PDF's address answers
		}
		told = []diag.Diagnostic{e.diagnostic()}
	} else {
		for _, pr := range problems {
			told = append(told, pr.Diagnostic())
		}
		l.files, l.infos = files, pdfInfos(v, files)
	}
	if warn != nil {
		warn(v.Path, told)
	}
}

// Has reports whether name (a slash path in the site, "en/index.html")
// is a file of the site.
func (p *Preview) Has(name string) bool {
	if _, ok := p.r.FileAt(name); ok || p.list.files[name] != nil {
		return true
	}
	_, err := p.pdf(name)
	return err == nil
}

// File returns the bytes of the file name (a slash path in the site),
// making it if it is the first time; fs.ErrNotExist if the site has no
// such file.
func (p *Preview) File(name string) ([]byte, error) {
	if f, ok := p.r.FileAt(name); ok {
		p.mu.Lock()
		l := p.made[name]
		if l == nil {
			h := p.hooks
			l = &lazy{make: func() ([]byte, error) {
				var buf bytes.Buffer
				if err := renderGuarded(f, &buf, h); err != nil {
					if _, ok := errors.AsType[*internalError](err); ok {
						return nil, err
					}
					return nil, fmt.Errorf("render %s: %w", name, err)
				}
				return buf.Bytes(), nil
			}}
			p.made[name] = l
		}
		p.mu.Unlock()
		return l.get()
	}
	if f := p.list.files[name]; f != nil {
		return f.get()
	}
	return p.pdf(name)
}

// pdf returns the PDF file name, making its variant's editions if need be.
func (p *Preview) pdf(name string) ([]byte, error) {
	dir, file := path.Split(name)
	v := p.variantIn(dir)
	if v == nil || p.maker == nil || !strings.HasSuffix(file, ".pdf") {
		return nil, fs.ErrNotExist
	}
	l := p.variantPDFs(v)
	if l.err != nil {
		return nil, fmt.Errorf("PDF of %s: %w", v.Path, l.err)
	}
	for _, f := range l.files {
		if f.Name == file {
			return f.Data, nil
		}
	}
	return nil, fs.ErrNotExist
}

// variantIn returns the variant whose page is in the folder dir
// ("fr/leaflets/rent/"), or nil: one of those site.variants lists.
func (p *Preview) variantIn(dir string) *content.Variant {
	lang, section, slug, rest, ok := content.SplitSitePath(dir)
	if !ok || rest != "" || !strings.HasSuffix(dir, "/") {
		return nil
	}
	it := p.site.Content.Item(section, slug)
	if it == nil || it.Original == "" {
		return nil
	}
	return it.Published(lang)
}

// IsDir reports whether name is a folder of the site with a page in it.
func (p *Preview) IsDir(name string) bool {
	name = strings.TrimSuffix(name, "/")
	_, ok := p.r.FileAt(name + "/index.html")
	return name != "" && ok
}
