package content

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// sameAsYAML fails t when quickFront read front into another tree than
// yaml.v3 does, or read what yaml.v3 refuses. It reports whether
// quickFront read it.
func sameAsYAML(t *testing.T, front []byte) bool {
	t.Helper()
	got, ok := quickFront(front)
	if !ok {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal(front, &want); err != nil {
		t.Fatalf("quickFront read what yaml.v3 refuses (%v):\n%s", err, front)
	}
	if !reflect.DeepEqual(got, &want) {
		t.Fatalf("quickFront and yaml.v3 differ on:\n%s\nquickFront:\n%s\nyaml.v3:\n%s", front, dumpNode(got), dumpNode(&want))
	}
	return true
}

func dumpNode(n *yaml.Node) string {
	var b strings.Builder
	var walk func(n *yaml.Node, indent string)
	walk = func(n *yaml.Node, indent string) {
		fmt.Fprintf(&b, "%skind=%d style=%d tag=%q value=%q line=%d col=%d comments=%q %q %q\n",
			indent, n.Kind, n.Style, n.Tag, n.Value, n.Line, n.Column, n.HeadComment, n.LineComment, n.FootComment)
		for _, k := range n.Content {
			walk(k, indent+"  ")
		}
	}
	walk(n, "")
	return b.String()
}

// The shapes editors write most are read by quickFront, as yaml.v3
// reads them; a front matter of any other shape is left to yaml.v3.
func TestQuickFrontReadsTheCommonShapesAsYAMLDoes(t *testing.T) {
	read := []string{
		"title: \"Rent strike: day one\"\ndate: 2024-10-14\ntags: [housing, care-work, \"x y\"]\nnumber: 12\n",
		"title: Une grève à l'été\nsummary: 'Ce que nous demandons'\ntranslated_from: en@51ba995def69\n",
		"title: T\nstarts: 2024-10-19T10:00:00+01:00\nends: 2024-10-19 18:30\nvenue: Salle des fêtes, rue Haute\n",
		"title: T\nsignatories:\n  - Ana Pérez\n  - \"Bé, Co\"\n  - 'Dé'\n\npaper: a5\n",
		"title: T\narticles:\n- a\n- b\ntags: []\n",
		"\n\ntitle: T\n\n\n",
		"title: true\nnumber: 0x1F\nsummary: ~\ntags: [1, 2.5, null]\n",
		"title: 東京の家賃\n",
	}
	for _, s := range read {
		if !sameAsYAML(t, []byte(s)) {
			t.Errorf("quickFront did not read:\n%s", s)
		}
	}
	left := []string{
		"title: We are #1\n",            // a comment
		"title: \"a \\\"b\\\"\"\n",      // an escape
		"title: 'it''s'\n",              // a quote in quotes
		"title: a\n  b\n",               // a value on two lines
		"title: a\ttab\n",               // a tab
		"title: &x a\nsummary: *x\n",    // an anchor
		"summary: >\n  folded\n",        // a block scalar
		"title:\n",                      // nothing given
		"tags: [a, [b]]\n",              // a list in a list
		"tags: [a, b,]\n",               // an empty entry
		"title: a: b\n",                 // a colon and space
		"- a\n- b\n",                    // not a mapping
		"title: a\u2028b\n",             // a line separator
		"title : a\n",                   // a space before the colon
		"signatories:\n  - a\n   - b\n", // entries indented unlike
		"title: a\n---\n",               // a second document
		"<<: a\n",                       // a merge key
	}
	for _, s := range left {
		if _, ok := quickFront([]byte(s)); ok {
			t.Errorf("quickFront read, and should have left to yaml.v3:\n%s", s)
		}
	}
}

// Every front matter of the sample site that quickFront reads, it reads
// as yaml.v3 does; and it reads most of them.
func TestQuickFrontReadsTheSampleSiteAsYAMLDoes(t *testing.T) {
	var all, read int
	err := filepath.WalkDir("../../content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		src, perr := split(NormalizeNewlines(data))
		if perr != nil || !src.hasFront {
			return nil
		}
		all++
		if sameAsYAML(t, src.front) {
			read++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if all == 0 || read*10 < all*8 {
		t.Errorf("quickFront read %d front matters of %d: the common shapes should be most of them", read, all)
	}
	t.Logf("quickFront read %d front matters of %d", read, all)
}

// FuzzQuickFrontIsWhatYAMLReads holds quickFront to yaml.v3: whatever it
// reads, yaml.v3 must read into the same tree.
func FuzzQuickFrontIsWhatYAMLReads(f *testing.F) {
	for _, s := range []string{
		"title: \"Rent strike\"\ndate: 2024-10-14\ntags: [housing, care-work]\n",
		"title: T\nsignatories:\n  - Ana\n  - 'Bé'\n",
		"title: T\narticles:\n- a\n- b\nnumber: 3\n",
		"\ntitle: été, à 10:30\n\nvenue: café\n",
		"tags: [ a ,b , \"c\" ]\nx: 1e3\ny: .inf\nz: 2024-01-01T10:00:00Z\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, front []byte) {
		sameAsYAML(t, front)
	})
}

// Front matter put together at random from the pieces editors type, and
// from the signs YAML gives a meaning to, is read alike by quickFront and
// yaml.v3, or left to yaml.v3.
func TestQuickFrontAgreesWithYAMLOnGeneratedFrontMatter(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	plain := []string{
		"a", "Rent", "été", "niño", "東京", "l'été", "2024-10-14", "10:30", "12", "0x1F", "1e3", ".5", "-3",
		"true", "no", "null", "~", " ", "(", ")", "/", "+", ".", "_", "-", "@",
	}
	signs := []string{
		"  ", ",", ":", ": ", "#", " #", "?", "- ", "[", "]", "{", "}", "'", "\"", "\\", "&", "*", "!",
		"|", ">", "%", "`", "\u00a0", "\u2028", "\u0085", "<<", "=", "\t",
	}
	word := func() string {
		var b strings.Builder
		for range 1 + rng.IntN(4) {
			if rng.IntN(6) == 0 {
				b.WriteString(signs[rng.IntN(len(signs))])
			} else {
				b.WriteString(plain[rng.IntN(len(plain))])
			}
		}
		return b.String()
	}
	value := func() string {
		switch rng.IntN(6) {
		case 0:
			return "\"" + word() + "\""
		case 1:
			return "'" + word() + "'"
		case 2:
			var items []string
			for range rng.IntN(4) {
				items = append(items, word())
			}
			return "[" + strings.Join(items, ",") + "]"
		default:
			return word()
		}
	}
	keys := []string{"title", "date", "tags", "summary", "venue", "x-1", "_k", "signatories", "number", "paper"}
	oddKeys := []string{"true", "1", "k k", "-k", "k:", "\"k\"", "?"}
	var read int
	for range 100000 {
		var b strings.Builder
		for range 1 + rng.IntN(5) {
			if rng.IntN(8) == 0 {
				b.WriteString("\n")
			}
			if rng.IntN(20) == 0 {
				b.WriteString(oddKeys[rng.IntN(len(oddKeys))])
			} else {
				b.WriteString(keys[rng.IntN(len(keys))])
			}
			if rng.IntN(4) == 0 {
				b.WriteString(":\n")
				indent := strings.Repeat(" ", rng.IntN(3))
				for range rng.IntN(4) {
					b.WriteString(indent + "-" + strings.Repeat(" ", rng.IntN(3)) + value() + "\n")
				}
				continue
			}
			b.WriteString(":" + strings.Repeat(" ", rng.IntN(3)) + value() + strings.Repeat(" ", rng.IntN(2)) + "\n")
		}
		if sameAsYAML(t, []byte(b.String())) {
			read++
		}
	}
	if read < 10000 {
		t.Errorf("quickFront read %d generated front matters of 100,000: too few to say much", read)
	}
	t.Logf("quickFront read %d generated front matters of 100,000", read)
}
