package linebreak

import "math"

// greedy fills each line as full as it will go, breaking at the last
// break point where the line still fits with its glue shrunk, and on a
// box too wide for any line, right after it. Every break point counts the
// same, whatever its penalty: first fit is a baseline, not a typesetter.
func greedy(items []Item, p *Params) []Line {
	var out []Line
	var w, y, z float64 // sums of items[:i]
	start := node{pos: -1}
	var fit node // the last break that fits on the current line
	hasFit := false
	emit := func(to node) {
		out = append(out, Line{Start: start.next, End: to.pos, Ratio: to.ratio, Natural: to.natural, Overfull: to.overfull})
		start, hasFit = to, false
	}
	end := Item{Kind: Penalty, Penalty: -Infinity}
	for i := 0; i <= len(items); i++ {
		it := end
		if i < len(items) {
			it = items[i]
		}
		breakable := (it.Kind == Glue && i > 0 && items[i-1].Kind == Box) ||
			(it.Kind == Penalty && it.Penalty < Infinity)
		for breakable {
			width := p.width(start.line)
			natural := w - start.totalW
			if it.Kind == Penalty {
				natural += it.Width
			}
			stretch, shrink := y-start.totalY, z-start.totalZ
			forced := it.Forced()
			here := node{pos: i, line: start.line + 1, natural: natural}
			if natural-shrink <= width+1e-9 {
				switch {
				case natural > width:
					here.ratio = (width - natural) / shrink
				case !forced && stretch > 0 && p.Mode != Ragged:
					here.ratio = (width - natural) / stretch
				}
				here.next, here.totalW, here.totalY, here.totalZ = after(items, i, w, y, z)
				fit, hasFit = here, true
				if forced {
					emit(here)
				}
				break
			}
			if hasFit {
				emit(fit) // then try this break again on the new line
				continue
			}
			here.overfull = true
			if p.Mode != Ragged {
				here.ratio = -1
			}
			here.next, here.totalW, here.totalY, here.totalZ = after(items, i, w, y, z)
			emit(here)
			break
		}
		switch it.Kind { // a penalty's width counts only when broken at
		case Box:
			w += it.Width
		case Glue:
			w += it.Width
			y += it.Stretch
			z += it.Shrink
		}
	}
	for i := range out {
		if math.IsInf(out[i].Ratio, 0) || math.IsNaN(out[i].Ratio) {
			out[i].Ratio = 0
		}
	}
	return out
}

// after returns where the line after a break at item i starts, and the
// sums of items before that start, given the sums w, y, z of items[:i].
// The glue and penalties following a break vanish with it.
func after(items []Item, i int, w, y, z float64) (next int, tw, ty, tz float64) {
	next = i
	for ; next < len(items); next++ {
		x := items[next]
		if x.Kind == Box || (x.Forced() && next > i) {
			break
		}
		if x.Kind == Glue {
			w += x.Width
			y += x.Stretch
			z += x.Shrink
		}
	}
	return next, w, y, z
}
