package layout

import (
	"strings"
	"testing"

	tract "github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/pdf/fonts"
)

// Fit gives the largest size, in quarter points between its bounds, at
// which a text takes at most the pages asked for: the size found by
// trying every one from the largest down.
func TestFitFindsTheLargestSizeThatFits(t *testing.T) {
	set, err := fonts.LoadSet(tract.Defaults)
	if err != nil {
		t.Fatal(err)
	}
	word := "Les locataires de la cité refusent la hausse du loyer, et ils le disent ensemble. "
	for _, n := range []int{1, 20, 30, 36, 42, 48, 60, 200} {
		spec := &Spec{
			Width: 419.53, Height: 595.28, Margins: [4]float64{36, 36, 48, 36}, Size: 11, Fonts: set,
			Blocks: []Block{{Kind: BlockText, Text: strings.Repeat(word, n)}},
		}
		p := Prepare(spec)
		doc, _, size, fits := p.Fit(11, 8, 1)
		want, wantFits := 8.0, false
		for q := 44; q >= 32; q-- {
			if d, _ := p.Set(float64(q) / 4); len(d.Pages) <= 1 {
				want, wantFits = float64(q)/4, true
				break
			}
		}
		if size != want || fits != wantFits {
			t.Errorf("%d sentences: Fit gives %v pt (fits: %v), trying every size %v pt (fits: %v)", n, size, fits, want, wantFits)
		}
		if d, _ := p.Set(size); len(d.Pages) != len(doc.Pages) {
			t.Errorf("%d sentences: Fit's document has %d pages, set at %v pt it has %d", n, len(doc.Pages), size, len(d.Pages))
		}
	}
}
