package markdown

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/imaging"
)

// answers is everything a Doc's methods return, for comparing a Doc
// before and after Compact.
type answers struct {
	HTML      string
	Err       error
	HTMLText  string // what HTMLString gives
	TextErr   error
	Words     []string // the words of SearchWords, sorted
	Summaries []string
	Headings  []Heading
	Lead      *LeadImage
	Links     []Link
	Linked    []string // LinkedItems
	Anchors   anchors
	Texts     []string // LinkedTexts
}

// answersOf is what d's methods return; html, when not nil, stands for
// what HTML returns (rendered already: a table's cells are rendered
// differently the second time).
func answersOf(d *Doc, html []byte) answers {
	var err error
	if html == nil {
		html, err = d.HTML()
	}
	a := answers{HTML: string(html), Err: err, Words: distinctSorted(d.SearchWords()), Headings: d.Headings(), Lead: d.LeadImage(), Links: d.Links(), Linked: d.LinkedItems(), Anchors: d.anchors(), Texts: d.LinkedTexts()}
	a.HTMLText, a.TextErr = d.HTMLString()
	for _, max := range []int{10, 50, 160, SummaryMax} {
		a.Summaries = append(a.Summaries, d.Summary(max))
	}
	for i := range a.Headings {
		a.Headings[i].Node = nil
	}
	return a
}

// distinctSorted is the words of s, each once, sorted.
func distinctSorted(s string) []string {
	words := strings.Fields(s)
	slices.Sort(words)
	return slices.Compact(words)
}

func TestCompactedDocAnswersAsBefore(t *testing.T) {
	long := strings.Repeat("A sentence that goes on for a while. ", 40)
	photo := &imaging.Image{Name: "photo.jpg", Format: "jpeg", Width: 2000, Height: 1000, Orientation: 1, Copies: []imaging.Copy{
		{Name: "photo-960w.jpg", Width: 960, Height: 480},
	}}
	for name, md := range map[string]string{
		"empty":      "",
		"headings":   "# One\n\nText *here*.\n\n## Two\n\n- a\n- b\n\n### Three [link](https://example.org)\n",
		"long":       long + "\n\n" + long + "\n\n" + long + "\n",
		"no para":    "- only\n- a list\n\n> and a quote\n",
		"image":      "Text first.\n\n![A photo](photo.jpg)\n\nAnd after [^1].\n\n[^1]: A note.\n",
		"empty para": "![](photo.jpg)\n\nSecond paragraph.\n",
		"no stop":    strings.Repeat("word ", 90) + "and the end.\n\nMore.\n",
		"quotes":     "She said “we stay.” Then «on y va.» And (so it went.) " + strings.Repeat("Again and again. ", 20) + "\n",
		"short":      "One line.\n",
		"links":      "See [this page](en.md#top), ![A photo](photo.jpg) and [that](https://example.org).\n",
		"fragments":  "## One\n\nSee [two](#two)[^1], [the note](#fn:1) and [the bee](../b/en.md#bee).\n\n## Two\n\n[^1]: A note.\n",
		// Four bytes a character: a summary of 10 reads on past the first
		// paragraph, whose 40 bytes are only 10 characters.
		"astral": strings.Repeat("😀", 10) + "\n\nMore words after.\n",
		// Words across the cut of the kept summary, which left it shorter
		// than a summary of 160 cut from the text (found by
		// FuzzMarkdownHTML).
		"long words": "\n£0000000\n00000000000000000£000000000£00000000000£0000000000\n0000000000000000000£00000000000£00000000000£0000000000\n\n0000000000\n\n0000000000000000000000000000000000\n\n000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\n\n000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\n00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\n00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
	} {
		t.Run(name, func(t *testing.T) {
			images := map[string]*imaging.Image{"content/articles/a/photo.jpg": photo}
			const b = "-- content/articles/b/en.md --\n---\ntitle: B\n---\n## Bee\n"
			d, _ := parseWithImages(t, body("en", md)+"-- content/articles/a/photo.jpg --\nJPEG\n"+b, "content/articles/a/en.md", images)
			before := answersOf(d, nil)
			if want := map[string]int{"links": 2, "image": 1, "empty para": 1, "fragments": 1}[name]; len(before.Links) != want {
				t.Errorf("Links = %+v, want %d", before.Links, want)
			}
			if want := map[string]int{"links": 1, "image": 1, "empty para": 1, "fragments": 1}[name]; len(before.Linked) != want {
				t.Errorf("LinkedItems = %q, want %d", before.Linked, want)
			}
			if want := map[string]int{"image": 2, "fragments": 2}[name]; len(before.Anchors.notes) != want {
				t.Errorf("the notes' ids %q, want %d", before.Anchors.notes, want)
			}
			if want := map[string]int{"fragments": 1}[name]; len(before.Texts) != want {
				t.Errorf("LinkedTexts = %q, want %d", before.Texts, want)
			}
			d.Compact()
			if !d.Compacted() || d.Root != nil || d.Source != nil || d.Targets != nil {
				t.Fatal("Compact kept the AST")
			}
			if after := answersOf(d, nil); !reflect.DeepEqual(before, after) {
				t.Errorf("after Compact:\n%+v\nbefore:\n%+v", after, before)
			}
			d.Compact() // twice does nothing
			if after := answersOf(d, nil); !reflect.DeepEqual(before, after) {
				t.Errorf("after a second Compact:\n%+v\nbefore:\n%+v", after, before)
			}
			saved, ok := d.AppendSaved([]byte("before"))
			if !ok || !strings.HasPrefix(string(saved), "before") {
				t.Fatalf("AppendSaved = %q, %v", saved, ok)
			}
			r, err := Restore(d.Variant, saved[len("before"):])
			if err != nil {
				t.Fatal(err)
			}
			if after := answersOf(r, nil); !reflect.DeepEqual(before, after) {
				t.Errorf("restored:\n%+v\nbefore:\n%+v", after, before)
			}
			for n := range len(saved) - len("before") {
				if _, err := Restore(d.Variant, saved[len("before"):len("before")+n]); err == nil {
					t.Errorf("Restore of the first %d bytes gave no error", n)
				}
			}
		})
	}
}
