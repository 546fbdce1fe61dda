package build

import (
	"context"
	"errors"
	"fmt"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/web"
)

// internalError is a panic recovered while one file was made: a text's
// PDFs, or a page. It is tract's fault, not the editor's, and is said so,
// at the file that showed it, so that a build reports it and fails (the
// last good dist/ stays) and tract serve goes on serving.
type internalError struct {
	path  string // the file the panic happened on, "" if not known
	doing string // "making the PDF", "rendering en/index.html"
	value any    // what was given to panic
}

func (e *internalError) Error() string { return e.diagnostic().Error() }

// diagnostic is the error as tract reports it, at its file.
func (e *internalError) diagnostic() diag.Diagnostic {
	return diag.Diagnostic{Path: e.path, Severity: diag.Error, Message: e.message()}
}

func (e *internalError) message() string {
	return fmt.Sprintf("internal error while %s (please report it): %v", e.doing, e.value)
}

// reportInternal adds err to diags at its file if it is an internal
// error, and says whether it was.
func reportInternal(diags *diag.List, err error) bool {
	e, ok := errors.AsType[*internalError](err)
	if ok {
		diags.Add(e.diagnostic())
	}
	return ok
}

// guard runs f and returns its error, or an *internalError at path if f
// panics.
func guard(path, doing string, f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &internalError{path: path, doing: doing, value: p}
		}
	}()
	return f()
}

// guardPDFs runs f, which makes the PDFs of v, as guard does.
func guardPDFs(v *content.Variant, f func() error) error {
	return guard(v.Path, "making the PDF", f)
}

// guardRender runs f, which renders the file, as guard does: a panic is
// at the text the page shows, if it is a text's page.
func guardRender(file web.File, f func() error) error {
	if file.Variant != nil {
		return guard(file.Variant.Path, "rendering "+file.Path, f)
	}
	return guard(file.Path, "rendering", f)
}

// hooks let a test reach inside a build or a preview, where tract's own
// code could panic or take a while; nil outside tests.
type hooks struct {
	// makePDFs runs as the PDFs of v start to be made, with the context
	// of the work (that of a preview's PDFs made ahead, see Edit).
	makePDFs func(ctx context.Context, v *content.Variant)
	// render runs as the file at the site path starts to be rendered.
	render func(path string)
}

// pdfs runs h.makePDFs, if set.
func (h *hooks) pdfs(ctx context.Context, v *content.Variant) {
	if h != nil && h.makePDFs != nil {
		h.makePDFs(ctx, v)
	}
}

// rendering runs h.render, if set.
func (h *hooks) rendering(path string) {
	if h != nil && h.render != nil {
		h.render(path)
	}
}
