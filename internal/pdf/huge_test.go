package pdf

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkHugeParagraph sets a single paragraph of 1 and 5 MB as a
// pamphlet: the time per MB must stay flat (linear layout), see
// `go test -bench HugeParagraph ./internal/pdf`.
func BenchmarkHugeParagraph(b *testing.B) {
	words := strings.Fields("the rent rose again this year and the repairs still wait while the landlord counts his money solidarité grève trabajadores")
	for _, mb := range []int{1, 5} {
		var body strings.Builder
		for i := 0; body.Len() < mb<<20; i++ {
			body.WriteString(words[i%len(words)])
			body.WriteByte(' ')
		}
		archive := fmt.Sprintf("-- tract.toml --\nbase_url = \"https://example.org\"\nlanguages = [\"en\"]\nmax_file_size_mb = 8\n[title]\nen = \"T\"\n-- content/pamphlets/p/en.md --\n---\ntitle: Huge\n---\n%s\n", body.String())
		m, site := maker(b, archive)
		v := site.Item("pamphlets", "p").Variants["en"]
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			for b.Loop() {
				doc, _, err := m.set(v, "a4")
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(len(doc.Pages)), "pages")
			}
		})
	}
}
