package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
)

// panicAt returns hooks that panic as the PDFs of the text at path are
// made, or as the page at page is rendered ("" for neither).
func panicAt(path, page string) *hooks {
	return &hooks{
		makePDFs: func(_ context.Context, v *content.Variant) {
			if v.Path == path {
				panic("boom")
			}
		},
		render: func(p string) {
			if p == page {
				panic("boom")
			}
		},
	}
}

// A panic while one text's PDFs are made, or one page is rendered, is an
// internal error at that text's file: tract build reports it among the
// other problems and fails, and the last good dist/ stays as it was;
// tract check reports the same.
func TestAPanicInABuildIsAnInternalErrorAtTheTextAndLeavesDistAsItWas(t *testing.T) {
	dir := writeSite(t, withDigests(t, trilingual))
	opts := Options{SiteDir: dir, Now: now, NoCache: true, Jobs: 2}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	dist := filepath.Join(dir, "dist")
	before := snapshot(t, dist)
	const text = "content/leaflets/rent/fr.md"
	for _, c := range []struct {
		name  string
		hooks *hooks
		want  string
	}{
		{"pdf", panicAt(text, ""), text + ": error: internal error while making the PDF (please report it): boom"},
		{"render", panicAt("", "fr/leaflets/rent/index.html"), text + ": error: internal error while rendering fr/leaflets/rent/index.html (please report it): boom"},
		{"list page", panicAt("", "fr/leaflets/index.html"), "fr/leaflets/index.html: error: internal error while rendering (please report it): boom"},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := opts
			o.hooks = c.hooks
			reported := func(ds []diag.Diagnostic) bool {
				return slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.String() == c.want })
			}
			res, err := Build(context.Background(), o)
			if err == nil {
				t.Fatal("the build succeeded")
			}
			if !reported(res.Diagnostics) {
				t.Errorf("the build failed with %v and %v; want the diagnostic %q", err, res.Diagnostics, c.want)
			}
			if snapshot(t, dist) != before {
				t.Error("dist/ changed after a build that failed")
			}
			for _, e := range mustReadDir(t, dir) {
				if strings.HasPrefix(e.Name(), ".tract-") {
					t.Errorf("left behind %s", e.Name())
				}
			}
			ds, err := Check(context.Background(), o)
			if err != nil || !reported(ds) {
				t.Errorf("check: %v, %v; want the diagnostic %q", err, ds, c.want)
			}
		})
	}
}

// A panic in work parallel runs that no caller foresaw stops it as an
// error does, instead of ending the program.
func TestParallelReturnsAPanicAsAnInternalError(t *testing.T) {
	err := parallel(context.Background(), 2, 10, func(i int) error {
		if i == 3 {
			panic("boom")
		}
		return nil
	})
	if e, ok := errors.AsType[*internalError](err); !ok || e.Error() != "internal error while building (please report it): boom" {
		t.Errorf("parallel returned %v, want the panic as an internal error", err)
	}
}

// A panic while the PDFs of a text just saved are made ahead, on a
// goroutine of the preview's own, does not end tract serve: it is told to
// the preview's warn at the text's file, and the PDF's address says it,
// while the text's page, without the PDF, and every other file are
// served. A panic rendering a page is that page's error.
func TestAPanicInAPreviewIsReportedAndTheRestIsServed(t *testing.T) {
	dir := writeSite(t, withDigests(t, trilingual))
	s := loadRoot(t, dir)
	maker, err := s.PreviewMaker()
	if err != nil {
		t.Fatal(err)
	}
	warned := make(chan diag.Diagnostic, 10)
	p, ds := NewPreview(s, maker, func(_ string, problems []diag.Diagnostic) {
		for _, d := range problems {
			warned <- d
		}
	})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	const text = "content/leaflets/rent/fr.md"
	p.hooks = panicAt(text, "en/leaflets/rent/index.html")
	file := filepath.Join(dir, text)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(data, "\nEncore.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	next, ok := p.Edit([]string{text}, &diags)
	if !ok {
		t.Fatalf("the edit needs a full load: %v", diags.Sorted())
	}
	const want = text + ": error: internal error while making the PDF (please report it): boom"
	select {
	case d := <-warned:
		if d.String() != want {
			t.Errorf("warned of %q, want %q", d, want)
		}
	case <-time.After(time.Minute): // a bound on a test that failed, not a wait
		t.Fatal("the panic making the PDFs ahead was never reported")
	}
	page, err := next.File("fr/leaflets/rent/index.html")
	if err != nil || !strings.Contains(string(page), "Encore.") {
		t.Errorf("the text's page: %v", err)
	}
	pdfName := "fr/leaflets/rent/rent-fr-" + next.site.Content.Item("leaflets", "rent").Meta.Paper + ".pdf"
	if _, err := next.File(pdfName); err == nil || !strings.Contains(err.Error(), "internal error while making the PDF (please report it)") {
		t.Errorf("%s: %v, want the internal error", pdfName, err)
	}
	if _, err := next.File("en/leaflets/rent/rent-en-a4.pdf"); err != nil {
		t.Errorf("another text's PDF: %v", err)
	}
	if _, err := next.File("en/leaflets/rent/index.html"); err == nil || err.Error() != "content/leaflets/rent/en.md: internal error while rendering en/leaflets/rent/index.html (please report it): boom" {
		t.Errorf("the page that panics: %v", err)
	}
	if _, err := next.File("en/index.html"); err != nil {
		t.Errorf("another page: %v", err)
	}
}
