package layout

import (
	"testing"

	tract "github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/pdf/fonts"
)

// WithReserve changes the height of one reserved box, where the document
// reports it, and leaves the preparation it was made from as it was.
func TestWithReserveSetsTheBoxHeightAndLeavesTheOriginal(t *testing.T) {
	set, err := fonts.LoadSet(tract.Defaults)
	if err != nil {
		t.Fatal(err)
	}
	p := Prepare(&Spec{Width: 400, Height: 600, Margins: [4]float64{40, 40, 40, 40}, Fonts: set,
		Blocks: []Block{{Kind: BlockText, Text: "Text."}, {Kind: BlockReserve, Height: 70}}})
	_, small := p.WithReserve(0, 50).Set(11)
	_, res := p.Set(11)
	if small.Reserved[0].H != 50 || res.Reserved[0].H != 70 {
		t.Errorf("reserved boxes %g and %g high, want 50 and 70", small.Reserved[0].H, res.Reserved[0].H)
	}
}
