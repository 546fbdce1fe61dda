package layout

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

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
		want, wantFits := 0.0, false
		for q := 44; q >= 32; q-- {
			if d, _ := p.Set(float64(q) / 4); len(d.Pages) <= 1 {
				want, wantFits = float64(q)/4, true
				break
			}
		}
		if size != want || fits != wantFits {
			t.Errorf("%d sentences: Fit gives %v pt (fits: %v), trying every size %v pt (fits: %v)", n, size, fits, want, wantFits)
		}
		if !fits {
			if doc != nil {
				t.Errorf("%d sentences: Fit found no size and still gives a document", n)
			}
			continue
		}
		if d, _ := p.Set(size); len(d.Pages) != len(doc.Pages) {
			t.Errorf("%d sentences: Fit's document has %d pages, set at %v pt it has %d", n, len(doc.Pages), size, len(d.Pages))
		}
	}
}

// setWithin, which gives a size up as soon as its lines are known to fill
// more pages than asked, must agree with setting the whole document: on
// whether it fits, and on the document when it does. The texts mix what
// paginate places differently: paragraphs kept whole at a page's foot,
// headings kept with what follows, spaces dropped at a page's top, a
// forced page break, a reserved box taller than a page.
func TestSetWithinAgreesWithTheWholeSetting(t *testing.T) {
	set, err := fonts.LoadSet(tract.Defaults)
	if err != nil {
		t.Fatal(err)
	}
	sentence := "Les locataires de la cité refusent la hausse du loyer, et ils le disent ensemble. "
	text := func(paras int, extra ...Block) []Block {
		var bs []Block
		for i := range paras {
			if i%4 == 0 {
				bs = append(bs, Block{Kind: BlockHeading, Level: 2, Text: "Chapitre"})
			}
			bs = append(bs, Block{Kind: BlockText, Text: strings.Repeat(sentence, 1+i%5)}, Block{Kind: BlockSpace, Height: 0.6})
		}
		return append(bs, extra...)
	}
	texts := map[string][]Block{
		"short":      text(3),
		"one page":   text(12),
		"two pages":  text(24),
		"long":       text(80),
		"page break": append(text(6), append([]Block{{Kind: BlockPageBreak}}, text(6)...)...),
		"tall box":   append([]Block{{Kind: BlockReserve, Height: 900}}, text(10)...),
	}
	for name, blocks := range texts {
		p := Prepare(&Spec{Width: 419.53, Height: 595.28, Margins: [4]float64{36, 36, 48, 36}, Size: 11, Fonts: set, Blocks: blocks})
		for _, size := range []float64{8, 9.5, 11} {
			whole, wholeRes := p.Set(size)
			for pages := 1; pages <= 4; pages++ {
				doc, res, ok := p.setWithin(size, pages)
				if want := len(whole.Pages) <= pages; ok != want {
					t.Errorf("%s at %v pt within %d pages: ok is %v; set whole, it has %d pages", name, size, pages, ok, len(whole.Pages))
				}
				if doc == nil {
					continue
				}
				if !reflect.DeepEqual(doc, whole) || !reflect.DeepEqual(res, wholeRes) {
					t.Errorf("%s at %v pt within %d pages: not the document Set makes", name, size, pages)
				}
			}
		}
	}
}

// searchSizes finds what trying every size from the largest down finds,
// wherever its guess is, trying each size at most once and none outside
// its range; with the right guess, it tries two sizes at most.
func TestSearchSizesFindsTheLargestThatFitsFromAnyGuess(t *testing.T) {
	for lo := 30; lo <= 34; lo++ {
		for hi := lo; hi <= lo+16; hi++ {
			for largest := lo - 1; largest < hi; largest++ { // lo-1: none fits
				for guess := lo - 3; guess <= hi+2; guess++ {
					tried := map[int]bool{}
					last := -1
					q, ok := searchSizes(lo, hi, guess, func(q int) bool {
						if q < lo || q >= hi {
							t.Fatalf("[%d, %d): tried %d, out of range", lo, hi, q)
						}
						if tried[q] {
							t.Fatalf("[%d, %d), guess %d: tried %d twice", lo, hi, guess, q)
						}
						tried[q] = true
						if q <= largest {
							last = q
						}
						return q <= largest
					})
					want, wantOK := largest, largest >= lo
					if ok != wantOK || ok && q != want {
						t.Fatalf("[%d, %d), largest fitting %d, guess %d: got %d (ok %v)", lo, hi, largest, guess, q, ok)
					}
					if ok && last != q {
						t.Fatalf("[%d, %d), largest fitting %d, guess %d: the last size found to fit was %d, not the %d returned", lo, hi, largest, guess, last, q)
					}
					if guess == largest && wantOK && len(tried) > 2 {
						t.Errorf("[%d, %d), largest fitting %d, guessed right: tried %d sizes", lo, hi, largest, len(tried))
					}
					if lo == hi && len(tried) > 0 {
						t.Errorf("[%d, %d): an empty range, and it tried %d sizes", lo, hi, len(tried))
					}
				}
			}
		}
	}
}

// FuzzFit fits texts of every shape on one to three pages: the size Fit
// gives takes at most the pages asked for, set on its own, and the size
// a quarter point larger takes more (or is past the largest), whether
// or not the sizes that fit are one range; when Fit finds none, the
// smallest size takes more. Its document is the one Set makes.
func FuzzFit(f *testing.F) {
	f.Add("Les locataires de la cité refusent la hausse du loyer. ", uint8(30), uint8(4), uint16(0), uint8(1))
	f.Add("Un mot. ", uint8(200), uint8(1), uint16(120), uint8(2))
	f.Add("Grève ", uint8(3), uint8(0), uint16(900), uint8(1))
	f.Add("x", uint8(0), uint8(0), uint16(0), uint8(3))
	set, err := fonts.LoadSet(tract.Defaults)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, sentence string, paras, headingEvery uint8, reserve uint16, pages uint8) {
		if len(sentence) > 200 || !utf8.ValidString(sentence) {
			return
		}
		var blocks []Block
		if reserve > 0 {
			blocks = append(blocks, Block{Kind: BlockReserve, Height: float64(reserve % 1000)})
		}
		for i := range int(paras) {
			if headingEvery > 0 && i%int(headingEvery) == 0 {
				blocks = append(blocks, Block{Kind: BlockHeading, Level: 2, Text: "Chapitre"})
			}
			blocks = append(blocks, Block{Kind: BlockText, Text: strings.Repeat(sentence, 1+i%7)}, Block{Kind: BlockSpace, Height: 0.5})
		}
		p := Prepare(&Spec{Width: 419.53, Height: 595.28, Margins: [4]float64{36, 36, 48, 36}, Size: 11, Fonts: set, Blocks: blocks})
		n := 1 + int(pages%3)
		doc, _, size, fits := p.Fit(12, 8.5, n)
		if !fits {
			if d, _ := p.Set(8.5); len(d.Pages) <= n {
				t.Fatalf("no size fits %d pages, yet at 8.5 pt the text takes %d", n, len(d.Pages))
			}
			return
		}
		d, _ := p.Set(size)
		if len(d.Pages) > n || !reflect.DeepEqual(d, doc) {
			t.Fatalf("at %v pt, Fit's document has %d pages, Set's %d (the same: %v); %d asked", size, len(doc.Pages), len(d.Pages), reflect.DeepEqual(d, doc), n)
		}
		if size < 12 {
			if up, _ := p.Set(size + 0.25); len(up.Pages) <= n {
				t.Fatalf("Fit gives %v pt, and %v pt fits %d pages too", size, size+0.25, n)
			}
		}
	})
}
