// Command stack does, for every text of a site, the least that any site
// generator built on tract's stack must do for it, and nothing else: read
// the file, parse its Markdown with goldmark and the extensions tract
// uses (GFM's tables, strikethrough and task lists, footnotes, the
// typographer), render the HTML with goldmark's own renderer, execute one
// html/template page around it and write the page. No front matter is
// decoded beyond the title line, no link is checked, no list, tag page,
// feed, search index or PDF is made.
//
// Timed by bench/measure beside tract and Hugo, it is a lower bound: a
// tract page does all of this and more, so no build of tract's output
// with goldmark and html/template can take less than this row. Its ratio
// to Hugo says how far the stack itself lets tract go.
//
// Usage:
//
//	stack -site DIR -to DIR [-jobs N]
//
// The texts are content/<section>/<slug>/<lang>.md under the site, as
// DESIGN.md lays them out; each page is written to
// <lang>/<section>/<slug>/index.html under -to, which must not exist.
// N workers (default: one per CPU) each take texts in turn.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func main() {
	site := flag.String("site", "", "the site whose content/ holds the texts")
	to := flag.String("to", "", "where to write the pages (must not exist)")
	jobs := flag.Int("jobs", runtime.NumCPU(), "parallel workers")
	flag.Parse()
	if *site == "" || *to == "" || *jobs < 1 {
		flag.Usage()
		os.Exit(2)
	}
	n, err := run(*site, *to, *jobs)
	if err != nil {
		fmt.Fprintln(os.Stderr, "stack:", err)
		os.Exit(1)
	}
	fmt.Printf("stack: %d pages\n", n)
}

// page is what a real page template holds at the least: the document's
// head, a link home, the title and the text.
var page = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<link rel="stylesheet" href="/tract.css">
</head>
<body>
<header><a href="/{{.Lang}}/">{{.Lang}}</a></header>
<main>
<article>
<h1>{{.Title}}</h1>
{{.Body}}
</article>
</main>
</body>
</html>
`))

type text struct {
	path, out, lang string
}

func run(site, to string, jobs int) (int, error) {
	if _, err := os.Lstat(to); err == nil {
		return 0, fmt.Errorf("%s exists", to)
	}
	content := filepath.Join(site, "content")
	var texts []text
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		rel, err := filepath.Rel(content, p)
		if err != nil {
			return err
		}
		parts := strings.Split(filepath.ToSlash(rel), "/")
		if len(parts) != 3 {
			return nil // not content/<section>/<slug>/<lang>.md
		}
		lang := strings.TrimSuffix(parts[2], ".md")
		texts = append(texts, text{path: p, lang: lang, out: filepath.Join(to, lang, parts[0], parts[1], "index.html")})
		return nil
	})
	if err != nil {
		return 0, err
	}
	if len(texts) == 0 {
		return 0, errors.New("no texts under " + content)
	}
	next := make(chan text)
	errs := make([]error, jobs)
	var wg sync.WaitGroup
	for w := range jobs {
		wg.Go(func() {
			md := newMarkdown()
			var body, out bytes.Buffer
			for t := range next {
				if errs[w] == nil {
					errs[w] = write(md, t, &body, &out)
				}
			}
		})
	}
	for _, t := range texts {
		next <- t
	}
	close(next)
	wg.Wait()
	return len(texts), errors.Join(errs...)
}

// newMarkdown is goldmark with the extensions tract's parser uses.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(
		extension.Table, extension.Strikethrough, extension.TaskList,
		extension.Footnote, extension.Typographer,
	))
}

// write makes the page of t.
func write(md goldmark.Markdown, t text, body, out *bytes.Buffer) error {
	data, err := os.ReadFile(t.path)
	if err != nil {
		return err
	}
	title, src := split(data)
	body.Reset()
	if err := md.Convert(src, body); err != nil {
		return fmt.Errorf("%s: %w", t.path, err)
	}
	out.Reset()
	err = page.Execute(out, struct {
		Lang, Title string
		Body        template.HTML
	}{t.lang, title, template.HTML(body.String())}) // goldmark's renderer leaves raw HTML out by default
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(t.out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(t.out, out.Bytes(), 0o644)
}

// split returns the title line's value and the body after the front
// matter, read as plainly as can be: the lines between the first two
// "---" lines, a "title:" line among them.
func split(data []byte) (title string, body []byte) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return "", data
	}
	front, body, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return "", data
	}
	for line := range bytes.SplitSeq(front, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("title:")); ok {
			title = strings.Trim(strings.TrimSpace(string(v)), `"'`)
		}
	}
	return title, body
}
