package content

import (
	"bytes"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/diag"
)

// FuzzFrontMatter feeds arbitrary files to the variant reader: it must
// never panic, every problem must carry a line inside the file, and a file
// it accepts must have a title and a stable digest.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: T\ndate: 2024-02-24\ntags: [a, b]\n---\nBody\n",
		"\uFEFF---\r\ntitle: \"Quoted\"\r\nsummary: >\r\n  folded\r\n---\r\n# H\r\n",
		"---\ntitle: [a\n---\n",
		"---\ntitle: T\nstarts: 2024-10-19T10:00:00+01:00\nends: 2024-10-19\n---\n",
		"---\n&a [*a, *a]\n---\n",
		"---\ntitle: T\ntranslated_from: en@0123456789ab\nnumber: 12\narticles: [x]\n---\n",
		"no front matter",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Lines as the loader counts them: a lone CR (old Mac files) ends
		// a line too.
		lines := bytes.Count(NormalizeNewlines(data), []byte("\n")) + 1
		if checkUTF8(data) > 0 {
			return
		}
		src, perr := split(NormalizeNewlines(data))
		if perr != nil {
			if perr.line < 1 || perr.line > lines {
				t.Fatalf("error at line %d of a %d-line file: %s", perr.line, lines, perr.msg)
			}
			return
		}
		fm, errs := parseFrontMatter(src)
		for _, e := range errs {
			if e.line < 1 || e.line > lines {
				t.Fatalf("error at line %d of a %d-line file: %s", e.line, lines, e.msg)
			}
		}
		if len(errs) == 0 {
			d1 := Digest(fm.Title, fm.Summary, src.body)
			d2 := Digest(fm.Title, fm.Summary, src.body)
			if d1 != d2 || len(d1) != DigestLen {
				t.Fatalf("digest %q then %q", d1, d2)
			}
			// What a Memo keeps reads back as the same front matter.
			if rec := AppendFront(nil, fm, d1); rec != nil {
				back, digest, err := ReadFront(rec)
				if err != nil || digest != d1 || !reflect.DeepEqual(back, fm) {
					t.Fatalf("kept and read back: %+v, %q, %v; parsed: %+v", back, digest, err, fm)
				}
			}
		}
	})
}

// FuzzConfig feeds arbitrary tract.toml files to the config reader.
func FuzzConfig(f *testing.F) {
	f.Add([]byte("base_url = \"https://example.org\"\nlanguages = [\"en\", \"fr\"]\n[title]\nen = \"A\"\nfr = \"B\"\n"))
	f.Add([]byte("base_url = 1\n[[languages]]\n"))
	f.Add([]byte("title = { en = \"x\" }\npaper = \"a5\"\nfallback = \"hide\"\n"))
	f.Add([]byte("base_url = \"https://x.org\"\n[tags]\nrent = { fr = 3 }\n[tags.b]\nes = [1]\n[title]\nen = 5\n"))
	f.Add([]byte("[x\na = [b, c]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var diags diag.List
		c := ParseConfig(data, &diags)
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, d := range diags.Sorted() {
			if d.Line < 0 || d.Line > lines {
				t.Fatalf("line %d of %d: %s", d.Line, lines, d.Message)
			}
		}
		if c != nil && !diags.HasErrors() && (len(c.Languages) == 0 || c.Title[c.DefaultLanguage] == "") {
			t.Fatalf("accepted a config without languages or title: %+v", c)
		}
	})
}

var lineEnd = regexp.MustCompile(`(?m)$`)

// FuzzDigest checks the digest's promise on arbitrary text: spaces added at
// line ends, CRLF line endings and extra blank lines never change it.
func FuzzDigest(f *testing.F) {
	f.Add("Title", "Summary", "# Head\n\nText.\n")
	f.Add("Été", "", "a\n\n\nb  \n")
	f.Fuzz(func(t *testing.T, title, summary, body string) {
		// Line ends are where editors see them: before CRLF too.
		body = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(body)
		d := Digest(title, summary, []byte(body))
		if len(d) != DigestLen {
			t.Fatalf("digest %q", d)
		}
		spaced := lineEnd.ReplaceAllString(body, "  ")
		if got := Digest(title, summary, []byte(spaced)); got != d {
			t.Errorf("trailing spaces changed the digest of %q", body)
		}
		crlf := strings.ReplaceAll(body, "\n", "\r\n")
		if got := Digest(title, summary, []byte(crlf)); got != d {
			t.Errorf("CRLF changed the digest of %q", body)
		}
		if got := Digest(title, summary, []byte("\n\n"+body+"\n\n")); got != d {
			t.Errorf("blank lines around the text changed the digest of %q", body)
		}
	})
}

// FuzzParagraphs checks the paragraphs a translation is compared by on
// arbitrary text: they are those the word-by-word scan finds, each starts
// at a line of the text, in order, and a text compared with itself has
// every one of them still the source's.
func FuzzParagraphs(f *testing.F) {
	f.Add("We meet every Thursday in the hall behind the library.\n\n```\ncode\n\n```\n")
	f.Add("- item\n  ~~~~ text\n  one two three four five six\n  ~~~~\n")
	f.Add("```a``` one two three four five six\n```\n")
	f.Add("one two\n::: {lang=es}\nuno dos tres cuatro cinco seis\n```\n:::\n```\n:::\nthree four five six seven eight\n")
	f.Fuzz(func(t *testing.T, body string) {
		if got, want := reportedBy(eachParagraph, []byte(body)), reportedBy(eachParagraphByWord, []byte(body)); !slices.Equal(got, want) {
			t.Fatalf("line by line %v, word by word %v, in %q", got, want, body)
		}
		ps := paragraphsOf([]byte(body))
		lines := strings.Count(body, "\n") + 1
		for i, p := range ps {
			if p.line < 0 || p.last < p.line || int(p.last) >= lines || i > 0 && p.line <= ps[i-1].last {
				t.Fatalf("paragraph %d at line %d of %d (%v) in %q", i, p.line, lines, ps, body)
			}
		}
		v := &Variant{Body: []byte(body)}
		if same, of, _ := v.Copied(&Variant{Body: []byte(body)}); same != of || of != len(ps) {
			t.Fatalf("a text against itself: %d of %d paragraphs the same, %d found, in %q", same, of, len(ps), body)
		}
	})
}

// TagKey's shortcut for ASCII tags gives what the whole folding gives.
func FuzzTagKey(f *testing.F) {
	for _, s := range []string{"housing", " Housing ", "Rent Strike", "a_b-c", "Québec", "\u00a0x", "x\v", "C++", "", "\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tag string) {
		if k, ok := asciiTagKey(tag); ok && k != foldTagKey(tag) {
			t.Fatalf("asciiTagKey(%q) = %q, foldTagKey gives %q", tag, k, foldTagKey(tag))
		}
	})
}

// The shortcut is taken for tags in ASCII, and only for them.
func TestTagKeyTakesTheShortcutForASCII(t *testing.T) {
	for tag, want := range map[string]bool{"housing": true, " Rent Strike\t": true, "C++": true, "Québec": false, "\u00a0x": false} {
		if _, ok := asciiTagKey(tag); ok != want {
			t.Errorf("asciiTagKey(%q) takes the shortcut: %v, want %v", tag, ok, want)
		}
	}
}
