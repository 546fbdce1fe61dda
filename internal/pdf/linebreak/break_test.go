package linebreak

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// paragraph builds items from a compact notation where every letter is
// one unit wide:
//
//	"aaa bbb"   words separated by glue (1 wide, stretch 1, shrink 1/3)
//	"hy-phen"   a hyphenation point: flagged Late penalty 50, hyphen 1 wide
//	"x~y"       a no-break space: infinite penalty, then glue
//	"x|y"       a forced break (penalty -Infinity)
//	"x+y"       a break costing nothing, without a hyphen (inside a URL)
//
// It returns the items and, for each, the text it shows.
func paragraph(s string) ([]Item, []string) {
	var items []Item
	var texts []string
	add := func(it Item, text string) {
		items = append(items, it)
		texts = append(texts, text)
	}
	word := ""
	flush := func() {
		if word != "" {
			add(NewBox(float64(len([]rune(word)))), word)
			word = ""
		}
	}
	for _, r := range s {
		switch r {
		case ' ':
			flush()
			add(NewGlue(1, 1, 1.0/3), " ")
		case '-':
			flush()
			add(Item{Kind: Penalty, Width: 1, Penalty: 50, Flagged: true, Late: true}, "-")
		case '~':
			flush()
			add(NewPenalty(0, Infinity, false), "")
			add(NewGlue(1, 1, 1.0/3), " ")
		case '|':
			flush()
			add(NewPenalty(0, -Infinity, false), "")
		case '+':
			flush()
			add(Item{Kind: Penalty, Late: true}, "")
		default:
			word += string(r)
		}
	}
	flush()
	return items, texts
}

// show renders lines as text: glue as a space, a hyphen where a line
// ends at a hyphenation point.
func show(items []Item, texts []string, lines []Line) []string {
	var out []string
	for _, l := range lines {
		var b strings.Builder
		for i := l.Start; i < l.End; i++ {
			if items[i].Kind != Penalty {
				b.WriteString(texts[i])
			}
		}
		if l.End < len(items) && items[l.End].Kind == Penalty {
			b.WriteString(texts[l.End])
		}
		out = append(out, b.String())
	}
	return out
}

func TestBreakExactly(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		mode  Mode
		width []float64
		want  []string
		pass  Pass
	}{
		{"words fill lines exactly", "aaa bbb ccc ddd", Justified, []float64{7},
			[]string{"aaa bbb", "ccc ddd"}, NoHyphenation},
		{"a short paragraph is one line", "aaa bbb", Justified, []float64{20},
			[]string{"aaa bbb"}, NoHyphenation},
		{"glue shrinks to fit one more word", "aaa bb ccc dddd ee", Justified, []float64{11},
			[]string{"aaa bb ccc", "dddd ee"}, NoHyphenation},
		{"a forced break ends a line early", "aaa|bbb ccc", Justified, []float64{20},
			[]string{"aaa", "bbb ccc"}, NoHyphenation},
		{"two forced breaks make an empty line", "aaa||bbb", Justified, []float64{20},
			[]string{"aaa", "", "bbb"}, NoHyphenation},
		{"no break at a no-break space", "aa bb~cc dd", Justified, []float64{5},
			[]string{"aa", "bb cc", "dd"}, Emergency},
		{"the same without the no-break space", "aa bb cc dd", Justified, []float64{5},
			[]string{"aa bb", "cc dd"}, NoHyphenation},
		{"hyphenation when words alone cannot fill", "aaaaaa bbb-bbbbb ccccc ddd", Justified, []float64{11},
			[]string{"aaaaaa bbb-", "bbbbb ccccc", "ddd"}, WithHyphenation},
		{"an indented first line", "aaa bbb ccc ddd eee", Justified, []float64{3, 7},
			[]string{"aaa", "bbb ccc", "ddd eee"}, NoHyphenation},
		{"a word wider than the line goes alone, overfull", "aa bbbbbbbbbbbb cc", Justified, []float64{6},
			[]string{"aa", "bbbbbbbbbbbb", "cc"}, Emergency},
		{"ragged lines are evened out", "aaa bbb cc dddddd eeeeeeee f", Ragged, []float64{10},
			[]string{"aaa bbb", "cc dddddd", "eeeeeeee f"}, NoHyphenation},
		{"greedy fills the first line", "aaa bbb cc dddddd eeeeeeee f", Greedy, []float64{10},
			[]string{"aaa bbb cc", "dddddd", "eeeeeeee f"}, FirstFit},
		{"a URL breaks at its break points", "aaaa bbbb cc/+dd/+ee/+ff gggg", Justified, []float64{13},
			[]string{"aaaa bbbb cc/", "dd/ee/ff gggg"}, WithHyphenation},
	}
	for _, tt := range tests {
		items, texts := paragraph(tt.text)
		p := Defaults(tt.width...)
		p.Mode = tt.mode
		lines, pass := Break(items, p)
		if got := show(items, texts, lines); !slices.Equal(got, tt.want) || pass != tt.pass {
			t.Errorf("%s:\n got %q (%v)\nwant %q (%v)", tt.name, got, pass, tt.want, tt.pass)
		}
	}
}

// setWidth is the width of a line as drawn, glue set by the line's ratio.
func setWidth(items []Item, l Line) float64 {
	w := 0.0
	for i := l.Start; i < l.End; i++ {
		it := items[i]
		switch it.Kind {
		case Box:
			w += it.Width
		case Glue:
			w += it.Width
			if l.Ratio >= 0 {
				w += l.Ratio * it.Stretch
			} else {
				w += l.Ratio * it.Shrink
			}
		}
	}
	if l.End < len(items) && items[l.End].Kind == Penalty {
		w += items[l.End].Width
	}
	return w
}

func TestJustifiedLinesFillTheWidthAndTheLastIsNotStretched(t *testing.T) {
	items, _ := paragraph(strings.Repeat("lorem ipsum dolor sit amet con-sec-te-tur adi-pis-cing elit sed do ei-us-mod ", 20))
	for _, width := range []float64{12, 20, 33, 47, 80} {
		p := Defaults(width)
		p.EmergencyStretch = 3 // stretches lines in the last pass as real glue cannot
		lines, _ := Break(items, p)
		for i, l := range lines[:len(lines)-1] {
			if !slices.ContainsFunc(items[l.Start:l.End], func(it Item) bool { return it.Kind == Glue }) {
				continue // a lone word cannot be stretched
			}
			if got := setWidth(items, l); math.Abs(got-width) > 1e-9 {
				t.Errorf("width %v: line %d is %v wide (ratio %v)", width, i, got, l.Ratio)
			}
		}
		last := lines[len(lines)-1]
		if last.Ratio != 0 || last.Natural > width {
			t.Errorf("width %v: last line ratio %v, natural %v", width, last.Ratio, last.Natural)
		}
	}
}

func TestNoLineIsOverfullUnlessABoxIsTooWide(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		var b strings.Builder
		longest := 0
		for range 5 + rng.IntN(60) {
			n := 1 + rng.IntN(12)
			longest = max(longest, n)
			b.WriteString(strings.Repeat("x", n))
			if rng.IntN(4) == 0 {
				b.WriteString("-" + strings.Repeat("y", 1+rng.IntN(5)))
			}
			b.WriteByte(' ')
		}
		items, texts := paragraph(strings.TrimSpace(b.String()))
		width := float64(4 + rng.IntN(30))
		for _, mode := range []Mode{Justified, Ragged, Greedy} {
			p := Defaults(width)
			p.Mode = mode
			lines, _ := Break(items, p)
			for i, l := range lines {
				if l.Overfull {
					if w := l.Natural; w <= width {
						t.Errorf("trial %d mode %d: line %d marked overfull at %v ≤ %v", trial, mode, i, w, width)
					}
					if l.End-l.Start > 2 {
						t.Errorf("trial %d mode %d: overfull line %d %q holds more than one box", trial, mode, i, show(items, texts, lines)[i])
					}
					continue
				}
				if w := setWidth(items, l); w > width+1e-9 {
					t.Errorf("trial %d mode %d: line %d is %v wide, over %v", trial, mode, i, w, width)
				}
			}
		}
	}
}

func TestRoundTripKeepsEveryItemInOrder(t *testing.T) {
	items, texts := paragraph("aaa bbb-ccc ddd~eee fff|ggg hhh iii-jjj kkk")
	want := "aaa bbbccc ddd eee fffggg hhh iiijjj kkk"
	for _, mode := range []Mode{Justified, Ragged, Greedy} {
		for _, width := range []float64{5, 8, 13, 100} {
			p := Defaults(width)
			p.Mode = mode
			lines, _ := Break(items, p)
			got := strings.Join(show(items, texts, lines), " ")
			got = strings.NewReplacer("- ", "", "  ", " ").Replace(got)
			if strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(want, " ", "") {
				t.Errorf("mode %d width %v: %q", mode, width, show(items, texts, lines))
			}
		}
	}
}

func TestPenaltyMinusInfinityAlwaysBreaks(t *testing.T) {
	items, texts := paragraph("a|b|c|d")
	for _, mode := range []Mode{Justified, Ragged, Greedy} {
		p := Defaults(100)
		p.Mode = mode
		lines, _ := Break(items, p)
		if got := show(items, texts, lines); !slices.Equal(got, []string{"a", "b", "c", "d"}) {
			t.Errorf("mode %d: %q", mode, got)
		}
	}
}

func TestTwoHyphensInARowAreAvoided(t *testing.T) {
	// Width 6 could end both lines with a hyphen; the double-hyphen
	// demerits make the breaker prefer a looser line instead.
	items, texts := paragraph("aaaa-bb ccc-cc ddd eeee")
	lines, _ := Break(items, Defaults(6))
	got := show(items, texts, lines)
	hyphens := 0
	for i, l := range got[:len(got)-1] {
		if strings.HasSuffix(l, "-") && i+1 < len(got)-1 && strings.HasSuffix(got[i+1], "-") {
			hyphens++
		}
	}
	if hyphens > 0 {
		t.Errorf("consecutive hyphenated lines: %q", got)
	}
}

// No more than MaxHyphensInARow lines in a row end with a hyphen, where
// demerits alone would print a ladder of three or more down a narrow
// column; in the emergency pass, which must set the paragraph, the limit
// is lifted.
func TestNoMoreThanTwoHyphenatedLinesInARow(t *testing.T) {
	longest := func(items []Item, lines []Line) int {
		most, run := 0, 0
		for _, l := range lines[:len(lines)-1] {
			if it := items[l.End]; it.Kind == Penalty && it.Flagged {
				run++
			} else {
				run = 0
			}
			most = max(most, run)
		}
		return most
	}
	rng := rand.New(rand.NewPCG(5, 6))
	ladders := 0
	for range 3000 {
		var b strings.Builder
		for range 8 + rng.IntN(12) {
			b.WriteString(strings.Repeat("x", 1+rng.IntN(5)))
			for range rng.IntN(3) {
				b.WriteString("-" + strings.Repeat("y", 1+rng.IntN(4)))
			}
			b.WriteByte(' ')
		}
		items, texts := paragraph(strings.TrimSpace(b.String()))
		p := Defaults(float64(6 + rng.IntN(8)))
		p.MaxHyphensInARow = 0
		free, freePass := Break(items, p)
		if freePass == Emergency || longest(items, free) < 3 {
			continue
		}
		ladders++
		p.MaxHyphensInARow = 2
		lines, pass := Break(items, p)
		if pass != Emergency && longest(items, lines) > 2 {
			t.Errorf("%d hyphens in a row: %q", longest(items, lines), show(items, texts, lines))
		}
	}
	if ladders == 0 {
		t.Fatal("no paragraph set without the limit had three hyphens in a row: nothing was tested")
	}
	t.Logf("%d paragraphs had a ladder without the limit", ladders)
}

func TestNoItemsNoLines(t *testing.T) {
	if lines, _ := Break(nil, Defaults(10)); lines != nil {
		t.Errorf("Break(nil) = %v", lines)
	}
}

// demerits recomputes, independently of the incremental bookkeeping in
// Break, what a given choice of breaks costs; -1 if a line is infeasible.
func demerits(items []Item, p Params, breaks []int, thresh float64) float64 {
	total := 0.0
	start, prevFit, prevFlag, run, prevRun := 0, int8(1), false, 0, 0
	for li, b := range breaks {
		var w, y, z float64
		for i := start; i < b; i++ {
			switch it := items[i]; it.Kind {
			case Box:
				w += it.Width
			case Glue:
				w, y, z = w+it.Width, y+it.Stretch, z+it.Shrink
			}
		}
		atEnd := b == len(items)
		var it Item
		if !atEnd {
			it = items[b]
			if it.Kind == Penalty {
				w += it.Width
			}
		}
		width := p.width(li)
		var r float64
		switch {
		case w < width && atEnd:
			r = 0
		case w < width && y > 0:
			r = (width - w) / y
		case w < width:
			return -1
		case w > width && z > 0:
			r = (width - w) / z
		case w > width:
			return -1
		}
		if r < -1 || badness(r) > thresh {
			return -1
		}
		bad := badness(r)
		d := (p.LinePenalty + bad) * (p.LinePenalty + bad)
		if !atEnd && it.Kind == Penalty {
			d += it.Penalty * it.Penalty
		}
		flag := !atEnd && it.Kind == Penalty && it.Flagged
		if run = 0; flag {
			run = 1
			if prevFlag {
				run = prevRun + 1
			}
			if p.MaxHyphensInARow > 0 && run > p.MaxHyphensInARow {
				return -1
			}
		}
		prevRun = run
		if prevFlag && flag {
			d += p.DoubleHyphenDemerits
		}
		if prevFlag && atEnd {
			d += p.FinalHyphenDemerits
		}
		f := fitness(r, bad)
		if abs8(f-prevFit) > 1 {
			d += p.AdjacentDemerits
		}
		total += d
		prevFit, prevFlag = f, flag
		start = b + 1
		for start < len(items) && items[start].Kind != Box {
			start++
		}
	}
	return total
}

func TestTotalFitFindsTheCheapestBreaks(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 300 {
		var b strings.Builder
		for range 3 + rng.IntN(9) {
			b.WriteString(strings.Repeat("x", 1+rng.IntN(7)))
			if rng.IntN(3) == 0 {
				b.WriteString("-" + strings.Repeat("y", 1+rng.IntN(4)))
			}
			b.WriteByte(' ')
		}
		items, texts := paragraph(strings.TrimSpace(b.String()))
		p := Defaults(float64(8 + rng.IntN(10)))
		p.PreTolerance = -1 // one pass, with hyphenation, tolerance 200
		var candidates []int
		for i, it := range items {
			if (it.Kind == Glue && items[i-1].Kind == Box) || it.Kind == Penalty {
				candidates = append(candidates, i)
			}
		}
		best := math.Inf(1)
		for mask := 0; mask < 1<<len(candidates); mask++ {
			var breaks []int
			for k, c := range candidates {
				if mask&(1<<k) != 0 {
					breaks = append(breaks, c)
				}
			}
			if d := demerits(items, p, append(breaks, len(items)), p.Tolerance); d >= 0 {
				best = min(best, d)
			}
		}
		lines, pass := Break(items, p)
		if pass != WithHyphenation {
			if !math.IsInf(best, 1) {
				t.Errorf("trial %d: Break fell back to %v, but breaks costing %v exist", trial, pass, best)
			}
			continue
		}
		var breaks []int
		for _, l := range lines {
			breaks = append(breaks, l.End)
		}
		if got := demerits(items, p, breaks, p.Tolerance); math.Abs(got-best) > 1e-6*best {
			t.Errorf("trial %d: Break's lines %q cost %v, the best cost %v", trial, show(items, texts, lines), got, best)
		}
	}
}

// Linear time rests on the active list staying short: it holds breaks
// within one line's reach of the current item, whatever the length of
// the paragraph.
func TestActiveListStaysShortOnAHugeParagraph(t *testing.T) {
	var b strings.Builder
	rng := rand.New(rand.NewPCG(5, 6))
	for b.Len() < 1<<18 {
		b.WriteString(strings.Repeat("x", 1+rng.IntN(9)))
		if rng.IntN(3) == 0 {
			b.WriteString("-" + strings.Repeat("y", 2+rng.IntN(4)))
		}
		b.WriteByte(' ')
	}
	items, _ := paragraph(b.String())
	for _, mode := range []Mode{Justified, Ragged} {
		p := Defaults(60)
		p.Mode = mode
		for _, pass := range []Pass{WithHyphenation, Emergency} {
			br := newBreaker(items, &p, pass)
			if lines := br.run(); lines == nil && pass == Emergency {
				t.Fatalf("mode %d: the emergency pass failed", mode)
			}
			t.Logf("mode %d pass %v: at most %d active breaks", mode, pass, br.peak)
			if br.peak > 150 {
				t.Errorf("mode %d pass %v: %d active breaks at once", mode, pass, br.peak)
			}
		}
	}
}

func TestMaxActiveBoundsPathologicalInput(t *testing.T) {
	// Thousands of zero-width break points within one line's width keep
	// every break feasible; MaxActive keeps the list (and time) bounded.
	items := make([]Item, 0, 40000)
	for range 20000 {
		items = append(items, NewBox(0), NewPenalty(0, 0, false))
	}
	items = append(items, NewBox(5))
	p := Defaults(10)
	p.MaxActive = 100
	br := newBreaker(items, &p, Emergency)
	if lines := br.run(); len(lines) == 0 {
		t.Fatal("no lines")
	}
	if br.peak > p.MaxActive {
		t.Errorf("%d active breaks at once, MaxActive %d", br.peak, p.MaxActive)
	}
}

// A paragraph that fits on its first line is set on it without the
// passes, as they would set it: random paragraphs, most of them short
// enough, in every mode, compared with the passes' lines.
func TestAParagraphThatFitsIsTheOneLineThePassesFind(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	fast, fastFree := 0, 0
	for trial := range 2000 {
		var items []Item
		for range 1 + rng.IntN(12) {
			items = append(items, NewBox(float64(1+rng.IntN(8))))
			switch rng.IntN(6) {
			case 0:
				items = append(items, Item{Kind: Penalty, Width: 1, Penalty: 50, Flagged: true, Late: true})
			case 1:
				items = append(items, NewPenalty(0, float64(rng.IntN(200)-20), false))
			case 2:
				items = append(items, NewPenalty(0, Infinity, false), NewGlue(1, 1, 1/3.0))
			case 3:
				if rng.IntN(4) == 0 {
					items = append(items, NewPenalty(0, -Infinity, false))
				}
			default:
				items = append(items, NewGlue(float64(1+rng.IntN(2)), 1, 1/3.0))
			}
		}
		p := Defaults(float64(10 + rng.IntN(60)))
		p.Mode = []Mode{Justified, Ragged}[rng.IntN(2)]
		if rng.IntN(5) == 0 {
			p.PreTolerance = -1
		}
		if rng.IntN(4) == 0 {
			// None, or a negative one: a second line free or rewarded.
			p.LinePenalty = []float64{0, -5, -10, -40}[rng.IntN(4)]
		}
		got, gotPass := Break(items, p)
		want, wantPass := passes(items, &p)
		if _, ok := oneLine(items, &p); ok {
			fast++
			if p.LinePenalty <= 0 {
				fastFree++
			}
		}
		if !slices.Equal(got, want) || gotPass != wantPass {
			t.Fatalf("trial %d, %+v at width %g, mode %v: Break gives %+v (pass %v), the passes %+v (pass %v)", trial, items, p.Widths[0], p.Mode, got, gotPass, want, wantPass)
		}
	}
	if fast < 300 || fastFree < 60 {
		t.Errorf("only %d of 2000 paragraphs fitted on one line, %d of them with no line penalty or a negative one: the test tries too few", fast, fastFree)
	}
}

// A second line can cost exactly what one line costs: with a line
// penalty l of -5, a first line of badness 5 costs (l+5)² = 0, and the
// last line l² as the one line does. Here the first line's badness is 5
// to the last bits of a float, the sum the same float. The passes keep
// one line, and so does Break.
func TestASecondLineThatCostsNothingMoreLeavesOneLine(t *testing.T) {
	stretch := 5 / math.Cbrt(0.05) // the line of 5 units stretched over 10: badness 5
	items := []Item{NewBox(2), NewGlue(1, stretch, 0), NewBox(2), NewGlue(1, 1, 0), NewBox(2)}
	p := Defaults(10)
	p.LinePenalty = -5
	// Broken at the second glue: a first line of 5 units set at 10.
	b := badness((10 - 5) / stretch)
	if l := p.LinePenalty; math.Abs(b-5) > 1e-9 || (l+b)*(l+b)+l*l != l*l {
		t.Fatalf("first line badness %g, two lines cost %g; want 5 and %g", b, (l+b)*(l+b)+l*l, l*l)
	}
	want := []Line{{Start: 0, End: len(items), Natural: 8}}
	got, _ := Break(items, p)
	passed, _ := passes(items, &p)
	if !slices.Equal(got, want) || !slices.Equal(passed, want) {
		t.Errorf("Break %+v, the passes %+v; want %+v", got, passed, want)
	}
}
