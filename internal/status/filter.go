package status

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/tractpub/tract/internal/content"
)

// Filter picks part of a matrix: on a site of thousands of items, the
// languages one translator works in, the section they look after, or only
// the translations waiting for someone.
type Filter struct {
	// Languages are the columns kept, in the matrix's order; every
	// language when empty.
	Languages []string
	// Items keep the items under them: a section ("leaflets") or an item
	// ("leaflets/no-to-the-rent-rise"); every item when empty.
	Items []string
	// Todo keeps only the items with a translation missing, not
	// translated, unreadable, outdated or partly copied among the
	// languages kept. The totals still count every item kept
	// otherwise, so that they say how far the whole selection is
	// translated.
	Todo bool
}

// Select returns the part of m that f picks, with totals over it. An
// unknown language, or items that match nothing, are errors: a typo
// should not read as "nothing to do".
func (m *Matrix) Select(f Filter) (*Matrix, error) {
	cols := make([]int, 0, len(m.Languages))
	if len(f.Languages) == 0 {
		for i := range m.Languages {
			cols = append(cols, i)
		}
	} else {
		for _, l := range f.Languages {
			if !slices.Contains(m.Languages, l) {
				return nil, fmt.Errorf("%q is not one of the site's languages (%s)", l, strings.Join(m.Languages, ", "))
			}
		}
		for i, l := range m.Languages {
			if slices.Contains(f.Languages, l) {
				cols = append(cols, i)
			}
		}
	}
	out := &Matrix{Totals: make([]Total, len(cols))}
	for j, i := range cols {
		out.Languages = append(out.Languages, m.Languages[i])
		out.Totals[j].Language = m.Languages[i]
	}
	matched := make([]bool, len(f.Items))
	for _, r := range m.Rows {
		if len(f.Items) > 0 {
			in := false
			for k, p := range f.Items {
				if r.Item == p || strings.HasPrefix(r.Item, p+"/") {
					in, matched[k] = true, true
				}
			}
			if !in {
				continue
			}
		}
		row := Row{Item: r.Item, Dir: r.Dir, Original: r.Original, Cells: make([]Cell, len(cols))}
		todo := false
		for j, i := range cols {
			c := r.Cells[i]
			row.Cells[j] = c
			out.Totals[j].add(c)
			todo = todo || (c.Status != content.Original && c.Status != content.Current) || c.Copied > 0
		}
		out.Items++
		if todo || !f.Todo {
			out.Rows = append(out.Rows, row)
		}
	}
	for k, ok := range matched {
		if !ok {
			return nil, fmt.Errorf("no item is under %q (give a section, such as leaflets, or section/slug)", f.Items[k])
		}
	}
	return out, nil
}

// FindUncommitted asks git which sources of the outdated translations m
// shows have changes not yet committed, and keeps them in m.Uncommitted:
// those with a committed version, which git restore can take them back
// to.
func (m *Matrix) FindUncommitted(ctx context.Context, siteDir string) {
	var sources []string
	seen := map[string]bool{}
	for _, c := range m.Outdated() {
		if p := sourcePath(dirOf(c.Path), c.Source); !seen[p] {
			seen[p] = true
			sources = append(sources, p)
		}
	}
	if len(sources) > 0 {
		m.Uncommitted = uncommitted(ctx, siteDir, sources, false)
	}
}

// FindChanges looks in the git history for what changed in the source of
// each outdated translation m shows (see Changes), and keeps it in
// m.Changes.
func (m *Matrix) FindChanges(ctx context.Context, siteDir string, site *content.Site) {
	shown := map[string]bool{}
	for _, c := range m.Outdated() {
		shown[c.Path] = true
	}
	m.Changes = Changes(ctx, siteDir, site, shown)
}
