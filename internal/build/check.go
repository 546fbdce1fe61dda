package build

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/web"
)

// Check runs every stage of a build in memory — load, locales, templates,
// parse, render every file, lay out the PDFs — and writes nothing. It
// returns every problem found, sorted by file and line. The error is for
// what is not the site's fault (the directory cannot be opened, ctx was
// cancelled); problems in the site are diagnostics.
func Check(ctx context.Context, opts Options) ([]diag.Diagnostic, error) {
	now := opts.Now
	if now.IsZero() {
		var err error
		if now, err = Now(); err != nil {
			return nil, err
		}
	}
	root, err := os.OpenRoot(opts.SiteDir)
	if err != nil {
		return nil, fmt.Errorf("opening the site: %w", err)
	}
	defer root.Close()

	var diags diag.List
	site := Load(ctx, root.FS(), now, opts.Jobs, &diags)
	if site != nil {
		// render: every file, to nowhere, so template and render errors show.
		files := site.Renderer.Files()
		err := parallel(ctx, opts.Jobs, len(files), func(i int) error {
			renderChecked(files[i], &diags)
			return nil
		})
		if err != nil {
			return diags.Sorted(), err
		}
		site.checkStatic(files, &diags)
		site.checkPDFs(ctx, &diags)
	}
	return diags.Sorted(), ctx.Err()
}

// checkPDFs is the seam where tract check lays out every PDF edition in
// memory, so that print problems (a leaflet that needs a second page, a
// character the PDF font cannot draw) are reported with everything else.
// tract has no PDF stage yet; when internal/pdf exists, its layout of
// every edition is called from here with diags, writing to io.Discard.
func (s *Site) checkPDFs(ctx context.Context, diags *diag.List) {}

// renderChecked renders one file to io.Discard and turns a failure, or a
// panic, into a diagnostic.
func renderChecked(f web.File, diags *diag.List) {
	defer func() {
		if p := recover(); p != nil {
			diags.Errorf(f.Path, 0, "internal error while rendering (please report it): %v", p)
		}
	}()
	if err := f.Render(io.Discard); err != nil {
		diags.Add(renderDiagnostic(f.Path, err))
	}
}

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
// copy because a generated file has the same path.
func (s *Site) checkStatic(files []web.File, diags *diag.List) {
	if _, err := fs.Stat(s.fsys, "static"); err != nil {
		return
	}
	generated := make(map[string]bool, len(files)+1)
	for _, f := range files {
		generated[f.Path] = true
	}
	generated["assets/tract.css"] = true
	_ = fs.WalkDir(s.fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Errorf(p, 0, "cannot read: %v", err)
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if rel := strings.TrimPrefix(p, "static/"); generated[rel] {
			diags.Errorf(p, 0, "would replace the generated %s: rename it", rel)
		}
		return nil
	})
}
