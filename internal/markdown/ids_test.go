package markdown

import (
	"fmt"
	"slices"
	"testing"
)

// Headings of one name are numbered in order, each number once, around
// the ids the text or the templates already hold.
func TestHeadingsOfOneNameAreNumberedInOrder(t *testing.T) {
	ids := newHeadingIDs()
	var got []string
	for _, h := range []string{"Notes", "Notes", "Notes 2", "Notes", "Notes", "Main", "Main", "¡!", "¿?"} {
		got = append(got, ids.id(h))
	}
	want := []string{"notes", "notes-1", "notes-2", "notes-3", "notes-4", "main-1", "main-2", "section", "section-1"}
	if !slices.Equal(got, want) {
		t.Errorf("ids %v, want %v", got, want)
	}
}

// BenchmarkHeadingsOfOneName gives n headings one name: the time per
// heading must not grow with n (the k-th once tried k ids: 16,000 headings
// "Notes" took 13 s).
func BenchmarkHeadingsOfOneName(b *testing.B) {
	for _, n := range []int{1000, 16000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				ids := newHeadingIDs()
				for range n {
					ids.id("Notes")
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/heading")
		})
	}
}
