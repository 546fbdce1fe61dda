package build

import "sync/atomic"

// Progress counts what a build or a check has done so far, so that a
// terminal can show it while the work goes on. Build and Check update it
// with atomic adds only; any goroutine may read it at any time with
// Snapshot. A nil *Progress counts nothing and costs nothing.
type Progress struct {
	stage                 atomic.Pointer[string]
	parsed, parseTotal    atomic.Int64
	pdfsDone, pdfTotal    atomic.Int64
	rendered, renderTotal atomic.Int64
}

// Stage names a Progress reports, in the order a build runs them.
const (
	StageLoad   = "load"
	StageParse  = "parse"
	StagePDF    = "pdf"
	StageRender = "render"
	StageImages = "images"
	StageCopy   = "copy"
	StageSwap   = "swap"
)

// Counts is a snapshot of a Progress. A total of zero means the stage has
// not started (or has nothing to do).
type Counts struct {
	Stage                 string // the stage running now; "" before the first
	Parsed, ParseTotal    int    // variants parsed, of all the variants
	PDFsDone, PDFTotal    int    // variants whose PDFs are made, of those that get some
	Rendered, RenderTotal int    // pages and feeds rendered, of all of them
}

// Snapshot returns the counts so far. Each count is read atomically, not
// all of them together: a snapshot taken during a build may mix moments a
// few microseconds apart, which a progress display does not mind.
func (p *Progress) Snapshot() Counts {
	if p == nil {
		return Counts{}
	}
	c := Counts{
		Parsed: int(p.parsed.Load()), ParseTotal: int(p.parseTotal.Load()),
		PDFsDone: int(p.pdfsDone.Load()), PDFTotal: int(p.pdfTotal.Load()),
		Rendered: int(p.rendered.Load()), RenderTotal: int(p.renderTotal.Load()),
	}
	if s := p.stage.Load(); s != nil {
		c.Stage = *s
	}
	return c
}

// begin records that the stage name starts, with total things to do in it.
func (p *Progress) begin(name string, total int) {
	if p == nil {
		return
	}
	p.stage.Store(&name)
	switch name {
	case StageParse:
		p.parseTotal.Store(int64(total))
	case StagePDF:
		p.pdfTotal.Store(int64(total))
	case StageRender:
		p.renderTotal.Store(int64(total))
	}
}

// parsedOne, pdfOne and renderedOne each count one more variant parsed,
// variant's PDFs made, or file rendered.
func (p *Progress) parsedOne() {
	if p != nil {
		p.parsed.Add(1)
	}
}

func (p *Progress) pdfOne() {
	if p != nil {
		p.pdfsDone.Add(1)
	}
}

func (p *Progress) renderedOne() {
	if p != nil {
		p.rendered.Add(1)
	}
}
