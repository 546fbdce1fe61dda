package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"strings"
	"sync"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/imaging"
	"github.com/tractpub/tract/internal/markdown"
	"github.com/tractpub/tract/internal/pdf"
	"github.com/tractpub/tract/internal/web"
)

// Reload returns the site after an edit to the variant files named by
// paths (slash paths in the site): only their items are read and parsed
// again; every other item, text and picture is shared with s, which is
// not changed. ok is false when the edit needs a full Load — see
// content.Site.Reload — or when a text parsed again has an error, which
// a full Load reports with the rest. Warnings go to diags.
func (s *Site) Reload(paths []string, diags *diag.List) (_ *Site, ok bool) {
	cs, items, ok := s.Content.Reload(s.fsys, paths, diags)
	if !ok {
		return nil, false
	}
	p := markdown.NewParser(cs)
	p.Images, p.BadImages = s.Images, s.bad
	docs := maps.Clone(s.Docs)
	var local diag.List
	for _, it := range items {
		for _, v := range s.Content.Item(it.Section, it.Slug).Variants {
			delete(docs, v)
		}
		for _, v := range it.Variants {
			docs[v] = p.Parse(v, &local)
		}
	}
	if local.HasErrors() {
		return nil, false
	}
	for _, d := range local.Sorted() {
		diags.Add(d)
	}
	n := *s
	n.Content, n.Docs = cs, docs
	n.Renderer = s.Renderer.With(cs, docs)
	return &n, true
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
	maker *pdf.Maker
	files map[string]*lazy               // every file but the PDFs, by site path
	dirs  map[string]*content.Variant    // the folder of each item page, to find its PDFs
	pdfs  map[*content.Variant]*lazyPDFs // filled as pages or PDFs are asked for
	mu    sync.Mutex                     // guards pdfs
	warn  func(diag.Diagnostic)          // told of the PDF problems
}

type lazy struct {
	once sync.Once
	make func() ([]byte, error)
	data []byte
	err  error
}

func (l *lazy) get() ([]byte, error) {
	l.once.Do(func() { l.data, l.err = l.make() })
	return l.data, l.err
}

type lazyPDFs struct {
	once  sync.Once
	files []pdf.File
	infos []web.PDFInfo
	err   error
}

// NewPreview lists the files of site. maker makes its PDFs (nil for a
// preview without them); warn, if not nil, is told of the problems found
// while making them (a leaflet on two pages...), as a build reports them.
// The errors a build finds only when it writes — a file of static/ that
// would replace a generated one — are returned as diagnostics.
func NewPreview(site *Site, maker *pdf.Maker, warn func(diag.Diagnostic)) (*Preview, []diag.Diagnostic) {
	p := &Preview{
		site: site, maker: maker, warn: warn,
		files: map[string]*lazy{},
		dirs:  map[string]*content.Variant{},
		pdfs:  map[*content.Variant]*lazyPDFs{},
	}
	r := site.Renderer
	if maker != nil {
		// The renderer is the caller's: a preview renders with a copy
		// that finds each variant's PDFs by making them.
		cp := *r
		cp.PDFs = func(v *content.Variant) []web.PDFInfo { return p.variantPDFs(v).infos }
		r = &cp
	}
	for _, f := range r.Files() {
		p.files[f.Path] = &lazy{make: func() ([]byte, error) {
			var buf bytes.Buffer
			if err := f.Render(&buf); err != nil {
				return nil, fmt.Errorf("render %s: %w", f.Path, err)
			}
			return buf.Bytes(), nil
		}}
	}
	for _, v := range site.variants() {
		p.dirs[v.Item.PagePath(v.Lang)] = v
	}
	var diags diag.List
	fsys := site.fsys
	read := func(name string) func() ([]byte, error) {
		return func() ([]byte, error) { return fs.ReadFile(fsys, name) }
	}
	p.files["assets/tract.css"] = &lazy{make: read(Stylesheet)}
	p.files["assets/search.js"] = &lazy{make: read(SearchScript)}
	cfg := site.Content.Config
	for _, it := range site.Content.Items {
		if it.Original == "" {
			continue
		}
		langs := it.Langs(cfg.Languages)
		for _, a := range it.Assets {
			src := path.Join(it.Dir, a)
			file := &lazy{make: read(src)}
			for _, l := range langs {
				p.files[it.PagePath(l)+a] = file
			}
			im := site.Images[src]
			if im == nil || len(im.Copies) == 0 {
				continue
			}
			// One decoding makes every copy; each copy's file waits for it.
			var copies []imaging.File
			resized := &lazy{make: func() ([]byte, error) {
				data, err := fs.ReadFile(fsys, src)
				if err == nil {
					copies, err = imaging.Resize(im, data)
				}
				return nil, err
			}}
			for i, c := range im.Copies {
				copy := &lazy{make: func() ([]byte, error) {
					if _, err := resized.get(); err != nil {
						return nil, fmt.Errorf("%s: %w", src, err)
					}
					if i >= len(copies) || copies[i].Name != c.Name {
						return nil, fmt.Errorf("%s: no resized copy %s", src, c.Name)
					}
					return copies[i].Data, nil
				}}
				for _, l := range langs {
					p.files[it.PagePath(l)+c.Name] = copy
				}
			}
		}
	}
	if _, err := fs.Stat(fsys, "static"); err == nil {
		err := fs.WalkDir(fsys, "static", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel := strings.TrimPrefix(name, "static/")
			if p.files[rel] != nil {
				diags.Errorf(name, 0, "this file would replace the generated %s: rename it", rel)
				return nil
			}
			p.files[rel] = &lazy{make: read(name)}
			return nil
		})
		if err != nil {
			diags.Errorf("static", 0, "%v", err)
		}
	}
	return p, diags.Sorted()
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
	l.once.Do(func() {
		files, problems, err := p.maker.Make(v)
		if err != nil {
			l.err = err
			return
		}
		if p.warn != nil {
			for _, pr := range problems {
				p.warn(diag.Diagnostic{Path: pr.Path, Line: pr.Line, Severity: diag.Warning, Message: "PDF: " + pr.Message})
			}
		}
		l.files, l.infos = files, pdfInfos(v, files)
	})
	return l
}

// Has reports whether name (a slash path in the site, "en/index.html")
// is a file of the site. A PDF counts once its page has been asked for,
// or when its item page's folder holds a variant.
func (p *Preview) Has(name string) bool {
	if p.files[name] != nil {
		return true
	}
	_, err := p.pdf(name)
	return err == nil
}

// File returns the bytes of the file name (a slash path in the site),
// making it if it is the first time; fs.ErrNotExist if the site has no
// such file.
func (p *Preview) File(name string) ([]byte, error) {
	if f := p.files[name]; f != nil {
		return f.get()
	}
	return p.pdf(name)
}

// pdf returns the PDF file name, making its variant's editions if need be.
func (p *Preview) pdf(name string) ([]byte, error) {
	dir, file := path.Split(name)
	v := p.dirs[dir]
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

// IsDir reports whether name is a folder of the site with a page in it.
func (p *Preview) IsDir(name string) bool {
	name = strings.TrimSuffix(name, "/")
	return name != "" && p.files[name+"/index.html"] != nil
}
