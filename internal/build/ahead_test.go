package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
)

// The PDFs Edit starts making ahead of the pages of the texts saved are
// made one text after the other, and Wait waits for them. Once the
// preview is stopped (tract serve stops one a newer edit replaced), the
// text under way stops and the next is not started: saving a long
// pamphlet again and again does not pile up layouts no one will see. A
// PDF asked for from the stopped preview is still made.
func TestAStoppedPreviewMakesNoMorePDFsAhead(t *testing.T) {
	dir := writeSite(t, withDigests(t, trilingual))
	s := loadRoot(t, dir)
	maker, err := s.PreviewMaker()
	if err != nil {
		t.Fatal(err)
	}
	p, ds := NewPreview(s, maker, nil)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	started := make(chan string, 10)
	release := make(chan struct{})
	p.hooks = &hooks{makePDFs: func(ctx context.Context, v *content.Variant) {
		started <- v.Path
		if ctx.Done() != nil { // made ahead, not asked for
			<-release
		}
	}}
	texts := []string{"content/leaflets/rent/en.md", "content/leaflets/rent/fr.md"}
	edit := func(p *Preview, words string) *Preview {
		t.Helper()
		for _, text := range texts {
			file := filepath.Join(dir, text)
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, append(data, "\n"+words+"\n"...), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var diags diag.List
		next, ok := p.Edit(texts, &diags)
		if !ok {
			t.Fatalf("the edit needs a full load: %v", diags.Sorted())
		}
		return next
	}
	made := func(p *Preview, text string) bool {
		p.mu.Lock()
		defer p.mu.Unlock()
		l := p.pdfs[p.site.Content.Variant(text)]
		return l != nil && l.done && l.err == nil
	}

	first := edit(p, "Once.")
	if got := <-started; got != texts[0] {
		t.Fatalf("made %s ahead first, want %s", got, texts[0])
	}
	first.Stop() // while the first text's PDFs are under way
	close(release)
	first.Wait()
	select {
	case got := <-started:
		t.Errorf("a stopped preview went on to make %s ahead", got)
	default:
	}
	for _, text := range texts {
		if made(first, text) {
			t.Errorf("%s: made by a stopped preview", text)
		}
	}
	if _, err := first.File("fr/leaflets/rent/rent-fr-a4.pdf"); err != nil {
		t.Errorf("a PDF asked for from the stopped preview: %v", err)
	}
	select {
	case <-started: // made as it was asked for
	default:
	}

	second := edit(first, "Twice.") // not stopped: every text is made ahead
	second.Wait()
	for _, want := range texts {
		if got := <-started; got != want {
			t.Errorf("made %s ahead, want %s", got, want)
		}
		if !made(second, want) {
			t.Errorf("%s: not made ahead once Wait returned", want)
		}
	}
}
