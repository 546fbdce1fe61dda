package build

import (
	"context"
	"encoding/json"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/diag"
)

// A control character or a bidirectional override in an editor's text,
// in front matter or in the Markdown, is warned about at its file and
// line, and reaches no published file: no page, feed, calendar or search
// index has a control character, or an embedding, override or isolate
// left open at the end of the text it came in.
func TestControlCharactersInTextsAreWarnedAboutAndNotPublished(t *testing.T) {
	dir := writeSite(t, `
-- tract.toml --
base_url = "https://x.org"
languages = ["en"]
title = "Bulletin"
-- content/leaflets/bad/en.md --
---
title: "Bad \x01 ti\u202Etle \x0c end\x7f"
date: 2026-10-01
summary: "Sum\u0085mary \u202Dover"
tags: [rent, "hou\u202Esing"]
signatories: ["One\x0b (Here)", "Two\u0086"]
---
Text with a `+"\x0b"+` break and `+"\u202E"+`reversed words.

## Head`+"\x01"+`ing `+"\x0b"+` x

![A pic`+"\x01"+`ture](pic.png "Cap`+"\x0c"+`tion")

`+"```"+`
code`+"\x1b"+`[31m
`+"```"+`
-- content/events/meet/en.md --
---
title: "Meet\x0bing"
starts: 2027-01-10T18:00
venue: "The \u202BHall"
address: "1 High St\x01"
---
Come.
-- content/leaflets/bad/pic.png --
`+testPicture(t, 40, 30, "png"))
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	bad, meet := "content/leaflets/bad/en.md", "content/events/meet/en.md"
	for _, w := range []struct {
		path   string
		line   int
		substr string
	}{
		{bad, 2, "the title holds U+0001 (a control character)"},
		{bad, 2, "the title holds U+000C (a form feed, as a page break is written)"},
		{bad, 2, "the title holds U+007F (a delete)"},
		{bad, 2, "the title holds U+202E (a right-to-left override) that is never closed"},
		{bad, 4, "the summary holds U+0085 (a next line, as old systems write a line break)"},
		{bad, 4, "the summary holds U+202D (a left-to-right override) that is never closed"},
		{bad, 5, "an entry of tags holds U+202E (a right-to-left override) that is never closed"},
		{bad, 6, "an entry of signatories holds U+000B (a vertical tab, as Word writes a line break)"},
		{bad, 6, "an entry of signatories holds U+0086, a control character"},
		{bad, 8, "this line holds U+000B (a vertical tab, as Word writes a line break)"},
		{bad, 8, "this line holds U+202E (a right-to-left override) that is never closed"},
		{bad, 10, "this line holds U+0001 (a control character)"},
		{bad, 10, "this line holds U+000B (a vertical tab, as Word writes a line break)"},
		{bad, 12, "this line holds U+0001 (a control character)"},
		{bad, 12, "this line holds U+000C (a form feed, as a page break is written)"},
		{bad, 15, "this line holds U+001B (an escape)"},
		{meet, 2, "the title holds U+000B (a vertical tab, as Word writes a line break)"},
		{meet, 4, "the venue holds U+202B (a right-to-left embedding) that is never closed"},
		{meet, 5, "the address holds U+0001 (a control character)"},
	} {
		if !hasDiag(res.Diagnostics, w.path, w.line, w.substr) {
			t.Errorf("no warning at %s:%d containing %q", w.path, w.line, w.substr)
		}
	}
	if t.Failed() {
		for _, d := range res.Diagnostics {
			t.Log(d)
		}
	}
	checked := 0
	err = filepath.WalkDir(res.OutDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".html", ".xml", ".ics", ".json", ".txt", ".webmanifest":
		default:
			return nil
		}
		name, _ := filepath.Rel(res.OutDir, p)
		text := read(t, res.OutDir, filepath.ToSlash(name))
		checked++
		if r, at := controlIn(text); at >= 0 {
			t.Errorf("%s holds %U: %+q", name, r, text[max(at-40, 0):min(at+40, len(text))])
		}
		if filepath.Ext(p) == ".ics" {
			text = strings.ReplaceAll(text, "\r\n ", "") // a long line folded
		}
		if at := bidiLeftOpen(text); at >= 0 {
			t.Errorf("%s leaves an embedding, override or isolate open: %+q", name, text[max(at-40, 0):min(at+10, len(text))])
		}
		if filepath.Ext(p) == ".json" {
			// What a \u000b escape stands for.
			var v any
			if err := json.Unmarshal([]byte(text), &v); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			var walk func(v any)
			walk = func(v any) {
				switch v := v.(type) {
				case string:
					if r, at := controlIn(v); at >= 0 {
						t.Errorf("%s holds %U: %+q", name, r, v)
					}
				case []any:
					for _, e := range v {
						walk(e)
					}
				case map[string]any:
					for k, e := range v {
						walk(k)
						walk(e)
					}
				}
			}
			walk(v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Fatalf("only %d files checked", checked)
	}
	page := read(t, res.OutDir, "en/leaflets/bad/index.html")
	contains(t, "the item's page", page, "Bad  ti\u202Etle   end\u202C", `alt="A picture"`, "Cap tion", "Heading   x")
}

func hasDiag(ds []diag.Diagnostic, path string, line int, substr string) bool {
	for _, d := range ds {
		if d.Path == path && d.Line == line && d.Severity == diag.Warning && strings.Contains(d.Message, substr) {
			return true
		}
	}
	return false
}

// controlIn returns the first control character in s but tab, line feed
// and carriage return, and its offset; -1 for none.
func controlIn(s string) (rune, int) {
	for i, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f {
			return r, i
		}
	}
	return 0, -1
}

// bidiLeftOpen returns the offset of an embedding, override or isolate
// still open where the text it is in ends, at a tag, a quote or a line
// end; -1 for none.
func bidiLeftOpen(s string) int {
	depth, opened := 0, -1
	for i, r := range s {
		switch r {
		case '\u202A', '\u202B', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068':
			if depth == 0 {
				opened = i
			}
			depth++
		case '\u202C', '\u2069':
			depth = max(depth-1, 0)
		case '<', '"', '\n':
			if depth > 0 {
				return opened
			}
		}
	}
	if depth > 0 {
		return opened
	}
	return -1
}
