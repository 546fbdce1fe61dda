package corpus

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
)

// Files is a generated site: slash paths relative to the site directory
// and their contents.
type Files map[string][]byte

// Paths returns the file names in order.
func (f Files) Paths() []string {
	out := make([]string, 0, len(f))
	for p := range f {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// FS returns the files as an in-memory file system.
func (f Files) FS() fstest.MapFS {
	fsys := fstest.MapFS{}
	for p, data := range f {
		fsys[p] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys
}

// Write writes the files under dir, which must not exist or be empty, so
// that no file of an earlier corpus is left behind.
func (f Files) Write(dir string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: remove it first", dir)
	}
	made := map[string]bool{}
	for _, p := range f.Paths() {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if d := filepath.Dir(full); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(full, f[p], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// TractConfig is the tract.toml of a generated site.
const TractConfig = `base_url = "https://archive.x.org"
languages = ["en", "fr", "es"]
default_language = "en"
paper = "a4"
fallback = "original"

[title]
en = "Kellingford Solidarity Network"
fr = "Réseau de solidarité de Kellingford"
es = "Red de Solidaridad de Kellingford"
`

// Files returns the corpus as a tract site: tract.toml and
// content/<section>/<slug>/<lang>.md, plus photo.png beside the variants
// of items with a figure.
func (c *Corpus) Files() Files {
	files := Files{"tract.toml": []byte(TractConfig)}
	for _, it := range c.Items {
		dir := "content/" + it.Section + "/" + it.Slug + "/"
		for _, l := range Languages {
			if v := it.Variants[l]; v != nil {
				files[dir+l+".md"] = tractVariant(it, v)
			}
		}
		if it.Image {
			files[dir+"photo.png"] = photo(it.index)
		}
	}
	return files
}

// yamlQuote writes s as a double-quoted YAML scalar.
func yamlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func yamlList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = yamlQuote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// tractVariant writes one variant file: front matter with the original's
// language-neutral fields (a translation has only its own fields, or
// repeats the date and tags), then the body.
func tractVariant(it *Item, v *Variant) []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", yamlQuote(v.Title))
	original := v.From == ""
	if !it.Date.IsZero() && (original || v.Neutral) {
		fmt.Fprintf(&b, "date: %s\n", it.Date.Format("2006-01-02"))
	}
	if v.Summary != "" {
		fmt.Fprintf(&b, "summary: %s\n", yamlQuote(v.Summary))
	}
	if len(it.Tags) > 0 && (original || v.Neutral) {
		fmt.Fprintf(&b, "tags: [%s]\n", strings.Join(it.Tags, ", "))
	}
	if !original {
		fmt.Fprintf(&b, "translated_from: %s@%s\n", v.From, v.FromDigest)
	}
	if original {
		writeNeutral(&b, it, false)
	}
	b.WriteString("---\n\n")
	b.WriteString(v.Body)
	return b.Bytes()
}

// writeNeutral writes the item's fields that only the original carries.
// Hugo does not read times without seconds: for it, they get ":00".
func writeNeutral(b *bytes.Buffer, it *Item, hugo bool) {
	if e := it.Event; e != nil {
		when := func(s string) string {
			if hugo && len(s) == len("2006-01-02T15:04") {
				return s + ":00"
			}
			return s
		}
		fmt.Fprintf(b, "starts: %s\n", when(e.Starts))
		if e.Ends != "" {
			fmt.Fprintf(b, "ends: %s\n", when(e.Ends))
		}
		fmt.Fprintf(b, "venue: %s\n", yamlQuote(e.Venue))
		fmt.Fprintf(b, "address: %s\n", yamlQuote(e.Address))
	}
	if it.Number > 0 {
		fmt.Fprintf(b, "number: %d\n", it.Number)
		fmt.Fprintf(b, "articles: [%s]\n", strings.Join(it.Articles, ", "))
	}
	if len(it.Signatories) > 0 {
		b.WriteString("signatories:\n")
		for _, s := range it.Signatories {
			fmt.Fprintf(b, "  - %s\n", yamlQuote(s))
		}
	}
	if it.Paper != "" {
		fmt.Fprintf(b, "paper: %s\n", it.Paper)
	}
}

// photo is a small PNG, different for each item: stripes in two greys.
func photo(seed int) []byte {
	img := image.NewGray(image.Rect(0, 0, 96, 64))
	for y := range 64 {
		for x := range 96 {
			v := uint8(60)
			if (x+y+seed)/(4+seed%7)%2 == 0 {
				v = 200
			}
			img.SetGray(x, y, color.Gray{Y: v})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err) // encoding to memory cannot fail
	}
	return b.Bytes()
}
