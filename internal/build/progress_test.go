package build

import (
	"context"
	"testing"
)

func TestProgressCountsEveryVariantPDFAndFileOfABuild(t *testing.T) {
	dir := writeSite(t, withDigests(t, trilingual))
	var prog Progress
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: now, Progress: &prog})
	if err != nil {
		t.Fatal(err)
	}
	c := prog.Snapshot()
	if c.Stage != StageSwap {
		t.Errorf("stage %q after the build, want %q", c.Stage, StageSwap)
	}
	if c.ParseTotal == 0 || c.Parsed != c.ParseTotal {
		t.Errorf("parsed %d of %d variants", c.Parsed, c.ParseTotal)
	}
	if c.PDFTotal == 0 || c.PDFsDone != c.PDFTotal {
		t.Errorf("PDFs of %d of %d variants", c.PDFsDone, c.PDFTotal)
	}
	if c.RenderTotal == 0 || c.Rendered != c.RenderTotal || c.RenderTotal > res.Files-res.PDFs {
		t.Errorf("rendered %d of %d files; the build wrote %d files, %d of them PDFs", c.Rendered, c.RenderTotal, res.Files, res.PDFs)
	}
}

func TestProgressCountsACheck(t *testing.T) {
	dir := writeSite(t, withDigests(t, trilingual))
	var prog Progress
	if _, err := Check(context.Background(), Options{SiteDir: dir, Now: now, Progress: &prog}); err != nil {
		t.Fatal(err)
	}
	c := prog.Snapshot()
	if c.ParseTotal == 0 || c.Parsed != c.ParseTotal || c.PDFsDone != c.PDFTotal || c.RenderTotal == 0 || c.Rendered != c.RenderTotal {
		t.Errorf("counts after a check: %+v", c)
	}
}

func TestANilProgressCountsNothing(t *testing.T) {
	var prog *Progress
	prog.begin(StageParse, 3)
	prog.parsedOne()
	if c := prog.Snapshot(); c != (Counts{}) {
		t.Errorf("a nil Progress counted %+v", c)
	}
}
